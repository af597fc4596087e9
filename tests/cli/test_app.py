import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from asn_competency import national_framework
from asn_competency.cli import _common as cli_common
from asn_competency.cli import app as cli
from asn_competency.cli import demo as cli_demo
from asn_competency.cli.app import main
from asn_competency.io.case import read_case
from asn_competency.io.csv import read_assessments, read_framework
from asn_competency.io.json import dump, to_data

AGUS, RINA, DEDI, SARI = (
    "197805102003121001",
    "198602142010012003",
    "199107202019031004",
    "199503112020122005",
)


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "asn_competency", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small Disdukcapil office: four people, standards, assessments, a programme."""
    files = {
        "pegawai.csv": (
            "nip;nama;unit_kerja;id_jabatan;jenjang;golongan\n"
            f"{AGUS};Agus Santoso;Sekretariat;KABAG;administrator;IV/a\n"
            f"{RINA};Rina Marlina;Pelayanan;KASI;pengawas;III/c\n"
            f"{DEDI};Dedi Kurniawan;Pelayanan;FO;pelaksana;III/a\n"
            f"{SARI};Sari Wulandari;Pelayanan;FO;pelaksana;II/c\n"
        ),
        "standar.csv": (
            "position_id,competency_id,level,importance,framework_id\n"
            "FO,MJ.PP,2,2,asn-national\nFO,MJ.KOM,2,1,asn-national\n"
            "KASI,MJ.PP,3,1,asn-national\nKASI,MJ.KOM,3,1,asn-national\n"
            "KABAG,MJ.PP,3,1,asn-national\nKABAG,MJ.KOM,3,1,asn-national\n"
        ),
        "penilaian.csv": (
            "nip,competency_id,level,assessed_on\n"
            f"{AGUS},MJ.PP,4,2024-02-01\n{AGUS},MJ.KOM,4,2024-02-01\n"
            f"{RINA},MJ.PP,3,2024-02-01\n{RINA},MJ.KOM,3,2024-02-01\n"
            f"{DEDI},MJ.PP,1,2024-02-01\n{DEDI},MJ.KOM,2,2024-02-01\n"
            f"{SARI},MJ.PP,2,2024-02-01\n"
        ),
        "kegiatan.csv": (
            "activity_id,title,route,targets,jp,cost,start,end,capacity\n"
            "PP-01,Pelayanan prima,workshop,MJ.PP:1,24,3500000,2025-03-01,2025-03-05,30\n"
            "KOM-01,Komunikasi efektif,e_learning,MJ.KOM:1,3,0,2025-02-01,2025-02-01,\n"
        ),
        "peserta.csv": (
            f"nip,activity_id,attendance,completed\n{DEDI},PP-01,1,ya\n{SARI},PP-01,0.8,ya\n"
        ),
        "umpan.csv": "responden,relevance,speaker\n1,4,5\n2,5,4\n3,3,4\n",
        "nilai.csv": f"nip,pre,post\n{DEDI},50,80\n{SARI},60,75\n",
        "skm.csv": (
            "responden;U1;U2;U3;U4;U5;U6;U7;U8;U9\n1;4;4;4;4;4;4;4;4;4\n2;3;3;3;3;3;3;3;3;3\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _gap_args(d: Path, *extra: str) -> list[str]:
    return [
        "--employees",
        str(d / "pegawai.csv"),
        "--assessments",
        str(d / "penilaian.csv"),
        "--standards",
        str(d / "standar.csv"),
        *extra,
    ]


# --- as a user runs it (subprocess) -------------------------------------------------------


def test_demo_runs_as_a_user_runs_it() -> None:
    """`python -m asn_competency demo` prints the tour and exits 0."""
    out = _run("demo")
    assert out.returncode == 0, out.stderr
    assert "Framework asn-national" in out.stdout
    assert "Mentoring graph" in out.stdout


def test_gap_as_a_user_runs_it(data: Path) -> None:
    """The gap table for the office, with JPM checked by hand.

    Dedi (FO): MJ.PP 1 of 2, MJ.KOM 2 of 2 -> JPM = (1 + 2) / (2 + 2) * 100 = 75,
    'Kurang Optimal' (< 78) and 'Masih Memenuhi Syarat' (68 to < 80); weighted
    gap = (2 * 1 + 1 * 0) / 3 = 0.67. Sari has no MJ.KOM assessment: no JPM.
    """
    out = _run("gap", *_gap_args(data))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == [
        "nip", "name", "unit", "position_id", "jpm", "jpm_mapping", "jpm_selection",
        "weighted_gap", "below", "not_assessed",
    ]  # fmt: skip
    dedi = next(line for line in lines if line.startswith(DEDI))
    assert "75.00" in dedi.split()
    assert "Kurang Optimal" in dedi
    assert "Masih Memenuhi Syarat" in dedi
    assert dedi.split()[-3:] == ["0.67", "1", "0"]
    sari = next(line for line in lines if line.startswith(SARI))
    assert sari.split()[-5:] == ["-", "-", "0.00", "0", "1"]


def test_bad_input_as_a_user_runs_it(data: Path) -> None:
    """A bad CSV exits 1 with one line per problem naming file, line and column; no traceback."""
    bad = data / "penilaian.csv"
    bad.write_text(
        f"nip,competency_id,level,assessed_on\n{DEDI},MJ.PP,tiga,2024-02-01\n123,MJ.PP,1,2024-02-01\n",
        encoding="utf-8",
    )
    out = _run("gap", *_gap_args(data))
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"{bad}: line 2, column 'level': expected a whole number (got 'tiga')",
        f"{bad}: line 3, column 'nip': expected 18 digits (got '123')",
    ]
    assert "Traceback" not in out.stderr


def test_usage_error_exit_code() -> None:
    """An unknown command exits 2 with usage text."""
    out = _run("frobnicate")
    assert out.returncode == 2
    assert "usage:" in out.stderr


# --- in process ---------------------------------------------------------------------------


def test_demo_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo tour prints every section."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for heading in ("Framework", "People", "Current levels", "Required levels", "Programme"):
        assert heading in out


def test_every_command_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """Each command's --help ends with an example of its use."""
    for command in ("demo", "validate", "convert", "gap", "plan", "match", "skm", "evaluate"):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0
        assert f"asn-competency {command}" in capsys.readouterr().out.split("Example")[-1]


