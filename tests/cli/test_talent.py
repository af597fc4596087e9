"""``asn-competency talent``: the nine-box per person or by unit, and the talent pools."""

import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import AGUS, DEDI, RINA, SARI, gap_args, run_cli

YOGA = "199812012024211006"

EVIDENCE_HEADER = (
    "nip,performance,potential,jpm,test_learning_agility,test_cognitive,"
    "years_in_grade,performance_history,development_jp"
)


@pytest.fixture
def evidence(tmp_path: Path) -> Path:
    """Five people; potential given as a rank, as a score, or as the evidence of potential."""
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
        f"{EVIDENCE_HEADER}\n"
        f"{AGUS},above,high,,,,,,\n"
        f"{RINA},92,,75,80,70,3,88|92,24\n"
        f"{DEDI},85,70,,,,,,\n"
        f"{SARI},meets,,90,,,,,10\n"
        f"{YOGA},72,low,,,,,,\n",
        encoding="utf-8",
    )
    return tmp_path


def _evidence_args(d: Path, *extra: str) -> list[str]:
    return [
        "talent",
        "--employees",
        str(d / "pegawai.csv"),
        "--scores",
        str(d / "nilai.csv"),
        *extra,
    ]


def _sample_args(d: Path, *extra: str) -> list[str]:
    return ["talent", *gap_args(d), "--scores", str(d / "kinerja.csv"), *extra]


# --- one row per person -------------------------------------------------------------------------


def test_each_person_in_a_box_from_the_jpm(sample: Path) -> None:
    """Without a potential column, potential is the JPM: Agus SKP 93 (above), JPM 87.5 (high)."""
    target = sample / "talenta.json"
    out = run_cli(*_sample_args(sample, "--out", str(target)))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    agus = next(r for r in doc["rows"] if r["nip"] == AGUS)
    assert agus == {
        "nip": AGUS,
        "name": "Agus Santoso",
        "unit": "Sekretariat",
        "box": 9,
        "performance": "above",
        "potential": "high",
        "potential_score": 87.5,
        "potential_from": "jpm",
        "recommendation": agus["recommendation"],
    }
    assert agus["recommendation"].startswith("Promote and retain")
    assert doc["placed"] == 16
    assert doc["nine_box_policy"] == "nine-box-PermenPANRB-3-2020"
    assert "potential_policy" not in doc
    assert [r["nip"] for r in doc["rows"]] == sorted(r["nip"] for r in doc["rows"])


def test_potential_given_or_from_the_evidence_in_the_row(evidence: Path) -> None:
    """Rina's evidence scores 77.67 (middle) and she performs above: box 7.

    Worked in tests/talent/test_potential.py: competency 75 x 40 %, assessment
    (80 + 70) / 2 = 75 x 40 %, track record (75 + 90 + 100) / 3 = 88.33 x 20 %.
    Sari: 90 x 2/3 + 50 x 1/3 = 76.67 (middle), meets: box 5. Given ranks and
    scores stay given.
    """
    target = evidence / "kotak.json"
    out = run_cli(*_evidence_args(evidence, "--out", str(target)))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    rows = {r["nip"]: r for r in doc["rows"]}
    assert (rows[RINA]["box"], rows[RINA]["potential_score"]) == (7, 77.67)
    assert rows[RINA]["potential_from"] == "competency+assessment+track_record"
    assert (rows[SARI]["box"], rows[SARI]["potential_score"]) == (5, 76.67)
    assert rows[SARI]["potential_from"] == "competency+track_record"
    assert (rows[AGUS]["box"], rows[AGUS]["potential_from"]) == (9, "given")
    assert rows[AGUS]["potential_score"] is None  # given as a rank
    assert (rows[DEDI]["box"], rows[DEDI]["potential_score"]) == (5, 70.0)  # 85 meets, 70 middle
    assert rows[YOGA]["box"] == 1  # 72 below, low
    assert doc["potential_policy"] == "potential-evidence-default 2026.1"
    assert "wrote 5 rows" in out.stderr


