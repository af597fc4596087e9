"""The demo tour: every section is there and its figures are right.

The expected figures are computed here from the sample data, mostly by hand
formulas written out in the test (JPM, weighted gap, unit means, nine-box
cut-offs, NRR, the scorecard's weighted mean), not copied from the output.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from fractions import Fraction

import pytest

from asn_competency.demo import (
    MATCHING_SAME_UNIT,
    PLAN_BUDGET,
    PLAN_YEAR,
    evaluate_sample,
    run_demo,
    sample_assessments,
    sample_catalogue,
    sample_employees,
    sample_evaluation,
    sample_office,
    sample_office_assessments,
    sample_performance,
    sample_programme,
    sample_standard,
    sample_survey,
)
from asn_competency.domain.employee import Employee, EmploymentStatus
from asn_competency.domain.mentoring import MenteeNeed
from asn_competency.domain.position import PositionTier
from asn_competency.gaps.individual import analyse_population
from asn_competency.gaps.levels import combine_assessments
from asn_competency.matching.audit import audit_matching
from asn_competency.matching.match import match_mentors
from asn_competency.planning.planner import plan_development

SARI = "199503112020122005"
PUTRI = "199304222018032009"
HENDRA = "198209152008011008"

HEADINGS = (
    "Framework ",
    "People ",
    "Current levels ",
    "Required levels ",
    "Programme DUKCAPIL-2025",
    "Mentoring graph",
    "A standard as JSON",
    "The office:",
    "Gap analysis ",
    "Organisation by unit ",
    "Talent nine-box ",
    "Development plan ",
    "Mentor matching ",
    "SKM survey ",
    "Programme scorecard ",
)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    out: list[str] = []
    run_demo(out.append)
    return out


def _section(lines: Sequence[str], heading: str) -> list[str]:
    """Return the lines of the section whose first line starts with ``heading``."""
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    out: list[str] = []
    for line in lines[start:]:
        if not line:
            break
        out.append(line)
    return out


def _words(line: str) -> str:
    """The line with runs of spaces (column padding) made single."""
    return " ".join(line.split())


def _levels() -> dict[tuple[str, str], float]:
    """Current levels of the office: the latest assessment of each competency."""
    latest: dict[tuple[str, str], float] = {}
    for a in sorted(sample_office_assessments(), key=lambda a: a.assessed_on):
        latest[a.nip, a.competency_id] = float(a.level)
    return latest


def _required(e: Employee) -> int:
    """The office standard: one level above the tier's 2017 default (1, 2, 3 ...)."""
    default = {"pelaksana": 1, "pengawas": 2, "administrator": 3}
    assert e.tier is not None
    return default[e.tier.value] + 1


WEIGHT = {"MJ.PP": 2.0, "MJ.KOM": 1.0}


def _jpm(e: Employee, levels: dict[tuple[str, str], float]) -> float:
    """JPM = 100 * sum(min(level, required)) / sum(required)."""
    req = _required(e)
    return 100 * sum(min(levels[e.nip, c], req) for c in WEIGHT) / (req * len(WEIGHT))


# --- the tour as a whole -------------------------------------------------------------------


def test_every_section_in_order(lines: list[str]) -> None:
    """Each section's heading appears once, in the order of the tour."""
    found = [next(i for i, line in enumerate(lines) if line.startswith(h)) for h in HEADINGS]
    assert found == sorted(found)
    for h in HEADINGS[7:]:
        assert sum(line.startswith(h) for line in lines) == 1, h


def test_deterministic() -> None:
    """Two runs print the same text."""
    first: list[str] = []
    run_demo(first.append)
    second: list[str] = []
    run_demo(second.append)
    assert first == second


