"""Tests of development planning: hand-checked plans, brute-force oracle, properties, bad input."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import pytest
import scipy.optimize  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import strategies as acst
from asn_competency.domain.assessment import Assessment
from asn_competency.domain.competency import Competency, CompetencyType
from asn_competency.domain.development import Activity, Route, Target
from asn_competency.domain.employee import Employee, EmploymentStatus
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport, analyse_gaps
from asn_competency.planning import planner as planning
from asn_competency.planning.planner import plan_development
from asn_competency.planning.result import DevelopmentPlan, ShortfallReason
from asn_competency.policies.development import DEVELOPMENT_HOURS_PP_11_2017
from asn_competency.policies.national import national_framework
from asn_competency.policies.planning import PLANNING_DEFAULT, PlanningPolicy

PNS = ("199001012015031001", "198503122010012002", "198807152012041003", "199202022018011004")
PPPK = ("199001012021211001", "198503122022252002", "198807152023301003", "199202022021991004")
YEAR = 2026
DAY = dt.date(2026, 3, 2)
ASSESSED = dt.date(2025, 2, 1)


def report(nip: str, gaps: Mapping[str, tuple[int, int, float]]) -> GapReport:
    """A gap report from ``{competency: (required, level, importance)}``."""
    std = PositionStandard(
        position_id="POS",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id=c, level=req, importance=imp)
            for c, (req, _, imp) in gaps.items()
        ],
    )
    levels = [
        Assessment(nip=nip, competency_id=c, level=lvl, assessed_on=ASSESSED)
        for c, (_, lvl, _) in gaps.items()
    ]
    return analyse_gaps(levels, std, nip=nip)


def act(
    id: str,
    route: str,
    targets: Mapping[str, float],
    *,
    jp: float,
    cost: float,
    capacity: int | None = None,
    start: dt.date | None = DAY,
) -> Activity:
    return Activity(
        id=id,
        title=id,
        route=route,
        targets=[Target(competency_id=c, uplift=u) for c, u in targets.items()],
        jp=jp,
        cost=cost,
        capacity=capacity,
        start=start,
    )


def staff(*nips: str) -> list[Employee]:
    return [Employee(nip=n, name=f"P{n[-3:]}") for n in nips]


def plan(reports: Sequence[GapReport], catalogue: Sequence[Activity], **kw: Any) -> DevelopmentPlan:
    kw.setdefault("budget", 100_000_000)
    if "employees" not in kw:
        kw["employees"] = staff(*sorted({r.nip for r in reports}))
    return plan_development(reports, catalogue, year=YEAR, **kw)


# ----------------------------------------------------------------- hand-checked plans


def test_small_gap_is_closed_by_e_learning_not_a_workshop() -> None:
    """A one-level gap is credited to e-learning only; the workshop closes nothing."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=500_000),
        act("WS", "workshop", {"MJ.KOM": 1}, jp=24, cost=3_000_000),
    ]
    p = plan([r], cat, budget=5_000_000)
    # EL closes min(1, 1) x 1 = 1 level and gives the 20 JP; WS adds no credit.
    assert [(a.activity_id, a.competency_ids, a.gap_closed) for a in p.assignments] == [
        ("EL", ("MJ.KOM",), 1.0)
    ]
    assert (p.total_cost, p.budget_left, p.total_gap_closed) == (500_000.0, 4_500_000.0, 1.0)
    assert p.cost_per_gap_point == 500_000.0
    assert p.solver.status == "optimal"
    assert p.shortfalls == ()


def test_large_gap_needs_classroom_and_mentoring() -> None:
    """A two-level gap is credited only with a classroom and a mentoring activity on it."""
    r = report(PNS[0], {"MJ.PP": (4, 2, 1.0)})
    cat = [
        act("KL", "pelatihan_manajerial", {"MJ.PP": 1}, jp=24, cost=5_000_000),
        act("MT", "mentoring", {"MJ.PP": 1}, jp=2, cost=500_000),
        act("XP", "magang", {}, jp=20, cost=4_000_000),
    ]
    p = plan([r], cat, budget=6_000_000)
    # KL + MT close min(2, 1 + 1) = 2 levels (gain 2). Blend: formal JP 24 above
    # 10 % of 26 JP is 21.4 JP x 0.01 = 0.214 points; XP would not fit the budget.
    assert [a.activity_id for a in p.assignments] == ["KL", "MT"]
    assert [a.gap_closed for a in p.assignments] == [1.0, 1.0]
    assert p.person(PNS[0]).gap_closed == 2.0
    assert p.person(PNS[0]).planned_jp == 26.0
    assert p.solver.objective == pytest.approx(-2 + 0.214, abs=1e-3)


def test_large_gap_without_mentoring_is_not_credited() -> None:
    """Classroom alone closes nothing of a large gap; the gap is listed as uncovered."""
    r = report(PNS[0], {"MJ.PP": (4, 2, 1.0)})
    cat = [act("KL", "pelatihan_manajerial", {"MJ.PP": 2}, jp=24, cost=5_000_000)]
    p = plan([r], cat)
    assert p.person(PNS[0]).uncovered == ("MJ.PP",)
    assert p.total_gap_closed == 0.0
    assert p.cost_per_gap_point is None
    # It is still planned for the 20 JP minimum.
    assert [a.activity_id for a in p.assignments] == ["KL"]
    assert p.assignments[0].competency_ids == ()


def test_several_activities_close_at_most_the_shortfall() -> None:
    """Two e-learnings of uplift 1 on a one-level gap close one level, not two."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 2.0)})
    cat = [
        act("EL1", "e_learning", {"MJ.KOM": 1}, jp=10, cost=100_000),
        act("EL2", "e_learning", {"MJ.KOM": 1}, jp=10, cost=100_000),
    ]
    p = plan([r], cat)
    # Both are needed for 20 JP; the gap closed is min(1, 1 + 1) x importance 2 = 2.
    assert p.total_gap_closed == 2.0
    assert [(a.activity_id, a.gap_closed) for a in p.assignments] == [("EL1", 2.0), ("EL2", 0.0)]


def test_uplift_below_shortfall_closes_the_uplift_times_importance() -> None:
    """An uplift of 0.5 on a one-level gap of importance 3 closes 1.5 points."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 3.0)})
    cat = [act("CO", "coaching", {"MJ.KOM": 0.5}, jp=20, cost=0)]
    assert plan([r], cat).total_gap_closed == 1.5


