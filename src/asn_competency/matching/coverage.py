"""Coverage: which units have nobody who could mentor a competency their staff need.

:func:`units_without_mentor` finds, per unit (or agency) and competency, the
staff whose need no colleague in the same group could mentor, and the best level
anyone there has. Use it to plan cross-unit mentoring or formal training.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee
from asn_competency.errors import ValidationError
from asn_competency.matching.network import FlowLevel, _group_of, _record, _records, _to_flow_level

__all__ = ["UncoveredNeed", "units_without_mentor"]


class _NeedLike(Protocol):
    @property
    def competency_id(self) -> str: ...  # pragma: no cover - protocol

    @property
    def required(self) -> int: ...  # pragma: no cover - protocol


class _MenteeNeedLike(Protocol):
    @property
    def nip(self) -> str: ...  # pragma: no cover - protocol

    @property
    def needs(self) -> tuple[_NeedLike, ...]: ...  # pragma: no cover - protocol


@attrs.frozen(kw_only=True)
class UncoveredNeed:
    """A competency some staff of a unit need that nobody in the unit can mentor.

    Args:
        group: The unit (``"agency/unit"``) or agency.
        competency_id: The competency.
        mentees: NIPs of the staff who need it and have no possible mentor, sorted.
        required: The highest level those staff must reach.
        best_available: The highest level anyone in the group other than ``mentees``
            has (``None``: nobody else was assessed in it).
    """

    group: str
    competency_id: str
    mentees: tuple[str, ...]
    required: int
    best_available: float | None


def units_without_mentor(
    needs: Iterable[_MenteeNeedLike],
    candidates: Iterable[Employee],
    levels: Mapping[tuple[str, str], float | Any],
    *,
    employees: Iterable[Employee] | Mapping[str, Employee],
    by: FlowLevel | str = FlowLevel.UNIT,
    margin: float = 0.0,
) -> tuple[UncoveredNeed, ...]:
    """Find the units whose staff need a competency that nobody in the unit could mentor.

    A possible mentor for a need is a candidate in the same group (unit, or agency
    with ``by="agency"``), other than the person, whose level reaches the required
    level plus ``margin``. Use it to plan cross-unit mentoring or formal training
    where the unit has nobody to learn from.

    Args:
        needs: Each person's needs (:class:`asn_competency.domain.mentoring.MenteeNeed`).
        candidates: The people who could mentor.
        levels: ``{(nip, competency_id): level}`` (numbers or ``CurrentLevel``).
        employees: Records of the people with needs (candidates' records are theirs).
        by: ``"unit"`` or ``"agency"``.
        margin: How far above the required level a mentor must be.

    Returns:
        One entry per group and competency with uncovered staff, sorted.

    Raises:
        ValidationError: For ``by="person"`` or an unknown ``by``, a level that is
            not a finite number >= 0, a ``margin`` that is not one, or a
            candidate that is not an :class:`~asn_competency.domain.employee.Employee`.
        UnknownIdError: For a person with needs and no record.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.domain.mentoring import MenteeNeed, CompetencyNeed
        >>> A, B = "197805102003121001", "199107202019031004"
        >>> people = [Employee(nip=A, name="A", agency="Dukcapil", unit="Arsip"),
        ...           Employee(nip=B, name="B", agency="Dukcapil", unit="Arsip")]
        >>> need = MenteeNeed(nip=B, needs=[CompetencyNeed(competency_id="MJ.PP", required=3)])
        >>> [(u.group, u.competency_id, u.best_available) for u in
        ...  units_without_mentor([need], people[:1], {(A, "MJ.PP"): 2}, employees=people)]
        [('Dukcapil/Arsip', 'MJ.PP', 2.0)]
    """
    from asn_competency.gaps.levels import normalise_levels  # noqa: PLC0415 - it imports us

    level = _to_flow_level(by)
    if level is FlowLevel.PERSON:
        raise ValidationError("by", "'unit' or 'agency'", level.value)
    if not _validate.is_finite_real(margin) or not margin >= 0:
        raise ValidationError("margin", "a finite number >= 0", margin)
    records = _records(employees)
    if not isinstance(levels, Mapping):
        raise ValidationError("levels", "{(nip, competency_id): level}", levels)
    table = normalise_levels(levels)
    by_group: dict[str, list[Employee]] = {}
    for i, c in enumerate(candidates):
        if not isinstance(c, Employee):
            raise ValidationError(f"candidates[{i}]", "an Employee", c)
        by_group.setdefault(_group_of(c, level), []).append(c)
    missing: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for person in needs:
        group = _group_of(_record(records, person.nip), level)
        for n in person.needs:
            ok = any(
                c.nip != person.nip
                and table.get((c.nip, n.competency_id), -1.0) >= n.required + margin
                for c in by_group.get(group, ())
            )
            if not ok:
                missing.setdefault((group, n.competency_id), []).append((person.nip, n.required))
    out = []
    for (group, cid), rows in sorted(missing.items()):
        mentees = tuple(sorted({nip for nip, _ in rows}))
        have = [
            table[(c.nip, cid)]
            for c in by_group.get(group, ())
            if (c.nip, cid) in table and c.nip not in mentees
        ]
        out.append(
            UncoveredNeed(
                group=group,
                competency_id=cid,
                mentees=mentees,
                required=max(r for _, r in rows),
                best_available=max(have) if have else None,
            )
        )
    return tuple(out)
