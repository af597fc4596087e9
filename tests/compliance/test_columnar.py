"""The columnar JP count: its checks, and that it agrees with the object path."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import strategies as acst
from asn_competency.compliance.columnar import (
    JpStatus,
    LedgerColumns,
    analyse_jp_columns,
)
from asn_competency.compliance.jp import analyse_jp
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.errors import ValidationError

A, B = "199001012015031001", "198907072022211005"


def _cols(**kw: object) -> LedgerColumns:
    base: dict[str, object] = {
        "person": [0, 1],
        "title": [0, 0],
        "route": [0, 0],
        "start": np.array(["2025-01-02", "2025-03-04"], dtype="datetime64[D]"),
        "end": np.array(["2025-01-02", "2025-03-05"], dtype="datetime64[D]"),
        "jp": [20.0, np.nan],
        "hours": [np.nan, 9.0],
        "nips": [A, B],
        "titles": ["diklat"],
        "routes": ["pelatihan_teknis"],
    }
    base.update(kw)
    return LedgerColumns(**base)  # type: ignore[arg-type]


def test_columns_count_like_objects() -> None:
    """Hours turn into JP of 45 minutes; a PPPK (read from the NIP) has no target."""
    res = analyse_jp_columns(_cols(), period=2025)
    assert res.counted.tolist() == [20.0, 12.0]
    assert res.statuses() == (JpStatus.MET, JpStatus.NO_TARGET)
    assert res.pppk.tolist() == [False, True]
    assert np.isnan(res.target[1])
    assert res.maximum[1] == 24.0
    df = res.to_dataframe()
    assert df[["nip", "employment", "status", "formal_jp"]].values.tolist() == [
        [A, "pns", "met", 20.0],
        [B, "pppk", "no_target", 12.0],
    ]


def test_status_can_be_given() -> None:
    """Statuses given (one per person) override the NIP."""
    res = analyse_jp_columns(_cols(), period=2025, status=["pns", "pns"])
    assert res.statuses() == (JpStatus.MET, JpStatus.SHORT)
    assert res.short_by.tolist() == [0.0, 8.0]


def test_dates_as_python_dates() -> None:
    """Dates may be datetime.date objects."""
    cols = _cols(
        start=[dt.date(2025, 1, 2), dt.date(2025, 3, 4)],
        end=[dt.date(2025, 1, 2), dt.date(2025, 3, 5)],
    )
    assert cols.start.tolist() == _cols().start.tolist()
    assert cols.rows == 2
    assert cols.people == 2


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"person": [0, 2]}, "'person' must be indexes in 0..1 \\(got 2\\)"),
        ({"person": [0, -1]}, "'person' must be indexes in 0..1 \\(got -1\\)"),
        ({"title": [0, 1]}, "'title' must be indexes in 0..0"),
        ({"route": [0, 3]}, "'route' must be indexes in 0..0"),
        ({"person": [0.5, 1]}, "'person' must be whole numbers"),
        ({"person": ["a", "b"]}, "'person' must be whole numbers"),
        ({"person": np.array([0, 2**63], dtype=np.uint64)}, "within 64 bits"),
        ({"title": [0]}, "'title' must be an array of 2 rows"),
        ({"jp": [-1.0, 2.0]}, "'jp' must be finite numbers >= 0"),
        ({"jp": [np.inf, 2.0]}, "'jp' must be finite numbers >= 0"),
        ({"jp": ["4", 2.0]}, "'jp' must be numbers"),
        ({"hours": [True, None]}, "'hours' must be numbers"),
        ({"hours": [10**400, None]}, "within the float range"),
        ({"start": [1, 2]}, "'start' must be dates"),
        ({"start": ["2025-01-02", dt.date(2025, 1, 1)]}, "'start' must be dates"),
        ({"start": np.array(["NaT", "2025-01-01"], dtype="datetime64[D]")}, "NaT is none"),
        (
            {"end": np.array(["2025-01-01", "2025-03-05"], dtype="datetime64[D]")},
            "'end\\[0\\]' must be a date on or after the start 2025-01-02",
        ),
        ({"nips": [A, A]}, "'nips' must be unique ids"),
        ({"nips": [A, 3]}, "'nips' must be texts"),
        ({"nips": A}, "'nips' must be a sequence of texts"),
        ({"routes": ["ceramah"]}, "'routes' must be one of"),
        ({"routes": "seminar"}, "'routes' must be a sequence of routes"),
        ({"routes": ["seminar", "seminar"]}, "'routes' must be unique ids"),
        ({"person": [[0, 1], [0]]}, "'person' must be a column of values"),
    ],
)
def test_columns_are_checked(kw: dict[str, object], message: str) -> None:
    """Every column holds what it should: kinds, ranges, lengths, unique ids."""
    with pytest.raises(ValidationError, match=message):
        _cols(**kw)


def test_hours_may_hold_none() -> None:
    """An object column with None for "not stated" reads as NaN."""
    assert np.isnan(_cols(hours=[None, 9]).hours[0])


def test_bad_arguments() -> None:
    """Columns, status and policy of the wrong kind are named."""
    with pytest.raises(ValidationError, match="'columns' must be a LedgerColumns"):
        analyse_jp_columns([], period=2025)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="one status per person"):
        analyse_jp_columns(_cols(), period=2025, status=["pns"])
    with pytest.raises(ValidationError, match="'status' must be one of"):
        analyse_jp_columns(_cols(), period=2025, status=["pns", "honorer"])
    with pytest.raises(ValidationError, match="'status' must be pns or pppk for each person"):
        analyse_jp_columns(_cols(), period=2025, status=["pns", ["pppk"]])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'status' must be one status"):
        analyse_jp_columns(_cols(), period=2025, status="pns")
    with pytest.raises(ValidationError, match="'policy' must be a JpCompliancePolicy"):
        analyse_jp_columns(_cols(), period=2025, policy=None)  # type: ignore[arg-type]


def test_from_ledger_keeps_listed_people_only() -> None:
    """from_ledger lists the given people in order, leaving out other people's entries."""
    led = Ledger(
        [
            LedgerEntry(nip=A, title="X", route="seminar", start=dt.date(2025, 1, 1)),
            LedgerEntry(nip=B, title="Y", route="seminar", start=dt.date(2025, 1, 1)),
        ]
    )
    cols = LedgerColumns.from_ledger(led, nips=[B])
    assert (cols.nips, cols.rows, cols.titles) == ((B,), 1, ("y",))
    with pytest.raises(ValidationError, match="'ledger\\[0\\]' must be a LedgerEntry"):
        LedgerColumns.from_ledger([1])


