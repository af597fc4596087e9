"""Development planning (AKPK): which activities close whose gaps, within a budget.

A needs analysis compares each person with the standard of their position
(:mod:`asn_competency.gaps`). :func:`plan_development` turns those gap reports
and a catalogue of activities into a yearly plan, chosen by an exact
mixed-integer optimiser (:func:`scipy.optimize.milp`, HiGHS):

* each assignment of a person to an activity credits, for every competency the
  person is *below* in and the activity targets, ``min(shortfall, uplift) x
  importance``; several activities on one competency together close at most the
  shortfall;
* a :class:`PlanningPolicy` says which routes may close a gap: small gaps
  (shortfall under 2 levels) by non-classical routes (coaching, mentoring,
  e-learning, ...), large gaps by any training route but only when the person
  takes *both* a classroom activity and a coaching or mentoring activity on the
  competency;
* the total cost stays within the budget, no activity takes more participants
  than its capacity, nobody takes an activity twice, every PNS gets at least
  20 JP in the year (counting JP already earned) and every PPPK at most 24 JP
  (:data:`~asn_competency.policies.development.DEVELOPMENT_HOURS_PP_11_2017`).

The 20 JP minimum is a *soft* constraint with a large penalty per missing JP, so
a plan always exists; everyone who still falls short is listed with the reasons
(no activity in the year, places full, budget exhausted, ...).

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
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Activity, Route
from asn_competency.domain.employee import Employee, EmploymentStatus, employees_by_nip, parse_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport, GapStatus
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


_EPS = 1e-6


# --------------------------------------------------------------------------- inputs


@attrs.frozen
class _Gap:
    competency_id: str
    shortfall: float
    importance: float
    paired: bool


@attrs.frozen
class _Person:
    nip: str
    status: EmploymentStatus
    prior: float
    need: float  # JP still needed for the minimum (soft)
    room: float | None  # JP still allowed under the maximum (hard); None = no maximum
    minimum: float
    maximum: float | None
    gaps: tuple[_Gap, ...]


def _check_budget(budget: object) -> float:
    if isinstance(budget, bool) or not isinstance(budget, (int, float)):
        raise ValidationError("budget", "a finite number >= 0", budget)
    return _validate.finite_non_negative("budget", budget)


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise ValidationError("year", "a whole year in 1900..2200", year)
    return year


def _catalogue(catalogue: Iterable[Activity]) -> tuple[Activity, ...]:
    acts = _validate.instances("catalogue", catalogue, Activity)
    if not acts:
        raise ValidationError("catalogue", "at least one activity", ())
    _validate.unique_ids("catalogue", [a.id for a in acts])
    return tuple(sorted(acts, key=lambda a: a.id))


def _held_in(activity: Activity, year: int) -> bool:
    """Undated activities can be held any year; dated ones must overlap it."""
    first = activity.start or activity.end
    last = activity.end or activity.start
    if first is None or last is None:
        return True
    return first.year <= year <= last.year


def _prior(prior_jp: Mapping[str, float] | None) -> dict[str, float]:
    if prior_jp is not None and not isinstance(prior_jp, Mapping):
        raise ValidationError("prior_jp", "a mapping {nip: JP} or none", prior_jp)
    out: dict[str, float] = {}
    for key, value in (prior_jp or {}).items():
        nip = parse_nip(key, field=f"prior_jp[{key}]").value
        out[nip] = _validate.finite_non_negative(f"prior_jp[{key}]", value)
    return out


def _gaps_of(
    report: GapReport, *, policy: PlanningPolicy, framework: CompetencyFramework | None
) -> tuple[_Gap, ...]:
    """The gaps to close: below standard with importance > 0, sorted by competency."""
    items = list(report.items)
    if policy.include_target_gaps and report.target is not None:
        items.extend(report.target.items)
    best: dict[str, _Gap] = {}
    for item in items:
        paired = True
        if framework is not None:
            paired = framework[item.competency_id].type in policy.paired_types
        if item.status is not GapStatus.BELOW or item.importance <= 0:
            continue
        gap = _Gap(item.competency_id, float(item.shortfall or 0.0), float(item.importance), paired)
        known = best.get(gap.competency_id)
        if known is None or (gap.shortfall, gap.importance) > (known.shortfall, known.importance):
            best[gap.competency_id] = gap
    return tuple(best[c] for c in sorted(best))


def _people(
    reports: Iterable[GapReport],
    *,
    staff: Mapping[str, Employee],
    prior: Mapping[str, float],
    policy: PlanningPolicy,
    hours: DevelopmentHoursPolicy,
    framework: CompetencyFramework | None,
) -> list[_Person]:
    people: list[_Person] = []
    seen: set[str] = set()
    for r in reports:
        if r.nip in seen:
            raise ValidationError("reports", "one report per person", f"{r.nip!r} appears twice")
        seen.add(r.nip)
        employee = staff.get(r.nip)
        if employee is None:
            raise UnknownIdError("employee", r.nip, "employees")
        gaps = _gaps_of(r, policy=policy, framework=framework)
        has_gap = bool(gaps)
        minimum = float(hours.minimum_jp.get(employee.status, 0.0))
        if not (policy.minimum_for_everyone or has_gap):
            minimum = 0.0
        maximum = hours.maximum_jp.get(employee.status)
        before = prior.get(r.nip, 0.0)
        room = None if maximum is None else max(float(maximum) - before, 0.0)
        people.append(
            _Person(
                nip=r.nip,
                status=employee.status,
                prior=before,
                need=max(minimum - before, 0.0),
                room=room,
                minimum=minimum,
                maximum=None if maximum is None else float(maximum),
                gaps=gaps,
            )
        )
    people.sort(key=lambda p: p.nip)
    return people


# --------------------------------------------------------------------------- model


def _closure(
    gap: _Gap, taken: Iterable[Activity], policy: PlanningPolicy
) -> list[tuple[str, float]]:
    """Split the levels of ``gap`` that ``taken`` closes among the crediting activities."""
    acts = [a for a in taken if a.uplift(gap.competency_id) > 0]
    crediting = [a for a in acts if policy.credits(a.route, gap.shortfall)]
    if gap.paired and policy.is_large(gap.shortfall):
        for group in policy.large_gap_requires:
            if not any(a.route in group for a in acts):
                return []
    out: list[tuple[str, float]] = []
    left = gap.shortfall
    for a in crediting:
        share = min(left, a.uplift(gap.competency_id))
        if share > 0:
            out.append((a.id, share))
            left -= share
    return out


class _Model:
    """A MILP in the form :func:`scipy.optimize.milp` takes, built a row at a time.

    The first ``len(pairs)`` columns are the binaries ``x[p,a]``; continuous
    columns (gap closed, JP missing, formal excess) follow.
    """

    def __init__(self, pairs: list[tuple[int, int]], costs: list[float], cost_scale: float) -> None:
        self.pairs = pairs
        self.cost_scale = cost_scale
        self.c = list(costs)
        self.ub = [1.0] * len(pairs)
        self.integrality = [1] * len(pairs)
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.row_lb: list[float] = []
        self.row_ub: list[float] = []

    def var(self, cost: float, upper: float) -> int:
        """Add a continuous column in ``[0, upper]``; return its index."""
        self.c.append(cost)
        self.ub.append(upper)
        self.integrality.append(0)
        return len(self.c) - 1

    def row(self, entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        """Add the constraint ``lo <= sum(value * column) <= hi``."""
        r = len(self.row_lb)
        for col, val in entries:
            self.rows.append(r)
            self.cols.append(col)
            self.vals.append(val)
        self.row_lb.append(lo)
        self.row_ub.append(hi)


_INF = float("inf")


def _build(
    people: list[_Person], acts: tuple[Activity, ...], *, budget: float, policy: PlanningPolicy
) -> _Model:
    pairs: list[tuple[int, int]] = []
    by_person: list[list[int]] = []
    candidate_cost = 0.0
    for pi, p in enumerate(people):
        # A place the person's maximum can never hold is left out of the model.
        fits = [ai for ai, a in enumerate(acts) if p.room is None or a.jp <= p.room + 1e-9]
        candidate_cost += sum(acts[ai].cost for ai in fits)
        cols: list[int] = []
        for ai in _useful(p, [acts[ai] for ai in fits], fits, policy):
            cols.append(len(pairs))
            pairs.append((pi, ai))
        by_person.append(cols)
    # The tie-break's scale counts every place that fits, useful or not, so that
    # leaving needless places out changes no objective value.
    cost_scale = max(candidate_cost, 1.0)
    model = _Model(
        pairs, [policy.cost_weight * acts[ai].cost / cost_scale for _, ai in pairs], cost_scale
    )
    model.row(
        [(j, acts[ai].cost) for j, (_, ai) in enumerate(pairs) if acts[ai].cost], -_INF, budget
    )
    takers: list[list[int]] = [[] for _ in acts]
    for j, (_, ai) in enumerate(pairs):
        takers[ai].append(j)
    for ai, a in enumerate(acts):
        if a.capacity is not None and len(takers[ai]) > a.capacity:
            model.row([(j, 1.0) for j in takers[ai]], -_INF, float(a.capacity))
    for pi, p in enumerate(people):
        _person_rows(model, p, [(j, acts[pairs[j][1]]) for j in by_person[pi]], policy)
    return model


def _useful(
    p: _Person, fits: list[Activity], indices: list[int], policy: PlanningPolicy
) -> list[int]:
    """The places (activity indices) that can lower the person's objective.

    A place helps when it gives JP towards an unmet minimum, may close or pair up
    on one of the person's gaps, or dilutes the formal share of a person who may
    take formal learning. Any other place only costs, so an optimal plan never
    takes it and the model leaves it out; that keeps the model exact and smaller.
    """

    def on_gap(a: Activity) -> bool:
        for g in p.gaps:
            if a.uplift(g.competency_id) <= 0:
                continue
            if policy.credits(a.route, g.shortfall):
                return True
            paired = g.paired and policy.is_large(g.shortfall)
            if paired and any(a.route in group for group in policy.large_gap_requires):
                return True
        return False

    keep = [(a.jp > 0 and p.need > 0) or on_gap(a) for a in fits]
    if policy.blend_penalty > 0 and any(
        k and a.jp > 0 and policy.is_formal(a.route) for k, a in zip(keep, fits, strict=True)
    ):
        keep = [
            k or (a.jp > 0 and not policy.is_formal(a.route))
            for k, a in zip(keep, fits, strict=True)
        ]
    return [ai for ai, k in zip(indices, keep, strict=True) if k]


def _person_rows(
    model: _Model, p: _Person, mine: list[tuple[int, Activity]], policy: PlanningPolicy
) -> None:
    """Add one person's JP, blend and gap-closing columns and rows."""
    jp_entries = [(j, float(a.jp)) for j, a in mine if a.jp]
    if p.need > 0:
        missing = model.var(policy.jp_penalty, p.need)
        model.row([*jp_entries, (missing, 1.0)], p.need, _INF)
    if p.room is not None and sum(v for _, v in jp_entries) > p.room + 1e-9:
        model.row(jp_entries, -_INF, p.room)
    share = policy.blend["formal"]
    excess = [(j, ((policy.is_formal(a.route)) - share) * a.jp) for j, a in mine if a.jp]
    if policy.blend_penalty > 0 and any(v > 0 for _, v in excess):
        formal = model.var(policy.blend_penalty, _INF)
        model.row([*excess, (formal, -1.0)], -_INF, 0.0)
    for g in p.gaps:
        on = [(j, a) for j, a in mine if a.uplift(g.competency_id) > 0]
        credit = [
            (j, -min(a.uplift(g.competency_id), g.shortfall))
            for j, a in on
            if policy.credits(a.route, g.shortfall)
        ]
        groups: list[list[int]] = []
        if g.paired and policy.is_large(g.shortfall):
            groups = [[j for j, a in on if a.route in grp] for grp in policy.large_gap_requires]
        if not credit or any(not grp for grp in groups):
            continue  # the gap cannot be closed by this person's options
        z = model.var(-g.importance, g.shortfall)
        model.row([(z, 1.0), *credit], -_INF, 0.0)
        for grp in groups:
            model.row([(z, 1.0)] + [(j, -g.shortfall) for j in grp], -_INF, 0.0)