def test_gap_items_and_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--items gives one row per requirement; --out .json writes records."""
    out = data / "items.json"
    assert main(["gap", *_gap_args(data, "--items", "--out", str(out))]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    dedi_pp = next(r for r in rows if r["nip"] == DEDI and r["competency_id"] == "MJ.PP")
    assert dedi_pp == {
        "nip": DEDI,
        "name": "Dedi Kurniawan",
        "competency_id": "MJ.PP",
        "required": 2,
        "level": 1.0,
        "gap": 1.0,
        "status": "below",
    }
    assert "wrote 8 rows" in capsys.readouterr().err


def test_gap_by_unit_to_csv(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--by unit summarises groups; small groups are suppressed and counted."""
    out = data / "unit.csv"
    assert (
        main(["gap", *_gap_args(data, "--by", "unit", "--min-group", "3", "--out", str(out))]) == 0
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "unit,people,competency_id,required_of,assessed,meeting,mean_gap,share_below,suppressed"
    )
    # Pelayanan has 3 people; Sekretariat (1 person) is suppressed.
    assert all(line.startswith("Pelayanan,3,") for line in lines[1:])
    assert "1 group(s) of fewer than 3 people not shown" in capsys.readouterr().err


def test_gap_with_default_standards_by_tier(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --standards, each person gets the national level of their tier."""
    args = ["gap", "--employees", str(data / "pegawai.csv")]
    args += ["--assessments", str(data / "penilaian.csv"), "--framework", str(data / "fw.json")]
    dump(national_framework(), data / "fw.json")
    assert main(args) == 0
    out = capsys.readouterr().out
    # Nine managerial and socio-cultural competencies each, at most two assessed.
    assert all(line.split()[-1] in ("7", "8") for line in out.splitlines()[2:])


def test_gap_without_tier_or_standard(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A person without a tier and no --standards is a clear input error."""
    (data / "pegawai.csv").write_text(f"nip,nama\n{DEDI},Dedi\n", encoding="utf-8")
    (data / "penilaian.csv").write_text(
        f"nip,competency_id,level,assessed_on\n{DEDI},MJ.PP,1,2024-02-01\n", encoding="utf-8"
    )
    args = ["gap", "--employees", str(data / "pegawai.csv"), "--assessments"]
    assert main([*args, str(data / "penilaian.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert f"employee {DEDI} tier" in err


def test_match(data: Path) -> None:
    """The one person below standard (Dedi, MJ.PP) gets a mentor who reaches MJ.PP."""
    out = data / "match.json"
    assert main(["match", *_gap_args(data, "--out", str(out))]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["objective"] == "optimal"
    [pair] = doc["rows"]
    assert pair["mentee"] == DEDI
    assert pair["covered"] == ["MJ.PP"]
    assert doc["unmatched_mentees"] == []


def test_plan(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The plan assigns activities within the budget and reports the totals."""
    out = data / "plan.csv"
    args = ["--catalogue", str(data / "kegiatan.csv"), "--year", "2025", "--budget", "5000000"]
    assert main(["plan", *_gap_args(data, *args, "--out", str(out))]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "nip,activity_id,route,competency_ids,jp,cost,gap_closed"
    assert len(lines) > 1
    cost = sum(float(line.split(",")[5]) for line in lines[1:])
    assert cost <= 5_000_000
    assert "plan 2025:" in capsys.readouterr().err


def test_skm(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two respondents, all 4s and all 3s: NRR 3.5 everywhere, IKM 87.5, grade B."""
    assert main(["skm", str(data / "skm.csv")]) == 0
    out = capsys.readouterr().out
    assert "IKM 87.5" in out
    assert "grade B Baik" in out
    target = data / "skm.json"
    assert main(["skm", str(data / "skm.csv"), "--policy", "2004", "--out", str(target)]) == 1
    assert "'U10'" in capsys.readouterr().err
    assert not target.exists()


def test_evaluate(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Feedback, tests and assessments give levels 1-3 of the scorecard."""
    out = data / "card.json"
    args = ["evaluate", "--activities", str(data / "kegiatan.csv")]
    args += ["--enrolments", str(data / "peserta.csv"), "--id", "PP", "--title", "Pelayanan"]
    args += ["--reaction", str(data / "umpan.csv"), "--tests", str(data / "nilai.csv")]
    after = data / "sesudah.csv"
    after.write_text(
        (data / "penilaian.csv").read_text(encoding="utf-8") + f"{DEDI},MJ.PP,2,2024-06-01\n",
        encoding="utf-8",
    )
    args += ["--assessments", str(after), "--start", "2024-03-01", "--end", "2024-03-05"]
    assert main([*args, "--out", str(out)]) == 0
    card = json.loads(out.read_text(encoding="utf-8"))
    assert card["programme_id"] == "PP"
    assert [r["available"] for r in card["rows"]] == [True, True, True, False, False]
    # Level 2: gain of the means = (77.5 - 55) / (100 - 55) = 0.5.
    assert "0.50" in card["rows"][1]["detail"]
    assert "composite" in capsys.readouterr().out


def test_evaluate_from_programme_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A programme JSON works as well; a test file without 'post' is an input error."""
    from asn_competency.io.csv import read_programme  # noqa: PLC0415

    prog = read_programme(data / "kegiatan.csv", data / "peserta.csv", id="PP", title="T")
    dump(prog, data / "prog.json")
    (data / "nilai.csv").write_text(f"nip,pre\n{DEDI},50\n", encoding="utf-8")
    args = ["evaluate", "--programme", str(data / "prog.json"), "--tests", str(data / "nilai.csv")]
    assert main(args) == 1
    assert "expected columns 'pre' and 'post'" in capsys.readouterr().err
    (data / "umpan.csv").write_text("relevance\nx\n", encoding="utf-8")
    args = ["evaluate", "--programme", str(data / "prog.json"), "--reaction"]
    assert main([*args, str(data / "umpan.csv")]) == 1
    assert (
        "line 2, column 'relevance': expected a whole number (got 'x')" in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate"],
        ["evaluate", "--programme", "p.json", "--activities", "a.csv"],
        ["evaluate", "--programme", "p.json", "--assessments", "a.csv"],
    ],
)
def test_evaluate_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Options that do not fit together are usage errors (exit 2)."""
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    if "--assessments" not in args:
        assert "give exactly one of --programme (JSON) and --activities (CSV)" in err


def test_bad_date_option(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed date is rejected by the parser (exit 2)."""
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", "--programme", "p.json", "--start", "1/2/2024"])
    assert exc.value.code == 2
    assert "expected a date YYYY-MM-DD" in capsys.readouterr().err


# --- output checks happen before any work --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing/out.csv", "does not exist"),
        ("out.txt", "must end in .csv or .json"),
        ("folder.csv", "is a folder"),
    ],
)
def test_output_problems_before_work(
    data: Path, name: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unusable --out path exits 3 before any input is read."""
    (data / "folder.csv").mkdir()
    # The inputs do not exist: the output check must come first.
    args = ["gap", "--employees", "x.csv", "--assessments", "y.csv", "--out", str(data / name)]
    assert main(args) == 3
    assert expected in capsys.readouterr().err


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


def test_output_permission_check_is_consulted(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The permission check uses os.access on the folder (exercised even as root)."""
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    assert main(["skm", str(data / "skm.csv"), "--out", str(data / "o.csv")]) == 3
    assert "no permission" in capsys.readouterr().err


# --- validate and convert -----------------------------------------------------------------


def test_validate_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid framework file passes."""
    f = tmp_path / "fw.json"
    dump(national_framework(), f)
    assert main(["validate", str(f)]) == 0
    assert capsys.readouterr().out.strip() == f"{f}: ok"


def test_validate_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad file exits 1 and lists each problem with its path."""
    data = to_data(national_framework())
    data["competencies"][3]["scale"]["levels"][0]["number"] = 9
    data["competencies"][0]["type"] = "x"
    f = tmp_path / "fw.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(f)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        f"{f}: $.competencies[0].type: must be one of "
        "'teknis', 'manajerial', 'sosial_kultural' (got 'x')",
        f"{f}: $.competencies[3].scale.levels[0].number: "
        "must be 1 (levels are numbered 1..n in order) (got 9)",
    ]


@pytest.mark.parametrize(
    ("content", "kind", "expected"),
    [
        ("{not json", None, "line 1, column 2: not valid JSON"),
        ('{"n": ' + "9" * 5000 + "}", None, "not valid JSON: a number of more than"),
        ("[" * 100_000 + "]" * 100_000, None, "not valid JSON: arrays or objects nested"),
        ('{"x": 1}', None, "cannot tell the document kind"),
        (
            '[{"nip": "1", "competency_id": "A", "level": 1, "assessed_on": "2024-01-01"}]',
            None,
            "$[0].nip: must be 18 digits (got '1')",
        ),
        (
            '[{"nip": "199001012015031001", "name": "A", "tier": "x"}]',
            None,
            "$[0].tier: must be one of",
        ),
        (
            '{"position_id": "P", "framework_id": "f", '
            '"requirements": [{"competency_id": "A", "level": 0}]}',
            None,
            "$.requirements[0].level: must be a whole number >= 1 (got 0)",
        ),
        (
            '{"id": "P", "title": "t", "activities": [], "budget": -1}',
            None,
            "$.budget: must be a number >= 0 (got -1.0)",
        ),
        ('{"id": "P"}', "programme", "$.title: required field missing"),
        ('[{"position_id": "P"}]', "standards", "$[0].framework_id: required field missing"),
        ('[{"requirements": []}]', None, "$[0].position_id: required field missing"),
        ('[{"route": "x"}]', None, "$[0].id: required field missing"),
        ('{"CFDocument": {}}', None, "$.CFDocument.identifier: required field missing"),
    ],
)
def test_validate_reports(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    kind: str | None,
    expected: str,
) -> None:
    """Each kind of bad JSON file is reported in one readable line per problem."""
    f = tmp_path / "doc.json"
    f.write_text(content, encoding="utf-8")
    args = ["validate", str(f)] + (["--kind", kind] if kind else [])
    assert main(args) == 1
    assert expected in capsys.readouterr().err


def test_validate_csv(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CSV files are validated by kind, against a framework when given."""
    dump(national_framework(), data / "fw.json")
    assert (
        main(["validate", str(data / "penilaian.csv"), "--framework", str(data / "fw.json")]) == 0
    )
    assert main(["validate", str(data / "skm.csv")]) == 0
    (data / "bad.csv").write_text("nip,competency_id,level,assessed_on\n1,X,1,2024-01-01\n")
    assert main(["validate", str(data / "bad.csv"), "--kind", "assessments"]) == 1
    err = capsys.readouterr().err
    assert f"{data / 'bad.csv'}: line 2, column 'nip': expected 18 digits (got '1')" in err


def test_validate_kind_must_fit_the_format(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON kind for a CSV file (or the reverse) is a usage error."""
    assert main(["validate", str(data / "skm.csv"), "--kind", "case"]) == 2
    assert main(["validate", str(data / "x.json"), "--kind", "skm"]) == 2
    assert "is not a" in capsys.readouterr().err


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is an input problem, not a crash."""
    assert main(["validate", str(tmp_path / "nope.json")]) == 1
    assert "cannot read file" in capsys.readouterr().err


def test_convert_framework_json_case_csv(tmp_path: Path) -> None:
    """framework JSON -> CASE -> CSV (Indonesian headers, ';') -> JSON keeps the framework."""
    fw = national_framework()
    dump(fw, tmp_path / "fw.json")
    assert main(["convert", str(tmp_path / "fw.json"), str(tmp_path / "fw.case.json")]) == 0
    assert read_case(tmp_path / "fw.case.json") == fw
    args = ["convert", str(tmp_path / "fw.case.json"), str(tmp_path / "kamus.csv")]
    assert main([*args, "--headers", "id", "--sep", ";", "--bom"]) == 0
    raw = (tmp_path / "kamus.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfkompetensi;nama;")
    assert read_framework(tmp_path / "kamus.csv") == fw
    assert main(["convert", str(tmp_path / "kamus.csv"), str(tmp_path / "back.json")]) == 0
    assert main(["convert", str(tmp_path / "back.json"), str(tmp_path / "x.json"), "--case"]) == 0
    assert read_case(tmp_path / "x.json") == fw


def test_convert_lists(data: Path) -> None:
    """Assessments, employees, standards and activities convert CSV <-> JSON."""
    for name, kind in [
        ("penilaian", "assessments"),
        ("pegawai", "employees"),
        ("standar", "standards"),
        ("kegiatan", "activities"),
    ]:
        src, mid, back = data / f"{name}.csv", data / f"{name}.json", data / f"{name}2.csv"
        assert main(["convert", str(src), str(mid)]) == 0, kind
        assert main(["convert", str(mid), str(back)]) == 0, kind
    assert read_assessments(data / "penilaian2.csv") == read_assessments(data / "penilaian.csv")


def test_convert_programme_json_to_two_csv_files(data: Path) -> None:
    """A programme JSON becomes an activities file and a '-enrolments' file."""
    from asn_competency.io.csv import read_programme  # noqa: PLC0415

    prog = read_programme(data / "kegiatan.csv", data / "peserta.csv", id="PP", title="T")
    dump(prog, data / "prog.json")
    assert main(["convert", str(data / "prog.json"), str(data / "prog.csv")]) == 0
    back = read_programme(data / "prog.csv", data / "prog-enrolments.csv", id="PP", title="T")
    assert back == prog
    std = data / "one.json"
    std.write_text(
        '{"position_id": "P", "framework_id": "f", "requirements": '
        '[{"competency_id": "A", "level": 1}]}',
        encoding="utf-8",
    )
    assert main(["convert", str(std), str(data / "one.csv")]) == 0


@pytest.mark.parametrize(
    ("src", "out", "extra", "code", "expected"),
    [
        ("penilaian.csv", "p.case.json", [], 2, "only a framework can be written as a CASE"),
        ("peserta.csv", "p.json", [], 2, "enrolments alone have no JSON form"),
        ("skm.csv", "s.json", [], 2, "cannot convert a CSV file of kind 'skm'"),
        ("umpan.csv", "u.json", [], 1, "cannot tell the kind of CSV file"),
        ("x.json", "x.csv", [], 1, "cannot tell the document kind"),
        ("x.json", "x.csv", ["--kind", "nonsense"], 2, "--kind nonsense is not a JSON kind"),
        ("x.json", "x.csv", ["--kind", ""], 2, "--kind  is not a JSON kind"),
        ("penilaian.csv", "p.json", ["--kind", ""], 2, "cannot convert a CSV file of kind ''"),
    ],
)
def test_convert_problems(  # noqa: PLR0917 - parametrized cases
    data: Path,
    capsys: pytest.CaptureFixture[str],
    src: str,
    out: str,
    extra: list[str],
    code: int,
    expected: str,
) -> None:
    """Conversions that cannot be done say why."""
    (data / "x.json").write_text('{"x": 1}', encoding="utf-8")
    assert main(["convert", str(data / src), str(data / out), *extra]) == code
    assert expected in capsys.readouterr().err


def test_convert_with_explicit_kind(data: Path) -> None:
    """--kind settles documents whose kind cannot be guessed; JSON to JSON rewrites."""
    prog = data / "prog.json"
    prog.write_text('{"id": "P", "title": "T"}', encoding="utf-8")
    assert main(["convert", str(prog), str(data / "p.csv"), "--kind", "programme"]) == 0
    fw = data / "fw.json"
    dump(national_framework(), fw)
    assert main(["convert", str(fw), str(data / "fw2.json")]) == 0


# --- output helpers -----------------------------------------------------------------------


def test_progress_only_on_a_terminal_after_a_delay() -> None:
    """Progress is written to a terminal after the delay, and never to a pipe."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    progress = cli_common.Progress("reading a.csv", delay=0.0, stream=tty)
    progress(10_000)
    progress.done()
    assert tty.getvalue().startswith("\rreading a.csv: 10,000 rows")
    assert tty.getvalue().endswith("\n")
    pipe = io.StringIO()
    quiet = cli_common.Progress("reading a.csv", delay=0.0, stream=pipe)
    quiet(10_000)
    quiet.done()
    assert pipe.getvalue() == ""
    slow = cli_common.Progress("x", delay=60.0, stream=Tty())
    slow(1)
    assert not slow.shown


def test_broken_pipe_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the reader of the output goes away, the command stops quietly."""

    def boom(_args: object) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(cli_demo, "run", boom)
    monkeypatch.setattr(os, "dup2", lambda *_a: None)
    assert main(["demo"]) == 0


def test_os_errors_while_writing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OSError during the work (disk full) is exit 3 with one line."""

    def full(_args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_demo, "run", full)
    assert main(["demo"]) == 3
    assert capsys.readouterr().err == "error: [Errno 28] No space left on device\n"


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
        "print(sorted(m for m in ('pandas', 'numpy', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_gap_with_json_and_case_inputs(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Inputs may mix CSV, JSON and CASE: a CASE framework, one standard, a programme catalogue."""
    from asn_competency.io.case import write_case  # noqa: PLC0415
    from asn_competency.io.csv import (  # noqa: PLC0415
        read_assessments,
        read_employees,
        read_programme,
        read_standards,
        write_framework,
    )

    write_case(national_framework(), data / "fw.case.json")
    write_framework(national_framework(), data / "fw.csv")
    dump(list(read_employees(data / "pegawai.csv")), data / "pegawai.json")
    dump(list(read_assessments(data / "penilaian.csv")), data / "penilaian.json")
    [fo] = [s for s in read_standards(data / "standar.csv") if s.position_id == "FO"]
    dump(fo, data / "fo.json")
    base = ["--employees", str(data / "pegawai.json"), "--assessments"]
    base += [str(data / "penilaian.json"), "--standards", str(data / "standar.csv")]
    for fw in ("fw.case.json", "fw.csv"):
        assert main(["gap", *base, "--framework", str(data / fw)]) == 0
    capsys.readouterr()
    # A single standard in JSON: people in other positions have no standard.
    args = ["gap", "--employees", str(data / "pegawai.csv"), "--assessments"]
    args += [str(data / "penilaian.csv"), "--standards", str(data / "fo.json")]
    assert main(args) == 1
    assert "error: " in capsys.readouterr().err
    prog = read_programme(data / "kegiatan.csv", data / "peserta.csv", id="PP", title="T")
    dump(prog, data / "prog.json")
    plan = ["plan", *_gap_args(data), "--catalogue", str(data / "prog.json")]
    assert main([*plan, "--year", "2025", "--budget", "0"]) == 0
    assert "plan 2025" in capsys.readouterr().err


def test_match_reports_mentees_left_without_a_mentor(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When nobody reaches the level a mentee needs, the mentee is listed with the reason."""
    (data / "penilaian.csv").write_text(
        "nip,competency_id,level,assessed_on\n"
        f"{DEDI},MJ.PP,1,2024-02-01\n{DEDI},MJ.KOM,2,2024-02-01\n",
        encoding="utf-8",
    )
    assert main(["match", *_gap_args(data)]) == 0
    err = capsys.readouterr().err
    assert "1 people below standard, 1 without a mentor" in err
    assert f"  {DEDI}: " in err


def test_evaluate_tests_one_row_per_person(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A person twice in the test scores is an input error, not a silent overwrite."""
    (data / "nilai.csv").write_text(
        f"nip,pre,post\n{DEDI},50,80\n{SARI},60,75\n{DEDI},60,70\n", encoding="utf-8"
    )
    args = ["evaluate", "--activities", str(data / "kegiatan.csv"), "--tests"]
    assert main([*args, str(data / "nilai.csv")]) == 1
    err = capsys.readouterr().err
    assert "line 4, column 'nip': expected one row per person (line 2 has this id)" in err
    # Rows without an id column are numbered, so they never clash.
    (data / "nilai.csv").write_text("pre,post\n50,80\n50,80\n", encoding="utf-8")
    assert main([*args, str(data / "nilai.csv")]) == 0
    assert "n = 2" in capsys.readouterr().out


def test_gap_standards_name_each_position_once(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON list that gives one position two standards is refused, whatever the order."""
    from asn_competency.io.csv import read_standards  # noqa: PLC0415

    standards = list(read_standards(data / "standar.csv"))
    [fo] = [s for s in standards if s.position_id == "FO"]
    dump([*standards, fo], data / "standar.json")
    args = ["gap", "--employees", str(data / "pegawai.csv"), "--assessments"]
    args += [str(data / "penilaian.csv"), "--standards", str(data / "standar.json")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "standar.json: $[3].position_id: expected a position not already in $[0]" in err


def test_match_combines_mentor_levels_like_the_gaps(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--combination applies to the mentors' levels too, not only to the gaps."""
    (data / "penilaian.csv").write_text(
        "nip,competency_id,level,assessed_on\n"
        f"{AGUS},MJ.PP,4,2023-02-01\n{AGUS},MJ.PP,1,2024-02-01\n{AGUS},MJ.KOM,4,2024-02-01\n"
        f"{RINA},MJ.PP,1,2024-02-01\n{RINA},MJ.KOM,3,2024-02-01\n"
        f"{DEDI},MJ.PP,1,2024-02-01\n{DEDI},MJ.KOM,2,2024-02-01\n",
        encoding="utf-8",
    )
    out = data / "mentor.json"
    assert main(["match", *_gap_args(data, "--combination", "highest", "--out", str(out))]) == 0
    pairs = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert {(p["mentor"], p["mentee"]) for p in pairs} >= {(AGUS, DEDI)}
    assert "no mentor reaches" not in capsys.readouterr().err