def test_an_empty_jpm_takes_the_jpm_of_the_assessments(data: Path) -> None:
    """Dedi's JPM is 75 (tests/cli/test_gap.py); with a test score of 80 his potential is 77.5.

    (75 x 40 + 80 x 40) / 80 = 77.5: middle; SKP 80 meets expectation: box 5.
    Without --assessments the test alone is too little evidence.
    """
    (data / "skor.csv").write_text(
        f"nip,kinerja,jpm,test_learning_agility\n{DEDI},80,,80\n", encoding="utf-8"
    )
    base = ["talent", "--employees", str(data / "pegawai.csv"), "--scores", str(data / "skor.csv")]
    target = data / "kotak.json"
    more = ["--assessments", str(data / "penilaian.csv"), "--standards", str(data / "standar.csv")]
    out = run_cli(*base, *more, "--out", str(target))
    assert out.returncode == 0, out.stderr
    [row] = json.loads(target.read_text(encoding="utf-8"))["rows"]
    assert (row["box"], row["potential_score"]) == (5, 77.5)
    assert row["potential_from"] == "competency+assessment"
    out = run_cli(*base)
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"{data / 'skor.csv'}: line 2: expected evidence of at least 2 of competency, "
        "assessment, track_record (got 'assessment')"
    )


def test_the_output_reads_back_as_a_scores_file(sample: Path) -> None:
    """A person-by-person CSV (any headers) is a scores file that places everyone the same."""
    first, second = sample / "kotak.csv", sample / "lagi.csv"
    assert main(_sample_args(sample, "--out", str(first), "--headers", "id", "--sep", ";")) == 0
    args = ["talent", "--employees", str(sample / "pegawai.csv"), "--scores", str(first)]
    assert main([*args, "--out", str(second), "--headers", "id", "--sep", ";"]) == 0
    boxes = [
        [line.split(";")[:6] for line in p.read_text().splitlines()[1:]] for p in (first, second)
    ]
    assert boxes[0] == boxes[1]
    header = first.read_text(encoding="utf-8").splitlines()[0].split(";")
    assert header[:9] == [
        "nip",
        "nama",
        "unit_kerja",
        "kotak",
        "kinerja",
        "potensial",
        "skor_potensial",
        "dasar_potensial",
        "rekomendasi",
    ]


# --- counts per box -----------------------------------------------------------------------------


def test_distribution_by_unit_suppresses_small_units(sample: Path) -> None:
    """--by unit counts people per box; the two-person Sekretariat is not shown."""
    target = sample / "sebaran.csv"
    out = run_cli(*_sample_args(sample, "--by", "unit", "--out", str(target)))
    assert out.returncode == 0, out.stderr
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("unit,people,box_1,")
    assert [line.split(",")[:11] for line in lines[1:]] == [
        ["Pelayanan", "8", "1", "2", "1", "0", "1", "0", "0", "1", "2"],
        ["Pendaftaran", "6", "0", "1", "0", "1", "2", "0", "1", "1", "0"],
    ]
    assert all(line.endswith(",small-group-suppression 1,5,1") for line in lines[1:])
    assert "1 group(s) of fewer than 5 people not shown" in out.stderr


