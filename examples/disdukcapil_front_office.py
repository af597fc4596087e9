"""A Disdukcapil front office: who falls short in Pelayanan Publik and Komunikasi?

A Dinas Kependudukan dan Pencatatan Sipil serves the public at its front office,
so its staff need Pelayanan Publik (MJ.PP) and Komunikasi (MJ.KOM). This example
uses the built-in sample people and assessments and:

1. builds, per tier, a front-office standard: the tier's default level in
   Komunikasi and one level more in Pelayanan Publik, which also weighs double
   (an office's own choice, not a national rule);
2. prints each person's gap report: level, gap, status, weighted gap, JPM and its
   mapping and selection categories, and readiness for a Pengawas post;
3. summarises the gaps of the office by unit and by agency, with small groups
   suppressed;
4. places two people on the talent nine-box.
"""

from __future__ import annotations

import asn_competency as ac
from asn_competency.demo import sample_assessments, sample_employees
from asn_competency.gaps import GapReport, analyse_population, summarise_gaps
from asn_competency.talent import talent_box

FRONT_OFFICE = ("MJ.PP", "MJ.KOM")
WEIGHT = {"MJ.PP": 2.0, "MJ.KOM": 1.0}
EXTRA = {"MJ.PP": 1, "MJ.KOM": 0}


def front_office_standard(tier: ac.PositionTier) -> ac.PositionStandard:
    """Require Komunikasi at the tier's default level and Pelayanan Publik one above."""
    level = ac.REQUIRED_LEVELS_PERMENPANRB_38_2017.level_for(tier)
    return ac.PositionStandard(
        position_id=f"DUKCAPIL.FO.{tier.value}",
        framework_id=ac.NATIONAL_FRAMEWORK_ID,
        requirements=[
            ac.Requirement(competency_id=c, level=min(level + EXTRA[c], 5), importance=WEIGHT[c])
            for c in FRONT_OFFICE
        ],
    )


def print_report(name: str, report: GapReport) -> None:
    print(f"  {name} ({report.position_id})")
    for item in report.items:
        level = "-" if item.level is None else f"{item.level:g}"
        gap = "-" if item.gap is None else f"{item.gap:+g}"
        print(
            f"    {item.competency_id:7} required {item.required}, level {level:>2}, "
            f"gap {gap:>3}: {item.status.value}"
        )
    print(f"    weighted gap {report.weighted_gap:.2f}; {report.explain()}")
    if report.target is not None:
        t = report.target
        print(f"    ready for {t.position_id}? JPM {t.jpm:.1f} ({t.jpm_selection})")


def main() -> None:
    people = sample_employees()
    names = {e.nip: e.name for e in people}
    pengawas = front_office_standard(ac.PositionTier.PENGAWAS)

    def standard(e: ac.Employee) -> ac.PositionStandard:
        assert e.tier is not None
        return front_office_standard(e.tier)

    def target(e: ac.Employee) -> ac.PositionStandard | None:
        return pengawas if e.tier is ac.PositionTier.PELAKSANA else None

    reports = list(
        analyse_population(
            people,
            sample_assessments(),
            standard,
            framework=ac.national_framework(),
            targets=target,
        )
    )
    print("Gap reports (latest assessment wins)")
    for r in reports:
        print_report(names[r.nip], r)

    print("\nBy unit (groups under 5 people are suppressed)")
    by_unit = summarise_gaps(reports, employees=people, by="unit")
    print(f"  shown groups: {len(by_unit.groups)}, suppressed: {by_unit.suppressed_groups}")

    print("By agency")
    by_agency = summarise_gaps(reports, employees=people, by="agency")
    for group in by_agency.groups:
        for cell in group.cells:
            print(
                f"  {group.key[0]} {cell.competency_id}: {cell.assessed} assessed, "
                f"mean gap {cell.mean_gap:+.2f}, {cell.share_below:.0%} below, "
                f"{cell.meeting} meet the standard ({cell.risk.value})"
            )
    ranked = ", ".join(f"{r.competency_id} {r.share_below:.0%}" for r in by_agency.ranking)
    print(f"  most below standard: {ranked}")

    print("\nTalent nine-box")
    for e, perf, pot in ((people[0], "above", 85), (people[3], 70, "low")):
        box = talent_box(perf, pot)
        print(
            f"  {e.name}: box {box.number} ({box.performance_id} / {box.potential_id}): "
            f"{box.recommendation}"
        )


if __name__ == "__main__":
    main()
