"""Tests of development planning: hand-checked plans, brute-force oracle, properties, bad input."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pytest
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
