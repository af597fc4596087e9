"""Hypothesis strategies that build valid domain objects, for your own tests.

Needs the ``strategies`` extra (``pip install asn-competency[strategies]``).
Every strategy draws its data through Hypothesis (no hidden random seeds), so
failures shrink and replay.

Examples:
    >>> from hypothesis import given
    >>> from asn_competency import strategies as acst
    >>> @given(acst.employees())
    ... def test_nip_is_stable_id(e):
    ...     assert e.id == e.nip
    >>> test_nip_is_stable_id()
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import strategies as st

from asn_competency.domain.assessment import Assessment, AssessmentSource, CombinationRule
from asn_competency.domain.competency import (
    Competency,
    CompetencyType,
    ProficiencyLevel,
    ProficiencyScale,
)
from asn_competency.domain.development import Activity, Enrolment, Programme, Route, Target
from asn_competency.domain.employee import Employee, EmploymentStatus
from asn_competency.domain.framework import CompetencyFramework, FrameworkStatus
from asn_competency.domain.indicators import Direction, Indicator, KirkpatrickLevel, Measurement
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.domain.mentoring import (
    CompetencyNeed,
    MenteeNeed,
    MentoringGraph,
    MentoringRelationship,
    MentoringSession,
    MentoringStatus,
)
from asn_competency.domain.period import Frequency, Period
from asn_competency.domain.position import Position, PositionStandard, PositionTier, Requirement
from asn_competency.domain.records import Sanction, TrainingKind, TrainingRecord
from asn_competency.gaps.individual import GapReport, analyse_gaps
from asn_competency.policies.combination import CombinationPolicy
from asn_competency.policies.compliance import JpCompliancePolicy, SplitRule
from asn_competency.policies.development import (
    DEVELOPMENT_HOURS_PP_11_2017,
    CreditBasis,
    JpCreditPolicy,
)
from asn_competency.policies.evaluation import FeedbackScale, LearningPolicy, ScorecardPolicy
from asn_competency.policies.jpm import JPM_MAPPING_BKN, JpmPolicy, JpmWeightingPolicy
from asn_competency.policies.matching import MatchingPolicy
from asn_competency.policies.mentoring import MentoringSessionPolicy
from asn_competency.policies.nine_box import Performance, PoolLevel, Potential, TalentPoolPolicy
from asn_competency.policies.planning import PlanningPolicy
from asn_competency.policies.potential import PotentialPolicy
from asn_competency.policies.routes import LearningMode, RoutePolicy
from asn_competency.policies.skm import (
    SKM_PERMENPANRB_14_2017,
    GapRule,
    GradeScale,
    SkmElement,
    SkmPolicy,
)
from asn_competency.policies.succession import SUCCESSION_DEFAULT, SuccessionPolicy
from asn_competency.policies.trends import TrendPolicy
from asn_competency.report import Figure, Section
from asn_competency.talent.nine_box import TalentBox, talent_box
from asn_competency.talent.pools import TalentPool
from asn_competency.talent.pools import talent_pools as build_talent_pools
from asn_competency.talent.potential import PotentialEvidence, PotentialResult, analyse_potential
from asn_competency.talent.succession import SuccessionTable, plan_succession

__all__ = [
    "activities",
    "assessments",
    "combination_policies",
    "competencies",
    "employees",
    "feedback_scales",
    "frameworks",
    "gap_reports",
    "identifiers",
    "indicators",
    "jp_compliance_policies",
    "jp_credit_policies",
    "jpm_policies",
    "jpm_weighting_policies",
    "learning_policies",
    "ledger_entries",
    "ledgers",
    "matching_policies",
    "measurements",
    "mentee_needs",
    "mentoring_graphs",
    "mentoring_relationships",
    "mentoring_session_policies",
    "mentoring_sessions",
    "needs",
    "nips",
    "paired_scores",
    "periods",
    "planning_policies",
    "positions",
    "potential_evidence",
    "potential_policies",
    "potential_results",
    "proficiency_scales",
    "programmes",
    "report_figures",
    "report_sections",
    "route_policies",
    "scorecard_policies",
    "skm_policies",
    "skm_responses",
    "standards",
    "succession_policies",
    "succession_tables",
    "talent_boxes",
    "talent_pool_policies",
    "talent_pools",
    "training_records",
    "trend_policies",
]

_ID_FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ID_REST = _ID_FIRST + "abcdefghijklmnopqrstuvwxyz_.-"
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2024, 12, 31))


def identifiers() -> st.SearchStrategy[str]:
    """Stable ids such as ``'MJ.PP'`` or ``'TK-01'``."""
    return st.builds(
        lambda a, b: a + b,
        st.sampled_from(_ID_FIRST),
        st.text(alphabet=_ID_REST, max_size=12),
    )


@st.composite
def nips(draw: st.DrawFn, *, status: EmploymentStatus | None = None) -> str:
    """Valid 18-digit NIPs (PNS) or NI PPPK numbers."""
    kind = status or draw(st.sampled_from(EmploymentStatus))
    birth = draw(st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2004, 12, 31)))
    year = draw(st.integers(min_value=birth.year + 18, max_value=min(birth.year + 40, 2024)))
    middle = draw(st.integers(1, 12)) if kind is EmploymentStatus.PNS else draw(st.integers(13, 99))
    gender = draw(st.sampled_from("12"))
    seq = draw(st.integers(1, 999))
    return f"{birth:%Y%m%d}{year:04d}{middle:02d}{gender}{seq:03d}"


@st.composite
def proficiency_scales(draw: st.DrawFn, *, max_levels: int = 7) -> ProficiencyScale:
    """Scales of 1 to ``max_levels`` levels, sometimes with a not-applicable level."""
    n = draw(st.integers(1, max_levels))
    levels = tuple(
        ProficiencyLevel(number=i, label=draw(_TEXT), descriptor=draw(st.text(max_size=40)))
        for i in range(1, n + 1)
    )
    na = draw(st.none() | st.builds(ProficiencyLevel, number=st.just(0), label=_TEXT))
    return ProficiencyScale(id=draw(identifiers()), levels=levels, not_applicable=na)


def competencies(*, id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Competency]:
    """Competencies without parent or related ids."""
    return st.builds(
        Competency,
        id=id if id is not None else identifiers(),
        name_id=_TEXT,
        name_en=st.text(max_size=30),
        type=st.sampled_from(CompetencyType),
        scale=proficiency_scales(),
        description=st.text(max_size=60),
    )


@st.composite
def frameworks(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 8) -> CompetencyFramework:
    """Consistent frameworks, with parent links forming a forest and valid related ids."""
    ids = draw(st.lists(identifiers(), min_size=min_size, max_size=max_size, unique=True))
    comps: list[Competency] = []
    for i, cid in enumerate(ids):
        base = draw(competencies(id=st.just(cid)))
        parent = draw(st.none() | st.sampled_from(ids[:i])) if i else None
        related = [r for r in draw(st.lists(st.sampled_from(ids), max_size=3)) if r != cid]
        comps.append(
            Competency(
                id=base.id,
                name_id=base.name_id,
                name_en=base.name_en,
                type=base.type,
                scale=base.scale,
                description=base.description,
                parent_id=parent,
                related_ids=related,
            )
        )
    return CompetencyFramework(
        id=draw(identifiers()),
        version=draw(_TEXT),
        title=draw(_TEXT),
        status=draw(st.sampled_from(FrameworkStatus)),
        competencies=draw(st.permutations(comps)),
    )


def positions() -> st.SearchStrategy[Position]:
    """Positions of any tier."""
    return st.builds(
        Position,
        id=identifiers(),
        title=_TEXT,
        tier=st.sampled_from(PositionTier),
        agency=st.text(max_size=20),
        unit=st.text(max_size=20),
    )


@st.composite
def standards(draw: st.DrawFn, framework: CompetencyFramework | None = None) -> PositionStandard:
    """Standards whose competencies and levels fit ``framework`` (drawn if not given)."""
    fw = framework or draw(frameworks())
    chosen = draw(st.lists(st.sampled_from(fw.competencies), min_size=1, unique_by=lambda c: c.id))
    reqs = [
        Requirement(
            competency_id=c.id,
            level=draw(st.integers(1, c.scale.maximum)),
            importance=draw(st.floats(0, 10, allow_nan=False)),
        )
        for c in chosen
    ]
    return PositionStandard(position_id=draw(identifiers()), framework_id=fw.id, requirements=reqs)


@st.composite
def employees(draw: st.DrawFn, *, nip: st.SearchStrategy[str] | None = None) -> Employee:
    """Employees with a valid NIP, tier, golongan and dates."""
    number = draw(nip if nip is not None else nips())
    pppk = int(number[12:14]) > 12
    gol = (
        draw(st.none() | st.integers(1, 17).map(str))
        if pppk
        else draw(
            st.none()
            | st.builds(
                lambda r, g: f"{r}/{g}",
                st.sampled_from(["I", "II", "III", "IV"]),
                st.sampled_from("abcde"),
            )
        )
    )
    hired = draw(st.none() | _DATES)
    since = (
        None
        if hired is None
        else draw(st.none() | st.dates(min_value=hired, max_value=dt.date(2025, 1, 1)))
    )
    return Employee(
        nip=number,
        name=draw(_TEXT),
        agency=draw(st.text(max_size=20)),
        unit=draw(st.text(max_size=20)),
        region=draw(st.text(max_size=20)),
        position_id=draw(st.text(max_size=10)),
        tier=draw(st.none() | st.sampled_from(PositionTier)),
        golongan=gol,
        hired_on=hired,
        position_since=since,
    )


@st.composite
def assessments(
    draw: st.DrawFn,
    framework: CompetencyFramework | None = None,
    *,
    nip: st.SearchStrategy[str] | None = None,
) -> Assessment:
    """Assessments with a level on the competency's scale (any competency if no framework)."""
    if framework is None:
        cid = draw(identifiers())
        level = draw(st.integers(1, 5))
    else:
        comp = draw(st.sampled_from(framework.competencies))
        cid = comp.id
        level = draw(st.integers(1, comp.scale.maximum))
    return Assessment(
        nip=draw(nip if nip is not None else nips()),
        competency_id=cid,
        level=level,
        assessed_on=draw(_DATES),
        source=draw(st.sampled_from(AssessmentSource)),
        assessor=draw(st.text(max_size=20)),
        evidence=draw(st.text(max_size=20)),
    )