def test_person_without_gaps_gets_the_cheapest_activity_for_the_minimum() -> None:
    """With no gap, the plan reaches 20 JP at the lowest cost."""
    r = report(PNS[0], {"MJ.KOM": (2, 3, 1.0)})
    cat = [
        act("EL-A", "e_learning", {"MJ.KOM": 1}, jp=20, cost=2_000_000),
        act("EL-B", "e_learning", {"MJ.KOM": 1}, jp=20, cost=1_000_000),
    ]
    p = plan([r], cat)
    assert [a.activity_id for a in p.assignments] == ["EL-B"]
    assert p.person(PNS[0]).total_jp == 20.0


def test_minimum_for_gapless_people_can_be_switched_off() -> None:
    """With minimum_for_everyone=False nobody without a gap is planned for."""
    r = report(PNS[0], {"MJ.KOM": (2, 3, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=1_000)]
    policy = attrs.evolve(PLANNING_DEFAULT, minimum_for_everyone=False)
    p = plan([r], cat, policy=policy)
    assert p.assignments == ()
    assert p.person(PNS[0]).minimum_jp == 0.0
    assert p.shortfalls == ()


def test_prior_jp_counts_towards_the_minimum() -> None:
    """15 JP already earned: 5 more are enough, so the 5-JP activity is chosen."""
    r = report(PNS[0], {"MJ.KOM": (2, 3, 1.0)})
    cat = [
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=100_000),
        act("WS", "workshop", {"MJ.KOM": 1}, jp=5, cost=200_000),
    ]
    p = plan([r], cat, prior_jp={PNS[0]: 15})
    # Both meet the minimum and both are formal learning. Blend penalty: WS
    # 0.01 x (5 - 0.5) = 0.045, EL 0.01 x (20 - 2) = 0.18; the cost tie-break
    # (at most 0.001 in all) cannot undo that. WS wins although it costs more.
    assert [a.activity_id for a in p.assignments] == ["WS"]
    assert p.solver.objective == pytest.approx(0.045 + 1e-3 * 200_000 / 300_000)
    p2 = plan([r], cat, prior_jp={PNS[0]: 20})
    assert p2.assignments == ()
    assert p2.person(PNS[0]).total_jp == 20.0


def test_pppk_stays_within_24_jp() -> None:
    """A PPPK can take the 20-JP or the 10-JP activity, not both; no minimum applies."""
    r = report(PPPK[0], {"MJ.KOM": (3, 2, 1.0), "MJ.PP": (3, 2, 2.0)})
    cat = [
        act("EL-KOM", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0),
        act("EL-PP", "e_learning", {"MJ.PP": 1}, jp=10, cost=0),
    ]
    p = plan([r], cat)
    # 20 + 10 = 30 > 24: EL-PP closes 1 x 2 = 2 points, EL-KOM 1: EL-PP wins.
    assert [a.activity_id for a in p.assignments] == ["EL-PP"]
    person = p.person(PPPK[0])
    assert (person.status, person.maximum_jp, person.minimum_jp) == (
        EmploymentStatus.PPPK,
        24.0,
        0.0,
    )
    assert p.shortfalls == ()


def test_budget_exhausted_is_reported() -> None:
    """With no money, a PNS needing 20 JP from a paid activity falls short for the budget."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=100_000)]
    p = plan([r], cat, budget=0)
    assert p.assignments == ()
    (short,) = p.shortfalls
    assert short.reasons == (ShortfallReason.BUDGET_EXHAUSTED,)
    assert (short.minimum_jp, short.total_jp, short.missing_jp) == (20.0, 0.0, 20.0)
    assert "budget" in short.explanation


def test_capacity_full_is_reported() -> None:
    """One place, two PNS: the one whose gap it closes gets it, the other is short."""
    r1 = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    r2 = report(PNS[1], {"MJ.KOM": (3, 3, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0, capacity=1)]
    p = plan([r1, r2], cat)
    assert [(a.nip, a.activity_id) for a in p.assignments] == [(PNS[0], "EL")]
    (short,) = p.shortfalls
    assert (short.nip, short.reasons) == (PNS[1], (ShortfallReason.CAPACITY_FULL,))


def test_no_activity_in_the_year_is_reported() -> None:
    """Activities of another year are left out; everyone is short for lack of activities."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0, start=dt.date(2025, 5, 1))]
    p = plan([r], cat)
    assert p.solver.status == "empty"
    assert p.shortfalls[0].reasons == (ShortfallReason.NO_ACTIVITY,)
    assert p.person(PNS[0]).uncovered == ("MJ.KOM",)


def test_too_few_jp_in_the_year_is_reported() -> None:
    """The year's only activity gives 3 JP: the person gets it and is still short."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=3, cost=0, start=None)]
    p = plan([r], cat)
    assert p.person(PNS[0]).planned_jp == 3.0
    assert p.shortfalls[0].reasons == (ShortfallReason.NO_ACTIVITY,)
    assert p.shortfalls[0].missing_jp == 17.0


def test_status_cap_below_the_minimum_is_reported() -> None:
    """A policy requiring 30 JP of a PPPK capped at 24 leaves them short for the cap."""
    hours = attrs.evolve(
        DEVELOPMENT_HOURS_PP_11_2017,
        minimum_jp={EmploymentStatus.PNS: 20, EmploymentStatus.PPPK: 30},
    )
    r = report(PPPK[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=24, cost=0)]
    p = plan([r], cat, hours=hours)
    assert p.person(PPPK[0]).total_jp == 24.0
    assert p.shortfalls[0].reasons == (ShortfallReason.STATUS_CAP,)
    assert "maximum of 24 JP" in p.shortfalls[0].explanation


def test_weights_that_prefer_gaps_are_reported_as_trade_off() -> None:
    """A tiny JP penalty lets the cost tie-break win: the reason says the weights chose."""
    policy = attrs.evolve(PLANNING_DEFAULT, jp_penalty=1e-9)
    r = report(PNS[0], {"MJ.KOM": (2, 3, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=1_000)]
    p = plan([r], cat, policy=policy)
    assert p.shortfalls[0].reasons == (ShortfallReason.TRADED_OFF,)


def test_paired_rule_follows_competency_type_with_a_framework() -> None:
    """With a framework, a large technical gap is closed by classroom alone."""
    fw = CompetencyFramework(
        id="fw",
        version="1",
        title="Test",
        competencies=[
            Competency(id="TK.A", name_id="Arsip", type=CompetencyType.TEKNIS),
            Competency(id="MJ.B", name_id="Manajerial", type=CompetencyType.MANAJERIAL),
        ],
    )
    r = report(PNS[0], {"TK.A": (4, 2, 1.0), "MJ.B": (4, 2, 1.0)})
    cat = [act("KL", "pelatihan_teknis", {"TK.A": 2, "MJ.B": 2}, jp=24, cost=0)]
    p = plan([r], cat, framework=fw)
    assert p.assignments[0].competency_ids == ("TK.A",)
    assert p.total_gap_closed == 2.0
    assert p.person(PNS[0]).uncovered == ("MJ.B",)


def test_to_programme_and_dataframes() -> None:
    """The plan converts to a programme and to tables."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=500_000, capacity=3),
        act("WS", "workshop", {"MJ.KOM": 1}, jp=24, cost=3_000_000),
    ]
    p = plan([r], cat, budget=1_000_000)
    prog = p.to_programme(id="AKPK", title="AKPK 2026", owner="BKPSDM")
    assert [a.id for a in prog.activities] == ["EL"]
    assert [(e.nip, e.activity_id) for e in prog.enrolments] == [(PNS[0], "EL")]
    assert (prog.budget, prog.end) == (1_000_000.0, dt.date(2026, 12, 31))
    df = p.to_dataframe()
    assert df.to_dict("records") == [
        {
            "nip": PNS[0],
            "activity_id": "EL",
            "route": "e_learning",
            "competency_ids": "MJ.KOM",
            "jp": 20.0,
            "cost": 500_000.0,
            "gap_closed": 1.0,
        }
    ]
    people = p.people_dataframe()
    assert people.loc[0, "activities"] == "EL"
    assert people.loc[0, "gap_before"] == 1.0


