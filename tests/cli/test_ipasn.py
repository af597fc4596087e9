import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import run_cli


def test_each_person_scored(sample: Path) -> None:
    """Agus: S2 20 + leadership 15 and technical 15 = 30 + SKP 93 -> 30 + no sanction 5 = 85."""
    target = sample / "ipasn.json"
    out = run_cli(
        "ipasn",
        "--people",
        str(sample / "profesional.csv"),
        "--training",
        str(sample / "pelatihan.csv"),
        "--employees",
        str(sample / "pegawai.csv"),
        "--out",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    agus = next(r for r in doc["rows"] if r["nip"] == "197805102003121001")
    assert agus == {
        "nip": "197805102003121001",
        "name": "Agus Santoso",
        "unit": "Sekretariat",
        "qualification": 20.0,
        "competency": 30.0,
        "performance": 30.0,
        "discipline": 5.0,
        "total": 85.0,
        "band": "Tinggi",
    }
    assert doc["policy"] == "permenpanrb-38-2018 2018.1"


def test_by_unit_with_suppression(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--by unit gives the count, the mean and each band; small units are withheld."""
    args = ["ipasn", "--people", str(sample / "profesional.csv")]
    args += [
        "--training",
        str(sample / "pelatihan.csv"),
        "--employees",
        str(sample / "pegawai.csv"),
    ]
    assert main([*args, "--by", "unit"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["unit", "people", "mean"]
    assert [line.split()[0] for line in out[2:4]] == ["Pelayanan", "Pendaftaran"]
    assert "1 group(s) of fewer than 5 people not shown" in out[-1]
    assert main(["ipasn", "--people", str(sample / "profesional.csv"), "--by", "unit"]) == 2
    assert "argument --by: expected --employees" in capsys.readouterr().err


def test_problems(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each bad cell of either file is named; unknown people need --skip-unknown."""
    people = sample / "profesional.csv"
    people.write_text(
        "nip,pendidikan,skp,disiplin\n123,s2,90,tidak_ada\n197805102003121001,s9,101,x\n"
        "198602142010012003,s2,90,tidak_ada\n198602142010012003,s2,90,tidak_ada\n",
        encoding="utf-8",
    )
    training = sample / "pelatihan.csv"
    training.write_text(
        "nip,jenis,jp,sesuai_jabatan,tahun\n1,teknis,2,ya,2024\n"
        "198602142010012003,teknis,x,ya,2024\n198602142010012003,teknis,2,mungkin,2024\n"
        "198602142010012003,teknis,2,ya,dulu\n198602142010012003,terbang,2,ya,2024\n",
        encoding="utf-8",
    )
    assert main(["ipasn", "--people", str(people), "--training", str(training)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:4] == [
        f"{people}: line 2, column 'nip': expected 18 digits (got '123')",
        f"{people}: line 3, column 'pendidikan': expected one of s3, s2, s1_d4, d3, d1_d2_sma, "
        "sd_smp (got 's9')",
        f"{people}: line 3, column 'disiplin': expected one of berat, sedang, ringan, tidak_ada "
        "(got 'x')",
        f"{people}: line 3, column 'skp': expected an SKP score 0-100 (got '101')",
    ]
    assert f"{people}: line 5, column 'nip': expected a NIP not already on line 4" in err[4]
    assert len(err) == 10
    people.write_text("nip,pendidikan,skp,disiplin\n198602142010012003,s2,90,tidak_ada\n")
    training.write_text("nip,jenis,jp\n197805102003121001,teknis,24\n", encoding="utf-8")
    base = ["ipasn", "--people", str(people), "--training", str(training)]
    assert main(base) == 1
    assert "line 2, column 'nip': expected a NIP listed in" in capsys.readouterr().err
    assert main([*base, "--skip-unknown"]) == 0
    assert "skipped 1 training rows" in capsys.readouterr().out
    (sample / "kosong.csv").write_text("nip;nama\n199001012015031001;Budi\n", encoding="utf-8")
    assert main([*base, "--skip-unknown", "--employees", str(sample / "kosong.csv")]) == 0
    assert "skipped 1 people not in" in capsys.readouterr().out


def test_people_outside_the_employee_file(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A person not in --employees is named; with --min-group 1 every group is shown."""
    people = sample / "profesional.csv"
    with people.open("a", encoding="utf-8") as f:
        f.write("199001012015031001,s1_d4,80,tidak_ada\n")
    args = ["ipasn", "--people", str(people), "--employees", str(sample / "pegawai.csv")]
    assert main(args) == 1
    assert "line 18, column 'nip': expected a NIP listed in" in capsys.readouterr().err
    assert main([*args, "--skip-unknown", "--by", "unit", "--min-group", "1"]) == 0
    out = capsys.readouterr().out
    assert "Sekretariat" in out
    assert "not shown" not in out
