"""The trend command: SKM per period and gaps across rounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main

A, B = "199001012015031001", "199203042019032002"


def _skm(path: Path, rows: list[list[int]]) -> Path:
    lines = ["responden;" + ";".join(f"U{i}" for i in range(1, 10))]
    lines += [f"{n};" + ";".join(map(str, r)) for n, r in enumerate(rows, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_skm_per_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two surveys: the later one is better beyond noise."""
    a = _skm(tmp_path / "a.csv", [[3] * 9] * 30 + [[2] * 9] * 10)
    b = _skm(tmp_path / "b.csv", [[3] * 9] * 35 + [[4] * 9] * 5)
    out = tmp_path / "tren.json"
    assert (
        main(
            [
                "trend",
                "skm",
                "--survey",
                f"2024-S2={b}",
                "--survey",
                f"2024-S1={a}",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [r["period"] for r in doc["rows"]] == ["2024-S1", "2024-S2"]
    assert doc["rows"][1]["direction"] == "improved"
    assert main(["trend", "skm", "--survey", f"2024={a}"]) == 0
    assert "2024" in capsys.readouterr().out


def test_gaps_across_rounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rounds of assessments are summarised and compared; the change is reported."""
    nips = [f"1990010120150310{i:02d}" for i in range(1, 7)]
    (tmp_path / "pegawai.csv").write_text(
        "nip,nama,unit_kerja,id_jabatan\n" + "".join(f"{n},X,Pelayanan,FO\n" for n in nips),
        encoding="utf-8",
    )
    (tmp_path / "standar.csv").write_text(
        "position_id,competency_id,level,framework_id\nFO,MJ.PP,3,asn-national\n", encoding="utf-8"
    )
    for year, level in ((2024, 1), (2025, 3)):
        (tmp_path / f"p{year}.csv").write_text(
            "nip,competency_id,level,assessed_on\n"
            + "".join(f"{n},MJ.PP,{level},{year}-03-01\n" for n in nips),
            encoding="utf-8",
        )
    args = [
        "trend",
        "gaps",
        "--employees",
        str(tmp_path / "pegawai.csv"),
        "--standards",
        str(tmp_path / "standar.csv"),
        "--round",
        f"2025={tmp_path / 'p2025.csv'}",
        "--round",
        f"2024={tmp_path / 'p2024.csv'}",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "improved" in out
    assert "1 change(s) beyond the assessment noise" in out
    assert main([*args, "--by", "unit", "--min-group", "10"]) == 0
    assert "0 change(s)" in capsys.readouterr().out
    report = tmp_path / "tren.csv"
    assert main([*args, "--out", str(report)]) == 0
    assert "1 change(s) beyond the assessment noise" in capsys.readouterr().err
    assert "beyond_noise" in report.read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trend", "skm"], "argument --survey: expected PERIOD=FILE"),
        (["trend", "skm", "--survey", "file.csv"], "argument --survey: expected PERIOD=FILE"),
        (["trend", "gaps"], "argument --round: expected PERIOD=ASSESSMENTS"),
        (["trend", "gaps", "--round", "2024=x.csv"], "argument --employees: expected"),
        (["trend", "gaps", "--by", "colour"], "argument --by: expected one or more of"),
    ],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Missing or malformed options are usage errors (exit 2)."""
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_bad_survey_files_are_all_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every bad survey file is reported, each with its problems (exit 1)."""
    a = _skm(tmp_path / "a.csv", [[3] * 9, [9] * 9])
    b = _skm(tmp_path / "b.csv", [[3] * 9, [0] * 9])
    assert main(["trend", "skm", "--survey", f"2024={a}", "--survey", f"2025={b}"]) == 1
    err = capsys.readouterr().err
    assert str(a) in err
    assert str(b) in err
