"""``asn-competency talent``: the nine-box from a scores file, pools and summaries."""

import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main

AGUS, RINA, DEDI, SARI, YOGA = (
    "197805102003121001",
    "198602142010012003",
    "199107202019031004",
    "199503112020122005",
    "199812012024211006",
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Five people; scores given as ranks, as scores, or as the evidence of potential."""
    (tmp_path / "pegawai.csv").write_text(
        "nip;nama;instansi;unit_kerja;jenjang;golongan\n"
        f"{AGUS};Agus Santoso;Disdukcapil;Sekretariat;administrator;IV/a\n"
        f"{RINA};Rina Marlina;Disdukcapil;Pelayanan;pengawas;III/c\n"
        f"{DEDI};Dedi Kurniawan;Disdukcapil;Pelayanan;pelaksana;III/a\n"
        f"{SARI};Sari Wulandari;Disdukcapil;Pelayanan;pelaksana;II/c\n"
        f"{YOGA};Yoga Pratama;Disdukcapil;Pelayanan;pelaksana;7\n",
        encoding="utf-8",
    )
    (tmp_path / "nilai.csv").write_text(
        "nip,performance,potential,jpm,test_learning_agility,test_cognitive,"
        "years_in_grade,performance_history,development_jp\n"
        f"{AGUS},above,high,,,,,,\n"
        f"{RINA},92,,75,80,70,3,88|92,24\n"
        f"{DEDI},85,70,,,,,,\n"
        f"{SARI},meets,,90,,,,,10\n"
        f"{YOGA},72,low,,,,,,\n",
        encoding="utf-8",
    )
    return tmp_path


def _args(d: Path, *extra: str) -> list[str]:
    return [
        "talent",
        "--employees",
        str(d / "pegawai.csv"),
        "--scores",
        str(d / "nilai.csv"),
        *extra,
    ]


def test_one_row_per_person(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rina's evidence scores 77.67 (middle), performance 92 above: box 7 (worked in
    tests/talent/test_potential.py); Sari: 76.67 (middle), meets: box 5; given ranks stay given.
    """
    assert main(_args(data, "--out", str(data / "kotak.json"))) == 0
    rows = {r["nip"]: r for r in json.loads((data / "kotak.json").read_text(encoding="utf-8"))}
    assert rows[RINA]["box"] == 7
    assert rows[RINA]["potential_score"] == 77.67
    assert rows[RINA]["evidence"] == ["competency", "assessment", "track_record"]
    assert (rows[SARI]["box"], rows[SARI]["potential_score"]) == (5, 76.67)
    assert (rows[AGUS]["box"], rows[AGUS]["evidence"]) == (9, "given")
    assert rows[DEDI]["box"] == 5  # 85 meets, potential score 70 middle
    assert rows[YOGA]["box"] == 1  # 72 below, low
    assert "wrote 5 rows" in capsys.readouterr().err


def test_pools_as_a_table(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--pool instansi lists boxes 7-9, highest first; --pool nasional box 9 only."""
    assert main(_args(data, "--pool", "instansi")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["level", "agency", "nip"]
    assert [line.split()[2] for line in lines[2:]] == [AGUS, RINA]
    assert main(_args(data, "--pool", "nasional", "--out", str(data / "pool.csv"))) == 0
    text = (data / "pool.csv").read_text(encoding="utf-8").splitlines()
    assert len(text) == 2
    assert text[1].startswith(f"nasional,,{AGUS},")  # the national pool has no agency


def test_summary_by_unit_suppresses_small_units(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pelayanan (4 people) is shown with a minimum of 3; Sekretariat (1) is not."""
    assert main(_args(data, "--by", "unit", "--min-group", "3")) == 0
    out, err = capsys.readouterr()
    rows = out.splitlines()[2:]
    assert [r.split()[:2] for r in rows] == [["Pelayanan", "4"]]
    assert "1 group(s) of fewer than 3 people not shown" in err


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (f"{DEDI},excellent,70", "line 2, column 'performance': expected one of 'below', 'meets'"),
        (f"{DEDI},85,120", "line 2, column 'potential': expected a rank name or a score in 0..100"),
        (f"{DEDI},85,", "line 2, column 'potential': expected a potential, or evidence"),
        (f"{DEDI},85,,75", "line 2, column 'potential': expected evidence of at least 2 of"),
        (f"{DEDI},85,,75,1x", "line 2, column 'test_learning_agility': expected a number"),
        (f"{DEDI},85,,175,80", "line 2, column 'jpm': expected a number 0-100"),
        (f"{DEDI},85,,75,80,,88|x", "line 2, column 'performance_history': expected a number"),
        (f"{DEDI},85,,75,80,,88|120", "column 'performance_history': expected a number 0-100"),
        (f"{DEDI},85,,75,80,-1", "line 2, column 'years_in_grade': expected a number >= 0"),
        (f"{DEDI},85,,75,80,,,inf", "line 2, column 'development_jp': expected a finite number"),
        ("1990,85,70", "line 2, column 'nip': expected 18 digits"),
        ("199001012015031001,85,70", "line 2, column 'nip': expected a NIP of the employees file"),
    ],
)
def test_bad_cells_name_line_and_column(
    data: Path, capsys: pytest.CaptureFixture[str], row: str, problem: str
) -> None:
    """Each bad cell is reported with its line and column; exit code 1; nothing written."""
    cells = row.split(",")
    cells += [""] * (8 - len(cells))  # every line has the header's eight fields
    (data / "nilai.csv").write_text(
        "nip,performance,potential,jpm,test_learning_agility,years_in_grade,"
        f"performance_history,development_jp\n{','.join(cells)}\n",
        encoding="utf-8",
    )
    assert main(_args(data, "--out", str(data / "x.csv"))) == 1
    err = capsys.readouterr().err
    assert problem in err
    assert not (data / "x.csv").exists()


def test_every_bad_row_is_listed(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A repeated person and a file without a nip column are named too."""
    (data / "nilai.csv").write_text(
        f"nip,performance,potential\n{DEDI},85,70\n{DEDI},85,70\n{SARI},x,y\n", encoding="utf-8"
    )
    assert main(_args(data)) == 1
    err = capsys.readouterr().err.splitlines()
    assert any("line 3, column 'nip': expected one row per person" in e for e in err)
    assert any("line 4, column 'performance'" in e for e in err)
    (data / "nilai.csv").write_text("id,performance\n1,80\n", encoding="utf-8")
    assert main(_args(data)) == 1
    assert "line 1: expected a column 'nip'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--pool", "instansi", "--by", "unit"], 2, "--pool and --by cannot be used together"),
        (["--out", "x.txt"], 3, "the output must end in .csv or .json"),
    ],
)
def test_usage_and_output_errors(
    data: Path, capsys: pytest.CaptureFixture[str], extra: list[str], code: int, message: str
) -> None:
    """Options that do not fit exit 2; an output that cannot be written exits 3."""
    assert main(_args(data, *extra)) == code
    assert message in capsys.readouterr().err


def test_scores_must_be_csv(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The scores are read from CSV only."""
    args = ["talent", "--employees", str(data / "pegawai.csv"), "--scores", str(data / "n.json")]
    assert main(args) == 2
    assert "the scores must be a .csv file" in capsys.readouterr().err


def test_summary_with_the_default_minimum(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """By agency, the five people make one group of 5: shown under the default minimum."""
    assert main(_args(data, "--by", "agency")) == 0
    out, err = capsys.readouterr()
    assert [r.split()[:2] for r in out.splitlines()[2:]] == [["Disdukcapil", "5"]]
    assert "not shown" not in err