def test_an_office_below_the_minimum_is_not_shown(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The overall distribution of fewer people than the minimum is withheld too."""
    scores = sample / "kinerja.csv"
    scores.write_text(f"nip,kinerja,potensial\n{AGUS},93,high\n{RINA},80,low\n", encoding="utf-8")
    args = ["talent", "--employees", str(sample / "pegawai.csv"), "--scores", str(scores)]
    assert main([*args, "--distribution"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["people", "box_1"]
    assert lines[2].startswith(f"14 people without a score in {scores} not placed: ")
    assert lines[3:] == ["1 group(s) of fewer than 5 people not shown"]
    assert main([*args, "--distribution", "--min-group", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[2].split() == [
        "2", "0", "1", "0", "0", "0", "0", "0", "0", "1",
    ]  # fmt: skip


# --- the talent pools ---------------------------------------------------------------------------


def test_pools_as_a_table_and_as_csv(evidence: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--pool instansi lists boxes 7-9, highest box first; --pool nasional box 9 only."""
    assert main(_evidence_args(evidence, "--pool", "instansi")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["level", "agency", "nip", "name"]
    assert [line.split()[2] for line in lines[2:4]] == [AGUS, RINA]
    assert lines[4] == "2 people in 1 instansi pool(s) of boxes 9, 8, 7"
    target = evidence / "pool.csv"
    assert main(_evidence_args(evidence, "--pool", "nasional", "--out", str(target))) == 0
    text = target.read_text(encoding="utf-8").splitlines()
    assert text[0].split(",")[:7] == ["level", "agency", "nip", "name", "unit", "tier", "box"]
    assert len(text) == 2
    assert text[1].startswith(f"nasional,,{AGUS},Agus Santoso,Sekretariat,administrator,9,")


def test_a_pool_without_members(evidence: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nobody in box 9: the national pool is empty, and says so."""
    (evidence / "nilai.csv").write_text(f"nip,kinerja,potensial\n{DEDI},80,low\n")
    assert main(_evidence_args(evidence, "--pool", "nasional")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith("4 people without a score in ")
    assert lines[3:] == ["0 people in 1 nasional pool(s) of boxes 9"]


def test_no_pool_members_of_an_agency(evidence: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nobody in boxes 7-9: no agency pool, an empty table."""
    (evidence / "nilai.csv").write_text(f"nip,kinerja,potensial\n{DEDI},80,low\n")
    target = evidence / "pool.json"
    assert main(_evidence_args(evidence, "--pool", "instansi", "--out", str(target))) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["pools"], doc["members"], doc["rows"]) == (0, 0, [])
    assert "pool_policy" not in doc


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (f"{DEDI},excellent,70", "line 2, column 'performance': expected one of 'below', 'meets'"),
        (f"{DEDI},,70", "line 2, column 'performance': expected a score or rank (got '')"),
        (f"{DEDI},85,120", "line 2, column 'potential': expected a rank name or a score in 0..100"),
        (f"{DEDI},85,", "line 2, column 'potential': expected a potential, or evidence"),
        (f"{DEDI},85,,75", "line 2, column 'potential': expected evidence of at least 2 of"),
        (f"{DEDI},85,,75,1x", "line 2, column 'test_learning_agility': expected a number"),
        (
            f"{DEDI},85,,75,101",
            "column 'test_learning_agility': expected a number 0-100 (got '101')",
        ),
        (f"{DEDI},85,,175,80", "line 2, column 'jpm': expected a number 0-100 (got '175')"),
        (f"{DEDI},85,,75,80,,88|x", "line 2, column 'performance_history': expected a number"),
        (
            f"{DEDI},85,,75,80,,88|120",
            "column 'performance_history': expected a number 0-100 (got '120')",
        ),
        (f"{DEDI},85,,75,80,-1", "line 2, column 'years_in_grade': expected a number >= 0"),
        (f"{DEDI},85,,75,80,,,inf", "line 2, column 'development_jp': expected a finite number"),
        ("1990,85,70", "line 2, column 'nip': expected 18 digits"),
        ("199001012015031001,85,70", "line 2, column 'nip': expected a NIP listed in"),
    ],
)
def test_bad_cells_name_line_and_column(
    evidence: Path, capsys: pytest.CaptureFixture[str], row: str, problem: str
) -> None:
    """Each bad cell is reported with its line and column; exit code 1; nothing written."""
    cells = row.split(",")
    cells += [""] * (8 - len(cells))  # every line has the header's eight fields
    (evidence / "nilai.csv").write_text(
        "nip,performance,potential,jpm,test_learning_agility,years_in_grade,"
        f"performance_history,development_jp\n{','.join(cells)}\n",
        encoding="utf-8",
    )
    assert main(_evidence_args(evidence, "--out", str(evidence / "x.csv"))) == 1
    err = capsys.readouterr().err
    assert problem in err
    assert err.startswith(str(evidence / "nilai.csv"))
    assert not (evidence / "x.csv").exists()


