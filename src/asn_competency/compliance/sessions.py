"""Mentoring sessions against what each pair agreed, and the pairs that stopped meeting.

:func:`analyse_sessions` reads the
:class:`~asn_competency.domain.mentoring.MentoringSession` log of a set of
mentoring relationships up to a report date and gives, per relationship, the
sessions held, missed and expected by now (the agreed number spread evenly over
the relationship's days), and whether the pair has stopped meeting (an active
pair without an attended session for longer than the
:class:`~asn_competency.policies.mentoring.MentoringSessionPolicy` allows); per
mentor, the same added up. Attended sessions feed the JP ledger through
:meth:`~asn_competency.domain.ledger.Ledger.from_sessions`, and count where the
compliance policy counts mentoring.

Examples:
    >>> from asn_competency.compliance.sessions import _example
    >>> rep = _example()
    >>> [(p.mentee, p.held, p.expected, p.behind, p.stopped) for p in rep.pairs]
    [('199901012023021001', 3, 3, False, False), ('200001022024011002', 1, 3, True, True)]
    >>> rep.mentors[0].held, rep.mentors[0].stopped_pairs
    (4, 1)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.domain.mentoring import (
    MentoringGraph,
    MentoringRelationship,
    MentoringSession,
    MentoringStatus,
)
from asn_competency.errors import ValidationError
from asn_competency.policies.mentoring import MENTORING_SESSIONS_DEFAULT, MentoringSessionPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MentorSessions", "PairSessions", "SessionReport", "analyse_sessions"]


@attrs.frozen(kw_only=True)
class PairSessions:
    """The sessions of one mentoring relationship up to the report date.

    Args:
        mentor: The mentor.
        mentee: The mentee.
        start: The relationship's first day, if known.
        end: Its last day, if known.
        relationship_status: Planned, active, completed or ended early.
        agreed: Sessions agreed over the whole relationship, if a number was agreed.
        expected: Sessions expected by the report date: the agreed number times the
            share of the relationship's days gone by, rounded down; ``None``
            without an agreed number or both dates.
        held: Sessions attended.
        missed: Sessions planned but not attended.
        minutes: Minutes of the sessions attended.
        last_session: Day of the last attended session, if any.
        days_since: Days from the last attended session (or, before any, the
            start) to the report date; ``None`` before the relationship starts
            or without a start.
        behind: Fewer sessions held than expected by now.
        stopped: An active or planned relationship gone longer than the policy
            allows without an attended session.
        topics: The topics of the attended sessions, sorted and unique.
    """

    mentor: str
    mentee: str
    start: dt.date | None
    end: dt.date | None
    relationship_status: MentoringStatus
    agreed: int | None
    expected: int | None
    held: int
    missed: int
    minutes: float
    last_session: dt.date | None
    days_since: int | None
    behind: bool
    stopped: bool
    topics: tuple[str, ...]


@attrs.frozen(kw_only=True)
class MentorSessions:
    """One mentor's relationships and sessions, added up.

    Args:
        mentor: The mentor.
        relationships: Their relationships in the report.
        agreed: Sessions agreed, over the relationships with an agreed number.
        expected: Sessions expected by now, over the relationships with an expectation.
        held: Sessions attended.
        missed: Sessions missed.
        minutes: Minutes of the sessions attended.
        behind_pairs: Relationships behind what was agreed.
        stopped_pairs: Relationships that stopped meeting.
    """

    mentor: str
    relationships: int
    agreed: int
    expected: int
    held: int
    missed: int
    minutes: float
    behind_pairs: int
    stopped_pairs: int


@attrs.frozen(kw_only=True)
class SessionReport:
    """Mentoring sessions per relationship and per mentor, at a report date.

    Args:
        as_of: The report date; later sessions are not counted.
        policy: The session policy used.
        pairs: One entry per relationship, sorted by mentor, mentee and start.
        mentors: One entry per mentor, sorted by NIP.
        unmatched: Sessions of a pair with no relationship covering their date.
    """

    as_of: dt.date
    policy: MentoringSessionPolicy
    pairs: tuple[PairSessions, ...]
    mentors: tuple[MentorSessions, ...]
    unmatched: tuple[MentoringSession, ...]

    def stopped(self) -> tuple[PairSessions, ...]:
        """The relationships that stopped meeting, longest silence first."""
        out = [p for p in self.pairs if p.stopped]
        return tuple(sorted(out, key=lambda p: (-(p.days_since or 0), p.mentor, p.mentee)))

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per relationship.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df[["mentee", "held", "stopped"]].values.tolist()[1]
            ['200001022024011002', 1, True]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [f.name for f in attrs.fields(PairSessions)]
        rows = []
        for p in self.pairs:
            row = attrs.asdict(p)
            row["relationship_status"] = p.relationship_status.value
            row["topics"] = "; ".join(p.topics)
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)


def _relationships(value: object) -> tuple[MentoringRelationship, ...]:
    if isinstance(value, MentoringGraph):
        return value.relationships
    return MentoringGraph(
        _validate.instances("relationships", value, MentoringRelationship)
    ).relationships


def _covers(r: MentoringRelationship, day: dt.date) -> bool:
    return (r.start is None or r.start <= day) and (r.end is None or day <= r.end)


def _home(
    session: MentoringSession,
    by_pair: dict[tuple[str, str], list[int]],
    rels: tuple[MentoringRelationship, ...],
) -> int | None:
    """The relationship of a session: the latest-starting one of its pair that covers its day."""
    found = [i for i in by_pair.get(session.pair, []) if _covers(rels[i], session.held_on)]
    return found[-1] if found else None


def _expected(r: MentoringRelationship, as_of: dt.date) -> int | None:
    if r.agreed_sessions is None or r.start is None or r.end is None:
        return None
    if as_of < r.start:
        return 0
    gone = (min(as_of, r.end) - r.start).days + 1
    total = (r.end - r.start).days + 1
    return r.agreed_sessions * gone // total


def _pair(
    r: MentoringRelationship,
    mine: list[MentoringSession],
    as_of: dt.date,
    policy: MentoringSessionPolicy,
) -> PairSessions:
    attended = [s for s in mine if s.attended]
    last = max((s.held_on for s in attended), default=None)
    since_from = last or r.start
    days_since = None
    if since_from is not None and since_from <= as_of:
        days_since = (as_of - since_from).days
    live = r.status in (MentoringStatus.ACTIVE, MentoringStatus.PLANNED)
    if r.end is not None and r.end < as_of:
        live = False  # the agreed period is over: no more sessions are due
    stopped = live and days_since is not None and days_since > policy.stopped_after_days
    expected = _expected(r, as_of)
    return PairSessions(
        mentor=r.mentor,
        mentee=r.mentee,
        start=r.start,
        end=r.end,
        relationship_status=r.status,
        agreed=r.agreed_sessions,
        expected=expected,
        held=len(attended),
        missed=len(mine) - len(attended),
        minutes=float(sum(s.minutes for s in attended)),
        last_session=last,
        days_since=days_since,
        behind=expected is not None and len(attended) < expected,
        stopped=stopped,
        topics=tuple(sorted({t for s in attended for t in s.topics})),
    )


def analyse_sessions(
    relationships: MentoringGraph | Iterable[MentoringRelationship],
    sessions: Iterable[MentoringSession],
    *,
    as_of: dt.date,
    policy: MentoringSessionPolicy = MENTORING_SESSIONS_DEFAULT,
) -> SessionReport:
    """Check mentoring sessions against what each pair agreed, up to a report date.

    A session belongs to the relationship of its pair whose dates cover its day
    (the latest-starting one when several do); sessions after ``as_of`` are not
    counted, and sessions no relationship covers are listed as unmatched.

    Args:
        relationships: The relationships (a graph or a collection).
        sessions: The session log.
        as_of: The report date.
        policy: How long a pair may go without meeting.

    Returns:
        The report per relationship and per mentor.

    Raises:
        ValidationError: For arguments of the wrong kind.
    """
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise ValidationError("as_of", "a date (datetime.date)", as_of)
    if not isinstance(policy, MentoringSessionPolicy):
        raise ValidationError("policy", "a MentoringSessionPolicy", policy)
    rels = _relationships(relationships)
    log = _validate.instances("sessions", sessions, MentoringSession)
    by_pair: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(rels):
        by_pair.setdefault(r.pair, []).append(i)
    mine: list[list[MentoringSession]] = [[] for _ in rels]
    unmatched: list[MentoringSession] = []
    for s in sorted(
        log, key=lambda s: (s.mentor, s.mentee, s.held_on, s.minutes, s.topics, s.attended, s.note)
    ):
        if s.held_on > as_of:
            continue
        home = _home(s, by_pair, rels)
        if home is None:
            unmatched.append(s)
        else:
            mine[home].append(s)
    pairs = tuple(_pair(r, mine[i], as_of, policy) for i, r in enumerate(rels))
    mentors: dict[str, list[PairSessions]] = {}
    for p in pairs:
        mentors.setdefault(p.mentor, []).append(p)
    summary = tuple(
        MentorSessions(
            mentor=m,
            relationships=len(ps),
            agreed=sum(p.agreed or 0 for p in ps),
            expected=sum(p.expected or 0 for p in ps),
            held=sum(p.held for p in ps),
            missed=sum(p.missed for p in ps),
            minutes=float(sum(p.minutes for p in ps)),
            behind_pairs=sum(p.behind for p in ps),
            stopped_pairs=sum(p.stopped for p in ps),
        )
        for m, ps in sorted(mentors.items())
    )
    return SessionReport(
        as_of=as_of, policy=policy, pairs=pairs, mentors=summary, unmatched=tuple(unmatched)
    )


def _example() -> SessionReport:
    """One mentor, two mentees for the doctests: one pair meets monthly, one stopped."""
    mentor, a, b = "198001012005011001", "199901012023021001", "200001022024011002"
    start, end = dt.date(2025, 1, 6), dt.date(2025, 12, 19)
    rels = [
        MentoringRelationship(mentor=mentor, mentee=a, start=start, end=end, agreed_sessions=10),
        MentoringRelationship(mentor=mentor, mentee=b, start=start, end=end, agreed_sessions=10),
    ]
    sessions = [
        MentoringSession(
            mentor=mentor,
            mentee=a,
            held_on=dt.date(2025, m, 10),
            minutes=60,
            topics=["pelayanan prima"],
        )
        for m in (1, 3, 4)
    ] + [
        MentoringSession(mentor=mentor, mentee=b, held_on=dt.date(2025, 1, 20), minutes=60),
        MentoringSession(
            mentor=mentor, mentee=b, held_on=dt.date(2025, 2, 17), minutes=60, attended=False
        ),
    ]
    return analyse_sessions(rels, sessions, as_of=dt.date(2025, 4, 30))
