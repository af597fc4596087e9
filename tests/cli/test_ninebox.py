import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import gap_args, run_cli


def test_each_person_in_a_box(sample: Path) -> None:
    """Performance from the SKP score, potential from the JPM, as the demo places them."""
    target = sample / "talenta.json"
    out = run_cli(
        "ninebox", *gap_args(sample), "--scores", str(sample / "kinerja.csv"), "--out", str(target)
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    by_nip = {r["nip"]: r for r in doc["rows"]}
    # Agus: SKP 93 (above), JPM 87.5 (high) -> box 9.
    agus = by_nip["197805102003121001"]
    assert (agus["box"], agus["performance"], agus["potential"]) == (9, "above", "high")
    assert agus["name"] == "Agus Santoso"
    assert doc["placed"] == 16
    assert doc["nine_box_policy"] == "nine-box-PermenPANRB-3-2020"


def test_distribution_by_unit_suppresses_small_units(sample: Path) -> None:
    """--by unit counts people per box; the two-person Sekretariat is not shown."""
    target = sample / "sebaran.csv"
    out = run_cli(
        "ninebox",
        *gap_args(sample),
        "--scores",
        str(sample / "kinerja.csv"),
        "--by",
        "unit",
        "--out",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["Pelayanan", "Pendaftaran"]
    assert all(line.endswith(",small-group-suppression 1,5,1") for line in lines[1:])


def test_an_office_below_the_minimum_is_not_shown(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The overall distribution of fewer people than the minimum is withheld too."""
    scores = sample / "kinerja.csv"
    scores.write_text(
        "nip,kinerja,potensial\n197805102003121001,93,high\n198602142010012003,80,low\n",
        encoding="utf-8",
    )
    args = ["ninebox", "--employees", str(sample / "pegawai.csv"), "--scores", str(scores)]
    assert main([*args, "--distribution"]) == 0
    out = capsys.readouterr().out
    assert "1 group(s) of fewer than 5 people not shown" in out
    assert "14 people without a score" in out
    assert main([*args, "--distribution", "--min-group", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[2].split()[:1] == ["2"]


def test_problems(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad scores, unknown people and a missing potential are each reported."""
    scores = sample / "kinerja.csv"
    scores.write_text(
        "nip,kinerja,potensial\n123,90,high\n197805102003121001,,high\n"
        "198602142010012003,101,high\n199001012015031001,90,high\n199107202019031004,90,huge\n"
        "199107202019031004,90,high\n",
        encoding="utf-8",
    )
    args = ["ninebox", "--employees", str(sample / "pegawai.csv"), "--scores", str(scores)]
    assert main(args) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{scores}: line 2, column 'nip': expected 18 digits (got '123')",
        f"{scores}: line 3, column 'kinerja': expected a score or rank (got '')",
        f"{scores}: line 7, column 'nip': expected a NIP not already on line 6 "
        "(got '199107202019031004')",
    ]
    scores.write_text(
        "nip,kinerja,potensial\n198602142010012003,101,high\n199001012015031001,90,high\n",
        encoding="utf-8",
    )
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "line 2, column 'kinerja': expected a rank name or a score in 0..100 (got 101.0)" in err
    assert "line 3, column 'nip': expected a NIP listed in" in err
    scores.write_text("nip,kinerja\n198602142010012003,80\n", encoding="utf-8")
    assert main(args) == 2
    assert "argument --assessments: expected --assessments for the potential" in (
        capsys.readouterr().err
    )
    scores.write_text("nip,kinerja,potensial\n199001012015031001,90,high\n", encoding="utf-8")
    assert main([*args, "--skip-unknown"]) == 0
    assert "1 people not in" in capsys.readouterr().out


def test_people_without_a_jpm_are_not_placed(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sari has no MJ.KOM assessment, so no JPM: she is counted, not placed."""
    scores = data / "kinerja.csv"
    scores.write_text("nip,kinerja\n199503112020122005,80\n199107202019031004,85\n")
    assert main(["ninebox", *gap_args(data), "--scores", str(scores)]) == 0
    out = capsys.readouterr().out
    assert "1 people without a JPM (not every requirement assessed) not placed" in out
    assert "Dedi Kurniawan" in out
