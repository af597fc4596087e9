"""Development planning (AKPK): which activities close whose gaps, within a budget.

A needs analysis compares each person with the standard of their position
(:mod:`asn_competency.gaps`). :func:`plan_development` turns those gap reports
and a catalogue of activities into a yearly plan that closes the most gap:

* each assignment of a person to an activity credits, for every competency the
  person is *below* in and the activity targets, ``min(shortfall, uplift) x
  importance``; several activities on one competency together close at most the
  shortfall;
* a :class:`PlanningPolicy` says which routes may close a gap: small gaps
  (shortfall under 2 levels) by non-classical routes (coaching, mentoring,
  e-learning, ...), large gaps by any training route but only when the person
  takes *both* a classroom activity and a coaching or mentoring activity on the
  competency;
* the total cost stays within the budget and each unit's spending within its
  own budget (``unit_budgets``), no activity takes more participants
  than its capacity, nobody takes an activity twice, every PNS gets at least
  20 JP in the year (counting JP already earned) and every PPPK at most 24 JP
  (:data:`~asn_competency.policies.development.DEVELOPMENT_HOURS_PP_11_2017`).

The 20 JP minimum is a *soft* constraint with a large penalty per missing JP, so
a plan always exists; everyone who still falls short is listed with the reasons
(no activity in the year, places full, budget exhausted, ...).

Small plans are solved exactly by a mixed-integer programme
(:func:`scipy.optimize.milp`, HiGHS); large ones by Lagrangian relaxation of the
rows that couple people (budget, unit budgets, capacities) with an exact
knapsack over each person's JP. Either way the result carries the plan's value,
a proven bound on the best value any plan can reach, and the gap between them.

Examples:
    >>> import datetime as dt
    >>> from asn_competency import Activity, Employee, Target
    >>> from asn_competency.gaps.individual import analyse_gaps
    >>> from asn_competency.domain.position import PositionStandard, Requirement
    >>> from asn_competency.domain.assessment import Assessment
    >>> nip = "199001012015031001"
    >>> std = PositionStandard(position_id="KASI", framework_id="asn-national",
    ...     requirements=[Requirement(competency_id="MJ.KOM", level=3)])
    >>> report = analyse_gaps([Assessment(nip=nip, competency_id="MJ.KOM", level=2,
    ...     assessed_on=dt.date(2025, 2, 1))], std, nip=nip)
    >>> catalogue = [
    ...     Activity(id="EL-KOM", title="E-learning komunikasi", route="e_learning",
    ...              targets=[Target(competency_id="MJ.KOM", uplift=1)], jp=20,
    ...              cost=500_000, start=dt.date(2026, 3, 2)),
    ...     Activity(id="WS-KOM", title="Workshop komunikasi", route="workshop",
    ...              targets=[Target(competency_id="MJ.KOM", uplift=1)], jp=24,
    ...              cost=3_000_000, start=dt.date(2026, 4, 6)),
    ... ]
    >>> staff = [Employee(nip=nip, name="Budi")]
    >>> plan = plan_development([report], catalogue, year=2026, budget=5_000_000,
    ...                         employees=staff)
    >>> [(a.activity_id, a.gap_closed) for a in plan.assignments]
    [('EL-KOM', 1.0)]
    >>> plan.total_cost, plan.budget_left, plan.solver.status
    (500000.0, 4500000.0, 'optimal')
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Iterable, Mapping, Sequence

from asn_competency import _validate
from asn_competency.domain.development import Activity
from asn_competency.domain.employee import Employee, employees_by_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport
from asn_competency.planning._inputs import (
    Person,
    check_budget,
    check_year,
    checked_catalogue,
    closure,
    held_in,
    people_of,
    person_value,
    prior_of,
)
from asn_competency.planning.result import (
    Assignment,
    DevelopmentPlan,
    JpShortfall,
    PersonPlan,
    ShortfallReason,
    SolverReport,
)
from asn_competency.policies.development import DEVELOPMENT_HOURS_PP_11_2017, DevelopmentHoursPolicy
from asn_competency.policies.planning import PLANNING_DEFAULT, PlanningPolicy

__all__ = ["plan_development"]

_METHODS = ("auto", "milp", "lagrangian")


# --------------------------------------------------------------------------- solving


def _unit_budgets(value: object, people: Sequence[Person]) -> dict[str, float]:
    """``{unit: rupiah}`` checked; every unit named must be some person's unit."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError("unit_budgets", "a mapping {unit: rupiah} or none", value)
    known = {p.unit for p in people}
    out: dict[str, float] = {}
    for unit, limit in value.items():
        if not isinstance(unit, str):
            raise ValidationError("unit_budgets", "unit names (texts) as keys", unit)
        out[unit] = check_budget(limit, f"unit_budgets[{unit}]")
        if unit not in known:
            raise UnknownIdError("unit", unit, "the units of the people planned for")
    return out