def combination_policies() -> st.SearchStrategy[CombinationPolicy]:
    """Combination policies of every rule, with any source order."""
    return st.builds(
        CombinationPolicy,
        rule=st.sampled_from(CombinationRule),
        source_priority=st.permutations(list(AssessmentSource)),
        half_life_days=st.floats(1, 5000),
        as_of=st.none() | st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 12, 31)),
    )


@st.composite
def activities(draw: st.DrawFn, *, id: st.SearchStrategy[str] | None = None) -> Activity:
    """Activities on any route, with unique targets and a sensible period."""
    targets = draw(
        st.lists(
            st.builds(Target, competency_id=identifiers(), uplift=st.floats(0.1, 3)),
            min_size=1,
            max_size=4,
            unique_by=lambda t: t.competency_id,
        )
    )
    start = draw(st.none() | _DATES)
    end = (
        None
        if start is None
        else draw(st.none() | st.dates(min_value=start, max_value=dt.date(2025, 12, 31)))
    )
    return Activity(
        id=draw(id if id is not None else identifiers()),
        title=draw(_TEXT),
        route=draw(st.sampled_from(Route)),
        targets=targets,
        jp=draw(st.integers(0, 200).map(float)),
        cost=draw(st.integers(0, 50_000_000).map(float)),
        provider=draw(st.text(max_size=20)),
        start=start,
        end=end,
        capacity=draw(st.none() | st.integers(1, 100)),
    )


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    """Programmes whose enrolments respect each activity's capacity."""
    ids = draw(st.lists(identifiers(), max_size=4, unique=True))
    acts = [draw(activities(id=st.just(i))) for i in ids]
    people = draw(st.lists(nips(), max_size=6, unique=True))
    enrolments: list[Enrolment] = []
    for act in acts:
        cap = act.capacity if act.capacity is not None else len(people)
        chosen = (
            draw(st.lists(st.sampled_from(people), max_size=cap, unique=True)) if people else []
        )
        enrolments.extend(
            Enrolment(
                nip=p,
                activity_id=act.id,
                attendance=draw(st.floats(0, 1)),
                completed=draw(st.booleans()),
            )
            for p in chosen
        )
    return Programme(
        id=draw(identifiers()),
        title=draw(_TEXT),
        owner=draw(st.text(max_size=20)),
        activities=acts,
        budget=draw(st.integers(0, 10**10).map(float)),
        enrolments=enrolments,
    )


