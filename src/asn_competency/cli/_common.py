"""The contract every command keeps: exit codes, option types, output (package-private).

- Exit 0 ok; 1 the input data has problems (:class:`InputError` lists every one,
  each with its file, line or JSON path, column, what was expected and what came);
  2 the command line is wrong (:class:`UsageError`, naming the flag as typed);
  3 the output cannot be written (:class:`OutputError`, one line).
- ``--out`` writes ``.csv`` or ``.json`` (by extension) with the same
  ``--sep``, ``--bom`` and ``--headers`` on every command; without it a table is
  printed. An output is checked before any input is read, and never replaces an input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import math
import os
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from asn_competency.errors import DocumentError
from asn_competency.io.json import to_data

EXIT_OK = 0
"""Success."""


EXIT_BAD_INPUT = 1
"""The input data has problems (each is printed on its own line)."""


EXIT_USAGE = 2
"""The command line is wrong (argparse's convention)."""


EXIT_OUTPUT = 3
"""The output file cannot be written (missing folder, no permission)."""


class OutputError(Exception):
    """The output cannot be written; raised before any work is done."""


class UsageError(Exception):
    """A command line that argparse cannot check by itself; the message names the flag."""

    def __init__(self, flag: str, message: str) -> None:
        super().__init__(f"argument {flag}: {message}")
        self.flag = flag


class InputError(Exception):
    """Problems in one or more input files, every one of them."""

    def __init__(self, errors: Sequence[DocumentError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = tuple(errors)


class Problems:
    """Collects the problems of several input files, so that all of them are reported."""

    def __init__(self) -> None:
        self.errors: list[DocumentError] = []

    def read(self, load: Callable[[], Any]) -> Any:
        """Return ``load()``, or ``None`` after recording its :class:`DocumentError`."""
        try:
            return load()
        except InputError as e:
            self.errors.extend(e.errors)
        except DocumentError as e:
            self.errors.append(e)
        return None

    def add(self, error: DocumentError) -> None:
        """Record the problems of one file."""
        self.errors.append(error)

    def check(self) -> None:
        """Raise :class:`InputError` if any problem was recorded."""
        if self.errors:
            raise InputError(self.errors)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks and shows each option's default (when it has one)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            "%(default)" not in text
            and action.option_strings
            and default not in (None, False, argparse.SUPPRESS)
        ):
            text += " (default: %(default)s)"
        return text


# --- option types: argparse names the flag and exits 2 --------------------------------------


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", ".") if "." not in text else text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number (got {text!r})") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number (got {text!r})")
    return value


def non_negative(text: str) -> float:
    """A finite number >= 0."""
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0 (got {text!r})")
    return value


def positive(text: str) -> float:
    """A finite number > 0."""
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0 (got {text!r})")
    return value


def positive_int(text: str) -> int:
    """A whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1 (got {text!r})") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1 (got {text!r})")
    return value


def year_arg(text: str) -> int:
    """A calendar year 1900-2200."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year such as 2025 (got {text!r})") from None
    if not 1900 <= value <= 2200:
        raise argparse.ArgumentTypeError(f"expected a year 1900-2200 (got {text!r})")
    return value


