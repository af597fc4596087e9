import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from asn_competency.io.csv import read_programme
from asn_competency.io.json import dump
from tests.cli.helpers import gap_args, run_cli


def test_json_output_counts_and_names_the_people_short_of_jp(sample: Path) -> None:
    """--out x.json holds the people short of their yearly JP, with names and reasons."""
    target = sample / "rencana.json"
    out = run_cli(
        "plan",
        *gap_args(sample),
        "--catalogue",
        str(sample / "kegiatan.csv"),
        "--year",
        "2025",
        "--budget",
        "9000000",
        "--out",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["people_short_of_jp"] == len(doc["shortfalls"]) == 2
    first = doc["shortfalls"][0]
    assert set(first) == {"nip", "name", "minimum_jp", "total_jp", "reasons", "explanation"}
    assert first["name"]
    assert first["reasons"]
    assert all(r["name"] for r in doc["rows"])
    assert "2 people short of their yearly minimum JP:" in out.stderr
    assert f"  {first['nip']} {first['name']}: " in out.stderr


def test_table_shows_names_and_huge_budgets_compactly(sample: Path) -> None:
    """The table names each person; a budget of 1e30 prints as 1e+30, not 31 digits."""
    out = run_cli(
        "plan",
        *gap_args(sample),
        "--catalogue",
        str(sample / "kegiatan.csv"),
        "--year",
        "2025",
        "--budget",
        "1e30",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].split()[:3] == ["nip", "name", "activity_id"]
    assert "Agus Santoso" in out.stdout
    assert "of Rp 1e+30" in out.stdout
    assert "000000000000" not in out.stdout


def test_csv_output_within_the_budget(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The plan's CSV rows stay within the budget; the totals are columns too."""
    out = data / "plan.csv"
    args = ["--catalogue", str(data / "kegiatan.csv"), "--year", "2025", "--budget", "5000000"]
    assert main(["plan", *gap_args(data, *args, "--out", str(out))]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("nip,name,activity_id,route,competency_ids,jp,cost,gap_closed,year,")
    cost = sum(float(line.split(",")[6]) for line in lines[1:])
    assert 0 < cost <= 5_000_000
    assert "plan 2025:" in capsys.readouterr().err


def test_a_programme_json_as_catalogue(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The catalogue may be a programme JSON; a bad catalogue is reported with the other files."""
    prog = read_programme(data / "kegiatan.csv", data / "peserta.csv", id="PP", title="T")
    dump(prog, data / "prog.json")
    plan = ["plan", *gap_args(data), "--catalogue", str(data / "prog.json")]
    assert main([*plan, "--year", "2025", "--budget", "0"]) == 0
    capsys.readouterr()
    (data / "kegiatan.csv").write_text("activity_id,title\nX,Y\n", encoding="utf-8")
    (data / "pegawai.csv").write_text("nip;nama\n1;A\n", encoding="utf-8")
    plan = ["plan", *gap_args(data), "--catalogue", str(data / "kegiatan.csv")]
    assert main([*plan, "--year", "2025", "--budget", "0"]) == 1
    err = capsys.readouterr().err
    assert "kegiatan.csv: line 1: expected a column 'route'" in err
    assert "pegawai.csv: line 2, column 'nip'" in err
