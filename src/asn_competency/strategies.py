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
import enum
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

import attrs

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as _missing:  # pragma: no cover - the tests run with the extra
    if _missing.name != "hypothesis":
        raise
    from asn_competency.errors import MissingExtraError

    raise MissingExtraError("hypothesis", "strategies") from None

from asn_competency.compliance.columnar import ColumnarJp, LedgerColumns, analyse_jp_columns
from asn_competency.compliance.jp import Duplicate, JpCompliance, PersonJp, analyse_jp
from asn_competency.compliance.projection import JpProjection, PersonProjection, project_jp
from asn_competency.compliance.sessions import (
    MentorSessions,
    PairSessions,
    SessionReport,
    analyse_sessions,
)
from asn_competency.compliance.summary import JpGroup, JpSummary, summarise_jp
from asn_competency.domain.assessment import (
    Assessment,
    AssessmentSource,
    CombinationRule,
    CurrentLevel,
)
from asn_competency.domain.competency import (
    Competency,
    CompetencyType,
    ProficiencyLevel,
    ProficiencyScale,
)
from asn_competency.domain.development import Activity, Enrolment, Programme, Route, Target
from asn_competency.domain.employee import Employee, EmploymentStatus, Nip, parse_nip
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
from asn_competency.domain.position import (
    Golongan,
    Position,
    PositionStandard,
    PositionTier,
    Requirement,
)
from asn_competency.domain.records import Education, Sanction, TrainingKind, TrainingRecord
from asn_competency.errors import Problem, ValidationError
from asn_competency.evaluation.behaviour import (
    BehaviourChange,
    BehaviourResult,
    CompetencyChange,
    PersonBehaviour,
    analyse_behaviour,
)
from asn_competency.evaluation.learning import (
    EffectSize,
    LearningResult,
    PersonChange,
    analyse_learning,
)
from asn_competency.evaluation.professionalism import (
    IpAsnGroup,
    IpAsnResult,
    IpAsnSummary,
    ip_asn_index,
    summarise_ip_asn,
)
from asn_competency.evaluation.reaction import ItemSummary, ReactionSummary, summarise_reaction
from asn_competency.evaluation.results import (
    IndicatorAnalysis,
    IndicatorResult,
    analyse_indicators,
)
from asn_competency.evaluation.returns import ReturnResult, analyse_return
from asn_competency.evaluation.scorecard import LevelResult, Scorecard, evaluate_programme
from asn_competency.evaluation.skm import ElementScore, ExcludedAnswer, SkmResult, skm_index
from asn_competency.gaps.columnar import ColumnarGaps, GapColumns, analyse_columns
from asn_competency.gaps.individual import GapItem, GapReport, analyse_gaps
from asn_competency.gaps.levels import combine_assessments
from asn_competency.gaps.summary import (
    CompetencyCell,
    CompetencyRank,
    GapSummary,
    GroupSummary,
    summarise_gaps,
)
from asn_competency.io.csv import CsvProblem
from asn_competency.matching.audit import (
    BlockingPair,
    MatchingAudit,
    MatchingViolation,
    audit_matching,
)
from asn_competency.matching.coverage import UncoveredNeed
from asn_competency.matching.match import (
    MatchedPair,
    MatchingObjective,
    MatchingResult,
    Unmatched,
    match_mentors,
)
from asn_competency.matching.network import CompetencyFlow, CrossingTie, FlowLevel
from asn_competency.matching.network import competency_flows as flows_of
from asn_competency.matching.network import crossing_ties as ties_crossing
from asn_competency.matching.rounds import RoundsResult, match_in_rounds
from asn_competency.matching.rules import PairCheck, check_pair
from asn_competency.planning.horizon import DevelopmentHorizon, PersonHorizon, plan_horizon
from asn_competency.planning.planner import plan_development
from asn_competency.planning.result import (
    Assignment,
    DevelopmentPlan,
    JpShortfall,
    PersonPlan,
    SolverReport,
)
from asn_competency.policies.combination import CombinationPolicy
from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT, JpCompliancePolicy, SplitRule
from asn_competency.policies.development import (
    DEVELOPMENT_HOURS_PP_11_2017,
    CreditBasis,
    DevelopmentHoursPolicy,
    JpCreditPolicy,
)
from asn_competency.policies.evaluation import (
    LEARNING_HAKE_1998,
    LIKERT_1_5,
    REACTION_ITEMS,
    SCORECARD_DEFAULT,
    FeedbackScale,
    LearningPolicy,
    ScorecardPolicy,
)
from asn_competency.policies.ip_asn import IP_ASN_PERMENPANRB_38_2018, IpAsnBand, IpAsnPolicy
from asn_competency.policies.jpm import JPM_MAPPING_BKN, JpmPolicy, JpmWeightingPolicy
from asn_competency.policies.matching import MATCHING_DEFAULT, MatchingPolicy, PairRule
from asn_competency.policies.mentoring import MENTORING_SESSIONS_DEFAULT, MentoringSessionPolicy
from asn_competency.policies.national import national_framework
from asn_competency.policies.nine_box import (
    NINE_BOX_PERMENPANRB_3_2020,
    NineBoxPolicy,
    Performance,
    PoolLevel,
    Potential,
    TalentPoolPolicy,
)
from asn_competency.policies.planning import PlanningPolicy
from asn_competency.policies.potential import PotentialPolicy
from asn_competency.policies.required_levels import (
    REQUIRED_LEVELS_PERMENPANRB_38_2017,
    RequiredLevelPolicy,
)
from asn_competency.policies.routes import LearningMode, RoutePolicy
from asn_competency.policies.skm import (
    SKM_KEPMENPAN_25_2004,
    SKM_KEPMENPAN_25_2004_PRINTED,
    SKM_PERMENPANRB_14_2017,
    SKM_PERMENPANRB_14_2017_PRINTED,
    AnswerRule,
    GapRule,
    GradeScale,
    SkmBand,
    SkmElement,
    SkmPolicy,
)
from asn_competency.policies.succession import SUCCESSION_DEFAULT, Readiness, SuccessionPolicy
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy
from asn_competency.policies.trends import TRENDS_DEFAULT, TrendPolicy
from asn_competency.report import Figure, Section
from asn_competency.talent.bench import BenchGroup, BenchStrength, summarise_succession
from asn_competency.talent.development import SuccessorDevelopment
from asn_competency.talent.eligibility import CandidateCheck, SuccessionRule, check_candidate
from asn_competency.talent.nine_box import (
    TalentBox,
    TalentGroup,
    TalentSummary,
    summarise_talent,
    talent_box,
)
from asn_competency.talent.pools import PoolMember, TalentPool
from asn_competency.talent.pools import talent_pools as build_talent_pools
from asn_competency.talent.potential import (
    PotentialComponent,
    PotentialEvidence,
    PotentialResult,
    analyse_potential,
)
from asn_competency.talent.succession import (
    Exclusion,
    KeySuccession,
    RemainingGap,
    SuccessionCandidate,
    SuccessionTable,
    plan_succession,
)
from asn_competency.trends.gaps import GapPoint, GapSeries, GapStep, GapTrend, track_gaps
from asn_competency.trends.indicators import (
    IndicatorPoint,
    IndicatorSeries,
    IndicatorTrend,
    track_indicators,
)
from asn_competency.trends.professionalism import (
    IpAsnPoint,
    IpAsnSeries,
    IpAsnStep,
    IpAsnTrend,
    track_ip_asn,
)
from asn_competency.trends.programme import (
    PeriodScorecard,
    ProgrammeStep,
    ProgrammeTrend,
    track_programme,
)
from asn_competency.trends.skm import SkmPoint, SkmStep, SkmTrend, track_skm