def date_arg(text: str) -> dt.date:
    """An ISO date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD (got {text!r})") from None


def by_arg(text: str) -> tuple[str, ...]:
    """Employee grouping fields, comma-separated."""
    from asn_competency.domain.employee import GROUPING_FIELDS  # noqa: PLC0415

    fields = tuple(f.strip() for f in text.split(",") if f.strip())
    known = ", ".join(GROUPING_FIELDS)
    if not fields:
        raise argparse.ArgumentTypeError(f"expected one or more of {known} (got {text!r})")
    for f in fields:
        if f not in GROUPING_FIELDS:
            raise argparse.ArgumentTypeError(f"expected one or more of {known} (got {f!r})")
    if len(set(fields)) != len(fields):
        raise argparse.ArgumentTypeError(f"expected each field once (got {text!r})")
    return fields


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    """Refuse ``--end`` before ``--start``."""
    if start is not None and end is not None and end < start:
        raise UsageError(
            "--end", f"expected a date on or after --start {start.isoformat()} (got {end})"
        )


# --- output -----------------------------------------------------------------------------------


def output_options(p: argparse.ArgumentParser, *, table: bool = True) -> None:
    """Add ``--out`` and the CSV options every command shares."""
    what = "instead of a table" if table else ""
    p.add_argument(
        "-o",
        "--out",
        type=Path,
        metavar="FILE",
        help=f"write FILE.csv or FILE.json (by its extension) {what}".rstrip(),
    )
    p.add_argument(
        "--sep", choices=[",", ";"], default=",", metavar="SEP", help="CSV separator, ',' or ';'"
    )
    p.add_argument(
        "--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark (for Excel)"
    )
    p.add_argument(
        "--headers",
        choices=["en", "id"],
        default="en",
        help="column names in English or Indonesian (CSV and table)",
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:  # pragma: no cover - a file that vanished between the two calls
        return False


def _reason(e: OSError) -> str:
    return (e.strerror or type(e).__name__).lower()


def check_output(
    path: Path | None,
    inputs: Iterable[Path | None] = (),
    *,
    suffixes: Sequence[str] = (".csv", ".json"),
    flag: str = "--out",
) -> None:
    """Fail before any work when ``path`` cannot be written or would replace an input.

    Raises:
        UsageError: For a suffix not in ``suffixes`` or a path that is one of the inputs.
        OutputError: For a missing folder, a folder in the way or no permission.
    """
    if path is None:
        return
    if path.suffix.lower() not in suffixes:
        raise UsageError(
            flag, f"expected a file name ending in {' or '.join(suffixes)} (got {str(path)!r})"
        )
    for source in inputs:
        if source is not None and (
            _same_file(path, source) or path.resolve() == Path(source).resolve()
        ):
            raise UsageError(
                flag, f"{str(path)!r} is an input of this command; write to another file"
            )
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: no permission to replace this file")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: no permission to write in {str(folder)!r}")
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"{path}: cannot write in {str(folder)!r} ({_reason(e)})") from None
    os.close(handle)
    os.unlink(probe)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through an exclusive temporary file and a rename."""
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


