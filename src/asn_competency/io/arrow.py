r"""A fast columnar intake: CSV or Parquet straight into arrays (needs the ``arrow`` extra).

:func:`read_gap_columns` reads an assessment file with pyarrow and checks it
column by column (each distinct NIP, competency id and date once, levels as one
array), keeps each person's latest assessment of each competency, and returns
:class:`~asn_competency.gaps.columnar.GapColumns` for
:func:`~asn_competency.gaps.columnar.analyse_columns`: no
:class:`~asn_competency.domain.assessment.Assessment` object is built.
:func:`read_skm_table` reads survey answers into the array that
:func:`~asn_competency.evaluation.skm.skm_index` takes.

Headers follow the CSV column sets (English or Indonesian, any case) and the
``columns=`` mapping; a bad file raises one
:class:`~asn_competency.io.csv.CsvError` naming up to 20 bad rows by line and
column, and nothing is returned.

Examples:
    >>> import pathlib, tempfile
    >>> from asn_competency.gaps.columnar import analyse_columns
    >>> from asn_competency.domain.position import PositionStandard, Requirement
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "penilaian.csv"
    >>> _ = path.write_text("nip;kompetensi;tingkat;tanggal\n"
    ...     "199001012015031001;MJ.KOM;2;2024-05-01\n"
    ...     "199001012015031001;MJ.KOM;3;2025-05-01\n"
    ...     "199001012015031001;MJ.PP;3;2025-05-01\n", encoding="utf-8")
    >>> std = PositionStandard(position_id="FO", framework_id="asn-national", requirements=[
    ...     Requirement(competency_id="MJ.KOM", level=3),
    ...     Requirement(competency_id="MJ.PP", level=4)])
    >>> cols = read_gap_columns(path, std)
    >>> cols.level.tolist(), float(analyse_columns(cols).jpm[0])
    ([3.0, 3.0], 85.71428571428571)
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_competency import _lazy, _validate
from asn_competency.domain.assessment import AssessmentSource
from asn_competency.domain.employee import parse_nip
from asn_competency.domain.position import PositionStandard
from asn_competency.errors import AsnCompetencyError, ValidationError
from asn_competency.gaps.columnar import GapColumns
from asn_competency.io.csv import (
    _ASSESSMENT_COLUMNS,
    CsvError,
    CsvProblem,
    _BadCellError,
    _check_rename,
    _date,
    _norm,
    _source,
)
from asn_competency.policies.combination import COMBINATION_DEFAULT, CombinationPolicy

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from asn_competency.policies.skm import SkmPolicy

__all__ = ["read_gap_columns", "read_skm_table"]

_MAX_PROBLEMS = 20


def _read_table(
    path: str | Path, wanted: dict[str, str], numbers: tuple[str, ...] = ()
) -> tuple[Any, dict[str, str]]:
    """Read a file; return the table and {column name: header in the file}.

    Known text columns come as dictionary arrays (each distinct text once); the
    columns named in ``numbers`` as int64 when every cell is a whole number, else
    as texts (then the caller names the bad cells).
    """
    _lazy.require("pyarrow")
    import pyarrow as pa  # noqa: PLC0415 - the arrow extra
    import pyarrow.csv as pacsv  # noqa: PLC0415

    source = str(path)
    try:
        if Path(path).suffix.lower() == ".parquet":
            import pyarrow.parquet as pq  # noqa: PLC0415

            table = pq.read_table(path)
        else:
            with Path(path).open("rb") as f:
                first = f.readline().decode("utf-8-sig", errors="replace")
            sep = ";" if first.count(";") > first.count(",") else ","
            header = next(csv.reader([first], delimiter=sep), [])
            text = pa.dictionary(pa.int32(), pa.string())
            types = dict.fromkeys(header, text)
            for h in header:
                if wanted.get(_norm(h)) in numbers:
                    types[h] = pa.int64()

            def read(column_types: dict[str, Any]) -> Any:
                return pacsv.read_csv(
                    path,
                    parse_options=pacsv.ParseOptions(delimiter=sep),
                    convert_options=pacsv.ConvertOptions(
                        column_types=column_types, strings_can_be_null=False
                    ),
                    read_options=pacsv.ReadOptions(block_size=1 << 23),
                )

            try:
                table = read(types)
            except pa.ArrowInvalid:
                table = read(dict.fromkeys(header, text))  # a cell that is not a number
    except (OSError, pa.ArrowException) as e:
        problem = CsvProblem(0, None, "a readable CSV or Parquet file", str(e))
        raise CsvError([problem], source) from None
    found: dict[str, str] = {}
    for name in table.column_names:
        known = wanted.get(_norm(name))
        if known is not None and known not in found:
            found[known] = name
    return table, found


def _aliases(rename: Mapping[str, str] | None) -> dict[str, str]:
    wanted: dict[str, str] = {}
    for col in _ASSESSMENT_COLUMNS:
        for n in (col.name, *col.aliases):
            wanted.setdefault(_norm(n), col.name)
    wanted.update(_check_rename(rename, _ASSESSMENT_COLUMNS, "assessments"))
    return wanted


def _texts(table: Any, header: str) -> Any:
    """A column as texts without surrounding spaces (missing cells empty)."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    column = table.column(header)
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    elif not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string())
    return pc.utf8_trim_whitespace(pc.fill_null(column, ""))


