"""The talent-management nine-box: performance (kinerja) against potential (potensial).

Talent management of civil servants (PermenPAN-RB 3/2020, amended by
PermenPAN-RB 20/2025) places each person on two axes: performance below, meeting
or above expectation, and potential low, middle or high (from competency and
potential assessment and track record). The nine combinations are numbered
boxes, each with a development recommendation:

=====  ================  ==========  ==============================================
box    performance       potential   recommendation (our summary)
=====  ================  ==========  ==============================================
1      below             low         handle under the performance and discipline rules
2      meets             low         performance guidance, development, fitting placement
3      below             middle      guidance and counselling, development, fitting placement
4      above             low         rotation, competency development
5      meets             middle      fitting placement, performance guidance, development
6      below             high        fitting placement, guidance and counselling
7      above             middle      retain; succession pool; rotation or enrichment
8      meets             high        retain; succession pool; rotation or enlargement
9      above             high        promote and retain; agency or national succession pool
=====  ================  ==========  ==============================================

Scores (numbers) can stand for the ranks: the :class:`NineBoxPolicy` maps them
with documented cut-offs, which are our defaults, not the regulation's.

Examples:
    >>> box = talent_box("above", "high")
    >>> box.number, box.performance_id, box.potential_en
    (9, 'Di atas ekspektasi', 'High')
    >>> talent_box(80, 70).number  # 80 meets (76..<91); 70 is middle (68..<80)
    5
"""

from __future__ import annotations

import enum
import numbers
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.employee import Employee
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.organisation import SUPPRESSION_DEFAULT, SuppressionPolicy, group_key, grouping_fields

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "NINE_BOX_PERMENPANRB_3_2020",
    "NineBoxPolicy",
    "Performance",
    "Potential",
    "TalentBox",
    "TalentDistribution",
    "TalentGroup",
    "talent_box",
    "talent_distribution",
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


_PERFORMANCE_LABELS = {
    Performance.BELOW: ("Di bawah ekspektasi", "Below expectation"),
    Performance.MEETS: ("Sesuai ekspektasi", "Meets expectation"),
    Performance.ABOVE: ("Di atas ekspektasi", "Above expectation"),
}
_POTENTIAL_LABELS = {
    Potential.LOW: ("Rendah", "Low"),
    Potential.MIDDLE: ("Menengah", "Middle"),
    Potential.HIGH: ("Tinggi", "High"),
}


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


@attrs.frozen(kw_only=True)
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

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    grid: Mapping[tuple[Performance, Potential], int] = attrs.field(converter=_grid, hash=False)
    recommendations: Mapping[int, str] = attrs.field(converter=_recommendations, hash=False)
    performance_cutoffs: tuple[float, float] = attrs.field(converter=_cutoffs)
    potential_cutoffs: tuple[float, float] = attrs.field(converter=_cutoffs)
    score_range: tuple[float, float] = attrs.field(default=(0.0, 100.0), converter=_cutoffs)
    source: str = ""

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


