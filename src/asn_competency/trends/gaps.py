"""Gap summaries across assessment rounds: what changed, and whether it is more than noise.

:func:`track_gaps` lines up the gap summaries of several assessment rounds
(:func:`~asn_competency.gaps.summary.summarise_gaps`, one per round, grouped the
same way) and gives, per group and competency, the mean gap and the share below
standard in each round, and between consecutive rounds the change of the mean
gap and whether it is larger than the assessment noise.

The noise is the measurement error of the assessed levels: each person's level
carries a standard error ``sem`` (:class:`~asn_competency.policies.trends.TrendPolicy`,
half a level by default), so a mean over ``n`` people carries ``sem / sqrt(n)``
and a change between two rounds of ``n1`` and ``n2`` people is noise up to
``z x sem x sqrt(1/n1 + 1/n2)`` (1.96 at 95 %). A smaller gap is an improvement.
Suppressed groups and cells stay suppressed: a round where they are hidden has
no figure, and no change is computed across it.

Examples:
    >>> from asn_competency.trends.gaps import _example
    >>> trend = _example()
    >>> s = trend.series_of(("Pelayanan",), "MJ.PP")
    >>> [(p.round, p.mean_gap) for p in s.points]
    [('2023', 1.0), ('2024', 0.5), ('2025', 0.5)]
    >>> [(st.change, round(st.noise, 3), st.direction.value) for st in s.steps]
    [(-0.5, 0.49, 'improved'), (0.0, 0.49, 'within_noise')]
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.summary import GapSummary
from asn_competency.policies.trends import TRENDS_DEFAULT, TrendPolicy
from asn_competency.trends._periods import ordered, pairs

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GapPoint", "GapSeries", "GapStep", "GapTrend", "TrendDirection", "track_gaps"]


class TrendDirection(str, enum.Enum):
    """How a figure moved between two periods."""

    IMPROVED = "improved"
    """Better by more than the noise (or, without a noise band, better)."""
    WORSENED = "worsened"
    """Worse by more than the noise (or, without a noise band, worse)."""
    WITHIN_NOISE = "within_noise"
    """A change no larger than the noise, or none at all."""


def direction(change: float, noise: float | None, *, higher_is_better: bool) -> TrendDirection:
    """The direction of a change, given the noise band (``None``: any change counts)."""
    band = 0.0 if noise is None else noise
    if abs(change) <= band + 1e-12:
        return TrendDirection.WITHIN_NOISE
    better = change > 0 if higher_is_better else change < 0
    return TrendDirection.IMPROVED if better else TrendDirection.WORSENED


@attrs.frozen(kw_only=True)
class GapPoint:
    """One competency of one group in one round.

    Args:
        round: The round's label.
        assessed: People assessed in the competency.
        mean_gap: Mean gap over them; ``None`` when the cell is suppressed.
        share_below: Share below standard; ``None`` when the cell is suppressed.
    """

    round: str
    assessed: int
    mean_gap: float | None
    share_below: float | None


@attrs.frozen(kw_only=True)
class GapStep:
    """The change between two consecutive rounds.

    Args:
        from_round: The earlier round.
        to_round: The later round.
        change: Later mean gap minus earlier; ``None`` when either is not shown.
        share_change: Later share below standard minus earlier; ``None`` likewise.
        noise: Half-width of the noise band of the change; ``None`` likewise.
        direction: Improved (the gap narrowed by more than the noise), worsened,
            or within noise; ``None`` when the rounds cannot be compared.
    """

    from_round: str
    to_round: str
    change: float | None
    share_change: float | None
    noise: float | None
    direction: TrendDirection | None


@attrs.frozen(kw_only=True)
class GapSeries:
    """One group and competency across the rounds.

    Args:
        key: The group's key.
        competency_id: The competency.
        points: One point per round in which the group is shown, in round order.
        steps: One step per pair of consecutive rounds.
    """

    key: tuple[str, ...]
    competency_id: str
    points: tuple[GapPoint, ...]
    steps: tuple[GapStep, ...]


@attrs.frozen(kw_only=True)
class GapTrend:
    """Gap summaries across rounds.

    Args:
        by: The grouping fields.
        rounds: The rounds, earliest first.
        series: One series per group and competency, sorted by key and competency.
        policy: The noise policy used.
    """

    by: tuple[str, ...]
    rounds: tuple[str, ...]
    series: tuple[GapSeries, ...]
    policy: TrendPolicy

    def series_of(self, key: tuple[str, ...], competency_id: str) -> GapSeries:
        """Return the series of one group and competency.

        Raises:
            UnknownIdError: If no round shows that group with that competency.
        """
        for s in self.series:
            if s.key == tuple(key) and s.competency_id == competency_id:
                return s
        raise UnknownIdError("series", f"{tuple(key)!r} {competency_id}", "the gap trend")

    def beyond_noise(self) -> tuple[tuple[GapSeries, GapStep], ...]:
        """Every step that improved or worsened by more than the noise."""
        real = (TrendDirection.IMPROVED, TrendDirection.WORSENED)
        return tuple((s, st) for s in self.series for st in s.steps if st.direction in real)

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per series and step.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df[["competency_id", "to_round", "direction"]].values.tolist()[0]
            ['MJ.PP', '2024', 'improved']
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [
            *self.by,
            "competency_id",
            "from_round",
            "to_round",
            "change",
            "share_change",
            "noise",
            "direction",
        ]
        rows = [
            [
                *s.key,
                s.competency_id,
                st.from_round,
                st.to_round,
                st.change,
                st.share_change,
                st.noise,
                None if st.direction is None else st.direction.value,
            ]
            for s in self.series
            for st in s.steps
        ]
        return pd.DataFrame(rows, columns=columns)


def _step(
    a: GapPoint | None, b: GapPoint | None, labels: tuple[str, str], policy: TrendPolicy
) -> GapStep:
    if a is None or b is None or a.mean_gap is None or b.mean_gap is None:
        return GapStep(
            from_round=labels[0],
            to_round=labels[1],
            change=None,
            share_change=None,
            noise=None,
            direction=None,
        )
    change = b.mean_gap - a.mean_gap
    noise = policy.z * policy.assessment_sem * math.sqrt(1 / a.assessed + 1 / b.assessed)
    share = None
    if a.share_below is not None and b.share_below is not None:
        share = round(b.share_below - a.share_below, 9)
    return GapStep(
        from_round=labels[0],
        to_round=labels[1],
        change=round(change, 9),
        share_change=share,
        noise=noise,
        direction=direction(change, noise, higher_is_better=False),
    )


def track_gaps(
    rounds: Mapping[Any, GapSummary] | Iterable[tuple[Any, GapSummary]],
    *,
    policy: TrendPolicy = TRENDS_DEFAULT,
) -> GapTrend:
    """Follow gap summaries across assessment rounds.

    Args:
        rounds: ``{round: GapSummary}`` or ``(round, GapSummary)`` pairs; a round
            is a :class:`~asn_competency.domain.period.Period`, a year or a label.
            Rounds sort by date when every label is a period (``"2024"``,
            ``"2025-S1"``), else as texts.
        policy: The assessment noise and the confidence of the band.

    Returns:
        One series per group and competency shown in at least one round.

    Raises:
        ValidationError: For a summary of the wrong kind, a round given twice,
            or summaries grouped by different fields.

    Notes:
        O(rounds x cells).
    """
    if not isinstance(policy, TrendPolicy):
        raise ValidationError("policy", "a TrendPolicy", policy)
    items = ordered(rounds, "rounds")
    by: tuple[str, ...] | None = None
    table: dict[tuple[tuple[str, ...], str], dict[str, GapPoint]] = {}
    for label, summary in items:
        if not isinstance(summary, GapSummary):
            raise ValidationError(f"rounds[{label}]", "a GapSummary", summary)
        if by is not None and summary.by != by:
            raise ValidationError(f"rounds[{label}].by", f"the grouping {by!r}", summary.by)
        by = summary.by
        for g in summary.groups:
            for c in g.cells:
                table.setdefault((g.key, c.competency_id), {})[label] = GapPoint(
                    round=label,
                    assessed=c.assessed,
                    mean_gap=c.mean_gap,
                    share_below=c.share_below,
                )
    labels = [lab for lab, _ in items]
    series = []
    for (key, cid), found in sorted(table.items()):
        steps = tuple(_step(found.get(a), found.get(b), (a, b), policy) for a, b in pairs(labels))
        series.append(
            GapSeries(
                key=key,
                competency_id=cid,
                points=tuple(found[lab] for lab in labels if lab in found),
                steps=steps,
            )
        )
    return GapTrend(by=by or (), rounds=tuple(labels), series=tuple(series), policy=policy)


def _example() -> GapTrend:
    """Three rounds of one unit of eight people for the doctests."""
    import datetime as dt  # noqa: PLC0415

    from asn_competency.domain.assessment import Assessment  # noqa: PLC0415
    from asn_competency.domain.employee import Employee  # noqa: PLC0415
    from asn_competency.domain.position import PositionStandard, Requirement  # noqa: PLC0415
    from asn_competency.gaps.individual import analyse_population  # noqa: PLC0415
    from asn_competency.gaps.summary import summarise_gaps  # noqa: PLC0415

    nips = [f"19900101201503100{i}" for i in range(1, 9)]
    staff = [Employee(nip=n, name="X", unit="Pelayanan", position_id="FO") for n in nips]
    std = {
        "FO": PositionStandard(
            position_id="FO",
            framework_id="asn-national",
            requirements=[Requirement(competency_id="MJ.PP", level=3)],
        )
    }
    levels = {2023: [2] * 8, 2024: [2, 2, 2, 2, 3, 3, 3, 3], 2025: [2, 3, 2, 3, 2, 3, 2, 3]}
    rounds = {}
    for year, lv in levels.items():
        marks = [
            Assessment(nip=n, competency_id="MJ.PP", level=v, assessed_on=dt.date(year, 3, 1))
            for n, v in zip(nips, lv, strict=True)
        ]
        rounds[year] = summarise_gaps(analyse_population(staff, marks, std), employees=staff)
    return track_gaps(rounds)