HEADERS_ID: dict[str, str] = {
    "activities": "kegiatan",
    "activity_id": "id_kegiatan",
    "agency": "instansi",
    "answers": "jawaban",
    "as_of": "per_tanggal",
    "assessed": "dinilai",
    "available": "tersedia",
    "band": "kategori",
    "bench_strength": "kekuatan_suksesi",
    "beyond_noise": "melebihi_galat",
    "box": "kotak",
    "candidates": "kandidat",
    "change": "perubahan",
    "change_high": "perubahan_atas",
    "change_low": "perubahan_bawah",
    "code": "kode",
    "competency": "kompetensi",
    "competency_id": "kompetensi",
    "competency_ids": "kompetensi",
    "contribution": "kontribusi",
    "cost": "biaya",
    "count": "jumlah",
    "counted_jp": "jp_terhitung",
    "coverage": "cakupan",
    "covered": "kompetensi_tercakup",
    "cross_agency": "lintas_instansi",
    "cross_unit": "lintas_unit",
    "detail": "rincian",
    "direction": "arah",
    "discipline": "disiplin",
    "duplicates": "duplikat",
    "education": "pendidikan",
    "employment": "kepegawaian",
    "entries": "jumlah_catatan",
    "excluded": "dikecualikan",
    "experiential_jp": "jp_pengalaman",
    "formal_jp": "jp_formal",
    "from_round": "dari_putaran",
    "gap": "kesenjangan",
    "gap_closed": "kesenjangan_tertutup",
    "gaps": "kesenjangan",
    "group": "kelompok",
    "importance": "bobot",
    "incumbents": "pemangku",
    "jp": "jp",
    "jp_policy": "kebijakan_jp",
    "jpm": "jpm",
    "jpm_category": "kategori_jpm",
    "jpm_mapping": "kategori_pemetaan",
    "jpm_policies": "kebijakan_jpm",
    "jpm_selection": "kategori_seleksi",
    "key_positions": "jabatan_kunci",
    "kind": "jenis",
    "length": "panjang",
    "level": "tingkat",
    "mean": "rata_rata",
    "mean_gap": "rata_rata_kesenjangan",
    "mean_jp": "rata_rata_jp",
    "median_jp": "median_jp",
    "meeting": "memenuhi",
    "members": "anggota",
    "mentee": "mentee",
    "mentee_name": "nama_mentee",
    "mentees": "jumlah_mentee",
    "mentor": "mentor",
    "mentor_name": "nama_mentor",
    "met": "memenuhi",
    "min_group_size": "ukuran_kelompok_minimum",
    "minimum_jp": "jp_minimum",
    "move": "mutasi",
    "name": "nama",
    "nine_box_policy": "kebijakan_nine_box",
    "nip": "nip",
    "no_record": "tanpa_catatan",
    "no_target": "tanpa_target",
    "noise": "galat",
    "not_assessed": "belum_dinilai",
    "not_ready": "belum_siap",
    "nrr": "nrr",
    "people": "jumlah_orang",
    "people_total": "jumlah_pegawai",
    "performance": "kinerja",
    "period": "periode",
    "placed": "ditempatkan",
    "planned_jp": "jp_rencana",
    "policy": "kebijakan",
    "pool_policy": "kebijakan_talent_pool",
    "pools": "talent_pool",
    "position_id": "jabatan",
    "potential": "potensial",
    "potential_from": "dasar_potensial",
    "potential_policy": "kebijakan_potensial",
    "potential_score": "skor_potensial",
    "prior_jp": "jp_sebelumnya",
    "qualification": "kualifikasi",
    "rank": "peringkat",
    "readiness": "kesiapan",
    "ready_1_2_years": "siap_1_2_tahun",
    "ready_now": "siap_sekarang",
    "reason": "alasan",
    "recommendation": "rekomendasi",
    "relationships": "relasi",
    "required": "standar",
    "required_of": "diwajibkan",
    "round": "putaran",
    "route": "jalur",
    "rule": "aturan",
    "score": "skor",
    "selection_policy": "kebijakan_seleksi",
    "share_below": "porsi_di_bawah",
    "share_change": "perubahan_proporsi",
    "share_met": "proporsi_memenuhi",
    "short": "kurang",
    "short_by": "kekurangan_jp",
    "short_nips": "nip_kurang",
    "social_jp": "jp_sosial",
    "source": "asal",
    "standard": "standar",
    "status": "status",
    "succession_policy": "kebijakan_suksesi",
    "successor": "suksesor",
    "suppressed": "disembunyikan",
    "suppressed_groups": "kelompok_disembunyikan",
    "suppression_policy": "kebijakan_penyembunyian",
    "target": "tujuan",
    "target_jp": "target_jp",
    "tier": "jenjang",
    "title": "nama_jabatan",
    "to_round": "ke_putaran",
    "total": "total",
    "total_jp": "total_jp",
    "uncredited": "tanpa_jp",
    "unit": "unit_kerja",
    "weight": "bobot",
    "weighted": "nilai_tertimbang",
    "weighted_gap": "kesenjangan_tertimbang",
    "with_ready_successor": "dengan_suksesor_siap",
    "with_target": "bertarget",
    "without_ready_successor": "tanpa_suksesor_siap",
}
"""Indonesian column names for ``--headers id``; a name not listed stays as it is."""


def header_names(columns: Sequence[str], headers: str) -> list[str]:
    """The column names in the language asked for."""
    if headers == "id":
        return [HEADERS_ID.get(c, c) for c in columns]
    return list(columns)


