"""A short tour of the library on built-in sample data (the ``demo`` command).

The sample is a small Disdukcapil front office: people, assessments and the
default standard for their tiers. Everything is generated here; nothing is read
from disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from asn_competency.assessment import Assessment, combine_assessments
from asn_competency.development import Activity, Enrolment, Programme, Target
from asn_competency.employee import Employee
from asn_competency.mentoring import MentoringGraph, MentoringRelationship
from asn_competency.national import national_framework
from asn_competency.policies import JP_CREDITS_REGIONAL, REQUIRED_LEVELS_2017
from asn_competency.serialization import dumps

__all__ = ["run_demo", "sample_assessments", "sample_employees"]


def sample_employees() -> tuple[Employee, ...]:
    """Return five employees of a regency's Disdukcapil (fictional NIPs)."""
    rows = (
        ("197805102003121001", "Agus Santoso", "Sekretariat", "administrator", "IV/a"),
        ("198602142010012003", "Rina Marlina", "Pelayanan", "pengawas", "III/c"),
        ("199107202019031004", "Dedi Kurniawan", "Pelayanan", "pelaksana", "III/a"),
        ("199503112020122005", "Sari Wulandari", "Pelayanan", "pelaksana", "II/c"),
        ("199812012024211006", "Yoga Pratama", "Pelayanan", "pelaksana", "7"),
    )
    return tuple(
        Employee(
            nip=nip,
            name=name,
            agency="Disdukcapil",
            unit=unit,
            region="Kabupaten Batanghari",
            tier=tier,
            golongan=gol,
        )
        for nip, name, unit, tier, gol in rows
    )


def sample_assessments() -> tuple[Assessment, ...]:
    """Return assessments of the sample employees in Pelayanan Publik and Komunikasi."""
    levels = {
        "197805102003121001": (3, 3, 4),
        "198602142010012003": (2, 2, 3),
        "199107202019031004": (1, 2, 2),
        "199503112020122005": (1, 1, 1),
        "199812012024211006": (2, 1, 1),
    }
    out: list[Assessment] = []
    for nip, (pp_old, pp_new, kom) in levels.items():
        out.append(
            Assessment(
                nip=nip,
                competency_id="MJ.PP",
                level=pp_old,
                assessed_on=dt.date(2023, 3, 1),
                source="assessment_centre",
            )
        )
        out.append(
            Assessment(
                nip=nip,
                competency_id="MJ.PP",
                level=pp_new,
                assessed_on=dt.date(2024, 3, 1),
                source="supervisor",
            )
        )
        out.append(
            Assessment(
                nip=nip,
                competency_id="MJ.KOM",
                level=kom,
                assessed_on=dt.date(2024, 3, 1),
                source="assessment_centre",
            )
        )
    return tuple(out)


def run_demo(write: Callable[[str], object] = print) -> None:
    """Print the tour: framework, people, current levels, standards, a programme, mentoring."""
    fw = national_framework()
    write(f"Framework {fw.id} ({fw.version}): {len(fw)} competencies")
    for c in fw:
        write(f"  {c.id:7} {c.name_id} / {c.name_en} [{c.type.value}]")
    people = sample_employees()
    write("")
    write("People (NIP checked and decoded):")
    for e in people:
        tier = e.tier.value if e.tier else "-"
        write(f"  {e.nip} {e.name:16} {e.status.value.upper():4} {tier:13} born {e.birth_date}")
    write("")
    write("Current levels (rule 'latest'):")
    current = combine_assessments(sample_assessments())
    for (nip, cid), cur in current.items():
        write(f"  {nip} {cid:6} {cur.explain()}")
    write("")
    write(f"Required levels by tier ({REQUIRED_LEVELS_2017.name}):")
    for e in people:
        if e.tier is not None:
            std = REQUIRED_LEVELS_2017.standard_for(e.position_id or "POS", e.tier, fw)
            write(f"  {e.name:16} requires level {std.required_level('MJ.PP')} in MJ.PP")
    act = Activity(
        id="PP-2025-01",
        title="Pelatihan pelayanan prima",
        route="workshop",
        targets=[Target(competency_id="MJ.PP", uplift=1)],
        jp=24,
        cost=2_500_000,
        capacity=25,
    )
    mentoring = Activity(
        id="MENTOR-2025",
        title="Mentoring oleh senior",
        route="mentoring",
        targets=[Target(competency_id="MJ.KOM", uplift=0.5)],
        jp=JP_CREDITS_REGIONAL.credit("mentoring"),
        cost=0,
        capacity=10,
    )
    prog = Programme(
        id="DUKCAPIL-2025",
        title="Peningkatan kompetensi front office",
        owner="Disdukcapil",
        activities=[act, mentoring],
        budget=15_000_000,
        enrolments=[Enrolment(nip=e.nip, activity_id=act.id, completed=True) for e in people[2:]]
        + [Enrolment(nip=e.nip, activity_id=mentoring.id, completed=True) for e in people[2:]],
    )
    write("")
    write(
        f"Programme {prog.id}: {len(prog.participants)} participants, "
        f"planned cost Rp {prog.planned_cost:,.0f} of Rp {prog.budget:,.0f}"
    )
    for nip, jp in prog.jp_by_person().items():
        write(f"  {nip} earns {jp:g} JP")
    graph = MentoringGraph(
        [
            MentoringRelationship(
                mentor=people[1].nip,
                mentee=e.nip,
                competency_ids=["MJ.KOM"],
                start=dt.date(2025, 1, 6),
            )
            for e in people[2:]
        ]
    )
    g = graph.to_networkx()
    write("")
    write(
        f"Mentoring graph: {g.number_of_nodes()} people, {g.number_of_edges()} ties; "
        f"{people[1].name} mentors {g.out_degree(people[1].nip)}"
    )
    write("")
    write("A standard as JSON (first lines):")
    std = REQUIRED_LEVELS_2017.standard_for("DUKCAPIL.FO", "pelaksana", fw)
    for line in dumps(std).splitlines()[:8]:
        write("  " + line)
