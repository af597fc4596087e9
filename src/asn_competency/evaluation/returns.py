"""Kirkpatrick level 5 (Phillips), return: monetised benefits against costs.

:func:`analyse_return` gives the benefit-cost ratio, ROI %, and the cost per
participant, per JP and per gap point closed.

Examples:
    >>> r = analyse_return({"waktu_hemat": 150_000_000}, {"pelatihan": 100_000_000})
    >>> r.bcr, r.roi_pct
    (1.5, 50.0)
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.development import Programme
from asn_competency.errors import ValidationError

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["ReturnResult", "analyse_return"]


# A finite real number, not a bool; an int too large for a float is not one.
_is_number = _validate.is_finite_real


# --------------------------------------------------------------------------- level 5


@attrs.frozen(kw_only=True)
class ReturnResult:
    """Level 5 (Phillips): monetised benefits against costs.

    Args:
        benefits: ``(item, amount)`` pairs, sorted by item.
        costs: ``(item, amount)`` pairs, sorted by item.
        total_benefits: Sum of the benefits.
        total_costs: Sum of the costs (> 0).
        bcr: Benefit-cost ratio, ``benefits / costs``.
        roi_pct: ``(benefits - costs) / costs x 100``.
        participants: Number of participants, if known.
        cost_per_participant: ``costs / participants``.
        jp_total: Learning hours delivered (participant-JP), if known.
        cost_per_jp: ``costs / jp_total``.
        gap_points_closed: Competency-gap points closed, if known.
        cost_per_gap_point: ``costs / gap_points_closed``.
    """

    benefits: tuple[tuple[str, float], ...]
    costs: tuple[tuple[str, float], ...]
    total_benefits: float
    total_costs: float
    bcr: float
    roi_pct: float
    participants: int | None = None
    cost_per_participant: float | None = None
    jp_total: float | None = None
    cost_per_jp: float | None = None
    gap_points_closed: float | None = None
    cost_per_gap_point: float | None = None

    @property
    def net_benefit(self) -> float:
        """``benefits - costs``."""
        return self.total_benefits - self.total_costs

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per benefit or cost item (``kind`` is ``"benefit"`` or ``"cost"``).

        Examples:
            >>> r = analyse_return({"b": 3.0}, {"a": 2.0})
            >>> r.to_dataframe().values.tolist()
            [['benefit', 'b', 3.0], ['cost', 'a', 2.0]]
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows = [("benefit", k, v) for k, v in self.benefits] + [
            ("cost", k, v) for k, v in self.costs
        ]
        return pd.DataFrame(rows, columns=["kind", "item", "amount"])


def _amounts(field: str, value: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, Mapping):
        raise ValidationError(field, "a mapping {item: amount}", value)
    for k in value:
        if not isinstance(k, str):
            raise ValidationError(field, "items named by text", k)
    out: list[tuple[str, float]] = []
    for k in sorted(value):
        v = value[k]
        if not _is_number(v) or v < 0:
            raise ValidationError(f"{field}[{k}]", "a finite amount >= 0", v)
        out.append((k, float(v)))
    return tuple(out)


def _total(field: str, amounts: tuple[tuple[str, float], ...]) -> float:
    """The exact sum of the amounts, or a ValidationError when it exceeds the float range."""
    try:
        return math.fsum(v for _, v in amounts)
    except OverflowError:  # fsum of finite amounts raises rather than return inf
        raise ValidationError(
            field, f"amounts whose total is at most {sys.float_info.max:g}", "a larger total"
        ) from None


def _per(total: float, count: float | None) -> float | None:
    if count is None or count <= 0:
        return None
    try:
        return total / count
    except OverflowError:
        # A count beyond the float range (an int such as 10**400): the share is 0.0.
        return 0.0


def analyse_return(
    benefits: Mapping[str, float],
    costs: Mapping[str, float],
    *,
    programme: Programme | None = None,
    participants: int | None = None,
    jp_total: float | None = None,
    gap_points_closed: float | None = None,
) -> ReturnResult:
    """Compute the Phillips return on a programme (Kirkpatrick level 5).

    Args:
        benefits: Monetised benefits in rupiah, ``{item: amount}`` (each >= 0).
        costs: Fully loaded costs in rupiah, ``{item: amount}`` (each >= 0, total > 0).
        programme: Gives the participants (unique NIPs) and the participant-JP
            delivered (every enrolment, completed or not) when not passed.
        participants: Number of participants.
        jp_total: Learning hours delivered, summed over participants.
        gap_points_closed: Competency-gap points closed, for example
            :attr:`BehaviourResult.points_gained`.

    Returns:
        A :class:`ReturnResult`; a ratio whose denominator is unknown or 0 is ``None``.

    Raises:
        ValidationError: For an item name that is not text, a negative or
            non-finite amount, a total beyond the float range, benefits without
            any cost (total cost 0), or a negative count.

    Examples:
        >>> r = analyse_return({"hemat_waktu": 90e6, "kurang_komplain": 30e6},
        ...                    {"pelatih": 50e6, "waktu_peserta": 30e6},
        ...                    participants=40, jp_total=40 * 24, gap_points_closed=32)
        >>> r.bcr, r.roi_pct, r.cost_per_participant, r.cost_per_gap_point
        (1.5, 50.0, 2000000.0, 2500000.0)
        >>> analyse_return({"hemat_waktu": 1e6}, {})
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'costs' must be a total > 0 to set the benefits against (got 0.0)
    """  # noqa: E501
    b = _amounts("benefits", benefits)
    c = _amounts("costs", costs)
    total_b = _total("benefits", b)
    total_c = _total("costs", c)
    if total_c <= 0:
        raise ValidationError("costs", "a total > 0 to set the benefits against", total_c)
    for field, value in (("jp_total", jp_total), ("gap_points_closed", gap_points_closed)):
        if value is not None and (not _is_number(value) or value < 0):
            raise ValidationError(field, "a finite number >= 0", value)
    if participants is not None and (
        isinstance(participants, bool) or not isinstance(participants, int) or participants < 0
    ):
        raise ValidationError("participants", "a whole number >= 0", participants)
    if programme is not None:
        if not isinstance(programme, Programme):
            raise ValidationError("programme", "a Programme", programme)
        if participants is None:
            participants = len(programme.participants)
        if jp_total is None:
            jp_total = math.fsum(programme.jp_by_person(completed_only=False).values())
    return ReturnResult(
        benefits=b,
        costs=c,
        total_benefits=total_b,
        total_costs=total_c,
        bcr=total_b / total_c,
        roi_pct=(total_b - total_c) / total_c * 100.0,
        participants=participants,
        cost_per_participant=_per(total_c, participants),
        jp_total=None if jp_total is None else float(jp_total),
        cost_per_jp=_per(total_c, jp_total),
        gap_points_closed=None if gap_points_closed is None else float(gap_points_closed),
        cost_per_gap_point=_per(total_c, gap_points_closed),
    )
