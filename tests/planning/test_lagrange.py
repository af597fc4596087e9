"""Tests of the scalable planner against the exact programme and brute force, and its limits."""

from __future__ import annotations

import datetime as dt
import math
import time
from typing import Any
from unittest import mock

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import strategies as acst
from asn_competency.domain.development import Activity, Target
from asn_competency.domain.employee import Employee
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport
from asn_competency.planning import _exact, _lagrange, _model
from asn_competency.planning._inputs import people_of
from asn_competency.planning.planner import plan_development
from asn_competency.planning.result import DevelopmentPlan
from asn_competency.policies.development import DEVELOPMENT_HOURS_PP_11_2017
from asn_competency.policies.planning import PLANNING_DEFAULT, PlanningPolicy
from tests.planning.test_planner import (
    PNS,
    PPPK,
    YEAR,
    _check_feasible,
    act,
    brute_force,
    instances,
    plan,
    report,
    staff,
)


def _lagrangian(inst: dict[str, Any], **kw: Any) -> DevelopmentPlan:
    return plan_development(
        inst["reports"],
        inst["catalogue"],
        year=YEAR,
        budget=inst["budget"],
        employees=staff(*(r.nip for r in inst["reports"])),
        prior_jp=inst["prior"],
        method="lagrangian",
        **kw,
    )


@given(instances())
def test_bound_is_valid_and_plan_within_its_gap(inst: dict[str, Any]) -> None:
    """On drawn instances: feasible, bound <= optimum <= value, value within the stated gap."""
    p = _lagrangian(inst)
    best = brute_force(inst)
    tol = 1e-6 * max(1.0, abs(best))
    _check_feasible(p, inst)
    s = p.solver
    assert s.bound is not None
    assert s.mip_gap is not None
    assert s.bound <= best + tol
    assert s.objective >= best - tol
    assert s.objective - s.bound <= s.mip_gap * max(abs(s.objective), 1e-9) + tol
    assert s.plan_from in {"lagrangian", "none"}


@given(instances(max_pairs=20))
def test_bound_never_beats_the_exact_programme(inst: dict[str, Any]) -> None:
    """The scalable bound is never above the optimum the exact programme proves."""
    exact = plan_development(
        inst["reports"],
        inst["catalogue"],
        year=YEAR,
        budget=inst["budget"],
        employees=staff(*(r.nip for r in inst["reports"])),
        prior_jp=inst["prior"],
        method="milp",
    ).solver
    p = _lagrangian(inst).solver
    assert p.bound is not None
    tol = 1e-6 * max(1.0, abs(exact.objective))
    assert p.bound <= exact.objective + tol
    if exact.bound is not None and exact.status == "optimal":
        assert p.objective >= exact.bound - tol


@given(instances(max_pairs=20), st.randoms(use_true_random=False))
def test_scalable_plan_does_not_depend_on_input_order(inst: dict[str, Any], rnd: Any) -> None:
    """Shuffling reports, catalogue and employees gives the same scalable plan."""
    p = _lagrangian(inst)
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
        method="lagrangian",
    )
    assert q == p


def _units() -> tuple[list[GapReport], list[Activity], list[Employee]]:
    nips = [PNS[0], PNS[1], PNS[2]]
    reports = [report(n, {"MJ.KOM": (3, 2, 1.0)}) for n in nips]
    cat = [
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=20, cost=1_000_000),
        act("EL2", "e_learning", {}, jp=20, cost=500_000),
    ]
    people = [
        Employee(nip=PNS[0], name="A", unit="Bidang I"),
        Employee(nip=PNS[1], name="B", unit="Bidang I"),
        Employee(nip=PNS[2], name="C", unit="Bidang II"),
    ]
    return reports, cat, people


