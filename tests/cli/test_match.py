import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import AGUS, DEDI, RINA, gap_args, run_cli


def test_pairs_show_names_beside_nips(data: Path) -> None:
    """The one person below standard (Dedi, MJ.PP) gets a mentor; both are named."""
    out = run_cli("match", *gap_args(data))
    assert out.returncode == 0, out.stderr
    header, _, row = out.stdout.splitlines()[:3]
    assert header.split() == ["mentor", "mentor_name", "mentee", "mentee_name", "score", "covered"]
    assert "Dedi Kurniawan" in row
    assert row.split()[3] == DEDI


def test_json_output(data: Path) -> None:
    """JSON output holds the pairs, the objective, the policy and who was left without one."""
    out = data / "match.json"
    assert main(["match", *gap_args(data, "--out", str(out))]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["objective"] == "optimal"
    [pair] = doc["rows"]
    assert pair["mentee"] == DEDI
    assert pair["covered"] == ["MJ.PP"]
    assert doc["unmatched_mentees"] == []
    assert doc["matching_policy"] == "asn-mentoring-default 1"


def test_mentees_left_without_a_mentor(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """When nobody reaches the level a mentee needs, the mentee is listed with name and reason."""
    (data / "penilaian.csv").write_text(
        "nip,competency_id,level,assessed_on\n"
        f"{DEDI},MJ.PP,1,2024-02-01\n{DEDI},MJ.KOM,2,2024-02-01\n",
        encoding="utf-8",
    )
    assert main(["match", *gap_args(data)]) == 0
    out = capsys.readouterr().out
    assert "1 people below standard, 1 without a mentor" in out
    assert f"  {DEDI} Dedi Kurniawan: " in out


def test_combination_applies_to_the_mentors_levels(data: Path) -> None:
    """--combination applies to the mentors' levels too, not only to the gaps."""
    (data / "penilaian.csv").write_text(
        "nip,competency_id,level,assessed_on\n"
        f"{AGUS},MJ.PP,4,2023-02-01\n{AGUS},MJ.PP,1,2024-02-01\n{AGUS},MJ.KOM,4,2024-02-01\n"
        f"{RINA},MJ.PP,1,2024-02-01\n{RINA},MJ.KOM,3,2024-02-01\n"
        f"{DEDI},MJ.PP,1,2024-02-01\n{DEDI},MJ.KOM,2,2024-02-01\n",
        encoding="utf-8",
    )
    out = data / "mentor.json"
    assert main(["match", *gap_args(data, "--combination", "highest", "--out", str(out))]) == 0
    pairs = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert {(p["mentor"], p["mentee"]) for p in pairs} >= {(AGUS, DEDI)}
