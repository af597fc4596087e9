"""JP compliance: the worked cases checked by hand, the rules one by one, and an oracle."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import strategies as acst
from asn_competency.compliance.columnar import JpStatus
from asn_competency.compliance.jp import (
    JpCompliance,
    PersonJp,
    analyse_jp,
    training_records,
)
from asn_competency.domain.development import Route
from asn_competency.domain.employee import Employee, EmploymentStatus, parse_nip
from asn_competency.domain.ledger import Ledger, LedgerEntry, title_key
from asn_competency.domain.period import Period
from asn_competency.domain.records import TrainingKind
from asn_competency.errors import InvalidNipError, UnknownIdError, ValidationError
from asn_competency.policies.compliance import (
    JP_COMPLIANCE_DEFAULT,
    JpCompliancePolicy,
    SplitRule,
)
from asn_competency.policies.development import CreditBasis

A, B, C, D = (
    "199001012015031001",
    "199203042019032002",
    "198805052010011003",
    "199405052020122004",
)
PPPK = "198907072022211005"


def _entry(
    nip: str, title: str, route: str, start: dt.date, end: dt.date | None = None, **kw: object
) -> LedgerEntry:
    return LedgerEntry(nip=nip, title=title, route=route, start=start, end=end or start, **kw)  # type: ignore[arg-type]


def _one(entries: list[LedgerEntry], nip: str, period: object = 2025, **kw: object) -> PersonJp:
    return analyse_jp(Ledger(entries), period=period, **kw).person(nip)  # type: ignore[arg-type]


# --- the worked cases -----------------------------------------------------------------------


def test_exactly_twenty_jp_is_met() -> None:
    """16 JP of bimtek plus a seminar stating no JP (credited 4) is exactly 20: met, 0 short."""
    p = _one(
        [
            _entry(
                A,
                "Bimtek SIAK",
                "bimbingan_teknis",
                dt.date(2025, 3, 3),
                dt.date(2025, 3, 5),
                jp=16,
            ),
            _entry(A, "Seminar adminduk", "seminar", dt.date(2025, 8, 11)),
        ],
        A,
    )
    assert (p.counted_jp, p.status, p.short_by, p.target_jp) == (20.0, JpStatus.MET, 0.0, 20.0)


def test_one_jp_short() -> None:
    """16 JP plus a 135-minute mentoring session (3 JP of 45 minutes) is 19: short by 1."""
    p = _one(
        [
            _entry(B, "Bimtek SIAK", "bimbingan_teknis", dt.date(2025, 3, 3), jp=16),
            _entry(B, "Mentoring", "mentoring", dt.date(2025, 9, 1), hours=2.25),
        ],
        B,
    )
    assert (p.counted_jp, p.status, p.short_by) == (19.0, JpStatus.SHORT, 1.0)
    assert (p.formal_jp, p.social_jp, p.experiential_jp) == (16.0, 3.0, 0.0)


def test_only_record_spans_the_new_year() -> None:
    """24 JP over 30 Dec 2024 - 2 Jan 2025: half of its four days, 12 JP, in each year."""
    course = [
        _entry(C, "Kursus arsip", "kursus", dt.date(2024, 12, 30), dt.date(2025, 1, 2), jp=24)
    ]
    y2025, y2024 = _one(course, C, 2025), _one(course, C, 2024)
    assert (y2025.counted_jp, y2025.short_by, y2025.status) == (12.0, 8.0, JpStatus.SHORT)
    assert y2024.counted_jp == 12.0
    at_end = attrs.evolve(JP_COMPLIANCE_DEFAULT, split="end")
    assert _one(course, C, 2025, policy=at_end).status is JpStatus.MET
    assert _one(course, C, 2024, policy=at_end).status is JpStatus.NO_RECORD
    at_start = attrs.evolve(JP_COMPLIANCE_DEFAULT, split=SplitRule.START)
    assert _one(course, C, 2024, policy=at_start).counted_jp == 24.0
    assert _one(course, C, 2025, policy=at_start).status is JpStatus.NO_RECORD


def test_duplicate_is_reported_not_double_counted() -> None:
    """The same bimtek from two systems (title in another case and spacing) counts once."""
    ledger = Ledger(
        [
            _entry(
                B,
                "Bimtek SIAK",
                "bimbingan_teknis",
                dt.date(2025, 3, 3),
                dt.date(2025, 3, 5),
                jp=16,
                source="SIMPEG",
            ),
            _entry(
                B,
                "BIMTEK  siak",
                "bimbingan_teknis",
                dt.date(2025, 3, 3),
                dt.date(2025, 3, 5),
                jp=16,
                source="SIASN",
            ),
        ]
    )
    res = analyse_jp(ledger, period=2025)
    p = res.person(B)
    assert (p.counted_jp, p.entries, p.duplicates) == (16.0, 2, 1)
    [dup] = res.duplicates
    assert (dup.nip, dup.records, dup.sources) == (B, 2, ("SIASN", "SIMPEG"))
    assert "1 duplicate record(s) left out" in p.explain()


def test_rotation_counts_as_experiential() -> None:
    """A job rotation stating 40 JP counts toward the 70 of 10:20:70."""
    p = _one(
        [_entry(D, "Rotasi ke PIAK", "rotasi", dt.date(2025, 1, 6), dt.date(2025, 6, 30), jp=40)], D
    )
    assert (p.experiential_jp, p.formal_jp, p.social_jp, p.status) == (
        40.0,
        0.0,
        0.0,
        JpStatus.MET,
    )


# --- the rules one at a time ------------------------------------------------------------------


def test_no_record_and_people_without_entries() -> None:
    """An employee with nothing in the period has no record and the whole target missing."""
    staff = [Employee(nip=A, name="Andi"), Employee(nip=B, name="Budi")]
    res = analyse_jp(
        Ledger([_entry(A, "Diklat", "pelatihan_teknis", dt.date(2024, 5, 1), jp=30)]),
        period=2025,
        employees=staff,
    )
    assert [(p.nip, p.status, p.short_by) for p in res.people] == [
        (A, JpStatus.NO_RECORD, 20.0),
        (B, JpStatus.NO_RECORD, 20.0),
    ]
    assert "no record in the period, short by 20 JP" in res.person(A).explain()
    assert [p.nip for p in res.short()] == [A, B]


def test_pppk_has_no_target_and_a_maximum() -> None:
    """By default a PPPK has no minimum (no target) and at most 24 JP."""
    p = _one([_entry(PPPK, "Diklat", "pelatihan_teknis", dt.date(2025, 5, 1), jp=30)], PPPK)
    assert (p.employment, p.status, p.target_jp, p.maximum_jp, p.above_maximum) == (
        EmploymentStatus.PPPK,
        JpStatus.NO_TARGET,
        None,
        24.0,
        True,
    )
    assert p.short_by == 0.0
    assert "no target (maximum 24 JP), above the maximum" in p.explain()


def test_pppk_minimum_from_the_policy() -> None:
    """A policy that gives PPPK a minimum counts them like PNS."""
    hours = attrs.evolve(JP_COMPLIANCE_DEFAULT.hours, minimum_jp={"pns": 20, "pppk": 10})
    policy = attrs.evolve(JP_COMPLIANCE_DEFAULT, hours=hours)
    p = _one(
        [_entry(PPPK, "Diklat", "pelatihan_teknis", dt.date(2025, 5, 1), jp=8)], PPPK, policy=policy
    )
    assert (p.status, p.short_by) == (JpStatus.SHORT, 2.0)


def test_daily_cap_on_one_day() -> None:
    """Self-study is capped at 2 JP a day: three records of 2 JP on one day give 2."""
    day = dt.date(2025, 4, 1)
    p = _one([_entry(A, f"Belajar {i}", "belajar_mandiri", day, jp=2) for i in range(3)], A)
    assert (p.counted_jp, p.capped_jp) == (2.0, 4.0)
    assert "4 JP above the daily caps" in p.explain()


def test_daily_cap_spreads_a_record_over_its_days() -> None:
    """12 JP of self-study over three days is 4 a day, capped to 2 a day: 6 JP."""
    p = _one(
        [_entry(A, "Belajar", "belajar_mandiri", dt.date(2025, 4, 1), dt.date(2025, 4, 3), jp=12)],
        A,
    )
    assert (p.counted_jp, p.capped_jp) == (6.0, 6.0)


def test_daily_cap_across_the_year_boundary_with_the_end_rule() -> None:
    """Under the end rule a capped record counts whole where it ends, still capped per day."""
    led = [
        _entry(A, "Belajar", "belajar_mandiri", dt.date(2024, 12, 31), dt.date(2025, 1, 1), jp=8),
        _entry(A, "Komunitas", "belajar_mandiri", dt.date(2024, 12, 31), jp=2),
    ]
    policy = attrs.evolve(JP_COMPLIANCE_DEFAULT, split="end")
    # 31 Dec: 4 + 2 = 6, capped to 2 (shared 4:2); 1 Jan: 4, capped to 2.
    assert _one(led, A, 2025, policy=policy).counted_jp == pytest.approx(2 + 2 * 4 / 6)
    assert _one(led, A, 2024, policy=policy).counted_jp == pytest.approx(2 * 2 / 6)


def test_record_without_jp_and_without_credit() -> None:
    """A rotation stating no JP gets none (no credit in the table) and is listed."""
    rotation = _entry(A, "Rotasi", "rotasi", dt.date(2025, 2, 1), dt.date(2025, 7, 31))
    res = analyse_jp(Ledger([rotation]), period=2025)
    p = res.person(A)
    assert (p.counted_jp, p.uncredited, p.status) == (0.0, 1, JpStatus.SHORT)
    assert res.uncredited == (rotation,)
    assert "1 record(s) with no JP" in p.explain()


def test_routes_the_policy_does_not_count() -> None:
    """Without mentoring among the counted routes, sessions add nothing."""
    routes = [r for r in JP_COMPLIANCE_DEFAULT.counted_routes if r is not Route.MENTORING]
    policy = attrs.evolve(JP_COMPLIANCE_DEFAULT, counted_routes=routes)
    led = [_entry(A, "Mentoring", "mentoring", dt.date(2025, 9, 1), hours=3)]
    assert _one(led, A, policy=policy).counted_jp == 0.0
    assert _one(led, A).counted_jp == 4.0


def test_table_first_basis() -> None:
    """With the table first a seminar gets the table's 4 JP, whatever it states."""
    credits = attrs.evolve(JP_COMPLIANCE_DEFAULT.credits, basis=CreditBasis.TABLE_FIRST)
    policy = attrs.evolve(JP_COMPLIANCE_DEFAULT, credits=credits)
    led = [
        _entry(A, "Seminar", "seminar", dt.date(2025, 8, 11), jp=8),
        _entry(A, "Diklat", "pelatihan_teknis", dt.date(2025, 5, 5), jp=10),
    ]
    assert _one(led, A, policy=policy).counted_jp == 14.0
    assert _one(led, A).counted_jp == 18.0


