"""The development ledger: entries, duplicates, and entries from programmes and sessions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from asn_competency import strategies as acst
from asn_competency.domain.development import Activity, Enrolment, Programme, Route, Target
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.domain.mentoring import MentoringSession
from asn_competency.errors import InvalidNipError, ValidationError

A, B = "199001012015031001", "199203042019032002"
DAY = dt.date(2025, 3, 3)


def _e(**kw: object) -> LedgerEntry:
    base: dict[str, object] = {
        "nip": A,
        "title": "Bimtek",
        "route": "bimbingan_teknis",
        "start": DAY,
    }
    base.update(kw)
    return LedgerEntry(**base)  # type: ignore[arg-type]


def test_entry_defaults_and_normalisation() -> None:
    """The end defaults to the start; NIPs lose their spaces; numbers become floats."""
    e = _e(nip="19900101 201503 1 001", jp=16)
    assert (e.nip, e.end, e.days, e.jp, e.hours, e.route) == (
        A,
        DAY,
        1,
        16.0,
        None,
        Route.BIMBINGAN_TEKNIS,
    )


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"title": " "}, "'title' must be a non-empty text"),
        ({"route": "ceramah"}, "'route' must be one of"),
        ({"start": "2025-03-03"}, "'start' must be a date"),
        ({"start": dt.datetime(2025, 3, 3)}, "'start' must be a date"),
        ({"end": dt.date(2025, 3, 2)}, "'end' must be a date on or after the start 2025-03-03"),
        ({"jp": -1}, "'jp' must be a number >= 0"),
        ({"jp": float("nan")}, "'jp' must be a number >= 0"),
        ({"jp": "16"}, "'jp' must be a finite number >= 0 or none"),
        ({"hours": True}, "'hours' must be a finite number >= 0 or none"),
        ({"kind": None}, "'kind' must be a text"),
        ({"activity_id": "a b"}, "'activity_id' must be an id"),
    ],
)
def test_entry_checks(kw: dict[str, object], message: str) -> None:
    """Every field is checked and named."""
    with pytest.raises(ValidationError, match=message):
        _e(**kw)
    with pytest.raises(InvalidNipError):
        _e(nip="1990")


def test_ledger_orders_and_finds() -> None:
    """Entries sort by person and date whatever the input order; of() finds one person's."""
    a, b, c = _e(start=dt.date(2025, 5, 1)), _e(), _e(nip=B)
    led = Ledger([a, c, b])
    assert led.entries == (b, a, c)
    assert led == Ledger([c, b, a])
    assert (len(led), led.people, led.of(A), led.of("199405052020122004")) == (
        3,
        (A, B),
        (b, a),
        (),
    )
    assert list(led.add([_e(nip=B, start=dt.date(2024, 1, 1))]))[2].nip == B
    assert len(led) == 3
    with pytest.raises(ValidationError, match="'entries\\[0\\]' must be a LedgerEntry"):
        Ledger([1])
    with pytest.raises(ValidationError, match="must be a collection of LedgerEntry"):
        Ledger(_e())  # type: ignore[arg-type]


def test_duplicates_share_person_title_and_dates() -> None:
    """Same person, title (any case and spacing) and dates; other routes or sources too."""
    one = _e(jp=16, source="SIMPEG")
    two = _e(title=" bimtek ", jp=12, route="seminar", source="SIASN")
    other_day = _e(start=dt.date(2025, 3, 4))
    other_person = _e(nip=B)
    groups = Ledger([one, other_day, two, other_person, _e(title="BIMTEK")]).duplicates()
    assert [len(g) for g in groups] == [3]
    assert Ledger([one, other_day]).duplicates() == ()


def test_from_programme_takes_completed_enrolments() -> None:
    """Completed places become entries; dates come from the activity or the programme."""
    dated = Activity(
        id="A1",
        title="Workshop",
        route="workshop",
        targets=[Target(competency_id="X")],
        jp=24,
        provider="BPSDM",
        start=dt.date(2025, 4, 7),
        end=dt.date(2025, 4, 9),
    )
    undated = Activity(
        id="A2", title="E-learning", route="e_learning", targets=[Target(competency_id="X")], jp=3
    )
    prog = Programme(
        id="P",
        title="Program",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        activities=[dated, undated],
        enrolments=[
            Enrolment(nip=A, activity_id="A1", completed=True),
            Enrolment(nip=A, activity_id="A2", completed=True),
            Enrolment(nip=B, activity_id="A1", completed=False),
        ],
    )
    led = Ledger.from_programme(prog, source="AKPK")
    assert [(e.title, e.start, e.end, e.jp, e.activity_id, e.source) for e in led] == [
        ("E-learning", dt.date(2025, 1, 1), dt.date(2025, 12, 31), 3.0, "A2", "AKPK"),
        ("Workshop", dt.date(2025, 4, 7), dt.date(2025, 4, 9), 24.0, "A1", "AKPK"),
    ]
    no_dates = Programme(
        id="Q",
        title="Q",
        activities=[undated],
        enrolments=[Enrolment(nip=A, activity_id="A2", completed=True)],
    )
    with pytest.raises(ValidationError, match=r"'activities\[A2\].start' must be a date"):
        Ledger.from_programme(no_dates)
    with pytest.raises(ValidationError, match="'programme' must be a Programme"):
        Ledger.from_programme(None)  # type: ignore[arg-type]


def test_from_sessions_takes_attended_ones() -> None:
    """Attended sessions become mentoring entries of the mentee (and, if asked, the mentor)."""
    m = "198001012005011001"
    held = MentoringSession(mentor=m, mentee=A, held_on=DAY, minutes=90)
    missed = MentoringSession(mentor=m, mentee=A, held_on=DAY, minutes=90, attended=False)
    led = Ledger.from_sessions([held, missed])
    assert [(e.nip, e.hours, e.route.value, e.source) for e in led] == [
        (A, 1.5, "mentoring", "mentoring")
    ]
    both = Ledger.from_sessions([held], mentors=True, source="log")
    assert [e.nip for e in both] == [m, A]
    with pytest.raises(ValidationError, match="'mentors' must be True or False"):
        Ledger.from_sessions([held], mentors="ya")  # type: ignore[arg-type]


@given(acst.ledgers())
def test_any_order_gives_one_ledger(ledger: Ledger) -> None:
    """A ledger built from its entries reversed is the same ledger."""
    assert Ledger(reversed(ledger.entries)) == ledger
    for group in ledger.duplicates():
        assert len({e.key for e in group}) == 1