T = TypeVar("T")

__all__ = [
    "activities",
    "assessments",
    "behaviour_changes",
    "behaviour_results",
    "bench_groups",
    "bench_strengths",
    "blocking_pairs",
    "candidate_checks",
    "columnar_gaps",
    "columnar_jps",
    "combination_policies",
    "competencies",
    "competency_cells",
    "competency_changes",
    "competency_flows",
    "competency_ranks",
    "crossing_ties",
    "csv_problems",
    "current_levels",
    "development_horizons",
    "development_hours_policies",
    "development_plans",
    "duplicates",
    "effect_sizes",
    "element_scores",
    "employees",
    "enrolments",
    "excluded_answers",
    "exclusions",
    "feedback_scales",
    "frameworks",
    "from_type",
    "gap_columns",
    "gap_items",
    "gap_points",
    "gap_reports",
    "gap_series",
    "gap_steps",
    "gap_summaries",
    "gap_trends",
    "golongan",
    "group_summaries",
    "identifiers",
    "indicator_analyses",
    "indicator_points",
    "indicator_results",
    "indicator_series",
    "indicator_trends",
    "indicators",
    "ip_asn_bands",
    "ip_asn_groups",
    "ip_asn_points",
    "ip_asn_policies",
    "ip_asn_results",
    "ip_asn_series",
    "ip_asn_steps",
    "ip_asn_summaries",
    "ip_asn_trends",
    "item_summaries",
    "jp_compliance_policies",
    "jp_compliances",
    "jp_credit_policies",
    "jp_groups",
    "jp_projections",
    "jp_shortfalls",
    "jp_summaries",
    "jpm_policies",
    "jpm_weighting_policies",
    "key_successions",
    "learning_policies",
    "learning_results",
    "ledger_columns",
    "ledger_entries",
    "ledgers",
    "level_results",
    "matched_pairs",
    "matching_audits",
    "matching_policies",
    "matching_results",
    "matching_violations",
    "measurements",
    "mentee_needs",
    "mentor_sessions",
    "mentoring_graphs",
    "mentoring_relationships",
    "mentoring_session_policies",
    "mentoring_sessions",
    "needs",
    "nine_box_policies",
    "nips",
    "offices",
    "pair_checks",
    "pair_rules",
    "pair_sessions",
    "paired_scores",
    "parsed_nips",
    "period_scorecards",
    "periods",
    "person_behaviours",
    "person_changes",
    "person_horizons",
    "person_jps",
    "person_plans",
    "person_projections",
    "plan_assignments",
    "planning_policies",
    "pool_members",
    "positions",
    "potential_components",
    "potential_evidence",
    "potential_policies",
    "potential_results",
    "problems",
    "proficiency_levels",
    "proficiency_scales",
    "programme_steps",
    "programme_trends",
    "programmes",
    "reaction_summaries",
    "remaining_gaps",
    "report_figures",
    "report_sections",
    "required_level_policies",
    "requirements",
    "return_results",
    "rounds_results",
    "route_policies",
    "scorecard_policies",
    "scorecards",
    "session_reports",
    "skm_bands",
    "skm_elements",
    "skm_points",
    "skm_policies",
    "skm_responses",
    "skm_results",
    "skm_steps",
    "skm_trends",
    "solver_reports",
    "standards",
    "succession_candidates",
    "succession_policies",
    "succession_rules",
    "succession_tables",
    "successor_developments",
    "suppression_policies",
    "talent_boxes",
    "talent_groups",
    "talent_pool_policies",
    "talent_pools",
    "talent_summaries",
    "targets",
    "training_records",
    "trend_policies",
    "uncovered_needs",
    "unmatched",
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


# ---------------------------------------------------------------------------
# Results of the analyses. Each is made by running the analysis on drawn inputs,
# so it is a result the library can give, not a record filled with noise.

_NATIONAL = national_framework()
_PEOPLE_UNITS = ("Pelayanan", "Pendaftaran", "Sekretariat")


def golongan() -> st.SearchStrategy[Golongan]:
    """Rank groups: PNS ranks ``I/a`` .. ``IV/e`` and PPPK grades ``1`` .. ``17``."""
    pns = st.builds(
        lambda r, g: f"{r}/{g}", st.sampled_from(["I", "II", "III", "IV"]), st.sampled_from("abcde")
    )
    return st.builds(Golongan, pns | st.integers(1, 17).map(str))


def parsed_nips() -> st.SearchStrategy[Nip]:
    """The decoded parts of valid NIPs and NI PPPK numbers."""
    return nips().map(parse_nip)


@st.composite
def requirements(draw: st.DrawFn) -> Requirement:
    """Requirements of a drawn standard."""
    return draw(st.sampled_from(draw(standards()).requirements))


@st.composite
def proficiency_levels(draw: st.DrawFn) -> ProficiencyLevel:
    """Levels of a drawn scale (the not-applicable level included)."""
    scale = draw(proficiency_scales())
    extra = () if scale.not_applicable is None else (scale.not_applicable,)
    level: ProficiencyLevel = draw(st.sampled_from((*scale.levels, *extra)))
    return level


def targets() -> st.SearchStrategy[Target]:
    """What an activity aims at: a competency and an uplift of 0.1-3 levels."""
    return st.builds(Target, competency_id=identifiers(), uplift=st.floats(0.1, 3))


@st.composite
def enrolments(draw: st.DrawFn) -> Enrolment:
    """Enrolments of a drawn person in a drawn activity."""
    return Enrolment(
        nip=draw(nips()),
        activity_id=draw(identifiers()),
        attendance=draw(st.floats(0, 1)),
        completed=draw(st.booleans()),
    )


@st.composite
def current_levels(draw: st.DrawFn) -> CurrentLevel:
    """Current levels combined from one to four assessments of one competency of one person."""
    nip = draw(nips())
    cid = draw(st.sampled_from([c.id for c in _NATIONAL.competencies]))
    seen = draw(
        st.lists(
            assessments(_NATIONAL, nip=st.just(nip)).map(
                lambda a: attrs.evolve(a, competency_id=cid)
            ),
            min_size=1,
            max_size=4,
        )
    )
    policy = draw(st.none() | combination_policies())
    return combine_assessments(seen, policy=policy)[(nip, cid)]


@st.composite
def offices(
    draw: st.DrawFn, *, min_size: int = 2, max_size: int = 6
) -> tuple[tuple[Employee, ...], tuple[Assessment, ...], tuple[GapReport, ...]]:
    """A small office under the national framework: people, their assessments, their gap reports.

    People work in a few units; each has a drawn standard and some assessments.
    """
    numbers = draw(st.lists(nips(), min_size=min_size, max_size=max_size, unique=True))
    people = tuple(
        attrs.evolve(
            draw(employees(nip=st.just(n))),
            unit=draw(st.sampled_from(_PEOPLE_UNITS)),
            tier=draw(st.sampled_from(PositionTier)),
        )
        for n in numbers
    )
    seen: list[Assessment] = []
    reports: list[GapReport] = []
    for person in people:
        mine = draw(st.lists(assessments(_NATIONAL, nip=st.just(person.nip)), max_size=10))
        seen.extend(mine)
        std = draw(standards(_NATIONAL))
        reports.append(analyse_gaps(mine, std, nip=person.nip, framework=_NATIONAL))
    return people, tuple(seen), tuple(reports)


def gap_items() -> st.SearchStrategy[GapItem]:
    """The items of drawn gap reports."""
    return gap_reports().flatmap(lambda r: st.sampled_from(r.items))


@st.composite
def gap_summaries(draw: st.DrawFn) -> GapSummary:
    """Unit summaries of a drawn office, with a drawn suppression threshold of 1-3 people."""
    people, _, reports = draw(offices())
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=draw(st.integers(1, 3)))
    return summarise_gaps(reports, employees=people, by="unit", policy=policy)