@st.composite
def mentoring_relationships(draw: st.DrawFn) -> MentoringRelationship:
    """Relationships between two different people."""
    mentor, mentee = draw(st.lists(nips(), min_size=2, max_size=2, unique=True))
    start = draw(st.none() | _DATES)
    end = (
        None
        if start is None
        else draw(st.none() | st.dates(min_value=start, max_value=dt.date(2025, 12, 31)))
    )
    return MentoringRelationship(
        mentor=mentor,
        mentee=mentee,
        competency_ids=draw(st.lists(identifiers(), max_size=3)),
        start=start,
        end=end,
        status=draw(st.sampled_from(MentoringStatus)),
        agreed_sessions=draw(st.none() | st.integers(1, 52)),
    )


def mentoring_graphs() -> st.SearchStrategy[MentoringGraph]:
    """Graphs of up to ten relationships."""
    return st.builds(MentoringGraph, st.lists(mentoring_relationships(), max_size=10))


_FINITE: Any = st.floats(-1e9, 1e9, allow_nan=False)


def indicators() -> st.SearchStrategy[Indicator]:
    """Indicators at any Kirkpatrick level."""
    return st.builds(
        Indicator,
        id=identifiers(),
        name=_TEXT,
        level=st.sampled_from(KirkpatrickLevel),
        unit=_TEXT,
        direction=st.sampled_from(Direction),
        baseline=st.none() | _FINITE,
        target=st.none() | _FINITE,
        source=st.text(max_size=20),
    )


