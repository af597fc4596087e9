"""The talent-management nine-box (PermenPAN-RB 3/2020): axes, boxes, recommendations, pools.

:class:`NineBoxPolicy` maps :class:`Performance` (kinerja) and :class:`Potential`
(potensial) to the boxes 1-9 and their recommendations, with the score cut-offs
that turn numbers into ranks (our reading, stated in the policy's source).
:class:`TalentPoolPolicy` says which boxes enter the talent pool at each
:class:`PoolLevel` (the agency's pool and the national one).

Examples:
    >>> NINE_BOX_PERMENPANRB_3_2020.grid[(Performance.ABOVE, Potential.HIGH)]
    9
    >>> TALENT_POOL_PERMENPANRB_3_2020.boxes_for("nasional")
    (9,)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError

__all__ = [
    "NINE_BOX_PERMENPANRB_3_2020",
    "TALENT_POOL_PERMENPANRB_3_2020",
    "NineBoxPolicy",
    "Performance",
    "PoolLevel",
    "Potential",
    "TalentPoolPolicy",
]


class Performance(str, enum.Enum):
    """The performance (kinerja) axis."""

    BELOW = "below"
    """Di bawah ekspektasi: below expectation."""
    MEETS = "meets"
    """Sesuai ekspektasi: meets expectation."""
    ABOVE = "above"
    """Di atas ekspektasi: above expectation."""


class Potential(str, enum.Enum):
    """The potential (potensial) axis."""

    LOW = "low"
    """Rendah: low."""
    MIDDLE = "middle"
    """Menengah: middle."""
    HIGH = "high"
    """Tinggi: high."""


def _grid(value: Mapping[Any, int]) -> Mapping[tuple[Performance, Potential], int]:
    if not isinstance(value, Mapping):
        raise ValidationError("grid", "a mapping {(performance, potential): box number}", value)
    out: dict[tuple[Performance, Potential], int] = {}
    for key, box in value.items():
        try:
            perf, pot = key
            cell = (Performance(perf), Potential(pot))
        except (TypeError, ValueError):
            raise ValidationError("grid", "keys (performance, potential)", key) from None
        if isinstance(box, bool) or not isinstance(box, int):
            raise ValidationError("grid", "whole box numbers 1-9", box)
        out[cell] = box
    # A read-only view: the policy is frozen, and the national one is shared by every caller.
    return _validate.FrozenMapping(dict(sorted(out.items(), key=lambda kv: kv[1])))


def _recommendations(value: Mapping[Any, str]) -> Mapping[int, str]:
    if not isinstance(value, Mapping):
        raise ValidationError("recommendations", "a mapping {box number: text}", value)
    for box, text in value.items():
        if isinstance(box, bool) or not isinstance(box, int):
            raise ValidationError("recommendations", "box numbers 1-9 as keys", box)
        if not isinstance(text, str):
            raise ValidationError(f"recommendations[{box}]", "a text", text)
    return _validate.FrozenMapping(dict(sorted(value.items())))


def _cutoffs(value: Iterable[float]) -> tuple[float, float]:
    try:
        items = tuple(value)
    except TypeError:
        raise ValidationError("cutoffs", "two increasing finite numbers", value) from None
    ok = len(items) == 2 and all(_validate.is_finite_real(v) for v in items)
    if not ok or not float(items[0]) < float(items[1]):
        raise ValidationError("cutoffs", "two increasing finite numbers", items)
    return (float(items[0]), float(items[1]))


@attrs.frozen(kw_only=True, repr=False)
class NineBoxPolicy:
    """The nine-box numbering, its recommendations and how scores map to ranks.

    Args:
        name: Policy name.
        version: Policy version.
        grid: ``{(performance, potential): box number}``; the nine numbers 1-9, once each.
        recommendations: ``{box number: recommendation}`` for each box.
        performance_cutoffs: ``(meets from, above from)`` on the performance score scale.
        potential_cutoffs: ``(middle from, high from)`` on the potential score scale.
        score_range: The lowest and highest score accepted on both axes.
        source: The regulation or practice followed and how sure we are.

    Raises:
        ValidationError: If the grid is not a one-to-one numbering 1-9, a box
            lacks a recommendation, or the cut-offs are not increasing.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    grid: Mapping[tuple[Performance, Potential], int] = attrs.field(converter=_grid, hash=False)
    recommendations: Mapping[int, str] = attrs.field(converter=_recommendations, hash=False)
    performance_cutoffs: tuple[float, float] = attrs.field(converter=_cutoffs)
    potential_cutoffs: tuple[float, float] = attrs.field(converter=_cutoffs)
    score_range: tuple[float, float] = attrs.field(default=(0.0, 100.0), converter=_cutoffs)
    source: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        cells = {(p, q) for p in Performance for q in Potential}
        if set(self.grid) != cells or sorted(self.grid.values()) != list(range(1, 10)):
            raise ValidationError(
                "grid", "each of the nine cells numbered 1-9 once", dict(self.grid)
            )
        missing = [b for b in range(1, 10) if not str(self.recommendations.get(b, "")).strip()]
        if missing:
            raise ValidationError("recommendations", "a recommendation for boxes 1-9", missing)
        low, high = self.score_range
        for field, (a, b) in (
            ("performance_cutoffs", self.performance_cutoffs),
            ("potential_cutoffs", self.potential_cutoffs),
        ):
            if not low < a < b <= high:
                raise ValidationError(field, f"two cut-offs inside {low:g}..{high:g}", (a, b))

    def performance(self, value: Performance | str | float) -> Performance:
        """Return the performance rank of a rank name or a score.

        Raises:
            ValidationError: If the value is neither a rank nor a score in range.
        """
        if isinstance(value, str):
            return _validate.to_enum(Performance, "performance")(value)
        rank = self._rank(value, self.performance_cutoffs, "performance")
        return (Performance.BELOW, Performance.MEETS, Performance.ABOVE)[rank]

    def potential(self, value: Potential | str | float) -> Potential:
        """Return the potential rank of a rank name or a score.

        Raises:
            ValidationError: If the value is neither a rank nor a score in range.
        """
        if isinstance(value, str):
            return _validate.to_enum(Potential, "potential")(value)
        rank = self._rank(value, self.potential_cutoffs, "potential")
        return (Potential.LOW, Potential.MIDDLE, Potential.HIGH)[rank]

    def _rank(self, value: object, cutoffs: tuple[float, float], field: str) -> int:
        low, high = self.score_range
        if not _validate.is_finite_real(value) or not low <= float(value) <= high:  # type: ignore[arg-type]
            raise ValidationError(field, f"a rank name or a score in {low:g}..{high:g}", value)
        score = float(value)  # type: ignore[arg-type]
        return sum(score >= c for c in cutoffs)


