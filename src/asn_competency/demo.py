"""A short tour of the library on built-in sample data (the ``demo`` command).

The sample is the staff of a regency's Disdukcapil: five people at the front
office, and eleven colleagues who make the office sixteen people in three units.
Everything is generated here; nothing is read from disk. The tour shows the
foundation (framework, people, current levels, standards, a programme, a
mentoring graph, JSON) and then every analysis on the same people: gap reports
with JPM, the organisation's summary with small groups suppressed, the talent
nine-box, a development plan within a budget, mentor matching, a public
satisfaction (SKM) survey and a programme scorecard.

The figures are fictional but valid: NIPs decode to real dates and levels are
on the national scale. Every policy is the library's default except two choices
of the office: its standard (:func:`sample_standard`) and mentoring within each
unit (:data:`MATCHING_SAME_UNIT`). The same run always prints the same text.
The ``sample_*`` functions give the data, so that a notebook or a test can
repeat any step of the tour.

Examples:
    >>> office = sample_office()
    >>> len(office), sorted({e.unit for e in office})
    (16, ['Pelayanan', 'Pendaftaran', 'Sekretariat'])
    >>> sample_standard(office[3]).required_level("MJ.PP")
    2
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Mapping, Sequence

import attrs

from asn_competency.domain.assessment import Assessment
from asn_competency.domain.development import Activity, Enrolment, Programme, Target
from asn_competency.domain.employee import Employee
from asn_competency.domain.indicators import Indicator, Measurement
from asn_competency.domain.mentoring import MenteeNeed, MentoringGraph, MentoringRelationship
from asn_competency.domain.position import PositionStandard, PositionTier, Requirement
from asn_competency.evaluation.behaviour import analyse_behaviour
from asn_competency.evaluation.reaction import summarise_reaction
from asn_competency.evaluation.results import analyse_indicators
from asn_competency.evaluation.returns import analyse_return
from asn_competency.evaluation.scorecard import Scorecard, evaluate_programme
from asn_competency.evaluation.skm import SkmResult, skm_index
from asn_competency.gaps.individual import GapReport, analyse_population
from asn_competency.gaps.levels import combine_assessments
from asn_competency.gaps.summary import KeyPersonRisk, summarise_gaps
from asn_competency.io.json import dumps
from asn_competency.matching.audit import audit_matching
from asn_competency.matching.match import match_mentors
from asn_competency.planning.planner import plan_development
from asn_competency.policies.development import JP_CREDITS_REGIONAL
from asn_competency.policies.jpm import JPM_MAPPING_BKN, JPM_SELECTION_BKN
from asn_competency.policies.matching import MATCHING_DEFAULT
from asn_competency.policies.national import national_framework
from asn_competency.policies.required_levels import REQUIRED_LEVELS_PERMENPANRB_38_2017
from asn_competency.talent.nine_box import summarise_talent, talent_box

__all__ = [
    "FRONT_OFFICE_IMPORTANCE",
    "MATCHING_SAME_UNIT",
    "PLAN_BUDGET",
    "PLAN_YEAR",
    "EvaluationSample",
    "evaluate_sample",
    "run_demo",
    "sample_assessments",
    "sample_catalogue",
    "sample_employees",
    "sample_evaluation",
    "sample_office",
    "sample_office_assessments",
    "sample_performance",
    "sample_programme",
    "sample_standard",
    "sample_survey",
]

Write = Callable[[str], object]

_AGENCY = "Disdukcapil"
_REGION = "Kabupaten Batanghari"

FRONT_OFFICE_IMPORTANCE: Mapping[str, float] = types.MappingProxyType({"MJ.KOM": 1.0, "MJ.PP": 2.0})
"""Importance of each competency in the sample office's standard (Pelayanan Publik double)."""

PLAN_YEAR = 2025
"""The year of the sample development plan."""

