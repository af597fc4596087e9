"""Each person's best plan under given prices, proven (package-private).

The relaxed knapsack of :mod:`._lagrange` bounds, for every person and every
place, the best value of a plan that takes the place (forward and backward
passes of the same dynamic programme). A place whose bound is worse than a plan
already known cannot be in a better plan and is set aside; a place without
which no plan reaches the known one must be in it. The few places left are
enumerated, all subsets at once for everyone with the same number of places
left, and the best subset is each person's exact optimum under the prices.
People with too many places left keep the relaxed bound.

References:
    Variable fixing by reduced cost from a Lagrangian bound: M. L. Fisher, "The
    Lagrangian relaxation method for solving integer programming problems",
    Management Science 27 (1981) 1-18.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from asn_competency.planning._lagrange import Instance

__all__: list[str] = []

ENUMERATE_UP_TO = 12
"""Most places left open per person for the subsets to be enumerated (4,096 subsets)."""

_CHUNK_CELLS = 4_000_000
"""Subset values evaluated at once (people x subsets), to bound memory."""


@attrs.frozen(kw_only=True)
class Exact:
    """Per person: a lower bound on the priced optimum, the best plan found, and its value."""

    low: npt.NDArray[np.float64]
    value: npt.NDArray[np.float64]
    chosen: npt.NDArray[np.bool_]
    proven: npt.NDArray[np.bool_]


def _next_states(inst: Instance, k: int) -> npt.NDArray[np.int64]:
    """For each person and JP state, the state after a place of ``k`` grid steps (-1: none)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    top = inst.width - 1
    states = np.arange(inst.width)
    target = np.broadcast_to(states[None, :] + k, (inst.n_people, inst.width))
    free = ~inst.limited
    target = np.where(free[:, None], np.minimum(target, top), target)
    ok = free[:, None] | (target <= inst.room_q[:, None])
    ok &= target <= top
    return np.where(ok, target, -1)


