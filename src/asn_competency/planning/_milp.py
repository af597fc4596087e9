"""The exact model: a mixed-integer programme solved by HiGHS (package-private).

Kept for small plans, where HiGHS proves the optimum quickly, and as the
oracle the scalable planner is tested against.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Iterator
from typing import Any

from asn_competency.domain.development import Activity
from asn_competency.planning._inputs import Person
from asn_competency.policies.planning import PlanningPolicy

__all__: list[str] = []


class Model:
    """A MILP in the form :func:`scipy.optimize.milp` takes, built a row at a time.

    The first ``len(pairs)`` columns are the binaries ``x[p,a]``; continuous
    columns (gap closed, JP missing, formal excess) follow.
    """

    def __init__(self, pairs: list[tuple[int, int]], costs: list[float], cost_scale: float) -> None:
        self.pairs = pairs
        self.cost_scale = cost_scale
        self.c = list(costs)
        self.lb = [0.0] * len(pairs)
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
        self.lb.append(0.0)
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


def build(
    people: list[Person],
    acts: tuple[Activity, ...],
    *,
    budget: float,
    unit_budgets: dict[str, float],
    policy: PlanningPolicy,
) -> Model:
    """Build the exact model: one binary per useful place, rows per person and coupling rows."""
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
    model = Model(
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
    for unit, limit in sorted(unit_budgets.items()):
        spend = [(j, acts[ai].cost) for j, (pi, ai) in enumerate(pairs) if people[pi].unit == unit]
        if any(v for _, v in spend):
            model.row([(j, v) for j, v in spend if v], -_INF, limit)
    for pi, p in enumerate(people):
        person_rows(model, p, [(j, acts[pairs[j][1]]) for j in by_person[pi]], policy)
    return model


def _useful(
    p: Person, fits: list[Activity], indices: list[int], policy: PlanningPolicy
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


def person_rows(
    model: Model, p: Person, mine: list[tuple[int, Activity]], policy: PlanningPolicy
) -> None:
    """Add one person's JP, blend and gap-closing columns and rows."""
    jp_entries = [(j, float(a.jp)) for j, a in mine if a.jp]
    if p.need > 0:
        missing = model.var(policy.jp_penalty, p.need)
        # A place gives at most the JP still needed: the same plans, a tighter relaxation.
        capped = [(j, min(v, p.need)) for j, v in jp_entries]
        model.row([*capped, (missing, 1.0)], p.need, _INF)
    if p.room is not None and sum(v for _, v in jp_entries) > p.room + 1e-9:
        model.row(jp_entries, -_INF, p.room)
    share = policy.blend["formal"]
    excess = [(j, (policy.is_formal(a.route) - share) * a.jp) for j, a in mine if a.jp]
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


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Send what the solver library prints to the process's stdout and stderr nowhere.

    HiGHS writes some warnings straight to the file descriptors, past Python's
    ``sys.stdout``; a library must not print.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.flush()
    saved: list[tuple[int, int]] = []
    try:
        sink = os.open(os.devnull, os.O_WRONLY)
    except OSError:  # pragma: no cover - no null device: leave the streams alone
        yield
        return
    try:
        for fd in (1, 2):
            try:
                saved.append((fd, os.dup(fd)))
            except OSError:  # pragma: no cover - the descriptor is closed
                continue
            os.dup2(sink, fd)
        yield
    finally:
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)
        os.close(sink)


def solve(
    model: Model,
    *,
    node_limit: int,
    time_limit: float | None,
    mip_rel_gap: float,
    presolve: bool,
) -> tuple[list[bool] | None, str, str, float | None]:
    """Return the solver's plan (``None`` if it found none), status, message and bound.

    The work is bounded by ``node_limit`` branch-and-bound nodes, so that the same
    model gives the same plan however loaded the machine is; ``time_limit`` adds a
    wall-clock bound when the caller asks for one.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.optimize import (  # type: ignore[import-untyped]  # noqa: PLC0415
        Bounds,
        LinearConstraint,
        milp,
    )

    a = _matrix(model)
    options: dict[str, Any] = {
        "mip_rel_gap": mip_rel_gap,
        "presolve": presolve,
        "node_limit": node_limit,
        "disp": False,
    }
    if time_limit is not None:
        options["time_limit"] = max(time_limit, 1e-3)
    with quiet():
        res = milp(
            np.asarray(model.c),
            integrality=np.asarray(model.integrality),
            options=options,
            constraints=LinearConstraint(a, np.asarray(model.row_lb), np.asarray(model.row_ub)),
            bounds=Bounds(np.asarray(model.lb), np.asarray(model.ub)),
        )
    bound = getattr(res, "mip_dual_bound", None)
    bound = None if bound is None or not math.isfinite(bound) else float(bound)
    chosen = None if res.x is None else [bool(v > 0.5) for v in res.x[: len(model.pairs)]]
    status = {0: "optimal", 1: "limit"}.get(res.status, "failed")
    return chosen, status, str(res.message), bound


def _matrix(model: Model) -> Any:
    """The constraint matrix as a SciPy sparse array."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.sparse import csr_array  # type: ignore[import-untyped]  # noqa: PLC0415

    return csr_array(
        (np.asarray(model.vals), (np.asarray(model.rows), np.asarray(model.cols))),
        shape=(len(model.row_lb), len(model.c)),
    )