def _solve(
    model: _Model, *, time_limit: float | None, mip_rel_gap: float, presolve: bool
) -> tuple[list[bool] | None, str, str, float | None, list[float] | None]:
    """Return the solver's plan (``None`` if it found none), status, message and bound.

    When the solver stops without a bound, the linear relaxation is solved by
    :func:`_relaxation`; its optimum is the bound and its solution is returned last
    (``None`` otherwise), to guide a rounded plan.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.optimize import (  # type: ignore[import-untyped]  # noqa: PLC0415
        Bounds,
        LinearConstraint,
        milp,
    )

    a = _matrix(model)
    options: dict[str, Any] = {"mip_rel_gap": mip_rel_gap, "presolve": presolve}
    if time_limit is not None:
        options["time_limit"] = time_limit
    res = milp(
        np.asarray(model.c),
        integrality=np.asarray(model.integrality),
        options=options,
        constraints=LinearConstraint(a, np.asarray(model.row_lb), np.asarray(model.row_ub)),
        bounds=Bounds(np.zeros(len(model.c)), np.asarray(model.ub)),
    )
    bound = getattr(res, "mip_dual_bound", None)
    bound = None if bound is None or not math.isfinite(bound) else float(bound)
    chosen = None if res.x is None else [bool(v > 0.5) for v in res.x[: len(model.pairs)]]
    status = {0: "optimal", 1: "time_limit"}.get(res.status, "failed")
    relaxed = None
    if bound is None and status != "optimal":
        bound, relaxed = _relaxation(model, a, time_limit=time_limit)
    return chosen, status, str(res.message), bound, relaxed


def _matrix(model: _Model) -> Any:
    """The constraint matrix as a SciPy sparse array."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.sparse import csr_array  # type: ignore[import-untyped]  # noqa: PLC0415

    return csr_array(
        (np.asarray(model.vals), (np.asarray(model.rows), np.asarray(model.cols))),
        shape=(len(model.row_lb), len(model.c)),
    )