def measurements() -> st.SearchStrategy[Measurement]:
    """Measurements with a finite value and n >= 1."""
    return st.builds(
        Measurement,
        indicator_id=identifiers(),
        subject=_TEXT,
        period=_TEXT,
        value=_FINITE,
        n=st.integers(1, 10_000),
        unit=st.text(max_size=10),
    )


@st.composite
def jpm_policies(draw: st.DrawFn) -> JpmPolicy:
    """JPM policies of one to four bands with distinct minimums in 0..100."""
    n = draw(st.integers(1, 4))
    minimums = [
        0.0,
        *draw(st.lists(st.integers(1, 100), min_size=n - 1, max_size=n - 1, unique=True)),
    ]
    return JpmPolicy(
        name=draw(_TEXT),
        version=draw(_TEXT),
        bands=[(f"band-{i}", float(m)) for i, m in enumerate(sorted(minimums))],
        decimals=draw(st.none() | st.integers(0, 3)),
    )


@st.composite
def gap_reports(
    draw: st.DrawFn,
    framework: CompetencyFramework | None = None,
    *,
    with_target: bool | None = None,
) -> GapReport:
    """Gap reports of one person against a standard drawn from ``framework``.

    Some requirements are left unassessed; ``with_target`` asks for (True),
    forbids (False) or lets Hypothesis choose (None) a target-position analysis.
    """
    fw = framework or draw(frameworks())
    std = draw(standards(fw))
    target = None
    if with_target or (with_target is None and draw(st.booleans())):
        target = draw(standards(fw))
    nip = draw(nips())
    levels = draw(st.lists(assessments(fw, nip=st.just(nip)), max_size=12))
    return analyse_gaps(
        levels,
        std,
        nip=nip,
        framework=fw,
        target=target,
        combination=draw(st.none() | combination_policies()),
        mapping_policy=draw(st.just(JPM_MAPPING_BKN) | jpm_policies()),
    )


@st.composite
def skm_responses(
    draw: st.DrawFn,
    policy: SkmPolicy | None = None,
    *,
    min_size: int = 1,
    max_size: int = 30,
) -> list[list[int]]:
    """Valid SKM answer tables: one row per respondent, one answer per element of ``policy``."""
    p = policy if policy is not None else SKM_PERMENPANRB_14_2017
    width = len(p.elements)
    answer = st.integers(p.scale_min, p.scale_max)
    return draw(
        st.lists(
            st.lists(answer, min_size=width, max_size=width), min_size=min_size, max_size=max_size
        )
    )


def training_records() -> st.SearchStrategy[TrainingRecord]:
    """Training records of any kind, with 0-300 lesson hours."""
    return st.builds(
        TrainingRecord,
        kind=st.sampled_from(TrainingKind),
        jp=st.integers(0, 300).map(float),
        fits_position=st.booleans(),
        title=st.text(max_size=20),
        year=st.none() | st.integers(2000, 2025),
    )


@st.composite
def skm_policies(draw: st.DrawFn, *, max_elements: int = 12, exact: bool = False) -> SkmPolicy:
    """SKM policies with 1 to ``max_elements`` elements whose weights sum exactly to 1.

    Rounding points, gap rule and grading table are drawn too, unless ``exact``
    (no rounding anywhere).
    """
    raw = draw(st.lists(st.integers(1, 20), min_size=1, max_size=max_elements))
    total = sum(raw)
    elements = [
        SkmElement(code=f"U{i}", name=f"Unsur {i}", weight=Fraction(w, total))
        for i, w in enumerate(raw, start=1)
    ]
    decimals: st.SearchStrategy[int | None] = (
        st.just(None) if exact else st.none() | st.integers(0, 4)
    )
    policy = SKM_PERMENPANRB_14_2017.with_elements(elements, name="drawn", version="1")
    return attrs.evolve(
        policy,
        weight_decimals=draw(decimals),
        nrr_decimals=draw(decimals),
        weighted_nrr_decimals=draw(decimals),
        index_decimals=draw(decimals),
        converted_decimals=draw(decimals),
        gap_rule=draw(st.sampled_from(GapRule)),
        grade_on=draw(st.sampled_from(GradeScale)),
    )


