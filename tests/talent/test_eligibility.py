"""Eligibility for a key position, rule by rule, with the reason for each failure."""

import datetime as dt
from typing import Any

import attrs
import pytest

from asn_competency import Employee, Position, UnknownIdError, ValidationError
from asn_competency.policies.succession import SUCCESSION_DEFAULT
from asn_competency.talent.eligibility import (
    CandidateCheck,
    SuccessionRule,
    check_candidate,
    whole_years,
)
from asn_competency.talent.nine_box import talent_box

AS_OF = dt.date(2025, 1, 2)
KABID = Position(
    id="KABID.DAFDUK",
    title="Kepala Bidang Pendaftaran Penduduk",
    tier="administrator",
    agency="Disdukcapil",
    unit="Pendaftaran",
)
KASI = Employee(
    nip="198011112006041012",
    name="Bambang Setiawan",
    agency="Disdukcapil",
    unit="Pendaftaran",
    tier="pengawas",
    golongan="III/d",
    position_since=dt.date(2019, 1, 2),
    position_id="KASI.DAFTAR",
)
STAR = talent_box("above", "high")
ALL = (
    "same_agency",
    "tier",
    "not_incumbent",
    "rank",
    "years",
    "sanction",
    "talent_pool",
)


def _check(e: Employee = KASI, **kwargs: object) -> CandidateCheck:
    options: dict[str, object] = {"as_of": AS_OF, "placement": STAR, **kwargs}
    return check_candidate(e, KABID, **options)  # type: ignore[arg-type]


def test_an_eligible_person_passes_every_rule() -> None:
    """Same agency, a feeder tier, rank III/d >= III/c, 6 years >= 3, no sanction, box 9."""
    check = _check()
    assert (check.eligible, check.passed, check.failed, check.reasons) == (True, ALL, (), ())
    assert (check.nip, check.position_id) == (KASI.nip, KABID.id)


@pytest.mark.parametrize(
    ("change", "kwargs", "rule", "reason"),
    [
        (
            {"agency": "Bappeda"},
            {},
            "same_agency",
            "works in 'Bappeda', not in the key position's agency 'Disdukcapil'",
        ),
        (
            {"tier": "pelaksana"},
            {},
            "tier",
            "tier pelaksana is not a feeder of administrator "
            "(feeders: administrator, ahli_muda, pengawas)",
        ),
        ({"tier": None}, {}, "tier", "no tier on record"),
        ({"position_id": "KABID.DAFDUK"}, {}, "not_incumbent", "holds the key position"),
        (
            {"golongan": "III/b"},
            {},
            "rank",
            "rank III/b is below the minimum III/c for administrator",
        ),
        ({"golongan": None}, {}, "rank", "no rank on record"),
        (
            {"position_since": dt.date(2022, 1, 3)},
            {},
            "years",
            "2 whole year(s) in position, fewer than the 3 required for administrator",
        ),
        ({"position_since": None}, {}, "years", "no start date of the current position on record"),
        ({}, {"sanction": "sedang"}, "sanction", "a 'sedang' disciplinary sanction on record"),
        ({}, {"sanction": "berat"}, "sanction", "a 'berat' disciplinary sanction on record"),
        ({}, {"placement": None}, "talent_pool", "no nine-box placement"),
        (
            {},
            {"placement": talent_box("meets", "middle")},
            "talent_pool",
            "box 5 is not in the instansi pool (9, 8, 7)",
        ),
    ],
)
def test_each_rule_fails_with_its_reason(
    change: dict[str, Any], kwargs: dict[str, object], rule: str, reason: str
) -> None:
    """One thing wrong fails exactly one rule, and says why."""
    check = _check(attrs.evolve(KASI, **change), **kwargs)
    assert check.failed == (rule,)
    assert check.reason(rule) == reason
    assert check.passed == tuple(r for r in ALL if r != rule)


def test_a_pppk_grade_is_not_a_pns_rank() -> None:
    """A PPPK's grade is not compared with the PNS minimum."""
    pppk = Employee(
        nip="199001012021211001",
        name="Rani",
        agency="Disdukcapil",
        tier="pengawas",
        golongan="9",
        position_since=dt.date(2021, 1, 2),
    )
    check = _check(pppk)
    assert check.failed == ("rank",)
    assert (
        check.reason("rank") == "PPPK grade 9 is not a PNS rank (minimum III/c for administrator)"
    )


def test_a_light_sanction_does_not_bar() -> None:
    """Only moderate and heavy sanctions bar under the default policy."""
    assert _check(sanction="ringan").eligible
    assert _check(sanction="tidak_ada").eligible