def group_summaries() -> st.SearchStrategy[GroupSummary]:
    """The groups of drawn gap summaries."""
    return (
        gap_summaries()
        .filter(lambda s: bool(s.groups))
        .flatmap(lambda s: st.sampled_from(s.groups))
    )


def competency_cells() -> st.SearchStrategy[CompetencyCell]:
    """The cells of drawn group summaries."""
    return (
        group_summaries()
        .filter(lambda g: bool(g.cells))
        .flatmap(lambda g: st.sampled_from(g.cells))
    )


def competency_ranks() -> st.SearchStrategy[CompetencyRank]:
    """The ranking entries of drawn gap summaries."""
    return (
        gap_summaries()
        .filter(lambda s: bool(s.ranking))
        .flatmap(lambda s: st.sampled_from(s.ranking))
    )


def gap_columns() -> st.SearchStrategy[GapColumns]:
    """Columns built from the gap reports of a drawn office, grouped by unit."""
    return offices().map(_columns_by_unit)


def _columns_by_unit(
    office: tuple[tuple[Employee, ...], tuple[Assessment, ...], tuple[GapReport, ...]],
) -> GapColumns:
    people, _, reports = office
    return GapColumns.from_reports(reports, group_of=lambda nip: (_unit_of(people, nip),))


def _unit_of(people: tuple[Employee, ...], nip: str) -> str:
    return next(p.unit for p in people if p.nip == nip)


def columnar_gaps() -> st.SearchStrategy[ColumnarGaps]:
    """Results of :func:`~asn_competency.gaps.columnar.analyse_columns` on drawn columns."""
    return gap_columns().map(analyse_columns)


@st.composite
def talent_summaries(draw: st.DrawFn) -> TalentSummary:
    """Box counts of a drawn office, overall or by unit."""
    people, _, _ = draw(offices())
    placed = [(p, draw(talent_boxes())) for p in people]
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=draw(st.integers(1, 3)))
    return summarise_talent(placed, by=draw(st.sampled_from([None, "unit"])), policy=policy)


def talent_groups() -> st.SearchStrategy[TalentGroup]:
    """The groups of drawn talent summaries."""
    return (
        talent_summaries()
        .filter(lambda s: bool(s.groups))
        .flatmap(lambda s: st.sampled_from(s.groups))
    )


_ROUTES_FOR_PLANS = (Route.WORKSHOP, Route.COACHING, Route.MENTORING, Route.E_LEARNING)


@st.composite
def _catalogues(draw: st.DrawFn) -> list[Activity]:
    """One to four activities on planned routes, each closing one to three national competencies."""
    ids = [c.id for c in _NATIONAL.competencies]
    return [
        Activity(
            id=f"K{i}",
            title=f"Kegiatan {i}",
            route=draw(st.sampled_from(_ROUTES_FOR_PLANS)),
            targets=[
                Target(competency_id=cid, uplift=1.0)
                for cid in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
            ],
            jp=float(draw(st.integers(2, 24))),
            cost=float(draw(st.integers(0, 5)) * 1_000_000),
            capacity=draw(st.none() | st.integers(1, 4)),
        )
        for i in range(draw(st.integers(1, 4)))
    ]


@st.composite
def development_plans(draw: st.DrawFn) -> DevelopmentPlan:
    """Plans for a drawn office from a drawn catalogue within a drawn budget."""
    people, _, reports = draw(offices(max_size=4))
    catalogue = draw(_catalogues())
    return plan_development(
        reports,
        catalogue,
        year=2025,
        budget=float(draw(st.integers(0, 20)) * 1_000_000),
        employees=people,
    )


def _parts(whole: st.SearchStrategy[Any], name: str) -> st.SearchStrategy[Any]:
    """The items of a tuple attribute ``name`` of drawn wholes (wholes without any are skipped)."""
    return whole.filter(lambda w: bool(getattr(w, name))).flatmap(
        lambda w: st.sampled_from(getattr(w, name))
    )


def person_plans() -> st.SearchStrategy[PersonPlan]:
    """The people of drawn plans."""
    return _parts(development_plans(), "people")


def plan_assignments() -> st.SearchStrategy[Assignment]:
    """The assignments of drawn plans."""
    return _parts(development_plans(), "assignments")


def jp_shortfalls() -> st.SearchStrategy[JpShortfall]:
    """The JP shortfalls of drawn plans."""
    return _parts(development_plans(), "shortfalls")


def solver_reports() -> st.SearchStrategy[SolverReport]:
    """The solver reports of drawn plans."""
    return development_plans().map(lambda p: p.solver)


@st.composite
def _matching_case(
    draw: st.DrawFn,
) -> tuple[list[MenteeNeed], tuple[Employee, ...], dict[tuple[str, str], CurrentLevel]]:
    people, seen, reports = draw(offices(min_size=3, max_size=6))
    need_list = [MenteeNeed.from_report(r) for r in reports if r.below()]
    return need_list, people, combine_assessments(seen)


@st.composite
def matching_results(draw: st.DrawFn) -> MatchingResult:
    """Matchings of a drawn office's mentees (those below standard) to its members."""
    need_list, people, levels = draw(_matching_case())
    return match_mentors(
        need_list,
        people,
        levels=levels,
        employees=people,
        objective=draw(st.sampled_from(MatchingObjective)),
        policy=draw(st.just(MATCHING_DEFAULT) | matching_policies()),
    )


def matched_pairs() -> st.SearchStrategy[MatchedPair]:
    """The pairs of drawn matchings."""
    return _parts(matching_results(), "pairs")


