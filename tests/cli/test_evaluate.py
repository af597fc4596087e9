import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from asn_competency.io.csv import read_programme
from asn_competency.io.json import dump
from tests.cli.helpers import DEDI, SARI, run_cli


def _programme(data: Path) -> list[str]:
    return [
        "evaluate",
        "--activities",
        str(data / "kegiatan.csv"),
        "--enrolments",
        str(data / "peserta.csv"),
        "--id",
        "PP",
    ]


def test_tests_of_people_not_enrolled_or_with_a_bad_nip_are_refused(data: Path) -> None:
    """A NIP with month 99 of someone not enrolled, or a NIP that is none, is named by line."""
    tests = data / "nilai.csv"
    tests.write_text(
        f"nip,pre,post\n{DEDI},50,80\n199107202019991004,50,70\n199199202019031004,40,60\n",
        encoding="utf-8",
    )
    out = run_cli(*_programme(data), "--tests", str(tests))
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert lines[0] == (
        f"{tests}: line 3, column 'nip': expected a NIP enrolled in the programme "
        "(or --skip-unknown) (got '199107202019991004')"
    )
    assert lines[1].startswith(f"{tests}: line 4, column 'nip': expected a NIP whose digits 1-8")
    tests.write_text(f"nip,pre,post\n{DEDI},50,80\n197805102003121001,40,60\n", encoding="utf-8")
    target = data / "card.json"
    out = run_cli(*_programme(data), "--tests", str(tests), "--skip-unknown", "--out", str(target))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["skipped_tests"] == 1
    assert "n = 1" in doc["rows"][1]["detail"]


