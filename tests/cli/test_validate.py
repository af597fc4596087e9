import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from asn_competency.io.json import dump, to_data
from asn_competency.policies.national import national_framework
from tests.cli.helpers import run_cli


def test_a_standard_file_without_a_framework_column_is_valid(tmp_path: Path) -> None:
    """The how-to's standard file validates; no message names a column it does not have."""
    std = tmp_path / "std.csv"
    std.write_text("jabatan;kompetensi;tingkat;bobot\nPELAKSANA.UMUM;MJ.PP;2;2\n", encoding="utf-8")
    out = run_cli("validate", str(std))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{std}: ok"
    std.write_text("jabatan;kompetensi;tingkat\nPELAKSANA.UMUM;MJ.XX;2\n", encoding="utf-8")
    out = run_cli("validate", str(std), "--national")
    assert out.returncode == 1
    assert "column 'kompetensi': expected a known competency of framework 'asn-national'" in (
        out.stderr
    )


def test_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid framework file passes."""
    f = tmp_path / "fw.json"
    dump(national_framework(), f)
    assert main(["validate", str(f)]) == 0
    assert capsys.readouterr().out.strip() == f"{f}: ok"


def test_every_problem_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad file exits 1 and lists each problem with its path."""
    data = to_data(national_framework())
    data["competencies"][3]["scale"]["levels"][0]["number"] = 9
    data["competencies"][0]["type"] = "x"
    f = tmp_path / "fw.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(f)]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"{f}: $.competencies[0].type: must be one of "
        "'teknis', 'manajerial', 'sosial_kultural' (got 'x')",
        f"{f}: $.competencies[3].scale.levels[0].number: "
        "must be 1 (levels are numbered 1..n in order) (got 9)",
    ]


@pytest.mark.parametrize(
    ("content", "kind", "expected"),
    [
        ("{not json", None, "line 1, column 2: not valid JSON"),
        ('{"x": 1}', None, "cannot tell the document kind"),
        (
            '[{"nip": "1", "competency_id": "A", "level": 1, "assessed_on": "2024-01-01"}]',
            None,
            "$[0].nip: must be 18 digits (got '1')",
        ),
        ('{"id": "P"}', "programme", "$.title: required field missing"),
        ('[{"activity_id": "A"}]', None, "$[0].nip: required field missing"),
        ('{"CFDocument": {}}', None, "$.CFDocument.identifier: required field missing"),
    ],
)
def test_reports(
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


def test_csv_files(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CSV files are validated by kind, against a framework when given."""
    dump(national_framework(), data / "fw.json")
    assert (
        main(["validate", str(data / "penilaian.csv"), "--framework", str(data / "fw.json")]) == 0
    )
    assert main(["validate", str(data / "skm.csv")]) == 0
    (data / "bad.csv").write_text("nip,competency_id,level,assessed_on\n1,X,1,2024-01-01\n")
    assert main(["validate", str(data / "bad.csv"), "--kind", "assessments"]) == 1
    assert f"{data / 'bad.csv'}: line 2, column 'nip': expected 18 digits (got '1')" in (
        capsys.readouterr().err
    )


def test_the_kind_must_fit_the_format(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON kind for a CSV file (or the reverse) is a usage error naming --kind."""
    assert main(["validate", str(data / "skm.csv"), "--kind", "case"]) == 2
    assert "argument --kind: expected a CSV kind" in capsys.readouterr().err
    assert main(["validate", str(data / "x.json"), "--kind", "skm"]) == 2
    assert "argument --kind: expected a JSON kind" in capsys.readouterr().err


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is an input problem, not a crash."""
    assert main(["validate", str(tmp_path / "nope.json")]) == 1
    assert "cannot read file" in capsys.readouterr().err