@st.composite
def feedback_scales(draw: st.DrawFn) -> FeedbackScale:
    """Reaction scales of 2 to 10 points starting at 0 or 1."""
    minimum = draw(st.integers(0, 1))
    maximum = draw(st.integers(minimum + 1, minimum + 9))
    return FeedbackScale(
        name="drawn",
        version="1",
        minimum=minimum,
        maximum=maximum,
        favourable_from=draw(st.integers(minimum, maximum)),
    )


@st.composite
def learning_policies(draw: st.DrawFn) -> LearningPolicy:
    """Gain-band policies with ordered boundaries in [0, 1] and either inclusivity."""
    low, high = sorted(draw(st.lists(st.floats(0, 1), min_size=2, max_size=2, unique=True)))
    return LearningPolicy(
        name="drawn",
        version="1",
        high_from=high,
        high_inclusive=draw(st.booleans()),
        medium_from=low,
        medium_inclusive=draw(st.booleans()),
        rci_critical=draw(st.floats(0.5, 3)),
        confidence=draw(st.sampled_from([0.8, 0.9, 0.95, 0.99])),
    )


@st.composite
def paired_scores(
    draw: st.DrawFn, *, maximum: int = 100, min_size: int = 1, max_size: int = 20
) -> tuple[dict[str, float], dict[str, float]]:
    """``(pre, post)`` test scores in [0, maximum] for the same people."""
    people = draw(st.lists(identifiers(), min_size=min_size, max_size=max_size, unique=True))
    score = st.integers(0, maximum).map(float)
    pre = {p: draw(score) for p in people}
    post = {p: draw(score) for p in people}
    return pre, post


@st.composite
def scorecard_policies(draw: st.DrawFn) -> ScorecardPolicy:
    """Scorecard policies with some positive weight and bands starting at 0."""
    weights = draw(st.lists(st.floats(0, 1), min_size=5, max_size=5).filter(lambda w: sum(w) > 0))
    minimums = draw(st.lists(st.integers(1, 100), max_size=4, unique=True))
    bands = [(0.0, "band-0")] + [(float(m), f"band-{m}") for m in minimums]
    return ScorecardPolicy(
        name="drawn",
        version="1",
        weights={KirkpatrickLevel(i): w for i, w in enumerate(weights, start=1)},
        bands=bands,
        bcr_for_full_score=draw(st.floats(0.5, 5)),
    )


def talent_boxes() -> st.SearchStrategy[TalentBox]:
    """Nine-box placements under the national policy, from ranks or from scores 0-100."""
    rank_or_score: Any = st.sampled_from(Performance) | st.floats(0, 100)
    potential: Any = st.sampled_from(Potential) | st.floats(0, 100)
    return st.builds(talent_box, rank_or_score, potential)


@st.composite
def planning_policies(draw: st.DrawFn) -> PlanningPolicy:
    """Development-planning policies with drawn route rules, blend shares and weights."""
    routes = st.frozensets(st.sampled_from(Route), min_size=1)
    formal = draw(st.floats(0, 1))
    social = draw(st.floats(0, 1 - formal))
    return PlanningPolicy(
        name="drawn",
        version="1",
        large_gap_threshold=draw(st.sampled_from((0.5, 1.0, 2.0, 3.0))),
        small_gap_routes=draw(routes),
        large_gap_routes=draw(routes),
        large_gap_requires=draw(st.lists(routes, max_size=2)),
        paired_types=draw(st.frozensets(st.sampled_from(CompetencyType))),
        minimum_for_everyone=draw(st.booleans()),
        blend={"formal": formal, "social": social, "experiential": max(1 - formal - social, 0.0)},
        blend_penalty=draw(st.sampled_from((0.0, 0.01, 0.5))),
        jp_penalty=draw(st.sampled_from((0.5, 10.0, 1000.0))),
        cost_weight=draw(st.sampled_from((0.0, 1e-3))),
    )