def _codes(
    table: Any,
    header: str,
    check: Any,
    problems: list[CsvProblem],
    passes: Any = None,
) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """Codes of a text column and its distinct values, each checked once (after stripping).

    ``passes(dictionary)`` may mark, in one vectorised pass, the values that
    ``check`` would keep unchanged; only the others are checked one by one.
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    column = table.column(header)
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(_texts(table, header))
    encoded = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if encoded.null_count:
        encoded = pc.fill_null(encoded.cast(pa.string()), "").dictionary_encode()
    values = encoded.dictionary.to_pylist()
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    fine = [False] * len(values) if passes is None else passes(encoded.dictionary)
    checked: list[Any] = []
    for i, raw in enumerate(values):
        if fine[i]:
            checked.append(raw)
            continue
        value = raw.strip() if isinstance(raw, str) else raw
        try:
            checked.append(check(value))
        except (AsnCompetencyError, _BadCellError) as e:
            checked.append(None)
            expected = e.expected if isinstance(e, (_BadCellError, ValidationError)) else str(e)
            got = e.got if isinstance(e, ValidationError) else value
            for row in np.flatnonzero(codes == i)[: _MAX_PROBLEMS - len(problems)]:
                problems.append(CsvProblem(int(row) + 2, header, expected, got))
    return codes, checked


def _clean_nips(values: Any) -> list[bool]:
    """Which texts are valid NIPs as written (18 digits, no spaces), checked as arrays.

    The same rules as :func:`~asn_competency.domain.employee.parse_nip`: digits
    1-8 a birth date, digits 9-12 a year at least 15 years later and not after
    next year, digit 15 the gender (1 or 2), a sequence of 001 or more. Any
    other text goes to ``parse_nip`` itself, which names what is wrong.
    """
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    digits = pc.match_substring_regex(values, r"^[0-9]{18}$")
    safe = pc.if_else(digits, values, "190001010000000000")

    def part(start: int, stop: int) -> Any:
        return pc.utf8_slice_codeunits(safe, start, stop)

    birth = pc.strptime(part(0, 8), format="%Y%m%d", unit="s", error_is_null=True)
    year = pc.cast(part(8, 12), pa.int32())
    born = pc.fill_null(pc.year(birth), 9999)
    ok = pc.and_(digits, pc.is_valid(birth))
    ok = pc.and_(ok, pc.greater_equal(pc.subtract(year, pc.cast(born, pa.int32())), 15))
    ok = pc.and_(ok, pc.less_equal(year, dt.date.today().year + 1))
    ok = pc.and_(ok, pc.is_in(part(14, 15), value_set=pa.array(["1", "2"])))
    ok = pc.and_(ok, pc.not_equal(part(15, 18), "000"))
    flags: list[bool] = ok.to_pylist()
    return flags


def _nip(value: str) -> str:
    if not value:
        raise ValidationError("nip", "a value", value)
    return parse_nip(value).value


def _competency(value: str) -> str:
    if not value:
        raise ValidationError("competency_id", "a value", value)
    _validate.identifier(None, _ID_FIELD, value)
    return value


class _IdField:
    name = "competency_id"


_ID_FIELD: Any = _IdField()


def _assessment_source(value: str) -> AssessmentSource:
    try:
        return AssessmentSource(_source(value or "assessment_centre"))
    except ValueError:
        choices = ", ".join(repr(m.value) for m in AssessmentSource)
        raise ValidationError("source", f"one of {choices}", value) from None


def _day(value: str) -> dt.date:
    if not value:
        raise _BadCellError("a value")
    day = _date(value)
    if day > dt.date.today():
        raise _BadCellError(f"a date not after today ({dt.date.today()})")
    return day


def read_gap_columns(
    path: str | Path,
    standard: PositionStandard,
    *,
    columns: Mapping[str, str] | None = None,
    combination: CombinationPolicy = COMBINATION_DEFAULT,
) -> GapColumns:
    """Read an assessment CSV or Parquet file into gap columns against one standard.

    Every person in the file gets one row per requirement of ``standard``: the
    level of their latest assessment of that competency (same-day ties go to
    the source ``combination`` trusts most, then to the higher level), or NaN
    when not assessed. Assessments of competencies outside the standard are
    checked and left out.

    Args:
        path: The file (``.parquet``, else CSV separated by ``,`` or ``;``).
        standard: The standard everyone is compared with.
        columns: ``{header in the file: column name}`` for headers of your own.
        combination: Its source priority breaks same-day ties (only the
            ``latest`` rule is computed here).

    Returns:
        The columns, people in order of their NIPs.

    Raises:
        CsvError: For a missing column or bad cells (up to 20, by line and column).
        ValidationError: For a combination rule other than ``latest``.
        MissingExtraError: Without the ``arrow`` extra.
    """
    import numpy as np  # noqa: PLC0415

    if combination.rule.value != "latest":
        raise ValidationError("combination", "a policy with the 'latest' rule", combination.rule)
    source = str(path)
    table, found = _read_table(path, _aliases(columns), numbers=("level",))
    missing = [c for c in _ASSESSMENT_COLUMNS if c.required and c.name not in found]
    if missing:
        given = ", ".join(table.column_names)
        raise CsvError(
            [
                CsvProblem(
                    1, None, f"a column {', '.join(repr(n) for n in (c.name, *c.aliases))}", given
                )
                for c in missing
            ],
            source,
        )
    problems: list[CsvProblem] = []

    def column(
        name: str, check: Any, passes: Any = None
    ) -> tuple[npt.NDArray[np.int64], list[Any]]:
        return _codes(table, found[name], check, problems, passes)

    nip_codes, nips = column("nip", _nip, _clean_nips)
    cid_codes, cids = column("competency_id", _competency)
    day_codes, days = column("assessed_on", _day)
    levels = _levels(table, found["level"], problems)
    rank = np.zeros(len(nip_codes), dtype=np.int64)
    if "source" in found:

        def priority(value: str) -> int:
            return combination.priority(_assessment_source(value))

        src_codes, srcs = column("source", priority)
        rank = np.asarray([-1 if s is None else s for s in srcs], dtype=np.int64)[src_codes]
    order = [*table.column_names, None]
    if problems:
        raise CsvError(
            sorted(problems, key=lambda p: (p.line, order.index(p.column)))[:_MAX_PROBLEMS], source
        )
    # Distinct NIPs written two ways (with spaces) are one person.
    people_array, where = np.unique(np.asarray(nips, dtype=str), return_inverse=True)
    people = people_array.tolist()
    person = np.asarray(where, dtype=np.int64).reshape(-1)[nip_codes]
    req_ids = [r.competency_id for r in standard.requirements]
    req_index = {c: i for i, c in enumerate(req_ids)}
    comp_of = np.asarray([req_index.get(c, -1) for c in cids], dtype=np.int64)
    comp = comp_of[cid_codes]
    ordinal = np.asarray([d.toordinal() for d in days], dtype=np.int64)[day_codes]
    keep = comp >= 0
    person, comp, ordinal, levels, rank = (
        person[keep],
        comp[keep],
        ordinal[keep],
        levels[keep],
        rank[keep],
    )
    nreq = len(req_ids)
    pair = person * nreq + comp
    # One sort key: pair, then day, then the most trusted source (lowest rank), then level;
    # the last row of each pair is its latest assessment. Levels above 2**16 and ranks
    # above 2**4 do not occur (a scale has a few levels, a policy five sources).
    day = ordinal - (ordinal.min() if len(ordinal) else 0)
    key = ((pair << 20 | day) << 4 | (15 - np.minimum(rank, 15))) << 16 | np.minimum(
        levels, 65535
    ).astype(np.int64)
    order_rows = np.argsort(key, kind="stable")
    sorted_pair = pair[order_rows]
    last = np.ones(len(order_rows), dtype=bool)
    last[:-1] = sorted_pair[1:] != sorted_pair[:-1]
    grid = np.full(len(people) * nreq, np.nan)
    grid[sorted_pair[last]] = levels[order_rows[last]]
    required = np.asarray([r.level for r in standard.requirements], dtype=np.int64)
    importance = np.asarray([r.importance for r in standard.requirements], dtype=np.float64)
    return GapColumns(
        person=np.repeat(np.arange(len(people), dtype=np.int64), nreq),
        competency=np.tile(np.arange(nreq, dtype=np.int64), len(people)),
        required=np.tile(required, len(people)),
        importance=np.tile(importance, len(people)),
        level=grid,
        nips=people,
        competency_ids=req_ids,
    )


def _levels(table: Any, header: str, problems: list[CsvProblem]) -> npt.NDArray[np.float64]:
    """The level column as floats; a cell that is not a whole number >= 0 is a problem."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    column = table.column(header)
    if pa.types.is_integer(column.type):
        values = np.asarray(column.to_numpy(), dtype=np.float64)  # a missing cell is NaN
        for row in np.flatnonzero(np.isnan(values) | (values < 0))[:_MAX_PROBLEMS].tolist():
            if np.isnan(values[row]):
                problems.append(CsvProblem(row + 2, header, "a value", ""))
            else:
                problems.append(
                    CsvProblem(row + 2, header, "a whole number >= 0", int(values[row]))
                )
        return values
    text = _texts(table, header)
    ok = pc.match_substring_regex(text, r"^\+?[0-9]{1,9}$")
    values = np.asarray(
        pc.cast(pc.if_else(ok, text, "0"), "int64").to_numpy(zero_copy_only=False), dtype=np.float64
    )
    bad = np.flatnonzero(~np.asarray(ok.to_numpy(zero_copy_only=False), dtype=bool))
    cells = text.take(bad[:_MAX_PROBLEMS]).to_pylist() if len(bad) else []
    for row, cell in zip(bad[:_MAX_PROBLEMS].tolist(), cells, strict=True):
        expected = (
            "a value"
            if not cell
            else ("a whole number >= 0" if cell.lstrip("-").isdigit() else "a whole number")
        )
        problems.append(CsvProblem(row + 2, header, expected, cell))
    return values


