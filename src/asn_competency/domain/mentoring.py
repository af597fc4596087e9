"""Mentoring: relationships, their sessions, the mentoring graph and the needs a mentee brings.

A :class:`MentoringRelationship` may state how many sessions the pair agreed to
hold; each meeting is a :class:`MentoringSession` (date, duration, topics and
whether it took place). :class:`MentoringGraph` is a thin wrapper: it checks and stores
:class:`MentoringRelationship` records and builds a :mod:`networkx` ``DiGraph``
(mentor -> mentee) on demand, so that any networkx algorithm can run on it
(networkx is imported only then). :class:`MenteeNeed` lists the competencies a
mentee must raise (:class:`CompetencyNeed`), usually from a gap report; the
matching itself is :mod:`asn_competency.matching`, and analyses of a graph are in
:mod:`asn_competency.matching.network`.

Examples:
    >>> import datetime as dt
    >>> g = MentoringGraph([MentoringRelationship(
    ...     mentor="198001012005011001", mentee="199901012023021001",
    ...     competency_ids=["MJ.PP"], start=dt.date(2024, 1, 8))])
    >>> G = g.to_networkx()
    >>> list(G.edges(data="competency_ids"))
    [('198001012005011001', '199901012023021001', ('MJ.PP',))]
    >>> g.load()
    {'198001012005011001': 1}
"""

from __future__ import annotations