def test_person_lookup_of_unknown_nip() -> None:
    """Looking up someone not in the plan names the NIP."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    p = plan([r], [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)])
    with pytest.raises(UnknownIdError, match=PNS[1]):
        p.person(PNS[1])


def test_employees_as_mapping() -> None:
    """Employees can come keyed by NIP."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)]
    p = plan([r], cat, employees={PNS[0]: staff(PNS[0])[0]})
    assert p.person(PNS[0]).planned_jp == 20.0


def test_framework_checks_pass_for_known_competencies() -> None:
    """The national framework knows MJ.KOM."""
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)]
    assert plan([r], cat, framework=national_framework()).total_gap_closed == 1.0


# ----------------------------------------------------------------- solver limits


class _FakeResult:
    """What scipy's milp returns, for a solver stopped early."""

    def __init__(self, status: int, x: Any, bound: float = -5.0) -> None:
        self.status = status
        self.x = x
        self.fun = None if x is None else 0.0
        self.message = "Time limit reached."
        self.mip_dual_bound = bound


def _fake_milp(
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    x: Sequence[float] | None,
    *,
    bound: float = -5.0,
    relaxed: _FakeResult | None = None,
) -> None:
    def fake(c: Any, **kw: Any) -> _FakeResult:
        if relaxed is not None and not kw["integrality"].any():
            return relaxed
        if x is None:
            return _FakeResult(status, None, bound)
        return _FakeResult(status, np.asarray([*x, *[0.0] * (len(c) - len(x))]), bound)

    monkeypatch.setattr(scipy.optimize, "milp", fake)


def _limited(**kw: Any) -> DevelopmentPlan:
    r = report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})
    return plan([r], [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)], time_limit=1, **kw)


def test_time_limit_keeps_a_better_greedy_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped with the empty plan, the solver's plan loses to the greedy one."""
    _fake_milp(monkeypatch, 1, [0.0])
    p = _limited()
    # Greedy takes EL: 20 JP, closes 1 level. Blend: 0.01 x (20 - 2) = 0.18.
    assert [a.activity_id for a in p.assignments] == ["EL"]
    assert (p.solver.status, p.solver.plan_from, p.solver.bound) == ("time_limit", "greedy", -5.0)
    assert p.solver.objective == pytest.approx(-1 + 0.18)
    assert p.solver.mip_gap == pytest.approx((-0.82 + 5) / 0.82)
    assert p.shortfalls == ()


def test_time_limit_without_a_plan_uses_the_greedy_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped before any plan, the greedy plan is returned and labelled so."""
    _fake_milp(monkeypatch, 1, None)
    p = _limited()
    assert (p.solver.status, p.solver.plan_from) == ("time_limit", "greedy")
    assert p.total_gap_closed == 1.0


def test_time_limit_keeps_the_solver_plan_when_not_worse(monkeypatch: pytest.MonkeyPatch) -> None:
    """A solver plan as good as the greedy one is kept."""
    _fake_milp(monkeypatch, 1, [1.0])
    p = _limited()
    assert (p.solver.status, p.solver.plan_from) == ("time_limit", "milp")
    assert [a.activity_id for a in p.assignments] == ["EL"]


def test_solver_limit_is_a_shortfall_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short while a free place is left and the solver stopped: the reason says so."""
    _fake_milp(monkeypatch, 1, None)
    monkeypatch.setattr(planning, "_greedy", lambda people, acts, model, **kw: [False])
    p = _limited()
    assert p.solver.plan_from == "none"
    assert p.shortfalls[0].reasons == (ShortfallReason.SOLVER_LIMIT,)