def read_skm_table(
    path: str | Path,
    *,
    policy: SkmPolicy | None = None,
    columns: Mapping[str, str] | None = None,
) -> npt.NDArray[np.float64]:
    """Read survey answers into one row per respondent, one column per element (NaN if missing).

    Args:
        path: A CSV or Parquet file with a column per element code (``U1`` .. ``U9``).
        policy: Whose element codes name the columns (``SKM_PERMENPANRB_14_2017`` by default).
        columns: ``{header in the file: element code}``.

    Returns:
        The answers in the policy's element order, for
        :func:`~asn_competency.evaluation.skm.skm_index` (which applies the
        policy's rule to missing and out-of-range answers).

    Raises:
        CsvError: For a missing element column or an answer that is not a number.
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    from asn_competency.io.csv import _skm_policy  # noqa: PLC0415

    pol = _skm_policy(policy)
    wanted = {_norm(c): c for c in pol.codes}
    if columns is not None:
        for header, code in columns.items():
            if code not in pol.codes:
                raise ValidationError(f"columns[{header}]", f"an element code of {pol.name}", code)
            wanted[_norm(header)] = code
    table, found = _read_table(path, wanted)
    source = str(path)
    missing = [c for c in pol.codes if c not in found]
    if missing:
        raise CsvError(
            [
                CsvProblem(1, None, f"a column {c!r}", ", ".join(table.column_names))
                for c in missing
            ],
            source,
        )
    out = np.empty((table.num_rows, len(pol.codes)), dtype=np.float64)
    problems: list[CsvProblem] = []
    for j, code in enumerate(pol.codes):
        text = _texts(table, found[code])
        ok = pc.match_substring_regex(text, r"^(\+|-)?[0-9]{1,9}$|^$")
        bad = np.flatnonzero(~np.asarray(ok.to_numpy(zero_copy_only=False), dtype=bool))
        for row in bad[: _MAX_PROBLEMS - len(problems)].tolist():
            problems.append(CsvProblem(row + 2, found[code], "a whole number", text[row].as_py()))
        filled = pc.if_else(pc.equal(text, ""), None, pc.if_else(ok, text, None))
        out[:, j] = np.asarray(pc.cast(filled, "float64").to_numpy(zero_copy_only=False))
    if problems:
        raise CsvError(problems, source)
    return out