@pytest.mark.parametrize("method", ["milp", "lagrangian"])
def test_unit_budgets_hold(method: str) -> None:
    """A unit's people spend at most its budget: Bidang I can pay for one place only."""
    reports, cat, people = _units()
    p = plan(
        reports,
        cat,
        budget=10_000_000,
        employees=people,
        unit_budgets={"Bidang I": 900_000},
        method=method,
    )
    spent = {"Bidang I": 0.0, "Bidang II": 0.0}
    unit = {e.nip: e.unit for e in people}
    for a in p.assignments:
        spent[unit[a.nip]] += a.cost
    assert spent["Bidang I"] <= 900_000
    # Bidang II has no budget of its own: its person gets the place that closes the gap.
    assert p.person(PNS[2]).activity_ids == ("EL",)
    # In Bidang I one person gets the cheaper place for the JP, the other nothing.
    assert sorted(len(p.person(n).activity_ids) for n in PNS[:2]) == [0, 1]
    assert dict(p.unit_budgets) == {"Bidang I": 900_000.0}
    short = {s.nip: s for s in p.shortfalls}
    assert len(short) == 1
    assert "budget" in next(iter(short.values())).explanation


def test_unit_budgets_are_checked() -> None:
    """A bad unit budget, a unit nobody works in or a mapping of the wrong kind is named."""
    reports, cat, people = _units()
    with pytest.raises(ValidationError, match=r"'unit_budgets\[Bidang I\]'"):
        plan(reports, cat, employees=people, unit_budgets={"Bidang I": -1})
    with pytest.raises(UnknownIdError, match="unknown unit 'Bidang IX'"):
        plan(reports, cat, employees=people, unit_budgets={"Bidang IX": 1})
    with pytest.raises(ValidationError, match="'unit_budgets' must be a mapping"):
        plan(reports, cat, employees=people, unit_budgets=[("Bidang I", 1)])
    with pytest.raises(ValidationError, match="'unit_budgets' must be unit names"):
        plan(reports, cat, employees=people, unit_budgets={1: 1})


def test_method_is_checked() -> None:
    """An unknown method names the field."""
    reports, cat, people = _units()
    with pytest.raises(ValidationError, match="'method'"):
        plan(reports, cat, employees=people, method="simplex")


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"exact_places": -1}, "exact_places"),
        ({"node_limit": 0}, "node_limit"),
        ({"iteration_limit": True}, "iteration_limit"),
        ({"iteration_limit": 1.5}, "iteration_limit"),
        ({"target_gap": 1.0}, "target_gap"),
        ({"target_gap": float("nan")}, "target_gap"),
    ],
)
def test_bad_limits(kw: dict[str, Any], field: str) -> None:
    """The policy's limits are checked and named."""
    with pytest.raises(ValidationError, match=f"'{field}'"):
        attrs.evolve(PLANNING_DEFAULT, **kw)


def test_auto_chooses_by_model_size() -> None:
    """Small models go to the exact programme, large ones to the scalable method."""
    reports, cat, people = _units()
    assert plan(reports, cat, employees=people).solver.plan_from == "milp"
    tiny = attrs.evolve(PLANNING_DEFAULT, exact_places=1)
    assert plan(reports, cat, employees=people, policy=tiny).solver.plan_from == "lagrangian"


def test_iteration_limit_is_a_count() -> None:
    """One iteration stops the scalable method at its limit, the same way every run."""
    reports, cat, people = _units()
    one = attrs.evolve(PLANNING_DEFAULT, iteration_limit=1, target_gap=0.0)
    first = plan(reports, cat, employees=people, policy=one, method="lagrangian")
    again = plan(reports, cat, employees=people, policy=one, method="lagrangian")
    assert first == again
    assert first.solver.status in {"iteration_limit", "optimal"}
    assert first.solver.message == "Lagrangian relaxation: 1 iterations"


def test_wall_clock_limit_bounds_the_call() -> None:
    """A wall-clock limit already past stops the scalable method after its first round."""
    reports, cat, people = _units()
    never = attrs.evolve(PLANNING_DEFAULT, target_gap=0.0)
    p = plan(reports, cat, employees=people, policy=never, method="lagrangian", time_limit=1e-9)
    assert p.solver.status == "time_limit"
    assert p.solver.bound is not None