def test_solver_failure_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another solver status is reported as failed, with the best plan at hand."""
    _fake_milp(monkeypatch, 4, None)
    p = _limited()
    assert (p.solver.status, p.solver.plan_from) == ("failed", "greedy")


# ----------------------------------------------------------------- bad input


def _one() -> tuple[list[GapReport], list[Activity]]:
    return (
        [report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})],
        [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)],
    )


@pytest.mark.parametrize("budget", [-1, -0.01, float("nan"), float("inf"), True, "10", 10**400])
def test_bad_budget(budget: object) -> None:
    """A negative, non-finite or non-numeric budget names 'budget'."""
    reports, cat = _one()
    with pytest.raises(ValidationError, match="'budget'") as err:
        plan(reports, cat, budget=budget)
    assert err.value.got is budget or (isinstance(budget, float) and math.isnan(budget))


def test_empty_catalogue() -> None:
    """An empty catalogue is refused by name."""
    reports, _ = _one()
    with pytest.raises(ValidationError, match="'catalogue' must be at least one activity"):
        plan(reports, [])


def test_duplicate_activity_ids() -> None:
    """Two activities with one id are refused."""
    reports, cat = _one()
    with pytest.raises(ValidationError, match="'catalogue' must be unique ids"):
        plan(reports, cat + cat)


def test_non_activity_in_catalogue() -> None:
    """Something else than an Activity in the catalogue is named with its index."""
    reports, cat = _one()
    with pytest.raises(ValidationError, match=r"'catalogue\[1\]' must be an Activity"):
        plan(reports, [*cat, "EL2"])  # type: ignore[list-item]


def test_activity_competency_unknown_to_framework() -> None:
    """An activity targeting a competency outside the framework is an unknown id."""
    reports, _ = _one()
    cat = [act("EL", "e_learning", {"MJ.NOPE": 1}, jp=20, cost=0)]
    with pytest.raises(UnknownIdError, match=r"unknown competency 'MJ\.NOPE'.*'EL'"):
        plan(reports, cat, framework=national_framework())


def test_report_competency_unknown_to_framework() -> None:
    """A report naming a competency outside the framework is an unknown id."""
    reports = [report(PNS[0], {"TK.X": (3, 2, 1.0)})]
    cat = [act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)]
    with pytest.raises(UnknownIdError, match=r"unknown competency 'TK\.X'"):
        plan(reports, cat, framework=national_framework())


def test_report_for_unknown_employee() -> None:
    """A report of someone not among the employees is an unknown id."""
    reports, cat = _one()
    with pytest.raises(UnknownIdError, match=f"unknown employee '{PNS[0]}'"):
        plan(reports, cat, employees=staff(PNS[1]))


def test_two_reports_for_one_person() -> None:
    """Two reports of one NIP are refused."""
    reports, cat = _one()
    with pytest.raises(ValidationError, match="'reports' must be one report per person"):
        plan(reports * 2, cat)


@pytest.mark.parametrize("field", ["reports", "catalogue"])
def test_missing_collections_are_named(field: str) -> None:
    """None (or a text) where the reports or the catalogue belong is named."""
    reports, cat = _one()
    args: dict[str, Any] = {"reports": reports, "catalogue": cat}
    for bad in (None, "EL"):
        args[field] = bad
        with pytest.raises(ValidationError, match=f"'{field}' must be a collection"):
            plan(args["reports"], args["catalogue"], employees=staff(PNS[0]))


def test_non_report() -> None:
    """Something else than a GapReport is named with its index."""
    _, cat = _one()
    with pytest.raises(ValidationError, match=r"'reports\[0\]' must be a GapReport"):
        plan([PNS[0]], cat, employees=staff(PNS[0]))  # type: ignore[list-item]


def test_bad_employees() -> None:
    """Non-employees, duplicates and mismatched keys are refused by name."""
    reports, cat = _one()
    (e,) = staff(PNS[0])
    with pytest.raises(ValidationError, match=r"'employees\[0\]' must be an Employee"):
        plan(reports, cat, employees=[PNS[0]])
    with pytest.raises(ValidationError, match="'employees' must be one record per NIP"):
        plan(reports, cat, employees=[e, e])
    with pytest.raises(ValidationError, match=rf"'employees\[{PNS[1]}\]' must be the employee"):
        plan(reports, cat, employees={PNS[1]: e})
    with pytest.raises(ValidationError, match=rf"'employees\[{PNS[0]}\]' must be an Employee"):
        plan(reports, cat, employees={PNS[0]: "Budi"})


@pytest.mark.parametrize("year", [1800, 2300, 2026.0, True, "2026"])
def test_bad_year(year: object) -> None:
    """A year that is not a whole year in range names 'year'."""
    reports, cat = _one()
    with pytest.raises(ValidationError, match="'year'"):
        plan_development(reports, cat, year=year, budget=0, employees=staff(PNS[0]))  # type: ignore[arg-type]


def test_bad_prior_jp() -> None:
    """A negative prior JP or a malformed NIP key names the entry."""
    reports, cat = _one()
    with pytest.raises(ValidationError, match=rf"'prior_jp\[{PNS[0]}\]' must be a finite"):
        plan(reports, cat, prior_jp={PNS[0]: -1})
    with pytest.raises(ValidationError, match=r"'prior_jp\[123\]'"):
        plan(reports, cat, prior_jp={"123": 1})


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"policy": "default"}, "policy"),
        ({"hours": None}, "hours"),
        ({"time_limit": 0}, "time_limit"),
        ({"time_limit": True}, "time_limit"),
        ({"mip_rel_gap": 1.0}, "mip_rel_gap"),
        ({"mip_rel_gap": "0"}, "mip_rel_gap"),
        ({"time_limit": 10**400}, "time_limit"),
        ({"presolve": "yes"}, "presolve"),
        ({"framework": "asn-national"}, "framework"),
        ({"prior_jp": [20]}, "prior_jp"),
        ({"employees": None}, "employees"),
    ],
)
def test_bad_options(kw: dict[str, object], field: str) -> None:
    """Bad policies and solver options name their field."""
    reports, cat = _one()
    with pytest.raises(ValidationError, match=f"'{field}'"):
        plan(reports, cat, **kw)


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"large_gap_threshold": 0}, "large_gap_threshold"),
        ({"large_gap_threshold": float("nan")}, "large_gap_threshold"),
        ({"small_gap_routes": ["walking"]}, "routes"),
        ({"large_gap_requires": [[]]}, r"large_gap_requires\[0\]"),
        ({"paired_types": ["moral"]}, "paired_types"),
        ({"blend": {"formal": 1.0}}, "blend"),
        ({"blend": {"formal": 0.5, "social": 0.5, "experiential": 0.5}}, "blend"),
        ({"blend": {"formal": 1.5, "social": -0.5, "experiential": 0.0}}, r"blend\[formal\]"),
        ({"blend_penalty": -1}, "blend_penalty"),
        ({"jp_penalty": 0}, "jp_penalty"),
        ({"cost_weight": float("inf")}, "cost_weight"),
        ({"name": " "}, "name"),
        ({"large_gap_threshold": 10**400}, "large_gap_threshold"),
        ({"jp_penalty": 10**400}, "jp_penalty"),
        ({"small_gap_routes": "coaching"}, "routes"),
        ({"large_gap_routes": None}, "routes"),
        ({"large_gap_requires": None}, "large_gap_requires"),
        ({"paired_types": None}, "paired_types"),
        ({"blend": [0.1, 0.2, 0.7]}, "blend"),
        ({"minimum_for_everyone": "no"}, "minimum_for_everyone"),
        ({"include_target_gaps": 1}, "include_target_gaps"),
    ],
)
def test_bad_policy(kw: dict[str, Any], field: str) -> None:
    """Each policy field is checked and named."""
    with pytest.raises(ValidationError, match=f"'{field}'"):
        attrs.evolve(PLANNING_DEFAULT, **kw)


# ----------------------------------------------------------------- brute force and properties

COMPETENCIES = ("C1", "C2", "C3")
ROUTES = (
    Route.PELATIHAN_MANAJERIAL,
    Route.WORKSHOP,
    Route.COACHING,
    Route.MENTORING,
    Route.E_LEARNING,
    Route.MAGANG,
)


@st.composite
def instances(draw: st.DrawFn, *, max_pairs: int = 12) -> dict[str, Any]:
    """Small planning instances: at most 4 people, 5 activities and ``max_pairs`` pairs."""
    n_people = draw(st.integers(1, 4))
    n_acts = draw(st.integers(1, min(5, max_pairs // n_people)))
    reports: list[GapReport] = []
    prior: dict[str, float] = {}
    for i in range(n_people):
        nip = draw(st.sampled_from((PNS[i], PPPK[i])))
        comps = draw(st.lists(st.sampled_from(COMPETENCIES), min_size=1, max_size=3, unique=True))
        gaps = {
            c: (
                draw(st.integers(1, 5)),
                draw(st.integers(0, 5)),
                draw(st.sampled_from((0.0, 0.5, 1.0, 2.0, 3.0))),
            )
            for c in comps
        }
        reports.append(report(nip, gaps))
        if draw(st.booleans()):
            prior[nip] = float(draw(st.sampled_from((0, 5, 12, 20, 23))))
    catalogue = [
        act(
            f"A{k}",
            draw(st.sampled_from(ROUTES)).value,
            {
                c: draw(st.sampled_from((0.5, 1.0, 2.0)))
                for c in draw(st.lists(st.sampled_from(COMPETENCIES), max_size=2, unique=True))
            },
            jp=float(draw(st.sampled_from((0, 2, 3, 5, 10, 20, 24)))),
            cost=float(draw(st.sampled_from((0, 100_000, 500_000, 1_000_000, 3_000_000)))),
            capacity=draw(st.none() | st.integers(1, 3)),
            start=draw(st.sampled_from((DAY, None, dt.date(2025, 6, 1)))),
        )
        for k in range(n_acts)
    ]
    budget = float(draw(st.sampled_from((0, 500_000, 1_000_000, 3_000_000, 10_000_000))))
    return {"reports": reports, "catalogue": catalogue, "budget": budget, "prior": prior}


def _gap_points(
    gaps: Mapping[str, tuple[float, float]],
    taken: Sequence[Activity],
    policy: PlanningPolicy = PLANNING_DEFAULT,
) -> float:
    """Importance-weighted gap closed by ``taken``, from the rules as documented."""
    total = 0.0
    for c, (shortfall, importance) in gaps.items():
        on = [a for a in taken if a.uplift(c) > 0]
        large = shortfall >= policy.large_gap_threshold
        if large and not all(any(a.route in g for a in on) for g in policy.large_gap_requires):
            continue
        routes = policy.large_gap_routes if large else policy.small_gap_routes
        total += importance * min(shortfall, sum(a.uplift(c) for a in on if a.route in routes))
    return total


def _people_of(inst: dict[str, Any], policy: PlanningPolicy) -> list[tuple[Any, ...]]:
    """Per person: gaps, JP needed, JP room and the activities they may take."""
    acts = [a for a in inst["catalogue"] if a.start is None or a.start.year == YEAR]
    people = []
    for r in sorted(inst["reports"], key=lambda r: r.nip):
        pppk = r.nip in PPPK
        prior = inst["prior"].get(r.nip, 0.0)
        gaps = {
            i.competency_id: (float(i.shortfall), i.importance)
            for i in r.below()
            if i.importance > 0
        }
        need = 0.0 if pppk or not (gaps or policy.minimum_for_everyone) else max(20 - prior, 0.0)
        room = max(24 - prior, 0.0) if pppk else None
        options = [a for a in acts if room is None or a.jp <= room]
        people.append((r.nip, gaps, need, room, options))
    return people


def _value(
    policy: PlanningPolicy,
    gaps: Mapping[str, tuple[float, float]],
    need: float,
    chosen: Sequence[Activity],
    cost_scale: float,
) -> float:
    """One person's part of the documented objective."""
    jp = sum(a.jp for a in chosen)
    formal = sum(a.jp for a in chosen if policy.is_formal(a.route))
    return (
        policy.jp_penalty * max(need - jp, 0.0)
        + policy.blend_penalty * max(formal - policy.blend["formal"] * jp, 0.0)
        - _gap_points(gaps, chosen, policy)
        + policy.cost_weight * sum(a.cost for a in chosen) / cost_scale
    )


