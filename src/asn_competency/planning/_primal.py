"""Feasible plans from per-person plans: improve, repair, fill (package-private).

Per-person plans chosen under prices may together overspend the budget or
overfill an activity. :func:`build_plan` improves each person's plan under the
prices (one place added or given up at a time, or the two places a large gap
needs together), gives up places until every coupling row holds (least loss per
rupiah first) and fills what budget and seats are left (best gain per rupiah
first). Every change is scored exactly, by the model's objective.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from asn_competency.planning._model import Instance

__all__: list[str] = []


class _Plan:
    """A plan under construction: who takes what, and the coupling rows' use."""

    def __init__(self, inst: Instance, chosen: npt.NDArray[np.bool_]) -> None:
        self.inst = inst
        self.chosen = chosen.copy()

    def used(self) -> npt.NDArray[np.float64]:
        """Seats taken per activity."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        used: npt.NDArray[np.float64] = self.chosen.sum(axis=0).astype(np.float64)
        return used

    def unit_spend(self) -> npt.NDArray[np.float64]:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        inst = self.inst
        spend = self.chosen @ inst.cost
        limited = inst.unit_of >= 0
        spent: npt.NDArray[np.float64] = np.bincount(
            inst.unit_of[limited], weights=spend[limited], minlength=len(inst.unit_budgets)
        ).astype(np.float64)
        return spent


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
        result: npt.NDArray[np.float64] = out
        return result

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
        if not _take(
            inst, plan=plan, order=order, best_a=best_a, use_pair=use_pair, one=one, two=two
        ):
            return


def _take(
    inst: Instance,
    *,
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


def improve(
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


def _pair_moves(  # noqa: PLR0915 - one array pipeline, read top to bottom
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


def build_plan(
    inst: Instance, chosen: npt.NDArray[np.bool_], prices: npt.NDArray[np.float64]
) -> npt.NDArray[np.bool_]:
    plan = _Plan(inst, improve(inst, chosen, prices))
    _polish(inst, plan)
    _repair(inst, plan)
    _fill(inst, plan)
    _polish(inst, plan)
    return plan.chosen
