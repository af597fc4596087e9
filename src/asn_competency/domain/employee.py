"""Employees (ASN) and their civil-servant numbers (NIP).

A PNS NIP has 18 digits: birth date ``YYYYMMDD``, start of CPNS service
``YYYYMM``, a gender digit (1 male, 2 female) and a three-digit sequence. A PPPK
number (NI PPPK) has the birth date, the year of first appointment ``YYYY``, two
digits that are not a month, the gender digit and the sequence.

Examples:
    >>> nip = parse_nip("198503122010012002")
    >>> nip.kind.value, nip.birth_date.isoformat(), nip.gender.value
    ('pns', '1985-03-12', 'female')
    >>> parse_nip("19850312201001100")
    Traceback (most recent call last):
    ...
    asn_competency.errors.InvalidNipError: 'nip' must be 18 digits (got '19850312201001100')
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.position import Golongan, PositionTier
from asn_competency.errors import InvalidNipError, ValidationError

__all__ = [
    "GROUPING_FIELDS",
    "Employee",
    "EmploymentStatus",
    "Gender",
    "Nip",
    "employees_by_nip",
    "group_key",
    "parse_nip",
]


class EmploymentStatus(str, enum.Enum):
    """PNS (career civil servant) or PPPK (civil servant on contract)."""

    PNS = "pns"
    PPPK = "pppk"


class Gender(str, enum.Enum):
    """The gender recorded in the NIP."""

    MALE = "male"
    FEMALE = "female"


@attrs.frozen(kw_only=True)
class Nip:
    """The parts of a valid NIP or NI PPPK.

    Args:
        value: The 18 digits.
        kind: Whether it is a PNS NIP or a PPPK number.
        birth_date: The birth date it encodes.
        appointed_year: Year of CPNS service start (PNS) or first appointment (PPPK).
        appointed_month: Month of CPNS service start (PNS); ``None`` for PPPK.
        gender: The gender digit's meaning.
        sequence: The last three digits.
    """

    value: str
    kind: EmploymentStatus
    birth_date: dt.date
    appointed_year: int
    appointed_month: int | None
    gender: Gender
    sequence: int


_NEXT_YEAR = dt.date.today().year + 1
"""Next year when the module was imported: NIPs appointed up to then need no clock."""


def _fail(expected: str, got: str, field: str = "nip") -> InvalidNipError:
    return InvalidNipError(field, expected, got)


def parse_nip(text: str, *, field: str = "nip") -> Nip:
    """Parse and check an 18-digit NIP (PNS) or NI PPPK.

    Digits 13-14 tell the kind: a month (01-12) means a PNS NIP, anything else a
    PPPK number.

    Args:
        text: The number; spaces are ignored.
        field: The field name to use in error messages.

    Returns:
        The decoded parts.

    Raises:
        InvalidNipError: If the number is not 18 digits, the birth date or the
            service start is not a real date, service starts before the age of 15,
            the gender digit is not 1 or 2, or the sequence is 000.
    """
    if type(text) is str:
        # Large files repeat each person's NIP in every row: parse each text once.
        try:
            return _parse_cached(text)
        except InvalidNipError:
            pass  # parse again below, to name ``field`` in the error
    return _parse(text, field)


@functools.lru_cache(maxsize=65_536)
def _parse_cached(text: str) -> Nip:
    return _parse(text, "nip")


def _parse(text: str, field: str) -> Nip:
    if not isinstance(text, str):
        raise _fail("18 digits", text, field)
    digits = text.replace(" ", "")
    if len(digits) != 18 or not digits.isascii() or not digits.isdigit():
        raise _fail("18 digits", text, field)
    try:
        birth = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise _fail("a NIP whose digits 1-8 are a birth date YYYYMMDD", text, field) from None
    year = int(digits[8:12])
    middle = int(digits[12:14])
    kind = EmploymentStatus.PNS if 1 <= middle <= 12 else EmploymentStatus.PPPK
    if year - birth.year < 15:
        raise _fail(
            f"a NIP whose digits 9-12 are an appointment year at least 15 years after "
            f"the birth year {birth.year}",
            text,
            field,
        )
    # The clock is read only for an appointment year past next year as of import.
    if year > _NEXT_YEAR and year > dt.date.today().year + 1:
        raise _fail("a NIP whose appointment year (digits 9-12) is not in the future", text, field)
    if digits[14] not in "12":
        raise _fail("a NIP whose digit 15 (gender) is 1 or 2", text, field)
    sequence = int(digits[15:18])
    if sequence == 0:
        raise _fail("a NIP whose sequence (digits 16-18) is 001 or more", text, field)
    return Nip(
        value=digits,
        kind=kind,
        birth_date=birth,
        appointed_year=year,
        appointed_month=middle if kind is EmploymentStatus.PNS else None,
        gender=Gender.MALE if digits[14] == "1" else Gender.FEMALE,
        sequence=sequence,
    )


def _nip(value: str) -> str:
    return parse_nip(value).value


def _golongan(value: object) -> Golongan | None:
    if value is None or isinstance(value, Golongan):
        return value
    return Golongan(value)  # type: ignore[arg-type]


def _to_position_tier(value: object) -> PositionTier:
    return _validate.to_enum(PositionTier, "tier")(value)


def _optional_tier(value: object) -> PositionTier | None:
    return None if value is None else _to_position_tier(value)


def _to_employment_status(value: object) -> EmploymentStatus:
    return _validate.to_enum(EmploymentStatus, "status")(value)


@attrs.frozen(kw_only=True)
class Employee:
    """A civil servant (ASN).

    Args:
        nip: The NIP or NI PPPK (checked; spaces removed). Their stable id.
        name: Full name.
        agency: Agency (instansi or perangkat daerah), for example ``"Disdukcapil"``.
        unit: Work unit within the agency.
        region: Province or regency/city.
        position_id: Id of the current position.
        tier: Tier of the current position.
        golongan: Rank group, for example ``"III/a"``.
        status: PNS or PPPK; by default taken from the NIP, and must agree with it.
        hired_on: Date of first appointment.
        position_since: Date the current position started.

    Raises:
        InvalidNipError: If the NIP is malformed.
        ValidationError: If the status disagrees with the NIP or a date is wrong.

    Examples:
        >>> e = Employee(nip="199001012015031001", name="Budi", agency="Disdukcapil",
        ...              unit="Pelayanan", region="Kota Kendari", tier="pelaksana")
        >>> e.status.value
        'pns'
    """

    nip: str = attrs.field(converter=_nip)
    name: str = attrs.field(validator=_validate.non_empty)
    agency: str = attrs.field(default="", validator=_validate.text)
    unit: str = attrs.field(default="", validator=_validate.text)
    region: str = attrs.field(default="", validator=_validate.text)
    position_id: str = attrs.field(default="", validator=_validate.text)
    tier: PositionTier | None = attrs.field(default=None, converter=_optional_tier)
    golongan: Golongan | None = attrs.field(default=None, converter=_golongan)
    status: EmploymentStatus = attrs.field(
        default=attrs.Factory(lambda self: parse_nip(self.nip).kind, takes_self=True),
        converter=_to_employment_status,
    )
    hired_on: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    position_since: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)

    def __attrs_post_init__(self) -> None:
        kind = parse_nip(self.nip).kind
        if self.status is not kind:
            raise ValidationError("status", f"{kind.value!r} as the NIP encodes", self.status.value)
        _validate.end_not_before_start(self.hired_on, self.position_since, "position_since")
        if self.golongan is not None and self.golongan.is_pppk != (kind is EmploymentStatus.PPPK):
            expected = "a PPPK grade 1-17" if kind is EmploymentStatus.PPPK else "a PNS rank"
            raise ValidationError("golongan", expected, self.golongan.value)

    @property
    def id(self) -> str:
        """The stable id: the NIP."""
        return self.nip

    @property
    def birth_date(self) -> dt.date:
        """The birth date encoded in the NIP."""
        return parse_nip(self.nip).birth_date


def employees_by_nip(employees: Iterable[Employee] | Mapping[str, Employee]) -> dict[str, Employee]:
    """Index employee records by NIP, refusing anything that would make results order-dependent.

    Args:
        employees: Employee records, or ``{nip: Employee}``.

    Returns:
        ``{nip: Employee}`` in the order given.

    Raises:
        ValidationError: For a text or a non-collection, an item that is not an
            :class:`Employee`, a NIP given twice (keeping either record would make
            results depend on the order), or a mapping key that is not its
            record's NIP.

    Examples:
        >>> a = Employee(nip="199003152015031001", name="Andi")
        >>> list(employees_by_nip([a]))
        ['199003152015031001']
        >>> try:
        ...     employees_by_nip([a, a])
        ... except ValidationError as e:
        ...     print(e.field, "|", e.expected, "|", e.got)
        employees | one record per NIP | '199003152015031001' appears twice
    """
    key: Any  # a NIP in a mapping, else an index
    entries: Iterable[tuple[Any, Employee]]
    keyed = isinstance(employees, Mapping)
    if isinstance(employees, Mapping):
        entries = employees.items()
    elif isinstance(employees, (str, bytes)) or not isinstance(employees, Iterable):
        raise ValidationError("employees", "a collection of Employee objects", employees)
    else:
        entries = enumerate(employees)
    out: dict[str, Employee] = {}
    for key, e in entries:
        if not isinstance(e, Employee):
            raise ValidationError(f"employees[{key}]", "an Employee", e)
        if keyed and parse_nip(key, field=f"employees[{key}]").value != e.nip:
            raise ValidationError(f"employees[{key}]", f"the employee {key}", e.nip)
        # Two keys may spell one NIP ("19900315 201503 1 001"): still one record per NIP.
        if e.nip in out:
            raise ValidationError("employees", "one record per NIP", f"{e.nip!r} appears twice")
        out[e.nip] = e
    return out


GROUPING_FIELDS = ("agency", "position", "region", "tier", "unit")
"""The employee fields a summary can group by (``position`` is the position id)."""


def grouping_fields(by: str | Iterable[str]) -> tuple[str, ...]:
    """Check a ``by`` argument and return it as a tuple of grouping fields.

    Args:
        by: One field of :data:`GROUPING_FIELDS` or several.

    Returns:
        The fields, in the order given.

    Raises:
        ValidationError: For an empty, unknown or repeated field.

    Examples:
        >>> grouping_fields("unit"), grouping_fields(["agency", "unit"])
        (('unit',), ('agency', 'unit'))
    """
    if not isinstance(by, (str, Iterable)):
        raise ValidationError("by", f"one or more of {', '.join(GROUPING_FIELDS)}", by)
    fields = (by,) if isinstance(by, str) else tuple(by)
    if not fields:
        raise ValidationError("by", f"one or more of {', '.join(GROUPING_FIELDS)}", by)
    for f in fields:
        if f not in GROUPING_FIELDS:
            raise ValidationError("by", f"one or more of {', '.join(GROUPING_FIELDS)}", f)
    _validate.unique_ids("by", list(fields))
    return fields


def group_key(employee: Employee, by: str | Iterable[str] = "unit") -> tuple[str, ...]:
    """Return an employee's values of the grouping fields (empty text when unset).

    Examples:
        >>> from asn_competency import Employee
        >>> e = Employee(nip="199001012015031001", name="Budi", agency="Disdukcapil",
        ...              unit="Pelayanan", tier="pelaksana")
        >>> group_key(e, ("agency", "tier"))
        ('Disdukcapil', 'pelaksana')
    """
    if not isinstance(employee, Employee):
        raise ValidationError("employee", "an Employee", employee)
    out: list[str] = []
    for f in grouping_fields(by):
        if f == "tier":
            out.append("" if employee.tier is None else employee.tier.value)
        elif f == "position":
            out.append(employee.position_id)
        else:
            out.append(str(getattr(employee, f)))
    return tuple(out)
