"""The restricted master programme of column generation (package-private).

Each column is one person's whole plan with its exact value, cost and seats.
The master chooses a convex combination of columns per person so that the
budget, the unit budgets and the capacities hold; its duals price those rows
for the next round of per-person optima, and its solution guides the plan.

References:
    G. B. Dantzig and P. Wolfe, "Decomposition principle for linear programs",
    Operations Research 8 (1960) 101-111.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from asn_competency.planning._model import Instance

__all__: list[str] = []


class Master:
    """The columns found so far, and the master programme over them."""

    def __init__(self, inst: Instance) -> None:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        self.inst = inst
        self.seen: set[bytes] = set()
        self.person: list[int] = []
        self.plans: list[npt.NDArray[np.bool_]] = []
        self.values: list[float] = []
        self.capped = np.flatnonzero(np.isfinite(inst.capacity))
        empty = np.zeros((inst.n_people, inst.n_acts), dtype=bool)
        self.add(empty)

    def add(self, chosen: npt.NDArray[np.bool_]) -> int:
        """Add each person's plan in ``chosen`` unless that person already has it."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        packed = np.packbits(chosen, axis=1)
        values = self.inst.values(chosen)
        new = 0
        for pi in range(self.inst.n_people):
            key = pi.to_bytes(4, "little") + packed[pi].tobytes()
            if key in self.seen:
                continue
            self.seen.add(key)
            self.person.append(pi)
            self.plans.append(chosen[pi].copy())
            self.values.append(float(values[pi]))
            new += 1
        return new

    def solve(self) -> tuple[dict[str, Any], npt.NDArray[np.float64]] | None:
        """Solve the master; return the row prices and the columns' weights (None if it fails)."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
        from scipy.optimize import linprog  # type: ignore[import-untyped]  # noqa: PLC0415
        from scipy.sparse import csr_array, vstack  # type: ignore[import-untyped]  # noqa: PLC0415

        from asn_competency.planning._milp import quiet  # noqa: PLC0415

        inst = self.inst
        plans = np.asarray(self.plans, dtype=bool)
        person = np.asarray(self.person, dtype=np.int64)
        n_cols = len(person)
        value = np.asarray(self.values)
        tie = inst.policy.cost_weight / inst.cost_scale
        cost = plans @ inst.cost
        value = value + tie * cost
        eq = csr_array(
            (np.ones(n_cols), (person, np.arange(n_cols))), shape=(inst.n_people, n_cols)
        )
        ub_rows = []
        ub_rhs = []
        if inst.budget > 0 or cost.any():
            ub_rows.append(csr_array(cost[None, :]))
            ub_rhs.append(inst.budget)
        for u, limit in enumerate(inst.unit_budgets.tolist()):
            mine = inst.unit_of[person] == u
            ub_rows.append(csr_array(np.where(mine, cost, 0.0)[None, :]))
            ub_rhs.append(limit)
        if len(self.capped):
            ub_rows.append(csr_array(plans[:, self.capped].T.astype(np.float64)))
            ub_rhs.extend(inst.capacity[self.capped].tolist())
        a_ub = vstack(ub_rows).tocsr() if ub_rows else None
        with quiet():
            res = linprog(
                value,
                A_ub=a_ub,
                b_ub=np.asarray(ub_rhs) if ub_rows else None,
                A_eq=eq,
                b_eq=np.ones(inst.n_people),
                bounds=(0, None),
                method="highs",
            )
        if res.status != 0:
            return None
        marg = -np.asarray(res.ineqlin.marginals)
        k = 0
        prices: dict[str, Any] = {"budget": 0.0}
        if inst.budget > 0 or cost.any():
            prices["budget"] = float(max(marg[0], 0.0))
            k = 1
        n_u = len(inst.unit_budgets)
        prices["units"] = np.maximum(marg[k : k + n_u], 0.0)
        k += n_u
        seats = np.zeros(inst.n_acts)
        seats[self.capped] = np.maximum(marg[k:], 0.0)
        prices["seats"] = seats
        prices["objective"] = float(res.fun)
        return prices, np.asarray(res.x)

    def rounded(self, weights: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
        """Each person's column of largest weight (ties: the one found first)."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        inst = self.inst
        person = np.asarray(self.person, dtype=np.int64)
        order = np.lexsort((np.arange(len(person)), -weights, person))
        first = np.ones(len(order), dtype=bool)
        first[1:] = person[order][1:] != person[order][:-1]
        pick = order[first]
        chosen = np.zeros((inst.n_people, inst.n_acts), dtype=bool)
        plans = np.asarray(self.plans, dtype=bool)
        chosen[person[pick]] = plans[pick]
        return chosen
