from pathlib import Path

import pytest

from asn_competency.cli.app import main
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.io.case import read_case
from asn_competency.io.csv import read_framework
from asn_competency.io.json import load
from asn_competency.policies.national import national_framework
from tests.cli.helpers import run_cli


def test_the_national_framework_file_the_other_commands_read(tmp_path: Path) -> None:
    """framework --national -o framework.json writes what --framework reads."""
    target = tmp_path / "framework.json"
    out = run_cli("framework", "--national", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert load(CompetencyFramework, target) == national_framework()
    assert "wrote framework asn-national" in out.stderr


def test_other_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A framework is read from CSV or CASE and written as CASE or CSV."""
    assert main(["framework", "--national", "-o", str(tmp_path / "fw.csv"), "--headers", "id"]) == 0
    assert read_framework(tmp_path / "fw.csv") == national_framework()
    assert (
        main(
            ["framework", "--from", str(tmp_path / "fw.csv"), "-o", str(tmp_path / "fw.case.json")]
        )
        == 0
    )
    assert read_case(tmp_path / "fw.case.json") == national_framework()
    assert main(["framework", "-o", str(tmp_path / "x.json")]) == 2
    assert main(["framework", "--national", "--from", "a.csv", "-o", str(tmp_path / "x.json")]) == 2
    assert "argument --national: expected either --national or --from FILE" in (
        capsys.readouterr().err
    )
