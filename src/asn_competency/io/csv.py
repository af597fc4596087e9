r"""CSV import and export: the spreadsheets that HR offices already keep.

Each kind of record has a documented column set (see ``docs/interchange.md``).
Headers may be written in English or Indonesian (``competency_id`` or
``kompetensi``, ``level`` or ``tingkat``, ``assessed_on`` or ``tanggal``),
in any case and order; columns the kind does not know are ignored. Files are
UTF-8 with or without a byte-order mark, separated by commas or by semicolons
as spreadsheets export them (the separator is read from the header line; a line
that uses the other one is an error naming the line).

Reading is all or nothing: a bad file raises one :class:`CsvError` that lists
every bad row with its line, column, what was expected and what came, and
nothing is returned. :func:`iter_assessments` streams a large file row by row
instead (it stops at the first bad row) and :func:`check_csv` lists every
problem of a file of any size without keeping its records.

Examples:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = folder / "penilaian.csv"
    >>> _ = path.write_text(
    ...     "NIP;Kompetensi;Tingkat;Tanggal\n"
    ...     "199001012015031001;MJ.KOM;3;2024-05-01\n"
    ...     "199001012015031001;MJ.INT;tiga;2024-05-01\n", encoding="utf-8")
    >>> read_assessments(path)
    Traceback (most recent call last):
    ...
    asn_competency.io.csv.CsvError: ...penilaian.csv: 1 problem
      line 3, column 'Tingkat': expected a whole number (got 'tiga')
    >>> _ = path.write_text(
    ...     "NIP;Kompetensi;Tingkat;Tanggal\n"
    ...     "199001012015031001;MJ.KOM;3;2024-05-01\n", encoding="utf-8")
    >>> [(a.competency_id, a.level) for a in read_assessments(path)]
    [('MJ.KOM', 3)]
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import attrs

from asn_competency.domain.assessment import Assessment
from asn_competency.domain.competency import Competency, ProficiencyLevel, ProficiencyScale
from asn_competency.domain.development import Activity, Enrolment, Programme, Target
from asn_competency.domain.employee import Employee, parse_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.errors import (
    AsnCompetencyError,
    DocumentError,
    FrameworkError,
    Problem,
    UnknownIdError,
    ValidationError,
)

if TYPE_CHECKING:
    from asn_competency.policies.skm import SkmPolicy


__all__ = [
    "CSV_KINDS",
    "CsvError",
    "CsvProblem",
    "check_csv",
    "guess_kind",
    "iter_assessments",
    "read_activities",
    "read_assessments",
    "read_csv_rows",
    "read_employees",
    "read_enrolments",
    "read_framework",
    "read_numbered_skm_responses",
    "read_programme",
    "read_skm_responses",
    "read_standards",
    "write_assessments",
    "write_csv_rows",
    "write_employees",
    "write_framework",
    "write_programme",
    "write_skm_responses",
    "write_standards",
]


T = TypeVar("T")


PathLike = str | Path


@attrs.frozen
class CsvProblem(Problem):
    """One problem in a CSV file: the line, the column, what was expected and what came.

    Args:
        line: The line number in the file (the header is line 1); 0 for the
            whole file (one that cannot be opened).
        column: The column's header as written in the file, or ``None`` for the whole line.
        expected: What the cell (or line) should have held.
        got: What it held.

    Examples:
        >>> str(CsvProblem(3, "level", "a whole number >= 0", "-1"))
        "line 3, column 'level': expected a whole number >= 0 (got '-1')"
    """

    line: int
    column: str | None
    expected: str
    got: object = attrs.field(eq=False)  # shown in the message, which is compared
    path: str = attrs.field(init=False)
    message: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        if self.line == 0:
            where = "file"
        elif self.column is None:
            where = f"line {self.line}"
        else:
            where = f"line {self.line}, column {self.column!r}"
        object.__setattr__(self, "path", where)
        object.__setattr__(self, "message", f"expected {self.expected} (got {self.got!r})")


class CsvError(DocumentError):
    """A CSV file could not be loaded; lists every bad row (as :class:`CsvProblem`)."""


# ---------------------------------------------------------------------------
# Cell parsers. Each takes the stripped cell text and returns a value or raises
# _BadCellError with what was expected.


class _BadCellError(Exception):
    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def _text(cell: str) -> str:
    return cell


def _int(cell: str) -> int:
    try:
        return int(cell)
    except ValueError:
        raise _BadCellError("a whole number") from None


def _float(cell: str) -> float:
    text = cell.replace(",", ".") if "." not in cell else cell
    try:
        value = float(text)
    except ValueError:
        raise _BadCellError("a number") from None
    if not math.isfinite(value):
        raise _BadCellError("a finite number")
    return value


_DATE_CACHE: dict[str, dt.date] = {}
_CACHE_LIMIT = 32_768
"""Distinct dates remembered; a full cache is emptied, so memory stays bounded."""


def _date(cell: str) -> dt.date:
    found = _DATE_CACHE.get(cell)
    if found is not None:
        return found
    try:
        if len(cell) == 10 and cell[4] == "-":
            value = dt.date.fromisoformat(cell)
        else:
            day, month, year = cell.replace("-", "/").split("/")
            if len(year) != 4:
                raise ValueError(cell)
            value = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _BadCellError("a date YYYY-MM-DD or DD/MM/YYYY") from None
    if len(_DATE_CACHE) >= _CACHE_LIMIT:
        _DATE_CACHE.clear()
    _DATE_CACHE[cell] = value
    return value


_TRUE = frozenset({"true", "1", "ya", "y", "yes", "benar", "lulus", "selesai"})


_FALSE = frozenset({"false", "0", "tidak", "t", "n", "no", "salah", "belum"})


def _bool(cell: str) -> bool:
    low = cell.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise _BadCellError("true/false (or ya/tidak, 1/0)")


def _id_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _targets(cell: str) -> tuple[Target, ...]:
    out: list[Target] = []
    for part in _id_list(cell):
        head, sep, tail = part.rpartition(":")
        try:
            cid, uplift = (head.strip(), _float(tail.strip())) if sep else (part, 1.0)
            out.append(Target(competency_id=cid, uplift=uplift))
        except (_BadCellError, ValidationError):
            raise _BadCellError("targets such as 'MJ.PP:1|MJ.KOM:0.5'") from None
    return tuple(out)


_SOURCE_ALIASES = {
    "pusat_penilaian": "assessment_centre",
    "assessment_center": "assessment_centre",
    "tes": "test",
    "ujian": "test",
    "atasan": "supervisor",
    "rekan": "peer",
    "rekan_kerja": "peer",
    "diri_sendiri": "self",
    "mandiri": "self",
}


def _source(cell: str) -> str:
    low = cell.lower().replace(" ", "_")
    return _SOURCE_ALIASES.get(low, low)


def _lower(cell: str) -> str:
    return cell.lower().replace(" ", "_")


@attrs.frozen
class _Column:
    """One column of a kind: canonical (English) name, accepted aliases, parser."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[str], Any] = _text
    default: Any = None
    verbatim: bool = False
    """Free text: kept as written (not stripped)."""

    @property
    def indonesian(self) -> str:
        return self.aliases[0] if self.aliases else self.name


