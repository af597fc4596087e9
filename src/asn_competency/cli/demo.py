"""``asn-competency demo``: a tour of the library, and sample files to try every command on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asn_competency.cli._common import EXIT_OK, OutputError, write_bytes

SAMPLE_FILES = (
    "pegawai.csv",
    "standar.csv",
    "penilaian.csv",
    "penilaian-2025.csv",
    "kinerja.csv",
    "kegiatan.csv",
    "program-kegiatan.csv",
    "program-peserta.csv",
    "umpan.csv",
    "nilai.csv",
    "indikator.csv",
    "manfaat.csv",
    "biaya.csv",
    "survei.csv",
    "kohort.csv",
    "mentoring.csv",
    "profesional.csv",
    "pelatihan.csv",
)
"""The files ``demo --files`` writes: the sample office of :mod:`asn_competency.demo`."""


# Education, SKP score and heaviest sanction of each office member (fictional), for IP ASN.
_PROFILES = (
    ("s2", "tidak_ada"),
    ("s1_d4", "tidak_ada"),
    ("s1_d4", "tidak_ada"),
    ("d3", "ringan"),
    ("d1_d2_sma", "tidak_ada"),
    ("s1_d4", "tidak_ada"),
    ("s1_d4", "sedang"),
    ("s1_d4", "tidak_ada"),
    ("d3", "tidak_ada"),
    ("d1_d2_sma", "tidak_ada"),
    ("s2", "tidak_ada"),
    ("s1_d4", "tidak_ada"),
    ("d3", "ringan"),
    ("s1_d4", "tidak_ada"),
    ("d3", "tidak_ada"),
    ("d1_d2_sma", "tidak_ada"),
)

# Training of some office members: index in the office, kind, JP, fits the position, title.
_TRAINING = (
    (0, "kepemimpinan", 200, "ya", "PKA 2022"),
    (0, "teknis", 24, "ya", "Bimtek SIAK"),
    (1, "kepemimpinan", 150, "ya", "PKP 2021"),
    (1, "seminar", 8, "ya", "Seminar pelayanan publik"),
    (2, "teknis", 24, "ya", "Bimtek SIAK"),
    (3, "workshop", 16, "ya", "Workshop KTP-el"),
    (5, "teknis", 30, "ya", "Pelatihan arsip"),
    (10, "kepemimpinan", 150, "ya", "PKP 2020"),
    (10, "kursus", 10, "ya", "Kursus data"),
    (11, "teknis", 20, "ya", "Bimtek pendaftaran"),
)


def _csv(rows: list[Any]) -> bytes:
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def sample_files() -> dict[str, bytes]:
    """The sample office as the files an HR office keeps, by file name."""
    from asn_competency import demo  # noqa: PLC0415

    office = demo.sample_office()
    standard = {e.nip: demo.sample_standard(e) for e in office}
    files: dict[str, list[Any]] = {}
    files["pegawai.csv"] = [
        ["nip", "nama", "instansi", "unit_kerja", "wilayah", "jabatan", "jenjang", "golongan"]
    ] + [
        [
            e.nip,
            e.name,
            e.agency,
            e.unit,
            e.region,
            standard[e.nip].position_id,
            e.tier.value if e.tier else "",
            e.golongan.value if e.golongan else "",
        ]
        for e in office
    ]
    positions = {s.position_id: s for s in standard.values()}
    files["standar.csv"] = [["jabatan", "kompetensi", "tingkat", "bobot"]] + [
        [pid, r.competency_id, r.level, f"{r.importance:g}"]
        for pid, s in sorted(positions.items())
        for r in s.requirements
    ]
    head = ["nip", "kompetensi", "tingkat", "tanggal", "sumber"]
    before = [
        [a.nip, a.competency_id, a.level, a.assessed_on.isoformat(), a.source.value]
        for a in demo.sample_office_assessments()
    ]
    files["penilaian.csv"] = [head, *before]
    evaluation = demo.sample_evaluation()
    after = [
        [a.nip, a.competency_id, a.level, a.assessed_on.isoformat(), a.source.value]
        for a in evaluation.reassessments
    ]
    files["penilaian-2025.csv"] = [head, *before, *after]
    skp = demo.sample_performance()
    files["kinerja.csv"] = [["nip", "kinerja"]] + [[nip, f"{v:g}"] for nip, v in skp.items()]
    files["kegiatan.csv"] = [
        ["id_kegiatan", "judul", "jalur", "sasaran", "jp", "biaya", "kapasitas"]
    ] + [
        [
            a.id,
            a.title,
            a.route.value,
            "|".join(f"{t.competency_id}:{t.uplift:g}" for t in a.targets),
            f"{a.jp:g}",
            f"{a.cost:.0f}",
            "" if a.capacity is None else a.capacity,
        ]
        for a in demo.sample_catalogue()
    ]
    programme = demo.sample_programme()
    files["program-kegiatan.csv"] = [
        ["id_kegiatan", "judul", "jalur", "sasaran", "jp", "biaya", "kapasitas"]
    ] + [
        [
            a.id,
            a.title,
            a.route.value,
            "|".join(f"{t.competency_id}:{t.uplift:g}" for t in a.targets),
            f"{a.jp:g}",
            f"{a.cost:.0f}",
            "" if a.capacity is None else a.capacity,
        ]
        for a in programme.activities
    ]
    files["program-peserta.csv"] = [["nip", "id_kegiatan", "kehadiran", "lulus"]] + [
        [e.nip, e.activity_id, f"{e.attendance:g}", "ya" if e.completed else "tidak"]
        for e in programme.enrolments
    ]
    items = sorted(evaluation.feedback)
    count = len(evaluation.feedback[items[0]])
    files["umpan.csv"] = [["responden", *items]] + [
        [k + 1, *(evaluation.feedback[i][k] for i in items)] for k in range(count)
    ]
    participants = programme.participants
    files["nilai.csv"] = [["nip", "pre", "post"]] + [
        [nip, pre, post]
        for nip, pre, post in zip(participants, (55, 60, 48), (80, 72, 70), strict=True)
    ]
    files["indikator.csv"] = [
        ["id", "nama", "satuan", "arah", "baseline", "target", "sebelum", "sesudah"],
        ["waktu-layanan", "Waktu layanan KTP-el", "menit", "lower", 60, 30, 60, 42],
        ["ikm", "Indeks Kepuasan Masyarakat", "indeks 25-100", "higher", 76, 88.31, 76, 81.5],
    ]
    files["manfaat.csv"] = [["item", "jumlah"]] + [
        [k, f"{v:.0f}"] for k, v in evaluation.benefits.items()
    ]
    files["biaya.csv"] = [["item", "jumlah"]] + [
        [k, f"{v:.0f}"] for k, v in evaluation.costs.items()
    ]
    files["survei.csv"] = [["responden", *(f"U{i}" for i in range(1, 10))]] + [
        [k + 1, *row] for k, row in enumerate(demo.sample_survey())
    ]
    files["kohort.csv"] = [["nip", "putaran"]] + [
        [e.nip, 1 if e.unit == "Pelayanan" else 2] for e in office
    ]
    files["mentoring.csv"] = (
        [["mentor", "mentee", "kompetensi", "mulai"]]
        + [[office[1].nip, office[k].nip, "MJ.KOM", "2025-01-06"] for k in (2, 3, 4)]
        + [[office[10].nip, office[k].nip, "MJ.PP", "2025-01-06"] for k in (12, 13)]
        + [[office[3].nip, office[9].nip, "MJ.PP", "2025-02-03"]]
    )
    files["profesional.csv"] = [["nip", "pendidikan", "skp", "disiplin"]] + [
        [e.nip, edu, f"{skp[e.nip]:g}", sanction]
        for e, (edu, sanction) in zip(office, _PROFILES, strict=True)
    ]
    files["pelatihan.csv"] = [["nip", "jenis", "jp", "sesuai_jabatan", "judul"]] + [
        [office[k].nip, kind, jp, fits, title] for k, kind, jp, fits, title in _TRAINING
    ]
    return {name: _csv(rows) for name, rows in files.items()}


def write_sample_files(folder: Path) -> list[Path]:
    """Write the sample files into ``folder``; return their paths.

    Raises:
        OutputError: If the folder does not exist or a file cannot be written.
    """
    if not folder.is_dir():
        raise OutputError(f"{folder}: the folder does not exist")
    written = []
    for name, data in sample_files().items():
        path = folder / name
        write_bytes(path, data)
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    if args.files is not None:
        paths = write_sample_files(args.files)
        print(f"wrote {len(paths)} sample files to {args.files}", file=sys.stderr)
        return EXIT_OK
    from asn_competency.demo import run_demo  # noqa: PLC0415 - only the demo needs it

    run_demo()
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``demo`` command to the parser."""
    p = sub.add_parser(
        "demo",
        help="a tour on built-in sample data, or sample files to try every command on",
        description=(
            "Run a tour of the library on built-in sample data (a regency's Disdukcapil "
            "of sixteen people), or with --files write that office as CSV files: "
            f"{', '.join(SAMPLE_FILES)}."
        ),
        epilog="Examples:\n  asn-competency demo\n  asn-competency demo --files contoh",
        formatter_class=fmt,
    )
    p.add_argument(
        "--files", type=Path, metavar="FOLDER", help="write the sample files into FOLDER"
    )
    p.set_defaults(handler=run, parser=p)
