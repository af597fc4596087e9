"""The scalable planner: Lagrangian relaxation with an exact JP knapsack per person.

People are coupled only through the budget, the unit budgets and the activities'
capacities. Those rows are priced (Lagrange multipliers); so are, per person, the
rows that link a gap's closure to the activities taken (how much of the gap the
credits close, and whether the required route groups are all present) and the
blend row. What is left per person is a knapsack over JP (the soft minimum, the
hard maximum), solved exactly for everyone at once by dynamic programming over a
JP grid. Any multipliers give a proven lower bound on the optimum; a projected
subgradient method raises it. Plans are built from the per-person optima, made
feasible against the coupling rows and filled greedily with what budget and
places are left.

Package-private: :func:`asn_competency.planning.planner.plan_development` calls it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency.planning import _exact
from asn_competency.planning._inputs import Person

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from asn_competency.domain.development import Activity
    from asn_competency.policies.planning import PlanningPolicy

__all__: list[str] = []

_DEBUG = False
_PERSON_STEP = 0.3
_RATE = 1.0
_FLOOR = 0.01
_INNER = 10
_NODES_PER_PERSON = 4
_EXACT_EVERY = 3

_GRIDS = (1, 2, 4, 5, 10, 20, 50, 100)
"""JP grids tried, in steps per JP; the first on which every JP value lies is used."""


@attrs.frozen(kw_only=True)
class Outcome:
    """What the scalable planner found (package-private).

    ``chosen`` is a people x activities boolean matrix; ``objective`` its value
    under the model's objective; ``bound`` a proven lower bound on the optimum.
    """

    chosen: npt.NDArray[np.bool_]
    objective: float
    bound: float
    iterations: int
    stopped_by: str


class Instance:
    """The planning model as arrays, for the scalable planner (package-private).

    Args:
        people: The people, sorted by NIP.
        acts: The activities held in the year, sorted by id.
        unit_of: For each person, the index of their unit budget, or -1.
        unit_budgets: The budget of each unit.
        budget: The total budget.
        policy: The planning policy.
    """

    def __init__(  # noqa: PLR0915 - one pass that lays out every array
        self,
        people: Sequence[Person],
        acts: Sequence[Activity],
        *,
        unit_of: Sequence[int],
        unit_budgets: Sequence[float],
        budget: float,
        policy: PlanningPolicy,
    ) -> None:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        self.policy = policy
        n_p, n_a = len(people), len(acts)
        self.n_people, self.n_acts = n_p, n_a
        self.jp = np.asarray([float(a.jp) for a in acts], dtype=np.float64)
        self.formal = np.asarray([a.route.blend == "formal" for a in acts], dtype=bool)
        self.cost = np.asarray([float(a.cost) for a in acts], dtype=np.float64)
        self.capacity = np.asarray(
            [math.inf if a.capacity is None else float(a.capacity) for a in acts], dtype=np.float64
        )
        self.need = np.asarray([p.need for p in people], dtype=np.float64)
        self.room = np.asarray(
            [math.inf if p.room is None else p.room for p in people], dtype=np.float64
        )
        self.unit_of = np.asarray(unit_of, dtype=np.int64)
        self.unit_budgets = np.asarray(unit_budgets, dtype=np.float64)
        self.budget = float(budget)
        fits = self.jp[None, :] <= self.room[:, None] + 1e-9
        # The tie-break's scale, as in the exact model: every place that fits.
        self.cost_scale = max(float((fits * self.cost[None, :]).sum()), 1.0)
        self._links(people, acts)
        on_gap = np.zeros((n_p, n_a), dtype=bool)
        on_gap.flat[self.link_pa] = True
        gives_jp = (self.jp > 0)[None, :] & (self.need > 0)[:, None]
        keep = fits & (gives_jp | on_gap)
        if policy.blend_penalty > 0:
            formal_jp = self.formal & (self.jp > 0)
            dilutes = fits & (self.jp > 0)[None, :] & ~self.formal[None, :]
            keep |= dilutes & (keep & formal_jp[None, :]).any(axis=1)[:, None]
        # A place nobody can pay for, or without a seat, is never taken.
        keep &= (self.cost <= self.budget + 1e-9)[None, :] & (self.capacity >= 1)[None, :]
        limited = self.unit_of >= 0
        if limited.any():
            unit_cap = np.full(n_p, math.inf)
            unit_cap[limited] = self.unit_budgets[self.unit_of[limited]]
            keep &= self.cost[None, :] <= unit_cap[:, None] + 1e-9
        self.candidate = keep
        self._grid()

    def _links(self, people: Sequence[Person], acts: Sequence[Activity]) -> None:
        """Lay out every (gap, activity) link: the credit and the route groups present."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        policy = self.policy
        groups = policy.large_gap_requires
        self.n_groups = len(groups)
        g_person: list[int] = []
        g_comp: list[str] = []
        g_short: list[float] = []
        g_weight: list[float] = []
        g_paired: list[bool] = []
        for pi, p in enumerate(people):
            for g in p.gaps:
                g_person.append(pi)
                g_comp.append(g.competency_id)
                g_short.append(g.shortfall)
                g_weight.append(g.importance)
                g_paired.append(g.paired and policy.is_large(g.shortfall))
        self.g_person = np.asarray(g_person, dtype=np.int64)
        self.g_short = np.asarray(g_short, dtype=np.float64)
        self.g_weight = np.asarray(g_weight, dtype=np.float64)
        self.g_paired = np.asarray(g_paired, dtype=bool)
        self.g_large = np.asarray([policy.is_large(s) for s in g_short], dtype=bool)
        credit_small = np.asarray([a.route in policy.small_gap_routes for a in acts], dtype=bool)
        credit_large = np.asarray([a.route in policy.large_gap_routes for a in acts], dtype=bool)
        in_group = np.asarray(
            [[a.route in grp for grp in groups] for a in acts], dtype=bool
        ).reshape(len(acts), self.n_groups)
        targets: dict[str, list[tuple[int, float]]] = {}
        for ai, a in enumerate(acts):
            for t in a.targets:
                if t.uplift > 0:
                    targets.setdefault(t.competency_id, []).append((ai, float(t.uplift)))
        by_comp: dict[str, list[int]] = {}
        for gi, c in enumerate(g_comp):
            by_comp.setdefault(c, []).append(gi)
        parts_g: list[npt.NDArray[np.int64]] = []
        parts_a: list[npt.NDArray[np.int64]] = []
        parts_u: list[npt.NDArray[np.float64]] = []
        for c in sorted(by_comp):
            offer = targets.get(c)
            if not offer:
                continue
            gaps = np.asarray(by_comp[c], dtype=np.int64)
            a_idx = np.asarray([ai for ai, _ in offer], dtype=np.int64)
            ups = np.asarray([u for _, u in offer], dtype=np.float64)
            parts_g.append(np.repeat(gaps, len(a_idx)))
            parts_a.append(np.tile(a_idx, len(gaps)))
            parts_u.append(np.tile(ups, len(gaps)))
        link_g = np.concatenate(parts_g) if parts_g else np.zeros(0, dtype=np.int64)
        link_a = np.concatenate(parts_a) if parts_a else np.zeros(0, dtype=np.int64)
        uplift = np.concatenate(parts_u) if parts_u else np.zeros(0, dtype=np.float64)
        large = self.g_large[link_g]
        credits = np.where(large, credit_large[link_a], credit_small[link_a])
        credit = np.where(credits, np.minimum(uplift, self.g_short[link_g]), 0.0)
        ink = in_group[link_a] & self.g_paired[link_g][:, None]
        person = self.g_person[link_g]
        fits = self.jp[link_a] <= self.room[person] + 1e-9
        keep = fits & ((credit > 0) | ink.any(axis=1))
        self.link_g = link_g[keep]
        self.link_a = link_a[keep]
        self.link_credit = credit[keep]
        self.link_group = ink[keep].astype(np.float64)
        self.link_pa = self.g_person[self.link_g] * self.n_acts + self.link_a

    def _grid(self) -> None:
        """Choose the JP grid of the knapsack and the JP each person's states reach."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        values = np.concatenate([self.jp, self.need, self.room[np.isfinite(self.room)]])
        step = _GRIDS[-1]
        for q in _GRIDS:
            if np.all(np.abs(values * q - np.rint(values * q)) <= 1e-6):
                step = q
                break
        self.step = step
        self.jp_q = np.rint(self.jp * step).astype(np.int64)
        self.need_q = np.rint(self.need * step).astype(np.int64)
        limited = np.isfinite(self.room)
        room_q = np.full(self.n_people, -1, dtype=np.int64)
        room_q[limited] = np.floor(self.room[limited] * step + 1e-6).astype(np.int64)
        self.room_q = room_q
        top = [int(self.need_q.max(initial=0))]
        if limited.any():
            top.append(int(room_q[limited].max()))
        self.width = max(top) + 1
        states = np.arange(self.width)
        self.allowed = ~limited[:, None] | (states[None, :] <= room_q[:, None])
        self.limited = limited

    # ------------------------------------------------------------------ exact values

    def values(self, chosen: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        """Each person's part of the objective (penalties minus gap closed), exactly."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        policy = self.policy
        jp = chosen @ self.jp
        value = policy.jp_penalty * np.maximum(self.need - jp, 0.0)
        if policy.blend_penalty > 0:
            formal = chosen @ (self.jp * self.formal)
            value += policy.blend_penalty * np.maximum(formal - policy.blend["formal"] * jp, 0.0)
        closed = self.closed(chosen)
        value -= np.bincount(self.g_person, weights=self.g_weight * closed, minlength=self.n_people)
        return value

    def closed(self, chosen: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        """The levels each gap closes under a plan."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        taken = chosen.flat[self.link_pa]
        n_g = len(self.g_short)
        credit = np.bincount(self.link_g, weights=self.link_credit * taken, minlength=n_g)
        closed = np.minimum(credit, self.g_short)
        for k in range(self.n_groups):
            present = np.bincount(self.link_g, weights=self.link_group[:, k] * taken, minlength=n_g)
            closed = np.where(self.g_paired & (present < 0.5), 0.0, closed)
        return closed

    def objective(self, chosen: npt.NDArray[np.bool_]) -> float:
        """The objective of a plan, as the exact model defines it."""
        import math as _m  # noqa: PLC0415

        total = _m.fsum(self.values(chosen).tolist())
        cost = float((chosen @ self.cost).sum())
        return total + self.policy.cost_weight * cost / self.cost_scale


# ---------------------------------------------------------------------- the relaxation


class _Duals:
    """Multipliers: coupling rows (scaled by their right-hand side) and per-person rows."""

    def __init__(self, inst: Instance) -> None:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        self.budget = 0.0
        self.units = np.zeros(len(inst.unit_budgets))
        self.seats = np.zeros(inst.n_acts)
        n_g = len(inst.g_short)
        self.theta = np.ones(n_g)
        self.psi = np.zeros((n_g, inst.n_groups + 1))
        if inst.n_groups:
            self.psi[:, 1:] = 1.0 / inst.n_groups
        else:
            self.psi[:, 0] = 1.0
        self.beta = np.zeros(inst.n_people)


def _prices(inst: Instance, duals: _Duals) -> npt.NDArray[np.float64]:
    """Per person and activity: the priced cost of a place (tie-break and coupling rows)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    per_rupiah = np.full(inst.n_people, inst.policy.cost_weight / inst.cost_scale)
    if inst.budget > 0:
        per_rupiah += duals.budget / inst.budget
    limited = inst.unit_of >= 0
    if limited.any():
        scale = np.where(inst.unit_budgets > 0, inst.unit_budgets, 1.0)
        per_rupiah[limited] += (duals.units / scale)[inst.unit_of[limited]]
    seat = np.where(np.isfinite(inst.capacity), duals.seats / np.maximum(inst.capacity, 1), 0.0)
    return per_rupiah[:, None] * inst.cost[None, :] + seat[None, :]


def _relaxed_values(
    inst: Instance, duals: _Duals, prices: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The per-place values of the relaxed problem and each person's constant term."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    policy = inst.policy
    v = prices.copy()
    if policy.blend_penalty > 0:
        excess = (inst.formal.astype(np.float64) - policy.blend["formal"]) * inst.jp
        v += policy.blend_penalty * duals.beta[:, None] * excess[None, :]
    g = inst.link_g
    w, s, th = inst.g_weight[g], inst.g_short[g], duals.theta[g]
    group_term = (inst.link_group * duals.psi[g, 1:]).sum(axis=1) if inst.n_groups else 0.0
    gain = w * th * inst.link_credit + w * (1 - th) * s * group_term
    v.flat[:] -= np.bincount(inst.link_pa, weights=gain, minlength=v.size)
    v[~inst.candidate] = np.inf
    rest = np.where(inst.g_paired, duals.psi[:, 0], 1.0)
    const_g = -inst.g_weight * (1 - duals.theta) * inst.g_short * rest
    const = np.bincount(inst.g_person, weights=const_g, minlength=inst.n_people)
    return v, const


def _knapsack(
    inst: Instance, v: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Each person's least relaxed value over JP, exactly, and a plan reaching it."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_p, width = inst.n_people, inst.width
    best = np.full((n_p, width), np.inf)
    best[:, 0] = 0.0
    free = ~inst.limited
    rows = np.arange(n_p)
    took: list[npt.NDArray[np.bool_] | None] = []
    came: list[npt.NDArray[np.int64] | None] = []
    top = width - 1
    for a in range(inst.n_acts):
        va = v[:, a]
        live = np.isfinite(va)
        if not live.any():
            took.append(None)
            came.append(None)
            continue
        k = int(inst.jp_q[a])
        shifted = np.full((n_p, width), np.inf)
        pred = None
        if k == 0:
            shifted = best + va[:, None]
        elif k <= top:
            shifted[:, k:] = best[:, : width - k] + va[:, None]
        if k > 0 and free.any():
            # Without a maximum, JP past the largest minimum all count as the top state.
            lo = max(width - 1 - k, 0)
            tail = best[:, lo:]
            pred = lo + np.argmin(tail, axis=1)
            over = tail[rows, pred - lo] + va
            shifted[:, top] = np.where(free, np.minimum(shifted[:, top], over), shifted[:, top])
            pred = np.where(shifted[:, top] == over, pred, top - k)
        shifted[~inst.allowed] = np.inf
        better = shifted < best
        best = np.where(better, shifted, best)
        took.append(better)
        came.append(pred)
    states = np.arange(width)
    penalty = inst.policy.jp_penalty * np.maximum(inst.need_q[:, None] - states[None, :], 0)
    total = best + penalty / inst.step
    state = np.argmin(total, axis=1)
    value = total[rows, state]
    chosen = np.zeros((n_p, inst.n_acts), dtype=bool)
    for a in range(inst.n_acts - 1, -1, -1):
        better = took[a]
        if better is None:
            continue
        on = better[rows, state]
        chosen[:, a] = on
        k = int(inst.jp_q[a])
        back = state - k
        pred = came[a]
        if pred is not None:
            back = np.where(free & (state == top), pred, back)
        state = np.where(on, back, state)
    return value, chosen


def _person_steps(
    inst: Instance,
    duals: _Duals,
    chosen: npt.NDArray[np.bool_],
    gap: npt.NDArray[np.float64],
) -> None:
    """Move the per-person multipliers along their subgradient (Polyak steps per person)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    policy = inst.policy
    taken = chosen.flat[inst.link_pa]
    n_g = len(inst.g_short)
    credit = np.bincount(inst.link_g, weights=inst.link_credit * taken, minlength=n_g)
    present = np.stack(
        [
            np.bincount(inst.link_g, weights=inst.link_group[:, k] * taken, minlength=n_g)
            for k in range(inst.n_groups)
        ],
        axis=1,
    ).reshape(n_g, inst.n_groups)
    w, s, th = inst.g_weight, inst.g_short, duals.theta
    reach = np.where(inst.g_paired, duals.psi[:, 0] + (duals.psi[:, 1:] * present).sum(axis=1), 1.0)
    d_theta = w * (s * reach - credit)
    d_psi = -(w * (1 - th) * s)[:, None] * np.concatenate([np.ones((n_g, 1)), present], axis=1)
    d_psi[~inst.g_paired] = 0.0
    jp = chosen @ inst.jp
    d_beta = np.zeros(inst.n_people)
    if policy.blend_penalty > 0:
        formal = chosen @ (inst.jp * inst.formal)
        d_beta = policy.blend_penalty * (formal - policy.blend["formal"] * jp)
    norm = d_beta**2 + np.bincount(
        inst.g_person, weights=d_theta**2 + (d_psi**2).sum(axis=1), minlength=inst.n_people
    )
    step = np.where(norm > 1e-12, np.maximum(gap, 0.0) / np.maximum(norm, 1e-12), 0.0)
    step_g = step[inst.g_person]
    duals.theta = np.clip(th + step_g * d_theta, 0.0, 1.0)
    if inst.n_groups:
        duals.psi = _simplex(duals.psi + step_g[:, None] * d_psi)
    duals.beta = np.clip(duals.beta + step * d_beta, 0.0, 1.0)


def _simplex(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Project each row onto the probability simplex (Held, Wolfe and Crowder 1974)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    u = -np.sort(-x, axis=1)
    css = np.cumsum(u, axis=1) - 1.0
    ind = np.arange(1, x.shape[1] + 1)
    cond = u - css / ind > 0
    rho = x.shape[1] - 1 - np.argmax(cond[:, ::-1], axis=1)
    tau = css[np.arange(len(x)), rho] / (rho + 1)
    return np.maximum(x - tau[:, None], 0.0)


# ---------------------------------------------------------------------- plans


class _Plan:
    """A plan under construction: who takes what, and the coupling rows' use."""

    def __init__(self, inst: Instance, chosen: npt.NDArray[np.bool_]) -> None:
        self.inst = inst
        self.chosen = chosen.copy()

    def used(self) -> npt.NDArray[np.float64]:
        return self.chosen.sum(axis=0).astype(float)

    def unit_spend(self) -> npt.NDArray[np.float64]:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        inst = self.inst
        spend = self.chosen @ inst.cost
        limited = inst.unit_of >= 0
        return np.bincount(
            inst.unit_of[limited], weights=spend[limited], minlength=len(inst.unit_budgets)
        )


def _deltas_drop(inst: Instance, chosen: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """For every place taken, how much the objective rises if it alone is given up."""
    return _deltas(inst, chosen, adding=False)


def _deltas(
    inst: Instance, chosen: npt.NDArray[np.bool_], *, adding: bool
) -> npt.NDArray[np.float64]:
    """The exact change of each person's value when one place is added (or given up)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    policy = inst.policy
    sign = 1.0 if adding else -1.0
    jp = chosen @ inst.jp
    new_jp = jp[:, None] + sign * inst.jp[None, :]
    pen = policy.jp_penalty
    delta = pen * (
        np.maximum(inst.need[:, None] - new_jp, 0) - np.maximum(inst.need - jp, 0)[:, None]
    )
    if policy.blend_penalty > 0:
        share = policy.blend["formal"]
        formal = chosen @ (inst.jp * inst.formal)
        new_formal = formal[:, None] + sign * (inst.jp * inst.formal)[None, :]
        before = np.maximum(formal - share * jp, 0)[:, None]
        delta += policy.blend_penalty * (np.maximum(new_formal - share * new_jp, 0) - before)
    taken = chosen.flat[inst.link_pa]
    n_g = len(inst.g_short)
    credit = np.bincount(inst.link_g, weights=inst.link_credit * taken, minlength=n_g)
    present = [
        np.bincount(inst.link_g, weights=inst.link_group[:, k] * taken, minlength=n_g)
        for k in range(inst.n_groups)
    ]
    g = inst.link_g
    paired = inst.g_paired[g]

    def closed(
        cr: npt.NDArray[np.float64], pres: list[npt.NDArray[np.float64]]
    ) -> npt.NDArray[np.float64]:
        out = np.minimum(cr, inst.g_short[g])
        for p in pres:
            out = np.where(paired & (p < 0.5), 0.0, out)
        return out

    now = closed(credit[g], [p[g] for p in present])
    move = (~taken) if adding else taken
    step = sign * move
    after = closed(
        credit[g] + step * inst.link_credit,
        [p[g] + step * inst.link_group[:, k] for k, p in enumerate(present)],
    )
    change = inst.g_weight[g] * (after - now)
    delta.flat[:] -= np.bincount(inst.link_pa, weights=change, minlength=delta.size)
    return delta


def _repair(inst: Instance, plan: _Plan) -> None:
    """Give up places until every capacity, unit budget and the budget hold."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    loss = _deltas_drop(inst, plan.chosen) + inst.policy.cost_weight * 0.0
    # Capacities: keep the seats whose loss is largest (ties: lower NIP).
    used = plan.used()
    for a in np.flatnonzero(used > inst.capacity + 1e-9).tolist():
        takers = np.flatnonzero(plan.chosen[:, a])
        order = takers[np.lexsort((takers, -loss[takers, a]))]
        plan.chosen[order[int(inst.capacity[a]) :], a] = False
    # Unit budgets, then the budget: give up the least loss per rupiah first.
    limited = inst.unit_of >= 0
    spend = plan.unit_spend()
    for u in np.flatnonzero(spend > inst.unit_budgets + 1e-6).tolist():
        members = np.flatnonzero(limited & (inst.unit_of == u))
        _trim(inst, plan, members, float(inst.unit_budgets[u]))
    total = float((plan.chosen @ inst.cost).sum())
    if total > inst.budget + 1e-6:
        _trim(inst, plan, np.arange(inst.n_people), inst.budget)


def _trim(inst: Instance, plan: _Plan, members: npt.NDArray[np.int64], limit: float) -> None:
    """Give up places of ``members`` (least loss per rupiah first) until they spend <= limit."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    while True:
        sub = plan.chosen[members]
        spend = float((sub @ inst.cost).sum())
        if spend <= limit + 1e-6:
            return
        loss = _deltas_drop(inst, plan.chosen)[members]
        p_idx, a_idx = np.nonzero(sub & (inst.cost > 0)[None, :])
        ratio = loss[p_idx, a_idx] / inst.cost[a_idx]
        order = np.lexsort((a_idx, p_idx, ratio))
        # Drop at most one place per person per pass: losses were scored one at a time.
        seen: set[int] = set()
        over = spend - limit
        for o in order.tolist():
            pi = int(p_idx[o])
            if pi in seen:
                continue
            seen.add(pi)
            plan.chosen[members[pi], a_idx[o]] = False
            over -= inst.cost[a_idx[o]]
            if over <= 1e-6:
                break


def _fill(inst: Instance, plan: _Plan, *, rounds: int = 50) -> None:
    """Add places, best gain per rupiah first, while budget, unit budgets and seats allow.

    Each round every person offers their best move (one place, or the two places a
    large gap needs together); the moves are taken in order of gain per rupiah
    (ties by NIP) while they fit.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    tie = inst.policy.cost_weight / inst.cost_scale
    rows = np.arange(inst.n_people)
    tie_prices = np.broadcast_to(tie * inst.cost[None, :], (inst.n_people, inst.n_acts))
    for _ in range(rounds):
        gain = -_deltas(inst, plan.chosen, adding=True) - tie * inst.cost[None, :]
        jp = plan.chosen @ inst.jp
        ok = inst.candidate & ~plan.chosen & (gain > 1e-9)
        ok &= jp[:, None] + inst.jp[None, :] <= inst.room[:, None] + 1e-9
        cost = np.maximum(inst.cost[None, :], 1e-300)
        ratio = np.where(ok, np.where(inst.cost[None, :] > 0, gain / cost, np.inf), -np.inf)
        best_a = np.argmax(ratio, axis=1)
        best_r = ratio[rows, best_a]
        pair, one, two = _pair_moves(inst, plan.chosen, np.asarray(tie_prices))
        pair_cost = np.where(one >= 0, inst.cost[one] + inst.cost[two], 0.0)
        pair_gain = -pair
        pair_r = np.where(
            np.isfinite(pair) & (pair_gain > 1e-9),
            np.where(pair_cost > 0, pair_gain / np.maximum(pair_cost, 1e-300), np.inf),
            -np.inf,
        )
        use_pair = pair_r > best_r
        best_r = np.where(use_pair, pair_r, best_r)
        people = rows[best_r > -np.inf]
        if not len(people):
            return
        order = people[np.lexsort((people, -best_r[people]))]
        if not _take(inst, plan, order, best_a, use_pair, one, two):
            return


def _take(
    inst: Instance,
    plan: _Plan,
    order: npt.NDArray[np.int64],
    best_a: npt.NDArray[np.int64],
    use_pair: npt.NDArray[np.bool_],
    one: npt.NDArray[np.int64],
    two: npt.NDArray[np.int64],
) -> int:
    """Take the moves of ``order`` that still fit; return how many were taken."""
    used = plan.used()
    left = inst.budget - float((plan.chosen @ inst.cost).sum())
    unit_left = inst.unit_budgets - plan.unit_spend()
    added = 0
    for pi in order.tolist():
        acts = [int(one[pi]), int(two[pi])] if use_pair[pi] else [int(best_a[pi])]
        c = float(sum(inst.cost[a] for a in acts))
        u = int(inst.unit_of[pi])
        if any(used[a] + 1 > inst.capacity[a] + 1e-9 for a in acts) or c > left + 1e-6:
            continue
        if u >= 0 and c > unit_left[u] + 1e-6:
            continue
        for a in acts:
            plan.chosen[pi, a] = True
            used[a] += 1
        left -= c
        if u >= 0:
            unit_left[u] -= c
        added += 1
    return added


def _polish(inst: Instance, plan: _Plan) -> None:
    """Give up places whose loss is negative (they cost more than they bring)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    tie = inst.policy.cost_weight / inst.cost_scale
    for _ in range(10):
        loss = _deltas_drop(inst, plan.chosen) - tie * inst.cost[None, :]
        bad = plan.chosen & (loss < -1e-9)
        if not bad.any():
            return
        # One place per person per pass, the worst first.
        worst = np.argmin(np.where(bad, loss, np.inf), axis=1)
        rows = np.flatnonzero(bad.any(axis=1))
        plan.chosen[rows, worst[rows]] = False


def _improve(
    inst: Instance, chosen: npt.NDArray[np.bool_], prices: npt.NDArray[np.float64], rounds: int = 8
) -> npt.NDArray[np.bool_]:
    """Each person's plan improved under the prices: the best single add or drop, repeatedly."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    chosen = chosen & inst.candidate
    rows = np.arange(inst.n_people)
    for _ in range(rounds):
        add = _deltas(inst, chosen, adding=True) + prices
        drop = _deltas(inst, chosen, adding=False) - prices
        jp = chosen @ inst.jp
        fits = jp[:, None] + inst.jp[None, :] <= inst.room[:, None] + 1e-9
        add = np.where(inst.candidate & ~chosen & fits, add, np.inf)
        drop = np.where(chosen, drop, np.inf)
        move = np.where(add <= drop, add, drop)
        best = np.argmin(move, axis=1)
        gain = move[rows, best]
        pair, one, two = _pair_moves(inst, chosen, prices)
        use_pair = pair < gain
        gain = np.where(use_pair, pair, gain)
        act = gain < -1e-9
        if not act.any():
            break
        single = act & ~use_pair
        who = rows[single]
        chosen[who, best[single]] = ~chosen[who, best[single]]
        both = act & use_pair
        chosen[rows[both], one[both]] = True
        chosen[rows[both], two[both]] = True
    return chosen


def _pair_moves(
    inst: Instance, chosen: npt.NDArray[np.bool_], prices: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Per person, the best two places that together start a large gap, under the prices.

    A large gap that needs two route groups (a classroom course and a mentoring
    cycle, say) gains nothing from either place alone, so single moves never
    start it. For each such gap with neither group present, each place of the
    first group is paired with the best place of the second; the change counts
    that gap, the JP and the blend (other gaps either place may also serve are
    left out, so the change is never overstated). Returns the change and the two
    activities per person (``inf`` and -1 where there is no such move).
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_p = inst.n_people
    out = np.full(n_p, np.inf)
    first = np.full(n_p, -1, dtype=np.int64)
    second = np.full(n_p, -1, dtype=np.int64)
    if inst.n_groups != 2 or not len(inst.link_g):
        return out, first, second
    policy = inst.policy
    taken = chosen.flat[inst.link_pa]
    n_g = len(inst.g_short)
    present = [
        np.bincount(inst.link_g, weights=inst.link_group[:, k] * taken, minlength=n_g)
        for k in range(2)
    ]
    open_g = inst.g_paired & (present[0] < 0.5) & (present[1] < 0.5)
    person = inst.g_person[inst.link_g]
    usable = open_g[inst.link_g] & ~taken & inst.candidate.flat[inst.link_pa]
    price = prices.flat[inst.link_pa]
    w = inst.g_weight[inst.link_g]
    # Best partner of the second group per gap: least price less its credit's worth.
    in_two = usable & (inst.link_group[:, 1] > 0)
    score_two = np.where(in_two, price - w * inst.link_credit, np.inf)
    best_two = np.full(n_g, np.inf)
    np.minimum.at(best_two, inst.link_g, score_two)
    is_best = in_two & (score_two <= best_two[inst.link_g])
    partner = np.full(n_g, -1, dtype=np.int64)
    # Ties go to the lower activity index: scan from the end so that it is written last.
    idx = np.flatnonzero(is_best)[::-1]
    partner[inst.link_g[idx]] = inst.link_a[idx]
    partner_credit = np.zeros(n_g)
    partner_credit[inst.link_g[idx]] = inst.link_credit[idx]
    in_one = usable & (inst.link_group[:, 0] > 0) & (partner[inst.link_g] >= 0)
    in_one &= partner[inst.link_g] != inst.link_a
    if not in_one.any():
        return out, first, second
    lk = np.flatnonzero(in_one)
    g = inst.link_g[lk]
    a = inst.link_a[lk]
    b = partner[g]
    p = person[lk]
    jp = chosen @ inst.jp
    add_jp = inst.jp[a] + inst.jp[b]
    fits = jp[p] + add_jp <= inst.room[p] + 1e-9
    new_jp = jp[p] + add_jp
    pen = policy.jp_penalty
    delta = pen * (np.maximum(inst.need[p] - new_jp, 0) - np.maximum(inst.need[p] - jp[p], 0))
    if policy.blend_penalty > 0:
        share = policy.blend["formal"]
        formal = chosen @ (inst.jp * inst.formal)
        new_f = formal[p] + inst.jp[a] * inst.formal[a] + inst.jp[b] * inst.formal[b]
        before = np.maximum(formal[p] - share * jp[p], 0)
        delta += policy.blend_penalty * (np.maximum(new_f - share * new_jp, 0) - before)
    credit = np.bincount(inst.link_g, weights=inst.link_credit * taken, minlength=n_g)
    closed = np.minimum(inst.g_short[g], credit[g] + inst.link_credit[lk] + partner_credit[g])
    delta += -inst.g_weight[g] * closed + prices[p, a] + prices[p, b]
    delta = np.where(fits, delta, np.inf)
    order = np.lexsort((a, delta, p))
    keep = np.ones(len(order), dtype=bool)
    keep[1:] = p[order][1:] != p[order][:-1]
    pick = order[keep]
    out[p[pick]] = delta[pick]
    first[p[pick]] = a[pick]
    second[p[pick]] = b[pick]
    return out, first, second


def _primal(
    inst: Instance, chosen: npt.NDArray[np.bool_], prices: npt.NDArray[np.float64]
) -> npt.NDArray[np.bool_]:
    plan = _Plan(inst, _improve(inst, chosen, prices))
    _polish(inst, plan)
    _repair(inst, plan)
    _fill(inst, plan)
    _polish(inst, plan)
    return plan.chosen


def _start(inst: Instance, duals: _Duals) -> None:
    """Start the budget's price at the value of a rupiah if every gap could be closed."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    gain = float((inst.g_weight * inst.g_short).sum())
    spend = float((inst.candidate * inst.cost[None, :]).sum())
    if inst.budget > 0 and spend > 0:
        duals.budget = gain / spend * inst.budget * 0.5
    limited = inst.unit_of >= 0
    if limited.any():
        duals.units = np.zeros(len(inst.unit_budgets))


def _coupling_value(inst: Instance, duals: _Duals) -> float:
    """The constant the coupling rows add to the Lagrangian: minus price times right-hand side."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    finite = np.isfinite(inst.capacity)
    return -(duals.budget + float(duals.units.sum()) + float(duals.seats[finite].sum()))


def solve(
    inst: Instance,
    *,
    iterations: int,
    target_gap: float,
    deadline: float | None,
) -> Outcome:
    """Column generation with a proven bound; up to ``iterations`` knapsack passes.

    Each round takes a few subgradient steps on the per-person multipliers at the
    current prices of the coupling rows, solves every person exactly where the
    places left open are few (:mod:`._exact`), records the Lagrangian bound, adds
    the plans as columns of the master (:mod:`._master`) and reprices the coupling
    rows from the master's duals. Stops early when the best plan is within
    ``target_gap`` (relative) of the bound, or at ``deadline`` (a
    :func:`time.monotonic` instant) when one is given.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    from asn_competency.planning._master import Master  # noqa: PLC0415

    duals = _Duals(inst)
    _start(inst, duals)
    master = Master(inst)
    best_plan = np.zeros((inst.n_people, inst.n_acts), dtype=bool)
    best_obj = inst.objective(best_plan)
    bound = -math.inf
    stopped = "iteration_limit"
    done = 0
    rounds = 0
    while done < iterations:
        inner = min(_INNER, iterations - done)
        for _ in range(inner):
            prices = _prices(inst, duals)
            v, const = _relaxed_values(inst, duals, prices)
            low, chosen = _knapsack(inst, v)
            done += 1
            priced = inst.values(chosen) + (prices * chosen).sum(axis=1)
            _person_steps(inst, duals, chosen, _PERSON_STEP * (priced - low - const))
        prices = _prices(inst, duals)
        v, const = _relaxed_values(inst, duals, prices)
        low, chosen = _knapsack(inst, v)
        seed = _improve(inst, chosen, prices)
        last = done >= iterations
        rounds += 1
        if last or rounds % _EXACT_EVERY == 0:
            exact = _exact.solve_people(
                inst, v, const, prices, seed, node_limit=_NODES_PER_PERSON * inst.n_people
            )
            low = exact.low
            columns = exact.chosen
        else:
            low = np.minimum(low + const, inst.values(seed) + (prices * seed).sum(axis=1))
            columns = seed
        bound = max(bound, float(low.sum()) + _coupling_value(inst, duals))
        master.add(columns)
        plan = _primal(inst, columns, prices)
        obj = inst.objective(plan)
        if obj < best_obj - 1e-12:
            best_plan, best_obj = plan, obj
        solved = master.solve()
        if solved is not None:
            row_prices, weights = solved
            plan = _primal(inst, master.rounded(weights), prices)
            obj = inst.objective(plan)
            if obj < best_obj - 1e-12:
                best_plan, best_obj = plan, obj
            duals.budget = row_prices["budget"] * inst.budget
            scale = np.where(inst.unit_budgets > 0, inst.unit_budgets, 1.0)
            duals.units = row_prices["units"] * scale
            duals.seats = row_prices["seats"] * np.maximum(
                np.where(np.isfinite(inst.capacity), inst.capacity, 1.0), 1.0
            )
        if _DEBUG:
            print(
                done,
                round(bound, 3),
                round(best_obj, 3),
                None if solved is None else round(solved[0]["objective"], 3),
                len(master.person),
            )
        if _close(best_obj, bound, target_gap):
            stopped = "optimal"
            break
        if deadline is not None and time.monotonic() >= deadline:
            stopped = "time_limit"
            break
    return Outcome(
        chosen=best_plan, objective=best_obj, bound=bound, iterations=done, stopped_by=stopped
    )


def _close(objective: float, bound: float, target: float) -> bool:
    return objective - bound <= target * max(abs(objective), 1e-9)