import datetime as dt
import enum
import numbers
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import parse_nip
from asn_competency.errors import ValidationError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CompetencyNeed",
    "MenteeNeed",
    "MentoringGraph",
    "MentoringRelationship",
    "MentoringSession",
    "MentoringStatus",
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
        agreed_sessions: How many sessions the pair agreed to hold over the
            relationship (``None`` if no number was agreed).
    """

    mentor: str = attrs.field(converter=_mentor)
    mentee: str = attrs.field(converter=_mentee)
    competency_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    start: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    end: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    status: MentoringStatus = attrs.field(
        default=MentoringStatus.ACTIVE, converter=_to_mentoring_status
    )
    agreed_sessions: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.positive_int)
    )

    def __attrs_post_init__(self) -> None:
        if self.mentor == self.mentee:
            raise ValidationError("mentee", "a person other than the mentor", self.mentee)
        _validate.end_not_before_start(self.start, self.end)

    @property
    def pair(self) -> tuple[str, str]:
        """``(mentor, mentee)``."""
        return (self.mentor, self.mentee)


def _topics(value: Iterable[str]) -> tuple[str, ...]:
    # A text is iterable too, but its letters are not topics.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("topics", "a collection of topics (texts)", value)
    items = tuple(value)
    for topic in items:
        if not isinstance(topic, str) or not topic.strip():
            raise ValidationError("topics", "non-empty texts", topic)
    return items


def _minutes(value: object) -> float:
    # Real numbers (NumPy scalars included) become floats; the validator checks the range.
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _validate.number_in_range("minutes", value, low=0)
    raise ValidationError("minutes", "a number of minutes > 0", value)


def _positive(_inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value <= 0:
        raise ValidationError(attribute.name, "a number of minutes > 0", value)


def _flag(_inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError(attribute.name, "True or False", value)


@attrs.frozen(kw_only=True)
class MentoringSession:
    """One meeting of a mentor and a mentee (or one that was planned and missed).

    Args:
        mentor: The mentor's NIP.
        mentee: The mentee's NIP (not the mentor's).
        held_on: The day of the meeting (or of the meeting planned).
        minutes: How long it lasted, or was to last (> 0).
        topics: What was discussed, in the order written.
        attended: Whether the meeting took place with both present.
        note: Free text.

    Raises:
        ValidationError: For a missing or bad field, the same person on both
            sides, or a duration that is not a number > 0.

    Examples:
        >>> import datetime as dt
        >>> s = MentoringSession(mentor="198001012005011001", mentee="199901012023021001",
        ...                      held_on=dt.date(2025, 2, 3), minutes=90,
        ...                      topics=["pelayanan prima"])
        >>> s.pair, s.minutes, s.attended
        (('198001012005011001', '199901012023021001'), 90.0, True)
    """

    mentor: str = attrs.field(converter=_mentor)
    mentee: str = attrs.field(converter=_mentee)
    held_on: dt.date = attrs.field()
    minutes: float = attrs.field(converter=_minutes, validator=_positive)
    topics: tuple[str, ...] = attrs.field(default=(), converter=_topics)
    attended: bool = attrs.field(default=True, validator=_flag)
    note: str = attrs.field(default="", validator=_validate.text)

    @held_on.validator
    def _check_day(self, attribute: attrs.Attribute[dt.date], value: object) -> None:
        # A datetime is a date too, but cannot be compared with one.
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValidationError("held_on", "a date (datetime.date)", value)

    def __attrs_post_init__(self) -> None:
        if self.mentor == self.mentee:
            raise ValidationError("mentee", "a person other than the mentor", self.mentee)

    @property
    def pair(self) -> tuple[str, str]:
        """``(mentor, mentee)``."""
        return (self.mentor, self.mentee)


def _relationships(value: Iterable[Any]) -> tuple[MentoringRelationship, ...]:
    if isinstance(value, MentoringRelationship) or not isinstance(value, Iterable):
        raise ValidationError("relationships", "a collection of MentoringRelationship", value)
    items = tuple(value)

    def key(r: object) -> tuple[str, str, str, str, str, tuple[str, ...], int]:
        if not isinstance(r, MentoringRelationship):
            raise ValidationError("relationships", "MentoringRelationship objects", r)
        # Every field takes part, so that the order (and the edge status of a pair,
        # taken from its last relationship) never depends on the input order.
        start = r.start.isoformat() if r.start else ""
        end = r.end.isoformat() if r.end else ""
        agreed = -1 if r.agreed_sessions is None else r.agreed_sessions
        return (r.mentor, r.mentee, start, end, r.status.value, r.competency_ids, agreed)

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


def _to_float(value: float) -> float:
    # Real numbers (NumPy scalars included) become floats; anything else is left for
    # the validator to refuse.
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an int beyond the float range
            raise ValidationError("importance", "a finite number >= 0", value) from None
    return value


def _to_int(value: int) -> int:
    # NumPy integers become ints; anything else is left for the validator to refuse.
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return value


@attrs.frozen(kw_only=True)
class CompetencyNeed:
    """One competency a mentee must raise, the level they must reach, and its weight.

    Args:
        competency_id: The competency.
        required: The level the mentee's standard requires.
        importance: The requirement's weight (at least 0; 1 by default).
    """

    competency_id: str = attrs.field(validator=_validate.identifier)
    required: int = attrs.field(converter=_to_int, validator=_validate.positive_int)
    importance: float = attrs.field(
        default=1.0, converter=_to_float, validator=_validate.non_negative
    )


def _mentee_nip(value: str) -> str:
    return parse_nip(value, field="nip").value


def _needs(value: Iterable[Any]) -> tuple[CompetencyNeed, ...]:
    if not isinstance(value, Iterable):
        raise ValidationError("needs", "CompetencyNeed objects", value)
    items = tuple(value)
    for item in items:
        if not isinstance(item, CompetencyNeed):
            raise ValidationError("needs", "CompetencyNeed objects", item)
    ordered = tuple(sorted(items, key=lambda n: n.competency_id))
    _validate.unique_ids("needs", [n.competency_id for n in ordered])
    return ordered


class _GapItemLike(Protocol):
    @property
    def competency_id(self) -> str: ...  # pragma: no cover - protocol

    @property
    def required(self) -> int: ...  # pragma: no cover - protocol

    @property
    def importance(self) -> float: ...  # pragma: no cover - protocol


class _GapReportLike(Protocol):
    @property
    def nip(self) -> str: ...  # pragma: no cover - protocol

    def below(self) -> tuple[_GapItemLike, ...]: ...  # pragma: no cover - protocol


@attrs.frozen(kw_only=True)
class MenteeNeed:
    """A prospective mentee and the competencies they need help with.

    Args:
        nip: The mentee's NIP.
        needs: The competencies below standard (sorted by competency id, unique).

    Examples:
        >>> n = MenteeNeed(nip="199901012023021001",
        ...                needs=[CompetencyNeed(competency_id="MJ.PP", required=2, importance=2)])
        >>> n.competency_ids, n.total_importance
        (('MJ.PP',), 2.0)
    """

    nip: str = attrs.field(converter=_mentee_nip)
    needs: tuple[CompetencyNeed, ...] = attrs.field(default=(), converter=_needs)

    @property
    def competency_ids(self) -> tuple[str, ...]:
        """The competencies needed, sorted."""
        return tuple(n.competency_id for n in self.needs)

    @property
    def total_importance(self) -> float:
        """The sum of the needs' importance."""
        return float(sum(n.importance for n in self.needs))

    @classmethod
    def from_report(cls, report: _GapReportLike) -> MenteeNeed:
        """Build the needs from a gap report: one need per competency below standard.

        Args:
            report: A :class:`asn_competency.gaps.individual.GapReport` (anything with ``nip``
                and a ``below()`` method returning items with ``competency_id``,
                ``required`` and ``importance``).

        Returns:
            The mentee's needs; empty when nothing is below standard.
        """
        return cls(
            nip=report.nip,
            needs=[
                CompetencyNeed(
                    competency_id=item.competency_id,
                    required=item.required,
                    importance=item.importance,
                )
                for item in report.below()
            ],
        )