def _relaxation(
    model: _Model, a: Any, *, time_limit: float | None
) -> tuple[float | None, list[float] | None]:
    """Solve the linear relaxation by an interior-point method: its optimum and solution.

    Its optimum is a proven bound on every plan. On plans of thousands of people the
    dual simplex that branch and bound starts with can use a whole time limit on this
    relaxation alone, while HiGHS's interior-point solver takes a fraction of it
    (about 40 s for 5,000 people and 60 activities). ``(None, None)`` when it too
    stops early.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.optimize import linprog  # noqa: PLC0415
    from scipy.sparse import vstack  # noqa: PLC0415

    lo, hi = np.asarray(model.row_lb), np.asarray(model.row_ub)
    upper, lower = np.isfinite(hi), np.isfinite(lo)
    options: dict[str, Any] = {"presolve": True}
    if time_limit is not None:
        options["time_limit"] = time_limit
    res = linprog(
        np.asarray(model.c),
        A_ub=vstack([a[np.flatnonzero(upper)], -a[np.flatnonzero(lower)]]).tocsr(),
        b_ub=np.concatenate([hi[upper], -lo[lower]]),
        bounds=np.column_stack([np.zeros(len(model.c)), np.asarray(model.ub)]),
        method="highs-ipm",
        options=options,
    )
    if res.status != 0 or res.x is None:
        return None, None
    return float(res.fun), [float(v) for v in res.x[: len(model.pairs)]]


def _person_value(p: _Person, taken: list[Activity], policy: PlanningPolicy) -> float:
    """JP and blend penalties minus the gap closed: the person's part of the objective."""
    jp = sum(a.jp for a in taken)
    formal = sum(a.jp for a in taken if policy.is_formal(a.route))
    value = policy.jp_penalty * max(p.need - jp, 0.0)
    if policy.blend_penalty > 0:
        value += policy.blend_penalty * max(formal - policy.blend["formal"] * jp, 0.0)
    for g in p.gaps:
        value -= g.importance * sum(share for _, share in _closure(g, taken, policy))
    return value


