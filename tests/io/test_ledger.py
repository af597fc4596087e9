"""The ledger from HR exports: headers, kinds, typed cells, row-precise errors, round trips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from asn_competency import strategies as acst
from asn_competency.domain.development import Route
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.errors import ValidationError
from asn_competency.io.csv import CsvError
from asn_competency.io.ledger import (
    KIND_ROUTES,
    ledger_from_frame,
    ledger_from_rows,
    read_ledger,
    write_ledger,
)

A, B = "199001012015031001", "199203042019032002"
HEADER = (
    "NIP;Nama Diklat;Jenis Diklat;Tanggal Mulai;Tanggal Selesai;Jumlah Jam;Penyelenggara;"
    "Nomor Sertifikat\n"
)


def _write(tmp_path: Path, text: str, name: str = "riwayat.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_hr_export_reads(tmp_path: Path) -> None:
    """Indonesian headers, DD/MM/YYYY dates, a decimal comma, kinds read as routes."""
    path = _write(
        tmp_path,
        HEADER
        + f"{A};Bimtek SIAK;Bimtek;03/03/2025;05/03/2025;16;BPSDM Jambi;800/12/2025\n"
        + f"{A};E-learning adminduk;E-Learning;2025-05-02;;2,5;LAN;\n"
        + f"{B};Rotasi ke PIAK;Rotasi Jabatan;06/01/2025;30/06/2025;;;\n",
    )
    led = read_ledger(path)
    assert [(e.nip, e.route, e.start, e.end, e.jp, e.provider, e.certificate) for e in led] == [
        (
            A,
            Route.BIMBINGAN_TEKNIS,
            dt.date(2025, 3, 3),
            dt.date(2025, 3, 5),
            16.0,
            "BPSDM Jambi",
            "800/12/2025",
        ),
        (A, Route.E_LEARNING, dt.date(2025, 5, 2), dt.date(2025, 5, 2), 2.5, "LAN", ""),
        (B, Route.ROTASI, dt.date(2025, 1, 6), dt.date(2025, 6, 30), None, "", ""),
    ]
    assert led.entries[0].kind == "Bimtek"


def test_route_column_comes_before_the_kind(tmp_path: Path) -> None:
    """A route in 'Jalur' wins over the kind; an empty route falls back to the kind."""
    path = _write(
        tmp_path,
        "nip,judul,jenis_diklat,jalur,mulai,jp,durasi_jam\n"
        f"{A},Diklat,Seminar,pelatihan-teknis,2025-01-02,,3\n"
        f"{A},Lain,Seminar,,2025-01-03,,\n",
    )
    led = read_ledger(path)
    assert [(e.route, e.hours) for e in led] == [
        (Route.PELATIHAN_TEKNIS, 3.0),
        (Route.SEMINAR, None),
    ]


def test_every_bad_row_is_listed(tmp_path: Path) -> None:
    """All or nothing: each problem with its line and column."""
    path = _write(
        tmp_path,
        HEADER
        + f"{A};Bimtek;Bimtek;03/03/2025;01/03/2025;16;;\n"
        + "123;Bimtek;Bimtek;03/03/2025;;16;;\n"
        + f"{A};Bimtek;Ceramah;03/03/2025;;16;;\n"
        + f"{A};;Bimtek;31/02/2025;;enam;;\n"
        + "1990;X;Bimtek;2025-13-01;;;;\n",
    )
    with pytest.raises(CsvError) as info:
        read_ledger(path)
    assert [str(p) for p in info.value.problems] == [
        "line 2, column 'Tanggal Selesai': expected a date on or after the start 2025-03-03 "
        "(got datetime.date(2025, 3, 1))",
        "line 3, column 'NIP': expected 18 digits (got '123')",
        "line 4, column 'Jenis Diklat': expected a route or a known kind of training "
        "(got 'Ceramah')",
        "line 5, column 'Nama Diklat': expected a value (got '')",
        "line 5, column 'Tanggal Mulai': expected a date YYYY-MM-DD or DD/MM/YYYY "
        "(got '31/02/2025')",
        "line 5, column 'Jumlah Jam': expected a number (got 'enam')",
        "line 6, column 'NIP': expected 18 digits (got '1990')",
        "line 6, column 'Tanggal Mulai': expected a date YYYY-MM-DD or DD/MM/YYYY "
        "(got '2025-13-01')",
    ]


def test_missing_and_repeated_columns(tmp_path: Path) -> None:
    """A required column missing, or two headers for one field, is named on line 1."""
    with pytest.raises(CsvError, match="line 1: expected a column 'start'"):
        read_ledger(_write(tmp_path, f"nip,judul,jenis\n{A},X,Seminar\n"))
    with pytest.raises(CsvError, match="one column for 'jp'"):
        read_ledger(_write(tmp_path, "nip,judul,mulai,jp,jumlah jam\n"))
    with pytest.raises(CsvError, match=r"a readable file"):
        read_ledger(tmp_path / "none.csv")


def test_rows_of_typed_cells() -> None:
    """Spreadsheet cells: datetimes, dates, NumPy numbers and dates, NaN, None, booleans."""
    header = [
        "NIP",
        "Nama Diklat",
        "Jenis Diklat",
        "Tanggal Mulai",
        "Tanggal Selesai",
        "JP",
        "Sumber",
    ]
    rows: list[list[object]] = [
        [
            A,
            "Bimtek",
            "Bimtek",
            dt.datetime(2025, 3, 3, 8, 0),
            dt.date(2025, 3, 5),
            np.float64(16.0),
            True,
        ],
        [
            A,
            "Kursus",
            "Kursus",
            np.datetime64("2025-04-01"),
            np.datetime64("NaT"),
            np.int64(8),
            None,
        ],
        [None, None, None, None, None, float("nan"), None],
        [B, "Seminar", "Seminar", pd.Timestamp("2025-06-01"), pd.NaT, pd.NA, 1.5],
        [B, "Workshop", "Workshop", "2025-07-01"],
    ]
    led = ledger_from_rows(header, rows, source="riwayat.xlsx")
    assert [(e.title, e.start, e.end, e.jp, e.source) for e in led] == [
        ("Bimtek", dt.date(2025, 3, 3), dt.date(2025, 3, 5), 16.0, "true"),
        ("Kursus", dt.date(2025, 4, 1), dt.date(2025, 4, 1), 8.0, ""),
        ("Seminar", dt.date(2025, 6, 1), dt.date(2025, 6, 1), None, "1.5"),
        ("Workshop", dt.date(2025, 7, 1), dt.date(2025, 7, 1), None, ""),
    ]


def test_rows_report_their_sheet_lines() -> None:
    """Rows count from line 2 (the header is line 1), or from first_line."""
    header = ["NIP", "Nama Diklat", "Jenis Diklat", "Tanggal Mulai"]
    rows = [[A, "X", "Seminar", "2025-01-01"], ["1", "X", "Seminar", "2025-01-01"]]
    with pytest.raises(CsvError) as info:
        ledger_from_rows(header, rows, source="Sheet1")
    assert str(info.value).startswith("Sheet1: 1 problem\n  line 3, column 'NIP'")
    with pytest.raises(CsvError, match="line 12"):
        ledger_from_rows(header, rows, first_line=11)
    with pytest.raises(CsvError, match="line 1: expected a column 'nip'"):
        ledger_from_rows(["Nama"], [])
    with pytest.raises(CsvError, match="one column for 'title'"):
        ledger_from_rows(["NIP", "Judul", "Nama Diklat", "Mulai", "Jenis"], [])
    with pytest.raises(ValidationError, match="'header' must be a sequence"):
        ledger_from_rows("NIP", [])


def test_dataframes() -> None:
    """A DataFrame's columns are the headers; a non-frame is named."""
    df = pd.DataFrame(
        {
            "NIP": [A, B],
            "Nama Diklat": ["Seminar SIAK", "Magang"],
            "Jenis Diklat": ["Seminar", "Magang"],
            "Tanggal Mulai": pd.to_datetime(["2025-08-11", "2025-09-01"]),
            "JP": [np.nan, 20.0],
        }
    )
    led = ledger_from_frame(df)
    assert [(e.route, e.jp) for e in led] == [(Route.SEMINAR, None), (Route.MAGANG, 20.0)]
    with pytest.raises(ValidationError, match="'frame' must be a pandas DataFrame"):
        ledger_from_frame([[A]])