def test_node_limit_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exact programme stopped by its node limit says so and keeps its plan and bound."""
    import scipy.optimize  # type: ignore[import-untyped]  # noqa: PLC0415

    real = scipy.optimize.milp

    def stopped(*args: Any, **kw: Any) -> Any:
        res = real(*args, **kw)
        res.status = 1
        return res

    monkeypatch.setattr(scipy.optimize, "milp", stopped)
    reports, cat, people = _units()
    p = plan(reports, cat, employees=people, method="milp")
    assert p.solver.status == "node_limit"
    p = plan(reports, cat, employees=people, method="milp", time_limit=1e-9)
    assert p.solver.status == "time_limit"


def test_failed_solver_gives_the_empty_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """A solver that fails leaves no plan: reported as failed, shortfalls say why."""
    import scipy.optimize  # noqa: PLC0415

    class Failed:
        status = 4
        x = None
        message = "failed"
        mip_dual_bound = math.nan

    monkeypatch.setattr(scipy.optimize, "milp", lambda *a, **kw: Failed())
    reports, cat, people = _units()
    p = plan(reports, cat, employees=people, method="milp")
    assert (p.solver.status, p.solver.plan_from, p.solver.bound) == ("failed", "none", None)
    assert p.assignments == ()
    assert {s.reasons[0].value for s in p.shortfalls} == {"solver_limit"}


def test_solver_output_never_reaches_the_streams(capfd: pytest.CaptureFixture[str]) -> None:
    """What the solver library writes to the process's stdout or stderr is discarded."""
    import os  # noqa: PLC0415

    from asn_competency.planning._milp import quiet  # noqa: PLC0415

    with quiet():
        os.write(1, b"HiGHS says hello\n")
        os.write(2, b"HiGHS warns\n")
    reports, cat, people = _units()
    plan(reports, cat, employees=people, method="milp")
    plan(reports, cat, employees=people, method="lagrangian")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def _region(n_people: int, n_acts: int) -> tuple[list[GapReport], list[Activity], list[Employee]]:
    """A deterministic region: managerial gaps, activities on every route, capacities."""
    comps = ("MJ.INT", "MJ.KS", "MJ.KOM", "MJ.OH", "MJ.PP", "MJ.PDO", "MJ.MP", "MJ.PK")
    routes = (
        ("pelatihan_manajerial", 24, 4_000_000),
        ("workshop", 8, 1_500_000),
        ("mentoring", 4, 500_000),
        ("coaching", 4, 600_000),
        ("e_learning", 10, 200_000),
    )
    reports = []
    people = []
    for i in range(n_people):
        birth = f"{1960 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}"
        nip = f"{birth}{2005 + i % 15}{1 + i % 12:02d}1001"
        gaps = {c: (3, 3 - (i * 7 + k) % 3, 1.0 + (i + k) % 3) for k, c in enumerate(comps)}
        reports.append(report(nip, gaps))
        people.append(Employee(nip=nip, name=f"P{i}", unit=f"U{i % 5}"))
    cat = []
    for k in range(n_acts):
        route, jp, cost = routes[k % len(routes)]
        cat.append(
            Activity(
                id=f"A{k:03d}",
                title=f"A{k}",
                route=route,
                targets=[
                    Target(competency_id=comps[(k + j) % len(comps)], uplift=1) for j in (0, 3)
                ],
                jp=jp,
                cost=cost + 10_000 * k,
                capacity=5 + k % 7,
                start=dt.date(YEAR, 1 + k % 12, 1),
            )
        )
    return reports, cat, people


def test_hundred_people_two_hundred_activities_return_in_bounded_time() -> None:
    """100 people x 200 activities, with no limit given, return with a bound well within a minute.

    The exact programme alone did not finish this size in four minutes.
    """
    reports, cat, people = _region(100, 200)
    t0 = time.monotonic()
    p = plan_development(reports, cat, year=YEAR, budget=150_000_000, employees=people)
    assert time.monotonic() - t0 < 120
    assert p.solver.plan_from == "lagrangian"
    assert p.solver.bound is not None
    assert p.solver.bound <= p.solver.objective
    assert p.total_cost <= 150_000_000


def test_model_values_match_the_documented_objective() -> None:
    """The array model scores a plan as the exact model's objective does."""
    reports, cat, people = _region(12, 15)
    persons = people_of(
        reports,
        staff={e.nip: e for e in people},
        prior={},
        policy=PLANNING_DEFAULT,
        hours=DEVELOPMENT_HOURS_PP_11_2017,
        framework=None,
    )
    acts = tuple(sorted(cat, key=lambda a: a.id))
    inst = _model.Instance(
        persons,
        acts,
        unit_of=[-1] * len(persons),
        unit_budgets=[],
        budget=1e9,
        policy=PLANNING_DEFAULT,
    )
    chosen = np.zeros((len(persons), len(acts)), dtype=bool)
    chosen[:, ::4] = True
    chosen &= inst.candidate
    from asn_competency.planning._inputs import person_value  # noqa: PLC0415

    values = inst.values(chosen)
    for pi, p in enumerate(persons):
        taken = [acts[a] for a in np.flatnonzero(chosen[pi])]
        assert values[pi] == pytest.approx(person_value(p, taken, PLANNING_DEFAULT))


