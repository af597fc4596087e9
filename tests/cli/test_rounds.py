import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import gap_args, run_cli


def test_rounds_from_a_cohort_file(sample: Path) -> None:
    """Two cohorts, a cap of 2 mentees per mentor over all rounds, names beside NIPs."""
    target = sample / "putaran.json"
    out = run_cli(
        "rounds",
        *gap_args(sample),
        "--cohorts",
        str(sample / "kohort.csv"),
        "--cap",
        "2",
        "--out",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["rounds"] == 2
    assert doc["cap"] == 2
    assert {r["round"] for r in doc["rows"]} == {1, 2}
    load: dict[str, int] = {}
    for r in doc["rows"]:
        load[r["mentor"]] = load.get(r["mentor"], 0) + 1
        assert r["mentor_name"]
        assert r["mentee_name"]
    assert max(load.values()) <= 2
    assert "4 people of the cohorts meet their standard" in out.stderr


def test_bad_cohort_files(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every bad cohort row is named; people outside the employee file need --skip-unknown."""
    cohorts = sample / "kohort.csv"
    cohorts.write_text(
        "nip,putaran\n123,1\n199107202019031004,0\n199107202019031004,1\n"
        "199107202019031004,2\n199001012015031001,1\n",
        encoding="utf-8",
    )
    args = ["rounds", *gap_args(sample), "--cohorts", str(cohorts)]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{cohorts}: line 2, column 'nip': expected 18 digits (got '123')",
        f"{cohorts}: line 3, column 'putaran': expected a round number 1, 2, ... (got '0')",
        f"{cohorts}: line 5, column 'nip': expected a NIP not already on line 4 "
        "(got '199107202019031004')",
    ]
    cohorts.write_text(
        "nip,putaran\n199001012015031001,1\n199107202019031004,1\n", encoding="utf-8"
    )
    assert main(args) == 1
    assert "line 2, column 'nip': expected a NIP listed in" in capsys.readouterr().err
    assert main([*args, "--skip-unknown"]) == 0
    assert "skipped 1 people of the cohorts" in capsys.readouterr().out
    cohorts.write_text("nip\n199107202019031004\n", encoding="utf-8")
    assert main(args) == 1
    assert "expected the columns 'nip' and 'round' (or 'putaran')" in capsys.readouterr().err


def test_cohorts_of_people_below_standard_only(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cohort file of mentees only: no note about people who meet their standard."""
    cohorts = data / "kohort.csv"
    cohorts.write_text("nip,round\n199107202019031004,1\n", encoding="utf-8")
    assert main(["rounds", *gap_args(data), "--cohorts", str(cohorts)]) == 0
    out = capsys.readouterr().out
    assert "meet their standard" not in out
    assert "1 rounds, 1 pairs" in out
