import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from asn_competency.io.json import dump
from asn_competency.policies.national import national_framework
from tests.cli.helpers import AGUS, DEDI, SARI, gap_args, run_cli

HOWTO = {
    "pegawai.csv": "NIP;Nama;Unit Kerja;Jabatan;Jenjang\n"
    + "".join(
        f"1988030320120310{k:02d};Pegawai {k};Pelayanan;PELAKSANA.UMUM;pelaksana\n" for k in (1, 2)
    ),
    "standar.csv": (
        "jabatan;kompetensi;tingkat;bobot\nPELAKSANA.UMUM;MJ.PP;2;2\nPELAKSANA.UMUM;MJ.KOM;2;1\n"
    ),
    "penilaian.csv": "NIP;Kompetensi;Tingkat;Tanggal\n"
    + "".join(
        f"1988030320120310{k:02d};{c};{lv};2024-03-15\n"
        for k, lv in ((1, 1), (2, 2))
        for c in ("MJ.PP", "MJ.KOM")
    ),
}


def test_standards_without_a_framework_column_read_as_the_national_framework(
    tmp_path: Path,
) -> None:
    """The how-to's standard file (no framework_id column, no --framework) is read as it is."""
    for name, text in HOWTO.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = run_cli("gap", *gap_args(tmp_path))
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[2].split()
    assert first[0] == "198803032012031001"
    assert "50.00" in first  # (1 + 1) / (2 + 2): MJ.PP 1 of 2, MJ.KOM 1 of 2


def test_gap_as_a_user_runs_it(data: Path) -> None:
    """The gap table, with JPM checked by hand.

    Dedi (FO): MJ.PP 1 of 2, MJ.KOM 2 of 2 -> JPM = (1 + 2) / (2 + 2) * 100 = 75,
    'Kurang Optimal' (< 78) and 'Masih Memenuhi Syarat' (68 to < 80); weighted
    gap = (2 * 1 + 1 * 0) / 3 = 0.67. Sari has no MJ.KOM assessment: no JPM.
    """
    out = run_cli("gap", *gap_args(data))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == [
        "nip", "name", "unit", "position_id", "jpm", "jpm_mapping", "jpm_selection",
        "weighted_gap", "below", "not_assessed",
    ]  # fmt: skip
    dedi = next(line for line in lines if line.startswith(DEDI))
    assert "75.00" in dedi.split()
    assert "Kurang Optimal" in dedi
    assert dedi.split()[-3:] == ["0.67", "1", "0"]
    sari = next(line for line in lines if line.startswith(SARI))
    assert sari.split()[-5:] == ["-", "-", "0.00", "0", "1"]


def test_assessments_of_people_outside_the_employee_file_are_each_named(data: Path) -> None:
    """Every assessment of an unknown person is listed with file, line and column."""
    other = "199001012015031001"
    with (data / "penilaian.csv").open("a", encoding="utf-8") as f:
        f.write(f"{other},MJ.PP,2,2024-02-01\n{other},MJ.KOM,2,2024-02-01\n")
    out = run_cli("gap", *gap_args(data))
    assert out.returncode == 1
    where = data / "penilaian.csv"
    expected = f"a NIP listed in {data / 'pegawai.csv'} (or --skip-unknown)"
    assert out.stderr.splitlines() == [
        f"{where}: line 9, column 'nip': expected {expected} (got '{other}')",
        f"{where}: line 10, column 'nip': expected {expected} (got '{other}')",
    ]


def test_skip_unknown_analyses_one_unit_of_an_office_file(data: Path) -> None:
    """--skip-unknown skips the assessments of people outside the employee file and counts them."""
    pegawai = data / "pegawai.csv"
    lines = pegawai.read_text(encoding="utf-8").splitlines()
    pegawai.write_text("\n".join(lines[:1] + lines[2:]) + "\n", encoding="utf-8")  # no Agus
    target = data / "gap.json"
    out = run_cli("gap", *gap_args(data, "--skip-unknown", "--out", str(target)))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["skipped_assessments"] == 2
    assert doc["skipped_unknown_people"] == 1
    assert [r["nip"] for r in doc["rows"]] == sorted([DEDI, SARI, "198602142010012003"])
    assert f"skipped 2 assessment(s) of 1 people not in {pegawai}: {AGUS}" in out.stderr


def test_people_without_a_listed_position(data: Path) -> None:
    """A position without a standard is named; --tier-default measures against the tier."""
    std = data / "standar.csv"
    std.write_text(
        "\n".join(line for line in std.read_text().splitlines() if not line.startswith("KABAG"))
        + "\n",
        encoding="utf-8",
    )
    out = run_cli("gap", *gap_args(data))
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"{data / 'pegawai.csv'}: line 2, column 'id_jabatan': expected a position listed in "
        f"{std} (or --tier-default, --skip-unknown) (got 'KABAG')"
    )
    target = data / "gap.json"
    out = run_cli("gap", *gap_args(data, "--tier-default", "--out", str(target)))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["tier_default_standards"] == 1
    agus = next(r for r in doc["rows"] if r["nip"] == AGUS)
    assert agus["position_id"] == "KABAG"
    assert agus["not_assessed"] == 7  # nine national competencies at level 3, two assessed
    out = run_cli("gap", *gap_args(data, "--skip-unknown", "--out", str(target)))
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["skipped_without_standard"] == 1
    assert AGUS not in {r["nip"] for r in doc["rows"]}


