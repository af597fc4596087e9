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

    from asn_competency.planning._model import Instance

__all__: list[str] = []

ENUMERATE_UP_TO = 10
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


def forced_values(
    inst: Instance,
    v: npt.NDArray[np.float64],
    people: npt.NDArray[np.int64],
    must: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Least relaxed value with each place taken, and with each place left out.

    Rows of ``v`` are people (``people[r]`` is row ``r``'s person); places in
    ``must`` (always places a row can take) are taken in every plan of it. Returns
    two rows x activities matrices (``inf`` where impossible).
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_r, width = len(people), inst.width
    top = width - 1
    free = ~inst.limited[people]
    allowed = inst.allowed[people]
    forward = np.full((n_r, width), np.inf)
    forward[:, 0] = 0.0
    before: list[npt.NDArray[np.float64]] = []
    for a in range(inst.n_acts):
        before.append(forward)
        va = v[:, a]
        if not np.isfinite(va).any():
            continue
        shifted = _shift(forward, int(inst.jp_q[a]), free, top) + va[:, None]
        shifted[~allowed] = np.inf
        forward = np.where(must[:, a][:, None], shifted, np.minimum(forward, shifted))
    states = np.arange(width)
    penalty = inst.policy.jp_penalty * np.maximum(inst.need_q[people][:, None] - states[None, :], 0)
    backward = np.where(allowed, penalty / inst.step, np.inf)
    taken = np.full((n_r, inst.n_acts), np.inf)
    left_out = np.full((n_r, inst.n_acts), np.inf)
    for a in range(inst.n_acts - 1, -1, -1):
        forced = must[:, a]
        left_out[:, a] = np.where(forced, np.inf, (before[a] + backward).min(axis=1))
        va = v[:, a]
        if not np.isfinite(va).any():
            continue
        after = _pull(backward, int(inst.jp_q[a]), free, top) + va[:, None]
        taken[:, a] = (before[a] + after).min(axis=1)
        backward = np.where(forced[:, None], after, np.minimum(backward, after))
    return taken, left_out


def _shift(
    forward: npt.NDArray[np.float64], k: int, free: npt.NDArray[np.bool_], top: int
) -> npt.NDArray[np.float64]:
    """States after ``k`` more grid steps of JP: past the top, only people without a maximum."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    out = np.full_like(forward, np.inf)
    width = top + 1
    if k == 0:
        return forward.copy()
    if k <= top:
        out[:, k:] = forward[:, : width - k]
    lo = max(width - 1 - k, 0)
    over = forward[:, lo:].min(axis=1)
    out[:, top] = np.where(free, np.minimum(out[:, top], over), out[:, top])
    return out


def _pull(
    backward: npt.NDArray[np.float64], k: int, free: npt.NDArray[np.bool_], top: int
) -> npt.NDArray[np.float64]:
    """The value from each state of taking ``k`` more grid steps of JP (the inverse of _shift)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    width = top + 1
    out = np.full_like(backward, np.inf)
    if k == 0:
        return backward.copy()
    if k <= top:
        out[:, : width - k] = backward[:, k:]
    lo = max(width - 1 - k, 0)
    out[:, lo:] = np.where(free[:, None], backward[:, top][:, None], out[:, lo:])
    return out


def solve_people(
    inst: Instance,
    v: npt.NDArray[np.float64],
    const: npt.NDArray[np.float64],
    prices: npt.NDArray[np.float64],
    known: npt.NDArray[np.bool_],
    *,
    node_limit: int,
) -> Exact:
    """Each person's exact optimum under ``prices``, by bounding, fixing and branching.

    A node is a person with places they must take and places left out. Its
    relaxed bounds with each place taken and left out fix what they can; a node
    with few places left open is enumerated, one with many is split on its most
    promising place. Every person starts as one node; ``node_limit`` bounds the
    nodes examined in all. A person whose nodes are not all settled keeps the least
    bound among them.

    Args:
        inst: The model.
        v: The relaxed per-place values at the current multipliers.
        const: The relaxed problem's constant per person.
        prices: The priced cost of each place.
        known: A plan per person (its priced value is the incumbent to beat).
        node_limit: Nodes to examine at most.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    known = known & inst.candidate
    value = inst.values(known) + (prices * known).sum(axis=1)
    chosen = known.copy()
    unsettled = np.full(inst.n_people, np.inf)
    # People are taken a slice at a time, so that memory stays bounded.
    step = max(_CHUNK_CELLS // max(inst.n_acts * inst.width, 1), 1)
    for start in range(0, inst.n_people, step):
        part = np.arange(start, min(start + step, inst.n_people))
        share = max(node_limit * len(part) // max(inst.n_people, 1), len(part))
        _branch(
            inst,
            v=v,
            const=const,
            prices=prices,
            people=part,
            node_limit=share,
            value=value,
            chosen=chosen,
            unsettled=unsettled,
        )
    low = np.minimum(unsettled, value)
    return Exact(low=low, value=value, chosen=chosen, proven=~np.isfinite(unsettled))


def _branch(
    inst: Instance,
    *,
    v: npt.NDArray[np.float64],
    const: npt.NDArray[np.float64],
    prices: npt.NDArray[np.float64],
    people: npt.NDArray[np.int64],
    node_limit: int,
    value: npt.NDArray[np.float64],
    chosen: npt.NDArray[np.bool_],
    unsettled: npt.NDArray[np.float64],
) -> None:
    """Bound, fix, enumerate and split the nodes of ``people`` (results written in place)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    person = people
    must = np.zeros((len(people), inst.n_acts), dtype=bool)
    out = ~inst.candidate[people]
    seen = 0
    while len(person):
        relaxed = np.where(out, np.inf, v[person])
        with_place, without = forced_values(inst, relaxed, person, must)
        c = const[person][:, None]
        node_low = np.minimum(with_place.min(axis=1), without.min(axis=1)) + const[person]
        incumbent = value[person][:, None]
        slack = 1e-9 * np.maximum(np.abs(incumbent), 1.0)
        alive = node_low < value[person] - slack[:, 0]
        open_ = ~out & ~must & (with_place + c <= incumbent + slack)
        needed = open_ & (without + c > incumbent + slack)
        must = must | needed
        open_ &= ~needed
        out = ~open_ & ~must
        n_open = open_.sum(axis=1)
        seen += len(person)
        small = alive & (n_open <= ENUMERATE_UP_TO)
        _settle(
            inst,
            person=person[small],
            open_=open_[small],
            must=must[small],
            n_open=n_open[small],
            prices=prices,
            value=value,
            chosen=chosen,
        )
        big = np.flatnonzero(alive & (n_open > ENUMERATE_UP_TO))
        if not len(big):
            break
        if seen >= node_limit:
            np.minimum.at(unsettled, person[big], node_low[big])
            break
        # Split on the open place whose bound when taken is least (ties: lower index).
        split = np.argmin(np.where(open_[big], with_place[big], np.inf), axis=1)
        pick = np.zeros((len(big), inst.n_acts), dtype=bool)
        pick[np.arange(len(big)), split] = True
        person = np.concatenate([person[big], person[big]])
        must = np.concatenate([must[big] | pick, must[big]])
        out = np.concatenate([out[big], out[big] | pick])


def _settle(
    inst: Instance,
    *,
    person: npt.NDArray[np.int64],
    open_: npt.NDArray[np.bool_],
    must: npt.NDArray[np.bool_],
    n_open: npt.NDArray[np.int64],
    prices: npt.NDArray[np.float64],
    value: npt.NDArray[np.float64],
    chosen: npt.NDArray[np.bool_],
) -> None:
    """Enumerate small nodes; keep each person's best plan (in place)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    if not len(person):
        return
    # One call may hold each person once: nodes are taken by their rank within person.
    order = np.lexsort((np.arange(len(person)), person))
    first = np.r_[True, person[order][1:] != person[order][:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - start
    for r in range(int(rank.max()) + 1):
        for k in range(ENUMERATE_UP_TO + 1):
            nodes = np.flatnonzero((rank == r) & (n_open == k))
            step = max(_CHUNK_CELLS // (2**k), 1)
            for s in range(0, len(nodes), step):
                part = nodes[s : s + step]
                who = person[part]
                best, plan = _enumerate(
                    inst, people=who, free=open_[part], must=must[part], prices=prices[who], k=k
                )
                better = best < value[who]
                value[who] = np.where(better, best, value[who])
                chosen[who] = np.where(better[:, None], plan, chosen[who])


def _enumerate(
    inst: Instance,
    *,
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
    if not len(lk):
        return gains
    gaps, g_index = np.unique(inst.link_g[lk], return_inverse=True)
    n_g = len(gaps)
    g_row = slot[inst.g_person[gaps]]
    opened = ~fixed
    flat = g_index[opened] * k + col[opened]
    credit_fixed = np.bincount(g_index, weights=inst.link_credit[lk] * fixed, minlength=n_g)
    credit_open = np.bincount(
        flat, weights=inst.link_credit[lk][opened], minlength=n_g * k
    ).reshape(n_g, k)
    closed = np.minimum(credit_fixed[:, None] + credit_open @ masks.T, inst.g_short[gaps][:, None])
    for grp in range(inst.n_groups):
        member = inst.link_group[lk, grp]
        present_fixed = np.bincount(g_index, weights=member * fixed, minlength=n_g)
        present_open = np.bincount(flat, weights=member[opened], minlength=n_g * k).reshape(n_g, k)
        present = present_fixed[:, None] + present_open @ masks.T
        closed = np.where(inst.g_paired[gaps][:, None] & (present < 0.5), 0.0, closed)
    weighted = inst.g_weight[gaps][:, None] * closed
    # Gaps are numbered person by person, so each person's gaps are consecutive rows.
    starts = np.flatnonzero(np.r_[True, g_row[1:] != g_row[:-1]])
    gains[g_row[starts]] = np.add.reduceat(weighted, starts, axis=0)
    return gains