PLAN_BUDGET = 9_000_000
"""The sample plan's budget in rupiah: too little for every PNS to reach 20 JP."""

MATCHING_SAME_UNIT = attrs.evolve(
    MATCHING_DEFAULT,
    name="dukcapil-same-unit",
    version="1",
    same_unit=True,
    source=(
        "MATCHING_DEFAULT with mentor and mentee in the same unit: the office's own choice. "
        "No regulation sets pairing rules (unconfirmed), as for the default."
    ),
)
"""The sample office's matching policy: the national default, within each unit."""

# The five front-office people of the original sample (their assessments are in
# `sample_assessments`).
_FIVE = (
    ("197805102003121001", "Agus Santoso", "Sekretariat", "administrator", "IV/a"),
    ("198602142010012003", "Rina Marlina", "Pelayanan", "pengawas", "III/c"),
    ("199107202019031004", "Dedi Kurniawan", "Pelayanan", "pelaksana", "III/a"),
    ("199503112020122005", "Sari Wulandari", "Pelayanan", "pelaksana", "II/c"),
    ("199812012024211006", "Yoga Pratama", "Pelayanan", "pelaksana", "7"),
)

# Eleven colleagues: NIP, name, unit, tier, golongan, level in MJ.PP and in MJ.KOM.
_COLLEAGUES = (
    ("198512202011012007", "Siti Aminah", "Sekretariat", "pelaksana", "III/b", 2, 2),
    ("198209152008011008", "Hendra Wijaya", "Pelayanan", "pelaksana", "III/b", 2, 3),
    ("199304222018032009", "Putri Handayani", "Pelayanan", "pelaksana", "III/a", 2, 1),
    ("199608302022031010", "Bayu Saputra", "Pelayanan", "pelaksana", "II/c", 1, 2),
    ("200001152025212011", "Nadia Rahma", "Pelayanan", "pelaksana", "5", 1, 1),
    ("198011112006041012", "Bambang Setiawan", "Pendaftaran", "pengawas", "III/d", 3, 3),
    ("198907072014022013", "Dewi Lestari", "Pendaftaran", "pelaksana", "III/b", 1, 2),
    ("199202282017011014", "Fajar Nugroho", "Pendaftaran", "pelaksana", "III/a", 1, 1),
    ("199410102019032015", "Intan Permata", "Pendaftaran", "pelaksana", "II/d", 1, 2),
    ("199705052021011016", "Rizky Ramadhan", "Pendaftaran", "pelaksana", "II/c", 1, 1),
    ("200103032025211017", "Andi Firmansyah", "Pendaftaran", "pelaksana", "5", 1, 2),
)

# SKP performance scores (0-100) of the whole office, for the nine-box.
_SKP = {
    "197805102003121001": 93,
    "198602142010012003": 92,
    "199107202019031004": 85,
    "199503112020122005": 78,
    "199812012024211006": 72,
    "198512202011012007": 88,
    "198209152008011008": 95,
    "199304222018032009": 90,
    "199608302022031010": 74,
    "200001152025212011": 80,
    "198011112006041012": 89,
    "198907072014022013": 93,
    "199202282017011014": 81,
    "199410102019032015": 86,
    "199705052021011016": 91,
    "200103032025211017": 77,
}


def _employee(nip: str, name: str, unit: str, tier: str, golongan: str) -> Employee:
    return Employee(
        nip=nip,
        name=name,
        agency=_AGENCY,
        unit=unit,
        region=_REGION,
        tier=tier,
        golongan=golongan,
    )


def sample_employees() -> tuple[Employee, ...]:
    """Return five employees of a regency's Disdukcapil (fictional NIPs)."""
    return tuple(_employee(*row) for row in _FIVE)


def sample_office() -> tuple[Employee, ...]:
    """Return the whole sample office: the five employees and eleven colleagues.

    Sixteen people in three units: Pelayanan (8), Pendaftaran (6) and
    Sekretariat (2, a unit too small to show in a summary).
    """
    colleagues = tuple(_employee(*row[:5]) for row in _COLLEAGUES)
    return sample_employees() + colleagues


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


