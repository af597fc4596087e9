"""Excel workbooks: header rows found below titles, positions by sheet, row and column."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from asn_competency.errors import ValidationError
from asn_competency.io.csv import (
    CsvError,
    read_assessments,
    read_employees,
    read_skm_responses,
)
from asn_competency.io.excel import sheet_rows, write_table

NIP = "199001012015031001"


def office_sheet(path: Path, rows: list[list[object]], *, title: bool = True) -> None:
    """A sheet as offices keep it: a merged title, a blank row, the header, the data."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Penilaian"
    if title:
        ws.append(["DAFTAR PENILAIAN KOMPETENSI PEGAWAI"])
        ws.merge_cells("A1:E1")
        ws.append(["Dinas Kependudukan dan Pencatatan Sipil"])
        ws.append([])
    ws.append(["No", "NIP", "Kompetensi", "Tingkat", "Tanggal"])
    for row in rows:
        ws.append(row)
    book.save(path)


def test_title_rows_are_skipped_and_date_cells_read_as_dates(tmp_path: Path) -> None:
    """The header below a merged title is found; date cells and serials become dates."""
    path = tmp_path / "p.xlsx"
    office_sheet(
        path,
        [
            [1, NIP, "MJ.KOM", 3, dt.datetime(2024, 5, 1)],
            [2, NIP, "MJ.PP", 2, 45413],  # the day serial of 2024-05-01
            ["Jumlah", None, None, 5, None],
        ],
    )
    got = read_assessments(path)
    assert [(a.competency_id, a.level, a.assessed_on) for a in got] == [
        ("MJ.KOM", 3, dt.date(2024, 5, 1)),
        ("MJ.PP", 2, dt.date(2024, 5, 1)),
    ]


def test_a_nip_stored_as_a_number_is_refused_with_the_fix(tmp_path: Path) -> None:
    """Excel keeps 15 digits: the rounded number is never accepted, and the error says why."""
    path = tmp_path / "p.xlsx"
    office_sheet(path, [[1, 199001012015031001, "MJ.KOM", 3, dt.date(2024, 5, 1)]])
    with pytest.raises(CsvError) as info:
        read_assessments(path)
    lines = [str(p) for p in info.value.problems]
    assert lines[0] == "note: sheet 'Penilaian': the header is row 4"
    assert lines[1].startswith(
        "sheet 'Penilaian', row 5, column 'NIP' (B): expected a NIP stored as text: "
        "Excel keeps 15 significant digits"
    )
    assert "format the column as Text" in lines[1]
    assert lines[1].endswith("(got 'the number 1.99001012015031e+17')")


def test_problems_are_placed_by_sheet_row_and_column(tmp_path: Path) -> None:
    """A bad cell is named by the sheet, its row number and its column letter."""
    path = tmp_path / "p.xlsx"
    office_sheet(path, [[1, NIP, "MJ.KOM", "tiga", dt.date(2024, 5, 1)]])
    with pytest.raises(CsvError) as info:
        read_assessments(path)
    assert str(info.value.problems[1]) == (
        "sheet 'Penilaian', row 5, column 'Tingkat' (D): expected a whole number (got 'tiga')"
    )


def test_columns_and_a_named_sheet(tmp_path: Path) -> None:
    """A sheet chosen by name; headers of one's own mapped with columns=."""
    path = tmp_path / "e.xlsx"
    write_table(path, ["NIP Baru", "Nama Pegawai"], [[NIP, "Budi"]], sheet="Pegawai")
    [e] = read_employees(path, columns={"NIP Baru": "nip", "Nama Pegawai": "name"})
    assert (e.nip, e.name) == (NIP, "Budi")
    source = sheet_rows(path, sheet="Pegawai", known=["nip baru"])
    assert source.header == ["NIP Baru", "Nama Pegawai"]
    with pytest.raises(CsvError, match="a sheet named one of 'Pegawai'"):
        sheet_rows(path, sheet="Lain")


def test_survey_answers_from_a_sheet(tmp_path: Path) -> None:
    """SKM answers read from a sheet; an empty cell is a missing answer."""
    path = tmp_path / "s.xlsx"
    codes = [f"U{i}" for i in range(1, 10)]
    write_table(path, ["Responden", *codes], [[1, *[4] * 9], [2, *[3] * 8, None]])
    assert read_skm_responses(path) == ((4,) * 9, (3,) * 8 + (None,))


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    """Text saved as .xlsx is named as not a workbook."""
    path = tmp_path / "x.xlsx"
    path.write_text("nip,nama\n", encoding="utf-8")
    with pytest.raises(CsvError, match=r"expected an \.xlsx workbook"):
        read_employees(path)


def test_an_empty_sheet_has_no_header(tmp_path: Path) -> None:
    """A sheet without a header row says so."""
    path = tmp_path / "x.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(CsvError, match="expected a header row in sheet"):
        read_employees(path)


def test_written_formulas_stay_text_and_nips_keep_their_digits(tmp_path: Path) -> None:
    """write_table writes a formula-like text as text, dates as dates, NIPs as text."""
    path = tmp_path / "w.xlsx"
    write_table(path, ["nip", "catatan", "tanggal"], [[NIP, "=SUM(A1:A9)", dt.date(2024, 5, 1)]])
    with path.open("rb") as f:  # openpyxl 3.1.0 leaves a file it opens itself open
        ws = openpyxl.load_workbook(f).active
    assert ws is not None
    assert ws["A2"].value == NIP
    assert ws["B2"].value == "=SUM(A1:A9)"
    assert ws["B2"].data_type == "s"
    assert ws["C2"].value == dt.datetime(2024, 5, 1)


def test_a_bad_sheet_name_is_refused(tmp_path: Path) -> None:
    """Excel's own rule for sheet names."""
    with pytest.raises(ValidationError, match="'sheet' must be a name of 1-31 characters"):
        write_table(tmp_path / "w.xlsx", ["a"], [], sheet="a/b")


def test_a_header_without_known_names_is_still_found(tmp_path: Path) -> None:
    """A sheet whose header names none of a kind's columns: the reader names what is missing."""
    path = tmp_path / "x.xlsx"
    write_table(path, ["Kolom A", "Kolom B"], [["1", "2"]])
    with pytest.raises(CsvError, match="expected a column 'nip'"):
        read_employees(path)