def _norm(header: str) -> str:
    return "_".join(header.strip().lower().replace("-", " ").replace("_", " ").split())


# ---------------------------------------------------------------------------
# Column sets. The first alias is the Indonesian header the writers use.

_ASSESSMENT_COLUMNS = (
    _Column("nip", ("nip",), required=True),
    _Column("competency_id", ("kompetensi", "kode_kompetensi", "id_kompetensi"), required=True),
    _Column("level", ("tingkat", "level_kompetensi"), required=True, parse=_int),
    _Column(
        "assessed_on",
        ("tanggal", "tanggal_penilaian", "tgl_penilaian", "date"),
        required=True,
        parse=_date,
    ),
    _Column("source", ("sumber", "sumber_penilaian"), parse=_source, default="assessment_centre"),
    _Column("assessor", ("penilai", "asesor"), default="", verbatim=True),
    _Column("evidence", ("bukti", "referensi"), default="", verbatim=True),
)


_EMPLOYEE_COLUMNS = (
    _Column("nip", ("nip",), required=True),
    _Column("name", ("nama", "nama_lengkap"), required=True, verbatim=True),
    _Column("agency", ("instansi", "perangkat_daerah", "opd"), default="", verbatim=True),
    _Column("unit", ("unit_kerja", "unit"), default="", verbatim=True),
    _Column("region", ("wilayah", "daerah"), default="", verbatim=True),
    _Column("position_id", ("id_jabatan", "kode_jabatan", "jabatan"), default="", verbatim=True),
    _Column("tier", ("jenjang", "jenjang_jabatan"), parse=_lower),
    _Column("golongan", ("golongan", "pangkat_golongan", "gol")),
    _Column("status", ("status_kepegawaian", "status"), parse=_lower),
    _Column("hired_on", ("tmt_pengangkatan", "tmt_cpns", "tanggal_pengangkatan"), parse=_date),
    _Column("position_since", ("tmt_jabatan",), parse=_date),
)


_STANDARD_COLUMNS = (
    _Column("position_id", ("id_jabatan", "kode_jabatan", "jabatan"), required=True),
    _Column("competency_id", ("kompetensi", "kode_kompetensi", "id_kompetensi"), required=True),
    _Column("level", ("tingkat", "level_standar", "standar"), required=True, parse=_int),
    _Column("importance", ("bobot", "kepentingan"), parse=_float, default=1.0),
    _Column("framework_id", ("id_kerangka", "kerangka")),
)


_FRAMEWORK_COLUMNS = (
    _Column("competency_id", ("kompetensi", "kode_kompetensi", "id_kompetensi"), required=True),
    _Column("name_id", ("nama", "nama_kompetensi"), required=True, verbatim=True),
    _Column("name_en", ("nama_inggris", "nama_en"), default="", verbatim=True),
    _Column("type", ("jenis", "jenis_kompetensi"), required=True, parse=_lower),
    _Column("description", ("deskripsi", "uraian"), default="", verbatim=True),
    _Column("parent_id", ("induk", "id_induk")),
    _Column("related_ids", ("terkait", "kompetensi_terkait"), parse=_id_list, default=()),
    _Column("scale_id", ("skala", "id_skala"), default="default-1-5"),
    _Column("level", ("tingkat",), parse=_int),
    _Column("level_label", ("label_tingkat", "nama_tingkat"), default="", verbatim=True),
    _Column(
        "level_descriptor", ("deskripsi_tingkat", "indikator_perilaku"), default="", verbatim=True
    ),
    _Column("framework_id", ("id_kerangka",)),
    _Column("framework_version", ("versi_kerangka",), verbatim=True),
    _Column("framework_title", ("judul_kerangka",), verbatim=True),
    _Column("framework_status", ("status_kerangka",), parse=_lower),
)


_ACTIVITY_COLUMNS = (
    _Column("activity_id", ("id_kegiatan", "kode_kegiatan", "kegiatan"), required=True),
    _Column("title", ("judul", "nama_kegiatan"), required=True, verbatim=True),
    _Column("route", ("jalur", "jalur_pengembangan"), required=True, parse=_lower),
    _Column("targets", ("sasaran", "kompetensi_sasaran"), required=True, parse=_targets),
    _Column("jp", ("jam_pelajaran",), required=True, parse=_float),
    _Column("cost", ("biaya", "biaya_per_peserta"), parse=_float, default=0.0),
    _Column("provider", ("penyelenggara",), default="", verbatim=True),
    _Column("start", ("mulai", "tanggal_mulai"), parse=_date),
    _Column("end", ("selesai", "tanggal_selesai"), parse=_date),
    _Column("capacity", ("kapasitas", "kuota"), parse=_int),
)


_ENROLMENT_COLUMNS = (
    _Column("nip", ("nip",), required=True),
    _Column("activity_id", ("id_kegiatan", "kode_kegiatan", "kegiatan"), required=True),
    _Column("attendance", ("kehadiran",), parse=_float, default=1.0),
    _Column("completed", ("lulus", "tuntas", "selesai"), parse=_bool, default=False),
)


CSV_KINDS: dict[str, tuple[_Column, ...]] = {
    "activities": _ACTIVITY_COLUMNS,
    "assessments": _ASSESSMENT_COLUMNS,
    "employees": _EMPLOYEE_COLUMNS,
    "enrolments": _ENROLMENT_COLUMNS,
    "framework": _FRAMEWORK_COLUMNS,
    "standards": _STANDARD_COLUMNS,
}
"""The CSV kinds and their column sets (canonical name first, then accepted aliases)."""


# ---------------------------------------------------------------------------
# Reading engine.


def _unquoted_count(line: str, char: str) -> int:
    count = 0
    quoted = False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


