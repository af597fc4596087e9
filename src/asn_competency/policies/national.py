"""The built-in national dictionary: eight managerial competencies and Perekat Bangsa.

The competency names follow the ASN competency standard (PermenPAN-RB 38/2017).
The level descriptors are short summaries written for this library; they are
not the regulation's wording. Levels widen in scope from self (1) to peers (2),
the unit (3), the organisation (4) and national/strategic scope (5).

Examples:
    >>> fw = national_framework()
    >>> [c.id for c in fw.of_type(CompetencyType.SOSIAL_KULTURAL)]
    ['SK.PB']
    >>> fw["MJ.PP"].name_en
    'Public service'
    >>> fw["MJ.PP"].scale.level(3).descriptor
    'Memantau dan memperbaiki mutu layanan di unit kerjanya.'
"""

from __future__ import annotations

from asn_competency.domain.competency import (
    Competency,
    CompetencyType,
    ProficiencyLevel,
    ProficiencyScale,
)
from asn_competency.domain.framework import CompetencyFramework, FrameworkStatus

__all__ = ["NATIONAL_FRAMEWORK_ID", "national_framework"]


NATIONAL_FRAMEWORK_ID = "asn-national"


# id, Indonesian name, English name, type, description, five level descriptors.
_DICTIONARY: tuple[tuple[str, str, str, CompetencyType, str, tuple[str, ...]], ...] = (
    (
        "MJ.INT",
        "Integritas",
        "Integrity",
        CompetencyType.MANAJERIAL,
        "Bertindak jujur, konsisten dan sesuai kode etik.",
        (
            "Jujur dan taat aturan dalam pekerjaannya sendiri.",
            "Mengingatkan rekan agar bekerja sesuai kode etik.",
            "Menegakkan etika dan aturan di unit kerjanya.",
            "Membangun budaya integritas di seluruh organisasi.",
            "Menjadi teladan integritas dan membentuk kebijakan antikorupsi nasional.",
        ),
    ),
    (
        "MJ.KS",
        "Kerja Sama",
        "Teamwork",
        CompetencyType.MANAJERIAL,
        "Bekerja bersama orang lain untuk mencapai tujuan bersama.",
        (
            "Berpartisipasi aktif sebagai anggota tim.",
            "Membantu dan menghargai kontribusi rekan kerja.",
            "Membangun kerja sama yang efektif di dalam unit.",
            "Membangun kemitraan lintas unit dan lintas instansi.",
            "Membangun jejaring dan sinergi pada tingkat nasional.",
        ),
    ),
    (
        "MJ.KOM",
        "Komunikasi",
        "Communication",
        CompetencyType.MANAJERIAL,
        "Menyampaikan dan menerima informasi secara jelas dan santun.",
        (
            "Menyampaikan informasi secara jelas dan mendengarkan dengan baik.",
            "Menyesuaikan cara berkomunikasi dengan lawan bicara.",
            "Mengelola komunikasi dan penyampaian informasi di unitnya.",
            "Mengelola komunikasi organisasi dengan pemangku kepentingan.",
            "Membentuk komunikasi strategis dan negosiasi tingkat nasional.",
        ),
    ),
    (
        "MJ.OH",
        "Orientasi pada Hasil",
        "Results orientation",
        CompetencyType.MANAJERIAL,
        "Berfokus pada hasil kerja yang bermutu dan tepat waktu.",
        (
            "Menyelesaikan tugasnya sesuai standar dan tenggat.",
            "Menetapkan target kerja yang menantang bagi diri dan rekan.",
            "Memantau dan meningkatkan kinerja unit kerjanya.",
            "Menetapkan sasaran kinerja organisasi dan mengawalnya.",
            "Mendorong capaian kinerja strategis pada tingkat nasional.",
        ),
    ),
    (
        "MJ.PP",
        "Pelayanan Publik",
        "Public service",
        CompetencyType.MANAJERIAL,
        "Memberikan layanan yang cepat, tepat dan ramah kepada masyarakat.",
        (
            "Melayani masyarakat dengan ramah sesuai prosedur.",
            "Menanggapi kebutuhan dan keluhan pengguna layanan.",
            "Memantau dan memperbaiki mutu layanan di unit kerjanya.",
            "Merancang perbaikan sistem layanan di organisasi.",
            "Merumuskan kebijakan pelayanan publik yang berdampak luas.",
        ),
    ),
    (
        "MJ.PDO",
        "Pengembangan Diri dan Orang Lain",
        "Developing self and others",
        CompetencyType.MANAJERIAL,
        "Meningkatkan kemampuan diri sendiri dan orang lain.",
        (
            "Belajar untuk meningkatkan kemampuan dirinya.",
            "Berbagi pengetahuan dan membimbing rekan kerja.",
            "Mengembangkan kompetensi pegawai di unitnya melalui coaching dan mentoring.",
            "Membangun sistem pengembangan kompetensi organisasi.",
            "Membangun budaya belajar dan suksesi pada tingkat nasional.",
        ),
    ),
    (
        "MJ.MP",
        "Mengelola Perubahan",
        "Managing change",
        CompetencyType.MANAJERIAL,
        "Menyesuaikan diri dan memimpin perubahan.",
        (
            "Menerima dan menyesuaikan diri dengan perubahan.",
            "Mendorong rekan kerja menerima perubahan.",
            "Menjalankan perubahan di unit kerjanya.",
            "Memimpin perubahan di organisasi dan mengatasi hambatannya.",
            "Memprakarsai reformasi pada tingkat nasional.",
        ),
    ),
    (
        "MJ.PK",
        "Pengambilan Keputusan",
        "Decision making",
        CompetencyType.MANAJERIAL,
        "Mengambil keputusan yang tepat waktu dan berdasar data.",
        (
            "Mengambil keputusan rutin sesuai prosedur.",
            "Menimbang beberapa pilihan sebelum memutuskan.",
            "Mengambil keputusan operasional untuk unitnya.",
            "Mengambil keputusan berisiko bagi organisasi.",
            "Mengambil keputusan strategis yang berdampak nasional.",
        ),
    ),
    (
        "SK.PB",
        "Perekat Bangsa",
        "National unity",
        CompetencyType.SOSIAL_KULTURAL,
        "Menghargai keberagaman dan mempererat persatuan.",
        (
            "Menghargai perbedaan suku, agama dan budaya.",
            "Bekerja sama dengan rekan dari latar belakang berbeda.",
            "Membangun suasana inklusif di unit kerjanya.",
            "Mengelola keberagaman dan mencegah konflik di organisasi.",
            "Menjadi perekat bangsa dalam kebijakan nasional.",
        ),
    ),
)