def test_every_problem_of_every_file_is_listed(evidence: Path) -> None:
    """Bad cells of one row, a repeated person and a bad employee file, in one run."""
    (evidence / "nilai.csv").write_text(
        f"nip,performance,potential\n{DEDI},85,70\n{DEDI},85,70\n{SARI},x,y\n", encoding="utf-8"
    )
    (evidence / "pegawai.csv").write_text("nip;nama\n123;Budi\n", encoding="utf-8")
    out = run_cli(*_evidence_args(evidence))
    assert out.returncode == 1
    scores, people = evidence / "nilai.csv", evidence / "pegawai.csv"
    assert out.stderr.splitlines() == [
        f"{scores}: line 3, column 'nip': expected a NIP not already on line 2 (got '{DEDI}')",
        f"{scores}: line 4, column 'performance': expected one of 'below', 'meets', 'above' "
        "(got 'x')",
        f"{scores}: line 4, column 'potential': expected one of 'low', 'middle', 'high' (got 'y')",
        f"{people}: line 2, column 'nip': expected 18 digits (got '123')",
    ]


def test_problems_of_the_assessments_and_the_scores_together(data: Path) -> None:
    """With --assessments, a bad assessment file and a bad scores file are listed in one run."""
    bad = data / "penilaian.csv"
    bad.write_text(f"nip,competency_id,level,assessed_on\n{DEDI},MJ.PP,tiga,2024-02-01\n")
    scores = data / "kinerja.csv"
    scores.write_text(f"nip,kinerja,test_a/b\n{DEDI},80,70\n", encoding="utf-8")
    out = run_cli("talent", *gap_args(data), "--scores", str(scores))
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"{scores}: line 2, column 'test_a/b': expected test names of letters, digits, "
        "'_.:-' (got 'a/b')",
        f"{bad}: line 2, column 'level': expected a whole number (got 'tiga')",
    ]


def test_missing_columns_and_repeated_tests(
    evidence: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file without a nip column, and two columns naming one test, are refused at line 1."""
    scores = evidence / "nilai.csv"
    scores.write_text("id,performance\n1,80\n", encoding="utf-8")
    assert main(_evidence_args(evidence)) == 1
    assert "line 1: expected a column 'nip'" in capsys.readouterr().err
    scores.write_text(f"nip,kinerja,test_a,Test A\n{DEDI},80,70,71\n", encoding="utf-8")
    assert main(_evidence_args(evidence)) == 1
    assert "line 1, column 'Test A': expected one column named 'test_a'" in (
        capsys.readouterr().err
    )


def test_employees_named_twice_in_json(evidence: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON employee list that names one NIP twice is refused with the record's path."""
    record = {"nip": DEDI, "name": "Dedi"}
    (evidence / "pegawai.json").write_text(json.dumps([record, record]), encoding="utf-8")
    args = ["talent", "--employees", str(evidence / "pegawai.json")]
    assert main([*args, "--scores", str(evidence / "nilai.csv")]) == 1
    assert "pegawai.json: $[1].nip: expected a NIP not already in $[0]" in capsys.readouterr().err


def test_unknown_people_are_named_or_skipped(sample: Path) -> None:
    """A score of someone outside the employee file is an error, or skipped and counted."""
    scores = sample / "kinerja.csv"
    scores.write_text(
        f"nip,kinerja,potensial\n199001012015031001,90,high\n{AGUS},90,high\n", encoding="utf-8"
    )
    base = ["talent", "--employees", str(sample / "pegawai.csv"), "--scores", str(scores)]
    out = run_cli(*base)
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"{scores}: line 2, column 'nip': expected a NIP listed in {sample / 'pegawai.csv'} "
        "(or --skip-unknown) (got '199001012015031001')"
    )
    target = sample / "kotak.json"
    out = run_cli(*base, "--skip-unknown", "--out", str(target))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["skipped_unknown_scores"], doc["placed"]) == (1, 1)
    assert "1 people not in" in out.stderr


