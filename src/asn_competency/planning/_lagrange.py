"""The scalable planner: Lagrangian relaxation and column generation (package-private).

People are coupled only through the budget, the unit budgets and the activities'
capacities. Those rows are priced; so are, per person, the rows that link a
gap's closure to the activities taken (how much of the gap the credits close,
and whether the required route groups are all present) and the blend row. What
is left per person is a knapsack over JP (the soft minimum, the hard maximum),
solved exactly for everyone at once by dynamic programming over a JP grid. Any
multipliers give a proven lower bound on the optimum. The per-person multipliers
are raised by projected subgradient steps; the coupling rows are priced by the
master programme of column generation (:mod:`._master`), whose columns are each
person's optimum under the prices (:mod:`._exact`) and relaxed plans at prices a
little above and below. With many people the first prices come from an even
sample of them. Plans are built from those columns by :mod:`._primal`.

:func:`asn_competency.planning.planner.plan_development` calls :func:`solve`.
"""

from __future__ import annotations

import copy
import math
import time
from typing import TYPE_CHECKING

import attrs

from asn_competency.planning import _exact
from asn_competency.planning._model import Instance
from asn_competency.planning._primal import build_plan, improve

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


__all__: list[str] = []

_PERSON_STEP = 0.3
_INNER = 10
"""Subgradient steps on the per-person multipliers per round."""
_FIRST_INNER = 30
"""Steps of the first round over everyone after the sample: its multipliers start afresh."""
_NODES_PER_PERSON = 4
_EXACT_EVERY = 3
"""Rounds between exact stages, without a sample (the last round always has one)."""
_MIP_NODES = 50
"""Branch-and-bound nodes per group of people left to HiGHS by the exact stage."""
_SAMPLE = 400
"""People in the sample that prices the coupling rows first."""
_SAMPLE_FROM = 4 * _SAMPLE
"""Plans for more people than this start from the sample's prices."""
_SAMPLE_ITERATIONS = 120
"""Knapsack passes spent on the sample."""
_SPREAD = (0.7, 0.85, 1.15, 1.4)
"""Factors on the coupling rows' prices at which extra columns are drawn for the master."""


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

    def scaled(self, factor: float) -> _Duals:
        """A copy whose coupling rows' prices are ``factor`` times these."""
        out = copy.copy(self)
        out.budget = self.budget * factor
        out.units = self.units * factor
        out.seats = self.seats * factor
        return out


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
    const: npt.NDArray[np.float64] = np.bincount(
        inst.g_person, weights=const_g, minlength=inst.n_people
    ).astype(np.float64)
    return v, const