def unmatched() -> st.SearchStrategy[Unmatched]:
    """The people left unmatched by drawn matchings (mentees or mentors)."""
    return _parts(matching_results(), "unmatched_mentors") | _parts(
        matching_results(), "unmatched_mentees"
    )


def blocking_pairs() -> st.SearchStrategy[BlockingPair]:
    """Blocking pairs: two people and a score."""
    return st.builds(
        BlockingPair,
        mentor=nips(),
        mentee=nips(),
        score=st.floats(0, 10),
        mentee_current=st.none() | nips(),
    )


def matching_violations() -> st.SearchStrategy[MatchingViolation]:
    """Broken rules of a matching, of each kind."""
    return st.builds(
        MatchingViolation,
        kind=st.sampled_from(["capacity", "ineligible", "mentee_twice", "unknown_person"]),
        mentor=st.none() | nips(),
        mentee=st.none() | nips(),
        detail=_TEXT,
    )


@st.composite
def matching_audits(draw: st.DrawFn) -> MatchingAudit:
    """Audits of drawn matchings against the office they were made for."""
    need_list, people, levels = draw(_matching_case())
    result = match_mentors(need_list, people, levels=levels, employees=people)
    return audit_matching(result, need_list, people, levels=levels, employees=people)


@st.composite
def rounds_results(draw: st.DrawFn) -> RoundsResult:
    """Matchings in one or two rounds of a drawn office."""
    need_list, people, levels = draw(_matching_case())
    cut = draw(st.integers(0, len(need_list)))
    return match_in_rounds(
        [need_list[:cut], need_list[cut:]], people, levels=levels, employees=people
    )


@st.composite
def pair_checks(draw: st.DrawFn) -> PairCheck:
    """Eligibility checks of a drawn office member as mentor for a drawn need."""
    need_list, people, levels = draw(_matching_case().filter(lambda c: bool(c[0])))
    need = draw(st.sampled_from(need_list))
    mentor = draw(st.sampled_from(people))
    mentee = next(p for p in people if p.nip == need.nip)
    return check_pair(mentor, need, levels=levels, mentee=mentee)


@st.composite
def uncovered_needs(draw: st.DrawFn) -> UncoveredNeed:
    """Needs of a unit that no member can meet."""
    return UncoveredNeed(
        group=draw(st.sampled_from(_PEOPLE_UNITS)),
        competency_id=draw(st.sampled_from([c.id for c in _NATIONAL.competencies])),
        mentees=tuple(sorted(draw(st.lists(nips(), min_size=1, max_size=3, unique=True)))),
        required=draw(st.integers(1, 5)),
        best_available=draw(st.none() | st.integers(0, 4).map(float)),
    )


@st.composite
def _graph_case(draw: st.DrawFn) -> tuple[MentoringGraph, tuple[Employee, ...]]:
    numbers = draw(st.lists(nips(), min_size=2, max_size=5, unique=True))
    people = tuple(
        attrs.evolve(draw(employees(nip=st.just(n))), unit=draw(st.sampled_from(_PEOPLE_UNITS)))
        for n in numbers
    )
    ties = []
    for _ in range(draw(st.integers(1, 4))):
        mentor, mentee = draw(st.permutations(numbers))[:2]
        ties.append(
            MentoringRelationship(
                mentor=mentor,
                mentee=mentee,
                competency_ids=draw(st.lists(identifiers(), min_size=1, max_size=2)),
            )
        )
    return MentoringGraph(ties), people


def competency_flows() -> st.SearchStrategy[CompetencyFlow]:
    """Competency flows of drawn mentoring graphs, per person or per unit."""
    return _graph_case().flatmap(
        lambda c: st.sampled_from(list(FlowLevel)).flatmap(
            lambda by: st.sampled_from(flows_of(c[0], c[1], by=by))
        )
    )


def crossing_ties() -> st.SearchStrategy[CrossingTie]:
    """Mentoring ties that cross units or agencies."""
    return (
        _graph_case().map(lambda c: ties_crossing(c[0], c[1])).filter(bool).flatmap(st.sampled_from)
    )


# --- evaluation -------------------------------------------------------------------------------


@st.composite
def skm_results(draw: st.DrawFn) -> SkmResult:
    """SKM indices of drawn answers under the four shipped policies; some answers are left out."""
    policy = draw(
        st.sampled_from(
            [
                SKM_PERMENPANRB_14_2017,
                SKM_PERMENPANRB_14_2017_PRINTED,
                SKM_KEPMENPAN_25_2004,
                SKM_KEPMENPAN_25_2004_PRINTED,
            ]
        )
    )
    rule = draw(st.sampled_from([AnswerRule.EXCLUDE_ANSWER, AnswerRule.EXCLUDE_RESPONDENT]))
    policy = attrs.evolve(policy, invalid_answers=rule)
    width = len(policy.elements)
    answer = st.integers(policy.scale_min, policy.scale_max) | st.none() | st.integers(5, 9)
    rows = draw(st.lists(st.lists(answer, min_size=width, max_size=width), min_size=1, max_size=8))
    valid = [policy.scale_min] * width
    return skm_index([*rows, valid], policy=policy)


def element_scores() -> st.SearchStrategy[ElementScore]:
    """The element scores of drawn SKM results."""
    return _parts(skm_results(), "elements")


def excluded_answers() -> st.SearchStrategy[ExcludedAnswer]:
    """Answers left out of drawn SKM results."""
    return _parts(skm_results(), "excluded")


@st.composite
def learning_results(draw: st.DrawFn) -> LearningResult:
    """Learning gains of drawn pre- and post-test scores (0-100)."""
    pre, post = draw(paired_scores(min_size=2, max_size=12))
    return analyse_learning(
        pre, post, policy=draw(st.just(LEARNING_HAKE_1998) | learning_policies())
    )


def person_changes() -> st.SearchStrategy[PersonChange]:
    """The people of drawn learning results."""
    return _parts(learning_results(), "persons")


def effect_sizes() -> st.SearchStrategy[EffectSize]:
    """The paired effect sizes of drawn learning results."""
    return _parts(learning_results(), "effect_sizes")


@st.composite
def reaction_summaries(draw: st.DrawFn) -> ReactionSummary:
    """Summaries of drawn feedback on one to four items."""
    scale = draw(st.just(LIKERT_1_5) | feedback_scales())
    items = draw(st.lists(st.sampled_from(REACTION_ITEMS), min_size=1, max_size=4, unique=True))
    answer = st.integers(scale.minimum, scale.maximum)
    answers = {item: draw(st.lists(answer, min_size=1, max_size=10)) for item in items}
    return summarise_reaction(answers, scale=scale)


def item_summaries() -> st.SearchStrategy[ItemSummary]:
    """The items of drawn reaction summaries."""
    return _parts(reaction_summaries(), "items")


@st.composite
def behaviour_results(draw: st.DrawFn) -> BehaviourResult:
    """Levels before and after 1 July 2024 of a drawn office."""
    _, seen, _ = draw(offices())
    return analyse_behaviour(seen, start=dt.date(2024, 7, 1))


