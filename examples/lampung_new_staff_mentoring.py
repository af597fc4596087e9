"""Lampung: matching a cohort of new staff (CPNS) with senior mentors.

Lampung's civil-service development programme pairs new staff with seniors so
that know-how passes on directly, next to classroom training such as a
time-management course (pelatihan manajemen waktu) that helps staff plan tasks
and deadlines. This example generates a synthetic, deterministic cohort and:

1. assesses the new staff against an orientation standard for new front-line
   staff and turns each gap report's shortfalls into mentoring needs;
2. matches them with seniors of the same agency (optimal total score, a small
   bonus for ties across units), two mentees per senior, one busy head of
   division taking a single mentee;
3. prints the pairs and why they were formed, everyone left unmatched and why,
   each mentor's load, the ties that cross units, and the audit of the
   matching against the stable one;
4. lists the units where nobody can mentor a competency the newcomers lack,
   which is where the time-management course (for Orientasi pada Hasil) or
   another classroom route fits better than mentoring.

All people, levels and NIPs are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import asn_competency as ac
from asn_competency.domain import MenteeNeed
from asn_competency.gaps import analyse_gaps
from asn_competency.matching import (
    audit_matching,
    crossing_ties,
    match_mentors,
    units_without_mentor,
)
from asn_competency.policies import MatchingPolicy

AGENCIES = {
    "Disdukcapil": ("Pelayanan", "Pendaftaran Penduduk", "Pencatatan Sipil"),
    "BKD": ("Mutasi", "Pengembangan Kompetensi"),
}
REGION = "Provinsi Lampung"
# What the orientation standard asks of new front-line staff, and how much each matters.
ORIENTATION = {
    "MJ.PP": (2, 3.0),  # Pelayanan Publik
    "MJ.KOM": (2, 2.0),  # Komunikasi
    "MJ.OH": (2, 2.0),  # Orientasi pada Hasil: where time management sits
    "MJ.INT": (2, 1.0),  # Integritas
    "MJ.KS": (2, 1.0),  # Kerja Sama
}
ASSESSED = dt.date(2025, 2, 3)
START = dt.date(2025, 3, 3)


def nip(birth: dt.date, hired: int, gender: int, seq: int) -> str:
    return f"{birth:%Y%m%d}{hired}01{gender}{seq:03d}"


def build(rng: random.Random) -> tuple[list[ac.Employee], list[ac.Employee], list[ac.Assessment]]:
    """Seniors and new staff in each unit, and the assessments of both."""
    seniors: list[ac.Employee] = []
    newcomers: list[ac.Employee] = []
    assessments: list[ac.Assessment] = []
    seq = 0
    for agency, units in AGENCIES.items():
        for unit in units:
            for k in range(rng.choice((1, 2, 2))):
                seq += 1
                tier = "administrator" if k == 0 and unit == units[0] else "pengawas"
                e = ac.Employee(
                    nip=nip(
                        dt.date(1975 + seq % 9, 1 + seq % 12, 1 + seq % 27), 2003, 1 + seq % 2, seq
                    ),
                    name=f"Senior {seq:02d}",
                    agency=agency,
                    unit=unit,
                    region=REGION,
                    tier=tier,
                    golongan="III/d" if tier == "pengawas" else "IV/a",
                )
                seniors.append(e)
                for cid in ORIENTATION:
                    if rng.random() < 0.8:
                        assessments.append(
                            ac.Assessment(
                                nip=e.nip,
                                competency_id=cid,
                                level=rng.choice((1, 2, 3, 3, 4)),
                                assessed_on=ASSESSED,
                                source="assessment_centre",
                            )
                        )
            for _ in range(4):
                seq += 1
                e = ac.Employee(
                    nip=nip(
                        dt.date(1999 + seq % 4, 1 + seq % 12, 1 + seq % 27), 2024, 1 + seq % 2, seq
                    ),
                    name=f"CPNS {seq:02d}",
                    agency=agency,
                    unit=unit,
                    region=REGION,
                    tier="pelaksana",
                    golongan="III/a",
                    hired_on=dt.date(2024, 7, 1),
                )
                newcomers.append(e)
                for cid in ORIENTATION:
                    assessments.append(
                        ac.Assessment(
                            nip=e.nip,
                            competency_id=cid,
                            level=rng.choice((1, 1, 2)),
                            assessed_on=ASSESSED,
                            source="test",
                        )
                    )
    return seniors, newcomers, assessments


def main() -> None:
    rng = random.Random(2025)
    seniors, newcomers, assessments = build(rng)
    people = {e.nip: e for e in seniors + newcomers}
    names = {c.id: c.name_id for c in ac.national_framework()}
    standard = ac.PositionStandard(
        position_id="LAMPUNG.CPNS.FRONT",
        framework_id=ac.NATIONAL_FRAMEWORK_ID,
        requirements=[
            ac.Requirement(competency_id=c, level=lv, importance=w)
            for c, (lv, w) in ORIENTATION.items()
        ],
    )
    levels = ac.combine_assessments(assessments)
    needs = [MenteeNeed.from_report(analyse_gaps(levels, standard, nip=e.nip)) for e in newcomers]
    policy = MatchingPolicy(
        name="lampung-cpns-mentoring",
        version="2025.1",
        source="A provincial programme's own choice (illustrative).",
        same_agency=True,
        cross_unit_bonus=0.05,
        default_capacity=2,
    )
    busy = next(e.nip for e in seniors if e.tier is ac.PositionTier.ADMINISTRATOR)
    options: dict[str, Any] = {"levels": levels, "employees": newcomers, "capacities": {busy: 1}}

    result = match_mentors(needs, seniors, policy=policy, start=START, **options)
    stable = match_mentors(needs, seniors, policy=policy, objective="stable", **options)
    print(
        f"Lampung CPNS mentoring: {len(newcomers)} new staff, {len(seniors)} seniors, "
        f"policy {policy.name} v{policy.version}"
    )
    print(f"rules: {', '.join(result.rules)}\n")

    print(
        f"Pairs (optimal, total score {result.total_score:.3f}; stable: {stable.total_score:.3f})"
    )
    for p in result.pairs:
        mentor, mentee = people[p.mentor], people[p.mentee]
        covered = ", ".join(names[c] for c in p.covered)
        bonus = dict(p.parts)["cross_unit"]
        print(
            f"  {mentor.name} ({mentor.unit}) -> {mentee.name} ({mentee.unit}): "
            f"score {p.score:.3f}{' incl. cross-unit bonus' if bonus else ''}; covers {covered}"
        )

    print("\nUnmatched new staff")
    if not result.unmatched_mentees:
        print("  (none)")
    for u in result.unmatched_mentees:
        print(f"  {people[u.nip].name} ({people[u.nip].unit}): {u.reason.value}: {u.detail}")
    print("Unmatched seniors")
    if not result.unmatched_mentors:
        print("  (none)")
    for m in result.unmatched_mentors:
        print(f"  {people[m.nip].name} ({people[m.nip].unit}): {m.reason.value}: {m.detail}")

    print("\nMentor load")
    for mentor_nip, n in result.graph.load().items():
        cap = dict(result.capacities)[mentor_nip]
        print(f"  {people[mentor_nip].name:10} {n} of {cap}")

    ties = crossing_ties(result.graph, people)
    print(f"\nTies across units: {len(ties)} of {len(result.pairs)}")
    for t in ties:
        print(f"  {people[t.mentor].unit} -> {people[t.mentee].unit}")

    audit = audit_matching(result, needs, seniors, **options)
    print(
        f"\nAudit: {len(audit.violations)} violations; {len(audit.blocking_pairs)} blocking "
        f"pairs in the optimal matching (the stable one has "
        f"{len(audit_matching(stable, needs, seniors, **options).blocking_pairs)})"
    )

    print("\nUnits where nobody can mentor what new staff lack")
    gaps = units_without_mentor(needs, seniors, levels, employees=people)
    for g in gaps:
        route = (
            "the time-management course (pelatihan manajemen waktu)"
            if g.competency_id == "MJ.OH"
            else "classroom training or a mentor from another unit"
        )
        best = (
            "nobody assessed"
            if g.best_available is None
            else f"best level there {g.best_available:g}"
        )
        print(f"  {g.group}: {names[g.competency_id]} for {len(g.mentees)} ({best}) -> {route}")


if __name__ == "__main__":
    main()
