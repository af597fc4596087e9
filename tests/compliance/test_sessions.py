"""Mentoring sessions against what each pair agreed."""

from __future__ import annotations

import datetime as dt

import pytest

from asn_competency.compliance.sessions import _example, analyse_sessions
from asn_competency.domain.mentoring import (
    MentoringGraph,
    MentoringRelationship,
    MentoringSession,
)
from asn_competency.errors import ValidationError
from asn_competency.policies.mentoring import MentoringSessionPolicy

M, A, B = "198001012005011001", "199901012023021001", "200001022024011002"


def _session(day: dt.date, mentee: str = A, **kw: object) -> MentoringSession:
    return MentoringSession(mentor=M, mentee=mentee, held_on=day, minutes=60, **kw)  # type: ignore[arg-type]


def test_held_expected_and_stopped_checked_by_hand() -> None:
    """10 sessions agreed over the year; by 30 April about 3 are due (116 of 348 days)."""
    rep = _example()
    a, b = rep.pairs
    assert (a.held, a.missed, a.expected, a.behind, a.stopped, a.days_since) == (
        3,
        0,
        3,
        False,
        False,
        20,
    )
    assert (b.held, b.missed, b.behind, b.stopped, b.days_since, b.minutes) == (
        1,
        1,
        True,
        True,
        100,
        60.0,
    )
    assert a.topics == ("pelayanan prima",)
    assert b.topics == ()
    assert rep.stopped() == (b,)
    m = rep.mentors[0]
    assert (m.relationships, m.agreed, m.expected, m.held, m.missed, m.minutes) == (
        2,
        20,
        6,
        4,
        1,
        240.0,
    )
    assert (m.behind_pairs, m.stopped_pairs) == (1, 1)
    assert rep.to_dataframe()["relationship_status"].tolist() == ["active", "active"]


def test_pairs_that_never_met_stop_after_the_limit() -> None:
    """Without a session, the silence counts from the start."""
    rel = MentoringRelationship(mentor=M, mentee=A, start=dt.date(2025, 1, 1))
    rep = analyse_sessions([rel], [], as_of=dt.date(2025, 3, 15))
    p = rep.pairs[0]
    assert (p.held, p.last_session, p.days_since, p.stopped, p.expected) == (
        0,
        None,
        73,
        True,
        None,
    )
    short = MentoringSessionPolicy(name="n", version="1", stopped_after_days=90)
    assert (
        not analyse_sessions([rel], [], as_of=dt.date(2025, 3, 15), policy=short).pairs[0].stopped
    )


def test_ended_completed_and_future_relationships_never_stop() -> None:
    """Completed ones, ones past their end, and ones not yet started are not flagged."""
    rels = MentoringGraph(
        [
            MentoringRelationship(
                mentor=M, mentee=A, start=dt.date(2024, 1, 1), status="completed"
            ),
            MentoringRelationship(
                mentor=M,
                mentee=B,
                start=dt.date(2024, 1, 1),
                end=dt.date(2024, 6, 30),
                agreed_sessions=6,
            ),
            MentoringRelationship(
                mentor=A,
                mentee=B,
                start=dt.date(2026, 1, 1),
                end=dt.date(2026, 12, 31),
                agreed_sessions=12,
                status="planned",
            ),
        ]
    )
    rep = analyse_sessions(rels, [], as_of=dt.date(2025, 3, 1))
    assert [(p.stopped, p.expected, p.behind, p.days_since) for p in rep.pairs] == [
        (False, None, False, 425),
        (False, 6, True, 425),
        (False, 0, False, None),
    ]


def test_sessions_find_their_relationship() -> None:
    """A session belongs to the covering relationship; later and uncovered ones are set apart."""
    rels = [
        MentoringRelationship(
            mentor=M, mentee=A, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)
        ),
        MentoringRelationship(mentor=M, mentee=A, start=dt.date(2025, 1, 1)),
    ]
    stray = _session(dt.date(2025, 2, 2), mentee=B)
    sessions = [
        _session(dt.date(2024, 5, 5)),
        _session(dt.date(2025, 2, 2)),
        _session(dt.date(2025, 9, 9)),
        stray,
    ]
    rep = analyse_sessions(rels, sessions, as_of=dt.date(2025, 3, 1))
    assert [p.held for p in rep.pairs] == [1, 1]
    assert rep.unmatched == (stray,)


def test_bad_arguments() -> None:
    """A report date, policy, relationship or session of the wrong kind is named."""
    with pytest.raises(ValidationError, match="'as_of' must be a date"):
        analyse_sessions([], [], as_of="2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'policy' must be a MentoringSessionPolicy"):
        analyse_sessions([], [], as_of=dt.date(2025, 1, 1), policy=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'relationships\\[0\\]' must be a Mentoring"):
        analyse_sessions([1], [], as_of=dt.date(2025, 1, 1))  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'sessions\\[0\\]' must be a MentoringSession"):
        analyse_sessions([], [1], as_of=dt.date(2025, 1, 1))  # type: ignore[list-item]
