"""The jp command: per person, by group, periods, JSON ledgers, usage errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from asn_competency.io.json import dump

A, B, C, D = (
    "199001012015031001",
    "199203042019032002",
    "198805052010011003",
    "199405052020122004",
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Four people in two units and their riwayat diklat (one duplicate, one PPPK-free)."""
    (tmp_path / "pegawai.csv").write_text(
        "nip;nama;unit_kerja;jenjang\n"
        f"{A};Budi;Pelayanan;pelaksana\n{B};Sari;Pelayanan;pelaksana\n"
        f"{C};Andi;Arsip;pelaksana\n{D};Dewi;Arsip;pelaksana\n",
        encoding="utf-8",
    )
    (tmp_path / "riwayat.csv").write_text(
        "NIP;Nama Diklat;Jenis Diklat;Tanggal Mulai;Tanggal Selesai;Jumlah Jam;Penyelenggara\n"
        f"{A};Bimtek SIAK;Bimtek;03/03/2025;05/03/2025;16;BPSDM\n"
        f"{A};Seminar adminduk;Seminar;11/08/2025;;;Dukcapil\n"
        f"{B};Bimtek SIAK;Bimtek;03/03/2025;05/03/2025;16;BPSDM\n"
        f"{B};Bimtek  siak;Diklat Teknis;03/03/2025;05/03/2025;16;SIASN\n"
        f"{C};Rotasi ke PIAK;Rotasi Jabatan;06/01/2025;30/06/2025;40;\n"
        f"199901012023021001;Kursus;Kursus;02/02/2025;;8;\n",
        encoding="utf-8",
    )
    return tmp_path


def _args(d: Path, *extra: str) -> list[str]:
    return ["jp", "--ledger", str(d / "riwayat.csv"), "--employees", str(d / "pegawai.csv"), *extra]


def test_per_person(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One row per employee; the summary line counts statuses, duplicates and outsiders."""
    assert main(_args(data, "--year", "2025")) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["nip", "name", "unit", "employment", "status"]
    assert [line.split()[0] for line in lines[2:6]] == [C, A, B, D]
    assert "short" in lines[4]
    assert "no_record" in lines[5]
    err = out
    assert "JP 2025: 4 people, 2 met (50%), 1 short, 1 with no record" in err
    assert "1 duplicate record(s) counted once" in err
    assert "1 NIP(s) in the ledger are not among the employees" in err


def test_only_the_short_to_csv(data: Path) -> None:
    """--short keeps the people below target, most missing first; --out writes CSV."""
    out = data / "kurang.csv"
    assert main(_args(data, "--year", "2025", "--short", "--out", str(out))) == 0
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["nip"], r["short_by"]) for r in rows] == [(D, "20"), (B, "4")]


def test_by_unit(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--by unit summarises; groups under the threshold are suppressed and counted."""
    assert main(_args(data, "--year", "2025", "--by", "unit")) == 0
    err = capsys.readouterr().out
    assert "2 group(s) of fewer than 5 people not shown" in err
    assert (
        main(
            _args(
                data,
                "--year",
                "2025",
                "--by",
                "unit",
                "--min-group",
                "1",
                "--out",
                str(data / "unit.json"),
            )
        )
        == 0
    )
    doc = json.loads((data / "unit.json").read_text(encoding="utf-8"))
    assert doc["period"] == "2025"
    assert [(r["unit"], r["met"], r["short_nips"]) for r in doc["rows"]] == [
        ("Arsip", 1, [D]),
        ("Pelayanan", 1, [B]),
    ]


def test_periods_and_split_rules(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--period counts a semester; --split end puts a crossing record in its last year."""
    assert main(_args(data, "--period", "2025-S1", "--short")) == 0
    assert "JP 2025-S1" in capsys.readouterr().out
    (data / "silang.csv").write_text(
        "nip,nama_diklat,jenis_diklat,tanggal_mulai,tanggal_selesai,jp\n"
        f"{A},Kursus,Kursus,2024-12-30,2025-01-02,24\n",
        encoding="utf-8",
    )
    base = [
        "jp",
        "--ledger",
        str(data / "silang.csv"),
        "--employees",
        str(data / "pegawai.csv"),
        "--year",
        "2025",
    ]
    assert main(base) == 0
    assert "0 met" in capsys.readouterr().out
    assert main([*base, "--split", "end"]) == 0
    assert "1 met" in capsys.readouterr().out


def test_json_ledgers(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ledger may be a JSON list of entries or a Ledger document."""
    from asn_competency.io.json import to_data  # noqa: PLC0415
    from asn_competency.io.ledger import read_ledger  # noqa: PLC0415

    led = read_ledger(data / "riwayat.csv")
    dump(led, data / "led.json")
    (data / "entries.json").write_text(json.dumps(to_data(led)["entries"]), encoding="utf-8")
    for name in ("led.json", "entries.json"):
        assert (
            main(
                [
                    "jp",
                    "--ledger",
                    str(data / name),
                    "--employees",
                    str(data / "pegawai.csv"),
                    "--year",
                    "2025",
                ]
            )
            == 0
        )
        assert "2 met" in capsys.readouterr().out


def test_usage_and_data_errors(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No period, both periods, or a bad ledger row exit with their codes."""
    assert main(_args(data)) == 2
    assert "argument --year: expected --year or --period" in capsys.readouterr().err
    assert main(_args(data, "--year", "2025", "--period", "2025-S1")) == 2
    assert "argument --period: expected --year or --period, not both" in capsys.readouterr().err
    assert main(_args(data, "--period", "2025-H1")) == 2
    assert "argument --period: expected a period such as" in capsys.readouterr().err
    assert main(_args(data, "--year", "25")) == 2
    assert main(_args(data, "--year", "2025", "--by", "unit", "--short")) == 2
    assert "argument --short" in capsys.readouterr().err
    assert main(_args(data, "--year", "2025", "--min-group", "3")) == 2
    assert "argument --min-group" in capsys.readouterr().err
    assert main(_args(data, "--year", "2025", "--out", str(data / "riwayat.csv"))) == 2
    assert "is an input of this command" in capsys.readouterr().err
    (data / "riwayat.csv").write_text(
        "nip;nama_diklat;jenis;tanggal_mulai\n123;X;Seminar;x\n", encoding="utf-8"
    )
    assert main(_args(data, "--year", "2025")) == 1
    err = capsys.readouterr().err
    assert "line 2, column 'nip'" in err
    assert "line 2, column 'tanggal_mulai'" in err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """--help ends with an example of the command."""
    for command in ("jp", "trend"):
        assert main([command, "--help"]) == 0
        assert f"asn-competency {command}" in capsys.readouterr().out.split("Example")[-1]