def test_everything_wrong_lists_every_rule() -> None:
    """Every rule is checked, so all that stands in the way is listed, in order."""
    e = Employee(nip="199901012023021001", name="Adi", agency="B", tier="pelaksana")
    check = _check(e, placement=None, sanction="berat")
    assert check.failed == ("same_agency", "tier", "rank", "years", "sanction", "talent_pool")
    assert check.passed == ("not_incumbent",)


def test_rules_of_your_own() -> None:
    """A rule of your own is checked after the built-in ones and gives its reason."""
    degree = SuccessionRule(
        name="has_degree", reason="no degree on record", check=lambda e, p: e.unit == "Pelayanan"
    )
    silent = SuccessionRule(name="silent", check=lambda e, p: False)
    check = _check(rules=[degree, silent])
    assert check.failed == ("has_degree", "silent")
    assert check.reason("has_degree") == "no degree on record"
    assert check.reason("silent") == "fails the rule 'silent'"
    assert check.passed == ALL


def test_rules_switched_off_are_not_checked() -> None:
    """A rule switched off neither passes nor fails; the national pool has no agency rule."""
    lenient = attrs.evolve(SUCCESSION_DEFAULT, rules=["tier", "talent_pool"])
    check = _check(attrs.evolve(KASI, golongan=None), policy=lenient)
    assert (check.passed, check.failed) == (("tier", "talent_pool"), ())
    national = attrs.evolve(SUCCESSION_DEFAULT, level="nasional")
    box8 = talent_box("meets", "high")
    other = _check(attrs.evolve(KASI, agency="Bappeda"), policy=national, placement=box8)
    assert "same_agency" not in other.passed + other.failed
    assert other.failed == ("talent_pool",)
    assert other.reason("talent_pool") == "box 8 is not in the nasional pool (9)"
    assert _check(attrs.evolve(KASI, agency="Bappeda"), policy=national).eligible


def test_a_tier_without_minimums_checks_only_what_it_has() -> None:
    """Key positions of a tier without a minimum rank or years pass those rules."""
    ahli = Position(id="JF.MADYA", title="Ahli Madya", tier="ahli_madya", agency="Disdukcapil")
    e = attrs.evolve(KASI, tier="ahli_muda", golongan=None, position_since=None)
    check = check_candidate(e, ahli, as_of=AS_OF, placement=STAR)
    assert check.eligible


def test_reason_of_a_rule_that_passed_is_unknown() -> None:
    """Asking why a passed rule failed is an unknown-id error."""
    with pytest.raises(UnknownIdError, match="unknown failed rule 'rank'"):
        _check().reason("rank")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"employee": "198011112006041012"}, "'employee' must be a Employee"),
        ({"position": "KABID"}, "'position' must be a Position"),
        ({"policy": "default"}, "'policy' must be a SuccessionPolicy"),
        ({"as_of": "2025-01-02"}, "'as_of' must be a date"),
        ({"as_of": dt.datetime(2025, 1, 2, 8, 0)}, "'as_of' must be a date"),
        ({"placement": 9}, "'placement' must be a TalentBox or None"),
        ({"sanction": "teguran"}, "'sanction' must be one of"),
        ({"rules": ["has_degree"]}, r"'rules\[0\]' must be a SuccessionRule"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict[str, object], message: str) -> None:
    """Each argument of the wrong kind is named."""
    options: dict[str, object] = {"employee": KASI, "position": KABID, "as_of": AS_OF, **kwargs}
    with pytest.raises(ValidationError, match=message):
        check_candidate(**options)  # type: ignore[arg-type]


def test_bad_rules_of_your_own() -> None:
    """A rule needs an id that is not a built-in name and a function; names are unique."""
    with pytest.raises(ValidationError, match="'name' must be a name other than the built-in"):
        SuccessionRule(name="rank", check=lambda e, p: True)
    with pytest.raises(ValidationError, match="'check' must be a function"):
        SuccessionRule(name="x", check="yes")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'name' must be an id"):
        SuccessionRule(name="has degree", check=lambda e, p: True)
    twice = SuccessionRule(name="x", check=lambda e, p: True)
    with pytest.raises(ValidationError, match="'rules' must be unique ids"):
        _check(rules=[twice, twice])


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (dt.date(2021, 3, 1), dt.date(2024, 2, 29), 2),
        (dt.date(2021, 3, 1), dt.date(2024, 3, 1), 3),
        (dt.date(2020, 2, 29), dt.date(2021, 2, 28), 0),
        (dt.date(2020, 2, 29), dt.date(2021, 3, 1), 1),
        (dt.date(2025, 1, 2), dt.date(2024, 1, 2), 0),  # ends before it starts
    ],
)
def test_whole_years(start: dt.date, end: dt.date, years: int) -> None:
    """A year is complete on the same month and day; 29 February on 1 March."""
    assert whole_years(start, end) == years
