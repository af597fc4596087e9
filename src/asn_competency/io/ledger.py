r"""The development ledger from and to HR exports: CSV files, DataFrames and rows of cells.

HR systems export each person's *riwayat diklat* with Indonesian headers; the
readers accept them, in any case and order (columns they do not know are
ignored):

============== ============================================================
field          headers accepted
============== ============================================================
nip            NIP, NIP Baru
title          Nama Diklat, Nama Pelatihan, Judul, title
kind           Jenis Diklat, Jenis Pelatihan, Jenis Kegiatan, kind
route          Jalur, Jalur Pengembangan, route
start          Tanggal Mulai, Tgl Mulai, Mulai, start
end            Tanggal Selesai, Tgl Selesai, Selesai, end (default: start)
jp             Jumlah Jam, Jumlah Jam / JP, JP, Jumlah JP, Jam Pelajaran, jp
hours          Durasi Jam, Lama Jam, hours (clock hours, when no JP)
provider       Penyelenggara, Instansi Penyelenggara, provider
certificate    Nomor Sertifikat, No Sertifikat, Nomor STTPP, certificate
source         Sumber, Sumber Data, Sistem, source
activity_id    ID Kegiatan, Kode Kegiatan, activity_id
============== ============================================================

``Jumlah Jam`` is read as JP, as HR exports use it. The route comes from the
``Jalur`` column (a route name such as ``bimbingan_teknis``) or, when there is
none or it is empty, from the kind (``Diklat Teknis``, ``Bimtek``,
``E-Learning``, ``Rotasi Jabatan``, ...; see :data:`KIND_ROUTES`). Dates are
``YYYY-MM-DD`` or ``DD/MM/YYYY``; decimals may use a comma.

Reading is all or nothing: a bad file raises one
:class:`~asn_competency.io.csv.CsvError` listing every bad row with its line,
column, what was expected and what came. :func:`ledger_from_rows` reads rows of
cells that are already values (dates, numbers, texts, empty cells as ``None``
or NaN), as a spreadsheet reader yields them; :func:`ledger_from_frame` reads a
pandas DataFrame through it. The line of a row is its place counting the
header as line 1, as a spreadsheet numbers it.

Examples:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "riwayat.csv"
    >>> _ = path.write_text(
    ...     "NIP;Nama Diklat;Jenis Diklat;Tanggal Mulai;Tanggal Selesai;Jumlah Jam\n"
    ...     "199001012015031001;Bimtek SIAK;Bimtek;03/03/2025;05/03/2025;16\n"
    ...     "199001012015031001;Rotasi ke PIAK;Rotasi Jabatan;06/01/2025;30/06/2025;\n",
    ...     encoding="utf-8")
    >>> [(e.route.value, e.jp) for e in read_ledger(path)]
    [('bimbingan_teknis', 16.0), ('rotasi', None)]
    >>> _ = path.write_text("NIP;Nama Diklat;Jenis Diklat;Tanggal Mulai;Jumlah Jam\n"
    ...     "199001012015031001;Bimtek SIAK;Bimtek;2025-03-03;enam\n"
    ...     "199001012015031001;Ceramah umum;Ceramah;2025-03-04;2\n", encoding="utf-8")
    >>> read_ledger(path)
    Traceback (most recent call last):
    ...
    asn_competency.io.csv.CsvError: ...riwayat.csv: 2 problems
      line 2, column 'Jumlah Jam': expected a number (got 'enam')
      line 3, column 'Jenis Diklat': expected a route or a known kind of training (got 'Ceramah')
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from asn_competency.domain.development import Route
from asn_competency.domain.employee import parse_nip
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.errors import (
    AsnCompetencyError,
    InvalidNipError,
    Problem,
    UnknownIdError,
    ValidationError,
)
from asn_competency.io.csv import (
    CsvError,
    CsvProblem,
    _BadCellError,
    _Column,
    _date,
    _float,
    _norm,
    _Table,
    write_csv_rows,
)

__all__ = ["KIND_ROUTES", "ledger_from_frame", "ledger_from_rows", "read_ledger", "write_ledger"]


def _route_cell(cell: str) -> str:
    return "_".join(cell.strip().lower().replace("-", " ").split())


LEDGER_COLUMNS = (
    _Column("nip", ("nip", "nip_baru"), required=True),
    _Column("title", ("nama_diklat", "nama_pelatihan", "judul"), required=True, verbatim=True),
    _Column(
        "kind", ("jenis_diklat", "jenis_pelatihan", "jenis_kegiatan"), default="", verbatim=True
    ),
    _Column("route", ("jalur", "jalur_pengembangan"), parse=_route_cell),
    _Column("start", ("tanggal_mulai", "tgl_mulai", "mulai"), required=True, parse=_date),
    _Column("end", ("tanggal_selesai", "tgl_selesai", "selesai"), parse=_date),
    _Column(
        "jp",
        ("jumlah_jam", "jumlah_jam_/_jp", "jumlah_jam/jp", "jumlah_jp", "jam_pelajaran"),
        parse=_float,
    ),
    _Column("hours", ("durasi_jam", "lama_jam"), parse=_float),
    _Column("provider", ("penyelenggara", "instansi_penyelenggara"), default="", verbatim=True),
    _Column(
        "certificate",
        ("nomor_sertifikat", "no_sertifikat", "nomor_sttpp", "no_sttpp"),
        default="",
        verbatim=True,
    ),
    _Column("source", ("sumber", "sumber_data", "sistem"), default="", verbatim=True),
    _Column("activity_id", ("id_kegiatan", "kode_kegiatan")),
)
"""The ledger's columns: canonical name first, then the headers accepted."""