def _knapsack(  # noqa: PLR0915 - the forward pass and the trace back, together
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
        step = took[a]
        if step is None:
            continue
        on = step[rows, state]
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
    present = np.zeros((n_g, inst.n_groups))
    for k in range(inst.n_groups):
        present[:, k] = np.bincount(
            inst.link_g, weights=inst.link_group[:, k] * taken, minlength=n_g
        )
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
    projected: npt.NDArray[np.float64] = np.maximum(x - tau[:, None], 0.0)
    return projected


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

    With more than ``_SAMPLE_FROM`` people, the coupling rows are first priced on
    an even sample of them holding their share of the budgets and capacities
    (:meth:`Instance.sample`, a fixed amount of work); those prices start the
    rounds over everyone, each of which then ends with an exact stage. Each round
    takes a few subgradient steps on the per-person multipliers at the current
    prices of the coupling rows, solves every person exactly (:mod:`._exact`;
    without a sample, every third round and the last), records the Lagrangian
    bound, adds the plans as columns of the master (:mod:`._master`) with plans
    drawn at prices a little above and below, and reprices the coupling rows from
    the master's duals. Stops early when the best plan is within ``target_gap``
    (relative) of the bound, or at ``deadline`` (a :func:`time.monotonic`
    instant) when one is given.
    """
    duals = _Duals(inst)
    _start(inst, duals)
    exact_every = _EXACT_EVERY
    if inst.n_people > _SAMPLE_FROM:
        sub = inst.sample(_SAMPLE)
        priced = _Duals(sub)
        _start(sub, priced)
        _rounds(
            sub,
            priced,
            iterations=_SAMPLE_ITERATIONS,
            target_gap=target_gap,
            deadline=deadline,
            exact_every=_EXACT_EVERY,
        )
        _transfer(sub, priced, inst, duals)
        exact_every = 1
    return _rounds(
        inst,
        duals,
        iterations=iterations,
        target_gap=target_gap,
        deadline=deadline,
        exact_every=exact_every,
    )


def _per_unit(inst: Instance) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """What the unit budgets' and the seats' multipliers are scaled by (their limits)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    units = np.where(inst.unit_budgets > 0, inst.unit_budgets, 1.0)
    seats = np.maximum(np.where(np.isfinite(inst.capacity), inst.capacity, 1.0), 1.0)
    return units, seats


def _transfer(sub: Instance, got: _Duals, inst: Instance, duals: _Duals) -> None:
    """Carry the sample's prices of the coupling rows (per rupiah, per seat) over."""
    sub_units, sub_seats = _per_unit(sub)
    units, seats = _per_unit(inst)
    duals.budget = got.budget / sub.budget * inst.budget if sub.budget > 0 else 0.0
    duals.units = got.units / sub_units * units
    duals.seats = got.seats / sub_seats * seats


def _rounds(  # noqa: PLR0915 - the rounds of the method, read top to bottom
    inst: Instance,
    duals: _Duals,
    *,
    iterations: int,
    target_gap: float,
    deadline: float | None,
    exact_every: int,
) -> Outcome:
    """The rounds of :func:`solve` from the given multipliers (updated in place)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    from asn_competency.planning._master import Master  # noqa: PLC0415

    master = Master(inst)
    best_plan = np.zeros((inst.n_people, inst.n_acts), dtype=bool)
    best_obj = inst.objective(best_plan)
    bound = -math.inf
    previous: npt.NDArray[np.bool_] | None = None
    stopped = "iteration_limit"
    done = 0
    rounds = 0
    while done < iterations:
        steps = _FIRST_INNER if rounds == 0 and exact_every == 1 else _INNER
        for _ in range(min(steps, iterations - done)):
            if _past(deadline):
                break
            prices = _prices(inst, duals)
            v, const = _relaxed_values(inst, duals, prices)
            low, chosen = _knapsack(inst, v)
            done += 1
            priced = inst.values(chosen) + (prices * chosen).sum(axis=1)
            _person_steps(inst, duals, chosen, _PERSON_STEP * (priced - low - const))
        prices = _prices(inst, duals)
        v, const = _relaxed_values(inst, duals, prices)
        low, chosen = _knapsack(inst, v)
        seed = improve(inst, chosen, prices)
        rounds += 1
        if not _past(deadline) and (done >= iterations or rounds % exact_every == 0):
            exact = _exact_stage(
                inst,
                duals,
                v=v,
                const=const,
                prices=prices,
                seed=seed,
                previous=previous,
                target_gap=target_gap,
                deadline=deadline,
            )
            low = exact.low
            columns = previous = exact.chosen
            for factor in _SPREAD:
                master.add(_drawn(inst, duals.scaled(factor)))
        else:
            low = np.minimum(low + const, inst.values(seed) + (prices * seed).sum(axis=1))
            columns = seed
        bound = max(bound, float(low.sum()) + _coupling_value(inst, duals))
        master.add(columns)
        best_plan, best_obj = _better(inst, build_plan(inst, columns, prices), best_plan, best_obj)
        solved = None if _past(deadline) else master.solve()
        if solved is not None:
            row_prices, weights = solved
            plan = build_plan(inst, master.rounded(weights), prices)
            best_plan, best_obj = _better(inst, plan, best_plan, best_obj)
            units, seats = _per_unit(inst)
            duals.budget = row_prices["budget"] * inst.budget
            duals.units = row_prices["units"] * units
            duals.seats = row_prices["seats"] * seats
        if _close(best_obj, bound, target_gap):
            stopped = "optimal"
            break
        if _past(deadline):
            stopped = "time_limit"
            break
    return Outcome(
        chosen=best_plan, objective=best_obj, bound=bound, iterations=done, stopped_by=stopped
    )


def _exact_stage(
    inst: Instance,
    duals: _Duals,
    *,
    v: npt.NDArray[np.float64],
    const: npt.NDArray[np.float64],
    prices: npt.NDArray[np.float64],
    seed: npt.NDArray[np.bool_],
    previous: npt.NDArray[np.bool_] | None,
    target_gap: float,
    deadline: float | None,
) -> _exact.Exact:
    """Every person's optimum under the prices, from the better of two known plans each."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    worth = inst.values(seed) + (prices * seed).sum(axis=1)
    if previous is not None:
        # The last exact stage's optima are often still the best plans.
        again = inst.values(previous) + (prices * previous).sum(axis=1)
        seed = np.where((again < worth)[:, None], previous, seed)
        worth = np.minimum(again, worth)
    # Half the target gap may stay unproven among the people hardest to settle.
    guess = abs(float(worth.sum()) + _coupling_value(inst, duals))
    return _exact.solve_people(
        inst,
        v,
        const,
        prices,
        seed,
        node_limit=_NODES_PER_PERSON * inst.n_people,
        mip_nodes=_MIP_NODES,
        deadline=deadline,
        allowance=0.5 * target_gap * guess,
    )


def _drawn(inst: Instance, duals: _Duals) -> npt.NDArray[np.bool_]:
    """Each person's relaxed plan at the given multipliers, improved: a column for the master."""
    prices = _prices(inst, duals)
    v, _ = _relaxed_values(inst, duals, prices)
    _, chosen = _knapsack(inst, v)
    return improve(inst, chosen, prices)


def _better(
    inst: Instance, plan: npt.NDArray[np.bool_], best: npt.NDArray[np.bool_], best_obj: float
) -> tuple[npt.NDArray[np.bool_], float]:
    """The better of a new plan and the best so far (the earlier one on a tie)."""
    obj = inst.objective(plan)
    return (plan, obj) if obj < best_obj - 1e-12 else (best, best_obj)


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _close(objective: float, bound: float, target: float) -> bool:
    return objective - bound <= target * max(abs(objective), 1e-9)