def forced_values(
    inst: Instance, v: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Least relaxed value with each place taken, and with each place left out.

    Returns two people x activities matrices (``inf`` where impossible).
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_p, width = inst.n_people, inst.width
    rows = np.broadcast_to(np.arange(n_p)[:, None], (n_p, width))
    forward = np.full((n_p, width), np.inf)
    forward[:, 0] = 0.0
    before: list[npt.NDArray[np.float64]] = []
    moves: list[npt.NDArray[np.int64] | None] = []
    for a in range(inst.n_acts):
        before.append(forward)
        va = v[:, a]
        if not np.isfinite(va).any():
            moves.append(None)
            continue
        target = _next_states(inst, int(inst.jp_q[a]))
        moves.append(target)
        new = forward.copy()
        np.minimum.at(
            new,
            (rows, np.where(target >= 0, target, 0)),
            np.where(target >= 0, forward + va[:, None], np.inf),
        )
        forward = new
    states = np.arange(width)
    penalty = inst.policy.jp_penalty * np.maximum(inst.need_q[:, None] - states[None, :], 0)
    backward = np.where(inst.allowed, penalty / inst.step, np.inf)
    taken = np.full((n_p, inst.n_acts), np.inf)
    left_out = np.full((n_p, inst.n_acts), np.inf)
    for a in range(inst.n_acts - 1, -1, -1):
        left_out[:, a] = (before[a] + backward).min(axis=1)
        target = moves[a]
        if target is None:
            continue
        after = np.where(
            target >= 0, np.take_along_axis(backward, np.where(target >= 0, target, 0), 1), np.inf
        )
        taken[:, a] = (before[a] + v[:, a][:, None] + after).min(axis=1)
        backward = np.minimum(backward, v[:, a][:, None] + after)
    return taken, left_out


def solve_people(
    inst: Instance,
    v: npt.NDArray[np.float64],
    const: npt.NDArray[np.float64],
    prices: npt.NDArray[np.float64],
    known: npt.NDArray[np.bool_],
) -> Exact:
    """Each person's exact optimum under ``prices`` where the places left are few.

    Args:
        inst: The model.
        v: The relaxed per-place values at the current multipliers.
        const: The relaxed problem's constant per person.
        prices: The priced cost of each place.
        known: A plan per person (its priced value is the incumbent to beat).
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    known = known & inst.candidate
    value = inst.values(known) + (prices * known).sum(axis=1)
    with_place, without = forced_values(inst, v)
    low = np.minimum(with_place.min(axis=1), without.min(axis=1)) + const
    low = np.minimum(low, value)
    slack = 1e-9 * np.maximum(np.abs(value), 1.0)
    open_ = inst.candidate & (with_place + const[:, None] <= value[:, None] + slack[:, None])
    must = open_ & (without + const[:, None] > value[:, None] + slack[:, None])
    free = open_ & ~must
    n_free = free.sum(axis=1)
    chosen = known.copy()
    proven = np.zeros(inst.n_people, dtype=bool)
    for k in range(ENUMERATE_UP_TO + 1):
        people = np.flatnonzero(n_free == k)
        if not len(people):
            continue
        step = max(_CHUNK_CELLS // (2**k), 1)
        for s in range(0, len(people), step):
            part = people[s : s + step]
            best, plan = _enumerate(inst, part, free[part], must[part], prices[part], k)
            better = best < value[part]
            value[part] = np.where(better, best, value[part])
            chosen[part] = np.where(better[:, None], plan, chosen[part])
            proven[part] = True
    low = np.where(proven, value, low)
    return Exact(low=low, value=value, chosen=chosen, proven=proven)


def _enumerate(
    inst: Instance,
    people: npt.NDArray[np.int64],
    free: npt.NDArray[np.bool_],
    must: npt.NDArray[np.bool_],
    prices: npt.NDArray[np.float64],
    k: int,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Every subset of each person's ``k`` open places (with the places they must take)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    policy = inst.policy
    n = len(people)
    n_sub = 2**k
    # The open places of each person, in activity order: n x k.
    order = np.argsort(~free, axis=1, kind="stable")[:, :k]
    masks = ((np.arange(n_sub)[:, None] >> np.arange(k)[None, :]) & 1).astype(np.float64)
    base = must.astype(np.float64)
    rows = np.arange(n)[:, None]
    jp = (base @ inst.jp)[:, None] + inst.jp[order] @ masks.T
    formal_jp = inst.jp * inst.formal
    formal = (base @ formal_jp)[:, None] + formal_jp[order] @ masks.T
    price = (base * prices).sum(axis=1)[:, None] + prices[rows, order] @ masks.T
    need = inst.need[people][:, None]
    total = policy.jp_penalty * np.maximum(need - jp, 0.0) + price
    if policy.blend_penalty > 0:
        total += policy.blend_penalty * np.maximum(formal - policy.blend["formal"] * jp, 0.0)
    total = np.where(jp <= inst.room[people][:, None] + 1e-9, total, np.inf)
    total -= _gap_gains(inst, people, order, must, masks)
    pick = np.argmin(total, axis=1)
    best = total[np.arange(n), pick]
    plan = must.copy()
    on = masks[pick] > 0.5
    plan[rows, order] |= on
    return best, plan


def _gap_gains(
    inst: Instance,
    people: npt.NDArray[np.int64],
    order: npt.NDArray[np.int64],
    must: npt.NDArray[np.bool_],
    masks: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Importance-weighted levels closed by each subset: people x subsets."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n, k = order.shape
    n_sub = masks.shape[0]
    gains = np.zeros((n, n_sub))
    if not len(inst.link_g):
        return gains
    slot = np.full(inst.n_people, -1, dtype=np.int64)
    slot[people] = np.arange(n)
    link_person = inst.g_person[inst.link_g]
    mine = slot[link_person] >= 0
    if not mine.any():
        return gains
    lk = np.flatnonzero(mine)
    row = slot[link_person[lk]]
    act = inst.link_a[lk]
    # Where each link's activity sits: a must-take place, an open place (column), or neither.
    column = np.full((n, inst.n_acts), -1, dtype=np.int64)
    column[np.arange(n)[:, None], order] = np.arange(k)[None, :]
    col = column[row, act]
    fixed = must[row, act]
    use = fixed | (col >= 0)
    lk, row, col, fixed = lk[use], row[use], col[use], fixed[use]
    gaps, g_index = np.unique(inst.link_g[lk], return_inverse=True)
    n_g = len(gaps)
    g_row = slot[inst.g_person[gaps]]
    credit_fixed = np.bincount(g_index, weights=inst.link_credit[lk] * fixed, minlength=n_g)
    credit_open = np.zeros((n_g, k))
    np.add.at(credit_open, (g_index[~fixed], col[~fixed]), inst.link_credit[lk][~fixed])
    closed = np.minimum(credit_fixed[:, None] + credit_open @ masks.T, inst.g_short[gaps][:, None])
    for grp in range(inst.n_groups):
        member = inst.link_group[lk, grp]
        present_fixed = np.bincount(g_index, weights=member * fixed, minlength=n_g)
        present_open = np.zeros((n_g, k))
        np.add.at(present_open, (g_index[~fixed], col[~fixed]), member[~fixed])
        present = present_fixed[:, None] + present_open @ masks.T
        closed = np.where(inst.g_paired[gaps][:, None] & (present < 0.5), 0.0, closed)
    weighted = inst.g_weight[gaps][:, None] * closed
    np.add.at(gains, g_row, weighted)
    return gains