def _objective(
    people: list[_Person],
    acts: tuple[Activity, ...],
    model: _Model,
    chosen: list[bool],
    policy: PlanningPolicy,
) -> float:
    """The objective of a plan, as the model defines it."""
    taken: list[list[Activity]] = [[] for _ in people]
    cost = 0.0
    for (pi, ai), on in zip(model.pairs, chosen, strict=True):
        if on:
            taken[pi].append(acts[ai])
            cost += acts[ai].cost
    total = sum(_person_value(p, taken[pi], policy) for pi, p in enumerate(people))
    return total + policy.cost_weight * cost / model.cost_scale


class _Tally:
    """A person's running totals in a greedy plan, to score one more activity quickly."""

    def __init__(self, person: _Person, policy: PlanningPolicy) -> None:
        self.person = person
        self.policy = policy
        self.jp = 0.0
        self.formal = 0.0
        self.index = {g.competency_id: k for k, g in enumerate(person.gaps)}
        self.credit = [0.0] * len(person.gaps)
        self.groups = [tuple(False for _ in policy.large_gap_requires) for _ in person.gaps]
        self.paired = [g.paired and policy.is_large(g.shortfall) for g in person.gaps]
        self.routes = [
            policy.large_gap_routes if policy.is_large(g.shortfall) else policy.small_gap_routes
            for g in person.gaps
        ]

    def _closed(self, k: int, credit: float, groups: tuple[bool, ...]) -> float:
        if self.paired[k] and not all(groups):
            return 0.0
        return min(self.person.gaps[k].shortfall, credit)

    def _changes(self, a: Activity) -> list[tuple[int, float, tuple[bool, ...]]]:
        out: list[tuple[int, float, tuple[bool, ...]]] = []
        for t in a.targets:
            k = self.index.get(t.competency_id)
            if k is None:
                continue
            credit = self.credit[k]
            if a.route in self.routes[k]:
                credit += min(t.uplift, self.person.gaps[k].shortfall)
            groups = tuple(
                have or a.route in group
                for have, group in zip(self.groups[k], self.policy.large_gap_requires, strict=True)
            )
            out.append((k, credit, groups))
        return out

    def gain(self, a: Activity) -> float:
        """How much taking ``a`` lowers the person's part of the objective."""
        p, policy = self.person, self.policy
        jp = self.jp + a.jp
        formal = self.formal + (a.jp if policy.is_formal(a.route) else 0.0)
        share = policy.blend["formal"]
        gain = policy.jp_penalty * (max(p.need - self.jp, 0.0) - max(p.need - jp, 0.0))
        gain += policy.blend_penalty * (
            max(self.formal - share * self.jp, 0.0) - max(formal - share * jp, 0.0)
        )
        for k, credit, groups in self._changes(a):
            before = self._closed(k, self.credit[k], self.groups[k])
            gain += p.gaps[k].importance * (self._closed(k, credit, groups) - before)
        return gain

    def gain_both(self, a: Activity, b: Activity) -> float:
        """How much taking ``a`` and ``b`` together lowers the person's part of the objective."""
        saved = (self.jp, self.formal, list(self.credit), list(self.groups))
        first = self.gain(a)
        self.take(a)
        second = self.gain(b)
        self.jp, self.formal, self.credit, self.groups = saved
        return first + second

    def pairs_needed(self) -> list[tuple[str, tuple[frozenset[Route], ...]]]:
        """The large gaps that still need two route groups: competency and the groups."""
        out: list[tuple[str, tuple[frozenset[Route], ...]]] = []
        for k, g in enumerate(self.person.gaps):
            if not self.paired[k]:
                continue
            missing = tuple(
                group
                for have, group in zip(self.groups[k], self.policy.large_gap_requires, strict=True)
                if not have
            )
            if len(missing) == 2:  # with one missing group, a single place completes it
                out.append((g.competency_id, missing))
        return out

    def take(self, a: Activity) -> None:
        """Add ``a`` to the person's plan."""
        for k, credit, groups in self._changes(a):
            self.credit[k] = credit
            self.groups[k] = groups
        self.jp += a.jp
        if self.policy.is_formal(a.route):
            self.formal += a.jp