def person_behaviours() -> st.SearchStrategy[PersonBehaviour]:
    """The people of drawn behaviour results."""
    return behaviour_results().map(lambda r: r.by_person).filter(bool).flatmap(st.sampled_from)


def behaviour_changes() -> st.SearchStrategy[BehaviourChange]:
    """The per-person, per-competency changes of drawn behaviour results."""
    return _parts(behaviour_results(), "changes")


def competency_changes() -> st.SearchStrategy[CompetencyChange]:
    """The per-competency changes of drawn behaviour results."""
    return _parts(behaviour_results(), "by_competency")


@st.composite
def indicator_analyses(draw: st.DrawFn) -> IndicatorAnalysis:
    """Indicators of a unit measured in 2024 and 2025."""
    drawn = draw(st.lists(indicators(), min_size=1, max_size=3, unique_by=lambda i: i.id))
    # A target on the worse side of the baseline is refused by the analysis: leave it out.
    found = [attrs.evolve(i, target=None) for i in drawn]
    values = st.floats(0, 1000)
    shown = [
        Measurement(indicator_id=i.id, subject="unit", period=period, value=draw(values))
        for i in found
        for period in ("2024", "2025")
        if draw(st.booleans()) or period == "2025"
    ]
    return analyse_indicators(found, shown, subject="unit", before="2024", after="2025")


def indicator_results() -> st.SearchStrategy[IndicatorResult]:
    """The indicators of drawn indicator analyses."""
    return _parts(indicator_analyses(), "results")


@st.composite
def return_results(draw: st.DrawFn) -> ReturnResult:
    """Returns on investment of drawn benefits and costs (rupiah)."""
    money = st.integers(0, 10**9).map(float)
    benefits = draw(st.dictionaries(identifiers(), money, min_size=1, max_size=3))
    costs = draw(st.dictionaries(identifiers(), money, min_size=1, max_size=3))
    assume_paid = {**costs, "biaya": draw(st.integers(1, 10**9).map(float))}
    return analyse_return(benefits, assume_paid)


@st.composite
def ip_asn_results(draw: st.DrawFn) -> IpAsnResult:
    """Professionalism indices of drawn qualifications, training, SKP scores and sanctions."""
    return ip_asn_index(
        qualification=draw(st.sampled_from(Education)),
        training=draw(st.lists(training_records(), max_size=5)),
        performance_score=draw(st.integers(0, 100).map(float)),
        discipline=draw(st.sampled_from(Sanction)),
        nip=draw(st.none() | nips()),
        group=draw(st.sampled_from(_PEOPLE_UNITS)),
    )


def ip_asn_summaries() -> st.SearchStrategy[IpAsnSummary]:
    """Summaries by group of drawn professionalism indices."""
    return st.lists(ip_asn_results(), min_size=1, max_size=6).map(summarise_ip_asn)


def ip_asn_groups() -> st.SearchStrategy[IpAsnGroup]:
    """The groups of drawn professionalism summaries."""
    return _parts(ip_asn_summaries(), "groups")


@st.composite
def scorecards(draw: st.DrawFn) -> Scorecard:
    """Scorecards of a drawn programme with some of the five levels measured."""
    prog = draw(programmes())
    reaction = draw(st.none() | reaction_summaries())
    learning = draw(st.none() | learning_results())
    returns = draw(st.none() | return_results())
    return evaluate_programme(
        prog,
        reaction=reaction,
        learning=learning,
        returns=returns,
        policy=draw(st.just(SCORECARD_DEFAULT) | scorecard_policies()),
    )


def level_results() -> st.SearchStrategy[LevelResult]:
    """The levels of drawn scorecards."""
    return _parts(scorecards(), "levels")


# --- policies without a drawn table -------------------------------------------------------------


def _renamed(policy: Any) -> st.SearchStrategy[Any]:
    """A shipped policy under a drawn name and version (the tables are the regulation's)."""
    return st.builds(attrs.evolve, st.just(policy), name=_TEXT, version=_TEXT)


def development_hours_policies() -> st.SearchStrategy[DevelopmentHoursPolicy]:
    """The PP 11/2017 hours rule, renamed."""
    return _renamed(DEVELOPMENT_HOURS_PP_11_2017)


def ip_asn_policies() -> st.SearchStrategy[IpAsnPolicy]:
    """The IP ASN policy of PermenPAN-RB 38/2018, renamed."""
    return _renamed(IP_ASN_PERMENPANRB_38_2018)


def ip_asn_bands() -> st.SearchStrategy[IpAsnBand]:
    """The bands of the IP ASN policy."""
    return st.sampled_from(IP_ASN_PERMENPANRB_38_2018.bands)


def nine_box_policies() -> st.SearchStrategy[NineBoxPolicy]:
    """The nine-box policy of PermenPAN-RB 3/2020, renamed."""
    return _renamed(NINE_BOX_PERMENPANRB_3_2020)


def required_level_policies() -> st.SearchStrategy[RequiredLevelPolicy]:
    """The common reading of PermenPAN-RB 38/2017's levels per tier, renamed."""
    return _renamed(REQUIRED_LEVELS_PERMENPANRB_38_2017)


def suppression_policies() -> st.SearchStrategy[SuppressionPolicy]:
    """Suppression of groups below 1-20 people."""
    return st.builds(
        SuppressionPolicy,
        name=_TEXT,
        version=_TEXT,
        min_group_size=st.integers(1, 20),
        decimals=st.integers(1, 8),
    )


def skm_bands() -> st.SearchStrategy[SkmBand]:
    """The grading bands of the shipped SKM policies."""
    return st.sampled_from([*SKM_PERMENPANRB_14_2017.bands, *SKM_KEPMENPAN_25_2004.bands])


def skm_elements() -> st.SearchStrategy[SkmElement]:
    """The elements of drawn SKM policies."""
    return _parts(skm_policies(), "elements")


def pair_rules() -> st.SearchStrategy[PairRule]:
    """Extra matching rules: a name and a check (a Python function, so not JSON data)."""
    return st.builds(PairRule, name=identifiers(), check=st.sampled_from([_same_gender, _any_pair]))


def _same_gender(mentor: Employee, need: MenteeNeed, mentee: Employee | None) -> bool:
    return mentor.nip[14] == need.nip[14]  # the NIP's gender digit


def _any_pair(mentor: Employee, need: MenteeNeed, mentee: Employee | None) -> bool:
    return True


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


# --- the yearly cycle: results of the ledger, trends and horizons ------------------------------


@st.composite
def _office_ledgers(draw: st.DrawFn, *, min_copies: int = 0) -> tuple[tuple[Employee, ...], Ledger]:
    """A drawn office and a small ledger of its people's development in 2025, with copies."""
    people, _, _ = draw(offices(max_size=4))
    entries = draw(
        st.lists(
            ledger_entries(nip=st.sampled_from([p.nip for p in people])).map(
                lambda e: attrs.evolve(
                    e,
                    start=e.start.replace(year=2025, day=1),
                    end=e.start.replace(year=2025, day=1),
                )
            ),
            min_size=min_copies,
            max_size=6,
        )
    )
    copies = (
        draw(st.lists(st.sampled_from(entries), min_size=min_copies, max_size=2)) if entries else []
    )
    return people, Ledger([*entries, *(attrs.evolve(e, source=e.source + "*") for e in copies)])