def number_text(value: float) -> str:
    """A number as a person reads it: 2 decimals, thousands separated, huge ones in e-notation.

    Examples:
        >>> number_text(0.6666), number_text(3500000.0), number_text(1e30), number_text(75.0)
        ('0.67', '3,500,000', '1e+30', '75.00')
    """
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1e15:
        return f"{value:.4g}"
    if value.is_integer() and abs(value) >= 10_000:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def cell_text(value: object) -> str:  # noqa: PLR0911 - one answer per kind of value
    """How a value is shown in a table cell."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (tuple, list)):
        return "|".join(cell_text(v) for v in value) or "-"
    return str(value)


def display_width(text: str) -> int:
    """Columns a text takes on a terminal: wide (CJK, emoji) characters count 2, marks 0.

    Examples:
        >>> display_width("Budi"), display_width("王小明"), display_width("e\u0301")
        (4, 6, 1)
    """
    width = 0
    for c in text:
        if unicodedata.combining(c) or c in "\u200b\u200c\u200d\ufe0e\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return width


def _numeric(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def table_text(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """The lines of a table: headers, a rule, one line per row; numbers aligned right."""
    cells = [[cell_text(v) for v in row] for row in rows]
    clean = [[" ".join(c.split()) for c in row] for row in cells]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in clean])
        for i, h in enumerate(columns)
    ]
    right = [
        bool(rows) and all(_numeric(r[i]) or r[i] is None for r in rows)
        for i in range(len(columns))
    ]

    def line(texts: Sequence[str]) -> str:
        parts = []
        for text, w, r in zip(texts, widths, right, strict=True):
            pad = " " * (w - display_width(text))
            parts.append(pad + text if r else text + pad)
        return "  ".join(parts).rstrip()

    return [line(list(columns)), "  ".join("-" * w for w in widths), *(line(r) for r in clean)]


def json_value(value: object) -> object:
    """A value as JSON data: dates ISO, enums by value, other objects through the JSON module."""
    if isinstance(value, (tuple, list)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return to_data(value)


@attrs.define
class Result:
    """What a command produced: a table, facts about it, and lines for the reader.

    Args:
        columns: The column names (English; ``--headers id`` translates them).
        rows: One sequence of values per row.
        meta: Facts about the whole result (policy, totals, what was skipped):
            all of them go to JSON; the single values also become columns of CSV output.
        summary: Lines printed after the table (to stderr when writing a file).
    """

    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    meta: dict[str, object] = attrs.Factory(dict)
    summary: list[str] = attrs.Factory(list)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made inert by a leading quote.

    Numbers stay numbers; only texts (names, units, ids from the inputs) are changed.

    Examples:
        >>> inert("=SUM(A1:A9)"), inert("Budi"), inert(-0.5)
        ("'=SUM(A1:A9)", 'Budi', -0.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, tuple):
        return tuple(inert(v) for v in value)
    return value


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, dt.date, enum.Enum))


def emit(result: Result, args: argparse.Namespace) -> None:
    """Print ``result`` as a table, or write it to ``args.out`` as CSV or JSON."""
    out: Path | None = getattr(args, "out", None)
    headers: str = getattr(args, "headers", "en")
    if out is None:
        for text in table_text(header_names(result.columns, headers), result.rows):
            print(text)
        for text in result.summary:
            print(text)
        return
    if out.suffix.lower() == ".csv":
        from asn_competency.io.csv import write_csv_rows  # noqa: PLC0415

        extra = [k for k, v in result.meta.items() if _scalar(v)]
        columns = header_names([*result.columns, *extra], headers)
        tail = [result.meta[k] for k in extra]
        write_csv_rows(
            out,
            columns,
            ([inert(v) for v in (*row, *tail)] for row in result.rows),
            sep=getattr(args, "sep", ","),
            bom=getattr(args, "bom", False),
        )
    else:
        records = [
            {c: json_value(v) for c, v in zip(result.columns, row, strict=True)}
            for row in result.rows
        ]
        doc = {**{k: json_value(v) for k, v in result.meta.items()}, "rows": records}
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        write_bytes(out, text.encode("utf-8"))
    for text in result.summary:
        print(text, file=sys.stderr)
    print(f"wrote {len(result.rows)} rows to {out}", file=sys.stderr)


class Progress:
    """A progress line on stderr, shown only on a terminal and after a delay."""

    def __init__(self, what: str, *, delay: float = 1.0, stream: Any = None) -> None:
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.delay = delay
        self.last = 0.0
        self.shown = False

    def __call__(self, count: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < 0.2:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r{self.what}: {count:,} rows ({now - self.start:.0f} s)")
        self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def listed(items: Sequence[str], limit: int = 10) -> str:
    """Up to ``limit`` items joined by commas, then how many more."""
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} and {len(items) - limit} more"