def _objective(
    people: Sequence[Person],
    acts: Sequence[Activity],
    taken: Sequence[Sequence[int]],
    policy: PlanningPolicy,
    cost_scale: float,
) -> float:
    """The objective of a plan, as both methods define it."""
    total = math.fsum(
        person_value(p, [acts[ai] for ai in mine], policy)
        for p, mine in zip(people, taken, strict=True)
    )
    cost = math.fsum(acts[ai].cost for mine in taken for ai in mine)
    return total + policy.cost_weight * cost / cost_scale


def _gap_of(objective: float, bound: float | None) -> float | None:
    if bound is None:
        return None
    return max(objective - bound, 0.0) / max(abs(objective), 1e-9)


def _decide(
    people: list[Person],
    acts: tuple[Activity, ...],
    *,
    budget: float,
    unit_budgets: dict[str, float],
    policy: PlanningPolicy,
    method: str,
    deadline: float | None,
    mip_rel_gap: float,
    presolve: bool,
) -> tuple[list[list[int]], SolverReport]:
    """Choose the method, solve, and report the plan's value and the proven bound."""
    from asn_competency.planning import _lagrange, _milp, _model  # noqa: PLC0415 - NumPy on demand

    units = sorted(unit_budgets)
    index = {u: k for k, u in enumerate(units)}
    inst = _model.Instance(
        people,
        acts,
        unit_of=[index.get(p.unit, -1) for p in people],
        unit_budgets=[unit_budgets[u] for u in units],
        budget=budget,
        policy=policy,
    )
    if not inst.places:
        nothing = _objective(people, acts, [[] for _ in people], policy, inst.cost_scale)
        variables, constraints = inst.size()
        report = SolverReport(
            status="empty",
            plan_from="none",
            message="no activity can be planned for anyone",
            objective=nothing,
            bound=nothing,
            mip_gap=0.0,
            variables=variables,
            constraints=constraints,
        )
        return [[] for _ in people], report
    if method == "auto":
        method = "milp" if inst.places <= policy.exact_places else "lagrangian"
    if method == "milp":
        model = _milp.build(people, acts, budget=budget, unit_budgets=unit_budgets, policy=policy)
        sizes = {"variables": len(model.c), "constraints": len(model.row_lb)}
        left = None if deadline is None else deadline - time.monotonic()
        chosen, status, message, bound = _milp.solve(
            model,
            node_limit=policy.node_limit,
            time_limit=left,
            mip_rel_gap=mip_rel_gap,
            presolve=presolve,
        )
        taken: list[list[int]] = [[] for _ in people]
        for (pi, ai), on in zip(model.pairs, chosen or [], strict=False):
            if on:
                taken[pi].append(ai)
        if status == "limit":
            status = (
                "time_limit"
                if deadline is not None and time.monotonic() >= deadline
                else "node_limit"
            )
        objective = _objective(people, acts, taken, policy, model.cost_scale)
        report = SolverReport(
            status=status,
            plan_from="milp" if chosen is not None else "none",
            message=message,
            objective=objective,
            bound=bound,
            mip_gap=_gap_of(objective, bound),
            **sizes,
        )
        return taken, report
    out = _lagrange.solve(
        inst, iterations=policy.iteration_limit, target_gap=policy.target_gap, deadline=deadline
    )
    taken = [list(map(int, row.nonzero()[0])) for row in out.chosen]
    objective = _objective(people, acts, taken, policy, inst.cost_scale)
    bound = min(out.bound, objective)
    variables, constraints = inst.size()
    report = SolverReport(
        status=out.stopped_by,
        plan_from="lagrangian",
        message=f"Lagrangian relaxation: {out.iterations} iterations",
        objective=objective,
        bound=bound,
        mip_gap=_gap_of(objective, bound),
        variables=variables,
        constraints=constraints,
    )
    return taken, report