def test_duplicates_keep_the_most_jp() -> None:
    """Of duplicates stating different JP, the one with most counts, whatever the order."""
    day = dt.date(2025, 5, 5)
    led = [
        _entry(A, "Diklat", "pelatihan_teknis", day, jp=10, source="x"),
        _entry(A, "Diklat", "seminar", day, source="y"),
        _entry(A, "diklat", "pelatihan_teknis", day, jp=12, source="z"),
    ]
    assert _one(led, A).counted_jp == 12.0
    assert _one(led[::-1], A).counted_jp == 12.0


def test_periods_other_than_years() -> None:
    """A semester or a quarter is counted like a year; labels and Periods are accepted."""
    led = [
        _entry(A, "Diklat", "pelatihan_teknis", dt.date(2025, 3, 30), dt.date(2025, 4, 2), jp=20)
    ]
    assert _one(led, A, "2025-Q1").counted_jp == 10.0
    assert _one(led, A, Period.quarter(2025, 2)).counted_jp == 10.0
    assert _one(led, A, "2025-S1").counted_jp == 20.0


def test_outside_people_are_listed_not_counted() -> None:
    """Records of people not among the employees are left out and their NIPs listed."""
    led = Ledger(
        [
            _entry(A, "Diklat", "pelatihan_teknis", dt.date(2025, 5, 5), jp=20),
            _entry(B, "Diklat", "pelatihan_teknis", dt.date(2025, 5, 5), jp=20),
        ]
    )
    res = analyse_jp(led, period=2025, employees={A: Employee(nip=A, name="Andi")})
    assert [p.nip for p in res.people] == [A]
    assert res.outside == (B,)