def sample_office_assessments() -> tuple[Assessment, ...]:
    """Return the assessments of the whole office (the five's and the colleagues')."""
    colleagues = tuple(
        Assessment(
            nip=nip,
            competency_id=cid,
            level=level,
            assessed_on=dt.date(2024, 3, 1),
            source="assessment_centre",
        )
        for nip, *_, pp, kom in _COLLEAGUES
        for cid, level in (("MJ.PP", pp), ("MJ.KOM", kom))
    )
    return sample_assessments() + colleagues


def sample_standard(employee: Employee) -> PositionStandard:
    """Return the office's standard for a person: one level above the tier's default.

    Pelayanan Publik and Komunikasi are required one level above the national
    default for the person's tier (an office's choice, not a national rule), and
    Pelayanan Publik weighs double (:data:`FRONT_OFFICE_IMPORTANCE`).

    Examples:
        >>> std = sample_standard(sample_employees()[3])
        >>> std.position_id, [(r.competency_id, r.level) for r in std.requirements]
        ('DUKCAPIL.FO.pelaksana', [('MJ.KOM', 2), ('MJ.PP', 2)])
    """
    tier = employee.tier or PositionTier.PELAKSANA
    level = min(REQUIRED_LEVELS_PERMENPANRB_38_2017.level_for(tier) + 1, 5)
    return PositionStandard(
        position_id=f"DUKCAPIL.FO.{tier.value}",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id=cid, level=level, importance=weight)
            for cid, weight in FRONT_OFFICE_IMPORTANCE.items()
        ],
    )


def sample_performance() -> dict[str, float]:
    """Return each office member's SKP performance score (0-100), by NIP."""
    return {nip: float(score) for nip, score in _SKP.items()}


# The plan year's catalogue: id, title, route, competency, JP, cost in rupiah, places.
_CATALOGUE = (
    ("COACH-KOM", "Coaching komunikasi", "coaching", "MJ.KOM", 8, 400_000, 10),
    ("EL-KOM", "E-learning komunikasi efektif", "e_learning", "MJ.KOM", 4, 100_000, None),
    ("EL-PP", "E-learning pelayanan publik", "e_learning", "MJ.PP", 4, 100_000, None),
    ("MENTOR-PP", "Mentoring pelayanan", "mentoring", "MJ.PP", 12, 300_000, 10),
    ("PP-KLS", "Pelatihan pelayanan prima", "workshop", "MJ.PP", 24, 2_500_000, 25),
)


def sample_catalogue() -> tuple[Activity, ...]:
    """Return the activities on offer in the plan year.

    Coaching and mentoring with ten places each, two e-learning modules and a
    classroom workshop; each raises one competency by one level. Under the
    default planning policy the workshop's classroom route closes no small gap,
    but it gives JP.
    """
    return tuple(
        Activity(
            id=id,
            title=title,
            route=route,
            targets=[Target(competency_id=cid, uplift=1)],
            jp=jp,
            cost=cost,
            capacity=places,
        )
        for id, title, route, cid, jp, cost, places in _CATALOGUE
    )


def sample_survey(respondents: int = 24) -> tuple[tuple[int, ...], ...]:
    """Return a small SKM survey: one row of nine answers (1-4) per respondent.

    The answers are generated by a fixed rule around typical element means, so
    the survey is the same on every run.

    Examples:
        >>> rows = sample_survey()
        >>> len(rows), len(rows[0]), min(min(r) for r in rows) >= 1
        (24, 9, True)
    """
    typical = (3, 3, 3, 4, 3, 3, 4, 2, 3)
    return tuple(
        tuple(
            min(4, max(1, base + ((r * 5 + i * 3) % 7 == 0) - ((r * 3 + i) % 11 == 0)))
            for i, base in enumerate(typical)
        )
        for r in range(respondents)
    )


