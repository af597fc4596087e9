"""Kirkpatrick level 1, reaction: participants' feedback and participation.

Level 1 asks whether participants found a course satisfying, relevant to their
job and well taught, and whether they came. :func:`summarise_reaction` turns
feedback on a Likert scale (:class:`~asn_competency.policies.evaluation.FeedbackScale`)
into per-item means and distributions, and an optional
:class:`~asn_competency.domain.development.Programme` into participation,
attendance and completion rates.

Examples:
    >>> summarise_reaction({"relevance": [4, 5, 3]}).overall_mean
    4.0
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.development import Programme
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.evaluation._stats import _sd
from asn_competency.policies.evaluation import LIKERT_1_5, FeedbackScale

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ItemSummary", "ReactionSummary", "summarise_reaction"]


_mean = _validate.fsum_mean


@attrs.frozen(kw_only=True)
class ItemSummary:
    """Statistics of one feedback item.

    Args:
        item: The item id (for example ``"relevance"``).
        n: Number of responses.
        mean: Mean score.
        sd: Sample standard deviation; ``None`` for a single response.
        distribution: ``(score, count)`` for every point of the scale, lowest first.
        favourable_share: Share of responses at or above the scale's favourable score.
    """

    item: str
    n: int
    mean: float
    sd: float | None
    distribution: tuple[tuple[int, int], ...]
    favourable_share: float


@attrs.frozen(kw_only=True)
class ReactionSummary:
    """Level 1: what participants thought of a programme and whether they took part.

    Args:
        scale: The feedback scale used.
        items: One summary per item, sorted by item id.
        overall_mean: Unweighted mean of the item means; ``None`` without feedback.
        invited: People invited, if known.
        enrolled: People enrolled (unique NIPs), if a programme was given.
        participation_rate: ``enrolled / invited`` when both are known.
        attendance_rate: Mean attendance share over all enrolments.
        completion_rate: Share of enrolments completed.
    """

    scale: FeedbackScale
    items: tuple[ItemSummary, ...]
    overall_mean: float | None
    invited: int | None = None
    enrolled: int | None = None
    participation_rate: float | None = None
    attendance_rate: float | None = None
    completion_rate: float | None = None

    @property
    def score(self) -> float | None:
        """The overall mean on 0-100 (scale minimum -> 0); ``None`` without feedback."""
        if self.overall_mean is None:
            return None
        return self.scale.to_percent(self.overall_mean)

    def item(self, item: str) -> ItemSummary:
        """Return the summary of one item.

        Raises:
            UnknownIdError: If no responses were given for the item.
        """
        for s in self.items:
            if s.item == item:
                return s
        raise UnknownIdError("feedback item", item, "reaction summary")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per item with n, mean, sd, favourable share and counts per score.

        Examples:
            >>> s = summarise_reaction({"relevance": [4, 5], "speaker": [3, 3]})
            >>> s.to_dataframe()[["item", "mean", "count_3"]].values.tolist()
            [['relevance', 4.5, 0], ['speaker', 3.0, 2]]
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        points = self.scale.points
        columns = ["item", "n", "mean", "sd", "favourable_share"] + [f"count_{p}" for p in points]
        rows: list[dict[str, object]] = []
        for s in self.items:
            row: dict[str, object] = {
                "item": s.item,
                "n": s.n,
                "mean": s.mean,
                "sd": s.sd,
                "favourable_share": s.favourable_share,
            }
            row.update({f"count_{p}": c for p, c in s.distribution})
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)


def _summarise_item(item: str, scores: Iterable[object], scale: FeedbackScale) -> ItemSummary:
    if not _validate.is_identifier(item):
        raise ValidationError(
            "responses", "item ids of letters, digits, '_', '.', ':' or '-'", item
        )
    values: list[int] = []
    for i, v in enumerate(scores):
        if (
            isinstance(v, bool)
            or not isinstance(v, numbers.Integral)
            or not scale.minimum <= int(v) <= scale.maximum
        ):
            raise ValidationError(
                f"responses[{item}][{i}]",
                f"a whole number in {scale.minimum}..{scale.maximum}",
                v,
            )
        values.append(int(v))
    if not values:
        raise ValidationError(f"responses[{item}]", "at least one response", 0)
    counts = dict.fromkeys(scale.points, 0)
    for v in values:
        counts[v] += 1
    favourable = sum(c for p, c in counts.items() if p >= scale.favourable_from)
    return ItemSummary(
        item=item,
        n=len(values),
        mean=_mean([float(v) for v in values]),
        sd=_sd([float(v) for v in values]) if len(values) > 1 else None,
        distribution=tuple(counts.items()),
        favourable_share=favourable / len(values),
    )


def summarise_reaction(
    responses: Mapping[str, Iterable[int]],
    *,
    programme: Programme | None = None,
    invited: int | None = None,
    scale: FeedbackScale = LIKERT_1_5,
) -> ReactionSummary:
    """Summarise reaction feedback and, optionally, participation in a programme.

    Args:
        responses: ``{item id: scores}``, for example ``{"relevance": [4, 5, 3]}``
            (see :data:`REACTION_ITEMS`); may be empty when only participation is wanted.
        programme: The programme; gives the number enrolled (unique NIPs), the
            attendance rate (mean of :attr:`Enrolment.attendance` over enrolments)
            and the completion rate (share of enrolments completed).
        invited: People invited; with a programme gives the participation rate.
        scale: The rating scale (1-5 Likert by default).

    Returns:
        A :class:`ReactionSummary`; rates that cannot be computed are ``None``.

    Raises:
        ValidationError: For a score outside the scale or not a whole number, an
            item without responses, a bad item id, ``invited`` below 1 or below
            the number enrolled.

    Examples:
        >>> s = summarise_reaction({"relevance": [5, 4, 4, 2], "speaker": [5, 5, 4, 4]})
        >>> s.item("relevance").mean, s.item("relevance").favourable_share
        (3.75, 0.75)
        >>> s.overall_mean, s.score
        (4.125, 78.125)
        >>> summarise_reaction({"relevance": [6]})
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'responses[relevance][0]' must be a whole number in 1..5 (got 6)
    """  # noqa: E501
    items = tuple(_summarise_item(k, responses[k], scale) for k in sorted(responses))
    overall = _mean([s.mean for s in items]) if items else None
    if invited is not None and (
        isinstance(invited, bool) or not isinstance(invited, int) or invited < 1
    ):
        raise ValidationError("invited", "a whole number >= 1", invited)
    enrolled = attendance = completion = participation = None
    if programme is not None:
        enrolled = len(programme.participants)
        if programme.enrolments:
            attendance = _mean([e.attendance for e in programme.enrolments])
            completion = sum(e.completed for e in programme.enrolments) / len(programme.enrolments)
        if invited is not None:
            if invited < enrolled:
                raise ValidationError(
                    "invited", f"at least the {enrolled} people enrolled", invited
                )
            participation = enrolled / invited
    return ReactionSummary(
        scale=scale,
        items=items,
        overall_mean=overall,
        invited=invited,
        enrolled=enrolled,
        participation_rate=participation,
        attendance_rate=attendance,
        completion_rate=completion,
    )