def test_pppk_rooms_and_fractional_jp() -> None:
    """JP on a half grid and PPPK maxima are kept exactly by the scalable method."""
    reports = [report(PPPK[0], {"MJ.KOM": (3, 2, 1.0)}), report(PNS[0], {"MJ.KOM": (3, 2, 1.0)})]
    cat = [
        act("EL", "e_learning", {"MJ.KOM": 1}, jp=12.5, cost=100_000),
        act("CO", "coaching", {"MJ.KOM": 1}, jp=12.5, cost=100_000),
        act("WS", "workshop", {}, jp=7.5, cost=50_000),
    ]
    exact = attrs.evolve(PLANNING_DEFAULT, target_gap=0.0)
    p = plan(reports, cat, method="lagrangian", policy=exact)
    assert p.person(PPPK[0]).planned_jp <= 24
    assert p.person(PNS[0]).total_jp >= 20
    assert p.solver.bound is not None
    assert p.solver.objective - p.solver.bound <= 1e-6 * max(1.0, abs(p.solver.objective))


def test_lagrangian_solve_directly_on_an_empty_budget() -> None:
    """With no money, only free places are taken, and the bound is proven."""
    reports, cat, people = _region(6, 10)
    free = [*cat, act("FREE", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)]
    p = plan_development(reports, free, year=YEAR, budget=0, employees=people, method="lagrangian")
    assert {a.activity_id for a in p.assignments} <= {"FREE"}
    assert p.total_cost == 0
    assert _lagrange.Outcome.__name__ == "Outcome"


def test_many_open_places_are_branched_on_and_solved_exactly() -> None:
    """Fourteen free 2-JP places, ten of which reach 20 JP: branching finds the optimum."""
    r = report(PNS[0], {"MJ.KOM": (3, 3, 1.0)})
    cat = [act(f"E{k:02d}", "e_learning", {}, jp=2, cost=1_000 * (k % 3)) for k in range(14)]
    persons = people_of(
        [r],
        staff={PNS[0]: staff(PNS[0])[0]},
        prior={},
        policy=PLANNING_DEFAULT,
        hours=DEVELOPMENT_HOURS_PP_11_2017,
        framework=None,
    )
    inst = _model.Instance(
        persons, cat, unit_of=[-1], unit_budgets=[], budget=1e9, policy=PLANNING_DEFAULT
    )
    duals = _lagrange._Duals(inst)
    prices = _lagrange._prices(inst, duals)
    v, const = _lagrange._relaxed_values(inst, duals, prices)
    nothing = np.zeros((1, len(cat)), dtype=bool)
    exact = _exact.solve_people(inst, v, const, prices, nothing, node_limit=1_000)
    assert bool(exact.proven[0])
    # The ten cheapest places (cost 0 and 1,000) reach 20 JP at the least cost; all
    # 20 JP are formal learning, 18 JP above the 10 % share (0.01 points each).
    assert int(exact.chosen.sum()) == 10
    assert exact.value[0] == pytest.approx(float(exact.low[0]))
    cheapest = sorted(a.cost for a in cat)[:10]
    assert exact.value[0] == pytest.approx(
        0.01 * 18 + PLANNING_DEFAULT.cost_weight * sum(cheapest) / inst.cost_scale
    )
    stopped = _exact.solve_people(inst, v, const, prices, nothing, node_limit=1)
    assert not bool(stopped.proven[0])
    assert stopped.low[0] <= exact.value[0] + 1e-12


def test_without_pairing_rules_and_with_a_failing_master(monkeypatch: pytest.MonkeyPatch) -> None:
    """No route groups to pair, and a master programme that fails: still a plan and a bound."""
    import scipy.optimize  # noqa: PLC0415

    reports, cat, people = _units()
    policy = attrs.evolve(PLANNING_DEFAULT, large_gap_requires=())
    p = plan(reports, cat, employees=people, policy=policy, method="lagrangian")
    assert p.solver.bound is not None

    class Failed:
        status = 2

    real = scipy.optimize.linprog
    monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, **kw: Failed())
    q = plan(reports, cat, employees=people, method="lagrangian")
    monkeypatch.setattr(scipy.optimize, "linprog", real)
    assert q.solver.bound is not None
    assert q.solver.bound <= q.solver.objective


