"""Domain objects as pandas DataFrames (needs the ``pandas`` extra).

:func:`assessments_to_dataframe` and :func:`employees_to_dataframe` give one row
per object with the CSV column names; dates are ``datetime64``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from asn_competency import _lazy
from asn_competency.domain.assessment import Assessment
from asn_competency.domain.employee import Employee
from asn_competency.errors import ValidationError
from asn_competency.io.csv import _ASSESSMENT_COLUMNS, _EMPLOYEE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["assessments_to_dataframe", "employees_to_dataframe"]


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
