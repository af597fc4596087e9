"""The package-private display helpers and the NumPy/pandas scalar converter."""

import datetime as dt
import enum

import attrs
import numpy as np
import pandas as pd

from asn_competency import _validate


class Colour(str, enum.Enum):
    RED = "red"


@attrs.frozen
class Row:
    name: str
    colour: Colour | None


@attrs.frozen
class Table:
    title: str
    rows: tuple[Row, ...]
    __repr__ = _validate.brief_repr("title", counts=("rows",))
    _repr_html_ = _validate.html_summary("title", table="rows", columns=("name", "colour"))


def test_a_brief_repr_counts_and_shows_enum_values() -> None:
    """A repr of one line: figures, enum values, sizes of collections."""
    table = Table("<b>", tuple(Row(f"r{i}", Colour.RED) for i in range(25)))
    assert repr(table) == "Table(title='<b>', rows=25)"
    assert _validate.brief_repr("colour")(Row("x", Colour.RED)) == "Row(colour='red')"


def test_html_escapes_and_says_how_many_rows_are_left_out() -> None:
    """Texts are escaped; past 20 rows the table says how many more there are."""
    table = Table("<b>", tuple(Row(f"r{i}", Colour.RED if i else None) for i in range(25)))
    html = table._repr_html_()
    assert "<li>title: &lt;b&gt;</li>" in html
    assert "<tr><td>r0</td><td></td></tr>" in html
    assert "<tr><td>r1</td><td>red</td></tr>" in html
    assert "<p>... 5 more rows</p>" in html
    assert "r20" not in html


def test_typed_frame_gives_each_column_a_real_dtype() -> None:
    """Numbers numeric with NaN, booleans, dates, enums by value, texts and empty columns."""
    rows: list[dict[str, object]] = [
        {"n": 1.5, "b": True, "d": dt.date(2024, 1, 2), "e": Colour.RED, "t": "x", "z": None},
        {"n": None, "b": None, "d": None, "e": Colour.RED, "t": "y", "z": None},
    ]
    df = _validate.typed_frame(rows, ["n", "b", "d", "e", "t", "z"])
    assert [str(t) for t in df.dtypes] == [
        "float64",
        "boolean",
        "datetime64[ns]",
        "object",
        "object",
        "object",
    ]
    assert df["e"].tolist() == ["red", "red"]


def test_plain_turns_numpy_and_pandas_scalars_into_python_values() -> None:
    """Scalars become Python values; missing ones None; a timestamp with a time stays one."""
    assert _validate.plain(np.float64(2.5)) == 2.5
    assert _validate.plain(np.datetime64("NaT")) is None
    assert _validate.plain(pd.NA) is None
    stamp = pd.Timestamp("2024-03-01 09:30", tz="Asia/Jakarta")
    assert isinstance(_validate.plain(stamp), dt.datetime)
    array = np.array([1, 2])
    assert _validate.plain(array) is array
    assert _validate.plain_or_none(float("nan")) is None
