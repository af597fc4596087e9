"""Talent and succession at a regency Disdukcapil: who could lead the office's key units?

The built-in sample office (sixteen people in three units, their assessments in
Pelayanan Publik and Komunikasi, and their SKP scores) is read as an HR office
would for a talent review under PermenPAN-RB 3/2020:

1. potential from evidence: the JPM against the standard of the next tier up,
   a potential-assessment score and the track record (years in position, last
   SKP score, JP of development), each person placed on the nine-box;
2. the agency's talent pool (boxes 7, 8 and 9) with the recommendations;
3. the JFKK weighting of a functional position's JPM, worked at two levels;
4. succession for three key positions: candidates ranked by readiness, JPM and
   box, those excluded and why, and the key position without a ready successor;
5. bench strength by unit, with small units suppressed;
6. the development, within the sample budget, that would ready the candidates
   who are one or two years away.

The sample has no potential-assessment scores, position start dates or
development hours, so this example sets them in the tables below (fictional).
"""

from __future__ import annotations

import datetime as dt

import attrs

import asn_competency as ac
from asn_competency.demo import (
    PLAN_BUDGET,
    PLAN_YEAR,
    sample_catalogue,
    sample_office,
    sample_office_assessments,
    sample_performance,
    sample_standard,
)
from asn_competency.gaps import analyse_gaps
from asn_competency.policies import (
    JPM_SELECTION_BKN,
    JPM_WEIGHTING_JFKK_2020,
    SUPPRESSION_DEFAULT,
)
from asn_competency.talent import (
    PotentialEvidence,
    plan_succession,
    plan_successor_development,
    summarise_succession,
    talent_box,
    talent_pools,
)

AS_OF = dt.date(2025, 7, 1)

# Fictional figures the sample lacks: a learning-agility score (0-100), the year the
# current position started, and JP of development in the last year.
AGILITY = {
    "197805102003121001": 78, "198602142010012003": 84, "199107202019031004": 62,
    "199503112020122005": 70, "199812012024211006": 55, "198512202011012007": 66,
    "198209152008011008": 81, "199304222018032009": 74, "199608302022031010": 60,
    "200001152025212011": 58, "198011112006041012": 88, "198907072014022013": 79,
    "199202282017011014": 64, "199410102019032015": 72, "199705052021011016": 69,
    "200103032025211017": 57,
}  # fmt: skip
SINCE = {
    "197805102003121001": 2016, "198602142010012003": 2019, "199107202019031004": 2019,
    "199503112020122005": 2020, "199812012024211006": 2024, "198512202011012007": 2012,
    "198209152008011008": 2010, "199304222018032009": 2018, "199608302022031010": 2022,
    "200001152025212011": 2025, "198011112006041012": 2016, "198907072014022013": 2014,
    "199202282017011014": 2017, "199410102019032015": 2019, "199705052021011016": 2021,
    "200103032025211017": 2025,
}  # fmt: skip
DEVELOPMENT_JP = {"198602142010012003": 32, "198011112006041012": 24, "198209152008011008": 20}

NEXT_TIER = {
    ac.PositionTier.PELAKSANA: ac.PositionTier.PENGAWAS,
    ac.PositionTier.PENGAWAS: ac.PositionTier.ADMINISTRATOR,
    ac.PositionTier.ADMINISTRATOR: ac.PositionTier.JPT_PRATAMA,
}

KEY_POSITIONS = [
    ac.Position(id="KABID.PELAYANAN", title="Kepala Bidang Pelayanan Pendaftaran Penduduk",
                tier="administrator", agency="Disdukcapil", unit="Pelayanan"),
    ac.Position(id="KASI.PENDAFTARAN", title="Kepala Seksi Pendaftaran Penduduk",
                tier="pengawas", agency="Disdukcapil", unit="Pendaftaran"),
    ac.Position(id="SEKDIS", title="Sekretaris Dinas", tier="jpt_pratama",
                agency="Disdukcapil", unit="Sekretariat"),
]  # fmt: skip
INCUMBENTS = {"198011112006041012": "KASI.PENDAFTARAN", "198602142010012003": "KASI.PELAYANAN"}


def office() -> tuple[ac.Employee, ...]:
    """The sample office, with the example's position start dates and current positions."""
    return tuple(
        attrs.evolve(
            e,
            position_since=dt.date(SINCE[e.nip], 1, 2),
            position_id=INCUMBENTS.get(e.nip, e.position_id),
        )
        for e in sample_office()
    )


def standard_of(tier: ac.PositionTier) -> ac.PositionStandard:
    """The office's standard for a tier (the sample's: one level above the national default)."""
    return sample_standard(ac.Employee(nip="199001012015031001", name="-", tier=tier))