def test_without_standards_a_person_needs_a_tier(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --standards, a person without a tier is named with the file's line and column."""
    (data / "pegawai.csv").write_text(f"nip,nama\n{DEDI},Dedi\n", encoding="utf-8")
    (data / "penilaian.csv").write_text(
        f"nip,competency_id,level,assessed_on\n{DEDI},MJ.PP,1,2024-02-01\n", encoding="utf-8"
    )
    args = ["gap", "--employees", str(data / "pegawai.csv")]
    assert main([*args, "--assessments", str(data / "penilaian.csv")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"{data / 'pegawai.csv'}: line 2, column 'tier': expected a tier with a national default "
        "level (or --standards, --skip-unknown) (got '')"
    )


def test_default_standards_by_tier(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --standards, each person gets the national level of their tier."""
    dump(national_framework(), data / "fw.json")
    args = ["gap", "--employees", str(data / "pegawai.csv")]
    args += ["--assessments", str(data / "penilaian.csv"), "--framework", str(data / "fw.json")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert all(line.split()[-1] in ("7", "8") for line in out.splitlines()[2:])


def test_items_and_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--items gives one row per requirement; --out .json writes an object with the rows."""
    out = data / "items.json"
    assert main(["gap", *gap_args(data, "--items", "--out", str(out))]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    dedi_pp = next(r for r in doc["rows"] if r["nip"] == DEDI and r["competency_id"] == "MJ.PP")
    assert dedi_pp == {
        "nip": DEDI,
        "name": "Dedi Kurniawan",
        "competency_id": "MJ.PP",
        "required": 2,
        "level": 1.0,
        "gap": 1.0,
        "status": "below",
    }
    assert doc["people"] == 4
    assert "wrote 8 rows" in capsys.readouterr().err


def test_by_unit_to_csv_with_separator_bom_and_indonesian_headers(data: Path) -> None:
    """--by unit summarises groups (small ones suppressed); --sep, --bom, --headers apply."""
    out = data / "unit.csv"
    args = gap_args(data, "--by", "unit", "--min-group", "3", "--out", str(out))
    result = run_cli("gap", *args, "--sep", ";", "--bom", "--headers", "id")
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfunit_kerja;jumlah_orang;kompetensi;")
    lines = raw.decode("utf-8-sig").splitlines()
    assert all(line.startswith("Pelayanan;3;") for line in lines[1:])
    assert lines[0].endswith(
        ";disembunyikan;kebijakan_penyembunyian;ukuran_kelompok_minimum;kelompok_disembunyikan"
    )
    assert "1 group(s) of fewer than 3 people not shown" in result.stderr


def test_standards_name_each_position_once(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_json_and_case_inputs(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Inputs may mix CSV, JSON and CASE; an unknown person in JSON is named by its path."""
    from asn_competency.io.case import write_case  # noqa: PLC0415
    from asn_competency.io.csv import read_assessments, read_employees, write_framework  # noqa: PLC0415

    write_case(national_framework(), data / "fw.case.json")
    write_framework(national_framework(), data / "fw.csv")
    dump(list(read_employees(data / "pegawai.csv"))[1:], data / "pegawai.json")
    dump(list(read_assessments(data / "penilaian.csv")), data / "penilaian.json")
    base = ["--employees", str(data / "pegawai.json"), "--assessments"]
    base += [str(data / "penilaian.json"), "--standards", str(data / "standar.csv")]
    for fw in ("fw.case.json", "fw.csv"):
        assert main(["gap", *base, "--framework", str(data / fw), "--skip-unknown"]) == 0
    capsys.readouterr()
    assert main(["gap", *base]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{data / 'penilaian.json'}: $[0].nip: expected a NIP listed in")
    assert len(err) == 2


def test_wide_names_are_whole_and_aligned(data: Path) -> None:
    """Long names are not cut, and CJK or emoji names keep the columns aligned."""
    long_name = "Raden Ajeng Kartini Sosroningrat Binti Raden Mas Adipati Ario"
    rows = (
        "nip;nama;unit_kerja;id_jabatan\n"
        f"{DEDI};王小明 😀;Pelayanan;FO\n{SARI};{long_name};Pelayanan;FO\n"
    )
    (data / "pegawai.csv").write_text(rows, encoding="utf-8")
    out = run_cli("gap", *gap_args(data, "--skip-unknown"))
    assert out.returncode == 0, out.stderr
    from asn_competency.cli._common import display_width  # noqa: PLC0415

    lines = out.stdout.splitlines()[:4]
    assert long_name in lines[3]
    # The unit column starts at the same terminal column on every line.
    starts = {display_width(line[: line.index("Pelayanan")]) for line in lines[2:]}
    assert len(starts) == 1


def test_every_group_shown_and_an_empty_office(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --min-group 1 nothing is withheld; an office without people gives an empty table."""
    assert main(["gap", *gap_args(data, "--by", "unit", "--min-group", "1")]) == 0
    assert "not shown" not in capsys.readouterr().out
    (data / "pegawai.csv").write_text("nip;nama\n", encoding="utf-8")
    (data / "penilaian.csv").write_text("nip,competency_id,level,assessed_on\n")
    target = data / "gap.json"
    assert main(["gap", *gap_args(data, "--out", str(target))]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc == {"people": 0, "rows": []}