def test_cli_prints_the_same_tour(lines: list[str]) -> None:
    """`python -m asn_competency demo` prints exactly the in-process tour."""
    out = subprocess.run(
        [sys.executable, "-m", "asn_competency", "demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == lines
    assert out.stderr == ""


def test_demo_module_stays_light() -> None:
    """Importing the demo loads no heavy library, and the package does not import the demo."""
    code = (
        "import sys, asn_competency; print('asn_competency.demo' in sys.modules); "
        "import asn_competency.demo; "
        "print(sorted(m for m in ('numpy', 'scipy', 'pandas', 'networkx') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:2] == ["False", "[]"]


# --- the sample ---------------------------------------------------------------------------


def test_sample_office() -> None:
    """Sixteen people with unique valid NIPs in three units; the five come first."""
    office = sample_office()
    assert office[:5] == sample_employees()
    assert len({e.nip for e in office}) == 16
    units: dict[str, int] = {}
    for e in office:
        units[e.unit] = units.get(e.unit, 0) + 1
    assert units == {"Sekretariat": 2, "Pelayanan": 8, "Pendaftaran": 6}
    assert {e.nip for e in office} == set(sample_performance())
    assert sum(e.status is EmploymentStatus.PPPK for e in office) == 3
    # Everyone has both competencies assessed, so everyone has a JPM.
    assert {(a.nip, a.competency_id) for a in sample_office_assessments()} == {
        (e.nip, c) for e in office for c in WEIGHT
    }
    assert set(sample_assessments()) <= set(sample_office_assessments())


def test_sample_standard_by_tier() -> None:
    """One level above the tier's default in both competencies; Pelayanan Publik weighs 2."""
    for e in sample_office():
        std = sample_standard(e)
        assert {(r.competency_id, r.level, r.importance) for r in std.requirements} == {
            ("MJ.PP", _required(e), 2.0),
            ("MJ.KOM", _required(e), 1.0),
        }
    nobody = Employee(nip="199001012015031001", name="Tanpa jabatan")
    assert sample_standard(nobody).position_id == f"DUKCAPIL.FO.{PositionTier.PELAKSANA.value}"


def test_sample_survey_is_valid() -> None:
    """Twenty-four respondents, nine answers each, all on 1-4."""
    rows = sample_survey()
    assert len(rows) == 24
    assert all(len(r) == 9 and all(1 <= a <= 4 for a in r) for r in rows)
    assert len(sample_survey(5)) == 5


# --- 1. gap analysis -----------------------------------------------------------------------


def test_gap_section(lines: list[str]) -> None:
    """Sari and Putri, checked by hand against the pelaksana standard (level 2 in both).

    Sari: MJ.PP 1, MJ.KOM 1 -> weighted gap (2*1 + 1*1) / 3 = 1.00,
    JPM 100 * (1 + 1) / 4 = 50: Kurang Optimal (< 78), Kurang Memenuhi Syarat (< 68).
    Putri: MJ.PP 2, MJ.KOM 1 -> weighted gap (2*0 + 1*1) / 3 = 0.33,
    JPM 100 * 3 / 4 = 75: Kurang Optimal, Masih Memenuhi Syarat (68 to < 80).
    """
    sec = _section(lines, "Gap analysis ")
    assert "JPM-mapping-BKN" in sec[0]
    assert "JPM-selection-BKN" in sec[0]
    assert sec[1] == f"  Sari Wulandari ({SARI}), standard DUKCAPIL.FO.pelaksana:"
    assert _words(sec[2]) == "MJ.KOM required 2, current 1, gap +1: below"
    assert _words(sec[3]) == "MJ.PP required 2, current 1, gap +1: below"
    assert sec[4].strip() == "weighted gap 1.00; JPM 50.00: Kurang Optimal / Kurang Memenuhi Syarat"
    assert sec[5].startswith(f"  Putri Handayani ({PUTRI})")
    assert _words(sec[7]) == "MJ.PP required 2, current 2, gap +0: meets"
    assert sec[8].strip() == "weighted gap 0.33; JPM 75.00: Kurang Optimal / Masih Memenuhi Syarat"


# --- 2. organisation -----------------------------------------------------------------------


def test_organisation_section(lines: list[str]) -> None:
    """Unit figures recomputed from the levels; Sekretariat (2 people) is suppressed."""
    office = sample_office()
    levels = _levels()
    sec = _section(lines, "Organisation by unit ")
    units: dict[str, list[Employee]] = {}
    for e in office:
        units.setdefault(e.unit, []).append(e)
    shown = sorted(u for u, people in units.items() if len(people) >= 5)
    assert shown == ["Pelayanan", "Pendaftaran"]
    assert sec[1] == "  shown: " + ", ".join(f"{u} ({len(units[u])} people)" for u in shown)
    assert "1 unit(s) of fewer than 5 people" in sec[2]
    assert not any("Sekretariat" in line for line in sec)
    below_total = dict.fromkeys(WEIGHT, 0)
    singles = []
    for u in shown:
        for c in sorted(WEIGHT):
            gaps = [_required(e) - levels[e.nip, c] for e in units[u]]
            meeting = sum(g <= 0 for g in gaps)
            below = sum(g > 0 for g in gaps)
            below_total[c] += below
            risk = "single" if meeting == 1 else "none" if meeting == 0 else "covered"
            if meeting == 1:
                singles.append((u, c))
            expected = (
                f"{u} {c} {len(gaps)} assessed, mean gap {sum(gaps) / len(gaps):+.2f}, "
                f"{below / len(gaps):.0%} below, {meeting} meeting it ({risk})"
            )
            assert expected in [_words(line) for line in sec], expected
    people_shown = sum(len(units[u]) for u in shown)
    ranked = sorted(WEIGHT, key=lambda c: -below_total[c])
    assert sec[-1 - len(singles)] == "  most below standard (shown units): " + ", ".join(
        f"{c} {below_total[c] / people_shown:.0%}" for c in ranked
    )
    assert singles == [("Pendaftaran", "MJ.PP")]
    assert sec[-1] == "  key-person risk: in Pendaftaran, only one person meets MJ.PP"


# --- 3. talent -----------------------------------------------------------------------------


def _box(skp: float, jpm: float) -> int:
    """The nine-box number from the default cut-offs (SKP 76/91, JPM 68/80)."""
    perf = int(skp >= 76) + int(skp >= 91)  # 0 below, 1 meets, 2 above
    pot = int(jpm >= 68) + int(jpm >= 80)  # 0 low, 1 middle, 2 high
    grid = {
        (0, 0): 1, (1, 0): 2, (0, 1): 3, (2, 0): 4, (1, 1): 5,
        (0, 2): 6, (2, 1): 7, (1, 2): 8, (2, 2): 9,
    }  # fmt: skip
    return grid[perf, pot]


def test_talent_section(lines: list[str]) -> None:
    """Boxes from SKP and JPM by the cut-offs; the distribution over all sixteen."""
    levels = _levels()
    skp = sample_performance()
    sec = _section(lines, "Talent nine-box ")
    boxes = {e.nip: _box(skp[e.nip], _jpm(e, levels)) for e in sample_office()}
    assert boxes[SARI] == 2  # SKP 78 meets, JPM 50 low
    assert boxes[PUTRI] == 5  # SKP 90 meets, JPM 75 middle
    assert boxes[HENDRA] == 9  # SKP 95 above, JPM 100 high
    shown = {line.split(" -> box ")[0].split("  SKP")[0].strip(): line for line in sec[1::2][:3]}
    names = {e.name: e for e in sample_office()}
    assert set(shown) == {"Sari Wulandari", "Putri Handayani", "Hendra Wijaya"}
    for name, line in shown.items():
        e = names[name]
        assert f"SKP {skp[e.nip]:g}, JPM {_jpm(e, levels):.1f} -> box {boxes[e.nip]} " in line
    counts = [sum(b == n for b in boxes.values()) for n in range(1, 10)]
    assert sec[-1] == "  people per box (16): " + "  ".join(
        f"{n}:{c}" for n, c in enumerate(counts, start=1)
    )


# --- 4. development plan -------------------------------------------------------------------


def test_plan_section(lines: list[str]) -> None:
    """Cost, JP and shortfalls follow from the assignments; the plan keeps to the budget."""
    office = sample_office()
    names = {e.nip: e.name for e in office}
    reports = list(analyse_population(office, sample_office_assessments(), sample_standard))
    plan = plan_development(
        reports, sample_catalogue(), year=PLAN_YEAR, budget=PLAN_BUDGET, employees=office
    )
    catalogue = {a.id: a for a in sample_catalogue()}
    cost = sum(catalogue[a.activity_id].cost for a in plan.assignments)
    jp = {e.nip: 0.0 for e in office}
    for a in plan.assignments:
        jp[a.nip] += catalogue[a.activity_id].jp
    assert cost <= PLAN_BUDGET
    # Importance-weighted shortfall before the plan: 2 per level of MJ.PP, 1 of MJ.KOM.
    levels = _levels()
    gap_before = sum(
        WEIGHT[c] * max(_required(e) - levels[e.nip, c], 0) for e in office for c in WEIGHT
    )
    assert gap_before == 28
    closed = sum(a.gap_closed for a in plan.assignments)
    sec = _section(lines, "Development plan ")
    assert sec[0] == (
        f"Development plan {PLAN_YEAR} (planning.plan_development; budget Rp 9,000,000, "
        "solver optimal):"
    )
    assert sec[1] == (
        f"  cost Rp {cost:,.0f}, Rp {PLAN_BUDGET - cost:,.0f} left; gap closed {closed:g} of "
        f"{gap_before:g} weighted points; Rp {cost / closed:,.0f} per gap point"
    )
    listed = "; ".join(line.strip() for line in sec[3:7]).split("; ")
    assert sorted(listed) == sorted(f"{names[n]} {v:g}" for n, v in jp.items())
    short = sorted(e.nip for e in office if e.status is EmploymentStatus.PNS and jp[e.nip] < 20)
    assert short, "the budget is meant to leave someone short"
    assert sec[7].startswith(f"  short of their minimum JP: {len(short)} (")
    for nip, line in zip(short, sec[8:], strict=True):
        assert line.startswith(f"    {names[nip]}, {nip} gets {jp[nip]:g} of 20 JP: ")
    # No PPPK gets more than 24 JP.
    assert all(jp[e.nip] <= 24 for e in office if e.status is EmploymentStatus.PPPK)


# --- 5. mentor matching --------------------------------------------------------------------


def test_matching_section(lines: list[str]) -> None:
    """Each pair is in one unit and scores its importance-weighted coverage; audit is clean."""
    office = sample_office()
    people = {e.nip: e for e in office}
    by_name = {e.name: e for e in office}
    levels = _levels()
    sec = _section(lines, "Mentor matching ")
    assert "objective optimal" in sec[0]
    pair_lines = [line for line in sec if " -> " in line]
    total = Fraction(0)
    for line in pair_lines:
        left, right = line.split(" -> ")
        mentor = by_name[left.strip()]
        mentee = by_name[right.split(" score ")[0].strip()]
        assert mentor.unit == mentee.unit
        needs = [c for c in WEIGHT if levels[mentee.nip, c] < _required(mentee)]
        covered = [c for c in sorted(needs) if levels[mentor.nip, c] >= _required(mentee)]
        score = Fraction(sum(WEIGHT[c] for c in covered)) / Fraction(sum(WEIGHT[c] for c in needs))
        total += score
        assert f"score {float(score):.3f} (coverage {float(score):.3f}): " in line
        assert line.endswith(f"covers {', '.join(covered)} of {len(needs)} need(s)")
    assert len(pair_lines) == 9
    assert f"  total score {round(float(total), 6):g} over 9 pairs" in sec
    assert sec[-1] == "  audit_matching: 0 violations, 0 blocking pairs"
    # Agus needs MJ.PP at 4 and Rina at 3: nobody in their units reaches that.
    unmatched = sec[sec.index("  mentees without a mentor: 3") + 1 :][:3]
    assert unmatched[0].startswith("    Agus Santoso: no_eligible_mentor")
    assert unmatched[1].startswith("    Rina Marlina: no_eligible_mentor")
    assert unmatched[2].startswith("    Andi Firmansyah: eligible_mentors_full")
    assert all(levels[n, "MJ.PP"] < 4 for n in people if people[n].unit == "Sekretariat")
    assert all(levels[n, "MJ.PP"] < 3 for n in people if people[n].unit == "Pelayanan")


def test_matching_audit_agrees() -> None:
    """The library's own audit of the same matching finds no violation or blocking pair."""
    office = sample_office()
    reports = analyse_population(office, sample_office_assessments(), sample_standard)
    needs = [MenteeNeed.from_report(r) for r in reports if r.below()]
    levels = combine_assessments(sample_office_assessments())
    result = match_mentors(
        needs, office, levels=levels, employees=office, policy=MATCHING_SAME_UNIT
    )
    audit = audit_matching(result, needs, office, levels=levels, employees=office)
    assert audit.valid
    assert audit.stable
    assert len(result.pairs) == 9


# --- 6. SKM ------------------------------------------------------------------------------


def test_skm_section(lines: list[str]) -> None:
    """NRR = column mean; index = mean NRR (weights 1/9); IKM = 25 x index; grade by band."""
    rows = sample_survey()
    nrr = [Fraction(sum(r[i] for r in rows), len(rows)) for i in range(9)]
    index = sum(nrr) / 9
    ikm = 25 * index
    grade = (
        ("A", "Sangat Baik")
        if ikm >= Fraction("88.31")
        else ("B", "Baik")
        if ikm >= Fraction("76.61")
        else ("C", "Kurang Baik")
        if ikm >= 65
        else ("D", "Tidak Baik")
    )
    sec = _section(lines, "SKM survey ")
    assert sec[0] == "SKM survey (skm.skm_index, permenpanrb-14-2017; 24 respondents):"
    assert sec[2] == "    " + "; ".join(f"U{i + 1} {float(v):.3f}" for i, v in enumerate(nrr))
    assert sec[3] == (
        f"  index {float(index):.4f} on 1-4, converted {float(ikm):.2f}: "
        f"grade {grade[0]} ({grade[1]})"
    )
    weakest = min(range(9), key=lambda i: nrr[i])
    assert sec[4].startswith(f"  weakest element: U{weakest + 1} ")


# --- 7. scorecard -------------------------------------------------------------------------


def test_scorecard_section(lines: list[str]) -> None:
    """The composite is the weighted mean over the levels with data, checked by hand.

    L1: mean of the item means on 1-5, mapped to 0-100.
    L3: share of (person, competency) pairs assessed before and after that rose.
    L4: mean attainment of the two indicators, each clipped to 0-100.
    L5: min(BCR / 2, 1) x 100.
    Weights 0.10 / 0.20 / 0.25 / 0.30 / 0.15, level 2 missing, so renormalised over 0.80.
    """
    data = sample_evaluation()
    item_means = [sum(v) / len(v) for v in data.feedback.values()]
    l1 = (sum(item_means) / len(item_means) - 1) / 4 * 100
    # Before the programme the latest level counts (MJ.PP was reassessed in 2024);
    # every reassessed person is a participant with levels before.
    before = _levels()
    after = {(a.nip, a.competency_id): a.level for a in data.reassessments}
    assert {nip for nip, _ in after} <= set(sample_programme().participants)
    l3 = 100 * sum(after[k] > before[k] for k in after) / len(after)
    skm = _section(lines, "SKM survey ")[3]
    ikm = float(skm.split("converted ")[1].split(":")[0])
    waktu = (60 - 42) / (60 - 30) * 100
    ikm_att = min(max((ikm - 76) / (88.31 - 76) * 100, 0), 100)
    l4 = (waktu + ikm_att) / 2
    bcr = sum(data.benefits.values()) / sum(data.costs.values())
    l5 = min(bcr / 2, 1) * 100
    composite = (0.10 * l1 + 0.25 * l3 + 0.30 * l4 + 0.15 * l5) / 0.80
    band = (
        "Sangat Efektif"
        if composite >= 80
        else "Efektif"
        if composite >= 65
        else "Cukup Efektif"
        if composite >= 50
        else "Kurang Efektif"
    )
    sec = _section(lines, "Programme scorecard ")
    assert sec[1] == (
        f"  DUKCAPIL-2025: composite {composite:.1f}/100, {band}; data for 80% of the weight"
    )
    scored = {line.split()[0]: line for line in sec[3:7]}
    assert f"{l1:5.1f} x {0.10 / 0.80:.3f}" in scored["L1"]
    assert f"{l3:5.1f} x {0.25 / 0.80:.3f}" in scored["L3"]
    assert f"{l4:5.1f} x {0.30 / 0.80:.3f}" in scored["L4"]
    assert f"{l5:5.1f} x {0.15 / 0.80:.3f}" in scored["L5"]
    contributions = {"L1": 0.10 * l1, "L3": 0.25 * l3, "L4": 0.30 * l4, "L5": 0.15 * l5}
    assert [line.split()[0] for line in sec[3:7]] == sorted(
        contributions, key=lambda k: -contributions[k]
    )
    assert "    indicator waktu-layanan: 60 -> 42 minutes, 60% of the way to the target 30" in sec
    assert sec[-1] == "  missing: level 2 (learning): no pre/post test"


def test_scorecard_uses_the_survey() -> None:
    """The IKM after the programme is the survey's; a better IKM raises the composite."""
    low, high = evaluate_sample(70.0), evaluate_sample(88.31)
    assert low.composite is not None
    assert high.composite is not None
    assert high.composite > low.composite
    assert high.results is not None
    assert high.results.result("ikm").attainment == pytest.approx(100.0)