# --------------------------------------------------------------------------- results


def _reasons(
    p: Person,
    *,
    taken: set[int],
    acts: tuple[Activity, ...],
    used: list[int],
    budget_left: float,
    planned: float,
    solver_status: str,
) -> tuple[tuple[ShortfallReason, ...], str]:
    missing = p.need - planned
    reasons: list[ShortfallReason] = []
    parts: list[str] = []
    if p.room is not None and p.room < p.need - 1e-9:
        reasons.append(ShortfallReason.STATUS_CAP)
        parts.append(f"the {p.status.value} maximum of {p.maximum:g} JP leaves {p.room:g} JP")
    others = [ai for ai, a in enumerate(acts) if ai not in taken and a.jp > 0]
    if p.room is not None:
        others = [ai for ai in others if acts[ai].jp <= p.room - planned + 1e-9]
    offered = sum(acts[ai].jp for ai in others)
    with_room = [ai for ai in others if _has_room(acts[ai], used[ai])]
    open_jp = sum(acts[ai].jp for ai in with_room)
    affordable = [ai for ai in with_room if acts[ai].cost <= budget_left + 1e-9]
    if offered < missing - 1e-9:
        if not reasons:
            reasons.append(ShortfallReason.NO_ACTIVITY)
            parts.append(f"the year's other activities offer only {offered:g} JP")
    elif open_jp < missing - 1e-9:
        reasons.append(ShortfallReason.CAPACITY_FULL)
        parts.append(f"the activities with places left offer only {open_jp:g} JP")
    elif not affordable:
        reasons.append(ShortfallReason.BUDGET_EXHAUSTED)
        parts.append(f"the budget left ({budget_left:,.0f}) pays for no place left")
    elif solver_status not in {"optimal", "empty"}:
        reasons.append(ShortfallReason.SOLVER_LIMIT)
        parts.append(f"the planner stopped at its {solver_status.replace('_', ' ')}")
    else:
        reasons.append(ShortfallReason.TRADED_OFF)
        parts.append("the policy's weights preferred other uses of the budget and places")
    text = f"{p.nip} gets {p.prior + planned:g} of {p.minimum:g} JP: " + "; ".join(parts)
    return tuple(reasons), text


def _has_room(activity: Activity, used: int) -> bool:
    return activity.capacity is None or used < activity.capacity


def _clean(value: float) -> float:
    return float(round(value, 9)) + 0.0


def _uncovered(
    p: Person,
    acts: Sequence[Activity],
    policy: PlanningPolicy,
    seen: dict[tuple[str, bool, bool], bool],
) -> tuple[str, ...]:
    """The person's gaps that no activity of the year can close under the route rules."""
    out: list[str] = []
    for g in p.gaps:
        key = (g.competency_id, policy.is_large(g.shortfall), g.paired)
        if key not in seen:
            seen[key] = bool(closure(g, acts, policy))
        if not seen[key]:
            out.append(g.competency_id)
    return tuple(out)


