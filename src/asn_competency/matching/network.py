"""Analyses of a mentoring graph: competency flows, chains and crossing ties.

Questions a development programme asks of its mentoring: which competencies
pass from whom to whom, per person, unit or agency (:func:`competency_flows`);
where knowledge passes down a chain senior -> junior -> newcomer
(:func:`mentoring_chains`); which ties cross units or agencies
(:func:`crossing_ties`). How many mentees each mentor carries is
:meth:`MentoringGraph.load <asn_competency.domain.mentoring.MentoringGraph.load>`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee, employees_by_nip
from asn_competency.errors import UnknownIdError, ValidationError

if TYPE_CHECKING:
    from asn_competency.domain.mentoring import MentoringGraph

__all__ = [
    "CompetencyFlow",
    "CrossingTie",
    "FlowLevel",
    "competency_flows",
    "crossing_ties",
    "mentoring_chains",
]


class FlowLevel(str, enum.Enum):
    """The level at which competency flows are counted."""

    PERSON = "person"
    UNIT = "unit"
    AGENCY = "agency"


def _to_flow_level(value: object) -> FlowLevel:
    return _validate.to_enum(FlowLevel, "by")(value)


@attrs.frozen(kw_only=True)
class CompetencyFlow:
    """A competency passed on from one person or group to another.

    Args:
        source: The mentor's NIP, or their unit (``"agency/unit"``) or agency.
        target: The mentee's NIP, unit or agency.
        competency_id: The competency.
        relationships: How many relationships carried it.
    """

    source: str
    target: str
    competency_id: str
    relationships: int


@attrs.frozen(kw_only=True)
class CrossingTie:
    """A mentoring pair whose people work in different units or agencies.

    Args:
        mentor: The mentor's NIP.
        mentee: The mentee's NIP.
        cross_unit: True when their units differ (units are named within agencies).
        cross_agency: True when their agencies differ.
    """

    mentor: str
    mentee: str
    cross_unit: bool
    cross_agency: bool


def _records(employees: Iterable[Employee] | Mapping[str, Employee]) -> Mapping[str, Employee]:
    """The records by NIP; a wrong item, a key that is not its NIP or a NIP twice is named."""
    return employees_by_nip(employees)


def _record(records: Mapping[str, Employee], nip: str) -> Employee:
    try:
        return records[nip]
    except KeyError:
        raise UnknownIdError("employee", nip, "employees") from None


def _group_of(e: Employee, by: FlowLevel) -> str:
    if by is FlowLevel.AGENCY:
        return e.agency
    return f"{e.agency}/{e.unit}"


def competency_flows(
    graph: MentoringGraph,
    employees: Iterable[Employee] | Mapping[str, Employee] | None = None,
    *,
    by: FlowLevel | str = FlowLevel.PERSON,
) -> tuple[CompetencyFlow, ...]:
    """Count which competencies pass from whom to whom.

    Args:
        graph: The mentoring graph.
        employees: The people's records; needed to count by unit or agency.
        by: ``"person"`` (NIP to NIP), ``"unit"`` (``agency/unit`` to
            ``agency/unit``) or ``"agency"``.

    Returns:
        One flow per source, target and competency, sorted by them.

    Raises:
        ValidationError: For an unknown ``by``, or ``by`` other than person
            without ``employees``.
        UnknownIdError: For a person without a record.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.domain.mentoring import MentoringGraph, MentoringRelationship
        >>> A, B = "197805102003121001", "198602142010012003"
        >>> people = [Employee(nip=A, name="A", agency="Dukcapil", unit="Arsip"),
        ...           Employee(nip=B, name="B", agency="Dukcapil", unit="Layanan")]
        >>> g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B,
        ...                                           competency_ids=["MJ.PP"])])
        >>> flows = competency_flows(g, people, by="unit")
        >>> [(f.source, f.target, f.competency_id) for f in flows]
        [('Dukcapil/Arsip', 'Dukcapil/Layanan', 'MJ.PP')]
    """
    level = _to_flow_level(by)
    if level is not FlowLevel.PERSON and employees is None:
        raise ValidationError("employees", f"the people's records to count by {level.value}", None)
    records = _records(employees) if employees is not None else {}
    counts: dict[tuple[str, str, str], int] = {}
    for r in graph.relationships:
        if level is FlowLevel.PERSON:
            src, dst = r.mentor, r.mentee
        else:
            src = _group_of(_record(records, r.mentor), level)
            dst = _group_of(_record(records, r.mentee), level)
        for cid in r.competency_ids:
            counts[(src, dst, cid)] = counts.get((src, dst, cid), 0) + 1
    return tuple(
        CompetencyFlow(source=s, target=t, competency_id=c, relationships=n)
        for (s, t, c), n in sorted(counts.items())
    )


def mentoring_chains(graph: MentoringGraph, *, min_length: int = 2) -> tuple[tuple[str, ...], ...]:
    """Return the longest paths by which mentoring passes on: senior -> junior -> newcomer.

    A chain starts at someone nobody in the graph mentors and ends at someone
    who mentors nobody; only chains of at least ``min_length`` relationships
    are kept. People inside a mentoring cycle with no way in are not reached.

    Args:
        graph: The mentoring graph.
        min_length: The fewest relationships in a chain (at least 1).

    Returns:
        The chains as tuples of NIPs, sorted.

    Raises:
        ValidationError: If ``min_length`` is below 1.

    Examples:
        >>> from asn_competency.domain.mentoring import MentoringGraph, MentoringRelationship
        >>> A, B, C = "197805102003121001", "198602142010012003", "199107202019031004"
        >>> g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B),
        ...                     MentoringRelationship(mentor=B, mentee=C)])
        >>> mentoring_chains(g) == ((A, B, C),)
        True
    """
    import networkx as nx  # noqa: PLC0415 - keep `import asn_competency` light

    if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 1:
        raise ValidationError("min_length", "a whole number >= 1", min_length)
    digraph = graph.to_networkx()
    starts = sorted(n for n in digraph if digraph.in_degree(n) == 0)
    ends = sorted(n for n in digraph if digraph.out_degree(n) == 0)
    found: set[tuple[str, ...]] = set()
    for s in starts:
        for path in nx.all_simple_paths(digraph, s, ends):
            if len(path) - 1 >= min_length:
                found.add(tuple(path))
    return tuple(sorted(found))


def crossing_ties(
    graph: MentoringGraph, employees: Iterable[Employee] | Mapping[str, Employee]
) -> tuple[CrossingTie, ...]:
    """Return the pairs whose people work in different units or agencies, sorted.

    Args:
        graph: The mentoring graph.
        employees: The records of everyone in the graph.

    Raises:
        UnknownIdError: For a person without a record.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.domain.mentoring import MentoringGraph, MentoringRelationship
        >>> A, B = "197805102003121001", "198602142010012003"
        >>> people = [Employee(nip=A, name="A", agency="Dukcapil", unit="Arsip"),
        ...           Employee(nip=B, name="B", agency="Dukcapil", unit="Layanan")]
        >>> g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B)])
        >>> [(t.cross_unit, t.cross_agency) for t in crossing_ties(g, people)]
        [(True, False)]
    """
    records = _records(employees)
    ties = []
    for mentor, mentee in sorted(graph.pairs()):
        a, b = _record(records, mentor), _record(records, mentee)
        cross_agency = a.agency != b.agency
        cross_unit = cross_agency or a.unit != b.unit
        if cross_unit:
            ties.append(
                CrossingTie(
                    mentor=mentor, mentee=mentee, cross_unit=True, cross_agency=cross_agency
                )
            )
    return tuple(ties)