def brute_force(inst: dict[str, Any], policy: PlanningPolicy = PLANNING_DEFAULT) -> float:
    """The least objective over every feasible set of assignments (the documented objective)."""
    people = _people_of(inst, policy)
    acts = [a for a in inst["catalogue"] if a.start is None or a.start.year == YEAR]
    cost_scale = max(sum(a.cost for *_, options in people for a in options), 1.0)
    per_person = []
    for _, gaps, need, room, options in people:
        portfolios = []
        for k in range(len(options) + 1):
            for chosen in itertools.combinations(options, k):
                if room is not None and sum(a.jp for a in chosen) > room:
                    continue
                portfolios.append((_value(policy, gaps, need, chosen, cost_scale), chosen))
        per_person.append(portfolios)
    best = math.inf
    for combo in itertools.product(*per_person):
        chosen_all = [a for _, chosen in combo for a in chosen]
        if sum(a.cost for a in chosen_all) > inst["budget"]:
            continue
        counts: dict[str, int] = {}
        for a in chosen_all:
            counts[a.id] = counts.get(a.id, 0) + 1
        if any(a.capacity is not None and counts.get(a.id, 0) > a.capacity for a in acts):
            continue
        best = min(best, sum(v for v, _ in combo))
    return best


def _plan_of(inst: dict[str, Any], policy: PlanningPolicy = PLANNING_DEFAULT) -> DevelopmentPlan:
    return plan_development(
        inst["reports"],
        inst["catalogue"],
        year=YEAR,
        budget=inst["budget"],
        employees=staff(*(r.nip for r in inst["reports"])),
        prior_jp=inst["prior"],
        policy=policy,
    )


def _objective_of(p: DevelopmentPlan, inst: dict[str, Any]) -> float:
    """The documented objective of the plan returned, recomputed from its assignments."""
    people = _people_of(inst, p.policy)
    cost_scale = max(sum(a.cost for *_, options in people for a in options), 1.0)
    acts = {a.id: a for a in inst["catalogue"]}
    return sum(
        _value(p.policy, gaps, need, [acts[i] for i in p.person(nip).activity_ids], cost_scale)
        for nip, gaps, need, _, _ in people
    )


@given(instances())
def test_milp_matches_brute_force(inst: dict[str, Any]) -> None:
    """The plan's objective equals the best over every feasible set of assignments."""
    p = _plan_of(inst)
    best = brute_force(inst)
    tol = 1e-6 * max(1.0, abs(best))
    assert _objective_of(p, inst) == pytest.approx(best, abs=tol)
    assert p.solver.objective == pytest.approx(best, abs=tol)