def test_people_without_a_jpm_or_a_standard_are_counted(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sari has no MJ.KOM assessment, so no JPM; Agus's position has no standard."""
    scores = data / "kinerja.csv"
    scores.write_text(f"nip,kinerja\n{SARI},80\n{DEDI},85\n{AGUS},95\n", encoding="utf-8")
    std = data / "standar.csv"
    std.write_text(
        "\n".join(line for line in std.read_text().splitlines() if not line.startswith("KABAG"))
        + "\n",
        encoding="utf-8",
    )
    args = ["talent", *gap_args(data), "--scores", str(scores), "--skip-unknown"]
    assert main([*args, "--out", str(data / "kotak.json")]) == 0
    doc = json.loads((data / "kotak.json").read_text(encoding="utf-8"))
    assert [r["nip"] for r in doc["rows"]] == [DEDI]
    assert doc["not_placed_without_jpm"] == 1
    assert doc["not_placed_without_standard"] == 1
    assert doc["skipped_without_standard"] == 1
    err = capsys.readouterr().err
    assert "1 people without a JPM (not every requirement assessed) not placed: " + SARI in err
    assert "1 people without a standard not placed: " + AGUS in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--pool", "instansi", "--by", "unit"], "argument --by: expected no --by or"),
        (["--pool", "nasional", "--distribution"], "argument --distribution: expected no --by"),
        (["--pool", "kota"], "argument --pool: invalid choice: 'kota'"),
        (["--by", "bogus"], "argument --by: expected one or more of agency, position"),
        (["--min-group", "0"], "argument --min-group: expected a whole number >= 1 (got '0')"),
        (["--out", "x.txt"], "argument --out: expected a file name ending in .csv or .json"),
    ],
)
def test_bad_flags_exit_2_naming_the_flag(evidence: Path, extra: list[str], message: str) -> None:
    """Bad option values and options that do not fit together exit 2, the flag named."""
    out = run_cli(*_evidence_args(evidence, *extra))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_inputs_the_command_cannot_use(evidence: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Scores not in CSV, no potential without --assessments, an output that is an input."""
    args = ["talent", "--employees", str(evidence / "pegawai.csv"), "--scores"]
    assert main([*args, str(evidence / "n.json")]) == 2
    assert "argument --scores: expected a .csv file (got " in capsys.readouterr().err
    (evidence / "nilai.csv").write_text(f"nip,kinerja\n{DEDI},80\n", encoding="utf-8")
    assert main([*args, str(evidence / "nilai.csv")]) == 2
    assert "argument --assessments: expected --assessments for the potential" in (
        capsys.readouterr().err
    )
    scores = str(evidence / "nilai.csv")
    assert main([*args, scores, "--out", scores]) == 2
    assert "is an input of this command" in capsys.readouterr().err
    assert main([*args, scores, "--out", str(evidence / "no" / "x.csv")]) == 3
    assert "does not exist" in capsys.readouterr().err


def test_standards_without_assessments(evidence: Path) -> None:
    """--standards or --framework measure the JPM: without --assessments they are refused."""
    for flag in ("--standards", "--framework"):
        out = run_cli(*_evidence_args(evidence, flag, str(evidence / "x.csv")))
        assert out.returncode == 2
        assert f"argument {flag}: expected --assessments with {flag}" in out.stderr


def test_a_scores_file_without_rows(evidence: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scores file of a header only places nobody and names everyone as without a score."""
    (evidence / "nilai.csv").write_text("nip,kinerja\n", encoding="utf-8")
    target = evidence / "kotak.json"
    assert main(_evidence_args(evidence, "--out", str(target))) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["placed"], doc["not_placed_without_score"], doc["rows"]) == (0, 5, [])
    assert "5 people without a score in" in capsys.readouterr().err


def test_the_distribution_is_the_same_in_any_row_order(sample: Path) -> None:
    """Rows of the scores file in reverse order give the same output, byte for byte."""
    one, two = sample / "one.json", sample / "two.json"
    assert main(_sample_args(sample, "--out", str(one))) == 0
    scores = sample / "kinerja.csv"
    lines = scores.read_text(encoding="utf-8").splitlines()
    scores.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    assert main(_sample_args(sample, "--out", str(two))) == 0
    assert one.read_bytes() == two.read_bytes()