@st.composite
def jp_compliances(draw: st.DrawFn) -> JpCompliance:
    """Results of :func:`~asn_competency.compliance.jp.analyse_jp` on a drawn office's ledger."""
    people, ledger = draw(_office_ledgers())
    choices: list[int | str] = [2025, "2025-S1", "2025-Q3"]
    period = draw(st.sampled_from(choices))
    policy = draw(st.just(JP_COMPLIANCE_DEFAULT) | jp_compliance_policies())
    return analyse_jp(ledger, period=period, employees=people, policy=policy)


def person_jps() -> st.SearchStrategy[PersonJp]:
    """The people of drawn JP compliance results."""
    return _parts(jp_compliances(), "people")


@st.composite
def duplicates(draw: st.DrawFn) -> Duplicate:
    """The duplicate records found in a drawn ledger with a copied record."""
    people, ledger = draw(_office_ledgers(min_copies=1))
    found = analyse_jp(ledger, period=2025, employees=people).duplicates
    return draw(st.sampled_from(found))


@st.composite
def jp_summaries(draw: st.DrawFn) -> JpSummary:
    """Unit summaries of drawn JP compliance, with a suppression threshold of 1-3 people."""
    people, ledger = draw(_office_ledgers())
    compliance = analyse_jp(ledger, period=2025, employees=people)
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=draw(st.integers(1, 3)))
    return summarise_jp(compliance, employees=people, by="unit", policy=policy)


def jp_groups() -> st.SearchStrategy[JpGroup]:
    """The groups of drawn JP summaries."""
    return _parts(jp_summaries(), "groups")


def ledger_columns() -> st.SearchStrategy[LedgerColumns]:
    """Columns built from drawn ledgers."""
    return ledgers().map(LedgerColumns.from_ledger)


@st.composite
def columnar_jps(draw: st.DrawFn) -> ColumnarJp:
    """Results of :func:`~asn_competency.compliance.columnar.analyse_jp_columns` on drawn data."""
    columns = draw(ledger_columns())
    choices: list[int | str] = [2025, "2024", "2023-S2"]
    period = draw(st.sampled_from(choices))
    return analyse_jp_columns(columns, period=period)


@st.composite
def jp_projections(draw: st.DrawFn) -> JpProjection:
    """Projections of drawn JP compliance with a drawn plan, as of a day in the year."""
    people, ledger = draw(_office_ledgers())
    compliance = analyse_jp(ledger, period=2025, employees=people)
    plan = draw(st.none() | development_plans())
    as_of = draw(st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 12, 31)))
    return project_jp(compliance, plan=plan, as_of=as_of)


def person_projections() -> st.SearchStrategy[PersonProjection]:
    """The people of drawn JP projections."""
    return _parts(jp_projections(), "people")


@st.composite
def session_reports(draw: st.DrawFn) -> SessionReport:
    """Session analyses of drawn relationships and sessions, some of pairs without one."""
    rels = draw(st.lists(mentoring_relationships(), max_size=4))
    pairs = [(r.mentor, r.mentee) for r in rels]
    own = st.sampled_from(pairs).flatmap(
        lambda pair: mentoring_sessions().map(
            lambda x: attrs.evolve(x, mentor=pair[0], mentee=pair[1])
        )
    )
    sessions = draw(
        st.lists((own | mentoring_sessions()) if pairs else mentoring_sessions(), max_size=6)
    )
    policy = draw(st.just(MENTORING_SESSIONS_DEFAULT) | mentoring_session_policies())
    return analyse_sessions(rels, sessions, as_of=draw(_DATES), policy=policy)


def pair_sessions() -> st.SearchStrategy[PairSessions]:
    """The pairs of drawn session reports."""
    return _parts(session_reports(), "pairs")


def mentor_sessions() -> st.SearchStrategy[MentorSessions]:
    """The mentors of drawn session reports."""
    return _parts(session_reports(), "mentors")


@st.composite
def development_horizons(draw: st.DrawFn) -> DevelopmentHorizon:
    """Plans over one or two years for a drawn office with a drawn ledger and catalogue."""
    people, ledger = draw(_office_ledgers())
    reports = [
        analyse_gaps(
            draw(st.lists(assessments(_NATIONAL, nip=st.just(p.nip)), max_size=6)),
            draw(standards(_NATIONAL)),
            nip=p.nip,
            framework=_NATIONAL,
        )
        for p in people
    ]
    catalogue = draw(_catalogues())
    years = draw(st.sampled_from([[2025], [2025, 2026]]))
    return plan_horizon(
        reports,
        catalogue,
        years=years,
        budget=float(draw(st.integers(0, 10)) * 1_000_000),
        employees=people,
        ledger=ledger,
    )


def person_horizons() -> st.SearchStrategy[PersonHorizon]:
    """The people of drawn development horizons."""
    return _parts(development_horizons(), "people")


@st.composite
def gap_trends(draw: st.DrawFn) -> GapTrend:
    """Trends over two or three rounds of drawn gap summaries."""
    rounds = draw(st.lists(gap_summaries(), min_size=2, max_size=3))
    policy = draw(st.just(TRENDS_DEFAULT) | trend_policies())
    return track_gaps(list(zip((2023, 2024, 2025), rounds, strict=False)), policy=policy)


def gap_series() -> st.SearchStrategy[GapSeries]:
    """The series of drawn gap trends."""
    return _parts(gap_trends(), "series")


def gap_points() -> st.SearchStrategy[GapPoint]:
    """The points of drawn gap series."""
    return _parts(gap_series(), "points")


def gap_steps() -> st.SearchStrategy[GapStep]:
    """The steps of drawn gap series."""
    return _parts(gap_series(), "steps")


@st.composite
def indicator_trends(draw: st.DrawFn) -> IndicatorTrend:
    """Trends of drawn indicators measured for one subject over a few years."""
    found = draw(
        st.lists(indicators().map(_target_ahead), min_size=1, max_size=3, unique_by=lambda i: i.id)
    )
    ms = [
        Measurement(
            indicator_id=ind.id,
            subject="Dukcapil",
            period=str(year),
            value=float(draw(st.integers(0, 100))),
        )
        for ind in found
        for year in draw(st.lists(st.integers(2022, 2025), max_size=3, unique=True))
    ]
    return track_indicators(found, ms, subject="Dukcapil")


def _target_ahead(ind: Indicator) -> Indicator:
    """The indicator with baseline and target swapped when the target is on the worse side.

    Without a baseline the first value becomes one, which could be past any target: those
    indicators are drawn without a target.
    """
    base, target = ind.baseline, ind.target
    if base is None:
        return attrs.evolve(ind, target=None)
    if base is not None and target is not None and ind.improvement(base, target) < 0:
        return attrs.evolve(ind, baseline=target, target=base)
    return ind