@given(instances(max_pairs=10), acst.planning_policies())
def test_milp_matches_brute_force_under_drawn_policies(
    inst: dict[str, Any], policy: PlanningPolicy
) -> None:
    """Under any route rules and weights, the plan is as good as the brute-force best."""
    p = _plan_of(inst, policy)
    best = brute_force(inst, policy)
    tol = 1e-6 * max(1.0, abs(best))
    assert _objective_of(p, inst) == pytest.approx(best, abs=tol)
    assert p.total_gap_closed == pytest.approx(
        sum(
            _gap_points(gaps, [a for a in options if a.id in p.person(nip).activity_ids], policy)
            for nip, gaps, _, _, options in _people_of(inst, policy)
        )
    )


@given(instances(max_pairs=20))
def test_plans_respect_budget_capacity_and_pppk_cap(inst: dict[str, Any]) -> None:
    """No plan exceeds the budget, a capacity, or 24 JP for a PPPK; gaps stay in bounds."""
    p = _plan_of(inst)
    assert p.total_cost <= inst["budget"] + 1e-6
    assert p.budget_left >= -1e-6
    acts = {a.id: a for a in inst["catalogue"]}
    for aid in {a.activity_id for a in p.assignments}:
        cap = acts[aid].capacity
        taken = sum(1 for a in p.assignments if a.activity_id == aid)
        assert cap is None or taken <= cap
    for person in p.people:
        if person.status is EmploymentStatus.PPPK:
            assert person.planned_jp <= max(24 - person.prior_jp, 0.0) + 1e-9
        assert 0 <= person.gap_closed <= person.gap_before + 1e-9
        assert len(set(person.activity_ids)) == len(person.activity_ids)
    assert {s.nip for s in p.shortfalls} == {
        q.nip for q in p.people if q.total_jp < q.minimum_jp - 1e-9
    }
    assert p.total_gap_closed == pytest.approx(sum(a.gap_closed for a in p.assignments))


def _check_feasible(p: DevelopmentPlan, inst: dict[str, Any]) -> None:
    assert p.total_cost <= inst["budget"] + 1e-6
    acts = {a.id: a for a in inst["catalogue"]}
    for aid in {a.activity_id for a in p.assignments}:
        cap = acts[aid].capacity
        assert cap is None or sum(1 for a in p.assignments if a.activity_id == aid) <= cap
    for person in p.people:
        if person.status is EmploymentStatus.PPPK:
            assert person.planned_jp <= max(24 - person.prior_jp, 0.0) + 1e-9


@given(instances(max_pairs=20))
def test_greedy_plans_are_feasible_and_never_better_than_optimal(inst: dict[str, Any]) -> None:
    """When the solver stops early, the greedy plan respects every constraint."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(scipy.optimize, "milp", lambda c, **kw: _FakeResult(1, None))
        p = _plan_of(inst)
    if p.solver.status == "empty":
        return
    assert p.solver.plan_from in {"greedy", "none"}
    _check_feasible(p, inst)
    # The solver's plan is optimal only within mip_rel_gap; its proven bound is what
    # no plan, greedy's included, can beat.
    optimal = _plan_of(inst).solver
    assert optimal.bound is not None
    assert p.solver.objective >= optimal.bound - 1e-9 * max(1.0, abs(optimal.bound))


def test_optimal_means_within_the_relative_gap_of_the_proven_bound() -> None:
    """A plan proven optimal within mip_rel_gap may lose to greedy by less than the gap.

    Three people need 20 JP each and two 2-JP activities of one seat exist, so at
    least 56 JP stay missing (a penalty of 56 000). Giving both seats to one person
    mixes formal and social learning and scores 0.002 better; the solver may stop
    before finding that, since 0.002 is within 1e-7 of 56 000.
    """
    catalogue = [
        act("A0", "pelatihan_manajerial", {}, jp=2, cost=0, capacity=1),
        *(act(f"A{k}", "pelatihan_manajerial", {}, jp=0, cost=0) for k in (1, 2, 3)),
        act("A4", "coaching", {}, jp=2, cost=0, capacity=1),
    ]
    inst: dict[str, Any] = {
        "reports": [report(n, {"C1": (1, 0, 0.0)}) for n in PNS[:3]],
        "catalogue": catalogue,
        "budget": 0.0,
        "prior": {},
    }
    optimal = _plan_of(inst).solver
    assert optimal.status == "optimal"
    assert optimal.bound is not None
    assert optimal.objective - optimal.bound <= 1e-7 * abs(optimal.objective)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(scipy.optimize, "milp", lambda c, **kw: _FakeResult(1, None))
        greedy = _plan_of(inst)
    _check_feasible(greedy, inst)
    assert greedy.solver.objective == pytest.approx(56000.016)
    assert greedy.solver.objective >= optimal.bound - 1e-9 * abs(optimal.bound)
    exact = plan_development(
        inst["reports"],
        catalogue,
        year=YEAR,
        budget=0.0,
        employees=staff(*PNS[:3]),
        mip_rel_gap=0.0,
    )
    assert exact.solver.objective <= greedy.solver.objective + 1e-9


@given(instances(max_pairs=20), st.randoms(use_true_random=False))
def test_plan_does_not_depend_on_input_order(inst: dict[str, Any], rnd: Any) -> None:
    """Shuffling reports, catalogue and employees gives the same plan."""
    p = _plan_of(inst)
    reports = list(inst["reports"])
    catalogue = list(inst["catalogue"])
    employees = staff(*(r.nip for r in reports))
    rnd.shuffle(reports)
    rnd.shuffle(catalogue)
    rnd.shuffle(employees)
    q = plan_development(
        reports,
        catalogue,
        year=YEAR,
        budget=inst["budget"],
        employees=employees,
        prior_jp=inst["prior"],
    )
    assert q == p


def test_policy_is_frozen_and_named() -> None:
    """The default policy carries a name, a version and its source."""
    assert isinstance(PLANNING_DEFAULT, PlanningPolicy)
    assert PLANNING_DEFAULT.name
    assert PLANNING_DEFAULT.version
    assert "PP 11/2017" in PLANNING_DEFAULT.source
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PLANNING_DEFAULT.jp_penalty = 1.0  # type: ignore[misc]


def test_greedy_without_blend_penalty(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no blend penalty the greedy plan's objective is the gap closed alone."""
    _fake_milp(monkeypatch, 1, None)
    p = _limited(policy=attrs.evolve(PLANNING_DEFAULT, blend_penalty=0.0, cost_weight=0.0))
    assert p.solver.objective == -1.0


