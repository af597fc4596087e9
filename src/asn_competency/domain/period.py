"""Reporting periods: a year, a semester, a quarter, a month or any span of days.

A :class:`Period` is a closed span of calendar days with a label. Yearly JP
compliance, SKM surveys per quarter and assessment rounds are all counted over
periods; :meth:`Period.parse` reads the labels that reports use (``"2025"``,
``"2025-S1"``, ``"2025-Q3"``, ``"2025-07"`` or ``"2025-01-01..2025-06-30"``), so
that periods given as texts sort by date, not alphabetically.

Examples:
    >>> import datetime as dt
    >>> q3 = Period.parse("2025-Q3")
    >>> q3.start.isoformat(), q3.end.isoformat(), q3.days
    ('2025-07-01', '2025-09-30', 92)
    >>> Period.of(dt.date(2025, 5, 17), "semester").label
    '2025-S1'
    >>> sorted(["2025-Q1", "2024", "2024-S2"], key=lambda p: Period.parse(p).sort_key)
    ['2024', '2024-S2', '2025-Q1']
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError

__all__ = ["Frequency", "Period"]


class Frequency(str, enum.Enum):
    """How often a figure is reported: the length of a standard period."""

    YEAR = "year"
    SEMESTER = "semester"
    QUARTER = "quarter"
    MONTH = "month"


_YEAR = re.compile(r"^(\d{4})$")
_PART = re.compile(r"^(\d{4})-([SQsq])(\d)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SPAN = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")

_LABELS = "'2025', '2025-S1', '2025-Q3', '2025-07' or '2025-01-01..2025-06-30'"


def _date(_inst: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    # A datetime is a date too, but cannot be compared with one.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(attribute.name, "a date (datetime.date)", value)


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise ValidationError("year", "a whole year in 1..9999", year)
    return year


def _check_part(field: str, value: object, last: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= last:
        raise ValidationError(field, f"a whole number in 1..{last}", value)
    return value


@attrs.frozen(kw_only=True)
class Period:
    """A closed span of days with a label, such as the year 2025 or its third quarter.

    Build the standard periods with :meth:`year`, :meth:`semester`, :meth:`quarter`
    and :meth:`month`, read a label with :meth:`parse`, or give any span.

    Args:
        start: First day.
        end: Last day (on or after ``start``).
        label: How reports name it; by default ``"START..END"`` in ISO dates.

    Raises:
        ValidationError: If a date is not a date or the period ends before it starts.

    Examples:
        >>> import datetime as dt
        >>> p = Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
        >>> p.label, p.contains(dt.date(2025, 6, 30)), p.contains(dt.date(2025, 7, 1))
        ('2025-01-01..2025-06-30', True, False)
    """

    start: dt.date = attrs.field(validator=_date)
    end: dt.date = attrs.field(validator=_date)
    label: str = attrs.field(validator=_validate.non_empty)

    @label.default
    def _label(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __attrs_post_init__(self) -> None:
        _validate.end_not_before_start(self.start, self.end)

    def __str__(self) -> str:
        return self.label

    @classmethod
    def year(cls, year: int) -> Period:
        """Return a calendar year, labelled ``"2025"``.

        Examples:
            >>> Period.year(2025).days
            365
        """
        y = _check_year(year)
        return cls(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), label=f"{y:04d}")

    @classmethod
    def semester(cls, year: int, half: int) -> Period:
        """Return the first (January-June) or second (July-December) half of a year.

        Examples:
            >>> Period.semester(2025, 2).start.isoformat()
            '2025-07-01'
        """
        y = _check_year(year)
        h = _check_part("half", half, 2)
        first = 1 + 6 * (h - 1)
        return cls(
            start=dt.date(y, first, 1),
            end=dt.date(y, first + 5, calendar.monthrange(y, first + 5)[1]),
            label=f"{y:04d}-S{h}",
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Return a quarter of a year (1 = January-March).

        Examples:
            >>> Period.quarter(2024, 1).days
            91
        """
        y = _check_year(year)
        q = _check_part("quarter", quarter, 4)
        first = 1 + 3 * (q - 1)
        return cls(
            start=dt.date(y, first, 1),
            end=dt.date(y, first + 2, calendar.monthrange(y, first + 2)[1]),
            label=f"{y:04d}-Q{q}",
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Return a calendar month, labelled ``"2025-07"``.

        Examples:
            >>> Period.month(2024, 2).days
            29
        """
        y = _check_year(year)
        m = _check_part("month", month, 12)
        return cls(
            start=dt.date(y, m, 1),
            end=dt.date(y, m, calendar.monthrange(y, m)[1]),
            label=f"{y:04d}-{m:02d}",
        )

    @classmethod
    def of(cls, day: dt.date, frequency: Frequency | str) -> Period:
        """Return the standard period of ``frequency`` that holds ``day``.

        Raises:
            ValidationError: If ``day`` is not a date or ``frequency`` is unknown.

        Examples:
            >>> import datetime as dt
            >>> Period.of(dt.date(2025, 11, 3), "quarter").label
            '2025-Q4'
        """
        _date(None, attrs.fields(cls).start, day)
        freq = _validate.to_enum(Frequency, "frequency")(frequency)
        if freq is Frequency.YEAR:
            return cls.year(day.year)
        if freq is Frequency.SEMESTER:
            return cls.semester(day.year, 1 + (day.month - 1) // 6)
        if freq is Frequency.QUARTER:
            return cls.quarter(day.year, 1 + (day.month - 1) // 3)
        return cls.month(day.year, day.month)

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """Read a period from its label (a :class:`Period` is returned as it is).

        Args:
            text: ``"2025"``, ``"2025-S1"``, ``"2025-Q3"``, ``"2025-07"`` or
                ``"2025-01-01..2025-06-30"``; spaces around it are ignored and
                ``s``/``q`` may be lower case.

        Raises:
            ValidationError: For any other text, or a span that ends before it starts.

        Examples:
            >>> Period.parse(" 2025-q2 ").label
            '2025-Q2'
            >>> Period.parse("Semester 1")
            Traceback (most recent call last):
            ...
            asn_competency.errors.ValidationError: 'period' must be a period label such as \
'2025', '2025-S1', '2025-Q3', '2025-07' or '2025-01-01..2025-06-30' (got 'Semester 1')
        """
        if isinstance(text, Period):
            return text
        if not isinstance(text, str):
            raise ValidationError("period", f"a period label such as {_LABELS}", text)
        s = text.strip()
        try:
            if m := _YEAR.match(s):
                return cls.year(int(m[1]))
            if m := _PART.match(s):
                if m[2].upper() == "S":
                    return cls.semester(int(m[1]), int(m[3]))
                return cls.quarter(int(m[1]), int(m[3]))
            if m := _MONTH.match(s):
                return cls.month(int(m[1]), int(m[2]))
            if m := _SPAN.match(s):
                return cls(start=dt.date.fromisoformat(m[1]), end=dt.date.fromisoformat(m[2]))
        except (ValueError, ValidationError):
            pass
        raise ValidationError("period", f"a period label such as {_LABELS}", text)

    @property
    def days(self) -> int:
        """The number of days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def sort_key(self) -> tuple[dt.date, dt.date, str]:
        """Periods sort by start, then end, then label."""
        return (self.start, self.end, self.label)

    def contains(self, day: dt.date) -> bool:
        """Return whether ``day`` falls in the period (both ends included)."""
        return self.start <= day <= self.end

    def overlap(self, start: dt.date, end: dt.date) -> int:
        """Return how many days of the span ``start``..``end`` fall in the period.

        Examples:
            >>> import datetime as dt
            >>> Period.year(2025).overlap(dt.date(2024, 12, 30), dt.date(2025, 1, 2))
            2
        """
        first = max(start, self.start)
        last = min(end, self.end)
        return max((last - first).days + 1, 0)