def _results(
    people: list[Person],
    *,
    acts: tuple[Activity, ...],
    taken: list[list[int]],
    budget: float,
    unit_budgets: dict[str, float],
    policy: PlanningPolicy,
    solver: SolverReport,
) -> tuple[list[Assignment], list[PersonPlan], list[JpShortfall], float, float]:
    used = [0] * len(acts)
    unit_spent: dict[str, float] = {}
    for p, places in zip(people, taken, strict=True):
        for ai in places:
            used[ai] += 1
            unit_spent[p.unit] = unit_spent.get(p.unit, 0.0) + acts[ai].cost
    total_cost = math.fsum(acts[ai].cost for mine in taken for ai in mine)
    budget_left = budget - total_cost
    assignments: list[Assignment] = []
    plans: list[PersonPlan] = []
    shortfalls: list[JpShortfall] = []
    total_gap = 0.0
    seen: dict[tuple[str, bool, bool], bool] = {}
    for pi, p in enumerate(people):
        mine = [acts[ai] for ai in taken[pi]]
        credited: dict[str, list[str]] = {a.id: [] for a in mine}
        closed: dict[str, float] = {a.id: 0.0 for a in mine}
        for g in p.gaps:
            for aid, share in closure(g, mine, policy):
                credited[aid].append(g.competency_id)
                closed[aid] += share * g.importance
        for a in mine:
            assignments.append(
                Assignment(
                    nip=p.nip,
                    activity_id=a.id,
                    route=a.route,
                    competency_ids=tuple(credited[a.id]),
                    jp=float(a.jp),
                    cost=float(a.cost),
                    gap_closed=_clean(closed[a.id]),
                )
            )
        planned = float(sum(a.jp for a in mine))
        gap_closed = _clean(sum(closed.values()))
        total_gap += gap_closed
        plans.append(
            PersonPlan(
                nip=p.nip,
                status=p.status,
                activity_ids=tuple(a.id for a in mine),
                prior_jp=p.prior,
                planned_jp=planned,
                minimum_jp=p.minimum,
                maximum_jp=p.maximum,
                gap_before=_clean(sum(g.shortfall * g.importance for g in p.gaps)),
                gap_closed=gap_closed,
                uncovered=_uncovered(p, acts, policy, seen),
            )
        )
        if planned < p.need - 1e-9:
            left = budget_left
            if p.unit in unit_budgets:
                left = min(left, unit_budgets[p.unit] - unit_spent.get(p.unit, 0.0))
            reasons, text = _reasons(
                p,
                taken=set(taken[pi]),
                acts=acts,
                used=used,
                budget_left=left,
                planned=planned,
                solver_status=solver.status,
            )
            shortfalls.append(
                JpShortfall(
                    nip=p.nip,
                    minimum_jp=p.minimum,
                    total_jp=p.prior + planned,
                    reasons=reasons,
                    explanation=text,
                )
            )
    return assignments, plans, shortfalls, float(total_cost), _clean(total_gap)


