"""Domain objects to and from pandas DataFrames (needs the ``pandas`` extra).

:func:`assessments_to_dataframe` and :func:`employees_to_dataframe` give one row
per object with the CSV column names; dates are ``datetime64``.
:func:`from_dataframe` reads any tabular kind from a DataFrame with the CSV
readers' column sets, aliases, ``columns=`` mapping and all-or-nothing errors,
each placed by the row's index label and the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from asn_competency import _lazy
from asn_competency.domain.assessment import Assessment
from asn_competency.domain.employee import Employee
from asn_competency.errors import ValidationError
from asn_competency.io import csv as _csv
from asn_competency.io._rows import RowSource, cell_text
from asn_competency.io.csv import _ASSESSMENT_COLUMNS, _EMPLOYEE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DATAFRAME_KINDS",
    "assessments_to_dataframe",
    "employees_to_dataframe",
    "from_dataframe",
]

DATAFRAME_KINDS = (
    "activities",
    "assessments",
    "employees",
    "enrolments",
    "framework",
    "skm",
    "standards",
)
"""The kinds :func:`from_dataframe` reads (the CSV kinds and SKM answers)."""


def from_dataframe(
    kind: str, df: pd.DataFrame, *, columns: Mapping[str, str] | None = None, **options: Any
) -> Any:
    """Read a tabular kind from a DataFrame, as the CSV reader of that kind reads a file.

    Cells may be texts, NumPy numbers, dates, ``pd.Timestamp`` or missing
    (``NaN``, ``None``, ``pd.NA``, ``NaT``); a NIP column may hold texts or
    whole numbers (``int64``), not floats, which have lost digits.

    Args:
        kind: One of :data:`DATAFRAME_KINDS`.
        df: The table, one row per record; headers as in ``docs/interchange.md``.
        columns: ``{header in the frame: column name}`` for headers of your own,
            for example ``{"NIP Baru": "nip"}``.
        **options: The reader's own keywords (``framework=``, ``nips=``,
            ``framework_id=``, ``policy=`` ...).

    Returns:
        What the CSV reader returns: a tuple of records, a framework, or SKM answers.

    Raises:
        CsvError: Listing every bad row, by the row's index label and the column.
        ValidationError: For an unknown kind, a ``columns=`` name the kind lacks,
            or something other than a DataFrame.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"NIP Baru": [199001012015031001], "Kompetensi": ["MJ.KOM"],
        ...                    "Tingkat": [3], "Tanggal": [pd.Timestamp("2024-05-01")]})
        >>> [(a.nip, a.level) for a in from_dataframe("assessments", df,
        ...                                           columns={"NIP Baru": "nip"})]
        [('199001012015031001', 3)]
        >>> df.loc[0, "Tingkat"] = -1
        >>> from_dataframe("assessments", df, columns={"NIP Baru": "nip"})
        Traceback (most recent call last):
        ...
        asn_competency.io.csv.CsvError: <DataFrame>: 1 problem
          row 0, column 'Tingkat': expected a whole number >= 0 (got -1)
    """
    readers: dict[str, Callable[..., Any]] = {
        "activities": _csv.read_activities,
        "assessments": _csv.read_assessments,
        "employees": _csv.read_employees,
        "enrolments": _csv.read_enrolments,
        "framework": _csv.read_framework,
        "skm": _csv.read_skm_responses,
        "standards": _csv.read_standards,
    }
    if kind not in readers:
        names = ", ".join(repr(k) for k in DATAFRAME_KINDS)
        raise ValidationError("kind", f"one of {names}", kind)
    _lazy.require("pandas")
    import pandas as pd  # noqa: PLC0415 - pandas is optional and heavy

    if not isinstance(df, pd.DataFrame):
        raise ValidationError("df", "a pandas DataFrame", df)
    source = _frame_rows(df)
    return readers[kind](cast("Any", source), columns=columns, **options)


def _frame_rows(df: pd.DataFrame) -> RowSource:
    header = [str(h) for h in df.columns]
    labels = list(df.index)
    floats_in_nip = {
        str(h) for h in df.columns if str(h).strip().lower() == "nip" and df[h].dtype.kind == "f"
    }
    bad: dict[int, list[tuple[str, str, object]]] = {}

    def rows() -> Iterable[tuple[int, list[str]]]:
        for pos, values in enumerate(df.itertuples(index=False, name=None)):
            line = pos + 2
            cells = []
            for h, v in zip(header, values, strict=True):
                if h in floats_in_nip and cell_text(v):
                    bad.setdefault(line, []).append(
                        (h, "a NIP as text or a whole number (a float has lost digits)", v)
                    )
                cells.append(cell_text(v))
            yield line, cells

    def locate(line: int, column: str | None) -> str:
        label = labels[line - 2]
        return f"row {label}" if column is None else f"row {label}, column {column!r}"

    return RowSource("<DataFrame>", header, rows(), locate, bad=bad)


# ---------------------------------------------------------------------------
# pandas.


def assessments_to_dataframe(assessments: Iterable[Assessment]) -> pd.DataFrame:
    """Return a DataFrame with one row per assessment (pandas is imported here).

    Columns follow the CSV column set; ``assessed_on`` is a datetime column and
    ``source`` holds the enum values.

    Raises:
        ValidationError: For a date outside 1677-09-22 .. 2262-04-11, the days a
            ``datetime64[ns]`` column holds.

    Examples:
        >>> import datetime as dt
        >>> a = Assessment(nip="199001012015031001", competency_id="MJ.KOM", level=3,
        ...                assessed_on=dt.date(2024, 5, 1))
        >>> df = assessments_to_dataframe([a])
        >>> int(df.loc[0, "level"]), str(df["assessed_on"].dtype)
        (3, 'datetime64[ns]')
    """
    _lazy.require("pandas")
    import pandas as pd  # noqa: PLC0415 - pandas is optional and heavy

    names = [c.name for c in _ASSESSMENT_COLUMNS]
    df = pd.DataFrame(
        [
            (a.nip, a.competency_id, a.level, a.assessed_on, a.source.value, a.assessor, a.evidence)
            for a in assessments
        ],
        columns=names,
    )
    df["level"] = df["level"].astype("int64")
    _check_frame_dates("assessed_on", df["assessed_on"])
    df["assessed_on"] = pd.to_datetime(df["assessed_on"]).astype("datetime64[ns]")
    return df


def employees_to_dataframe(employees: Iterable[Employee]) -> pd.DataFrame:
    """Return a DataFrame with one row per employee (pandas is imported here).

    Enums become their values, the golongan its text and dates datetimes
    (missing ones ``NaT``).

    Raises:
        ValidationError: For a date outside 1677-09-22 .. 2262-04-11, the days a
            ``datetime64[ns]`` column holds.

    Examples:
        >>> from asn_competency import Employee
        >>> e = Employee(nip="199001012015031001", name="Budi", tier="pelaksana")
        >>> employees_to_dataframe([e])[["nip", "tier", "status"]].values.tolist()
        [['199001012015031001', 'pelaksana', 'pns']]
    """
    _lazy.require("pandas")
    import pandas as pd  # noqa: PLC0415 - pandas is optional and heavy

    names = [c.name for c in _EMPLOYEE_COLUMNS]
    df = pd.DataFrame(
        [[_frame_value(getattr(e, n)) for n in names] for e in employees], columns=names
    )
    for name in ("hired_on", "position_since"):
        _check_frame_dates(name, df[name])
        df[name] = pd.to_datetime(df[name]).astype("datetime64[ns]")
    return df


# The days a datetime64[ns] column can hold.
_FRAME_FIRST_DAY = dt.date(1677, 9, 22)


_FRAME_LAST_DAY = dt.date(2262, 4, 11)


def _check_frame_dates(field: str, values: Iterable[object]) -> None:
    """Name the first date a datetime64[ns] column cannot hold (pandas would raise)."""
    for i, value in enumerate(values):
        if isinstance(value, dt.date) and not _FRAME_FIRST_DAY <= value <= _FRAME_LAST_DAY:
            raise ValidationError(
                f"{field}[{i}]",
                f"a date from {_FRAME_FIRST_DAY} to {_FRAME_LAST_DAY} (a pandas datetime column)",
                value,
            )


def _frame_value(value: object) -> object:
    enum_value = getattr(value, "value", None)
    return enum_value if isinstance(enum_value, str) else value
