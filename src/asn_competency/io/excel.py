r"""Excel workbooks (``.xlsx``) in and out (needs the ``excel`` extra).

Every reader of :mod:`asn_competency.io.csv` reads an ``.xlsx`` file as it reads
a CSV file (same column sets, aliases, ``columns=`` mapping and all-or-nothing
errors), and so does the command line. Reading uses python-calamine, which
measured about twelve times faster than openpyxl on a 100,000-row sheet;
writing uses openpyxl.

Office sheets are not bare tables, so the reader:

- takes the first sheet (or ``sheet=`` in :func:`sheet_rows`) and finds the
  header row among the first 50 rows: the row that names most of the kind's
  columns (title rows and merged title cells above it are skipped); errors
  say which row it took;
- skips a totals row (first filled cell ``Jumlah``, ``Total``, ``Rata-rata``);
- reads date cells and Excel day serial numbers in date columns as dates;
- refuses a NIP or NI PPPK stored as a number: Excel keeps 15 significant
  digits, so the last digits of an 18-digit number are already lost (format
  the column as Text and enter the numbers again);
- names every problem by sheet, row and column, for example
  ``sheet 'Pegawai', row 7, column 'NIP' (B)``.

Examples:
    >>> import datetime as dt, pathlib, tempfile
    >>> from asn_competency.io.csv import read_assessments
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "penilaian.xlsx"
    >>> write_table(path, ["DAFTAR PENILAIAN"], [[], ["NIP", "Kompetensi", "Tingkat", "Tanggal"],
    ...     ["199001012015031001", "MJ.KOM", 3, dt.date(2024, 5, 1)]], sheet="Penilaian")
    3
    >>> [(a.nip, a.level, a.assessed_on) for a in read_assessments(path)]
    [('199001012015031001', 3, datetime.date(2024, 5, 1))]
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from asn_competency import _lazy
from asn_competency.errors import ValidationError
from asn_competency.io._rows import CsvError, CsvProblem, RowSource, cell_text

__all__ = ["sheet_rows", "write_table"]

_HEADER_SEARCH = 50
"""Rows searched for the header."""

_TOTALS = ("jumlah", "total", "rata-rata", "rata rata", "rerata", "grand total")

_DATE_NAMES = frozenset(
    {
        "assessed_on",
        "tanggal",
        "tanggal_penilaian",
        "tgl_penilaian",
        "date",
        "hired_on",
        "tmt_pengangkatan",
        "tmt_cpns",
        "tanggal_pengangkatan",
        "position_since",
        "tmt_jabatan",
        "start",
        "mulai",
        "tanggal_mulai",
        "end",
        "selesai",
        "tanggal_selesai",
    }
)
"""Headers (normalised) whose numbers are Excel day serials."""

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (with its leap-day bug)


def _norm(header: object) -> str:
    text = str(header)
    return "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def _letter(index: int) -> str:
    """The spreadsheet column letter of a 0-based index: 0 is A, 26 is AA."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _serial_date(value: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))