def plan_development(
    reports: Iterable[GapReport],
    catalogue: Iterable[Activity],
    *,
    year: int,
    budget: float,
    employees: Iterable[Employee] | Mapping[str, Employee],
    policy: PlanningPolicy = PLANNING_DEFAULT,
    hours: DevelopmentHoursPolicy = DEVELOPMENT_HOURS_PP_11_2017,
    prior_jp: Mapping[str, float] | None = None,
    framework: CompetencyFramework | None = None,
    unit_budgets: Mapping[str, float] | None = None,
    method: str = "auto",
    time_limit: float | None = None,
    mip_rel_gap: float = 1e-7,
    presolve: bool = False,
) -> DevelopmentPlan:
    """Choose each person's activities for a year so as to close the most gap.

    The choice is a mixed-integer programme solved exactly with
    :func:`scipy.optimize.milp` (HiGHS). For people ``p``, activities ``a`` held in
    the year and competencies ``c`` where ``p`` is below standard with shortfall
    ``s[p,c]`` and importance ``w[p,c]``:

    * ``x[p,a]`` in {0, 1}: ``p`` takes ``a`` (so nobody takes an activity twice);
    * ``0 <= z[p,c] <= s[p,c]``, ``z[p,c] <= sum(min(u[a,c], s[p,c]) x[p,a])``
      over the activities whose route may close the gap (``u`` is the uplift); for a
      large gap also ``z[p,c] <= s[p,c] sum(x[p,a])`` over each required route group;
    * ``sum(cost[a] x[p,a]) <= budget``; ``sum_p x[p,a] <= capacity[a]``;
    * ``prior[p] + sum(jp[a] x[p,a]) + m[p] >= minimum[p]`` with ``m[p] >= 0`` (the
      soft minimum) and ``prior[p] + sum(jp[a] x[p,a]) <= maximum[p]`` (hard);
    * ``f[p] >= sum((formal[a] - share) jp[a] x[p,a])``, ``f[p] >= 0`` (blend);

    minimising ``jp_penalty sum m + blend_penalty sum f - sum w z +
    cost_weight sum(cost x) / sum(every candidate cost)``.

    Args:
        reports: One gap report per person (from
            :func:`~asn_competency.gaps.individual.analyse_gaps`).
        catalogue: The activities on offer; those not held in ``year`` are left out
            (undated activities count as held every year).
        year: The plan year.
        budget: Money available, in rupiah.
        employees: The people, to know who is PNS and who PPPK.
        policy: Route rules, blend and weights.
        hours: Yearly JP minimum and maximum by status.
        prior_jp: JP each person already earned this year (by NIP; others 0).
        framework: When given, every competency of the catalogue and the reports must
            be in it, and the large-gap pairing applies to ``policy.paired_types`` only.
        unit_budgets: ``{unit: rupiah}``: what the people of each unit (their
            ``Employee.unit``, as summaries group by unit: the OPD or work unit)
            may spend at most, on top of ``budget`` for everyone. Units left out
            have no budget of their own.
        method: ``"milp"`` (the exact programme), ``"lagrangian"`` (the scalable
            method) or ``"auto"``: the exact programme when the model has at most
            ``policy.exact_places`` places, the scalable method otherwise.
        time_limit: Seconds the whole call may take (wall clock), on top of the
            policy's work limits; the best plan found is returned and its proven
            bound reported in :attr:`DevelopmentPlan.solver`. Without it the
            result does not depend on the machine's speed or load.
        mip_rel_gap: Relative optimality gap at which the exact programme may stop.
        presolve: Run HiGHS's presolve. Off by default: on plans of thousands of
            people its probing of the many binaries can use the whole time limit
            before the first plan, while the model is already tight without it.

    Returns:
        The plan.

    Raises:
        ValidationError: For a negative or non-finite budget or unit budget, a bad
            year, an empty catalogue or duplicate activity ids, two reports for one
            person, a negative prior JP, a bad solver option or method, or an
            argument of the wrong kind (a framework that is not one, no collection
            where one belongs).
        UnknownIdError: For a report of a person not in ``employees``, a unit
            budget for a unit none of them works in, or, with a framework, a
            competency the framework does not know.

    Examples:
        >>> plan = _example_plan()
        >>> [(p.nip, p.total_jp, p.gap_closed) for p in plan.people]
        [('199001012015031001', 20.0, 1.0)]
        >>> plan_development([], [], year=2026, budget=0, employees=[])
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'catalogue' must be at least one activity (got ())

    Notes:
        The exact programme has one binary per person and activity that can lower
        the objective (places that only cost are left out), one continuous
        variable per gap that can be closed, and a few rows per person; a place
        is counted towards the JP minimum with at most the JP still needed, which
        keeps the same plans but tightens the relaxation. HiGHS solves it within
        ``policy.node_limit`` branch-and-bound nodes; 100 people and 60
        activities (6,000 places) are proven optimal in a few seconds.

        People are coupled only through the budget, the unit budgets and the
        capacities (one row each), so the scalable method prices those rows.
        Per person, the rows that tie a gap's closure to the places taken are
        priced too, leaving a knapsack over JP that dynamic programming solves
        exactly for everyone at once in ``O(P x A x J)`` for ``P`` people, ``A``
        activities and ``J`` steps of the JP grid (21 for a 20-JP minimum). That
        gives a lower bound for each person; the same programme run forward and
        backward bounds every plan with a given place in or out, which fixes most
        places, and the few left are enumerated (branching on a place where
        more than ten are left), so that most people's optimum under the prices
        is exact; the people still open go to HiGHS, five to a programme of their
        own rows, whose cuts settle them. The coupling rows are priced by the
        master programme of column generation over those optima and over each
        person's relaxed plans at prices a little above and below (a linear
        programme solved by HiGHS); with more than 1,600 people the first prices
        come from 400 of them spread over the NIP order, holding their share of
        the budgets and capacities. The bound reported is the Lagrangian bound
        ``sum(each person's least priced value) - prices x limits``, valid for any
        prices; the plan is the best of the per-person optima and of the master's
        solution, each made feasible (places given up least loss per rupiah
        first) and filled (best gain per rupiah first, one place or the two a
        large gap needs). Work is bounded by ``policy.iteration_limit`` knapsack
        passes, so the plan does not depend on how busy the machine is; the
        method stops early once the plan is within ``policy.target_gap`` of the
        bound. ``time_limit``, when given, bounds the whole call (checked
        between rounds and between the programmes given to HiGHS).

    References:
        HiGHS, the solver behind :func:`scipy.optimize.milp`: Q. Huangfu and
        J. A. J. Hall, "Parallelizing the dual revised simplex method",
        Mathematical Programming Computation 10 (2018) 119-142.

        M. L. Fisher, "The Lagrangian relaxation method for solving integer
        programming problems", Management Science 27 (1981) 1-18.

        G. B. Dantzig and P. Wolfe, "Decomposition principle for linear
        programs", Operations Research 8 (1960) 101-111.

        M. Held, P. Wolfe and H. P. Crowder, "Validation of subgradient
        optimization", Mathematical Programming 6 (1974) 62-88.
    """
    start = time.monotonic()
    if not isinstance(policy, PlanningPolicy):
        raise ValidationError("policy", "a PlanningPolicy", policy)
    if not isinstance(hours, DevelopmentHoursPolicy):
        raise ValidationError("hours", "a DevelopmentHoursPolicy", hours)
    budget = check_budget(budget)
    year = check_year(year)
    if time_limit is not None and (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, (int, float))
        or not time_limit > 0
        or (isinstance(time_limit, int) and not _validate.is_finite_real(time_limit))
    ):
        raise ValidationError("time_limit", "None or a number of seconds > 0", time_limit)
    if method not in _METHODS:
        raise ValidationError("method", "'auto', 'milp' or 'lagrangian'", method)
    if not isinstance(presolve, bool):
        raise ValidationError("presolve", "True or False", presolve)
    if framework is not None and not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework or none", framework)
    reports = _validate.instances("reports", reports, GapReport)
    if isinstance(mip_rel_gap, bool) or not isinstance(mip_rel_gap, (int, float)):
        raise ValidationError("mip_rel_gap", "a number in [0, 1)", mip_rel_gap)
    if not 0 <= mip_rel_gap < 1:
        raise ValidationError("mip_rel_gap", "a number in [0, 1)", mip_rel_gap)
    acts_all = checked_catalogue(catalogue)
    if framework is not None:
        for a in acts_all:
            for cid in a.competency_ids:
                if cid not in framework:
                    raise UnknownIdError(
                        "competency", cid, f"framework {framework.id!r} (activity {a.id!r})"
                    )
    staff = employees_by_nip(employees)
    prior = prior_of(prior_jp)
    people = people_of(
        reports, staff=staff, prior=prior, policy=policy, hours=hours, framework=framework
    )
    units = _unit_budgets(unit_budgets, people)
    acts = tuple(a for a in acts_all if held_in(a, year))
    taken, solver = _decide(
        people,
        acts,
        budget=budget,
        unit_budgets=units,
        policy=policy,
        method=method,
        deadline=None if time_limit is None else start + float(time_limit),
        mip_rel_gap=float(mip_rel_gap),
        presolve=presolve,
    )
    assignments, plans, shortfalls, total_cost, total_gap = _results(
        people,
        acts=acts,
        taken=taken,
        budget=budget,
        unit_budgets=units,
        policy=policy,
        solver=solver,
    )
    used_ids = {a.activity_id for a in assignments}
    return DevelopmentPlan(
        year=year,
        budget=budget,
        assignments=assignments,
        people=tuple(plans),
        shortfalls=tuple(shortfalls),
        activities=tuple(a for a in acts if a.id in used_ids),
        total_cost=total_cost,
        total_gap_closed=total_gap,
        solver=solver,
        policy=policy,
        hours=hours,
        unit_budgets=units,
    )