def test_write_and_read_back(tmp_path: Path) -> None:
    """A ledger written with either headers and separator reads back equal."""
    led = Ledger(
        [
            LedgerEntry(
                nip=A,
                title=" Bimtek; SIAK ",
                route="bimbingan_teknis",
                start=dt.date(2025, 3, 3),
                end=dt.date(2025, 3, 5),
                jp=16.5,
                hours=3,
                kind="Bimtek",
                provider="BPSDM",
                certificate="800/1",
                source="SIASN",
                activity_id="BT-01",
            ),
        ]
    )
    for headers, sep in (("id", ","), ("en", ";")):
        path = tmp_path / f"{headers}.csv"
        assert write_ledger(led, path, headers=headers, sep=sep, bom=True) == 1
        assert read_ledger(path) == led
    assert (
        (tmp_path / "id.csv")
        .read_text(encoding="utf-8-sig")
        .startswith("nip,nama_diklat,jenis_diklat,jalur,tanggal_mulai")
    )
    with pytest.raises(ValidationError, match="'headers' must be 'en' or 'id'"):
        write_ledger(led, tmp_path / "x.csv", headers="fr")
    with pytest.raises(ValidationError, match="'ledger' must be a Ledger"):
        write_ledger([], tmp_path / "x.csv")  # type: ignore[arg-type]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(acst.ledgers())
