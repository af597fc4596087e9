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


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (_common.non_negative, "x"),
        (_common.non_negative, "inf"),
        (_common.positive, "-1"),
        (_common.positive_int, "1.5"),
        (_common.positive_int, "0"),
        (_common.year_arg, "1800"),
        (_common.year_arg, "soon"),
        (_common.date_arg, "2025-13-01"),
    ],
)
def test_option_types_refuse_bad_values(parse: object, text: str) -> None:
    """Each option type refuses what it cannot take (argparse then exits 2 naming the flag)."""
    with pytest.raises(argparse.ArgumentTypeError):
        parse(text)  # type: ignore[operator]


def test_option_types_take_good_values() -> None:
    """Decimal commas are read as spreadsheets write them."""
    assert _common.positive("2,5") == 2.5
    assert _common.non_negative("0") == 0.0
    assert _common.positive_int("3") == 3
    assert _common.year_arg("2025") == 2025


def test_an_output_folder_that_refuses_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no file can be made in the folder, the reason is given in words, without errno."""

    def refuse(*_a: object, **_k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(_common.OutputError, match=r"cannot write in .* \(permission denied\)$"):
        _common.check_output(tmp_path / "x.csv")
    assert _common._reason(OSError()) == "oserror"


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the rename fails, the temporary file is removed and the error goes on."""

    def fail(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError, match="No space"):
        _common.write_bytes(tmp_path / "x.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_dates_enums_and_objects() -> None:
    """Dates are ISO, enums their value, domain objects their JSON data."""
    import datetime as dt  # noqa: PLC0415

    from asn_competency import Employee, PositionTier  # noqa: PLC0415

    assert cell_text(dt.date(2025, 1, 2)) == "2025-01-02"
    assert cell_text(PositionTier.PENGAWAS) == "pengawas"
    assert _common.json_value(dt.date(2025, 1, 2)) == "2025-01-02"
    assert _common.json_value(PositionTier.PENGAWAS) == "pengawas"
    e = Employee(nip="199001012015031001", name="Budi")
    assert _common.json_value(e)["name"] == "Budi"  # type: ignore[index]