def evidence_of(e: ac.Employee, assessments: tuple[ac.Assessment, ...]) -> PotentialEvidence:
    """JPM against the next tier's standard, the agility score and the track record."""
    assert e.tier is not None
    target = standard_of(NEXT_TIER.get(e.tier, e.tier))
    jpm = analyse_gaps(assessments, target, nip=e.nip).jpm
    return PotentialEvidence(
        nip=e.nip,
        jpm=jpm,
        assessment={"learning_agility": AGILITY[e.nip]},
        years_in_grade=(AS_OF.year - SINCE[e.nip]),
        performance=(sample_performance()[e.nip],),
        development_jp=DEVELOPMENT_JP.get(e.nip, 0),
    )


def main() -> None:
    staff = office()
    names = {e.nip: e.name for e in staff}
    assessments = sample_office_assessments()
    performance = sample_performance()

    print("1. Nine-box from performance and the evidence of potential")
    boxes = {e.nip: talent_box(performance[e.nip], evidence_of(e, assessments)) for e in staff}
    for e in sorted(staff, key=lambda e: (-boxes[e.nip].number, e.nip)):
        b = boxes[e.nip]
        basis = b.potential_basis
        assert basis is not None
        parts = ", ".join(f"{c.kind} {c.points:g}" for c in basis.components)
        print(
            f"  box {b.number}  {e.name:17} {e.unit:11} SKP {performance[e.nip]:>3g}  "
            f"potential {basis.score:5.2f} ({b.potential.value}) from {parts}"
        )

    print("\n2. The agency's talent pool (boxes 7, 8 and 9)")
    (pool,) = talent_pools([(e, boxes[e.nip]) for e in staff], level="instansi")
    for m in pool.members:
        print(f"  box {m.box}  {m.name:17} {m.recommendation}")

    print("\n3. JFKK weighting: technical 2 of 4, managerial and socio-cultural 4 of 4")
    rows = [("teknis", 2, 4), ("manajerial", 4, 4)]
    for tier in ("ahli_pertama", "ahli_madya"):
        jpm = JPM_WEIGHTING_JFKK_2020.jpm(tier, rows)
        assert jpm is not None
        shares = JPM_WEIGHTING_JFKK_2020.shares_for(tier)
        print(
            f"  {tier:12} {shares[0]:g}/{shares[1]:g}: JPM {jpm:.1f} "
            f"({JPM_SELECTION_BKN.category(jpm)}); plain JPM 75.0"
        )

    print(f"\n4. Succession for key positions (as of {AS_OF})")
    table = plan_succession(
        KEY_POSITIONS,
        staff,
        assessments,
        {p.id: standard_of(p.tier) for p in KEY_POSITIONS},
        as_of=AS_OF,
        placements=boxes,
    )
    for k in table.positions:
        required = ", ".join(f"{r.competency_id} {r.level}" for r in k.standard.requirements)
        print(f"  {k.position.id} ({k.position.tier.value}; requires {required})")
        for rank, c in enumerate(k.candidates, start=1):
            print(f"    {rank}. {c.name:17} {c.explain()}")
        if not k.candidates:
            print("    no eligible candidate")
        for x in k.excluded:
            print(f"    excluded {names[x.nip]:17} {'; '.join(x.reasons)}")
    missing = table.without_ready_successor()
    print(f"  key positions without a ready successor: {', '.join(missing) or 'none'}")

    print("\n5. Bench strength by unit (units of fewer than 3 candidates not shown)")
    bench = summarise_succession(
        table, by="unit", policy=attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=3)
    )
    for g in bench.groups:
        print(
            f"  {g.key[0]:11} {g.key_positions} key position(s), {g.with_ready_successor} "
            f"with a ready successor; bench strength {g.bench_strength:g} ready per position"
        )
    print(f"  {bench.suppressed_groups} unit(s) not shown")

    print(f"\n6. Development for those ready in 1-2 years ({PLAN_YEAR}, Rp {PLAN_BUDGET:,})")
    dev = plan_successor_development(
        table,
        assessments,
        sample_catalogue(),
        year=PLAN_YEAR,
        budget=PLAN_BUDGET,
        employees=staff,
    )
    for nip, position_id in dev.targets:
        person = dev.plan.person(nip)
        acts = ", ".join(person.activity_ids) or "nothing this year"
        print(
            f"  {names[nip]:17} for {position_id}: {acts}; gap {person.gap_before:g} "
            f"-> {person.gap_before - person.gap_closed:g}"
        )


if __name__ == "__main__":
    main()