def _box_number(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9:
        raise ValidationError(attribute.name, "a box number 1-9", value)


def _to_performance(value: object) -> Performance:
    return _validate.to_enum(Performance, "performance")(value)


def _to_potential(value: object) -> Potential:
    return _validate.to_enum(Potential, "potential")(value)


@attrs.frozen(kw_only=True)
class TalentBox:
    """One person's place on the nine-box.

    Args:
        number: The box, 1-9.
        performance: The performance rank.
        potential: The potential rank.
        recommendation: What the policy recommends for the box.
        policy_name: The policy used.

    Raises:
        ValidationError: If ``number`` is not a whole number 1-9 or a rank is unknown.
    """

    number: int = attrs.field(validator=_box_number)
    performance: Performance = attrs.field(converter=_to_performance)
    potential: Potential = attrs.field(converter=_to_potential)
    recommendation: str
    policy_name: str

    @property
    def performance_id(self) -> str:
        """The performance rank in Indonesian."""
        return _PERFORMANCE_LABELS[self.performance][0]

    @property
    def performance_en(self) -> str:
        """The performance rank in English."""
        return _PERFORMANCE_LABELS[self.performance][1]

    @property
    def potential_id(self) -> str:
        """The potential rank in Indonesian."""
        return _POTENTIAL_LABELS[self.potential][0]

    @property
    def potential_en(self) -> str:
        """The potential rank in English."""
        return _POTENTIAL_LABELS[self.potential][1]


def _check_nine_box(policy: object) -> NineBoxPolicy:
    if not isinstance(policy, NineBoxPolicy):
        raise ValidationError("policy", "a NineBoxPolicy", policy)
    return policy


def talent_box(
    performance: Performance | str | float,
    potential: Potential | str | float,
    *,
    policy: NineBoxPolicy = NINE_BOX_PERMENPANRB_3_2020,
) -> TalentBox:
    """Place a person on the nine-box.

    Args:
        performance: ``"below"``, ``"meets"``, ``"above"`` (or the enum), or a
            score mapped by the policy's performance cut-offs.
        potential: ``"low"``, ``"middle"``, ``"high"`` (or the enum), or a score
            mapped by the policy's potential cut-offs.
        policy: The numbering, recommendations and cut-offs.

    Returns:
        The box with both axes in Indonesian and English and the recommendation.

    Raises:
        ValidationError: For an unknown rank, a score outside the policy's
            range, or a value that is neither.

    Examples:
        >>> b = talent_box("below", "low")
        >>> b.number, b.recommendation
        (1, 'Handle under the rules on performance and discipline.')
        >>> talent_box(91, "low").number  # a score of 91 is above expectation
        4
    """
    policy = _check_nine_box(policy)
    perf = policy.performance(performance)
    pot = policy.potential(potential)
    number = policy.grid[(perf, pot)]
    return TalentBox(
        number=number,
        performance=perf,
        potential=pot,
        recommendation=policy.recommendations[number],
        policy_name=policy.name,
    )


@attrs.frozen(kw_only=True)
class TalentGroup:
    """Counts over the nine boxes for one shown group.

    Args:
        key: The group's values of the grouping fields (``()`` when ungrouped).
        people: People placed.
        counts: People in boxes 1 to 9, in that order.
    """

    key: tuple[str, ...]
    people: int
    counts: tuple[int, ...]

    def count(self, box: int) -> int:
        """Return the number of people in one box (1-9).

        Raises:
            ValidationError: If ``box`` is not a whole number 1-9 (NumPy integers included).

        Examples:
            >>> TalentGroup(key=(), people=1, counts=(0, 0, 0, 0, 1, 0, 0, 0, 0)).count(5)
            1
        """
        if isinstance(box, bool) or not isinstance(box, numbers.Integral) or not 1 <= box <= 9:
            raise ValidationError("box", "a box number 1-9", box)
        return self.counts[int(box) - 1]


@attrs.frozen(kw_only=True)
class TalentDistribution:
    """Counts over the nine boxes, by group, with small groups suppressed.

    Args:
        by: The grouping fields (empty when ungrouped).
        groups: The shown groups, sorted by key.
        suppressed_groups: How many groups were too small to show.
        totals: Counts per box over the shown groups only.
        policy: The suppression policy used when grouped; ``None`` when not grouped.
    """

    by: tuple[str, ...]
    groups: tuple[TalentGroup, ...]
    suppressed_groups: int
    totals: tuple[int, ...]
    policy: SuppressionPolicy | None

    def group(self, *key: str) -> TalentGroup:
        """Return a shown group by its key.

        Raises:
            UnknownIdError: If no shown group has that key.
        """
        for g in self.groups:
            if g.key == key:
                return g
        raise UnknownIdError("group", repr(key), "the shown groups")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per shown group, with columns ``box_1`` to ``box_9``.

        Examples:
            >>> talent_distribution([]).to_dataframe().columns.tolist()[:2]
            ['people', 'box_1']
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [*self.by, "people", *(f"box_{b}" for b in range(1, 10))]
        rows = [[*g.key, g.people, *g.counts] for g in self.groups]
        return pd.DataFrame(rows, columns=columns)


def talent_distribution(
    placements: Iterable[tuple[Employee, TalentBox]],
    by: str | Iterable[str] | None = None,
    *,
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> TalentDistribution:
    """Count people per box, overall or by group.

    Args:
        placements: ``(employee, box)`` pairs, one per person.
        by: ``None`` for one overall count, or grouping fields as in
            :func:`~asn_competency.organisation.summarise_gaps`.
        policy: When grouped, groups smaller than ``policy.min_group_size`` are
            not shown and only counted; the totals cover the shown groups only.

    Returns:
        The distribution. No placements give an empty one.

    Raises:
        ValidationError: For a person placed twice, a malformed pair or an
            unknown grouping field.

    Examples:
        >>> from asn_competency import Employee
        >>> e = Employee(nip="199001012015031001", name="Budi", unit="Pelayanan")
        >>> d = talent_distribution([(e, talent_box("meets", "middle"))])
        >>> d.totals
        (0, 0, 0, 0, 1, 0, 0, 0, 0)
    """
    fields = () if by is None else grouping_fields(by)
    if not isinstance(policy, SuppressionPolicy):
        raise ValidationError("policy", "a SuppressionPolicy", policy)
    if not isinstance(placements, Iterable):
        raise ValidationError("placements", "(Employee, TalentBox) pairs", placements)
    counts: dict[tuple[str, ...], list[int]] = {}
    seen: set[str] = set()
    for i, pair in enumerate(placements):
        try:
            e, box = pair
        except (TypeError, ValueError):
            raise ValidationError(
                f"placements[{i}]", "a pair (Employee, TalentBox)", pair
            ) from None
        if not isinstance(e, Employee) or not isinstance(box, TalentBox):
            raise ValidationError(f"placements[{i}]", "a pair (Employee, TalentBox)", pair)
        if e.nip in seen:
            raise ValidationError("placements", "one placement per person", f"{e.nip} twice")
        seen.add(e.nip)
        key = group_key(e, fields) if fields else ()
        counts.setdefault(key, [0] * 9)[box.number - 1] += 1
    threshold = policy.min_group_size if fields else 0
    shown = sorted(k for k, c in counts.items() if sum(c) >= threshold)
    groups = tuple(
        TalentGroup(key=k, people=sum(counts[k]), counts=tuple(counts[k])) for k in shown
    )
    totals = tuple(sum(g.counts[b] for g in groups) for b in range(9))
    return TalentDistribution(
        by=fields,
        groups=groups,
        suppressed_groups=len(counts) - len(shown),
        totals=totals,
        policy=policy if fields else None,
    )
