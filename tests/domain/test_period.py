"""Periods: the standard ones, labels, containment and overlap."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from asn_competency import strategies as acst
from asn_competency.domain.period import Frequency, Period
from asn_competency.errors import ValidationError


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025-S1", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        ("2025-s2", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ("2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-03-15..2025-04-14", dt.date(2025, 3, 15), dt.date(2025, 4, 14)),
    ],
)
def test_labels(label: str, start: dt.date, end: dt.date) -> None:
    """Each label form reads as its days."""
    p = Period.parse(label)
    assert (p.start, p.end) == (start, end)
    assert Period.parse(p.label) == p
    assert str(p) == p.label


@pytest.mark.parametrize(
    "label", ["", "25", "2025-S3", "2025-Q0", "2025-13", "2025-06-30..2025-01-01", "x", 2025]
)
def test_bad_labels(label: object) -> None:
    """Anything else is named as a bad period label."""
    with pytest.raises(ValidationError, match="'period' must be a period label"):
        Period.parse(label)  # type: ignore[arg-type]


@pytest.mark.parametrize("frequency", list(Frequency))
def test_period_of_a_day_holds_it(frequency: Frequency) -> None:
    """The standard period of any frequency holding a day contains it."""
    day = dt.date(2025, 8, 17)
    p = Period.of(day, frequency)
    assert p.contains(day)
    assert Period.parse(p.label) == p


def test_constructors_check_their_arguments() -> None:
    """Years, halves, quarters, months and frequencies out of range are named."""
    with pytest.raises(ValidationError, match="'year' must be a whole year"):
        Period.year(True)
    with pytest.raises(ValidationError, match=r"'half' must be a whole number in 1\.\.2"):
        Period.semester(2025, 3)
    with pytest.raises(ValidationError, match="'quarter' must be"):
        Period.quarter(2025, 5)
    with pytest.raises(ValidationError, match="'month' must be"):
        Period.month(2025, 0)
    with pytest.raises(ValidationError, match="'frequency' must be one of"):
        Period.of(dt.date(2025, 1, 1), "week")
    with pytest.raises(ValidationError, match="'start' must be a date"):
        Period.of(dt.datetime(2025, 1, 1), "year")
    with pytest.raises(ValidationError, match="'end' must be a date on or after"):
        Period(start=dt.date(2025, 2, 1), end=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="'label' must be a non-empty text"):
        Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 1), label=" ")


def test_overlap_and_days() -> None:
    """Overlap counts the shared days, 0 when apart; days counts both ends."""
    y = Period.year(2024)
    assert y.days == 366
    assert y.overlap(dt.date(2024, 12, 30), dt.date(2025, 1, 3)) == 2
    assert y.overlap(dt.date(2025, 1, 1), dt.date(2025, 1, 3)) == 0
    assert Period.parse(y) is y


@given(acst.periods())
def test_sort_key_orders_by_start(p: Period) -> None:
    """A period sorts before any period that starts later."""
    later = Period(start=p.start + dt.timedelta(days=1), end=p.end + dt.timedelta(days=1))
    assert p.sort_key < later.sort_key
    assert p.overlap(p.start, p.end) == p.days