def indicator_series() -> st.SearchStrategy[IndicatorSeries]:
    """The series of drawn indicator trends."""
    return _parts(indicator_trends(), "series")


def indicator_points() -> st.SearchStrategy[IndicatorPoint]:
    """The points of drawn indicator series."""
    return _parts(indicator_series(), "points")


@st.composite
def ip_asn_trends(draw: st.DrawFn) -> IpAsnTrend:
    """Trends of drawn professionalism results over two or three years."""
    years = {
        year: draw(st.lists(ip_asn_results(), max_size=4))
        for year in draw(st.lists(st.integers(2022, 2025), min_size=1, max_size=3, unique=True))
    }
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=draw(st.integers(1, 3)))
    return track_ip_asn(years, policy=policy)


def ip_asn_series() -> st.SearchStrategy[IpAsnSeries]:
    """The groups of drawn professionalism trends."""
    return _parts(ip_asn_trends(), "groups")


def ip_asn_points() -> st.SearchStrategy[IpAsnPoint]:
    """The points of drawn professionalism series."""
    return _parts(ip_asn_series(), "points")


def ip_asn_steps() -> st.SearchStrategy[IpAsnStep]:
    """The steps of drawn professionalism series."""
    return _parts(ip_asn_series(), "steps")


@st.composite
def programme_trends(draw: st.DrawFn) -> ProgrammeTrend:
    """Trends of a drawn programme with reactions drawn for a few years."""
    prog = draw(programmes())
    years = draw(st.lists(st.integers(2022, 2025), min_size=1, max_size=3, unique=True))
    reaction = {year: draw(reaction_summaries()) for year in years}
    return track_programme(prog, reaction=reaction)


def period_scorecards() -> st.SearchStrategy[PeriodScorecard]:
    """The cards of drawn programme trends."""
    return _parts(programme_trends(), "cards")


def programme_steps() -> st.SearchStrategy[ProgrammeStep]:
    """The steps of drawn programme trends."""
    return _parts(programme_trends(), "steps")


@st.composite
def skm_trends(draw: st.DrawFn) -> SkmTrend:
    """SKM trends over two or three periods of drawn answers (1-4, 9 elements)."""
    answer = st.lists(st.integers(1, 4), min_size=9, max_size=9)
    periods = draw(
        st.lists(
            st.sampled_from(["2024-S1", "2024-S2", "2025-S1"]), min_size=1, max_size=3, unique=True
        )
    )
    surveys = {p: draw(st.lists(answer, min_size=2, max_size=8)) for p in sorted(periods)}
    return track_skm(surveys, trend=draw(st.just(TRENDS_DEFAULT) | trend_policies()))


def skm_points() -> st.SearchStrategy[SkmPoint]:
    """The points of drawn SKM trends."""
    return _parts(skm_trends(), "points")


def skm_steps() -> st.SearchStrategy[SkmStep]:
    """The steps of drawn SKM trends."""
    return _parts(skm_trends(), "steps")


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
def succession_tables(
    draw: st.DrawFn,
    *,
    max_people: int = 8,
    policies: st.SearchStrategy[SuccessionPolicy] | None = None,
) -> SuccessionTable:
    """Succession tables of a small office: key positions, staff, levels, boxes, sanctions.

    Args:
        draw: Hypothesis's draw function.
        max_people: The most staff drawn.
        policies: The succession policies drawn (the default one or any drawn one).
    """
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
        policy=draw(
            policies
            if policies is not None
            else st.just(SUCCESSION_DEFAULT) | succession_policies()
        ),
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


def potential_components() -> st.SearchStrategy[PotentialComponent]:
    """The components of drawn potential results."""
    return _parts(potential_results(), "components")


def pool_members() -> st.SearchStrategy[PoolMember]:
    """The members of drawn talent pools."""
    return _parts(talent_pools(), "members")


def key_successions() -> st.SearchStrategy[KeySuccession]:
    """The key positions of drawn succession tables."""
    return _parts(succession_tables(), "positions")


def succession_candidates() -> st.SearchStrategy[SuccessionCandidate]:
    """The candidates of drawn key positions.

    Drawn under policies without eligibility rules, so that most people drawn are candidates.
    """
    open_policies = succession_policies().map(lambda p: attrs.evolve(p, rules=()))
    tables = succession_tables(policies=open_policies)
    return _parts(_parts(tables, "positions"), "candidates")


def remaining_gaps() -> st.SearchStrategy[RemainingGap]:
    """The gaps a drawn candidate has left to close."""
    return _parts(succession_candidates(), "gaps")


def exclusions() -> st.SearchStrategy[Exclusion]:
    """The people a drawn key position excluded, with the rules they failed."""
    return _parts(key_successions(), "excluded")


@st.composite
def bench_strengths(draw: st.DrawFn) -> BenchStrength:
    """Bench strength of drawn succession tables, by agency, unit or tier."""
    by = draw(st.sampled_from((("agency",), ("agency", "unit"), ("tier",))))
    # Small groups: a drawn office has a few people, so most larger minimums hide every group.
    policy = SuppressionPolicy(
        name="drawn", version="1", min_group_size=draw(st.integers(1, 3)), decimals=6
    )
    return summarise_succession(draw(succession_tables()), by=by, policy=policy)


def bench_groups() -> st.SearchStrategy[BenchGroup]:
    """The groups of drawn bench-strength summaries."""
    return _parts(bench_strengths(), "groups")


@st.composite
def candidate_checks(draw: st.DrawFn) -> CandidateCheck:
    """Checks of a drawn person against a drawn position under a drawn succession policy."""
    return check_candidate(
        draw(employees()),
        draw(positions()),
        as_of=dt.date(2025, 7, 1),
        placement=draw(st.none() | talent_boxes()),
        sanction=draw(st.none() | st.sampled_from(Sanction)),
        policy=draw(st.just(SUCCESSION_DEFAULT) | succession_policies()),
    )


def succession_rules() -> st.SearchStrategy[SuccessionRule]:
    """Extra succession rules: a name, a check (a Python function, so not JSON data), a reason."""
    return st.builds(
        SuccessionRule,
        name=identifiers().filter(lambda n: n not in SUCCESSION_DEFAULT.rules),
        check=st.sampled_from([_has_unit, _any_candidate]),
        reason=st.just("") | _TEXT,
    )


def _has_unit(employee: Employee, position: Position) -> bool:
    return bool(employee.unit)


def _any_candidate(employee: Employee, position: Position) -> bool:
    return True


@st.composite
def successor_developments(draw: st.DrawFn) -> SuccessorDevelopment:
    """Development plans of successors: a drawn plan, each planned person aiming at a position."""
    plan = draw(development_plans())
    position = identifiers()
    targets = tuple((p.nip, draw(position)) for p in plan.people)
    readiness = draw(st.lists(st.sampled_from(Readiness), min_size=1, unique=True))
    return SuccessorDevelopment(plan=plan, targets=targets, readiness=tuple(readiness))


