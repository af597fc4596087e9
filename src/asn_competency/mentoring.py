"""Mentoring relationships and the mentoring graph.

:class:`MentoringGraph` is a thin wrapper: it checks and stores
:class:`MentoringRelationship` records and builds a :mod:`networkx` ``DiGraph``
(mentor -> mentee) on demand, so that any networkx algorithm can run on it.
networkx is imported only when the graph is built.

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
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.employee import parse_nip
from asn_competency.errors import ValidationError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["MentoringGraph", "MentoringRelationship", "MentoringStatus"]


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
    return tuple(sorted(set(value)))


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
    start: dt.date | None = None
    end: dt.date | None = None
    status: MentoringStatus = attrs.field(
        default=MentoringStatus.ACTIVE, converter=_to_mentoring_status
    )

    def __attrs_post_init__(self) -> None:
        if self.mentor == self.mentee:
            raise ValidationError("mentee", "a person other than the mentor", self.mentee)
        for cid in self.competency_ids:
            if not _validate.is_identifier(cid):
                raise ValidationError(
                    "competency_ids", "ids of letters, digits, '_', '.', ':' or '-'", cid
                )
        _validate.end_not_before_start(self.start, self.end)

    @property
    def pair(self) -> tuple[str, str]:
        """``(mentor, mentee)``."""
        return (self.mentor, self.mentee)


def _relationships(value: Iterable[Any]) -> tuple[MentoringRelationship, ...]:
    items = tuple(value)

    def key(r: object) -> tuple[str, str, str]:
        if not isinstance(r, MentoringRelationship):
            raise ValidationError("relationships", "MentoringRelationship objects", r)
        return (r.mentor, r.mentee, r.start.isoformat() if r.start else "")

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
        return MentoringGraph(self.relationships + tuple(relationships))

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
