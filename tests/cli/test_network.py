import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import run_cli


def test_flows_by_unit(sample: Path) -> None:
    """Competencies passed within and across units, counted by relationship."""
    target = sample / "aliran.json"
    out = run_cli(
        "network",
        "--relationships",
        str(sample / "mentoring.csv"),
        "--employees",
        str(sample / "pegawai.csv"),
        "--analysis",
        "flows",
        "--by",
        "unit",
        "--out",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    flows = {
        (r["source"], r["target"], r["competency_id"]): r["relationships"] for r in doc["rows"]
    }
    assert flows == {
        ("Disdukcapil/Pelayanan", "Disdukcapil/Pelayanan", "MJ.KOM"): 3,
        ("Disdukcapil/Pelayanan", "Disdukcapil/Pelayanan", "MJ.PP"): 1,
        ("Disdukcapil/Pendaftaran", "Disdukcapil/Pendaftaran", "MJ.PP"): 2,
    }
    assert (doc["relationships"], doc["mentors"], doc["mentees"]) == (6, 3, 6)


@pytest.mark.parametrize(
    ("analysis", "header"),
    [
        ("load", ["mentor", "mentor_name", "mentees"]),
        ("chains", ["chain", "length", "people"]),
        ("ties", ["mentor", "mentor_name", "mentee", "mentee_name", "cross_unit", "cross_agency"]),
        ("flows", ["source", "target", "competency_id", "relationships"]),
    ],
)
def test_every_analysis(
    sample: Path, analysis: str, header: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each analysis prints its table."""
    args = ["network", "--relationships", str(sample / "mentoring.csv")]
    args += ["--employees", str(sample / "pegawai.csv"), "--analysis", analysis]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == header


def test_a_pair_file_of_match_reads_as_relationships(data: Path) -> None:
    """The CSV written by 'match --out' is a relationships file."""
    pairs = data / "pasangan.csv"
    from tests.cli.helpers import gap_args  # noqa: PLC0415

    assert run_cli("match", *gap_args(data, "--out", str(pairs))).returncode == 0
    out = run_cli("network", "--relationships", str(pairs))
    assert out.returncode == 0, out.stderr
    assert "1 relationships, 1 mentors, 1 mentees" in out.stdout


def test_problems(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad rows, people without a record and flows by unit without records are named."""
    ties = sample / "mentoring.csv"
    ties.write_text(
        "mentor,mentee,mulai\n198602142010012003,198602142010012003,2025-01-06\n"
        "198602142010012003,199001012015031001,6/1/2025\n"
        "198602142010012003,199001012015031001,2025-01-06\n",
        encoding="utf-8",
    )
    args = ["network", "--relationships", str(ties), "--employees", str(sample / "pegawai.csv")]
    assert main(args) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{ties}: line 2, column 'mentee': expected a person other than the mentor "
        "(got '198602142010012003')",
        f"{ties}: line 3, column 'mulai': expected a date YYYY-MM-DD (got '6/1/2025')",
    ]
    ties.write_text("mentor,mentee\n198602142010012003,199001012015031001\n", encoding="utf-8")
    assert main(args) == 1
    assert "line 2, column 'mentee': expected a NIP listed in" in capsys.readouterr().err
    assert main([*args, "--skip-unknown"]) == 0
    assert "skipped the ties of 1 people" in capsys.readouterr().out
    only = ["network", "--relationships", str(ties)]
    assert main([*only, "--analysis", "flows", "--by", "unit"]) == 2
    assert main([*only, "--analysis", "ties"]) == 2
    assert "argument --employees: expected the employee file" in capsys.readouterr().err


def test_json_relationships(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Relationships may come as JSON, and a bad one is named by its path."""
    ties = sample / "mentoring.json"
    ties.write_text(
        '[{"mentor": "198602142010012003", "mentee": "199107202019031004"}, {"mentor": "1"}]',
        encoding="utf-8",
    )
    assert main(["network", "--relationships", str(ties)]) == 1
    assert "$[1].mentee: required field missing" in capsys.readouterr().err
    ties.write_text('[{"mentor": "198602142010012003", "mentee": "199107202019031004"}]')
    assert (
        main(["network", "--relationships", str(ties), "--employees", str(sample / "pegawai.csv")])
        == 0
    )