@given(instances(max_pairs=10), acst.planning_policies())
def test_bound_is_valid_under_drawn_policies(inst: dict[str, Any], policy: PlanningPolicy) -> None:
    """Under any route rules and weights the scalable bound and plan bracket the optimum."""
    p = plan_development(
        inst["reports"],
        inst["catalogue"],
        year=YEAR,
        budget=inst["budget"],
        employees=staff(*(r.nip for r in inst["reports"])),
        prior_jp=inst["prior"],
        policy=policy,
        method="lagrangian",
    )
    best = brute_force(inst, policy)
    tol = 1e-6 * max(1.0, abs(best))
    _check_feasible(p, inst)
    assert p.solver.bound is not None
    assert p.solver.bound <= best + tol
    assert p.solver.objective >= best - tol


def _check_against_brute_force(p: DevelopmentPlan, inst: dict[str, Any]) -> None:
    """Feasible; bound <= optimum <= objective; the stated gap covers the difference."""
    best = brute_force(inst)
    tol = 1e-6 * max(1.0, abs(best))
    _check_feasible(p, inst)
    s = p.solver
    assert s.bound is not None
    assert s.mip_gap is not None
    assert s.bound <= best + tol
    assert s.objective >= best - tol
    assert s.objective - s.bound <= s.mip_gap * max(abs(s.objective), 1e-9) + tol


@given(instances(), st.randoms(use_true_random=False))
def test_prices_from_a_sample_keep_the_plan_feasible_and_the_bound_valid(
    inst: dict[str, Any], rnd: Any
) -> None:
    """Starting from a one-person sample's prices: a valid bound, whatever the input order."""
    with (
        mock.patch.object(_lagrange, "_SAMPLE", 1),
        mock.patch.object(_lagrange, "_SAMPLE_FROM", 1),
        mock.patch.object(_lagrange, "_SAMPLE_ITERATIONS", 12),
    ):
        p = _lagrangian(inst)
        reports = list(inst["reports"])
        rnd.shuffle(reports)
        q = _lagrangian({**inst, "reports": reports})
    _check_against_brute_force(p, inst)
    assert q == p


@given(instances())
def test_people_left_open_are_solved_by_the_exact_programme(inst: dict[str, Any]) -> None:
    """With no enumeration and one node, HiGHS settles every person: a valid bound still."""
    with (
        mock.patch.object(_exact, "ENUMERATE_UP_TO", 0),
        mock.patch.object(_lagrange, "_NODES_PER_PERSON", 0),
    ):
        p = _lagrangian(inst)
    _check_against_brute_force(p, inst)


def _priced(n_people: int, n_acts: int) -> tuple[Any, ...]:
    """A region's model and the relaxation at the starting multipliers."""
    reports, cat, people = _region(n_people, n_acts)
    persons = people_of(
        reports,
        staff={e.nip: e for e in people},
        prior={},
        policy=PLANNING_DEFAULT,
        hours=DEVELOPMENT_HOURS_PP_11_2017,
        framework=None,
    )
    acts = tuple(sorted(cat, key=lambda a: a.id))
    inst = _model.Instance(
        persons,
        acts,
        unit_of=[-1] * len(persons),
        unit_budgets=[],
        budget=1e8,
        policy=PLANNING_DEFAULT,
    )
    duals = _lagrange._Duals(inst)
    _lagrange._start(inst, duals)
    prices = _lagrange._prices(inst, duals)
    v, const = _lagrange._relaxed_values(inst, duals, prices)
    nothing = np.zeros((inst.n_people, inst.n_acts), dtype=bool)
    return inst, v, const, prices, nothing


