"""Mentoring relationships, the mentoring graph and its analytics.

:class:`MentoringGraph` is a thin wrapper: it checks and stores
:class:`MentoringRelationship` records and builds a :mod:`networkx` ``DiGraph``
(mentor -> mentee) on demand, so that any networkx algorithm can run on it.
networkx is imported only when the graph is built.

Analytics answer the questions a development programme asks of its mentoring:
how many mentees each mentor carries (:meth:`MentoringGraph.load`), which
competencies pass from whom to whom, per person, unit or agency
(:meth:`MentoringGraph.competency_flows`), where knowledge passes down a chain
senior -> junior -> newcomer (:meth:`MentoringGraph.chains`), which ties cross
units or agencies (:meth:`MentoringGraph.crossing_ties`), and which units lack
anyone who could mentor a competency their staff need
(:func:`units_without_mentor`).

Examples:
    >>> import datetime as dt
    >>> g = MentoringGraph([MentoringRelationship(
    ...     mentor="198001012005011001", mentee="199901012023021001",
    ...     competency_ids=["MJ.PP"], start=dt.date(2024, 1, 8))])
    >>> G = g.to_networkx()
    >>> list(G.edges(data="competency_ids"))
    [('198001012005011001', '199901012023021001', ('MJ.PP',))]
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from asn_competency import _validate
from asn_competency.employee import Employee, employees_by_nip, parse_nip
from asn_competency.errors import UnknownIdError, ValidationError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CompetencyFlow",
    "CrossingTie",
    "FlowLevel",
    "MentoringGraph",
    "MentoringRelationship",
    "MentoringStatus",
    "UncoveredNeed",
    "units_without_mentor",
]


class MentoringStatus(str, enum.Enum):
    """Where a mentoring relationship stands."""

    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"


def _mentor(value: str) -> str:
    return parse_nip(value, field="mentor").value


def _mentee(value: str) -> str:
    return parse_nip(value, field="mentee").value


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    # A text is iterable too, but its letters are not competency ids.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("competency_ids", "a collection of competency ids", value)
    items = tuple(value)
    for cid in items:
        if not _validate.is_identifier(cid):
            raise ValidationError(
                "competency_ids", "ids of letters, digits, '_', '.', ':' or '-'", cid
            )
    return tuple(sorted(set(items)))


def _to_mentoring_status(value: object) -> MentoringStatus:
    return _validate.to_enum(MentoringStatus, "status")(value)


@attrs.frozen(kw_only=True)
class MentoringRelationship:
    """A mentor guiding a mentee in some competencies.

    Args:
        mentor: The mentor's NIP.
        mentee: The mentee's NIP (not the mentor's).
        competency_ids: Competencies the mentoring covers (sorted, unique).
        start: First day.
        end: Last day, if ended or planned to end.
        status: Planned, active, completed or ended early.
    """

    mentor: str = attrs.field(converter=_mentor)
    mentee: str = attrs.field(converter=_mentee)
    competency_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    start: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    end: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    status: MentoringStatus = attrs.field(
        default=MentoringStatus.ACTIVE, converter=_to_mentoring_status
    )

    def __attrs_post_init__(self) -> None:
        if self.mentor == self.mentee:
            raise ValidationError("mentee", "a person other than the mentor", self.mentee)
        _validate.end_not_before_start(self.start, self.end)

    @property
    def pair(self) -> tuple[str, str]:
        """``(mentor, mentee)``."""
        return (self.mentor, self.mentee)


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


def _relationships(value: Iterable[Any]) -> tuple[MentoringRelationship, ...]:
    if isinstance(value, MentoringRelationship) or not isinstance(value, Iterable):
        raise ValidationError("relationships", "a collection of MentoringRelationship", value)
    items = tuple(value)

    def key(r: object) -> tuple[str, str, str, str, str, tuple[str, ...]]:
        if not isinstance(r, MentoringRelationship):
            raise ValidationError("relationships", "MentoringRelationship objects", r)
        # Every field takes part, so that the order (and the edge status of a pair,
        # taken from its last relationship) never depends on the input order.
        start = r.start.isoformat() if r.start else ""
        end = r.end.isoformat() if r.end else ""
        return (r.mentor, r.mentee, start, end, r.status.value, r.competency_ids)

    return tuple(sorted(items, key=key))


@attrs.frozen
class MentoringGraph:
    """A set of mentoring relationships, viewable as a networkx ``DiGraph``.

    Args:
        relationships: The relationships (sorted by mentor, mentee, start). A pair
            may appear more than once (for instance, in successive years).
    """

    relationships: tuple[MentoringRelationship, ...] = attrs.field(
        default=(), converter=_relationships
    )

    def __iter__(self) -> Iterator[MentoringRelationship]:
        return iter(self.relationships)

    def __len__(self) -> int:
        return len(self.relationships)

    @property
    def mentors(self) -> tuple[str, ...]:
        """NIPs of all mentors, sorted."""
        return tuple(sorted({r.mentor for r in self.relationships}))

    @property
    def mentees(self) -> tuple[str, ...]:
        """NIPs of all mentees, sorted."""
        return tuple(sorted({r.mentee for r in self.relationships}))

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every ``(mentor, mentee)`` pair that has a relationship."""
        return frozenset(r.pair for r in self.relationships)

    def active(self) -> MentoringGraph:
        """Return the graph of planned and active relationships only."""
        live = (MentoringStatus.ACTIVE, MentoringStatus.PLANNED)
        return MentoringGraph([r for r in self.relationships if r.status in live])

    def add(self, relationships: Iterable[MentoringRelationship]) -> MentoringGraph:
        """Return a new graph with more relationships (this one is unchanged)."""
        return MentoringGraph((*self.relationships, *_relationships(relationships)))

    def to_networkx(self) -> nx.DiGraph[str]:
        """Build a new networkx ``DiGraph`` with one edge per mentor -> mentee pair.

        Edge attributes: ``competency_ids`` (union over the pair's relationships),
        ``start`` (earliest), ``end`` (latest, or ``None`` if any is open),
        ``status`` (of the latest relationship) and ``count``. The caller owns
        the returned graph and may change it freely.
        """
        import networkx as nx  # noqa: PLC0415 - keep `import asn_competency` light

        graph: nx.DiGraph[str] = nx.DiGraph()
        for r in self.relationships:
            graph.add_node(r.mentor)
            graph.add_node(r.mentee)
            if graph.has_edge(r.mentor, r.mentee):
                data = graph.edges[r.mentor, r.mentee]
                data["competency_ids"] = tuple(
                    sorted(set(data["competency_ids"]) | set(r.competency_ids))
                )
                data["count"] += 1
                if r.start is not None and (data["start"] is None or r.start < data["start"]):
                    data["start"] = r.start
                data["end"] = (
                    None if r.end is None or data["end"] is None else max(data["end"], r.end)
                )
                data["status"] = r.status.value
            else:
                graph.add_edge(
                    r.mentor,
                    r.mentee,
                    competency_ids=r.competency_ids,
                    start=r.start,
                    end=r.end,
                    status=r.status.value,
                    count=1,
                )
        return graph

    def load(self, *, active_only: bool = False) -> dict[str, int]:
        """Return ``{mentor NIP: number of distinct mentees}``, sorted by NIP.

        Args:
            active_only: Count planned and active relationships only.

        Examples:
            >>> A, B, C = "197805102003121001", "198602142010012003", "199107202019031004"
            >>> g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B),
            ...                     MentoringRelationship(mentor=A, mentee=C, status="completed")])
            >>> g.load(), g.load(active_only=True)
            ({'197805102003121001': 2}, {'197805102003121001': 1})
        """
        graph = (self.active() if active_only else self).to_networkx()
        return {n: int(graph.out_degree(n)) for n in sorted(graph) if graph.out_degree(n)}

    def competency_flows(
        self,
        employees: Iterable[Employee] | Mapping[str, Employee] | None = None,
        *,
        by: FlowLevel | str = FlowLevel.PERSON,
    ) -> tuple[CompetencyFlow, ...]:
        """Count which competencies pass from whom to whom.

        Args:
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
            >>> A, B = "197805102003121001", "198602142010012003"
            >>> people = [Employee(nip=A, name="A", agency="Dukcapil", unit="Arsip"),
            ...           Employee(nip=B, name="B", agency="Dukcapil", unit="Layanan")]
            >>> g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B,
            ...                                           competency_ids=["MJ.PP"])])
            >>> flows = g.competency_flows(people, by="unit")
            >>> [(f.source, f.target, f.competency_id) for f in flows]
            [('Dukcapil/Arsip', 'Dukcapil/Layanan', 'MJ.PP')]
        """
        level = _to_flow_level(by)
        if level is not FlowLevel.PERSON and employees is None:
            raise ValidationError(
                "employees", f"the people's records to count by {level.value}", None
            )
        records = _records(employees) if employees is not None else {}
        counts: dict[tuple[str, str, str], int] = {}
        for r in self.relationships:
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

    def chains(self, *, min_length: int = 2) -> tuple[tuple[str, ...], ...]:
        """Return the longest paths by which mentoring passes on: senior -> junior -> newcomer.

        A chain starts at someone nobody in the graph mentors and ends at someone
        who mentors nobody; only chains of at least ``min_length`` relationships
        are kept. People inside a mentoring cycle with no way in are not reached.

        Args:
            min_length: The fewest relationships in a chain (at least 1).

        Returns:
            The chains as tuples of NIPs, sorted.

        Raises:
            ValidationError: If ``min_length`` is below 1.

        Examples:
            >>> A, B, C = "197805102003121001", "198602142010012003", "199107202019031004"
            >>> g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B),
            ...                     MentoringRelationship(mentor=B, mentee=C)])
            >>> g.chains() == ((A, B, C),)
            True
        """
        import networkx as nx  # noqa: PLC0415 - keep `import asn_competency` light

        if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 1:
            raise ValidationError("min_length", "a whole number >= 1", min_length)
        graph = self.to_networkx()
        starts = sorted(n for n in graph if graph.in_degree(n) == 0)
        ends = sorted(n for n in graph if graph.out_degree(n) == 0)
        found: set[tuple[str, ...]] = set()
        for s in starts:
            for path in nx.all_simple_paths(graph, s, ends):
                if len(path) - 1 >= min_length:
                    found.add(tuple(path))
        return tuple(sorted(found))

    def crossing_ties(
        self, employees: Iterable[Employee] | Mapping[str, Employee]
    ) -> tuple[CrossingTie, ...]:
        """Return the pairs whose people work in different units or agencies, sorted.

        Raises:
            UnknownIdError: For a person without a record.

        Examples:
            >>> from asn_competency import Employee
            >>> A, B = "197805102003121001", "198602142010012003"
            >>> people = [Employee(nip=A, name="A", agency="Dukcapil", unit="Arsip"),
            ...           Employee(nip=B, name="B", agency="Dukcapil", unit="Layanan")]
            >>> g = MentoringGraph([MentoringRelationship(mentor=A, mentee=B)])
            >>> [(t.cross_unit, t.cross_agency) for t in g.crossing_ties(people)]
            [(True, False)]
        """
        records = _records(employees)
        ties = []
        for mentor, mentee in sorted(self.pairs()):
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
        needs: Each person's needs (:class:`asn_competency.eligibility.MenteeNeed`).
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
            candidate that is not an :class:`~asn_competency.employee.Employee`.
        UnknownIdError: For a person with needs and no record.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.eligibility import MenteeNeed, CompetencyNeed
        >>> A, B = "197805102003121001", "199107202019031004"
        >>> people = [Employee(nip=A, name="A", agency="Dukcapil", unit="Arsip"),
        ...           Employee(nip=B, name="B", agency="Dukcapil", unit="Arsip")]
        >>> need = MenteeNeed(nip=B, needs=[CompetencyNeed(competency_id="MJ.PP", required=3)])
        >>> [(u.group, u.competency_id, u.best_available) for u in
        ...  units_without_mentor([need], people[:1], {(A, "MJ.PP"): 2}, employees=people)]
        [('Dukcapil/Arsip', 'MJ.PP', 2.0)]
    """
    from asn_competency.eligibility import normalise_levels  # noqa: PLC0415 - it imports us

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
