"""The nine-box placement of people and its summaries.

:func:`talent_box` places a person on the nine-box from their performance and
potential (as ranks, as scores read by the
:class:`~asn_competency.policies.nine_box.NineBoxPolicy` cut-offs, or, for
potential, from the evidence of :class:`~asn_competency.talent.potential.PotentialEvidence`);
:func:`summarise_talent` counts the boxes by group, with small groups suppressed.

Examples:
    >>> talent_box(performance="above", potential="high").number
    9
    >>> from asn_competency.talent.potential import PotentialEvidence
    >>> box = talent_box(92, PotentialEvidence(jpm=85, assessment={"learning_agility": 82}))
    >>> box.number, box.potential_basis.score
    (9, 83.5)
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee, group_key, grouping_fields
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.nine_box import (
    NINE_BOX_PERMENPANRB_3_2020,
    NineBoxPolicy,
    Performance,
    Potential,
)
from asn_competency.policies.potential import POTENTIAL_DEFAULT, PotentialPolicy
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy
from asn_competency.talent.potential import PotentialEvidence, PotentialResult, analyse_potential

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TalentBox", "TalentGroup", "TalentSummary", "summarise_talent", "talent_box"]


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
        potential_basis: How the potential was placed from evidence; ``None``
            when it was given as a rank or a score.

    Raises:
        ValidationError: If ``number`` is not a whole number 1-9 or a rank is unknown.
    """

    number: int = attrs.field(validator=_box_number)
    performance: Performance = attrs.field(converter=_to_performance)
    potential: Potential = attrs.field(converter=_to_potential)
    recommendation: str
    policy_name: str
    potential_basis: PotentialResult | None = None

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

    def explain(self) -> str:
        """Return one sentence saying where the person stands and what placed them there.

        Examples:
            >>> talent_box("above", "middle").explain()
            'box 7: performance above expectation, potential middle (given)'
        """
        text = (
            f"box {self.number}: performance {self.performance_en.lower()}, "
            f"potential {self.potential.value}"
        )
        if self.potential_basis is None:
            return f"{text} (given)"
        return f"{text} ({self.potential_basis.explain()})"


def _check_nine_box(policy: object) -> NineBoxPolicy:
    if not isinstance(policy, NineBoxPolicy):
        raise ValidationError("policy", "a NineBoxPolicy", policy)
    return policy


def talent_box(
    performance: Performance | str | float,
    potential: Potential | str | float | PotentialEvidence | PotentialResult,
    *,
    policy: NineBoxPolicy = NINE_BOX_PERMENPANRB_3_2020,
    potential_policy: PotentialPolicy = POTENTIAL_DEFAULT,
) -> TalentBox:
    """Place a person on the nine-box.

    Args:
        performance: ``"below"``, ``"meets"``, ``"above"`` (or the enum), or a
            score mapped by the policy's performance cut-offs.
        potential: ``"low"``, ``"middle"``, ``"high"`` (or the enum), a score
            mapped by the policy's potential cut-offs, the evidence of the
            person's potential (placed by
            :func:`~asn_competency.talent.potential.analyse_potential` under
            ``potential_policy``), or a result of that function.
        policy: The numbering, recommendations and cut-offs.
        potential_policy: How evidence becomes a potential rank.

    Returns:
        The box with both axes in Indonesian and English and the recommendation.

    Raises:
        ValidationError: For an unknown rank, a score outside the policy's
            range, a value that is neither, or evidence too thin for
            ``potential_policy``.

    Examples:
        >>> b = talent_box("below", "low")
        >>> b.number, b.recommendation
        (1, 'Handle under the rules on performance and discipline.')
        >>> talent_box(91, "low").number  # a score of 91 is above expectation
        4
    """
    policy = _check_nine_box(policy)
    perf = policy.performance(performance)
    basis: PotentialResult | None = None
    if isinstance(potential, PotentialEvidence):
        basis = analyse_potential(potential, policy=potential_policy)
    elif isinstance(potential, PotentialResult):
        basis = potential
    pot = basis.rank if basis is not None else policy.potential(potential)  # type: ignore[arg-type]
    number = policy.grid[(perf, pot)]
    return TalentBox(
        number=number,
        performance=perf,
        potential=pot,
        recommendation=policy.recommendations[number],
        policy_name=policy.name,
        potential_basis=basis,
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
class TalentSummary:
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
            >>> summarise_talent([]).to_dataframe().columns.tolist()[:2]
            ['people', 'box_1']
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [*self.by, "people", *(f"box_{b}" for b in range(1, 10))]
        rows = [[*g.key, g.people, *g.counts] for g in self.groups]
        return pd.DataFrame(rows, columns=columns)


def summarise_talent(
    placements: Iterable[tuple[Employee, TalentBox]],
    by: str | Iterable[str] | None = None,
    *,
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> TalentSummary:
    """Count people per box, overall or by group.

    Args:
        placements: ``(employee, box)`` pairs, one per person.
        by: ``None`` for one overall count, or grouping fields as in
            :func:`~asn_competency.gaps.summary.summarise_gaps`.
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
        >>> d = summarise_talent([(e, talent_box("meets", "middle"))])
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
    return TalentSummary(
        by=fields,
        groups=groups,
        suppressed_groups=len(counts) - len(shown),
        totals=totals,
        policy=policy if fields else None,
    )
