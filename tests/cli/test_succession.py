"""``asn-competency succession``: ranked successors, coverage, exclusions and bench strength."""

import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
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


def test_candidates_in_rank_order(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same ranking as the library's worked case, and the position without a successor."""
    assert main(_args(data, "--out", str(data / "suksesi.json"))) == 0
    rows = json.loads((data / "suksesi.json").read_text(encoding="utf-8"))
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
    err = capsys.readouterr().err
    assert "3 key position(s); 1 without a ready successor: KABID.PIAK" in err


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


def test_exclusions_with_reasons(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--exclusions: one row per person and rule failed."""
    assert main(_args(data, "--exclusions", "--out", str(data / "x.csv"))) == 0
    text = (data / "x.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "position_id,nip,rule,reason"
    assert f'KASI.DATA,{INTAN},talent_pool,"box 5 is not in the instansi pool (9, 8, 7)"' in text
    assert f"KASI.DATA,{SARI},sanction,a 'sedang' disciplinary sanction on record" in text


def test_bench_strength_by_unit(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--by unit: PIAK shown (5 candidates), Pendaftaran (2) suppressed and counted."""
    assert main(_args(data, "--by", "unit")) == 0
    out, err = capsys.readouterr()
    rows = out.splitlines()[2:]
    assert [r.split() for r in rows] == [
        ["PIAK", "2", "1", "1", "3", "2", "2", "5", "0.50", "1.50"]
    ]
    assert "1 group(s) of fewer than 5 candidates not shown" in err
    assert main(_args(data, "--by", "unit", "--min-group", "2")) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


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
    assert all(line.split()[-5] == "0" for line in out.splitlines()[2:])  # ready_now
    assert main([*args, "--weighting", "jfkk"]) == 0
    assert capsys.readouterr().out == out


def test_json_key_positions(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Key positions may come as a JSON list of positions."""
    (data / "jabatan.json").write_text(
        json.dumps(
            [
                {
                    "id": "KASI.DATA",
                    "title": "Kepala Seksi Data",
                    "tier": "pengawas",
                    "agency": "Disdukcapil",
                    "unit": "PIAK",
                }
            ]
        ),
        encoding="utf-8",
    )
    args = _args(data, "--coverage")
    args[args.index(str(data / "jabatan.csv"))] = str(data / "jabatan.json")
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[2].startswith("KASI.DATA")


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
            "jabatan.csv: line 1: expected columns ['title']",
        ),
        (
            "jabatan.csv",
            "id,title,tier\nKASI X,Kepala Seksi,pengawas\n",
            "jabatan.csv: line 2, column 'id': expected an id",
        ),
        (
            "sanksi.csv",
            f"nip,sanction\n{SARI},teguran\n",
            "line 2, column 'sanction': expected one of",
        ),
        (
            "sanksi.csv",
            f"nip,sanksi\n{SARI},berat\n",
            "line 1: expected columns 'nip' and 'sanction'",
        ),
        ("sanksi.csv", "nip,sanction\n1990,berat\n", "line 2, column 'nip': expected 18 digits"),
        (
            "sanksi.csv",
            "nip,sanction\n199001012015031001,berat\n",
            "line 2, column 'nip': expected a NIP of the employees file",
        ),
        (
            "sanksi.csv",
            f"nip,sanction\n{SARI},berat\n{SARI},ringan\n",
            "line 3, column 'nip': expected one row per person",
        ),
        (
            "standar.csv",
            "position_id,competency_id,level,importance,framework_id\n"
            "KASI.DATA,MJ.KOM,2,1,asn-national\n",
            "unknown position 'KABID.DAFDUK' in standards",
        ),
    ],
)
def test_bad_files_name_what_is_wrong(
    data: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, problem: str
) -> None:
    """A bad key-position, sanction or standards file exits 1 naming the problem."""
    (data / name).write_text(text, encoding="utf-8")
    assert main(_args(data)) == 1
    assert problem in capsys.readouterr().err


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
    assert "$[1].position_id: expected a position named once" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--coverage", "--exclusions"], "choose one of --coverage, --exclusions and --by"),
        (["--coverage", "--by", "unit"], "choose one of --coverage, --exclusions and --by"),
    ],
)
def test_usage_errors(
    data: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    """Options that do not fit together exit 2."""
    assert main(_args(data, *extra)) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--scores", "--sanctions"])
def test_csv_only_inputs(data: Path, capsys: pytest.CaptureFixture[str], flag: str) -> None:
    """Scores and sanctions are read from CSV only."""
    args = _args(data)
    args[args.index(flag) + 1] = str(data / "x.json")
    assert main(args) == 2
    assert "must be a .csv file" in capsys.readouterr().err


def test_unwritable_output_exits_3(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The output is checked before anything is read."""
    assert main(_args(data, "--out", str(data / "no" / "x.csv"))) == 3
    assert "does not exist" in capsys.readouterr().err