class _Table:
    """An open CSV file: separator, header, column indexes and a row iterator."""

    def __init__(
        self, path: PathLike, columns: Sequence[_Column], kind: str, *, open_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.source = str(path)
        self.columns = tuple(columns)
        self.kind = kind
        self.problems: list[Problem] = []
        self.extra: list[tuple[int, str]] = []  # (index, header) of unknown columns
        try:
            # Binary, decoded line by line: a bad byte is reported on its own line.
            self._file: BinaryIO = self.path.open("rb")
        except OSError as e:
            raise CsvError(
                [CsvProblem(0, None, "a readable file", e.strerror or str(e))], self.source
            ) from None
        self.lines_read = 1
        try:
            first = self._file.readline().decode("utf-8-sig")
        except UnicodeDecodeError:
            self.close()
            raise CsvError(
                [CsvProblem(1, None, "UTF-8 text", "undecodable bytes")], self.source
            ) from None
        if not first.strip():
            self.close()
            raise CsvError([CsvProblem(1, None, "a header line", first)], self.source)
        commas = _unquoted_count(first, ",")
        semis = _unquoted_count(first, ";")
        if commas and semis:
            self.close()
            raise CsvError(
                [
                    CsvProblem(
                        1,
                        None,
                        "one separator, ',' or ';' (mixed separators)",
                        first.rstrip("\r\n"),
                    )
                ],
                self.source,
            )
        self.sep = ";" if semis else ","
        self.other = "," if self.sep == ";" else ";"
        self.header = [h.strip() for h in self._header_cells(first)]
        self.index: dict[str, int] = {}
        self.column_header: dict[str, str] = {}
        by_norm: dict[str, _Column] = {}
        for col in self.columns:
            for name in (col.name, *col.aliases):
                by_norm.setdefault(_norm(name), col)
        for i, raw in enumerate(self.header):
            found = by_norm.get(_norm(raw))
            if found is None:
                self.extra.append((i, raw))
                continue
            col = found
            if col.name in self.index:
                first_header = self.column_header[col.name]
                self.problems.append(
                    CsvProblem(
                        1, raw, f"one column for {col.name!r} ({first_header!r} is one)", raw
                    )
                )
                continue
            self.index[col.name] = i
            self.column_header[col.name] = raw
        if not open_only:
            self.require()

    def _header_cells(self, first: str) -> list[str]:
        """Split the header line, or close the file and raise a CsvError on line 1."""
        try:
            return next(csv.reader([first], delimiter=self.sep, strict=True))
        except csv.Error as e:
            self.close()
            text = first.rstrip("\r\n")
            problem = (
                # Classic Mac files end lines in CR alone: the whole file is one line.
                CsvProblem(1, None, "lines that end in LF or CR LF", "lines that end in CR alone")
                if "\r" in text and '"' not in text
                else CsvProblem(1, None, "a well-formed CSV header line", str(e))
            )
            raise CsvError([problem], self.source) from None

    def require(self) -> None:
        for col in self.columns:
            if col.required and col.name not in self.index:
                names = ", ".join(repr(n) for n in (col.name, *col.aliases))
                self.problems.append(
                    CsvProblem(1, None, f"a column {names}", ", ".join(self.header))
                )
        if self.problems:
            self.close()
            raise CsvError(self.problems, self.source)

    def header_of(self, name: str) -> str:
        return self.column_header.get(name, name)

    def close(self) -> None:
        self._file.close()

    def _decoded(self) -> Iterator[str]:
        for raw in self._file:
            self.lines_read += 1
            yield raw.decode("utf-8")

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Yield ``(line, cells)`` for each non-blank record; bad lines become problems."""
        reader = csv.reader(self._decoded(), delimiter=self.sep, strict=True)
        width = len(self.header)
        line = 2
        try:
            for cells in reader:
                row = cells
                start = line
                line = reader.line_num + 2
                if len(row) != width:
                    if not any(c.strip() for c in row):
                        continue
                    if len(row) > width and not any(c.strip() for c in row[width:]):
                        row = row[:width]
                    elif len(row) == 1 and self.other in row[0]:
                        self.problems.append(
                            CsvProblem(
                                start,
                                None,
                                f"fields separated by {self.sep!r} as in the header "
                                "(mixed separators)",
                                row[0],
                            )
                        )
                        continue
                    else:
                        self.problems.append(
                            CsvProblem(start, None, f"{width} fields", f"{len(row)} fields")
                        )
                        continue
                yield start, row
        except UnicodeDecodeError:
            self.problems.append(
                CsvProblem(self.lines_read, None, "UTF-8 text", "undecodable bytes")
            )
        except csv.Error as e:
            self.problems.append(CsvProblem(line, None, "well-formed CSV", str(e)))
        finally:
            self.close()

    def values(self, line: int, row: list[str]) -> dict[str, Any] | None:
        """Parse the cells of one row; record problems and return ``None`` if any."""
        out: dict[str, Any] = {}
        ok = True
        for col in self.columns:
            i = self.index.get(col.name)
            raw = row[i] if i is not None else ""
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

    def fail(self, line: int, error: AsnCompetencyError, field_map: dict[str, str]) -> None:
        """Record a domain error raised while building the object of one row."""
        if isinstance(error, ValidationError):
            name = field_map.get(error.field, error.field)
            self.problems.append(CsvProblem(line, self.header_of(name), error.expected, error.got))
        elif isinstance(error, UnknownIdError):
            name = field_map.get(error.kind, error.kind)
            where = f" of {error.where}" if error.where else ""
            self.problems.append(
                CsvProblem(
                    line, self.header_of(name), f"a known {error.kind}{where}", error.identifier
                )
            )
        else:
            self.problems.append(CsvProblem(line, None, "a consistent row", str(error)))

    def finish(self) -> None:
        if self.problems:
            raise CsvError(self.problems, self.source)


# ---------------------------------------------------------------------------
# Assessments: the large files. The per-row path precomputes column indexes and
# builds through Assessment.factory, which checks each distinct value once.


def _check_field(i: int, raw: object) -> None:
    """Run the converter and validator of :class:`Assessment`'s field ``i`` on ``raw``."""
    field: Any = attrs.fields(Assessment)[i]
    value = raw if field.converter is None else field.converter(raw)
    if field.validator is not None:
        field.validator(None, field, value)


_ASSESSMENT_FIELD_MAP = {"competency": "competency_id", "employee": "nip"}


def _report_bad_cells(table: _Table, line: int, cells: tuple[str, str, str, str]) -> None:
    """Record every problem of an assessment row whose required cells do not parse."""
    headers = [table.header_of(n) for n in ("nip", "competency_id", "level", "assessed_on")]
    nip, cid, level_text, date_text = cells
    # The NIP and competency id first, in column order, then the cells that did not parse.
    for i, cell in enumerate((nip, cid)):
        if cell:
            try:
                _check_field(i, cell)
            except AsnCompetencyError as e:
                table.fail(line, e, _ASSESSMENT_FIELD_MAP)
    problems = table.problems
    problems.extend(
        CsvProblem(line, header, "a value", cell)
        for header, cell in zip(headers, cells, strict=True)
        if not cell
    )
    if level_text:
        try:
            int(level_text)
        except ValueError:
            problems.append(CsvProblem(line, headers[2], "a whole number", level_text))
    if date_text:
        try:
            _date(date_text)
        except _BadCellError as e:
            problems.append(CsvProblem(line, headers[3], e.expected, date_text))


def _check_framework(framework: object) -> None:
    if framework is not None and not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework or none", framework)


def _nip_set(nips: Collection[str]) -> set[str]:
    """The NIPs as the assessments hold them: '19900101 201503 1 001' is 199001012015031001."""
    if isinstance(nips, str):
        raise ValidationError("nips", "a collection of NIPs, not one text", nips)
    return {parse_nip(n, field="nips").value for n in nips}


def _assessment_rows(
    table: _Table,
    *,
    framework: CompetencyFramework | None,
    nips: Collection[str] | None,
    progress: Callable[[int], None] | None,
) -> Iterator[Assessment]:
    """Yield the valid assessments of a table; problems go to ``table.problems``."""
    idx = [table.index.get(c.name) for c in _ASSESSMENT_COLUMNS]
    i_nip, i_cid, i_level, i_date = idx[0], idx[1], idx[2], idx[3]
    i_source, i_assessor, i_evidence = idx[4], idx[5], idx[6]
    known_levels: set[tuple[str, int]] = set()
    sources: dict[str, str] = {}
    known_nips = None if nips is None else set(nips)
    make = Assessment.factory()
    count = 0
    for line, row in table.rows():
        count += 1
        if progress is not None and not count % 10_000:
            progress(count)
        nip = row[i_nip].strip()  # type: ignore[index]
        cid = row[i_cid].strip()  # type: ignore[index]
        level_text = row[i_level].strip()  # type: ignore[index]
        date_text = row[i_date].strip()  # type: ignore[index]
        try:
            if not (nip and cid and level_text and date_text):
                raise ValueError(line)
            level = int(level_text)
            date = _date(date_text)
        except (ValueError, _BadCellError):
            _report_bad_cells(table, line, (nip, cid, level_text, date_text))
            continue
        source = "assessment_centre"
        if i_source is not None:
            raw_source = row[i_source]
            known = sources.get(raw_source)
            if known is None:
                known = _source(raw_source.strip() or source)
                if len(sources) < 64:
                    sources[raw_source] = known
            source = known
        assessor = row[i_assessor] if i_assessor is not None else ""
        evidence = row[i_evidence] if i_evidence is not None else ""
        try:
            obj = make(nip, cid, level, date, source, assessor, evidence)
            if framework is not None and (cid, level) not in known_levels:
                framework[cid].scale.validate_level(level, field="level", allow_na=True)
                known_levels.add((cid, level))
            if known_nips is not None and obj.nip not in known_nips:
                raise UnknownIdError("employee", obj.nip, "the employee list")
        except AsnCompetencyError as e:
            table.fail(line, e, _ASSESSMENT_FIELD_MAP)
            continue
        yield obj
    if progress is not None:
        progress(count)


def iter_assessments(
    path: PathLike,
    *,
    framework: CompetencyFramework | None = None,
    nips: Collection[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Assessment]:
    r"""Stream the assessments of a CSV file, one row at a time.

    The file is read line by line, so a file of millions of rows never sits in
    memory. Rows already yielded stay yielded: at the first bad row the
    iterator raises :class:`CsvError` naming it (use :func:`read_assessments`
    for all-or-nothing loading, or :func:`check_csv` to list every problem).

    Args:
        path: The CSV file.
        framework: When given, every competency id must be in it and every
            level on the competency's scale.
        nips: When given, every NIP must be one of these (written in any of
            the forms :func:`~asn_competency.domain.employee.parse_nip` accepts).
        progress: Called with the number of rows read so far, every 10,000 rows.

    Yields:
        One :class:`~asn_competency.domain.assessment.Assessment` per row.

    Raises:
        CsvError: For a missing column, a bad header or the first bad row.
        ValidationError: For a malformed NIP in ``nips``.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
        >>> _ = path.write_text("nip,competency_id,level,assessed_on\n"
        ...     "199001012015031001,MJ.KOM,3,2024-05-01\n", encoding="utf-8")
        >>> [a.level for a in iter_assessments(path)]
        [3]
    """
    _check_framework(framework)
    known = None if nips is None else _nip_set(nips)
    table = _Table(path, _ASSESSMENT_COLUMNS, "assessments")
    seen = 0
    for obj in _assessment_rows(table, framework=framework, nips=known, progress=progress):
        if len(table.problems) > seen:
            break
        yield obj
    table.close()
    if table.problems:
        raise CsvError(table.problems[:1], table.source)


def read_assessments(
    path: PathLike,
    *,
    framework: CompetencyFramework | None = None,
    nips: Collection[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Assessment, ...]:
    r"""Load every assessment of a CSV file, or none.

    Args:
        path: The CSV file (columns in ``docs/interchange.md``).
        framework: When given, every competency id must be in it and every
            level on the competency's scale.
        nips: When given, every NIP must be one of these (written in any of
            the forms :func:`~asn_competency.domain.employee.parse_nip` accepts).
        progress: Called with the number of rows read so far.

    Returns:
        The assessments in file order.

    Raises:
        CsvError: Listing every bad row.
        ValidationError: For a malformed NIP in ``nips``.

    Examples:
        >>> import tempfile, pathlib
        >>> from asn_competency import national_framework
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
        >>> _ = path.write_text("nip,competency_id,level,assessed_on\n"
        ...     "199001012015031001,MJ.XX,3,2024-05-01\n", encoding="utf-8")
        >>> read_assessments(path, framework=national_framework())
        Traceback (most recent call last):
        ...
        asn_competency.io.csv.CsvError: ...a.csv: 1 problem
          line 2, column 'competency_id': expected a known competency of framework ...
    """
    _check_framework(framework)
    known = None if nips is None else _nip_set(nips)
    table = _Table(path, _ASSESSMENT_COLUMNS, "assessments")
    out = list(_assessment_rows(table, framework=framework, nips=known, progress=progress))
    table.finish()
    return tuple(out)


# ---------------------------------------------------------------------------
# Employees, standards, programmes, frameworks.


def _read_records(
    path: PathLike,
    kind: str,
    build: Callable[[dict[str, Any]], T],
    field_map: dict[str, str] | None = None,
) -> tuple[_Table, list[tuple[int, T]]]:
    table = _Table(path, CSV_KINDS[kind], kind)
    out: list[tuple[int, T]] = []
    for line, row in table.rows():
        values = table.values(line, row)
        if values is None:
            continue
        try:
            out.append((line, build(values)))
        except AsnCompetencyError as e:
            table.fail(line, e, field_map or {})
    return table, out


def _employee(v: dict[str, Any]) -> Employee:
    kwargs = dict(v)
    if kwargs["status"] is None:
        del kwargs["status"]
    return Employee(**kwargs)


def read_employees(path: PathLike) -> tuple[Employee, ...]:
    r"""Load every employee of a CSV file, or none.

    Raises:
        CsvError: Listing every bad row, including a NIP that appears twice.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "pegawai.csv"
        >>> _ = path.write_text("NIP,Nama,Unit Kerja,Jenjang\n"
        ...     "199001012015031001,Budi,Pelayanan,pelaksana\n", encoding="utf-8")
        >>> [(e.name, e.unit, e.tier.value) for e in read_employees(path)]
        [('Budi', 'Pelayanan', 'pelaksana')]
    """
    table, records = _read_records(path, "employees", _employee)
    seen: dict[str, int] = {}
    for line, e in records:
        if e.nip in seen:
            table.problems.append(
                CsvProblem(
                    line, table.header_of("nip"), f"a NIP not already on line {seen[e.nip]}", e.nip
                )
            )
        seen.setdefault(e.nip, line)
    table.finish()
    return tuple(e for _, e in records)


def read_standards(
    path: PathLike,
    *,
    framework_id: str | None = None,
    framework: CompetencyFramework | None = None,
) -> tuple[PositionStandard, ...]:
    r"""Load position standards: one row per requirement, grouped by position.

    Args:
        path: The CSV file.
        framework_id: The framework id for rows without a ``framework_id`` cell
            (by default the framework's id when ``framework`` is given).
        framework: When given, every competency must be in it and every level
            on the competency's scale.

    Returns:
        One standard per position, sorted by position id.

    Raises:
        CsvError: Listing every bad row.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "standar.csv"
        >>> _ = path.write_text("jabatan;kompetensi;tingkat;bobot\n"
        ...     "FO;MJ.PP;2;3\nFO;MJ.KOM;2;1,5\n", encoding="utf-8")
        >>> [std] = read_standards(path, framework_id="asn-national")
        >>> [(r.competency_id, r.level, r.importance) for r in std.requirements]
        [('MJ.KOM', 2, 1.5), ('MJ.PP', 2, 3.0)]
    """
    _check_framework(framework)
    default_fw = framework_id or (framework.id if framework is not None else None)

    def build(v: dict[str, Any]) -> tuple[str, str, Requirement]:
        fw_id = v["framework_id"] or default_fw
        if fw_id is None:
            raise ValidationError("framework_id", "a framework id (column or framework_id=)", "")
        req = Requirement(
            competency_id=v["competency_id"], level=v["level"], importance=v["importance"]
        )
        if framework is not None:
            framework[req.competency_id].scale.validate_level(req.level, field="level")
        return v["position_id"], fw_id, req

    table, records = _read_records(
        path, "standards", build, {"competency": "competency_id", "importance": "importance"}
    )
    groups: dict[str, list[Requirement]] = {}
    fw_of: dict[str, tuple[int, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, (pid, fw_id, req) in records:
        key = (pid, req.competency_id)
        if key in seen:
            table.problems.append(
                CsvProblem(
                    line,
                    table.header_of("competency_id"),
                    f"a competency not already required of {pid!r} on line {seen[key]}",
                    req.competency_id,
                )
            )
            continue
        seen[key] = line
        first = fw_of.setdefault(pid, (line, fw_id))
        if first[1] != fw_id:
            table.problems.append(
                CsvProblem(
                    line,
                    table.header_of("framework_id"),
                    f"the framework {first[1]!r} of {pid!r} on line {first[0]}",
                    fw_id,
                )
            )
        groups.setdefault(pid, []).append(req)
    out: list[PositionStandard] = []
    for pid in sorted(groups):
        try:
            out.append(
                PositionStandard(
                    position_id=pid, framework_id=fw_of[pid][1], requirements=groups[pid]
                )
            )
        except ValidationError as e:
            table.fail(
                fw_of[pid][0], e, {"position_id": "position_id", "framework_id": "framework_id"}
            )
    table.finish()
    return tuple(out)


def _activity(v: dict[str, Any]) -> Activity:
    return Activity(
        id=v["activity_id"],
        title=v["title"],
        route=v["route"],
        targets=v["targets"],
        jp=v["jp"],
        cost=v["cost"],
        provider=v["provider"],
        start=v["start"],
        end=v["end"],
        capacity=v["capacity"],
    )


def read_activities(path: PathLike) -> tuple[Activity, ...]:
    """Load the activities of a programme (one row per activity).

    Targets are written in one cell as ``competency:uplift`` pairs separated by
    ``|``, for example ``MJ.PP:1|MJ.KOM:0.5`` (the uplift defaults to 1).

    Raises:
        CsvError: Listing every bad row.
    """
    table, records = _read_records(path, "activities", _activity, {"id": "activity_id"})
    seen: dict[str, int] = {}
    for line, a in records:
        if a.id in seen:
            table.problems.append(
                CsvProblem(
                    line,
                    table.header_of("activity_id"),
                    f"an id not already on line {seen[a.id]}",
                    a.id,
                )
            )
        seen.setdefault(a.id, line)
    table.finish()
    return tuple(a for _, a in records)


def read_enrolments(path: PathLike) -> tuple[Enrolment, ...]:
    """Load enrolments (one row per person and activity).

    Raises:
        CsvError: Listing every bad row.
    """
    table, records = _read_records(path, "enrolments", lambda v: Enrolment(**v))
    table.finish()
    return tuple(e for _, e in records)


def read_programme(
    activities: PathLike,
    enrolments: PathLike | None = None,
    *,
    id: str,
    title: str,
    owner: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    budget: float = 0.0,
) -> Programme:
    r"""Load a programme from an activities file and, optionally, an enrolments file.

    The programme's own fields (id, title, owner, period, budget) are not in the
    files; pass them here.

    Raises:
        ValidationError: For a bad programme field passed as a keyword.
        CsvError: Listing every bad row of either file, or an enrolment in an
            unknown activity or beyond an activity's capacity.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "kegiatan.csv").write_text(
        ...     "id_kegiatan,judul,jalur,sasaran,jp,biaya\n"
        ...     "PP-01,Pelayanan prima,workshop,MJ.PP:1,24,3500000\n", encoding="utf-8")
        >>> _ = (folder / "peserta.csv").write_text(
        ...     "nip,id_kegiatan,lulus\n199001012015031001,PP-01,ya\n", encoding="utf-8")
        >>> prog = read_programme(folder / "kegiatan.csv", folder / "peserta.csv",
        ...                       id="P24", title="Pelayanan 2024")
        >>> prog.jp_by_person()
        {'199001012015031001': 24.0}
    """
    # The keywords alone first: a bad id or date is the caller's, not a file's problem.
    Programme(id=id, title=title, owner=owner, start=start, end=end, budget=budget)
    acts = read_activities(activities)
    enrols = () if enrolments is None else read_enrolments(enrolments)
    try:
        return Programme(
            id=id,
            title=title,
            owner=owner,
            start=start,
            end=end,
            activities=acts,
            budget=budget,
            enrolments=enrols,
        )
    except AsnCompetencyError as e:
        source = str(enrolments if enrolments is not None else activities)
        raise CsvError([Problem("$", str(e))], source) from None


def _framework_meta(
    table: _Table, records: list[tuple[int, dict[str, Any]]], name: str
) -> str | None:
    found: tuple[int, str] | None = None
    for line, v in records:
        value = v[name]
        if value is None:
            continue
        if found is None:
            found = (line, value)
        elif value != found[1]:
            table.problems.append(
                CsvProblem(
                    line, table.header_of(name), f"{found[1]!r} as on line {found[0]}", value
                )
            )
    return None if found is None else found[1]


def read_framework(
    path: PathLike,
    *,
    id: str | None = None,
    version: str | None = None,
    title: str | None = None,
) -> CompetencyFramework:
    r"""Load a framework from its flattened form: one row per level of each competency.

    A competency's own cells (name, type, description, parent, related ids,
    scale id) repeat on each of its rows and must agree. A row with level 0 is
    the scale's not-applicable level. A competency with a single row and an
    empty level cell gets the generic 1-5 scale. The framework's id, version,
    title and status come from the ``framework_*`` columns when present, else
    from the keywords (the id defaults to the file name, the version to
    ``"1"``, the title to the id).

    Raises:
        CsvError: Listing every bad row and every inconsistency.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "teknis.csv"
        >>> _ = path.write_text(
        ...     "kompetensi,nama,jenis,tingkat,label_tingkat\n"
        ...     "TK.ARSIP,Kearsipan,teknis,1,Dasar\n"
        ...     "TK.ARSIP,Kearsipan,teknis,2,Mahir\n", encoding="utf-8")
        >>> fw = read_framework(path, id="tk", title="Teknis")
        >>> [lvl.label for lvl in fw["TK.ARSIP"].scale.levels]
        ['Dasar', 'Mahir']
    """
    table = _Table(path, _FRAMEWORK_COLUMNS, "framework")
    records: list[tuple[int, dict[str, Any]]] = []
    for line, row in table.rows():
        values = table.values(line, row)
        if values is not None:
            records.append((line, values))
    fw_id = _framework_meta(table, records, "framework_id") or id
    fw_version = _framework_meta(table, records, "framework_version") or version or "1"
    fw_title = _framework_meta(table, records, "framework_title") or title
    fw_status = _framework_meta(table, records, "framework_status") or "active"
    if fw_id is None:
        stem = Path(path).stem
        fw_id = stem if stem else "framework"
    own = ("name_id", "name_en", "type", "description", "parent_id", "related_ids", "scale_id")
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for line, v in records:
        group = groups.setdefault(v["competency_id"], [])
        if group:
            first_line, first = group[0]
            for name in own:
                if v[name] != first[name]:
                    table.problems.append(
                        CsvProblem(
                            line,
                            table.header_of(name),
                            f"{first[name]!r} as on line {first_line} for {v['competency_id']!r}",
                            v[name],
                        )
                    )
        group.append((line, v))
    comps: list[Competency] = []
    for cid, group in groups.items():
        line, first = group[0]
        try:
            comps.append(_competency(cid, group))
        except AsnCompetencyError as e:
            table.fail(line, e, {"id": "competency_id", "label": "level_label"})
    try:
        framework = CompetencyFramework(
            id=fw_id,
            version=fw_version,
            title=fw_title or fw_id,
            status=fw_status,
            competencies=comps,
        )
    except FrameworkError as e:
        table.problems.extend(Problem("$", p) for p in e.problems)
    except ValidationError as e:
        table.fail(
            1,
            e,
            {
                "id": "framework_id",
                "version": "framework_version",
                "title": "framework_title",
                "status": "framework_status",
            },
        )
    table.finish()
    return framework


def _competency(cid: str, group: list[tuple[int, dict[str, Any]]]) -> Competency:
    first = group[0][1]
    levels: list[ProficiencyLevel] = []
    na: ProficiencyLevel | None = None
    if len(group) == 1 and first["level"] is None:
        scale = ProficiencyScale.default()
        if first["scale_id"] != scale.id:
            scale = attrs.evolve(scale, id=first["scale_id"])
    else:
        for _line, v in sorted(group, key=lambda lv: (lv[1]["level"] is None, lv[1]["level"] or 0)):
            if v["level"] is None:
                raise ValidationError("level", "a level number on every row of a competency", "")
            lvl = ProficiencyLevel(
                number=v["level"],
                label=v["level_label"] or f"Level {v['level']}",
                descriptor=v["level_descriptor"],
            )
            if lvl.number == 0:
                na = lvl
            else:
                levels.append(lvl)
        scale = ProficiencyScale(id=first["scale_id"], levels=levels, not_applicable=na)
    return Competency(
        id=cid,
        name_id=first["name_id"],
        name_en=first["name_en"],
        type=first["type"],
        scale=scale,
        description=first["description"],
        parent_id=first["parent_id"],
        related_ids=first["related_ids"],
    )


# ---------------------------------------------------------------------------
# Any table.


def read_csv_rows(path: PathLike) -> tuple[tuple[int, dict[str, str]], ...]:
    r"""Read any CSV file into ``(line, {header: cell})`` pairs, with the same rules.

    The separator, byte-order mark, blank lines and line-level errors are
    handled as for the typed readers; cells are returned as written (headers
    stripped of spaces). Use it for tables this module has no kind for.

    Raises:
        CsvError: For an unreadable file, mixed separators, a header that names
            two columns, or a wrong number of fields.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "nilai.csv"
        >>> _ = path.write_text("nip;pre;post\n1;50;80\n", encoding="utf-8")
        >>> read_csv_rows(path)
        ((2, {'nip': '1', 'pre': '50', 'post': '80'}),)
    """
    table = _Table(path, (), "rows")
    first_of: dict[str, int] = {}
    for i, name in enumerate(table.header):
        # Two columns under one header would lose one of them in the dicts; empty
        # headers (spreadsheets add empty columns at the end) keep the last one.
        if name in first_of and name:
            expected = f"one column named {name!r} (column {first_of[name]} is one)"
            table.problems.append(CsvProblem(1, name, expected, name))
        first_of.setdefault(name, i + 1)
    if table.problems:
        table.close()
        raise CsvError(table.problems, table.source)
    out = tuple((line, dict(zip(table.header, row, strict=True))) for line, row in table.rows())
    table.finish()
    return out


# ---------------------------------------------------------------------------
# Public-satisfaction survey (SKM) answers.


def _skm_policy(policy: SkmPolicy | None) -> SkmPolicy:
    """The policy, ``SKM_PERMENPANRB_14_2017`` by default; another kind of object is named."""
    from asn_competency.policies.skm import SKM_PERMENPANRB_14_2017, SkmPolicy  # noqa: PLC0415 - only SKM files need it

    if policy is None:
        return SKM_PERMENPANRB_14_2017
    if not isinstance(policy, SkmPolicy):
        raise ValidationError("policy", "an SkmPolicy or none", policy)
    return policy


def read_skm_responses(
    path: PathLike, *, policy: SkmPolicy | None = None
) -> tuple[tuple[int | None, ...], ...]:
    r"""Load SKM answers: one row per respondent, one column per survey element.

    The columns are the policy's element codes (``U1`` .. ``U9`` under the 2017
    rule; custom codes under a custom policy), in any order and case; other
    columns (a respondent number, a date) are ignored. An empty cell is a
    missing answer (``None``); what happens to missing or out-of-range answers
    is the policy's rule, applied by :func:`~asn_competency.evaluation.skm.skm_index`.

    Args:
        path: The CSV file.
        policy: The survey policy whose element codes name the columns
            (``SKM_PERMENPANRB_14_2017`` by default).

    Returns:
        One tuple of answers per respondent, in the policy's element order,
        ready for :func:`~asn_competency.evaluation.skm.skm_index`.

    Raises:
        CsvError: For a missing element column or an answer that is not a whole number.

    Examples:
        >>> import tempfile, pathlib
        >>> from asn_competency.evaluation.skm import skm_index
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "skm.csv"
        >>> _ = path.write_text("responden;U1;U2;U3;U4;U5;U6;U7;U8;U9\n"
        ...     "1;4;4;4;4;4;4;4;4;4\n2;3;3;3;3;3;3;3;3;3\n", encoding="utf-8")
        >>> rows = read_skm_responses(path)
        >>> rows[1]
        (3, 3, 3, 3, 3, 3, 3, 3, 3)
        >>> skm_index(rows).converted
        87.5
    """
    return tuple(answers for _, answers in _skm_rows(path, policy))


def read_numbered_skm_responses(
    path: PathLike, *, policy: SkmPolicy | None = None
) -> tuple[tuple[int, tuple[int | None, ...]], ...]:
    r"""Load SKM answers as :func:`read_skm_responses` does, each row with its line number.

    The line numbers let a caller name the line of an answer that the policy
    refuses (the header is line 1; blank lines are skipped but counted).

    Raises:
        CsvError: For a missing element column or an answer that is not a whole number.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "skm.csv"
        >>> _ = path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n\n4,4,4,4,4,4,4,,4\n",
        ...                     encoding="utf-8")
        >>> read_numbered_skm_responses(path)
        ((3, (4, 4, 4, 4, 4, 4, 4, None, 4)),)
    """
    return _skm_rows(path, policy)


def _skm_rows(
    path: PathLike, policy: SkmPolicy | None
) -> tuple[tuple[int, tuple[int | None, ...]], ...]:
    policy = _skm_policy(policy)
    columns = tuple(_Column(code, required=True, parse=_int) for code in policy.codes)
    table = _Table(path, columns, "skm")
    out: list[tuple[int, tuple[int | None, ...]]] = []
    for line, row in table.rows():
        answers: list[int | None] = []
        ok = True
        for col in columns:
            cell = row[table.index[col.name]].strip()
            if not cell:
                answers.append(None)
                continue
            try:
                answers.append(_int(cell))
            except _BadCellError as e:
                table.problems.append(CsvProblem(line, table.header_of(col.name), e.expected, cell))
                ok = False
        if ok:
            out.append((line, tuple(answers)))
    table.finish()
    return tuple(out)


def write_skm_responses(
    responses: Iterable[Sequence[int | None]],
    path: PathLike,
    *,
    policy: SkmPolicy | None = None,
    sep: str = ",",
    bom: bool = False,
) -> int:
    """Write SKM answers, one row per respondent numbered from 1; return the number of rows."""
    policy = _skm_policy(policy)
    rows = ((i, *answers) for i, answers in enumerate(responses, start=1))
    return write_csv_rows(path, ["respondent", *policy.codes], rows, sep=sep, bom=bom)


# ---------------------------------------------------------------------------
# Checking without loading, and telling kinds apart.


def guess_kind(path: PathLike) -> str | None:
    """Return the CSV kind whose required columns the file's header has, or ``None``.

    When several kinds fit, the one recognising most of the header wins. A file
    with the columns ``U1`` .. ``U9`` is ``"skm"``.

    Raises:
        CsvError: If the file cannot be read or its header line is bad.
    """
    best: tuple[int, str] | None = None
    for kind in sorted(CSV_KINDS):
        table = _Table(path, CSV_KINDS[kind], kind, open_only=True)
        table.close()
        required = all(c.name in table.index for c in CSV_KINDS[kind] if c.required)
        if required and not table.problems:
            score = len(table.index)
            if best is None or score > best[0]:
                best = (score, kind)
    if best is None:
        from asn_competency.policies.skm import SKM_PERMENPANRB_14_2017  # noqa: PLC0415 - only SKM files need it

        table = _Table(
            path, tuple(_Column(c) for c in SKM_PERMENPANRB_14_2017.codes), "skm", open_only=True
        )
        table.close()
        if len(table.index) == len(SKM_PERMENPANRB_14_2017.codes):
            return "skm"
    return None if best is None else best[1]


def check_csv(
    path: PathLike,
    kind: str | None = None,
    *,
    framework: CompetencyFramework | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Problem]:
    r"""Return every problem of a CSV file (an empty list if it loads).

    Assessment files are checked row by row without keeping the records, so
    a file of any size can be checked.

    Args:
        path: The CSV file.
        kind: One of :data:`CSV_KINDS` or ``"skm"``; guessed from the header when omitted.
        framework: Check competency ids and levels against it (assessments and
            standards).
        progress: Called with the number of rows read so far (assessments).

    Raises:
        ValidationError: If ``kind`` is not one of the kinds.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "pegawai.csv"
        >>> _ = path.write_text("nip,nama\n123,Budi\n", encoding="utf-8")
        >>> [str(p) for p in check_csv(path)]
        ["line 2, column 'nip': expected 18 digits (got '123')"]
    """
    _check_framework(framework)
    if kind is not None and kind not in (*CSV_KINDS, "skm"):
        names = ", ".join(repr(k) for k in (*sorted(CSV_KINDS), "skm"))
        raise ValidationError("kind", f"one of {names}", kind)
    try:
        kind = kind or guess_kind(path)
        if kind is None:
            names = ", ".join(sorted(CSV_KINDS))
            return [CsvProblem(1, None, f"the header of one of: {names}", "another header")]
        if kind == "assessments":
            table = _Table(path, _ASSESSMENT_COLUMNS, kind)
            for _ in _assessment_rows(table, framework=framework, nips=None, progress=progress):
                pass
            return list(table.problems)
        readers: dict[str, Callable[[], object]] = {
            "activities": lambda: read_activities(path),
            "employees": lambda: read_employees(path),
            "enrolments": lambda: read_enrolments(path),
            "framework": lambda: read_framework(path),
            "skm": lambda: read_skm_responses(path),
            "standards": lambda: read_standards(
                path, framework=framework, framework_id=framework.id if framework else "unchecked"
            ),
        }
        readers[kind]()
    except CsvError as e:
        return list(e.problems)
    return []


# ---------------------------------------------------------------------------
# Writing. Files are written to a temporary name and renamed, so a failed
# write leaves no half-written file.


def _cell(value: object) -> str:  # noqa: PLR0911 - one branch per value type
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "|".join(_cell(v) for v in value)
    if isinstance(value, Target):
        return f"{value.competency_id}:{_cell(value.uplift)}"
    enum_value = getattr(value, "value", None)
    if isinstance(enum_value, str):
        return enum_value
    return str(value)


def write_csv_rows(
    path: PathLike,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sep: str = ",",
    bom: bool = False,
) -> int:
    """Write a CSV file from a header and rows of values; return the number of rows.

    Values are written as the readers expect them: dates ISO, enums by value,
    ``None`` empty, whole floats without ``.0``, tuples joined by ``|``.

    Args:
        path: The file to write (replaced atomically).
        header: The column names.
        rows: The rows, each as long as the header.
        sep: ``","`` or ``";"``.
        bom: Start the file with a UTF-8 byte-order mark (for spreadsheets that need it).

    Raises:
        ValidationError: If ``sep`` is neither ``","`` nor ``";"``, or a cell is
            longer than the readers accept (``csv.field_size_limit()``, 131072
            characters by default); no file is written.
        OSError: If the file cannot be written.
    """
    if sep not in (",", ";"):
        raise ValidationError("sep", "',' or ';'", sep)
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
            writer = csv.writer(f, delimiter=sep)
            writer.writerow(header)
            limit = csv.field_size_limit()
            for row in rows:
                cells = [_cell(v) for v in row]
                for j, cell in enumerate(cells):
                    if len(cell) > limit:
                        # The reader (Python's csv module) refuses longer cells.
                        raise ValidationError(
                            f"rows[{count}][{j}]",
                            f"a cell of at most {limit} characters (the CSV readers' limit)",
                            f"{len(cell)} characters",
                        )
                writer.writerow(cells)
                count += 1
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _each(items: Iterable[Any], kind: type[T], field: str) -> Iterator[T]:
    """The items, each checked to be a ``kind`` (the writers stream, so check as they go)."""
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            raise ValidationError(f"{field}[{i}]", f"{article} {kind.__name__}", item)
        yield item


def _headers(columns: Sequence[_Column], names: Sequence[str], headers: str) -> list[str]:
    if headers not in ("en", "id"):
        raise ValidationError("headers", "'en' or 'id'", headers)
    by_name = {c.name: c for c in columns}
    return [by_name[n].name if headers == "en" else by_name[n].indonesian for n in names]


def write_assessments(
    assessments: Iterable[Assessment],
    path: PathLike,
    *,
    headers: str = "en",
    sep: str = ",",
    bom: bool = False,
) -> int:
    """Write assessments to a CSV file (streamed); return the number of rows.

    Args:
        assessments: The assessments, written in the order given.
        path: The file to write.
        headers: ``"en"`` for English headers, ``"id"`` for Indonesian ones.
        sep: ``","`` or ``";"``.
        bom: Start with a UTF-8 byte-order mark.

    Examples:
        >>> import datetime as dt, tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
        >>> a = Assessment(nip="199001012015031001", competency_id="MJ.KOM", level=3,
        ...                assessed_on=dt.date(2024, 5, 1))
        >>> write_assessments([a], path, headers="id", sep=";")
        1
        >>> print(path.read_text(encoding="utf-8"), end="")
        nip;kompetensi;tingkat;tanggal;sumber;penilai;bukti
        199001012015031001;MJ.KOM;3;2024-05-01;assessment_centre;;
        >>> read_assessments(path) == (a,)
        True
    """
    names = [c.name for c in _ASSESSMENT_COLUMNS]
    rows = (
        (a.nip, a.competency_id, a.level, a.assessed_on, a.source, a.assessor, a.evidence)
        for a in _each(assessments, Assessment, "assessments")
    )
    return write_csv_rows(
        path, _headers(_ASSESSMENT_COLUMNS, names, headers), rows, sep=sep, bom=bom
    )


def write_employees(
    employees: Iterable[Employee],
    path: PathLike,
    *,
    headers: str = "en",
    sep: str = ",",
    bom: bool = False,
) -> int:
    """Write employees to a CSV file; return the number of rows (see :func:`write_assessments`)."""
    names = [c.name for c in _EMPLOYEE_COLUMNS]
    rows = ([getattr(e, n) for n in names] for e in _each(employees, Employee, "employees"))
    return write_csv_rows(path, _headers(_EMPLOYEE_COLUMNS, names, headers), rows, sep=sep, bom=bom)


def write_standards(
    standards: Iterable[PositionStandard],
    path: PathLike,
    *,
    headers: str = "en",
    sep: str = ",",
    bom: bool = False,
) -> int:
    """Write standards, one row per requirement; return the number of rows."""
    names = ["position_id", "competency_id", "level", "importance", "framework_id"]
    rows = (
        (s.position_id, r.competency_id, r.level, r.importance, s.framework_id)
        for s in _each(standards, PositionStandard, "standards")
        for r in s.requirements
    )
    return write_csv_rows(path, _headers(_STANDARD_COLUMNS, names, headers), rows, sep=sep, bom=bom)


def write_framework(
    framework: CompetencyFramework,
    path: PathLike,
    *,
    headers: str = "en",
    sep: str = ",",
    bom: bool = False,
) -> int:
    """Write a framework in its flattened form, one row per level; return the number of rows.

    Examples:
        >>> import tempfile, pathlib
        >>> from asn_competency import national_framework
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "fw.csv"
        >>> write_framework(national_framework(), path)
        45
        >>> read_framework(path) == national_framework()
        True
    """
    if not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework", framework)
    names = [c.name for c in _FRAMEWORK_COLUMNS]

    def rows() -> Iterator[list[object]]:
        for c in framework.competencies:
            own: list[object] = [
                c.id,
                c.name_id,
                c.name_en,
                c.type,
                c.description,
                c.parent_id,
                c.related_ids,
                c.scale.id,
            ]
            meta = [framework.id, framework.version, framework.title, framework.status]
            levels = c.scale.levels
            if c.scale.not_applicable is not None:
                levels = (c.scale.not_applicable, *levels)
            for lvl in levels:
                yield [*own, lvl.number, lvl.label, lvl.descriptor, *meta]

    return write_csv_rows(
        path, _headers(_FRAMEWORK_COLUMNS, names, headers), rows(), sep=sep, bom=bom
    )


def write_programme(
    programme: Programme,
    activities: PathLike,
    enrolments: PathLike | None = None,
    *,
    headers: str = "en",
    sep: str = ",",
    bom: bool = False,
) -> tuple[int, int]:
    """Write a programme's activities and (optionally) enrolments; return both row counts.

    The programme's own fields (id, title, owner, period, budget) are not
    written; keep them in JSON or pass them again to :func:`read_programme`.
    """
    if not isinstance(programme, Programme):
        raise ValidationError("programme", "a Programme", programme)
    act_names = [c.name for c in _ACTIVITY_COLUMNS]
    act_rows = (
        (a.id, a.title, a.route, a.targets, a.jp, a.cost, a.provider, a.start, a.end, a.capacity)
        for a in programme.activities
    )
    n_act = write_csv_rows(
        activities, _headers(_ACTIVITY_COLUMNS, act_names, headers), act_rows, sep=sep, bom=bom
    )
    n_enr = 0
    if enrolments is not None:
        enr_names = [c.name for c in _ENROLMENT_COLUMNS]
        enr_rows = ((e.nip, e.activity_id, e.attendance, e.completed) for e in programme.enrolments)
        n_enr = write_csv_rows(
            enrolments, _headers(_ENROLMENT_COLUMNS, enr_names, headers), enr_rows, sep=sep, bom=bom
        )
    return n_act, n_enr