def _kinds() -> dict[str, Route]:
    table = {
        Route.PENDIDIKAN: ["pendidikan", "pendidikan formal", "izin belajar", "degree study"],
        Route.TUGAS_BELAJAR: ["tugas belajar", "study assignment"],
        Route.PELATIHAN_KEPEMIMPINAN: [
            "diklat struktural",
            "diklat kepemimpinan",
            "diklatpim",
            "pelatihan kepemimpinan",
            "pim",
            "pkp",
            "pka",
            "pkn",
            "leadership",
            "leadership training",
        ],
        Route.PELATIHAN_MANAJERIAL: ["pelatihan manajerial", "diklat manajerial"],
        Route.PELATIHAN_TEKNIS: [
            "diklat teknis",
            "pelatihan teknis",
            "technical",
            "technical training",
        ],
        Route.PELATIHAN_FUNGSIONAL: [
            "diklat fungsional",
            "pelatihan fungsional",
            "functional",
            "functional training",
        ],
        Route.PELATIHAN_SOSIAL_KULTURAL: ["pelatihan sosial kultural", "diklat sosial kultural"],
        Route.SEMINAR: ["seminar", "konferensi", "sarasehan", "simposium", "webinar", "conference"],
        Route.WORKSHOP: ["workshop", "lokakarya"],
        Route.KURSUS: ["kursus", "course"],
        Route.PENATARAN: ["penataran"],
        Route.BIMBINGAN_TEKNIS: ["bimbingan teknis", "bimtek"],
        Route.SOSIALISASI: ["sosialisasi"],
        Route.KLASIKAL_LAINNYA: [
            "klasikal lainnya",
            "pelatihan klasikal",
            "latsar",
            "pelatihan dasar",
        ],
        Route.COACHING: ["coaching"],
        Route.MENTORING: ["mentoring"],
        Route.E_LEARNING: ["e learning", "elearning"],
        Route.PELATIHAN_JARAK_JAUH: ["pelatihan jarak jauh", "pjj", "distance learning"],
        Route.DETASERING: ["detasering", "secondment"],
        Route.PEMBELAJARAN_ALAM_TERBUKA: ["pembelajaran alam terbuka", "outbound"],
        Route.PATOK_BANDING: ["patok banding", "benchmarking", "studi banding"],
        Route.PERTUKARAN: ["pertukaran", "pertukaran pns", "pertukaran pegawai", "exchange"],
        Route.BELAJAR_MANDIRI: ["belajar mandiri", "self learning", "self study"],
        Route.KOMUNITAS_BELAJAR: ["komunitas belajar", "community of practice"],
        Route.BIMBINGAN_DI_TEMPAT_KERJA: [
            "bimbingan di tempat kerja",
            "on the job training",
            "ojt",
        ],
        Route.MAGANG: ["magang", "praktik kerja", "internship"],
        Route.ROTASI: ["rotasi", "rotasi jabatan", "rotasi kerja", "job rotation", "rotation"],
        Route.PENUGASAN_KHUSUS: ["penugasan khusus", "tugas khusus", "special assignment"],
        Route.NONKLASIKAL_LAINNYA: [
            "nonklasikal lainnya",
            "pelatihan non klasikal",
            "pelatihan nonklasikal",
        ],
    }
    out: dict[str, Route] = {}
    for route, names in table.items():
        for name in (route.value, *names):
            out[_kind_key(name)] = route
    return out