NINE_BOX_PERMENPANRB_3_2020 = NineBoxPolicy(
    name="nine-box-PermenPANRB-3-2020",
    version="2020.1",
    grid={
        ("below", "low"): 1,
        ("meets", "low"): 2,
        ("below", "middle"): 3,
        ("above", "low"): 4,
        ("meets", "middle"): 5,
        ("below", "high"): 6,
        ("above", "middle"): 7,
        ("meets", "high"): 8,
        ("above", "high"): 9,
    },
    recommendations={
        1: "Handle under the rules on performance and discipline.",
        2: "Guide performance, develop competencies, place in a fitting position.",
        3: "Guide and counsel on performance, develop competencies, place fittingly.",
        4: "Rotate and develop competencies.",
        5: "Place fittingly, guide performance, develop competencies.",
        6: "Place fittingly, guide and counsel on performance.",
        7: "Retain; add to the succession pool; rotate or enrich the job; develop; "
        "consider study assignment.",
        8: "Retain; add to the succession pool; rotate or enlarge the job; guide performance.",
        9: "Promote and retain; add to the agency or national succession pool; recognise.",
    },
    performance_cutoffs=(76, 91),
    potential_cutoffs=(68, 80),
    source=(
        "Axes from PermenPAN-RB 3/2020 as amended by PermenPAN-RB 20/2025 (checked); box "
        "numbers and recommendations as government talent apps consistently show them. The "
        "score cut-offs are our defaults, set by no regulation: performance from the SKP score "
        "bands 76-90 and 91-100, potential from the JPM selection cut-offs 68 and 80."
    ),
)
"""The national nine-box numbering; score cut-offs are overridable defaults."""


