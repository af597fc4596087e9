"""Shared helpers of the command-line tests: run the command as a user does, sample data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

AGUS, RINA, DEDI, SARI = (
    "197805102003121001",
    "198602142010012003",
    "199107202019031004",
    "199503112020122005",
)

OFFICE = {
    "pegawai.csv": (
        "nip;nama;unit_kerja;id_jabatan;jenjang;golongan\n"
        f"{AGUS};Agus Santoso;Sekretariat;KABAG;administrator;IV/a\n"
        f"{RINA};Rina Marlina;Pelayanan;KASI;pengawas;III/c\n"
        f"{DEDI};Dedi Kurniawan;Pelayanan;FO;pelaksana;III/a\n"
        f"{SARI};Sari Wulandari;Pelayanan;FO;pelaksana;II/c\n"
    ),
    "standar.csv": (
        "position_id,competency_id,level,importance,framework_id\n"
        "FO,MJ.PP,2,2,asn-national\nFO,MJ.KOM,2,1,asn-national\n"
        "KASI,MJ.PP,3,1,asn-national\nKASI,MJ.KOM,3,1,asn-national\n"
        "KABAG,MJ.PP,3,1,asn-national\nKABAG,MJ.KOM,3,1,asn-national\n"
    ),
    "penilaian.csv": (
        "nip,competency_id,level,assessed_on\n"
        f"{AGUS},MJ.PP,4,2024-02-01\n{AGUS},MJ.KOM,4,2024-02-01\n"
        f"{RINA},MJ.PP,3,2024-02-01\n{RINA},MJ.KOM,3,2024-02-01\n"
        f"{DEDI},MJ.PP,1,2024-02-01\n{DEDI},MJ.KOM,2,2024-02-01\n"
        f"{SARI},MJ.PP,2,2024-02-01\n"
    ),
    "kegiatan.csv": (
        "activity_id,title,route,targets,jp,cost,start,end,capacity\n"
        "PP-01,Pelayanan prima,workshop,MJ.PP:1,24,3500000,2025-03-01,2025-03-05,30\n"
        "KOM-01,Komunikasi efektif,e_learning,MJ.KOM:1,3,0,2025-02-01,2025-02-01,\n"
    ),
    "peserta.csv": (
        f"nip,activity_id,attendance,completed\n{DEDI},PP-01,1,ya\n{SARI},PP-01,0.8,ya\n"
    ),
    "umpan.csv": "responden,relevance,speaker\n1,4,5\n2,5,4\n3,3,4\n",
    "nilai.csv": f"nip,pre,post\n{DEDI},50,80\n{SARI},60,75\n",
    "skm.csv": ("responden;U1;U2;U3;U4;U5;U6;U7;U8;U9\n1;4;4;4;4;4;4;4;4;4\n2;3;3;3;3;3;3;3;3;3\n"),
}
"""A small Disdukcapil office: four people, standards, assessments, a programme."""


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m asn_competency`` with the arguments, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "asn_competency", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def gap_args(d: Path, *extra: str) -> list[str]:
    """The population options of the office in ``d``."""
    return [
        "--employees",
        str(d / "pegawai.csv"),
        "--assessments",
        str(d / "penilaian.csv"),
        "--standards",
        str(d / "standar.csv"),
        *extra,
    ]