def _kind_key(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


KIND_ROUTES = _kinds()
"""The route of each kind a ledger may name (lower case, single spaces, no hyphens)."""


_KIND_EXPECTED = "a route or a known kind of training"


def _build(values: dict[str, Any]) -> LedgerEntry:
    route = values["route"]
    if route is None:
        kind = values["kind"].strip()
        route = KIND_ROUTES.get(_kind_key(kind))
        if route is None:
            raise ValidationError("kind", _KIND_EXPECTED, kind)
    return LedgerEntry(
        nip=values["nip"],
        title=values["title"],
        route=route,
        start=values["start"],
        end=values["end"] or values["start"],
        jp=values["jp"],
        hours=values["hours"],
        kind=values["kind"],
        provider=values["provider"],
        certificate=values["certificate"],
        source=values["source"],
        activity_id=values["activity_id"],
    )


class _Cells:
    """The header and cell parsing of rows that are not read from a file (private)."""

    def __init__(self, header: Sequence[object], source: str) -> None:
        self.source = source
        self.columns = LEDGER_COLUMNS
        self.problems: list[Problem] = []
        self.header = [_text(h).strip() for h in header]
        self.index: dict[str, int] = {}
        self.column_header: dict[str, str] = {}
        by_norm: dict[str, _Column] = {}
        for col in self.columns:
            for name in (col.name, *col.aliases):
                by_norm.setdefault(_norm(name), col)
        for i, raw in enumerate(self.header):
            found = by_norm.get(_norm(raw))
            if found is None:
                continue
            col = found
            if col.name in self.index:
                first = self.column_header[col.name]
                expected = f"one column for {col.name!r} ({first!r} is one)"
                self.problems.append(CsvProblem(1, raw, expected, raw))
                continue
            self.index[col.name] = i
            self.column_header[col.name] = raw
        for col in self.columns:
            if col.required and col.name not in self.index:
                names = ", ".join(repr(n) for n in (col.name, *col.aliases))
                self.problems.append(
                    CsvProblem(1, None, f"a column {names}", ", ".join(self.header))
                )
        if self.problems:
            raise CsvError(self.problems, self.source)

    def header_of(self, name: str) -> str:
        return self.column_header.get(name, name)

    def values(self, line: int, row: Sequence[object]) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        ok = True
        for col in self.columns:
            i = self.index.get(col.name)
            raw = _text(row[i]) if i is not None and i < len(row) else ""
            cell = raw.strip()
            if not cell:
                if col.verbatim and raw:
                    out[col.name] = raw
                    continue
                if col.required:
                    self.problems.append(CsvProblem(line, self.header_of(col.name), "a value", raw))
                    ok = False
                out[col.name] = col.default
                continue
            try:
                out[col.name] = col.parse(raw if col.verbatim else cell)
            except _BadCellError as e:
                self.problems.append(CsvProblem(line, self.header_of(col.name), e.expected, cell))
                ok = False
        return out if ok else None


def _text(value: object) -> str:  # noqa: PLR0911 - one branch per kind of cell
    """A cell of any type as the text a CSV file would hold; empty for a missing value."""
    if type(value).__name__ == "datetime64":
        text = str(value)[:10]  # NumPy dates print as ISO; NaT prints as 'NaT'
        return "" if text == "NaT" else text
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        value = item()  # NumPy numbers and booleans
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""  # pandas.NA, pandas.NaT
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        f = float(value)
        if math.isnan(f):
            return ""
        return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
    return str(value)


def _fail(problems: list[Problem], line: int, error: AsnCompetencyError, header_of: Any) -> None:
    if isinstance(error, ValidationError):
        problems.append(CsvProblem(line, header_of(error.field), error.expected, error.got))
    elif isinstance(error, UnknownIdError):  # pragma: no cover - entries raise no lookups
        problems.append(CsvProblem(line, None, f"a known {error.kind}", error.identifier))
    else:  # pragma: no cover - every error of LedgerEntry is one of the above
        problems.append(CsvProblem(line, None, "a consistent row", str(error)))


def _entries(
    rows: Iterable[tuple[int, Sequence[object]]],
    values: Any,
    header_of: Any,
    problems: list[Problem],
    nip_at: int,
) -> list[LedgerEntry]:
    out: list[LedgerEntry] = []
    for line, row in rows:
        before = len(problems)
        parsed = values(line, row)
        if parsed is None:
            # A bad cell stops the row; its NIP is still checked, and named first.
            nip = _text(row[nip_at]).strip() if nip_at < len(row) else ""
            if nip:
                try:
                    parse_nip(nip)
                except InvalidNipError as e:
                    problems.insert(before, CsvProblem(line, header_of("nip"), e.expected, nip))
            continue
        try:
            out.append(_build(parsed))
        except AsnCompetencyError as e:
            _fail(problems, line, e, header_of)
    return out


def read_ledger(path: str | Path) -> Ledger:
    """Load a development ledger from a CSV file, or nothing.

    Args:
        path: The CSV file (UTF-8, with or without a byte-order mark; comma or
            semicolon separated).

    Returns:
        The ledger (duplicates kept: the JP count credits them once).

    Raises:
        CsvError: Listing every bad row: a missing column, an empty required
            cell, a bad NIP, date or number, an end before the start, an unknown
            route or kind.
    """
    table = _Table(path, LEDGER_COLUMNS, "ledger")
    entries = _entries(
        table.rows(), table.values, table.header_of, table.problems, table.index["nip"]
    )
    table.finish()
    return Ledger(entries)


def ledger_from_rows(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    source: str = "<rows>",
    first_line: int = 2,
) -> Ledger:
    """Load a development ledger from rows of cells, such as a spreadsheet reader yields.

    Cells may be texts (read as the CSV reader reads them), dates or datetimes,
    numbers, booleans, or ``None``/NaN/NaT for an empty cell; a row may be
    shorter than the header (the missing cells are empty). Rows whose cells are
    all empty are skipped.

    Args:
        header: The column headers.
        rows: The rows, in order.
        source: The name of the sheet or file, for error messages.
        first_line: The line number of the first row (the header is line 1).

    Returns:
        The ledger.

    Raises:
        CsvError: Listing every bad row, as :func:`read_ledger` does.

    Examples:
        >>> import datetime as dt
        >>> rows = [["199001012015031001", "E-learning SIAK", "E-Learning",
        ...          dt.datetime(2025, 5, 2), None, float("nan")]]
        >>> led = ledger_from_rows(["NIP", "Nama Diklat", "Jenis Diklat", "Tanggal Mulai",
        ...                         "Tanggal Selesai", "JP"], rows, source="riwayat.xlsx")
        >>> [(e.route.value, e.start.isoformat(), e.jp) for e in led]
        [('e_learning', '2025-05-02', None)]
    """
    if isinstance(header, (str, bytes)) or not isinstance(header, Sequence):
        raise ValidationError("header", "a sequence of column headers", header)
    cells = _Cells(header, source)

    def numbered() -> Iterable[tuple[int, Sequence[object]]]:
        for line, row in enumerate(rows, start=first_line):
            if isinstance(row, (str, bytes)) or not isinstance(row, Iterable):
                cells.problems.append(CsvProblem(line, None, "a row of cells", row))
                continue
            items = list(row)
            if any(_text(v).strip() for v in items):
                yield line, items

    entries = _entries(
        numbered(), cells.values, cells.header_of, cells.problems, cells.index["nip"]
    )
    if cells.problems:
        raise CsvError(cells.problems, source)
    return Ledger(entries)


def ledger_from_frame(frame: Any, *, source: str = "<DataFrame>") -> Ledger:
    """Load a development ledger from a pandas DataFrame (its columns are the headers).

    Raises:
        CsvError: Listing every bad row (line 2 is the first row, as in the sheet).
        ValidationError: If ``frame`` is not a DataFrame.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"NIP": ["199001012015031001"], "Nama Diklat": ["Seminar SIAK"],
        ...                    "Jenis Diklat": ["Seminar"],
        ...                    "Tanggal Mulai": pd.to_datetime(["2025-08-11"])})
        >>> [(e.title, e.route.value) for e in ledger_from_frame(df)]
        [('Seminar SIAK', 'seminar')]
    """
    columns = getattr(frame, "columns", None)
    if columns is None or not callable(getattr(frame, "itertuples", None)):
        raise ValidationError("frame", "a pandas DataFrame", type(frame).__name__)
    return ledger_from_rows(list(columns), frame.itertuples(index=False, name=None), source=source)


def write_ledger(
    ledger: Ledger,
    path: str | Path,
    *,
    headers: str = "id",
    sep: str = ",",
    bom: bool = False,
) -> int:
    """Write a ledger to a CSV file that :func:`read_ledger` reads back; return the rows.

    Args:
        ledger: The ledger.
        path: The file (replaced only once it is written in full).
        headers: ``"id"`` for the Indonesian headers, ``"en"`` for the field names.
        sep: ``","`` or ``";"``.
        bom: Start with a UTF-8 byte-order mark.

    Raises:
        ValidationError: For a ledger of the wrong kind, or a bad ``headers`` or ``sep``.

    Examples:
        >>> import datetime as dt, tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "riwayat.csv"
        >>> led = Ledger([LedgerEntry(nip="199001012015031001", title="Bimtek SIAK",
        ...     route="bimbingan_teknis", start=dt.date(2025, 3, 3), jp=16)])
        >>> write_ledger(led, path)
        1
        >>> read_ledger(path) == led
        True
    """
    if not isinstance(ledger, Ledger):
        raise ValidationError("ledger", "a Ledger", ledger)
    if headers not in ("en", "id"):
        raise ValidationError("headers", "'en' or 'id'", headers)
    names = [c.name if headers == "en" else c.indonesian for c in LEDGER_COLUMNS]
    rows = (
        (
            e.nip,
            e.title,
            e.kind,
            e.route,
            e.start,
            e.end,
            e.jp,
            e.hours,
            e.provider,
            e.certificate,
            e.source,
            e.activity_id,
        )
        for e in ledger
    )
    return write_csv_rows(path, names, rows, sep=sep, bom=bom)