def needs(
    *, competency_id: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[CompetencyNeed]:
    """Mentoring needs: a required level of 1-5 and an importance of 0-5."""
    return st.builds(
        CompetencyNeed,
        competency_id=competency_id if competency_id is not None else identifiers(),
        required=st.integers(1, 5),
        importance=st.floats(0, 5),
    )


@st.composite
def mentee_needs(draw: st.DrawFn, *, max_needs: int = 4) -> MenteeNeed:
    """A mentee and up to ``max_needs`` needs, each in a different competency."""
    items = draw(st.lists(needs(), max_size=max_needs, unique_by=lambda n: n.competency_id))
    return MenteeNeed(nip=draw(nips()), needs=items)


@st.composite
def matching_policies(draw: st.DrawFn) -> MatchingPolicy:
    """Matching policies with drawn margins, location rules, capacity and bonuses."""
    side = st.none() | st.booleans()
    return MatchingPolicy(
        name="drawn",
        version="1",
        level_margin=draw(st.sampled_from((0.0, 0.5, 1.0))),
        min_tier_gap=draw(st.none() | st.integers(0, 3)),
        min_golongan_gap=draw(st.none() | st.integers(0, 6)),
        same_agency=draw(side),
        same_unit=draw(side),
        same_region=draw(side),
        avoid_repeat=draw(st.booleans()),
        default_capacity=draw(st.integers(1, 5)),
        coverage_weight=draw(st.sampled_from((0.5, 1.0, 2.0))),
        same_region_bonus=draw(st.sampled_from((0.0, 0.1))),
        cross_unit_bonus=draw(st.sampled_from((0.0, 0.05))),
        score_decimals=draw(st.integers(2, 6)),
    )


# --- the yearly cycle: periods, the development ledger, mentoring sessions ----------------------


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Standard periods (years, semesters, quarters, months) and spans of days."""
    day = draw(_DATES)
    kind = draw(st.sampled_from([*Frequency, "span"]))
    if kind == "span":
        end = draw(st.dates(min_value=day, max_value=dt.date(2025, 12, 31)))
        return Period(start=day, end=end)
    return Period.of(day, kind)


_NOTE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
_JP: Any = st.none() | st.floats(0, 500, allow_nan=False)


@st.composite
def ledger_entries(draw: st.DrawFn, *, nip: st.SearchStrategy[str] | None = None) -> LedgerEntry:
    """Records of development on any route, over one day or several."""
    start = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2025, 12, 31)))
    end = draw(st.dates(min_value=start, max_value=start + dt.timedelta(days=120)))
    return LedgerEntry(
        nip=draw(nip if nip is not None else nips()),
        title=draw(_TEXT),
        route=draw(st.sampled_from(Route)),
        start=start,
        end=end,
        jp=draw(_JP),
        hours=draw(_JP),
        kind=draw(_NOTE),
        provider=draw(_NOTE),
        certificate=draw(_NOTE),
        source=draw(_NOTE),
        activity_id=draw(st.none() | identifiers()),
    )


@st.composite
def ledgers(draw: st.DrawFn, *, max_people: int = 4, max_entries: int = 12) -> Ledger:
    """Ledgers of a few people, sometimes with duplicate records."""
    people = draw(st.lists(nips(), min_size=1, max_size=max_people, unique=True))
    entries = draw(st.lists(ledger_entries(nip=st.sampled_from(people)), max_size=max_entries))
    copies = draw(st.lists(st.sampled_from(entries), max_size=3)) if entries else []
    return Ledger([*entries, *(attrs.evolve(e, source=e.source + "*") for e in copies)])


@st.composite
def mentoring_sessions(draw: st.DrawFn) -> MentoringSession:
    """Sessions of two different people, attended or missed."""
    mentor, mentee = draw(st.lists(nips(), min_size=2, max_size=2, unique=True))
    return MentoringSession(
        mentor=mentor,
        mentee=mentee,
        held_on=draw(_DATES),
        minutes=draw(st.integers(1, 480).map(float)),
        topics=draw(st.lists(_TEXT, max_size=3)),
        attended=draw(st.booleans()),
        note=draw(_NOTE),
    )


@st.composite
def route_policies(draw: st.DrawFn) -> RoutePolicy:
    """Tables giving every route a part of the blend, and some an IP ASN kind."""
    modes = {r: draw(st.sampled_from(LearningMode)) for r in Route}
    kinds = draw(st.dictionaries(st.sampled_from(Route), st.sampled_from(TrainingKind)))
    return RoutePolicy(name=draw(identifiers()), version="1", modes=modes, training_kinds=kinds)


@st.composite
def jp_credit_policies(draw: st.DrawFn) -> JpCreditPolicy:
    """Credit tables and daily caps over any routes, with either basis."""
    jp = st.integers(0, 40).map(float)
    return JpCreditPolicy(
        name=draw(identifiers()),
        version="1",
        credits=draw(st.dictionaries(st.sampled_from(Route), jp)),
        daily_caps=draw(st.dictionaries(st.sampled_from(Route), st.integers(1, 8).map(float))),
        basis=draw(st.sampled_from(CreditBasis)),
    )


@st.composite
def jp_compliance_policies(draw: st.DrawFn) -> JpCompliancePolicy:
    """Compliance policies with any credit table, split rule, counted routes and bands."""
    edges = draw(st.lists(st.integers(1, 60), max_size=5, unique=True))
    return JpCompliancePolicy(
        name=draw(identifiers()),
        version="1",
        hours=DEVELOPMENT_HOURS_PP_11_2017,
        credits=draw(jp_credit_policies()),
        routes=draw(route_policies()),
        split=draw(st.sampled_from(SplitRule)),
        counted_routes=draw(st.lists(st.sampled_from(Route), unique=True)),
        bins=tuple(float(e) for e in sorted(edges)),
    )


def trend_policies() -> st.SearchStrategy[TrendPolicy]:
    """Noise policies with a measurement error in (0, 2] and a confidence in (0.5, 0.999)."""
    return st.builds(
        TrendPolicy,
        name=identifiers(),
        version=st.just("1"),
        assessment_sem=st.floats(0.01, 2),
        confidence=st.floats(0.5, 0.999),
    )


def mentoring_session_policies() -> st.SearchStrategy[MentoringSessionPolicy]:
    """Session policies with any silence limit from a week to a year."""
    return st.builds(
        MentoringSessionPolicy,
        name=identifiers(),
        version=st.just("1"),
        stopped_after_days=st.integers(7, 366),
    )


# --- talent management --------------------------------------------------------------------

_SCORE = st.integers(0, 100).map(float) | st.floats(0, 100)


@st.composite
def jpm_weighting_policies(draw: st.DrawFn) -> JpmWeightingPolicy:
    """JPM weightings for one to four tiers, each a (technical, other) split adding up to 100."""
    tiers = draw(st.lists(st.sampled_from(PositionTier), min_size=1, max_size=4, unique=True))
    return JpmWeightingPolicy(
        name="drawn",
        version="1",
        shares={
            t: (float(s), float(100 - s))
            for t, s in ((t, draw(st.integers(0, 100))) for t in tiers)
        },
    )


@st.composite
def potential_policies(draw: st.DrawFn) -> PotentialPolicy:
    """Potential policies with drawn weights, scales, cut-offs and rounding."""
    weights = draw(st.lists(st.integers(0, 5), min_size=3, max_size=3).filter(any))
    track = draw(st.lists(st.integers(0, 3), min_size=3, max_size=3).filter(any))
    middle = draw(st.integers(1, 98))
    high = draw(st.integers(middle + 1, 100))
    kinds = ("competency", "assessment", "track_record")
    parts = ("years_in_grade", "performance", "development")
    return PotentialPolicy(
        name="drawn",
        version="1",
        weights=dict(zip(kinds, map(float, weights), strict=True)),
        track_weights=dict(zip(parts, map(float, track), strict=True)),
        full_years=draw(st.sampled_from((2.0, 4.0, 5.0))),
        full_jp=draw(st.sampled_from((10.0, 20.0, 40.0))),
        cutoffs=(float(middle), float(high)),
        min_evidence=draw(st.integers(1, sum(1 for w in weights if w))),
        decimals=draw(st.none() | st.integers(0, 3)),
    )


@st.composite
def potential_evidence(
    draw: st.DrawFn, *, nip: st.SearchStrategy[str] | None = None
) -> PotentialEvidence:
    """Evidence of potential with any part present or missing (possibly none at all)."""
    tests = draw(
        st.dictionaries(
            st.sampled_from(("cognitive", "learning_agility", "motivation")), _SCORE, max_size=3
        )
    )
    return PotentialEvidence(
        nip=draw(st.none() | (nip if nip is not None else nips())),
        jpm=draw(st.none() | _SCORE),
        assessment=tests,
        years_in_grade=draw(st.none() | st.floats(0, 40)),
        performance=draw(st.lists(_SCORE, max_size=4)),
        development_jp=draw(st.none() | st.floats(0, 200)),
    )


@st.composite
def potential_results(draw: st.DrawFn) -> PotentialResult:
    """Results of analyse_potential under a drawn policy, from evidence of every kind."""
    evidence = PotentialEvidence(
        nip=draw(st.none() | nips()),
        jpm=draw(_SCORE),
        assessment=draw(
            st.dictionaries(st.sampled_from(("cognitive", "learning_agility")), _SCORE, min_size=1)
        ),
        years_in_grade=draw(st.floats(0, 40)),
        performance=draw(st.lists(_SCORE, min_size=1, max_size=4)),
        development_jp=draw(st.floats(0, 200)),
    )
    return analyse_potential(evidence, policy=draw(potential_policies()))


@st.composite
def talent_pool_policies(draw: st.DrawFn) -> TalentPoolPolicy:
    """Pool policies naming one to nine boxes at each level."""
    boxes = st.lists(st.integers(1, 9), min_size=1, max_size=9, unique=True)
    return TalentPoolPolicy(
        name="drawn",
        version="1",
        boxes={PoolLevel.INSTANSI: draw(boxes), PoolLevel.NASIONAL: draw(boxes)},
    )


@st.composite
def talent_pools(draw: st.DrawFn) -> TalentPool:
    """One talent pool built from drawn employees and boxes."""
    people = draw(st.lists(employees(), max_size=6, unique_by=lambda e: e.nip))
    placements = [(e, draw(talent_boxes())) for e in people]
    pools = build_talent_pools(placements, level=draw(st.sampled_from(PoolLevel)))
    if not pools:  # no agency pool has members: the (empty) national pool
        pools = build_talent_pools(placements, level=PoolLevel.NASIONAL)
    return draw(st.sampled_from(pools))


@st.composite
def succession_policies(draw: st.DrawFn) -> SuccessionPolicy:
    """Succession policies with drawn level, rules, pool and readiness thresholds."""
    soon = draw(st.integers(0, 100))
    now = draw(st.integers(soon, 100))
    gap_now = draw(st.sampled_from((0.0, 1.0, 2.0)))
    return attrs.evolve(
        SUCCESSION_DEFAULT,
        name="drawn",
        version="1",
        level=draw(st.sampled_from(PoolLevel)),
        rules=draw(st.lists(st.sampled_from(SUCCESSION_DEFAULT.rules), unique=True)),
        pool=draw(talent_pool_policies()),
        barring_sanctions=draw(st.lists(st.sampled_from(Sanction), unique=True)),
        ready_now_jpm=float(now),
        ready_now_max_shortfall=gap_now,
        ready_soon_jpm=float(soon),
        ready_soon_max_shortfall=gap_now + draw(st.sampled_from((0.0, 1.0))),
    )


@st.composite
def succession_tables(draw: st.DrawFn, *, max_people: int = 8) -> SuccessionTable:
    """Succession tables of a small office: key positions, staff, levels, boxes, sanctions."""
    fw = draw(frameworks(max_size=4))
    agencies = draw(st.lists(st.sampled_from(("A", "B")), min_size=1, max_size=2, unique=True))
    tiers = list(PositionTier)
    people = draw(st.lists(employees(), min_size=1, max_size=max_people, unique_by=lambda e: e.nip))
    people = [
        attrs.evolve(e, agency=draw(st.sampled_from(agencies)), tier=draw(st.sampled_from(tiers)))
        for e in people
    ]
    keys = draw(st.lists(positions(), min_size=1, max_size=3, unique_by=lambda p: p.id))
    keys = [attrs.evolve(p, agency=draw(st.sampled_from(agencies))) for p in keys]
    levels = {
        (e.nip, c.id): float(draw(st.integers(1, c.scale.maximum)))
        for e in people
        for c in fw.competencies
        if draw(st.booleans())
    }
    placements = {e.nip: draw(talent_boxes()) for e in people if draw(st.booleans())}
    sanctions = {e.nip: draw(st.sampled_from(Sanction)) for e in people if draw(st.booleans())}
    return plan_succession(
        keys,
        people,
        levels,
        {p.id: draw(standards(fw)) for p in keys},
        as_of=dt.date(2025, 7, 1),
        placements=placements,
        sanctions=sanctions,
        policy=draw(st.just(SUCCESSION_DEFAULT) | succession_policies()),
        framework=fw,
    )


def report_figures() -> st.SearchStrategy[Figure]:
    """Figures of a report: a few bytes of a PNG or SVG picture, with a description."""
    return st.builds(
        Figure.from_bytes,
        st.binary(min_size=1, max_size=64),
        media_type=st.sampled_from(("image/png", "image/svg+xml")),
        alt=st.text(max_size=30),
    )


@st.composite
def report_sections(draw: st.DrawFn) -> Section:
    """Sections of a report: a table of texts, its policy lines and notes, maybe a figure."""
    width = draw(st.integers(1, 4))
    cell = st.text(max_size=12)
    return Section(
        key=draw(identifiers()),
        title=draw(_TEXT),
        intro=draw(st.text(max_size=40)),
        summary=draw(st.text(max_size=40)),
        columns=tuple(draw(st.lists(_TEXT, min_size=width, max_size=width))),
        rows=tuple(draw(st.lists(st.tuples(*[cell] * width), max_size=4))),
        policy=tuple(draw(st.lists(st.text(max_size=30), max_size=2))),
        notes=tuple(draw(st.lists(st.text(max_size=30), max_size=2))),
        figure=draw(st.none() | report_figures()),
    )
