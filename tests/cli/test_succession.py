"""``asn-competency succession``: ranked successors, coverage, exclusions and bench strength."""

import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import run_cli
from tests.talent.test_succession import (
    AGUS,
    BAMBANG,
    BOXES,
    DEWI,
    FAJAR,
    INTAN,
    LEVELS,
    RINA,
    SARI,
    STAFF,
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The small office of tests/talent/test_succession.py as the files an HR office has."""
    rows = ["nip,name,agency,unit,position_id,tier,golongan,position_since"]
    rows += [
        f"{e.nip},{e.name},{e.agency},{e.unit},{e.position_id},{e.tier.value if e.tier else ''},"
        f"{e.golongan or ''},{e.position_since}"
        for e in STAFF
    ]
    (tmp_path / "pegawai.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "penilaian.csv").write_text(
        "nip,competency_id,level,assessed_on\n"
        + "".join(f"{nip},{cid},{int(v)},2024-05-02\n" for (nip, cid), v in LEVELS.items()),
        encoding="utf-8",
    )
    (tmp_path / "jabatan.csv").write_text(
        "id_jabatan;nama_jabatan;jenjang;instansi;unit_kerja\n"
        "KABID.DAFDUK;Kepala Bidang Pendaftaran Penduduk;administrator;Disdukcapil;Pendaftaran\n"
        "KABID.PIAK;Kepala Bidang Pengelolaan Informasi;administrator;Disdukcapil;PIAK\n"
        "KASI.DATA;Kepala Seksi Data;pengawas;Disdukcapil;PIAK\n",
        encoding="utf-8",
    )
    (tmp_path / "standar.csv").write_text(
        "position_id,competency_id,level,importance,framework_id\n"
        "KABID.DAFDUK,MJ.KOM,3,1,asn-national\nKABID.DAFDUK,MJ.PP,3,1,asn-national\n"
        "KABID.DAFDUK,MJ.INT,3,1,asn-national\n"
        "KABID.PIAK,MJ.KOM,3,1,asn-national\nKABID.PIAK,MJ.PP,3,1,asn-national\n"
        "KABID.PIAK,MJ.PK,4,1,asn-national\n"
        "KASI.DATA,MJ.KOM,2,1,asn-national\nKASI.DATA,MJ.PP,2,1,asn-national\n",
        encoding="utf-8",
    )
    ranks = {b.number: (b.performance.value, b.potential.value) for b in BOXES.values()}
    (tmp_path / "nilai.csv").write_text(
        "nip,performance,potential\n"
        + "".join(f"{nip},{ranks[b.number][0]},{ranks[b.number][1]}\n" for nip, b in BOXES.items()),
        encoding="utf-8",
    )
    (tmp_path / "sanksi.csv").write_text(f"nip,sanction\n{SARI},Sedang\n", encoding="utf-8")
    return tmp_path


def _args(d: Path, *extra: str) -> list[str]:
    return [
        "succession",
        "--employees",
        str(d / "pegawai.csv"),
        "--assessments",
        str(d / "penilaian.csv"),
        "--positions",
        str(d / "jabatan.csv"),
        "--standards",
        str(d / "standar.csv"),
        "--scores",
        str(d / "nilai.csv"),
        "--sanctions",
        str(d / "sanksi.csv"),
        "--as-of",
        "2025-07-01",
        *extra,
    ]


def test_candidates_in_rank_order(data: Path) -> None:
    """The same ranking as the library's worked case, and the position without a successor."""
    target = data / "suksesi.json"
    out = run_cli(*_args(data, "--out", str(target)))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    rows = doc["rows"]
    ranked = [(r["position_id"], r["rank"], r["nip"], r["readiness"]) for r in rows]
    assert ranked == [
        ("KABID.DAFDUK", 1, RINA, "ready_now"),
        ("KABID.DAFDUK", 2, BAMBANG, "ready_now"),
        ("KABID.PIAK", 1, BAMBANG, "ready_1_2_years"),
        ("KABID.PIAK", 2, RINA, "not_ready"),
        ("KABID.PIAK", 3, AGUS, "not_ready"),
        ("KASI.DATA", 1, RINA, "ready_now"),
        ("KASI.DATA", 2, DEWI, "ready_now"),
        ("KASI.DATA", 3, BAMBANG, "ready_now"),
        ("KASI.DATA", 4, FAJAR, "ready_1_2_years"),
    ]
    assert rows[2]["gaps"] == ["MJ.PK:2", "MJ.PP:1"]
    assert rows[2]["jpm"] == 70.0
    assert (rows[0]["name"], rows[0]["move"], rows[0]["box"]) == ("Rina Marlina", "promotion", 9)
    assert doc["as_of"] == "2025-07-01"
    assert doc["level"] == "instansi"
    assert (doc["key_positions"], doc["without_ready_successor"]) == (3, 1)
    assert doc["succession_policy"].startswith("succession-")
    assert "3 key position(s); 1 without a ready successor: KABID.PIAK" in out.stderr


def test_coverage_per_key_position(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--coverage: counts by readiness and the first ready successor."""
    assert main(_args(data, "--coverage")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[-6:] == [
        "candidates",
        "ready_now",
        "ready_1_2_years",
        "not_ready",
        "excluded",
        "successor",
    ]
    piak = next(line for line in lines if line.startswith("KABID.PIAK"))
    assert piak.split()[-6:] == ["3", "0", "1", "2", "1", "-"]
    assert lines[-1] == "3 key position(s); 1 without a ready successor: KABID.PIAK"


def test_exclusions_with_reasons(data: Path) -> None:
    """--exclusions: one row per person and rule failed, with the person's name."""
    target = data / "x.csv"
    assert main(_args(data, "--exclusions", "--out", str(target))) == 0
    text = target.read_text(encoding="utf-8").splitlines()
    assert text[0].startswith("position_id,nip,name,rule,reason,as_of,")
    assert any(
        line.startswith(
            f'KASI.DATA,{INTAN},Intan Permata,talent_pool,"box 5 is not in the instansi pool '
            '(9, 8, 7)",'
        )
        for line in text
    )
    assert any(
        line.startswith(
            f"KASI.DATA,{SARI},Sari Wulandari,sanction,a 'sedang' disciplinary sanction on record,"
        )
        for line in text
    )


def test_bench_strength_by_unit(data: Path) -> None:
    """--by unit: PIAK shown (5 candidates), Pendaftaran (2) suppressed and counted."""
    out = run_cli(*_args(data, "--by", "unit"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert [r.split() for r in lines[2:3]] == [
        ["PIAK", "2", "1", "1", "3", "2", "2", "5", "0.50", "1.50"]
    ]
    assert lines[3:] == ["1 group(s) of fewer than 5 candidates not shown"]
    assert "KABID" not in out.stdout  # which positions lack a successor would show the group
    assert main(_args(data, "--by", "unit", "--min-group", "2")) == 0


def test_bench_strength_to_json_keeps_the_suppression(data: Path) -> None:
    """The JSON output of --by carries the policy and how many groups were withheld."""
    target = data / "bench.json"
    assert main(_args(data, "--by", "agency,unit", "--min-group", "2", "--out", str(target))) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [(r["agency"], r["unit"], r["people"]) for r in doc["rows"]] == [
        ("Disdukcapil", "PIAK", 5),
        ("Disdukcapil", "Pendaftaran", 2),
    ]
    assert (doc["min_group_size"], doc["suppressed_groups"]) == (2, 0)


def test_rules_switched_off_and_national_level(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--without-rule widens the field; --level nasional keeps box 9 only."""
    assert main(_args(data, "--without-rule", "sanction", "--coverage")) == 0
    kasi = next(r for r in capsys.readouterr().out.splitlines() if r.startswith("KASI.DATA"))
    assert kasi.split()[-6] == "5"  # Sari is a candidate too
    assert main(_args(data, "--level", "nasional", "--coverage")) == 0
    kasi = next(r for r in capsys.readouterr().out.splitlines() if r.startswith("KASI.DATA"))
    assert kasi.split()[-6] == "2"  # Rina and Dewi, box 9


def test_default_standards_and_weighting(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --standards the national levels of each key position's tier are required.

    Only KOM, PP, INT and PK are assessed, so nobody is ready against all nine
    competencies; --weighting jfkk leaves these structural positions plain.
    """
    args = [a for a in _args(data, "--coverage") if a != str(data / "standar.csv")]
    args.remove("--standards")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert all(line.split()[-5] == "0" for line in out.splitlines()[2:5])  # ready_now
    assert main([*args, "--weighting", "jfkk"]) == 0
    assert capsys.readouterr().out == out


def test_key_positions_without_a_standard(data: Path) -> None:
    """A key position missing from --standards is named; --tier-default or --skip-unknown help."""
    std = data / "standar.csv"
    std.write_text(
        "\n".join(line for line in std.read_text().splitlines() if "KASI.DATA" not in line) + "\n",
        encoding="utf-8",
    )
    out = run_cli(*_args(data))
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"{data / 'jabatan.csv'}: line 4, column 'id_jabatan': expected a position listed in "
        f"{std} (or --tier-default, --skip-unknown) (got 'KASI.DATA')"
    )
    target = data / "x.json"
    assert main(_args(data, "--tier-default", "--coverage", "--out", str(target))) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["tier_default_standards"] == 1
    assert [r["position_id"] for r in doc["rows"]] == ["KABID.DAFDUK", "KABID.PIAK", "KASI.DATA"]
    assert main(_args(data, "--skip-unknown", "--coverage", "--out", str(target))) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["skipped_without_standard"] == 1
    assert [r["position_id"] for r in doc["rows"]] == ["KABID.DAFDUK", "KABID.PIAK"]


def test_a_tier_without_a_national_level(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --standards, a key position of a tier with no national level is named."""
    (data / "jabatan.csv").write_text(
        "id;title;tier\nPENYELIA;Penyelia Kependudukan;penyelia\n", encoding="utf-8"
    )
    args = [a for a in _args(data) if a != str(data / "standar.csv")]
    args.remove("--standards")
    assert main(args) == 1
    assert capsys.readouterr().err.strip() == (
        f"{data / 'jabatan.csv'}: line 2, column 'tier': expected a tier with a national default "
        "level (or --standards, --skip-unknown) (got 'penyelia')"
    )


def test_without_scores_or_sanctions_nobody_is_in_the_pool(data: Path) -> None:
    """Without --scores nobody has a box, so the talent-pool rule excludes everyone."""
    args = _args(data, "--coverage", "--out", str(data / "x.json"))
    for flag in ("--scores", "--sanctions"):
        i = args.index(flag)
        del args[i : i + 2]
    assert main(args) == 0
    doc = json.loads((data / "x.json").read_text(encoding="utf-8"))
    assert [r["candidates"] for r in doc["rows"]] == [0, 0, 0]
    assert main([*args, "--without-rule", "talent_pool"]) == 0
    doc = json.loads((data / "x.json").read_text(encoding="utf-8"))
    kasi = doc["rows"][2]
    assert (kasi["position_id"], kasi["candidates"]) == ("KASI.DATA", 6)  # Sari too: no sanction


def test_json_key_positions(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Key positions may come as a JSON list of positions; an id given twice is named."""
    kasi = {
        "id": "KASI.DATA",
        "title": "Kepala Seksi Data",
        "tier": "pengawas",
        "agency": "Disdukcapil",
        "unit": "PIAK",
    }
    (data / "jabatan.json").write_text(json.dumps([kasi]), encoding="utf-8")
    args = _args(data, "--coverage")
    args[args.index(str(data / "jabatan.csv"))] = str(data / "jabatan.json")
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[2].startswith("KASI.DATA")
    (data / "jabatan.json").write_text(json.dumps([kasi, kasi]), encoding="utf-8")
    assert main(args) == 1
    assert "jabatan.json: $[1].id: expected a position not already in $[0]" in (
        capsys.readouterr().err
    )
    (data / "standar.csv").write_text(
        "position_id,competency_id,level\nKABID.PIAK,MJ.PP,3\n", encoding="utf-8"
    )
    (data / "jabatan.json").write_text(json.dumps([kasi]), encoding="utf-8")
    assert main(args) == 1
    assert "jabatan.json: $[0].id: expected a position listed in" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        (
            "jabatan.csv",
            "id,title,tier\nKASI,Kepala Seksi,kepala\n",
            "jabatan.csv: line 2, column 'tier': expected one of",
        ),
        (
            "jabatan.csv",
            "id,tier\nKASI,pengawas\n",
            "jabatan.csv: line 1: expected a column 'title', 'nama_jabatan'",
        ),
        (
            "jabatan.csv",
            "id,title,tier\nKASI X,Kepala Seksi,pengawas\n",
            "jabatan.csv: line 2, column 'id': expected an id",
        ),
        (
            "jabatan.csv",
            "id,title,tier\nKASI,Kepala Seksi,pengawas\nKASI,Kepala Seksi,pengawas\n",
            "jabatan.csv: line 3, column 'id': expected a position id not already on line 2",
        ),
        (
            "sanksi.csv",
            f"nip,sanction\n{SARI},teguran\n",
            "line 2, column 'sanction': expected one of berat, sedang, ringan, tidak_ada",
        ),
        (
            "sanksi.csv",
            f"nip,hukuman\n{SARI},berat\n",
            "line 1: expected a column 'sanction', 'sanksi'",
        ),
        ("sanksi.csv", "nip,sanction\n1990,berat\n", "line 2, column 'nip': expected 18 digits"),
        (
            "sanksi.csv",
            "nip,sanction\n199001012015031001,berat\n",
            "line 2, column 'nip': expected a NIP listed in",
        ),
        (
            "sanksi.csv",
            f"nip,sanction\n{SARI},berat\n{SARI},ringan\n",
            "line 3, column 'nip': expected a NIP not already on line 2",
        ),
        (
            "nilai.csv",
            f"nip,performance,potential\n{SARI},meets,huge\n",
            "nilai.csv: line 2, column 'potential': expected one of 'low', 'middle', 'high'",
        ),
        (
            "nilai.csv",
            f"nip,performance,potential\n{SARI},meets,\n",
            "nilai.csv: line 2, column 'potential': expected a potential, or evidence",
        ),
        (
            "nilai.csv",
            "nip,performance,potential\n199001012015031001,meets,high\n",
            "nilai.csv: line 2, column 'nip': expected a NIP listed in",
        ),
        (
            "penilaian.csv",
            "nip,competency_id,level,assessed_on\n199001012015031001,MJ.PP,2,2024-05-02\n",
            "penilaian.csv: line 2, column 'nip': expected a NIP listed in",
        ),
    ],
)
def test_bad_files_name_what_is_wrong(
    data: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, problem: str
) -> None:
    """A bad key-position, sanction, scores or assessment file exits 1 naming the problem."""
    (data / name).write_text(text, encoding="utf-8")
    assert main(_args(data)) == 1
    assert problem in capsys.readouterr().err


def test_every_problem_of_every_file_is_listed(data: Path) -> None:
    """Problems of several files are reported in one run, each with its file and line."""
    (data / "jabatan.csv").write_text("id,title,tier\nKASI,Kepala Seksi,kepala\n")
    (data / "sanksi.csv").write_text(f"nip,sanksi\n{SARI},teguran\n")
    (data / "nilai.csv").write_text(f"nip,kinerja,potensial\n{SARI},x,high\n")
    out = run_cli(*_args(data))
    assert out.returncode == 1
    files = [line.split(":")[0] for line in out.stderr.splitlines()]
    assert files == [str(data / n) for n in ("jabatan.csv", "nilai.csv", "sanksi.csv")]
    assert "Traceback" not in out.stderr


def test_unknown_people_skipped_and_counted(data: Path) -> None:
    """--skip-unknown skips the rows of people outside the employee file, and counts them."""
    other = "199001012015031001"
    with (data / "penilaian.csv").open("a", encoding="utf-8") as f:
        f.write(f"{other},MJ.PP,2,2024-05-02\n")
    with (data / "nilai.csv").open("a", encoding="utf-8") as f:
        f.write(f"{other},above,high\n")
    with (data / "sanksi.csv").open("a", encoding="utf-8") as f:
        f.write(f"{other},berat\n")
    out = run_cli(*_args(data))
    assert out.returncode == 1
    assert len(out.stderr.splitlines()) == 3
    target = data / "x.json"
    out = run_cli(*_args(data, "--skip-unknown", "--out", str(target)))
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["skipped_assessments"], doc["skipped_unknown_people"]) == (1, 1)
    assert (doc["skipped_unknown_scores"], doc["skipped_unknown_sanctions"]) == (1, 1)
    assert f"skipped 1 people not in {data / 'pegawai.csv'} with sanctions: {other}" in out.stderr


def test_standards_named_twice_in_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON list naming one position twice is refused with its path."""
    std = {
        "position_id": "KASI.DATA",
        "framework_id": "asn-national",
        "requirements": [{"competency_id": "MJ.KOM", "level": 2, "importance": 1.0}],
    }
    (data / "standar.json").write_text(json.dumps([std, std]), encoding="utf-8")
    args = _args(data)
    args[args.index(str(data / "standar.csv"))] = str(data / "standar.json")
    assert main(args) == 1
    assert "$[1].position_id: expected a position not already in $[0]" in capsys.readouterr().err


def test_scores_from_the_talent_command(data: Path) -> None:
    """The per-person CSV of 'talent' is a scores file: the same candidates come out."""
    boxes = data / "kotak.csv"
    talent = ["talent", "--employees", str(data / "pegawai.csv"), "--scores"]
    assert main([*talent, str(data / "nilai.csv"), "--out", str(boxes)]) == 0
    one, two = data / "one.json", data / "two.json"
    assert main(_args(data, "--out", str(one))) == 0
    args = _args(data, "--out", str(two))
    args[args.index(str(data / "nilai.csv"))] = str(boxes)
    assert main(args) == 0
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--coverage", "--exclusions"], "argument --exclusions: not allowed with argument"),
        (["--coverage", "--by", "unit"], "argument --by: not allowed with argument --coverage"),
        (["--by", "region"], "argument --by: expected one or more of agency, unit, tier"),
        (["--by", "unit,unit"], "argument --by: expected each field once"),
        (["--by", ","], "argument --by: expected one or more of agency, unit, tier (got ',')"),
        (["--min-group", "0"], "argument --min-group: expected a whole number >= 1"),
        (["--as-of", "2025-13-01"], "argument --as-of: expected a date YYYY-MM-DD"),
        (["--without-rule", "age"], "argument --without-rule: invalid choice: 'age'"),
        (["--level", "kota"], "argument --level: invalid choice: 'kota'"),
        (["--out", "x.txt"], "argument --out: expected a file name ending in .csv or .json"),
    ],
)
def test_bad_flags_exit_2(data: Path, extra: list[str], message: str) -> None:
    """Bad option values and options that do not fit together exit 2, naming the flag."""
    out = run_cli(*_args(data, *extra))
    assert out.returncode == 2
    assert message in out.stderr


@pytest.mark.parametrize("flag", ["--scores", "--sanctions"])
def test_csv_only_inputs(data: Path, capsys: pytest.CaptureFixture[str], flag: str) -> None:
    """Scores and sanctions are read from CSV only."""
    args = _args(data)
    args[args.index(flag) + 1] = str(data / "x.json")
    assert main(args) == 2
    assert f"argument {flag}: expected a .csv file" in capsys.readouterr().err


def test_scores_without_potential(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Succession has no standard of each person's own position: potential must be in the file."""
    (data / "nilai.csv").write_text(f"nip,kinerja\n{SARI},80\n", encoding="utf-8")
    assert main(_args(data)) == 2
    assert "argument --scores: expected a potential column or evidence of potential" in (
        capsys.readouterr().err
    )


def test_outputs_it_cannot_write(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The output is checked before anything is read, and never replaces an input."""
    assert main(_args(data, "--out", str(data / "no" / "x.csv"))) == 3
    assert "does not exist" in capsys.readouterr().err
    assert main(_args(data, "--out", str(data / "sanksi.csv"))) == 2
    assert "argument --out: " in capsys.readouterr().err


def test_indonesian_headers(data: Path) -> None:
    """--headers id names the columns in Indonesian."""
    target = data / "cakupan.csv"
    assert main(_args(data, "--coverage", "--headers", "id", "--out", str(target))) == 0
    header = target.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:12] == [
        "jabatan",
        "nama_jabatan",
        "jenjang",
        "instansi",
        "unit_kerja",
        "pemangku",
        "kandidat",
        "siap_sekarang",
        "siap_1_2_tahun",
        "belum_siap",
        "dikecualikan",
        "suksesor",
    ]