def sample_programme() -> Programme:
    """Return the sample programme: a workshop and mentoring for three front-office staff."""
    people = sample_employees()
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
    return Programme(
        id="DUKCAPIL-2025",
        title="Peningkatan kompetensi front office",
        owner=_AGENCY,
        start=dt.date(2025, 5, 5),
        end=dt.date(2025, 8, 29),
        activities=[act, mentoring],
        budget=15_000_000,
        enrolments=[Enrolment(nip=e.nip, activity_id=act.id, completed=True) for e in people[2:]]
        + [Enrolment(nip=e.nip, activity_id=mentoring.id, completed=True) for e in people[2:]],
    )


@attrs.frozen(kw_only=True)
class EvaluationSample:
    """The data of the sample programme's evaluation, by Kirkpatrick level.

    There is no pre- and post-test, so level 2 (learning) is missing.

    Args:
        feedback: Level 1 ratings (1-5) by item.
        invited: People invited to the programme.
        reassessments: Level 3 assessments after the programme.
        indicators: Level 4 service indicators.
        measurements: Their measurements before (2024) and, for service time, after
            (2025); the IKM after the programme comes from the survey.
        benefits: Level 5 monetised benefits, in rupiah.
        costs: Level 5 fully loaded costs, in rupiah.
    """

    feedback: Mapping[str, tuple[int, ...]]
    invited: int
    reassessments: tuple[Assessment, ...]
    indicators: tuple[Indicator, ...]
    measurements: tuple[Measurement, ...]
    benefits: Mapping[str, float]
    costs: Mapping[str, float]


def sample_evaluation() -> EvaluationSample:
    """Return the evaluation data of :func:`sample_programme`."""
    dedi, sari, yoga = (e.nip for e in sample_employees()[2:])
    after = dt.date(2025, 11, 3)
    return EvaluationSample(
        feedback={"relevance": (5, 4, 4), "satisfaction": (4, 4, 3), "speaker": (5, 4, 4)},
        invited=4,
        reassessments=(
            Assessment(nip=dedi, competency_id="MJ.PP", level=3, assessed_on=after),
            Assessment(nip=dedi, competency_id="MJ.KOM", level=2, assessed_on=after),
            Assessment(nip=sari, competency_id="MJ.PP", level=2, assessed_on=after),
            Assessment(nip=sari, competency_id="MJ.KOM", level=2, assessed_on=after),
            Assessment(nip=yoga, competency_id="MJ.PP", level=2, assessed_on=after),
        ),
        indicators=(
            Indicator(
                id="waktu-layanan",
                name="Waktu layanan KTP-el",
                level=4,
                unit="minutes",
                direction="lower",
                baseline=60,
                target=30,
            ),
            Indicator(
                id="ikm",
                name="Indeks Kepuasan Masyarakat",
                level=4,
                unit="index 25-100",
                direction="higher",
                baseline=76,
                target=88.31,
            ),
        ),
        measurements=(
            Measurement(indicator_id="waktu-layanan", subject=_AGENCY, period="2024", value=60),
            Measurement(indicator_id="waktu-layanan", subject=_AGENCY, period="2025", value=42),
            Measurement(indicator_id="ikm", subject=_AGENCY, period="2024", value=76),
        ),
        benefits={"waktu_petugas_hemat": 7_200_000, "antrean_berkurang": 3_600_000},
        costs={"pelatihan": 7_500_000, "waktu_peserta": 1_500_000},
    )


# --- The tour ----------------------------------------------------------------------------


def _rp(amount: float) -> str:
    return f"Rp {amount:,.0f}"


def _listed(write: Write, title: str, entries: Sequence[str], per_line: int) -> None:
    """Write ``title`` and the entries, ``per_line`` to a line."""
    write(f"  {title}:")
    for i in range(0, len(entries), per_line):
        write("    " + "; ".join(entries[i : i + per_line]))