def _moves(tally: _Tally, open_: list[tuple[int, Activity]]) -> list[tuple[float, float, int, int]]:
    """A person's moves from the places ``open_``: (gain, cost, place, second place or -1)."""
    out = [(tally.gain(a), a.cost, j, -1) for j, a in open_]
    for cid, (one, two) in tally.pairs_needed():
        on = [(j, a) for j, a in open_ if a.uplift(cid) > 0]
        for j, a in on:
            if a.route not in one:
                continue
            for k, b in on:
                if k != j and b.route in two:
                    out.append((tally.gain_both(a, b), a.cost + b.cost, j, k))
    return out


def _greedy(  # noqa: C901 - one loop over candidate moves, read top to bottom
    people: list[_Person],
    acts: tuple[Activity, ...],
    model: _Model,
    *,
    budget: float,
    policy: PlanningPolicy,
    first: Iterable[int] = (),
) -> list[bool]:
    """A feasible plan that takes, again and again, the move with the best gain per rupiah.

    A move is one place, or two places a large gap needs together (one of each
    required route group, say a classroom course and a mentoring cycle): neither
    alone closes any of the gap, so one place at a time would never start it.
    A person's gain from a move depends only on what they already take, so after
    each choice only that person's moves are scored again. The places ``first``
    (pair indices) are taken before, in their order, each one that still fits the
    budget, the capacity and the person's maximum.
    """
    import heapq  # noqa: PLC0415

    by_person: list[list[int]] = [[] for _ in people]
    for j, (pi, _) in enumerate(model.pairs):
        by_person[pi].append(j)
    tallies = [_Tally(p, policy) for p in people]
    version = [0] * len(people)
    used = [0] * len(acts)
    chosen = [False] * len(model.pairs)
    left = budget
    heap: list[tuple[float, int, int, int, int]] = []

    def push(pi: int) -> None:
        open_ = [(j, acts[model.pairs[j][1]]) for j in by_person[pi] if not chosen[j]]
        for gain, cost, j, k in _moves(tallies[pi], open_):
            if gain > 1e-12:
                ratio = gain * 1e12 if cost == 0 else gain / cost
                heapq.heappush(heap, (-ratio, j, k, pi, version[pi]))

    def fits(j: int, k: int) -> bool:
        pi, ai = model.pairs[j]
        a, room = acts[ai], people[pi].room
        cost, jp = a.cost, a.jp
        if k >= 0:
            b = acts[model.pairs[k][1]]
            cost, jp = cost + b.cost, jp + b.jp
            if not _has_room(b, used[model.pairs[k][1]]):
                return False
        return not (
            cost > left + 1e-9
            or not _has_room(a, used[ai])
            or (room is not None and tallies[pi].jp + jp > room + 1e-9)
        )

    def take(j: int) -> None:
        nonlocal left
        pi, ai = model.pairs[j]
        chosen[j] = True
        tallies[pi].take(acts[ai])
        used[ai] += 1
        left -= acts[ai].cost
        version[pi] += 1

    for j in first:
        if not chosen[j] and fits(j, -1):
            take(j)
    for pi in range(len(people)):
        push(pi)
    while heap:
        _, j, k, pi, ver = heapq.heappop(heap)
        if ver != version[pi]:
            continue  # scored before the person's last choice; pushed again since
        if not fits(j, k):
            continue  # budget, places and room only shrink: it never fits again
        take(j)
        if k >= 0:
            take(k)
        push(pi)
    return chosen


