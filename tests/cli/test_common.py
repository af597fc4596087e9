import argparse
import io
from pathlib import Path

import pytest

from asn_competency.cli import _common
from asn_competency.cli._common import (
    Progress,
    Result,
    by_arg,
    cell_text,
    display_width,
    emit,
    table_text,
)


def test_csv_cells_never_carry_a_live_formula(tmp_path: Path) -> None:
    """A name that a spreadsheet would run is written with a leading quote; numbers are kept."""
    out = tmp_path / "x.csv"
    args = argparse.Namespace(out=out, sep=",", bom=False, headers="en")
    emit(Result(["name", "gap"], [["=1+1", -0.5], ["@cmd", 1.0]], {"note": "+x"}), args)
    assert out.read_text(encoding="utf-8").splitlines() == [
        "name,gap,note",
        "'=1+1,-0.5,'+x",
        "'@cmd,1,'+x",
    ]


def test_table_alignment_counts_terminal_columns() -> None:
    """Wide characters take two columns, combining marks none; numbers align right."""
    lines = table_text(["name", "n"], [["王", 1], ["e\u0301e", 10]])
    assert lines == ["name   n", "----  --", "王     1", "e\u0301e    10"]
    assert {display_width(line) for line in lines} == {8}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "-"),
        (True, "yes"),
        (False, "no"),
        (0.5, "0.50"),
        (1234567.0, "1,234,567"),
        (1e30, "1e+30"),
        (float("inf"), "inf"),
        ((), "-"),
        (("a", "b"), "a|b"),
    ],
)
def test_cells(value: object, text: str) -> None:
    """Each kind of value has one way of being shown."""
    assert cell_text(value) == text


def test_by_fields_are_checked() -> None:
    """--by takes known fields, each once."""
    assert by_arg("agency, unit") == ("agency", "unit")
    for bad in ("", "unit,unit", "room"):
        with pytest.raises(argparse.ArgumentTypeError):
            by_arg(bad)


def test_progress_only_on_a_terminal_after_a_delay() -> None:
    """Progress is written to a terminal after the delay, and never to a pipe."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    progress = Progress("reading a.csv", delay=0.0, stream=tty)
    progress(10_000)
    progress.done()
    assert tty.getvalue().startswith("\rreading a.csv: 10,000 rows")
    assert tty.getvalue().endswith("\n")
    pipe = io.StringIO()
    quiet = Progress("reading a.csv", delay=0.0, stream=pipe)
    quiet(10_000)
    quiet.done()
    assert pipe.getvalue() == ""
    slow = Progress("x", delay=60.0, stream=Tty())
    slow(1)
    assert not slow.shown


def test_json_values() -> None:
    """Non-finite numbers become null; mappings keep their keys as text."""
    assert _common.json_value({1: float("nan"), "a": (1, 2)}) == {"1": None, "a": [1, 2]}