def _foundation(write: Write) -> None:
    """Framework, people, current levels, standards, a programme, mentoring and JSON."""
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
    write(f"Required levels by tier ({REQUIRED_LEVELS_PERMENPANRB_38_2017.name}):")
    for e in people:
        tier = e.tier or PositionTier.PELAKSANA
        std = REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for(e.position_id or "POS", tier, fw)
        write(f"  {e.name:16} requires level {std.required_level('MJ.PP')} in MJ.PP")
    prog = sample_programme()
    write("")
    write(
        f"Programme {prog.id}: {len(prog.participants)} participants, "
        f"planned cost {_rp(prog.planned_cost)} of {_rp(prog.budget or 0)}"
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
    std = REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for("DUKCAPIL.FO", "pelaksana", fw)
    for line in dumps(std).splitlines()[:8]:
        write("  " + line)


def _office(write: Write, office: Sequence[Employee]) -> None:
    write("")
    units: dict[str, int] = {}
    for e in office:
        units[e.unit] = units.get(e.unit, 0) + 1
    shares = ", ".join(f"{unit} {n}" for unit, n in sorted(units.items()))
    write(f"The office: {len(office)} people in {len(units)} units ({shares});")
    write("  standard: MJ.PP (importance 2) and MJ.KOM one level above the tier's default")


def _gap_section(
    write: Write, reports: Mapping[str, GapReport], names: Mapping[str, str], nips: Sequence[str]
) -> None:
    write("")
    write(
        f"Gap analysis (gaps.analyse_gaps; JPM categories under {JPM_MAPPING_BKN.name} "
        f"and {JPM_SELECTION_BKN.name}):"
    )
    for nip in nips:
        report = reports[nip]
        write(f"  {names[nip]} ({nip}), standard {report.position_id}:")
        for item in report.items:
            write(
                f"    {item.competency_id:6} required {item.required}, current {item.level:g}, "
                f"gap {item.gap:+g}: {item.status.value}"
            )
        write(
            f"    weighted gap {report.weighted_gap:.2f}; JPM {report.jpm:.2f}: "
            f"{report.jpm_mapping} / {report.jpm_selection}"
        )


def _organisation_section(
    write: Write, reports: Sequence[GapReport], office: Sequence[Employee]
) -> None:
    summary = summarise_gaps(reports, employees=office, by="unit")
    pol = summary.policy
    write("")
    write("Organisation by unit (organisation.summarise_gaps):")
    shown = ", ".join(f"{g.key[0]} ({g.people} people)" for g in summary.groups)
    write(f"  shown: {shown}")
    write(
        f"  suppressed ({pol.name}): {summary.suppressed_groups} unit(s) of fewer than "
        f"{pol.min_group_size} people"
    )
    for g in summary.groups:
        for c in g.cells:
            figures = (
                "figures suppressed"
                if c.mean_gap is None or c.share_below is None
                else f"mean gap {c.mean_gap:+.2f}, {c.share_below:.0%} below"
            )
            write(
                f"    {g.key[0]:11} {c.competency_id:6} {c.assessed} assessed, {figures}, "
                f"{c.meeting} meeting it ({c.risk.value})"
            )
    ranked = ", ".join(f"{r.competency_id} {r.share_below:.0%}" for r in summary.ranking)
    write(f"  most below standard (shown units): {ranked}")
    for key, cell in summary.key_person_risks():
        who = "only one person" if cell.risk is KeyPersonRisk.SINGLE else "nobody"
        write(f"  key-person risk: in {key[0]}, {who} meets {cell.competency_id}")


def _talent_section(
    write: Write,
    reports: Mapping[str, GapReport],
    office: Sequence[Employee],
    nips: Sequence[str],
) -> None:
    skp = sample_performance()
    placed = [(e, talent_box(skp[e.nip], reports[e.nip].jpm or 0.0)) for e in office]
    write("")
    write("Talent nine-box (talent.talent_box; performance = SKP score, potential = JPM):")
    for e, box in placed:
        if e.nip in nips:
            write(
                f"  {e.name:16} SKP {skp[e.nip]:g}, JPM {reports[e.nip].jpm or 0.0:.1f} -> box "
                f"{box.number} ({box.performance_en} / {box.potential_en})"
            )
            write(f"    {box.recommendation}")
    dist = summarise_talent(placed)
    counts = "  ".join(f"{n}:{c}" for n, c in enumerate(dist.totals, start=1))
    write(f"  people per box ({sum(dist.totals)}): {counts}")


def _plan_section(
    write: Write, reports: Sequence[GapReport], office: Sequence[Employee], names: Mapping[str, str]
) -> None:
    plan = plan_development(
        reports, sample_catalogue(), year=PLAN_YEAR, budget=PLAN_BUDGET, employees=office
    )
    write("")
    write(
        f"Development plan {plan.year} (planning.plan_development; budget {_rp(plan.budget)}, "
        f"solver {plan.solver.status}):"
    )
    gap_before = sum(p.gap_before for p in plan.people)
    per_point = plan.cost_per_gap_point
    write(
        f"  cost {_rp(plan.total_cost)}, {_rp(plan.budget_left)} left; gap closed "
        f"{plan.total_gap_closed:g} of {gap_before:g} weighted points; "
        f"{_rp(per_point or 0)} per gap point"
    )
    _listed(write, "JP per person", [f"{names[p.nip]} {p.total_jp:g}" for p in plan.people], 4)
    reasons = sorted({r.value for s in plan.shortfalls for r in s.reasons})
    write(f"  short of their minimum JP: {len(plan.shortfalls)} ({', '.join(reasons)})")
    for s in plan.shortfalls:
        write(f"    {names[s.nip]}, {s.explanation}")


def _matching_section(
    write: Write,
    reports: Mapping[str, GapReport],
    office: Sequence[Employee],
    names: Mapping[str, str],
) -> None:
    levels = combine_assessments(sample_office_assessments())
    needs = [MenteeNeed.from_report(r) for r in reports.values() if r.below()]
    result = match_mentors(
        needs, office, levels=levels, employees=office, policy=MATCHING_SAME_UNIT
    )
    audit = audit_matching(result, needs, office, levels=levels, employees=office)
    write("")
    write(
        f"Mentor matching (matching.match_mentors, objective {result.objective.value}, "
        f"policy {result.policy.name}):"
    )
    write(f"  {len(needs)} mentees below standard; every office member is a candidate mentor")
    needed = {n.nip: n.competency_ids for n in needs}
    for p in result.pairs:
        parts = " + ".join(f"{k} {v:.3f}" for k, v in p.parts if v)
        write(
            f"  {names[p.mentor]:16} -> {names[p.mentee]:16} score {p.score:.3f} ({parts}): "
            f"covers {', '.join(p.covered)} of {len(needed[p.mentee])} need(s)"
        )
    write(f"  each pair passed: {', '.join(result.rules)}")
    write(f"  mentees without a mentor: {len(result.unmatched_mentees)}")
    for u in result.unmatched_mentees:
        write(f"    {names[u.nip]}: {u.reason.value} ({u.detail})")
    reasons: dict[str, int] = {}
    for m in result.unmatched_mentors:
        reasons[m.reason.value] = reasons.get(m.reason.value, 0) + 1
    why = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
    write(f"  mentors without a mentee: {len(result.unmatched_mentors)} ({why})")
    write(f"  total score {result.total_score:g} over {len(result.pairs)} pairs")
    write(
        f"  audit_matching: {len(audit.violations)} violations, "
        f"{len(audit.blocking_pairs)} blocking pairs"
    )


def _skm_section(write: Write) -> SkmResult:
    rows = sample_survey()
    result = skm_index(rows)
    write("")
    write(f"SKM survey (skm.skm_index, {result.policy.name}; {result.respondents} respondents):")
    _listed(write, "NRR per element", [f"{e.code} {e.nrr:.3f}" for e in result.elements], 9)
    weakest = min(result.elements, key=lambda e: (e.nrr, e.code))
    write(
        f"  index {result.index:.4f} on 1-4, converted {result.converted:.2f}: grade "
        f"{result.grade} ({result.label})"
    )
    write(f"  weakest element: {weakest.code} {weakest.name}")
    return result


def evaluate_sample(ikm: float) -> Scorecard:
    """Evaluate :func:`sample_programme` on :func:`sample_evaluation`, with the IKM after it."""
    data = sample_evaluation()
    prog = sample_programme()
    ikm_after = Measurement(indicator_id="ikm", subject=_AGENCY, period="2025", value=ikm)
    behaviour = analyse_behaviour([*sample_assessments(), *data.reassessments], programme=prog)
    return evaluate_programme(
        prog,
        reaction=summarise_reaction(data.feedback, programme=prog, invited=data.invited),
        behaviour=behaviour,
        indicators=analyse_indicators(
            data.indicators,
            [*data.measurements, ikm_after],
            subject=_AGENCY,
            before="2024",
            after="2025",
        ),
        returns=analyse_return(
            data.benefits, data.costs, programme=prog, gap_points_closed=behaviour.points_gained
        ),
    )


def _scorecard_section(write: Write, card: Scorecard) -> None:
    write("")
    write(f"Programme scorecard (evaluation.evaluate_programme, {card.policy.name}):")
    write(
        f"  {card.programme_id}: composite {card.composite or 0.0:.1f}/100, {card.band}; "
        f"data for {card.confidence:.0%} of the weight"
    )
    write("  what drove it (score x weight = points, largest first):")
    drivers = sorted(
        (lv for lv in card.levels if lv.available), key=lambda lv: (-lv.contribution, lv.level)
    )
    for lv in drivers:
        write(
            f"    L{int(lv.level)} {lv.name:9} {lv.score or 0.0:5.1f} x {lv.effective_weight:.3f} "
            f"= {lv.contribution:4.1f}: {lv.detail}"
        )
    for r in card.indicators:
        write(
            f"    indicator {r.indicator_id}: {round(r.before or 0.0, 2):g} -> "
            f"{round(r.value or 0.0, 2):g} {r.unit}, "
            f"{r.attainment or 0.0:.0f}% of the way to the target {r.target or 0.0:g}"
        )
    for line in card.missing:
        write(f"  missing: {line}")


def run_demo(write: Callable[[str], object] = print) -> None:
    """Print the tour of the library on the sample office, one short section per analysis.

    Args:
        write: Called with each line of text (``print`` by default).

    Examples:
        >>> lines: list[str] = []
        >>> run_demo(lines.append)
        >>> [line for line in lines if line.startswith("SKM survey")]
        ['SKM survey (skm.skm_index, permenpanrb-14-2017; 24 respondents):']
    """
    _foundation(write)
    office = sample_office()
    names = {e.nip: e.name for e in office}
    reports = {
        r.nip: r
        for r in analyse_population(
            office, sample_office_assessments(), sample_standard, framework=national_framework()
        )
    }
    in_order = [reports[e.nip] for e in office]
    five = sample_employees()
    sari, putri = five[3].nip, office[7].nip
    _office(write, office)
    _gap_section(write, reports, names, (sari, putri))
    _organisation_section(write, in_order, office)
    _talent_section(write, reports, office, (sari, putri, office[6].nip))
    _plan_section(write, in_order, office, names)
    _matching_section(write, reports, office, names)
    skm = _skm_section(write)
    _scorecard_section(write, evaluate_sample(skm.converted))