def _rounded(
    people: list[_Person],
    acts: tuple[Activity, ...],
    model: _Model,
    relaxed: list[float],
    *,
    budget: float,
    policy: PlanningPolicy,
) -> list[bool]:
    """A plan rounded from the linear relaxation, then completed greedily.

    The places the relaxation takes more than half of are taken first, the most
    taken first (ties by NIP and activity id), each while it fits; the greedy
    pass then fills what budget and places are left. Places taken exactly half
    are left to the greedy pass: they are typically the two activities a large
    gap needs, shared out between people, and taking them all overspends.
    """
    order = sorted(
        (j for j, v in enumerate(relaxed) if v > 0.5 + 1e-6), key=lambda j: (-relaxed[j], j)
    )
    return _greedy(people, acts, model, budget=budget, policy=policy, first=order)


def _decide(
    people: list[_Person],
    acts: tuple[Activity, ...],
    model: _Model,
    *,
    budget: float,
    policy: PlanningPolicy,
    time_limit: float | None,
    mip_rel_gap: float,
    presolve: bool,
) -> tuple[list[bool], SolverReport]:
    """Solve the model; when the solver stops early, keep the better of its plan and greedy's."""
    sizes = {"variables": len(model.c), "constraints": len(model.row_lb)}
    if not model.pairs:
        nothing = _objective(people, acts, model, [], policy)
        report = SolverReport(
            status="empty",
            plan_from="none",
            message="no activity can be planned for anyone",
            objective=nothing,
            bound=nothing,
            mip_gap=0.0,
            **sizes,
        )
        return [], report
    chosen, status, message, bound, relaxed = _solve(
        model, time_limit=time_limit, mip_rel_gap=mip_rel_gap, presolve=presolve
    )
    plan_from = "milp"
    if chosen is None:
        chosen, plan_from = [False] * len(model.pairs), "none"
    objective = _objective(people, acts, model, chosen, policy)
    if status != "optimal":
        others = [("greedy", _greedy(people, acts, model, budget=budget, policy=policy))]
        if relaxed is not None:
            others.append(
                (
                    "lp_rounding",
                    _rounded(people, acts, model, relaxed, budget=budget, policy=policy),
                )
            )
        for name, plan in others:
            value = _objective(people, acts, model, plan, policy)
            if value < objective - 1e-9:
                chosen, objective, plan_from = plan, value, name
    gap = None if bound is None else max(objective - bound, 0.0) / max(abs(objective), 1e-9)
    report = SolverReport(
        status=status,
        plan_from=plan_from,
        message=message,
        objective=objective,
        bound=bound,
        mip_gap=gap,
        **sizes,
    )
    return chosen, report