def _example_plan() -> DevelopmentPlan:
    """The plan of the module example (for the doctests)."""
    from asn_competency.domain.assessment import Assessment  # noqa: PLC0415
    from asn_competency.domain.development import Target  # noqa: PLC0415
    from asn_competency.domain.position import PositionStandard, Requirement  # noqa: PLC0415
    from asn_competency.gaps.individual import analyse_gaps  # noqa: PLC0415

    nip = "199001012015031001"
    std = PositionStandard(
        position_id="KASI",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.KOM", level=3)],
    )
    report = analyse_gaps(
        [Assessment(nip=nip, competency_id="MJ.KOM", level=2, assessed_on=dt.date(2025, 2, 1))],
        std,
        nip=nip,
    )
    catalogue = [
        Activity(
            id="EL-KOM",
            title="E-learning komunikasi",
            route="e_learning",
            targets=[Target(competency_id="MJ.KOM", uplift=1)],
            jp=20,
            cost=500_000,
            start=dt.date(2026, 3, 2),
        ),
        Activity(
            id="WS-KOM",
            title="Workshop komunikasi",
            route="workshop",
            targets=[Target(competency_id="MJ.KOM", uplift=1)],
            jp=24,
            cost=3_000_000,
            start=dt.date(2026, 4, 6),
        ),
    ]
    return plan_development(
        [report], catalogue, year=2026, budget=5_000_000, employees=[Employee(nip=nip, name="Budi")]
    )
