import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import run_cli


def test_a_missing_answer_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    """An empty cell is refused by default, naming the file, its line and column."""
    survey = tmp_path / "skm.csv"
    survey.write_text(
        "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,,4\n\n3,3,3,3,3,3,3,3,5\n", encoding="utf-8"
    )
    out = run_cli("skm", str(survey))
    assert out.returncode == 1
    expected = "expected a whole answer 1-4 (or --invalid-answers)"
    assert out.stderr.splitlines() == [
        f"{survey}: line 2, column 'U8': {expected} (got '')",
        f"{survey}: line 4, column 'U9': {expected} (got 5)",
    ]


def test_missing_answers_can_be_left_out(tmp_path: Path) -> None:
    """--invalid-answers exclude-answer leaves the answer out, as the API can, and counts it."""
    survey = tmp_path / "skm.csv"
    survey.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,,4\n3,3,3,3,3,3,3,3,3\n")
    target = tmp_path / "ikm.json"
    out = run_cli("skm", str(survey), "--invalid-answers", "exclude-answer", "--out", str(target))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["excluded_answers"] == 1
    assert doc["respondents"] == 2
    u8 = next(r for r in doc["rows"] if r["code"] == "U8")
    assert (u8["answers"], u8["nrr"]) == (1, 3.0)
    target = tmp_path / "ikm2.json"
    out = run_cli(
        "skm", str(survey), "--invalid-answers", "exclude-respondent", "--out", str(target)
    )
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["respondents"], doc["excluded_respondents"]) == (1, 1)


def test_csv_output_keeps_the_index_and_grade(data: Path) -> None:
    """skm --out x.csv carries the index, converted index and grade beside each element."""
    target = data / "ikm.csv"
    out = run_cli("skm", str(data / "skm.csv"), "--out", str(target))
    assert out.returncode == 0, out.stderr
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "code,name,answers,nrr,weight,weighted,index,converted,grade,label,respondents,"
        "excluded_answers,excluded_respondents,policy"
    )
    assert lines[1].endswith(",3.5,87.5,B,Baik,2,0,0,permenpanrb-14-2017 2017.1")


def test_table_and_other_policies(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two respondents, all 4s and all 3s: IKM 87.5, grade B; the 2004 rule needs U10-U14."""
    assert main(["skm", str(data / "skm.csv")]) == 0
    out = capsys.readouterr().out
    assert "IKM 87.5" in out
    assert "grade B Baik" in out
    target = data / "skm.json"
    assert main(["skm", str(data / "skm.csv"), "--policy", "2004", "--out", str(target)]) == 1
    assert "'U10'" in capsys.readouterr().err
    assert not target.exists()


def test_a_survey_without_respondents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A header alone is an input problem, not a crash."""
    survey = tmp_path / "skm.csv"
    survey.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n", encoding="utf-8")
    assert main(["skm", str(survey)]) == 1
    assert "line 2: expected at least one respondent (got 'no rows')" in capsys.readouterr().err


def test_an_element_left_without_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Leaving bad answers out can leave an element with none: the column is named."""
    survey = tmp_path / "skm.csv"
    survey.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n5,4,4,4,4,4,4,4,4\n", encoding="utf-8")
    assert main(["skm", str(survey), "--invalid-answers", "exclude-answer"]) == 1
    assert capsys.readouterr().err.startswith(f"{survey}: column 'U1': expected ")