def problems() -> st.SearchStrategy[Problem]:
    """Problems in a document: a JSON path and what was wrong."""
    return st.builds(Problem, path=_TEXT, message=_TEXT)


def csv_problems() -> st.SearchStrategy[CsvProblem]:
    """Problems in a CSV file: a line, a column or none, what was expected and the cell."""
    return st.builds(
        CsvProblem,
        st.integers(0, 10_000),
        st.none() | _TEXT,
        _TEXT,
        st.none() | st.text(max_size=20) | st.integers(-(2**53), 2**53),
    )


# --- one strategy per public type ------------------------------------------------------------

_FOR_TYPE: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Activity: activities,
    Assessment: assessments,
    Assignment: plan_assignments,
    BehaviourChange: behaviour_changes,
    BehaviourResult: behaviour_results,
    BenchGroup: bench_groups,
    BenchStrength: bench_strengths,
    BlockingPair: blocking_pairs,
    CandidateCheck: candidate_checks,
    ColumnarGaps: columnar_gaps,
    ColumnarJp: columnar_jps,
    CombinationPolicy: combination_policies,
    Competency: competencies,
    CompetencyCell: competency_cells,
    CompetencyChange: competency_changes,
    CompetencyFlow: competency_flows,
    CompetencyFramework: frameworks,
    CompetencyNeed: needs,
    CompetencyRank: competency_ranks,
    CrossingTie: crossing_ties,
    CsvProblem: csv_problems,
    CurrentLevel: current_levels,
    DevelopmentHorizon: development_horizons,
    DevelopmentHoursPolicy: development_hours_policies,
    DevelopmentPlan: development_plans,
    Duplicate: duplicates,
    EffectSize: effect_sizes,
    ElementScore: element_scores,
    Employee: employees,
    Enrolment: enrolments,
    ExcludedAnswer: excluded_answers,
    Exclusion: exclusions,
    FeedbackScale: feedback_scales,
    Figure: report_figures,
    GapColumns: gap_columns,
    GapItem: gap_items,
    GapPoint: gap_points,
    GapReport: gap_reports,
    GapSeries: gap_series,
    GapStep: gap_steps,
    GapSummary: gap_summaries,
    GapTrend: gap_trends,
    Golongan: golongan,
    GroupSummary: group_summaries,
    Indicator: indicators,
    IndicatorAnalysis: indicator_analyses,
    IndicatorPoint: indicator_points,
    IndicatorResult: indicator_results,
    IndicatorSeries: indicator_series,
    IndicatorTrend: indicator_trends,
    IpAsnBand: ip_asn_bands,
    IpAsnGroup: ip_asn_groups,
    IpAsnPoint: ip_asn_points,
    IpAsnPolicy: ip_asn_policies,
    IpAsnResult: ip_asn_results,
    IpAsnSeries: ip_asn_series,
    IpAsnStep: ip_asn_steps,
    IpAsnSummary: ip_asn_summaries,
    IpAsnTrend: ip_asn_trends,
    ItemSummary: item_summaries,
    JpCompliance: jp_compliances,
    JpCompliancePolicy: jp_compliance_policies,
    JpCreditPolicy: jp_credit_policies,
    JpGroup: jp_groups,
    JpProjection: jp_projections,
    JpShortfall: jp_shortfalls,
    JpSummary: jp_summaries,
    JpmPolicy: jpm_policies,
    JpmWeightingPolicy: jpm_weighting_policies,
    KeySuccession: key_successions,
    LearningPolicy: learning_policies,
    LearningResult: learning_results,
    Ledger: ledgers,
    LedgerColumns: ledger_columns,
    LedgerEntry: ledger_entries,
    LevelResult: level_results,
    MatchedPair: matched_pairs,
    MatchingAudit: matching_audits,
    MatchingPolicy: matching_policies,
    MatchingResult: matching_results,
    MatchingViolation: matching_violations,
    Measurement: measurements,
    MenteeNeed: mentee_needs,
    MentorSessions: mentor_sessions,
    MentoringGraph: mentoring_graphs,
    MentoringRelationship: mentoring_relationships,
    MentoringSession: mentoring_sessions,
    MentoringSessionPolicy: mentoring_session_policies,
    NineBoxPolicy: nine_box_policies,
    Nip: parsed_nips,
    PairCheck: pair_checks,
    PairRule: pair_rules,
    PairSessions: pair_sessions,
    Period: periods,
    PeriodScorecard: period_scorecards,
    PersonBehaviour: person_behaviours,
    PersonChange: person_changes,
    PersonHorizon: person_horizons,
    PersonJp: person_jps,
    PersonPlan: person_plans,
    PersonProjection: person_projections,
    PlanningPolicy: planning_policies,
    PoolMember: pool_members,
    Position: positions,
    PositionStandard: standards,
    PotentialComponent: potential_components,
    PotentialEvidence: potential_evidence,
    PotentialPolicy: potential_policies,
    PotentialResult: potential_results,
    Problem: problems,
    ProficiencyLevel: proficiency_levels,
    ProficiencyScale: proficiency_scales,
    Programme: programmes,
    ProgrammeStep: programme_steps,
    ProgrammeTrend: programme_trends,
    ReactionSummary: reaction_summaries,
    RemainingGap: remaining_gaps,
    RequiredLevelPolicy: required_level_policies,
    Requirement: requirements,
    ReturnResult: return_results,
    RoundsResult: rounds_results,
    RoutePolicy: route_policies,
    Scorecard: scorecards,
    ScorecardPolicy: scorecard_policies,
    Section: report_sections,
    SessionReport: session_reports,
    SkmBand: skm_bands,
    SkmElement: skm_elements,
    SkmPoint: skm_points,
    SkmPolicy: skm_policies,
    SkmResult: skm_results,
    SkmStep: skm_steps,
    SkmTrend: skm_trends,
    SolverReport: solver_reports,
    SuccessionCandidate: succession_candidates,
    SuccessionPolicy: succession_policies,
    SuccessionRule: succession_rules,
    SuccessionTable: succession_tables,
    SuccessorDevelopment: successor_developments,
    SuppressionPolicy: suppression_policies,
    TalentBox: talent_boxes,
    TalentGroup: talent_groups,
    TalentPool: talent_pools,
    TalentPoolPolicy: talent_pool_policies,
    TalentSummary: talent_summaries,
    Target: targets,
    TrainingRecord: training_records,
    TrendPolicy: trend_policies,
    UncoveredNeed: uncovered_needs,
    Unmatched: unmatched,
}


def from_type(cls: type[T]) -> st.SearchStrategy[T]:
    """The strategy for a public type of asn-competency (an enum: any of its members).

    Args:
        cls: A public class: a domain object, a policy, a result or an enum.

    Raises:
        ValidationError: For a type that has no strategy here.

    Examples:
        >>> from asn_competency.evaluation.skm import SkmResult
        >>> from_type(SkmResult)
        skm_results()
    """
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return st.sampled_from(cls)
    make = _FOR_TYPE.get(cls)
    if make is None:
        raise ValidationError("cls", "a public type of asn-competency", cls)
    return make()
