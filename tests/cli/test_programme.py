import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import DEDI, run_cli


def test_a_programme_from_its_csv_files(data: Path) -> None:
    """The two CSV files and the programme's own fields become one programme JSON."""
    target = data / "program.json"
    out = run_cli(
        "programme",
        "--activities",
        str(data / "kegiatan.csv"),
        "--enrolments",
        str(data / "peserta.csv"),
        "--id",
        "PP-2025",
        "--title",
        "Pelayanan prima",
        "--start",
        "2025-03-01",
        "--end",
        "2025-03-05",
        "--budget",
        "15000000",
        "-o",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["id"], doc["start"], doc["budget"]) == ("PP-2025", "2025-03-01", 15000000.0)
    assert doc["enrolments"][0]["nip"] == DEDI
    out = run_cli("evaluate", "--programme", str(target), "--reaction", str(data / "umpan.csv"))
    assert out.returncode == 0, out.stderr


def test_problems(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad period, a bad enrolment and a non-JSON output are each refused."""
    base = ["programme", "--activities", str(data / "kegiatan.csv"), "--id", "P"]
    assert main([*base, "-o", str(data / "p.csv")]) == 2
    assert (
        main([*base, "--start", "2025-03-05", "--end", "2025-03-01", "-o", str(data / "p.json")])
        == 2
    )
    assert (
        "argument --end: expected a date on or after --start 2025-03-05" in capsys.readouterr().err
    )
    (data / "peserta.csv").write_text(f"nip,activity_id\n{DEDI},NOPE\n", encoding="utf-8")
    assert main([*base, "--enrolments", str(data / "peserta.csv"), "-o", str(data / "p.json")]) == 1
    assert "NOPE" in capsys.readouterr().err
