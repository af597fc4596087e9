import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from asn_competency.io.case import read_case
from asn_competency.io.csv import read_assessments, read_framework, read_programme
from asn_competency.io.json import dump
from asn_competency.policies.national import national_framework
from tests.cli.helpers import run_cli


def test_an_output_never_replaces_its_input(data: Path) -> None:
    """convert asm.csv asm.csv exits 2 and leaves the file as it was."""
    src = data / "asm.csv"
    text = "nip,competency_id,level,assessed_on,catatan\n199107202019031004,MJ.PP,1,2024-02-01,x\n"
    src.write_text(text, encoding="utf-8")
    out = run_cli("convert", str(src), str(src))
    assert out.returncode == 2
    assert "argument output: " in out.stderr
    assert "is an input of this command" in out.stderr
    assert src.read_text(encoding="utf-8") == text
    # The same file under another spelling of its path is refused too.
    out = run_cli("convert", str(src), str(data / "." / "asm.csv"))
    assert out.returncode == 2


def test_enrolments_alone_convert_and_a_programme_joins_them(data: Path) -> None:
    """convert peserta.csv x.json writes the enrolments; 'programme' builds the programme."""
    target = data / "peserta.json"
    out = run_cli("convert", str(data / "peserta.csv"), str(target))
    assert out.returncode == 0, out.stderr
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert [r["activity_id"] for r in rows] == ["PP-01", "PP-01"]
    back = data / "peserta2.csv"
    assert run_cli("convert", str(target), str(back), "--headers", "id").returncode == 0
    assert back.read_text(encoding="utf-8").splitlines()[0] == "nip,id_kegiatan,kehadiran,lulus"


def test_framework_json_case_csv(tmp_path: Path) -> None:
    """framework JSON -> CASE -> CSV (Indonesian headers, ';') -> JSON keeps the framework."""
    fw = national_framework()
    dump(fw, tmp_path / "fw.json")
    assert main(["convert", str(tmp_path / "fw.json"), str(tmp_path / "fw.case.json")]) == 0
    assert read_case(tmp_path / "fw.case.json") == fw
    args = ["convert", str(tmp_path / "fw.case.json"), str(tmp_path / "kamus.csv")]
    assert main([*args, "--headers", "id", "--sep", ";", "--bom"]) == 0
    assert (tmp_path / "kamus.csv").read_bytes().startswith(b"\xef\xbb\xbfkompetensi;nama;")
    assert read_framework(tmp_path / "kamus.csv") == fw
    assert main(["convert", str(tmp_path / "kamus.csv"), str(tmp_path / "back.json")]) == 0
    assert main(["convert", str(tmp_path / "back.json"), str(tmp_path / "x.json"), "--case"]) == 0
    assert read_case(tmp_path / "x.json") == fw


def test_lists(data: Path) -> None:
    """Assessments, employees, standards and activities convert CSV <-> JSON."""
    for name in ("penilaian", "pegawai", "standar", "kegiatan"):
        src, mid, back = data / f"{name}.csv", data / f"{name}.json", data / f"{name}2.csv"
        assert main(["convert", str(src), str(mid)]) == 0, name
        assert main(["convert", str(mid), str(back)]) == 0, name
    assert read_assessments(data / "penilaian2.csv") == read_assessments(data / "penilaian.csv")


def test_programme_json_to_two_csv_files(data: Path) -> None:
    """A programme JSON becomes an activities file and a '-enrolments' file."""
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
    # The enrolments file may not replace an input either.
    assert main(["convert", str(data / "prog.json"), str(data / "peserta.csv")]) == 0
    assert main(["convert", str(data / "prog.json"), str(data / "x.csv")]) == 0
    assert main(["convert", str(data / "x-enrolments.csv"), str(data / "x.csv")]) == 2


@pytest.mark.parametrize(
    ("src", "out", "extra", "code", "expected"),
    [
        ("penilaian.csv", "p.case.json", [], 2, "only a framework can be written as CASE"),
        ("skm.csv", "s.json", [], 2, "use 'asn-competency skm' for a survey"),
        ("umpan.csv", "u.json", [], 1, "cannot tell the kind of CSV file"),
        ("x.json", "x.csv", [], 1, "cannot tell the document kind"),
        ("x.json", "x.csv", ["--kind", "nonsense"], 2, "argument --kind: invalid choice"),
        ("rel.json", "r.csv", [], 2, "a relationships has no CSV form"),
        ("penilaian.csv", "p.txt", [], 2, "expected a file name ending in .csv or .json"),
    ],
)
def test_problems(  # noqa: PLR0917 - parametrized cases
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
    (data / "rel.json").write_text(
        '[{"mentor": "198602142010012003", "mentee": "199107202019031004"}]', encoding="utf-8"
    )
    assert main(["convert", str(data / src), str(data / out), *extra]) == code
    assert expected in capsys.readouterr().err


def test_explicit_kind(data: Path) -> None:
    """--kind settles documents whose kind cannot be guessed; JSON to JSON rewrites."""
    prog = data / "prog.json"
    prog.write_text('{"id": "P", "title": "T"}', encoding="utf-8")
    assert main(["convert", str(prog), str(data / "p.csv"), "--kind", "programme"]) == 0
    fw = data / "fw.json"
    dump(national_framework(), fw)
    assert main(["convert", str(fw), str(data / "fw2.json")]) == 0
    std = data / "std.csv"
    std.write_text("jabatan;kompetensi;tingkat\nFO;MJ.PP;2\n", encoding="utf-8")
    assert main(["convert", str(std), str(data / "s.json"), "--framework-id", "mine"]) == 0
    assert json.loads((data / "s.json").read_text())[0]["framework_id"] == "mine"
