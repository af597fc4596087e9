import datetime as dt

import attrs
import pytest
from hypothesis import given

from asn_competency import (
    Employee,
    EmploymentStatus,
    Gender,
    Golongan,
    InvalidNipError,
    ValidationError,
    parse_nip,
)
from asn_competency import strategies as acst
from asn_competency.domain import employees_by_nip


def test_pns_nip_is_decoded() -> None:
    """A PNS NIP yields birth date, TMT, gender and sequence."""
    nip = parse_nip("19850312 201001 2 002")
    assert nip.value == "198503122010012002"
    assert nip.kind is EmploymentStatus.PNS
    assert (nip.birth_date, nip.appointed_year, nip.appointed_month) == (
        dt.date(1985, 3, 12),
        2010,
        1,
    )
    assert (nip.gender, nip.sequence) == (Gender.FEMALE, 2)


def test_pppk_number_is_recognised() -> None:
    """Digits 13-14 that are not a month mark a PPPK number."""
    nip = parse_nip("199001012021211001")
    assert nip.kind is EmploymentStatus.PPPK
    assert nip.appointed_month is None
    assert nip.gender is Gender.MALE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12345", "18 digits"),
        ("19850312201001100A", "18 digits"),
        ("198513122010011001", "birth date"),
        ("198503121999011001", "at least 15 years after"),
        ("198503122099011001", "not in the future"),
        ("198503122010013001", "gender"),
        ("198503122010011000", "sequence"),
    ],
)
def test_malformed_nips_are_explained(text: str, expected: str) -> None:
    """Each malformed NIP gets an error naming what is wrong and the value."""
    with pytest.raises(InvalidNipError, match=expected) as info:
        parse_nip(text)
    assert info.value.field == "nip"
    assert text in str(info.value)


def test_non_string_nip() -> None:
    """A NIP given as a number is rejected (leading zeros would be lost)."""
    with pytest.raises(InvalidNipError):
        parse_nip(198503122010011001)  # type: ignore[arg-type]


def test_employee_status_follows_nip() -> None:
    """Status defaults from the NIP and must agree with it."""
    e = Employee(nip="199001012021211001", name="A", golongan="7")
    assert e.status is EmploymentStatus.PPPK
    with pytest.raises(ValidationError, match="'status' must be 'pppk'"):
        Employee(nip="199001012021211001", name="A", status="pns")


def test_employee_golongan_matches_status() -> None:
    """A PPPK has a grade, a PNS a rank group."""
    with pytest.raises(ValidationError, match="'golongan' must be a PNS rank"):
        Employee(nip="199001012015031001", name="A", golongan="7")
    with pytest.raises(ValidationError, match="'golongan' must be a PNS rank such as"):
        Golongan("V/a")


def test_employee_dates_in_order() -> None:
    """The current position cannot start before hiring."""
    with pytest.raises(ValidationError, match="'position_since'"):
        Employee(
            nip="199001012015031001",
            name="A",
            hired_on=dt.date(2015, 3, 1),
            position_since=dt.date(2014, 1, 1),
        )


def test_golongan_order() -> None:
    """Ranks order within a scheme and not across schemes."""
    assert Golongan("II/d") < Golongan("III/a")
    assert Golongan("3") < Golongan("10")
    assert str(Golongan("IV/e")) == "IV/e"
    assert Golongan("IV/e").rank == 20
    with pytest.raises(TypeError):
        _ = Golongan("3") < Golongan("III/a")


@given(acst.employees())
def test_generated_employees_round_trip_their_nip(e: Employee) -> None:
    """A valid NIP parses back to itself and to the employee's status."""
    nip = parse_nip(e.nip)
    assert nip.value == e.nip
    assert nip.kind is e.status
    assert e.id == e.nip
    assert e.birth_date == nip.birth_date


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"hired_on": dt.datetime(2015, 3, 1, 8)}, "'hired_on' must be a date"),
        ({"hired_on": "2015-03-01"}, "'hired_on' must be a date"),
        (
            {"hired_on": dt.date(2015, 3, 1), "position_since": dt.datetime(2020, 1, 1)},
            "'position_since' must be a date",
        ),
        ({"unit": None}, "'unit' must be a text"),
        ({"agency": 12}, "'agency' must be a text"),
        ({"region": None}, "'region' must be a text"),
        ({"position_id": None}, "'position_id' must be a text"),
    ],
)
def test_employee_fields_of_the_wrong_kind(options: dict[str, object], message: str) -> None:
    """Datetimes or texts as dates, and non-texts as names of places, are named at once."""
    with pytest.raises(ValidationError, match=message):
        Employee(nip="199001012015031001", name="Budi", **options)  # type: ignore[arg-type]


_A = Employee(nip="199003152015031001", name="Andi")
_B = Employee(nip="198512012010012002", name="Budi")


def test_employees_by_nip_keeps_the_given_order() -> None:
    """Records and {nip: record} both index by NIP."""
    assert list(employees_by_nip([_B, _A])) == [_B.nip, _A.nip]
    assert employees_by_nip({_A.nip: _A}) == {_A.nip: _A}
    # A key written with the NIP's usual spaces still names its record.
    assert employees_by_nip({"19900315 201503 1 001": _A}) == {_A.nip: _A}


@pytest.mark.parametrize(
    ("employees", "message"),
    [
        ("199003152015031001", "'employees' must be a collection of Employee objects"),
        (5, "'employees' must be a collection of Employee objects"),
        ([_A, "x"], r"'employees\[1\]' must be an Employee"),
        ([_A, _A], "'employees' must be one record per NIP"),
        ({_A.nip: "x"}, r"'employees\[199003152015031001\]' must be an Employee"),
        ({_B.nip: _A}, r"'employees\[198512012010012002\]' must be the employee"),
        ({"123": _A}, r"'employees\[123\]' must be 18 digits"),
        (
            {_A.nip: _A, "19900315 201503 1 001": attrs.evolve(_A, name="Andi S.")},
            "'employees' must be one record per NIP",
        ),
    ],
)
def test_employees_by_nip_refuses(employees: object, message: str) -> None:
    """Anything that would make a result depend on the order, or is not a record, is named."""
    with pytest.raises(ValidationError, match=message):
        employees_by_nip(employees)  # type: ignore[arg-type]