@given(acst.ledgers(max_people=4, max_entries=12), st.randoms(use_true_random=False))
def test_rows_in_any_order_give_the_same_arrays(ledger: Ledger, rnd: object) -> None:
    """Permuting the rows (codes unchanged) changes no figure."""
    cols = LedgerColumns.from_ledger(ledger)
    order = list(range(cols.rows))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    shuffled = LedgerColumns(
        person=cols.person[order],
        title=cols.title[order],
        route=cols.route[order],
        start=cols.start[order].astype("datetime64[D]"),
        end=cols.end[order].astype("datetime64[D]"),
        jp=cols.jp[order],
        hours=cols.hours[order],
        nips=cols.nips,
        titles=cols.titles,
        routes=cols.routes,
    )
    a = analyse_jp_columns(cols, period=2024)
    b = analyse_jp_columns(shuffled, period=2024)
    for name in ("counted", "short_by", "status", "entries", "duplicates", "capped", "by_mode"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name


@given(acst.ledgers(max_people=4, max_entries=12))
def test_object_and_columnar_paths_agree(ledger: Ledger) -> None:
    """analyse_jp's people hold exactly the columnar figures."""
    res = analyse_jp(ledger, period=2024)
    cols = analyse_jp_columns(LedgerColumns.from_ledger(ledger), period=2024)
    assert [p.counted_jp for p in res.people] == cols.counted.tolist()
    assert [p.status for p in res.people] == list(cols.statuses())


def test_nips_from_a_numpy_array() -> None:
    """Texts of a NumPy array (a subclass of str) are NIPs like any other."""
    assert _cols(nips=np.array([A, B])).nips == (A, B)


def test_keys_too_wide_to_pack_sort_the_same() -> None:
    """Keys that do not fit in 62 bits are sorted as four keys, to the same order."""
    from asn_competency.compliance._core import key_order  # noqa: PLC0415

    person = np.array([3, 1, 3, 1, 0])
    title = np.array([0, 1, 0, 1, 1])
    start = np.array([10, 5, 10, 5, 7])
    end = np.array([12, 5, 12, 6, 7])
    packed, same = key_order(person, title, start, end, titles=2)
    wide, wide_same = key_order(person * 2**37, title, start, end, titles=2**20)
    assert person[packed].tolist() == person[wide].tolist() == [0, 1, 1, 3, 3]
    assert same.tolist() == wide_same.tolist() == [False, False, False, True]
    assert key_order(person[:0], title[:0], start[:0], end[:0], titles=2)[0].tolist() == []