class PoolLevel(str, enum.Enum):
    """The level of a talent pool: the agency's own, or the national one."""

    INSTANSI = "instansi"
    """The agency's pool (*kelompok rencana suksesi instansi*): successors within the agency."""
    NASIONAL = "nasional"
    """The national pool: successors for positions in any agency."""


def _pool_boxes(value: Mapping[Any, Iterable[int]]) -> Mapping[PoolLevel, tuple[int, ...]]:
    if not isinstance(value, Mapping):
        raise ValidationError("boxes", "a mapping {pool level: box numbers}", value)
    out: dict[PoolLevel, tuple[int, ...]] = {}
    for key, boxes in value.items():
        level = _validate.to_enum(PoolLevel, "boxes")(key)
        field = f"boxes[{level.value}]"
        if isinstance(boxes, (str, bytes)) or not isinstance(boxes, Iterable):
            raise ValidationError(field, "box numbers 1-9", boxes)
        items = tuple(boxes)
        for box in items:
            if isinstance(box, bool) or not isinstance(box, int) or not 1 <= box <= 9:
                raise ValidationError(field, "box numbers 1-9", box)
        if not items:
            raise ValidationError(field, "at least one box", items)
        out[level] = tuple(sorted(set(items), reverse=True))
    if set(out) != set(PoolLevel):
        raise ValidationError(
            "boxes", "the boxes of both pool levels", sorted(k.value for k in out)
        )
    return _validate.FrozenMapping({level: out[level] for level in PoolLevel})


@attrs.frozen(kw_only=True, repr=False)
class TalentPoolPolicy:
    """Which nine-box boxes enter the talent pool at each level.

    Args:
        name: Policy name.
        version: Policy version.
        boxes: ``{pool level: box numbers}`` for both levels; kept from the
            highest box down.
        source: The regulation or practice followed and how sure we are.

    Raises:
        ValidationError: If a level is missing or unknown, or a box is not 1-9.

    Examples:
        >>> TALENT_POOL_PERMENPANRB_3_2020.boxes_for(PoolLevel.INSTANSI)
        (9, 8, 7)
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    boxes: Mapping[PoolLevel, tuple[int, ...]] = attrs.field(converter=_pool_boxes, hash=False)
    source: str = attrs.field(default="", repr=False)

    def boxes_for(self, level: PoolLevel | str) -> tuple[int, ...]:
        """Return the boxes of one pool level, highest first.

        Raises:
            ValidationError: If ``level`` is not a pool level.
        """
        return self.boxes[_validate.to_enum(PoolLevel, "level")(level)]


TALENT_POOL_PERMENPANRB_3_2020 = TalentPoolPolicy(
    name="talent-pool-PermenPANRB-3-2020",
    version="2020.1",
    boxes={PoolLevel.INSTANSI: (7, 8, 9), PoolLevel.NASIONAL: (9,)},
    source=(
        "Boxes 7, 8 and 9 are recommended for the succession pool and box 9 also for the "
        "national pool, as government talent apps consistently show the PermenPAN-RB 3/2020 "
        "recommendations (consistent). Reading them as the members of the agency's pool "
        "(7, 8, 9) and of the national pool (9 only): our reading."
    ),
)
"""The agency's pool takes boxes 7, 8 and 9; the national pool box 9."""