def sheet_rows(
    path: str | Path,
    *,
    sheet: str | None = None,
    known: Iterable[str] = (),
    nip_columns: Iterable[str] = ("nip",),
) -> RowSource:
    """Open a sheet of an ``.xlsx`` workbook as rows of text cells for the table readers.

    Args:
        path: The workbook.
        sheet: The sheet's name; the first sheet by default.
        known: Column names the header should contain (normalised or not);
            the row naming most of them is the header. Without names, the
            first row with two or more filled cells is.
        nip_columns: Headers of columns that hold NIPs (a number there is refused).

    Returns:
        The header and the rows below it, with positions named by sheet, row and
        column. Any reader of :mod:`asn_competency.io.csv` takes it in place of
        a path (to read a sheet other than the first).

    Raises:
        MissingExtraError: Without the ``excel`` extra.
        CsvError: For a file that cannot be read as a workbook or a missing sheet.
    """
    _lazy.require("python_calamine")
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - the excel extra

    source = str(path)
    try:
        book = CalamineWorkbook.from_path(os.fspath(path))
        name = sheet if sheet is not None else book.sheet_names[0]
        if name not in book.sheet_names:
            names = ", ".join(repr(n) for n in book.sheet_names)
            raise CsvError([CsvProblem(0, None, f"a sheet named one of {names}", name)], source)
        grid: list[list[Any]] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except CsvError:
        raise
    except Exception as e:  # calamine raises its own errors for files that are not workbooks
        raise CsvError(
            [CsvProblem(0, None, "an .xlsx workbook", f"{type(e).__name__}: {e}")], source
        ) from None
    wanted = {_norm(k) for k in known}
    # Without a row naming a known column, the first row of two or more texts is the
    # header (the reader then names the columns it misses).
    top = _header_index(grid, wanted)
    if top is None and wanted:
        top = _header_index(grid, set())
    if top is None:
        raise CsvError(
            [CsvProblem(0, None, f"a header row in sheet {name!r}", "an empty sheet")], source
        )
    header = [cell_text(c) for c in grid[top]]
    while header and not header[-1]:
        header.pop()
    norms = [_norm(h) for h in header]
    dates = {i for i, n in enumerate(norms) if n in _DATE_NAMES}
    nips = {i for i, n in enumerate(norms) if n in {_norm(c) for c in nip_columns}}
    bad: dict[int, list[tuple[str, str, object]]] = {}

    def rows() -> Iterable[tuple[int, list[str]]]:
        for r in range(top + 1, len(grid)):
            raw = grid[r][: len(header)] + [""] * max(0, len(header) - len(grid[r]))
            first = next((c for c in raw if c not in ("", None)), None)
            if isinstance(first, str) and first.strip().lower().startswith(_TOTALS):
                continue  # a totals row
            line = r + 1
            cells: list[str] = []
            for i, value in enumerate(raw):
                if i in nips and _is_number(value):
                    bad.setdefault(line, []).append(
                        (
                            header[i],
                            "a NIP stored as text: Excel keeps 15 significant digits, so an "
                            "18-digit NIP stored as a number has lost its last digits; format "
                            "the column as Text and enter the NIPs again",
                            f"the number {value:.15g}",
                        )
                    )
                    cells.append("")
                elif i in dates and _is_number(value):
                    cells.append(_serial_date(float(value)).isoformat())
                else:
                    cells.append(cell_text(value))
            yield line, cells

    def locate(line: int, column: str | None) -> str:
        if column is None or column not in header:
            return f"sheet {name!r}, row {line}"
        return f"sheet {name!r}, row {line}, column {column!r} ({_letter(header.index(column))})"

    note = f"sheet {name!r}: the header is row {top + 1}"
    return RowSource(source, header, rows(), locate, note=note, bad=bad)


def _header_index(grid: list[list[Any]], wanted: set[str]) -> int | None:
    best: tuple[int, int] | None = None  # (matches, -row)
    for r, row in enumerate(grid[:_HEADER_SEARCH]):
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        if len(texts) < 2 and not (wanted and texts and _norm(texts[0]) in wanted):
            continue
        score = sum(1 for c in texts if _norm(c) in wanted) if wanted else len(texts)
        if wanted and not score:
            continue
        if best is None or score > best[0]:
            best = (score, r)
        if not wanted:
            break
    return None if best is None else best[1]


def write_table(
    path: str | Path,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    sheet: str = "Sheet1",
) -> int:
    r"""Write a table to an ``.xlsx`` workbook; return the number of rows after the header.

    Dates are date cells, numbers numbers and texts text cells (a NIP stays
    text, so it keeps its 18 digits). A text that starts like a formula (``=``,
    ``+``, ``-``, ``@``) is written as text, never as a live formula. The file
    is written to a temporary name and renamed.

    Args:
        path: The workbook to write.
        header: The first row.
        rows: The rows below it.
        sheet: The sheet's name.

    Raises:
        MissingExtraError: Without the ``excel`` extra.
        ValidationError: For a sheet name Excel refuses.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
        >>> write_table(path, ["nip", "catatan"], [["199001012015031001", "=1+1"]])
        1
        >>> sheet_rows(path).header
        ['nip', 'catatan']
    """
    _lazy.require("openpyxl")
    from openpyxl import Workbook  # noqa: PLC0415 - the excel extra

    if (
        not isinstance(sheet, str)
        or not 0 < len(sheet) <= 31
        or any(c in sheet for c in "[]:*?/\\")
    ):
        raise ValidationError("sheet", "a name of 1-31 characters without []:*?/\\", sheet)
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append([_excel_value(ws, v) for v in header])
    count = 0
    for row in rows:
        ws.append([_excel_value(ws, v) for v in row])
        count += 1
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return count


def _excel_value(ws: Any, value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    enum_value = getattr(value, "value", None)
    text = enum_value if isinstance(enum_value, str) else str(value)
    if text[:1] in ("=", "+", "-", "@"):
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - the excel extra

        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # a text cell: Excel shows the text and computes nothing
        return cell
    return text
