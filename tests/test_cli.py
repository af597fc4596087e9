import json
import subprocess
import sys
from pathlib import Path

import pytest

from asn_competency import national_framework
from asn_competency.cli import main
from asn_competency.serialization import dump, to_data


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "asn_competency", *args], capture_output=True, text=True, check=False
    )


def test_demo_runs_as_a_user_runs_it() -> None:
    """`python -m asn_competency demo` prints the tour and exits 0."""
    out = _run("demo")
    assert out.returncode == 0, out.stderr
    assert "Framework asn-national" in out.stdout
    assert "Mentoring graph" in out.stdout


def test_validate_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid framework file passes."""
    f = tmp_path / "fw.json"
    dump(national_framework(), f)
    assert main(["validate", str(f)]) == 0
    assert capsys.readouterr().out.strip() == f"{f}: ok"


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    """A bad file exits 1 and lists each problem with its path, no traceback."""
    data = to_data(national_framework())
    data["competencies"][3]["scale"]["levels"][0]["number"] = 9
    data["competencies"][0]["type"] = "x"
    f = tmp_path / "fw.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    out = _run("validate", str(f))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert lines == [
        f"{f}: $.competencies[0].type: must be one of "
        "'teknis', 'manajerial', 'sosial_kultural' (got 'x')",
        f"{f}: $.competencies[3].scale.levels[0].number: "
        "must be 1 (levels are numbered 1..n in order) (got 9)",
    ]
    assert "Traceback" not in out.stderr


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
    ],
)
def test_validate_reports(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    kind: str | None,
    expected: str,
) -> None:
    """Each kind of bad file is reported in one readable line per problem."""
    f = tmp_path / "doc.json"
    f.write_text(content, encoding="utf-8")
    args = ["validate", str(f)] + (["--kind", kind] if kind else [])
    assert main(args) == 1
    assert expected in capsys.readouterr().err


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is an input problem, not a crash."""
    assert main(["validate", str(tmp_path / "nope.json")]) == 1
    assert "cannot read file" in capsys.readouterr().err


def test_usage_error_exit_code() -> None:
    """An unknown command exits 2 with usage text."""
    out = _run("frobnicate")
    assert out.returncode == 2
    assert "usage:" in out.stderr


def test_demo_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo tour prints every section."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for heading in ("Framework", "People", "Current levels", "Required levels", "Programme"):
        assert heading in out
