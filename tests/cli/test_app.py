import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asn_competency.cli import app as cli
from asn_competency.cli import demo as cli_demo
from asn_competency.cli.app import COMMANDS, main
from tests.cli.helpers import DEDI, gap_args, run_cli

NAMES = [c.__name__.rsplit(".", 1)[-1] for c in COMMANDS]


def test_version_comes_from_the_package_metadata() -> None:
    """--version prints the installed version and exits 0."""
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"asn-competency {importlib.metadata.version('asn-competency')}"


def test_every_command_is_listed_in_the_help() -> None:
    """The top-level help names every command, and the exit codes."""
    out = run_cli("--help")
    assert out.returncode == 0
    for name in NAMES:
        assert name in out.stdout
    assert "2 usage error" in out.stdout


@pytest.mark.parametrize("name", NAMES)
def test_every_command_has_an_example_and_shows_defaults(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command's --help ends with an example and shows the defaults it has."""
    assert main([name, "--help"]) == 0
    text = capsys.readouterr().out
    assert f"asn-competency {name}" in text.split("Example")[-1]
    if "--sep" in text:
        assert "--sep SEP" in text
        assert "{,,;}" not in text
        assert "(default: ,)" in text


def test_unknown_command_exits_2() -> None:
    """An unknown command exits 2 with usage text."""
    out = run_cli("frobnicate")
    assert out.returncode == 2
    assert "usage:" in out.stderr


@pytest.mark.parametrize(
    ("args", "flag", "expected"),
    [
        (["--budget", "-5"], "--budget", "expected a number >= 0 (got '-5')"),
        (["--budget", "nan"], "--budget", "expected a finite number (got 'nan')"),
        (["--year", "twenty"], "--year", "expected a year such as 2025 (got 'twenty')"),
        (["--time-limit", "0"], "--time-limit", "expected a number > 0 (got '0')"),
    ],
)
def test_bad_option_values_exit_2_naming_the_flag(
    data: Path, args: list[str], flag: str, expected: str
) -> None:
    """A bad value of an option is a bad command line: exit 2, the flag named as typed."""
    base = ["plan", *gap_args(data), "--catalogue", str(data / "kegiatan.csv")]
    full = [*base, "--year", "2025", "--budget", "100", *args]
    out = run_cli(*full)
    assert out.returncode == 2, out.stderr
    assert f"argument {flag}: {expected}" in out.stderr
    assert "Traceback" not in out.stderr


def test_by_and_min_group_are_checked_as_flags(data: Path) -> None:
    """--by bogus and --min-group 0 exit 2 and name the flag, not an API parameter."""
    out = run_cli("gap", *gap_args(data, "--by", "bogus"))
    assert out.returncode == 2
    assert "argument --by: expected one or more of agency, position, region, tier, unit" in (
        out.stderr
    )
    out = run_cli("gap", *gap_args(data, "--by", "unit", "--min-group", "0"))
    assert out.returncode == 2
    assert "argument --min-group: expected a whole number >= 1 (got '0')" in out.stderr
    assert "min_group_size" not in out.stderr


def test_a_period_that_ends_before_it_starts_exits_2(data: Path) -> None:
    """--end before --start is a bad command line; dates are printed ISO."""
    out = run_cli(
        "evaluate",
        "--activities",
        str(data / "kegiatan.csv"),
        "--enrolments",
        str(data / "peserta.csv"),
        "--id",
        "PP",
        "--assessments",
        str(data / "penilaian.csv"),
        "--start",
        "2099-01-01",
        "--end",
        "2024-03-05",
    )
    assert out.returncode == 2
    assert "argument --end: expected a date on or after --start 2099-01-01 (got 2024-03-05)" in (
        out.stderr
    )
    assert "datetime.date" not in out.stderr


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs a /sys folder nobody may write in")
def test_an_output_that_cannot_be_written_is_one_line_exit_3(data: Path) -> None:
    """--out in a folder that refuses files exits 3 with one line and no errno."""
    out = run_cli("gap", *gap_args(data, "--out", "/sys/x.csv"))
    assert out.returncode == 3
    assert out.stderr.count("\n") == 1
    assert "Errno" not in out.stderr
    assert out.stderr.startswith("error: /sys/x.csv: ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("missing/out.csv", "does not exist"), ("folder.csv", "is a folder")],
)
def test_output_problems_come_before_any_work(
    data: Path, name: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unusable --out path exits 3 before any input is read."""
    (data / "folder.csv").mkdir()
    args = ["gap", "--employees", "x.csv", "--assessments", "y.csv", "--out", str(data / name)]
    assert main(args) == 3
    assert expected in capsys.readouterr().err


def test_an_output_of_another_kind_is_a_bad_command_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out out.txt exits 2 naming the flag and the suffixes accepted."""
    assert main(["skm", str(data / "skm.csv"), "--out", str(data / "out.txt")]) == 2
    assert "argument --out: expected a file name ending in .csv or .json" in (
        capsys.readouterr().err
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_output_without_permission(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder without write permission is refused before any work."""
    locked = data / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["skm", str(data / "skm.csv"), "--out", str(locked / "o.csv")]) == 3
        assert "no permission" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


def test_output_permission_checks_are_consulted(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The permission checks use os.access on the file and the folder (exercised as root too)."""
    target = data / "o.csv"
    target.write_text("", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    assert main(["skm", str(data / "skm.csv"), "--out", str(target)]) == 3
    assert "no permission to replace this file" in capsys.readouterr().err
    target.unlink()
    assert main(["skm", str(data / "skm.csv"), "--out", str(target)]) == 3
    assert "no permission to write in" in capsys.readouterr().err


def test_bad_input_as_a_user_runs_it(data: Path) -> None:
    """A bad CSV exits 1 with one line per problem naming file, line and column; no traceback."""
    bad = data / "penilaian.csv"
    bad.write_text(
        "nip,competency_id,level,assessed_on\n"
        f"{DEDI},MJ.PP,tiga,2024-02-01\n123,MJ.PP,1,2024-02-01\n",
        encoding="utf-8",
    )
    out = run_cli("gap", *gap_args(data))
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"{bad}: line 2, column 'level': expected a whole number (got 'tiga')",
        f"{bad}: line 3, column 'nip': expected 18 digits (got '123')",
    ]


def test_problems_of_several_files_are_all_listed(data: Path) -> None:
    """Every bad file is reported in one run, not only the first one read."""
    (data / "pegawai.csv").write_text("nip;nama\n123;Budi\n", encoding="utf-8")
    (data / "standar.csv").write_text("jabatan,kompetensi,tingkat\nFO,MJ.PP,x\n", encoding="utf-8")
    out = run_cli("gap", *gap_args(data))
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"{data / 'pegawai.csv'}: line 2, column 'nip': expected 18 digits (got '123')",
        f"{data / 'standar.csv'}: line 2, column 'tingkat': expected a whole number (got 'x')",
    ]


def test_demo_runs_as_a_user_runs_it() -> None:
    """`python -m asn_competency demo` prints the tour and exits 0."""
    out = run_cli("demo")
    assert out.returncode == 0, out.stderr
    assert "Framework asn-national" in out.stdout


def test_broken_pipe_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the reader of the output goes away, the command stops quietly."""

    def boom(_args: object) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(cli_demo, "run", boom)
    monkeypatch.setattr(os, "dup2", lambda *_a: None)
    assert main(["demo"]) == 0


def test_os_errors_while_writing_are_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OSError during the work (disk full) is exit 3 with one line and no errno."""

    def full(_args: object) -> int:
        raise OSError(28, "No space left on device", "out.csv")

    monkeypatch.setattr(cli_demo, "run", full)
    assert main(["demo"]) == 3
    assert capsys.readouterr().err == "error: cannot write out.csv: no space left on device\n"


def test_other_library_errors_are_input_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A library error that names no file still exits 1 with one line."""
    from asn_competency.errors import ValidationError  # noqa: PLC0415

    def bad(_args: object) -> int:
        raise ValidationError("budget", "a number", "x")

    monkeypatch.setattr(cli_demo, "run", bad)
    assert main(["demo"]) == 1
    assert capsys.readouterr().err == "error: 'budget' must be a number (got 'x')\n"


def test_run_exits_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console entry point exits with main's code."""
    monkeypatch.setattr(sys, "argv", ["asn-competency", "validate", "nope.json"])
    with pytest.raises(SystemExit) as exc:
        cli.run()
    assert exc.value.code == 1


def test_interchange_modules_stay_light() -> None:
    """Importing the CSV, CASE and command-line modules does not import pandas or numpy."""
    code = (
        "import sys, asn_competency.io.csv, asn_competency.io.case, asn_competency.cli;"
        "print(sorted(m for m in ('pandas', 'numpy', 'scipy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