def test_behaviour_counts_only_the_activities_people_enrolled_in(data: Path) -> None:
    """Level 3 compares the competencies of enrolled activities (MJ.PP), not the whole catalogue."""
    after = data / "sesudah.csv"
    after.write_text(
        (data / "penilaian.csv").read_text(encoding="utf-8")
        + f"{DEDI},MJ.PP,2,2025-06-01\n{DEDI},MJ.KOM,3,2025-06-01\n{SARI},MJ.PP,2,2025-06-01\n",
        encoding="utf-8",
    )
    target = data / "card.json"
    out = run_cli(
        *_programme(data),
        "--assessments",
        str(after),
        "--start",
        "2025-03-01",
        "--end",
        "2025-03-05",
        "--out",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    level3 = json.loads(target.read_text(encoding="utf-8"))["rows"][2]
    # Dedi MJ.PP 1 -> 2 improved, Sari MJ.PP 2 -> 2 unchanged; MJ.KOM (KOM-01) is not counted.
    assert level3["detail"].startswith("50% of 2 assessed pairs improved")


def test_all_five_levels_from_files(sample: Path) -> None:
    """Feedback, tests, assessments, indicators, benefits and costs give levels 1-5."""
    target = sample / "kartu.json"
    out = run_cli(
        "evaluate",
        "--activities",
        str(sample / "program-kegiatan.csv"),
        "--enrolments",
        str(sample / "program-peserta.csv"),
        "--id",
        "DUKCAPIL-2025",
        "--owner",
        "Disdukcapil",
        "--reaction",
        str(sample / "umpan.csv"),
        "--invited",
        "4",
        "--tests",
        str(sample / "nilai.csv"),
        "--assessments",
        str(sample / "penilaian-2025.csv"),
        "--start",
        "2025-05-05",
        "--end",
        "2025-08-29",
        "--indicators",
        str(sample / "indikator.csv"),
        "--benefits",
        str(sample / "manfaat.csv"),
        "--costs",
        str(sample / "biaya.csv"),
        "--out",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [r["available"] for r in doc["rows"]] == [True] * 5
    assert doc["missing"] == []
    assert doc["confidence"] == 1.0
    # Level 5: benefits 10.8 M over costs 9 M: BCR 1.20, ROI 20 %.
    assert doc["rows"][4]["detail"] == "BCR 1.20, ROI 20 %"
    assert doc["band"]


def test_a_programme_json_and_the_programme_period(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A programme JSON works; level 3 takes the programme's own period when none is given."""
    prog = read_programme(data / "kegiatan.csv", data / "peserta.csv", id="PP", title="T")
    dump(prog, data / "prog.json")
    args = ["evaluate", "--programme", str(data / "prog.json")]
    assert main([*args, "--reaction", str(data / "umpan.csv")]) == 0
    assert "composite" in capsys.readouterr().out
    assert main([*args, "--assessments", str(data / "penilaian.csv")]) == 2
    assert "argument --start: expected the programme's first day" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (f"nip,pre\n{DEDI},50\n", "line 1: expected a column 'post', 'sesudah', 'posttest'"),
        (f"nip,pre,post\n{DEDI},x,80\n", "line 2, column 'pre': expected a number (got 'x')"),
        (
            f"nip,pre,post\n{DEDI},50,80\n{DEDI},60,70\n",
            "line 3, column 'nip': expected one row per person (line 2 has this NIP)",
        ),
    ],
)
def test_bad_test_files(
    data: Path, content: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each bad test file is named by line and column."""
    (data / "nilai.csv").write_text(content, encoding="utf-8")
    assert main([*_programme(data), "--tests", str(data / "nilai.csv")]) == 1
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("umpan.csv", "relevance\nx\n", "line 2, column 'relevance': expected a whole number"),
        (
            "indikator.csv",
            "id,name,unit,direction,before,after\nw,W,min,sideways,1,x\n",
            "line 2, column 'after': expected a number (got 'x')",
        ),
        (
            "indikator.csv",
            "id,name,unit,direction,after\nw,W,min,sideways,1\n",
            "line 2, column 'direction': expected one of 'higher', 'lower' (got 'sideways')",
        ),
        ("manfaat.csv", "item,jumlah\na,-1\n", "line 2, column 'jumlah': expected an amount >= 0"),
        (
            "manfaat.csv",
            "item,jumlah\na,x\n",
            "line 2, column 'jumlah': expected an amount in rupiah",
        ),
        (
            "manfaat.csv",
            "item,jumlah\na,1\na,2\n",
            "line 3, column 'item': expected each item once",
        ),
    ],
)
def test_bad_level_files(
    data: Path, name: str, content: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each bad feedback, indicator or amount file is named by line and column."""
    (data / name).write_text(content, encoding="utf-8")
    (data / "biaya.csv").write_text("item,jumlah\nx,10\n", encoding="utf-8")
    flag = {"umpan.csv": "--reaction", "indikator.csv": "--indicators", "manfaat.csv": "--benefits"}
    args = [*_programme(data), flag[name], str(data / name)]
    if name == "manfaat.csv":
        args += ["--costs", str(data / "biaya.csv")]
    assert main(args) == 1
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "argument --programme: expected --programme (JSON) or --activities (CSV)"),
        (
            ["--programme", "p.json", "--activities", "a.csv"],
            "argument --activities: expected either",
        ),
        (["--activities", "a.csv"], "argument --id: expected the programme's id"),
        (["--programme", "p.json", "--benefits", "b.csv"], "argument --costs: expected both"),
        (["--programme", "p.json", "--costs", "b.csv"], "argument --benefits: expected both"),
        (["--programme", "p.json", "--min-score", "100"], "argument --max-score: expected more"),
        (["--programme", "p.json", "--start", "1/2/2024"], "argument --start: expected a date"),
    ],
)
def test_usage_errors(args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Options that do not fit together exit 2, naming the flag."""
    assert main(["evaluate", *args]) == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert expected in err


def test_tests_of_nobody_enrolled(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """When every test row is skipped, level 2 has no data."""
    (data / "nilai.csv").write_text("nip,pre,post\n197805102003121001,40,60\n", encoding="utf-8")
    args = [*_programme(data), "--tests", str(data / "nilai.csv"), "--skip-unknown"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "skipped the tests of 1 people not enrolled" in out
    assert "L2 learning: missing" in out