# --------------------------------------------------------------------------- results


def _reasons(
    p: _Person,
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
    elif solver_status != "optimal":
        reasons.append(ShortfallReason.SOLVER_LIMIT)
        parts.append("the solver stopped at its time limit")
    else:
        reasons.append(ShortfallReason.TRADED_OFF)
        parts.append("the policy's weights preferred other uses of the budget and places")
    text = f"{p.nip} gets {p.prior + planned:g} of {p.minimum:g} JP: " + "; ".join(parts)
    return tuple(reasons), text


def _has_room(activity: Activity, used: int) -> bool:
    return activity.capacity is None or used < activity.capacity


def _clean(value: float) -> float:
    return float(round(value, 9)) + 0.0


def _results(
    people: list[_Person],
    *,
    acts: tuple[Activity, ...],
    model: _Model,
    chosen: list[bool],
    budget: float,
    policy: PlanningPolicy,
    solver: SolverReport,
) -> tuple[list[Assignment], list[PersonPlan], list[JpShortfall], float, float]:
    taken: list[list[int]] = [[] for _ in people]
    used = [0] * len(acts)
    for (pi, ai), on in zip(model.pairs, chosen, strict=True):
        if on:
            taken[pi].append(ai)
            used[ai] += 1
    total_cost = sum(acts[ai].cost for mine in taken for ai in mine)
    budget_left = budget - total_cost
    assignments: list[Assignment] = []
    plans: list[PersonPlan] = []
    shortfalls: list[JpShortfall] = []
    total_gap = 0.0
    year_acts = list(acts)
    for pi, p in enumerate(people):
        mine = [acts[ai] for ai in taken[pi]]
        credited: dict[str, list[str]] = {a.id: [] for a in mine}
        closed: dict[str, float] = {a.id: 0.0 for a in mine}
        uncovered: list[str] = []
        for g in p.gaps:
            for aid, share in _closure(g, mine, policy):
                credited[aid].append(g.competency_id)
                closed[aid] += share * g.importance
            if not _closure(g, year_acts, policy):
                uncovered.append(g.competency_id)
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
                uncovered=tuple(uncovered),
            )
        )
        if planned < p.need - 1e-9:
            reasons, text = _reasons(
                p,
                taken=set(taken[pi]),
                acts=acts,
                used=used,
                budget_left=budget_left,
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
        time_limit: Seconds the solver may run; the best plan found is returned and
            its proven bound reported in :attr:`DevelopmentPlan.solver`.
        mip_rel_gap: Relative optimality gap at which the solver may stop.
        presolve: Run HiGHS's presolve. Off by default: on plans of thousands of
            people its probing of the many binaries can use the whole time limit
            before the first plan, while the model is already tight without it.

    Returns:
        The plan.

    Raises:
        ValidationError: For a negative or non-finite budget, a bad year, an empty
            catalogue or duplicate activity ids, two reports for one person, a
            negative prior JP, a bad solver option, or an argument of the wrong kind
            (a framework that is not one, no collection where one belongs).
        UnknownIdError: For a report of a person not in ``employees`` or, with a
            framework, a competency the framework does not know.

    Examples:
        >>> plan = _example_plan()
        >>> [(p.nip, p.total_jp, p.gap_closed) for p in plan.people]
        [('199001012015031001', 20.0, 1.0)]
        >>> plan_development([], [], year=2026, budget=0, employees=[])
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'catalogue' must be at least one activity (got ())

    Notes:
        The model has one binary per person and activity that can lower the
        objective (places that only cost are left out), one continuous variable per
        gap that can be closed, and a few rows per person: 1,000 people and 60
        activities make about 61,000 variables and 8,700 rows. Small plans are
        solved to optimality in well under a second; for large ones pass
        ``time_limit`` and read ``solver.bound`` and ``solver.mip_gap`` for the
        guarantee reached. When the solver stops early a greedy plan (best gain per
        rupiah, one place or a large gap's two places at a time) is also built and
        the better plan kept. When it stops before it has a bound (5,000 people and
        60 activities in 120 s), the linear relaxation is solved by an
        interior-point method, within ``time_limit`` again: its optimum is the bound
        and its rounding a third candidate plan. A call can so take about twice
        ``time_limit``.

    References:
        HiGHS, the solver behind :func:`scipy.optimize.milp`: Q. Huangfu and
        J. A. J. Hall, "Parallelizing the dual revised simplex method",
        Mathematical Programming Computation 10 (2018) 119-142.
    """
    if not isinstance(policy, PlanningPolicy):
        raise ValidationError("policy", "a PlanningPolicy", policy)
    if not isinstance(hours, DevelopmentHoursPolicy):
        raise ValidationError("hours", "a DevelopmentHoursPolicy", hours)
    budget = _check_budget(budget)
    year = _check_year(year)
    if time_limit is not None and (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, (int, float))
        or not time_limit > 0
        or (isinstance(time_limit, int) and not _validate.is_finite_real(time_limit))
    ):
        raise ValidationError("time_limit", "None or a number of seconds > 0", time_limit)
    if not isinstance(presolve, bool):
        raise ValidationError("presolve", "True or False", presolve)
    if framework is not None and not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework or none", framework)
    reports = _validate.instances("reports", reports, GapReport)
    if isinstance(mip_rel_gap, bool) or not isinstance(mip_rel_gap, (int, float)):
        raise ValidationError("mip_rel_gap", "a number in [0, 1)", mip_rel_gap)
    if not 0 <= mip_rel_gap < 1:
        raise ValidationError("mip_rel_gap", "a number in [0, 1)", mip_rel_gap)
    acts_all = _catalogue(catalogue)
    if framework is not None:
        for a in acts_all:
            for cid in a.competency_ids:
                if cid not in framework:
                    raise UnknownIdError(
                        "competency", cid, f"framework {framework.id!r} (activity {a.id!r})"
                    )
    staff = employees_by_nip(employees)
    prior = _prior(prior_jp)
    people = _people(
        reports, staff=staff, prior=prior, policy=policy, hours=hours, framework=framework
    )
    acts = tuple(a for a in acts_all if _held_in(a, year))
    model = _build(people, acts, budget=budget, policy=policy)
    chosen, solver = _decide(
        people,
        acts,
        model,
        budget=budget,
        policy=policy,
        time_limit=time_limit,
        mip_rel_gap=float(mip_rel_gap),
        presolve=presolve,
    )
    assignments, plans, shortfalls, total_cost, total_gap = _results(
        people, acts=acts, model=model, chosen=chosen, budget=budget, policy=policy, solver=solver
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