def _fake_linprog(monkeypatch: pytest.MonkeyPatch, result: _FakeResult) -> list[dict[str, Any]]:
    """Make the relaxation return ``result``; the calls' keyword arguments are recorded."""
    calls: list[dict[str, Any]] = []

    def fake(c: Any, **kw: Any) -> _FakeResult:
        calls.append(kw)
        return result

    monkeypatch.setattr(scipy.optimize, "linprog", fake)
    return calls


def test_bound_from_the_relaxation_when_the_solver_has_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopped without a bound, the linear relaxation's optimum is reported as the bound."""
    lp = _FakeResult(0, np.zeros(4))
    lp.fun = -7.0
    _fake_milp(monkeypatch, 1, None, bound=math.nan)
    calls = _fake_linprog(monkeypatch, lp)
    p = _limited()
    assert p.solver.bound == -7.0
    # Greedy's plan (objective -0.82, see above) against the bound -7.
    assert p.solver.mip_gap == pytest.approx((-0.82 + 7) / 0.82)
    # The interior-point solver, with the caller's time limit.
    assert [(k["method"], k["options"]["time_limit"]) for k in calls] == [("highs-ipm", 1)]


def test_no_bound_when_the_relaxation_also_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without any bound, the report says so rather than guess."""
    _fake_milp(monkeypatch, 1, None, bound=math.nan)
    _fake_linprog(monkeypatch, _FakeResult(1, None))
    p = _limited()
    assert (p.solver.bound, p.solver.mip_gap) == (None, None)


def test_presolve_gives_the_same_plan() -> None:
    """HiGHS's presolve is optional; both ways find the same optimal plan."""
    r = report(PNS[0], {"MJ.PP": (4, 2, 1.0), "MJ.KOM": (3, 2, 1.0)})
    cat = [
        act("KL", "pelatihan_manajerial", {"MJ.PP": 1}, jp=24, cost=5_000_000),
        act("MT", "mentoring", {"MJ.PP": 1, "MJ.KOM": 1}, jp=2, cost=500_000),
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=3, cost=100_000),
    ]
    plain = plan([r], cat, budget=6_000_000)
    presolved = plan([r], cat, budget=6_000_000, presolve=True)
    assert plain.assignments == presolved.assignments
    assert plain.solver.objective == pytest.approx(presolved.solver.objective)


def test_target_gaps_are_closed_when_the_policy_asks() -> None:
    """With include_target_gaps, the larger shortfall against the target position counts."""
    nip = PNS[0]
    current = PositionStandard(
        position_id="KASI",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id="MJ.KOM", level=2),
            Requirement(competency_id="MJ.PP", level=3),
        ],
    )
    target = PositionStandard(
        position_id="KABID",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id="MJ.KOM", level=3, importance=2),
            Requirement(competency_id="MJ.PP", level=3),
        ],
    )
    levels = [
        Assessment(nip=nip, competency_id=c, level=2, assessed_on=ASSESSED)
        for c in ("MJ.KOM", "MJ.PP")
    ]
    r = analyse_gaps(levels, current, nip=nip, target=target)
    cat = [
        act("EL-KOM", "e_learning", {"MJ.KOM": 1}, jp=10, cost=0),
        act("EL-PP", "e_learning", {"MJ.PP": 1}, jp=10, cost=0),
    ]
    # Against KASI one level in MJ.PP; against KABID also one in MJ.KOM, weighing 2
    # (MJ.PP's equal shortfall against both counts once).
    assert plan([r], cat).total_gap_closed == 1.0
    policy = attrs.evolve(PLANNING_DEFAULT, include_target_gaps=True)
    p = plan([r], cat, policy=policy)
    assert p.person(nip).gap_before == 3.0
    assert p.total_gap_closed == 3.0


def test_greedy_plan_follows_the_route_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The greedy plan credits a large gap only once classroom and mentoring are both taken."""
    _fake_milp(monkeypatch, 1, None)
    r = report(PNS[0], {"MJ.PP": (4, 2, 1.0), "MJ.KOM": (3, 2, 1.0)})
    cat = [
        act("KL", "pelatihan_manajerial", {"MJ.PP": 1}, jp=24, cost=4_000_000),
        act("MT", "mentoring", {"MJ.PP": 1}, jp=2, cost=300_000),
        act("WS", "workshop", {"MJ.KOM": 1}, jp=5, cost=100_000),
    ]
    p = plan([r], cat, budget=10_000_000, time_limit=1)
    assert p.solver.plan_from == "greedy"
    # The workshop cannot close the small MJ.KOM gap; KL + MT close MJ.PP's 2 levels.
    assert p.person(PNS[0]).gap_closed == 2.0
    assert {a.activity_id: a.competency_ids for a in p.assignments}["KL"] == ("MJ.PP",)


# ----------------------------------------------------------------- large plans: model size, bound


def test_places_that_can_lower_nothing_are_left_out() -> None:
    """A PPPK (no minimum) gets no column for an activity off their gaps."""
    r = report(PPPK[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [
        act("CO", "coaching", {"MJ.KOM": 1}, jp=4, cost=300_000),
        act("WS", "workshop", {"MJ.OH": 1}, jp=8, cost=1_000_000),
    ]
    p = plan([r], cat)
    # Columns: x[CO] and z[MJ.KOM]; coaching is social learning, so no blend column.
    # WS (formal, off every gap) could only cost and add formal JP.
    assert p.solver.variables == 2
    assert [a.activity_id for a in p.assignments] == ["CO"]


def test_a_place_that_dilutes_formal_learning_is_kept() -> None:
    """A non-formal activity off every gap stays in the model when it lowers the blend penalty."""
    r = report(PPPK[0], {"MJ.KOM": (3, 2, 1.0)})
    cat = [
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0),
        act("CO", "coaching", {"MJ.OH": 1}, jp=4, cost=0),
    ]
    p = plan([r], cat)
    # EL alone: formal 20 JP above 10 % of 20 is 18 JP -> 0.18. With CO: 20 - 2.4 =
    # 17.6 JP -> 0.176, within the PPPK's 24 JP: the better plan takes CO too.
    assert [a.activity_id for a in p.assignments] == ["CO", "EL"]
    assert p.solver.objective == pytest.approx(-1 + 0.176)


def test_nobody_with_anything_to_gain_is_an_empty_plan() -> None:
    """Only PPPK without gaps: nothing can be planned, the report says so."""
    r = report(PPPK[0], {"MJ.KOM": (3, 3, 1.0)})
    p = plan([r], [act("WS", "workshop", {"MJ.KOM": 1}, jp=8, cost=1_000_000)])
    assert (p.solver.status, p.assignments, p.solver.bound) == ("empty", (), 0.0)


def test_greedy_takes_both_places_a_large_gap_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither place alone closes a large gap; the greedy pass takes the two as one move."""
    r = report(PPPK[0], {"MJ.PP": (4, 2, 3.0)})
    cat = [
        act("KL", "pelatihan_manajerial", {"MJ.PP": 1}, jp=10, cost=2_000_000),
        act("MT", "mentoring", {"MJ.PP": 1}, jp=2, cost=500_000),
    ]
    _fake_milp(monkeypatch, 1, None, bound=math.nan)
    monkeypatch.setattr(planning, "_relaxation", lambda model, a, **kw: (None, None))
    p = plan([r], cat, time_limit=5)
    # KL + MT close 2 levels x 3 = 6 points; blend 0.01 x (10 - 0.1 x 12) = 0.088;
    # the tie-break is 0.001 x the whole candidate cost.
    assert p.solver.plan_from == "greedy"
    assert [a.activity_id for a in p.assignments] == ["KL", "MT"]
    assert p.solver.objective == pytest.approx(-6 + 0.088 + 1e-3)


