"""Each person's best plan under given prices, proven (package-private).

The relaxed knapsack of :mod:`._lagrange` bounds, for every person and every
place, the best value of a plan that takes the place (forward and backward
passes of the same dynamic programme). A place whose bound is worse than a plan
already known cannot be in a better plan and is set aside; a place without
which no plan reaches the known one must be in it. The few places left are
enumerated, all subsets at once for everyone with the same number of places
left, and the best subset is each person's exact optimum under the prices.
People with too many places left are branched on a few times, then given to
HiGHS in small groups (:func:`solve_hard`), whose cuts close what the relaxation
leaves; a group HiGHS does not finish keeps its proven bound.

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

    from asn_competency.domain.development import Activity
    from asn_competency.planning._model import Instance

__all__: list[str] = []

ENUMERATE_UP_TO = 10
"""Most places left open per person for the subsets to be enumerated (4,096 subsets)."""

_HARD_GROUP = 5
"""People per mixed-integer programme of :func:`solve_hard`."""

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
    mip_nodes: int = 0,
    deadline: float | None = None,
    allowance: float = 0.0,
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
        mip_nodes: Branch-and-bound nodes per group of the people left open that
            :func:`solve_hard` gives HiGHS (0: none are).
        deadline: A :func:`time.monotonic` instant to stop giving groups to HiGHS.
        allowance: How far, in all, the bounds of the people left open may stay
            below their plans' values.
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
    if mip_nodes > 0:
        solve_hard(
            inst,
            v=v,
            const=const,
            prices=prices,
            people=np.flatnonzero(np.isfinite(unsettled)),
            low=low,
            value=value,
            chosen=chosen,
            node_limit=mip_nodes,
            deadline=deadline,
            allowance=allowance,
        )
    proven = low >= value - 1e-9 * np.maximum(np.abs(value), 1.0)
    return Exact(low=low, value=value, chosen=chosen, proven=proven)


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
    while True:  # every slice of people holds someone
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


def solve_hard(
    inst: Instance,
    *,
    v: npt.NDArray[np.float64],
    const: npt.NDArray[np.float64],
    prices: npt.NDArray[np.float64],
    people: npt.NDArray[np.int64],
    low: npt.NDArray[np.float64],
    value: npt.NDArray[np.float64],
    chosen: npt.NDArray[np.bool_],
    node_limit: int,
    deadline: float | None,
    allowance: float = 0.0,
) -> None:
    """Solve the people whose optimum bounding and enumeration left open (in place).

    Each person's places are first narrowed by the relaxed bounds against their
    best known plan (places no better plan can take are left out, places every
    better plan takes are fixed); the best known plan stays possible, so the
    optimum of what is left is the person's optimum. Small groups of such people
    go to HiGHS as one mixed-integer programme each (their own rows only, places
    priced), within ``node_limit`` branch-and-bound nodes; its plans replace worse
    ones and its proven bound replaces the relaxed ones.
    """
    import time  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    # The people whose bound is furthest from their plan first; stop once what the
    # rest leave open is within ``allowance`` in all.
    short = value[people] - low[people]
    people = people[np.lexsort((people, -short))]
    left = np.cumsum(np.sort(short))[::-1]
    people = people[: int(np.count_nonzero(left > allowance))]
    if not len(people):
        return
    open_, must = _narrowed(inst, v=v, const=const, people=people, value=value)
    found = np.zeros((len(people), inst.n_acts), dtype=bool)
    groups: list[tuple[npt.NDArray[np.int64], float]] = []
    for start in range(0, len(people), _HARD_GROUP):
        if deadline is not None and time.monotonic() >= deadline:
            break
        rows = np.arange(start, min(start + _HARD_GROUP, len(people)))
        bound = _group(
            inst,
            prices=prices,
            people=people,
            rows=rows,
            open_=open_,
            must=must,
            found=found,
            node_limit=node_limit,
            deadline=deadline,
        )
        if bound is not None:
            groups.append((rows, bound))
    if not groups:
        return
    full = np.zeros((inst.n_people, inst.n_acts), dtype=bool)
    full[people] = found
    worth = (inst.values(full) + (prices * full).sum(axis=1))[people]
    for rows, bound in groups:
        who = people[rows]
        better = worth[rows] < value[who]
        value[who] = np.where(better, worth[rows], value[who])
        chosen[who] = np.where(better[:, None], found[rows], chosen[who])
        # Only sums of bounds are used: the better of the group's proven bound and
        # the sum of the relaxed ones is shared out evenly.
        proven = max(bound, float(low[who].sum()))
        low[who] = value[who] - max(float(value[who].sum()) - proven, 0.0) / len(who)


def _narrowed(
    inst: Instance,
    *,
    v: npt.NDArray[np.float64],
    const: npt.NDArray[np.float64],
    people: npt.NDArray[np.int64],
    value: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The places a plan better than each person's known one may take, and those it must."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    open_ = np.zeros((len(people), inst.n_acts), dtype=bool)
    must = np.zeros((len(people), inst.n_acts), dtype=bool)
    step = max(_CHUNK_CELLS // max(inst.n_acts * inst.width, 1), 1)
    for start in range(0, len(people), step):
        part = slice(start, start + step)
        who = people[part]
        out = ~inst.candidate[who]
        with_place, without = forced_values(
            inst, np.where(out, np.inf, v[who]), who, np.zeros(out.shape, dtype=bool)
        )
        c = const[who][:, None]
        incumbent = value[who][:, None]
        slack = 1e-9 * np.maximum(np.abs(incumbent), 1.0)
        open_[part] = ~out & (with_place + c <= incumbent + slack)
        must[part] = open_[part] & (without + c > incumbent + slack)
    return open_, must


def _group(
    inst: Instance,
    *,
    prices: npt.NDArray[np.float64],
    people: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int64],
    open_: npt.NDArray[np.bool_],
    must: npt.NDArray[np.bool_],
    found: npt.NDArray[np.bool_],
    node_limit: int,
    deadline: float | None,
) -> float | None:
    """One group's programme: its plans written to ``found``; returns its proven bound."""
    import time  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    from asn_competency.planning import _milp  # noqa: PLC0415

    pairs: list[tuple[int, int]] = []
    mine: list[list[tuple[int, Activity]]] = []
    for r in rows.tolist():
        cols = []
        for a in np.flatnonzero(open_[r]).tolist():
            cols.append((len(pairs), inst.acts[a]))
            pairs.append((r, a))
        mine.append(cols)
    model = _milp.Model(pairs, [float(prices[people[r], a]) for r, a in pairs], 1.0)
    for j, (r, a) in enumerate(pairs):
        if must[r, a]:
            model.lb[j] = 1.0
    for k, r in enumerate(rows.tolist()):
        _milp.person_rows(model, inst.people[int(people[r])], mine[k], inst.policy)
    left = None if deadline is None else max(deadline - time.monotonic(), 1e-3)
    x, _, _, bound = _milp.solve(
        model, node_limit=node_limit, time_limit=left, mip_rel_gap=1e-9, presolve=False
    )
    if x is None or bound is None:
        return None
    for (r, a), on in zip(pairs, x, strict=True):
        found[r, a] = on
    return bound