def test_status_comes_from_the_employee_record() -> None:
    """Without employees the status is read from the NIP; with them, from the record."""
    res = analyse_jp(Ledger([]), period=2025, employees=[Employee(nip=PPPK, name="P")])
    assert res.person(PPPK).status is JpStatus.NO_TARGET
    assert analyse_jp(Ledger([]), period=2025).people == ()


def test_result_lookups_and_counts() -> None:
    """person() finds a NIP written with spaces; counts() lists every status."""
    res = analyse_jp(Ledger([_entry(A, "D", "seminar", dt.date(2025, 1, 2))]), period=2025)
    assert res.person("19900101 201503 1 001").nip == A
    with pytest.raises(UnknownIdError, match="unknown person"):
        res.person(B)
    assert res.counts() == {
        JpStatus.MET: 0,
        JpStatus.SHORT: 1,
        JpStatus.NO_RECORD: 0,
        JpStatus.NO_TARGET: 0,
    }
    df = res.to_dataframe()
    assert df[["nip", "status", "counted_jp"]].values.tolist() == [[A, "short", 4.0]]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ledger": [1]}, "'ledger' must be a Ledger"),
        ({"period": "tahun ini"}, "'period' must be a period label"),
        ({"period": 2.5}, "'period' must be a Period, a year"),
        ({"policy": JP_COMPLIANCE_DEFAULT.hours}, "'policy' must be a JpCompliancePolicy"),
        ({"employees": "pegawai"}, "'employees' must be a collection"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    """Each argument of the wrong kind is named."""
    args: dict[str, object] = {"ledger": Ledger([]), "period": 2025, **kwargs}
    ledger = args.pop("ledger")
    with pytest.raises(ValidationError, match=message):
        analyse_jp(ledger, **args)  # type: ignore[arg-type]


def test_inputs_are_not_changed() -> None:
    """Analysing leaves the ledger and the employees as they were."""
    led = Ledger([_entry(A, "D", "seminar", dt.date(2025, 1, 2))])
    staff = [Employee(nip=A, name="Andi")]
    before = (led, list(staff))
    analyse_jp(led, period=2025, employees=staff)
    assert (led, staff) == before


# --- training records for IP ASN -------------------------------------------------------------


def test_training_records_feed_ip_asn() -> None:
    """Completed training of the year with an IP ASN kind, duplicates once, credits applied."""
    led = Ledger(
        [
            _entry(
                A,
                "PKP",
                "pelatihan_kepemimpinan",
                dt.date(2025, 2, 3),
                dt.date(2025, 5, 30),
                jp=200,
            ),
            _entry(A, "Diklat fungsional", "pelatihan_fungsional", dt.date(2025, 6, 2), jp=40),
            _entry(A, "Seminar", "seminar", dt.date(2025, 8, 1)),
            _entry(A, "seminar", "seminar", dt.date(2025, 8, 1)),
            _entry(A, "Mentoring", "mentoring", dt.date(2025, 8, 2), hours=2),
            _entry(A, "Kursus 2024", "kursus", dt.date(2024, 12, 30), dt.date(2025, 1, 3), jp=10),
            _entry(A, "Kursus lama", "kursus", dt.date(2024, 3, 3), jp=10),
        ]
    )
    records = training_records(led, nip=A, period=2025, fits_position=["pkp"])
    assert [(r.kind, r.jp, r.fits_position, r.year) for r in records] == [
        (TrainingKind.FUNGSIONAL, 40.0, False, 2025),
        (TrainingKind.KURSUS, 10.0, True, 2025),
        (TrainingKind.KEPEMIMPINAN, 200.0, True, 2025),
        (TrainingKind.SEMINAR, 4.0, True, 2025),
    ]


def test_training_records_bad_arguments() -> None:
    """A text for the fitting titles, a ledger of the wrong kind or a bad NIP is named."""
    led = Ledger([])
    with pytest.raises(ValidationError, match="'fits_position' must be a collection"):
        training_records(led, nip=A, period=2025, fits_position="PKP")
    with pytest.raises(ValidationError, match="'fits_position' must be titles"):
        training_records(led, nip=A, period=2025, fits_position=[3])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'ledger' must be a Ledger"):
        training_records([], nip=A, period=2025)  # type: ignore[arg-type]
    with pytest.raises(InvalidNipError):
        training_records(led, nip="123", period=2025)
    assert training_records(led, nip=A, period=2025, policy=JP_COMPLIANCE_DEFAULT) == ()


# --- an oracle: the rules written out plainly ---------------------------------------------------


def _reference(ledger: Ledger, period: Period, policy: JpCompliancePolicy) -> dict[str, float]:
    """Each person's JP by the documented rules, one day at a time."""
    best: dict[tuple[str, str, dt.date, dt.date], tuple[float, int, LedgerEntry]] = {}
    order = list(Route)
    for e in ledger:
        jp = (
            policy.credits.jp_of(
                e.route, jp=e.jp, hours=e.hours, minutes_per_jp=policy.hours.minutes_per_jp
            )
            or 0.0
        )
        rank = (jp, -order.index(e.route))
        known = best.get(e.key)
        if known is None or rank > known[:2]:
            best[e.key] = (jp, -order.index(e.route), e)
    per_day: dict[tuple[str, Route, dt.date], list[tuple[int, float]]] = defaultdict(list)
    counted: dict[str, float] = defaultdict(float)
    rows = [(jp, e) for jp, _, e in best.values() if jp > 0 and e.route in policy.counted_routes]
    for i, (jp, e) in enumerate(rows):
        days = [e.start + dt.timedelta(days=k) for k in range(e.days)]
        for day in days:
            per_day[(e.nip, e.route, day)].append((i, jp / e.days))
    got = [0.0] * len(rows)
    in_days = [0.0] * len(rows)
    for (_, route, day), parts in per_day.items():
        total = sum(v for _, v in parts)
        cap = policy.credits.daily_caps.get(route, math.inf)
        factor = min(1.0, cap / total) if total > 0 else 1.0
        for i, v in parts:
            got[i] += v * factor
            if period.contains(day):
                in_days[i] += v * factor
    for i, (_, e) in enumerate(rows):
        if policy.split is SplitRule.PRO_RATA:
            counted[e.nip] += in_days[i]
        elif period.contains(e.start if policy.split is SplitRule.START else e.end):
            counted[e.nip] += got[i]
    return counted


@given(acst.ledgers(max_people=3, max_entries=10), acst.jp_compliance_policies(), acst.periods())
def test_count_agrees_with_the_rules_written_out(
    ledger: Ledger, policy: JpCompliancePolicy, period: Period
) -> None:
    """Every person's JP equals a plain day-by-day reading of the rules."""
    res = analyse_jp(ledger, period=period, policy=policy)
    expected = _reference(ledger, period, policy)
    for p in res.people:
        assert p.counted_jp == pytest.approx(expected.get(p.nip, 0.0), rel=1e-9, abs=1e-6)
        assert p.counted_jp >= 0
        if p.target_jp is not None:
            assert p.short_by == pytest.approx(max(p.target_jp - p.counted_jp, 0.0), abs=1e-6)


@given(acst.ledgers(max_people=3, max_entries=10), st.integers(2020, 2025))
def test_quarters_add_up_to_the_year(ledger: Ledger, year: int) -> None:
    """Pro rata, the JP of the four quarters add up to the JP of the year."""
    whole = analyse_jp(ledger, period=year)
    parts = [analyse_jp(ledger, period=Period.quarter(year, q)) for q in range(1, 5)]
    for p in whole.people:
        assert sum(q.person(p.nip).counted_jp for q in parts) == pytest.approx(
            p.counted_jp, abs=1e-6
        )


@given(acst.ledgers(max_people=3, max_entries=10), st.randoms(use_true_random=False))
def test_order_of_the_records_does_not_matter(ledger: Ledger, rnd: object) -> None:
    """The same records in any order give the same result."""
    entries = list(ledger.entries)
    rnd.shuffle(entries)  # type: ignore[attr-defined]
    assert analyse_jp(Ledger(entries), period=2024) == analyse_jp(ledger, period=2024)


def test_nips_are_checked() -> None:
    """A malformed NIP never reaches the count."""
    with pytest.raises(InvalidNipError):
        _entry("123", "D", "seminar", dt.date(2025, 1, 1))
    assert parse_nip(A).kind is EmploymentStatus.PNS
    assert title_key(" A  b ") == "a b"
    assert isinstance(analyse_jp(Ledger([]), period=2025), JpCompliance)


def test_explain_a_met_target() -> None:
    """A met target reads as JP of target, met."""
    p = _one([_entry(A, "Diklat", "pelatihan_teknis", dt.date(2025, 5, 5), jp=24)], A)
    assert p.explain() == (f"{A}: 24 of 20 JP, met (formal 24, social 0, experiential 0)")