def test_relaxation_rounds_into_a_plan_greedy_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped without a bound: the relaxation sees whom a scarce seat serves best."""
    first, second = PPPK[1], PPPK[0]  # in NIP order
    reports = [report(n, {"MJ.KOM": (3, 2, 1.0)}) for n in (first, second)]
    cat = [
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=1, cost=100_000, capacity=1),
        act("CO", "coaching", {"MJ.KOM": 1}, jp=2, cost=200_000),
    ]
    _fake_milp(monkeypatch, 1, None, bound=math.nan)
    p = plan(reports, cat, time_limit=5, prior_jp={second: 23})
    # The second person has 1 JP left under the PPPK's 24, so only EL fits them.
    # Greedy gives the one EL seat to the first person (same gain per rupiah, first
    # by NIP) and closes 1 level; the relaxation gives it to the second and CO to the
    # first: 2 levels. Objective -2 + blend 0.01 x 0.9 + tie-break 0.001 x 300/400.
    assert p.solver.plan_from == "lp_rounding"
    assert [(a.nip, a.activity_id) for a in p.assignments] == [(first, "CO"), (second, "EL")]
    assert p.total_gap_closed == 2.0
    assert p.solver.objective == pytest.approx(-2 + 0.009 + 0.00075)
    assert p.solver.bound == pytest.approx(p.solver.objective)
    assert p.solver.mip_gap == pytest.approx(0.0, abs=1e-6)


@given(instances(max_pairs=20))
def test_relaxation_bound_is_valid_and_plan_beats_greedy(inst: dict[str, Any]) -> None:
    """Without the solver's bound: the relaxation bounds the optimum, the plan is >= greedy."""
    optimal = _plan_of(inst).solver
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(scipy.optimize, "milp", lambda c, **kw: _FakeResult(1, None, math.nan))
        p = _plan_of(inst)
        mp.setattr(planning, "_relaxation", lambda model, a, **kw: (None, None))
        greedy = _plan_of(inst)
    if p.solver.status == "empty":
        return
    _check_feasible(p, inst)
    assert p.solver.plan_from in {"greedy", "lp_rounding", "none"}
    assert p.solver.bound is not None
    tol = 1e-7 * max(1.0, abs(optimal.objective))
    assert p.solver.bound <= optimal.objective + tol
    assert p.solver.objective >= optimal.objective - tol
    assert p.solver.objective <= greedy.solver.objective + 1e-9
    assert p.solver.mip_gap is not None
    assert p.solver.mip_gap >= 0


def test_greedy_takes_first_places_while_they_fit() -> None:
    """Places given first are taken in order, once each, while the PPPK maximum holds."""
    r = report(PPPK[0], {"MJ.KOM": (3, 2, 1.0)})
    people = planning._people(
        [r],
        staff={PPPK[0]: staff(PPPK[0])[0]},
        prior={},
        policy=PLANNING_DEFAULT,
        hours=DEVELOPMENT_HOURS_PP_11_2017,
        framework=None,
    )
    acts = (
        act("CO", "coaching", {"MJ.KOM": 1}, jp=10, cost=0),
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0),
    )
    model = planning._build(people, acts, budget=0.0, policy=PLANNING_DEFAULT)
    # EL (pair 1) first; again, once only; then CO: 20 + 10 JP would pass 24.
    chosen = planning._greedy(
        people, acts, model, budget=0.0, policy=PLANNING_DEFAULT, first=[1, 1, 0]
    )
    assert chosen == [False, True]


def test_greedy_pairs_stop_when_a_seat_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one mentoring seat goes to one pair; the other person's pair no longer fits."""
    reports = [report(n, {"MJ.PP": (4, 2, 1.0)}) for n in PPPK[:2]]
    cat = [
        act("KL", "pelatihan_manajerial", {"MJ.PP": 1}, jp=10, cost=1_000_000, capacity=2),
        act("MT", "mentoring", {"MJ.PP": 1}, jp=2, cost=500_000, capacity=1),
    ]
    _fake_milp(monkeypatch, 1, None, bound=math.nan)
    monkeypatch.setattr(planning, "_relaxation", lambda model, a, **kw: (None, None))
    p = plan(reports, cat, time_limit=5)
    # Same gain per rupiah for both; the first by NIP (PPPK[1]) gets the pair.
    assert [(a.nip, a.activity_id) for a in p.assignments] == [(PPPK[1], "KL"), (PPPK[1], "MT")]
    assert p.total_gap_closed == 2.0


def test_a_place_that_only_pairs_up_is_kept() -> None:
    """A classroom course the route rules do not credit still counts for the pairing."""
    policy = attrs.evolve(PLANNING_DEFAULT, large_gap_routes=["mentoring"])
    r = report(PPPK[0], {"MJ.PP": (4, 2, 1.0)})
    cat = [
        act("KL", "pelatihan_manajerial", {"MJ.PP": 1}, jp=10, cost=1_000_000),
        act("MT", "mentoring", {"MJ.PP": 2}, jp=2, cost=500_000),
    ]
    p = plan([r], cat, policy=policy)
    # MT alone closes the 2 levels, but only once KL is taken too.
    assert [(a.activity_id, a.gap_closed) for a in p.assignments] == [("KL", 0.0), ("MT", 2.0)]


def test_person_lookup_ignores_spaces_in_the_nip() -> None:
    """plan.person takes a NIP written with spaces, as the rest of the library does."""
    reports, cat = _one()
    p = plan(reports, cat)
    spaced = f"{PNS[0][:8]} {PNS[0][8:14]} {PNS[0][14]} {PNS[0][15:]}"
    assert p.person(spaced) is p.person(PNS[0])
    with pytest.raises(UnknownIdError, match="unknown person"):
        p.person(PNS[1])