def test_the_exact_programme_finds_the_same_optima_as_enumeration() -> None:
    """People left open after one node reach, through HiGHS, the optima enumeration proves."""
    inst, v, const, prices, nothing = _priced(12, 15)
    full = _exact.solve_people(inst, v, const, prices, nothing, node_limit=100_000)
    assert bool(full.proven.all())
    with mock.patch.object(_exact, "ENUMERATE_UP_TO", 0):
        alone = _exact.solve_people(inst, v, const, prices, nothing, node_limit=1)
        helped = _exact.solve_people(inst, v, const, prices, nothing, node_limit=1, mip_nodes=50)
        # From the optima themselves, places every plan as good takes are fixed.
        again = _exact.solve_people(inst, v, const, prices, full.chosen, node_limit=1, mip_nodes=50)
    assert not bool(alone.proven.all())
    assert bool(helped.proven.all())
    assert bool(again.proven.all())
    np.testing.assert_allclose(helped.value, full.value, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(again.value, full.value, rtol=1e-9, atol=1e-9)
    assert float(helped.low.sum()) == pytest.approx(float(full.low.sum()))


def test_an_allowance_a_deadline_or_a_failing_solver_leave_the_relaxed_bounds() -> None:
    """What the exact programme does not settle keeps bounds no higher than the optimum."""
    from asn_competency.planning import _milp  # noqa: PLC0415

    inst, v, const, prices, nothing = _priced(12, 15)
    full = _exact.solve_people(inst, v, const, prices, nothing, node_limit=100_000)
    best = float(full.value.sum())
    with mock.patch.object(_exact, "ENUMERATE_UP_TO", 0):
        loose = _exact.solve_people(
            inst, v, const, prices, nothing, node_limit=1, mip_nodes=50, allowance=math.inf
        )
        late = _exact.solve_people(
            inst, v, const, prices, nothing, node_limit=1, mip_nodes=50, deadline=0.0
        )
        with mock.patch.object(_milp, "solve", return_value=(None, "failed", "", None)):
            failed = _exact.solve_people(
                inst, v, const, prices, nothing, node_limit=1, mip_nodes=50
            )
    for out in (loose, late, failed):
        assert not bool(out.proven.all())
        assert float(out.low.sum()) <= best + 1e-9
        assert float(out.value.sum()) >= best - 1e-9


def test_a_sample_holds_its_share_of_the_limits() -> None:
    """A sample is spread over the NIP order and has its share of budgets and seats."""
    inst, *_ = _priced(10, 6)
    sub = inst.sample(4)
    assert sub.n_people == 4
    assert [p.nip for p in sub.people] == [inst.people[i].nip for i in (0, 3, 6, 9)]
    assert sub.budget == pytest.approx(inst.budget * 0.4)
    np.testing.assert_allclose(sub.capacity, inst.capacity * 0.4)


def test_sizes_of_the_scalable_method() -> None:
    """The scalable method reports the places and gaps it decides and the rows it prices."""
    reports, cat, people = _units()
    p = plan(
        reports, cat, employees=people, unit_budgets={"Bidang I": 900_000}, method="lagrangian"
    )
    # Places: EL costs more than Bidang I may spend, so four; gaps: one each. Rows:
    # the budget, one unit budget, no capacity, one per person.
    assert (p.solver.variables, p.solver.constraints) == (7, 5)


def test_a_place_fixed_for_the_exact_programme_is_taken() -> None:
    """A place every better plan must take is fixed in the programme given to HiGHS."""
    inst, _, _, prices, _ = _priced(3, 6)
    people = np.asarray([0], dtype=np.int64)
    open_ = inst.candidate[people].copy()
    place = int(np.flatnonzero(open_[0])[-1])
    must = np.zeros_like(open_)
    must[0, place] = True
    found = np.zeros_like(open_)
    bound = _exact._group(
        inst,
        prices=prices,
        people=people,
        rows=np.asarray([0], dtype=np.int64),
        open_=open_,
        must=must,
        found=found,
        node_limit=50,
        deadline=None,
    )
    assert bound is not None
    assert bool(found[0, place])


@pytest.mark.parametrize("method", ["milp", "lagrangian"])
def test_a_unit_with_only_free_places_needs_no_budget_row(method: str) -> None:
    """A unit whose people can only take free places gets its plan; its budget holds."""
    reports, _, people = _units()
    free = [act("EL0", "e_learning", {"MJ.KOM": 1}, jp=20, cost=0)]
    p = plan(reports, free, employees=people, unit_budgets={"Bidang I": 0}, method=method)
    assert [len(p.person(n).activity_ids) for n in PNS[:3]] == [1, 1, 1]
    assert p.total_cost == 0