def test_any_ledger_round_trips(tmp_path: Path, ledger: Ledger) -> None:
    """Every ledger the strategies build survives the CSV file."""
    path = tmp_path / "l.csv"
    write_ledger(ledger, path)
    assert read_ledger(path) == ledger


def test_kinds_cover_every_route() -> None:
    """Every route can be named by its value as a kind."""
    assert {KIND_ROUTES[r.value.replace("_", " ")] for r in Route} == set(Route)


def test_row_cells_empty_blank_and_bad() -> None:
    """Rows path: a blank title is kept (and refused by the entry), empty required cells and bad
    cells are named, other objects are read as their text, a bad row without NIP has no NIP
    problem."""
    header = ["NIP", "Nama Diklat", "Jenis Diklat", "Tanggal Mulai", "JP"]

    class Label:
        def __str__(self) -> str:
            return "Seminar"

    assert [e.route for e in ledger_from_rows(header, [[A, "X", Label(), "2025-01-01", 2]])] == [
        Route.SEMINAR
    ]
    rows: list[list[object]] = [
        [A, "  ", "Seminar", "2025-01-01", None],
        [A, "X", "Seminar", "", "dua"],
        [None, "X", "Seminar", "x", None],
    ]
    with pytest.raises(CsvError) as info:
        ledger_from_rows(header, rows)
    assert [str(p) for p in info.value.problems] == [
        "line 2, column 'Nama Diklat': expected a non-empty text (got '  ')",
        "line 3, column 'Tanggal Mulai': expected a value (got '')",
        "line 3, column 'JP': expected a number (got 'dua')",
        "line 4, column 'NIP': expected a value (got '')",
        "line 4, column 'Tanggal Mulai': expected a date YYYY-MM-DD or DD/MM/YYYY (got 'x')",
    ]


def test_rows_that_are_not_rows() -> None:
    """A row that is a single value or a text is named with its line."""
    header = ["NIP", "Nama Diklat", "Jenis Diklat", "Tanggal Mulai"]
    with pytest.raises(CsvError) as info:
        ledger_from_rows(header, [[A, "X", "Seminar", "2025-01-01"], 5, "abc"])  # type: ignore[list-item]
    assert [str(p) for p in info.value.problems] == [
        "line 3: expected a row of cells (got 5)",
        "line 4: expected a row of cells (got 'abc')",
    ]