_LEVEL_LABELS = ("Level 1", "Level 2", "Level 3", "Level 4", "Level 5")


def _competency(row: tuple[str, str, str, CompetencyType, str, tuple[str, ...]]) -> Competency:
    cid, name_id, name_en, ctype, description, descriptors = row
    scale = ProficiencyScale(
        id=f"{cid}.levels",
        levels=tuple(
            ProficiencyLevel(number=n, label=label, descriptor=text)
            for n, (label, text) in enumerate(zip(_LEVEL_LABELS, descriptors, strict=True), 1)
        ),
    )
    return Competency(
        id=cid,
        name_id=name_id,
        name_en=name_en,
        type=ctype,
        scale=scale,
        description=description,
    )


def national_framework() -> CompetencyFramework:
    """Return the national managerial and socio-cultural framework.

    Eight managerial competencies (ids ``MJ.*``) and Perekat Bangsa (``SK.PB``),
    each on its own 1-5 scale with short Indonesian descriptors. Technical
    competencies are agency-specific: build them with
    :class:`~asn_competency.Competency` and join with
    :meth:`~asn_competency.CompetencyFramework.merge`.

    Returns:
        A new framework object (frameworks are immutable, so it may be shared).
    """
    return CompetencyFramework(
        id=NATIONAL_FRAMEWORK_ID,
        version="PermenPANRB-38-2017",
        title="Standar Kompetensi Manajerial dan Sosial Kultural ASN",
        status=FrameworkStatus.ACTIVE,
        competencies=tuple(_competency(row) for row in _DICTIONARY),
    )
