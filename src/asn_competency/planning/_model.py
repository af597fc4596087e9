"""The planning model as arrays, for the scalable planner (package-private).

:class:`Instance` lays out people, activities, the coupling rows and every
(gap, activity) link as NumPy arrays, and evaluates plans (people x activities
boolean matrices) under the same objective as the exact model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from asn_competency.planning._inputs import Person

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from asn_competency.domain.development import Activity
    from asn_competency.policies.planning import PlanningPolicy

__all__: list[str] = []

_GRIDS = (1, 2, 4, 5, 10, 20, 50, 100)
"""JP grids tried, in steps per JP; the first on which every JP value lies is used."""


class Instance:
    """The planning model as arrays, for the scalable planner (package-private).

    Args:
        people: The people, sorted by NIP.
        acts: The activities held in the year, sorted by id.
        unit_of: For each person, the index of their unit budget, or -1.
        unit_budgets: The budget of each unit.
        budget: The total budget.
        policy: The planning policy.
        scale: The share of the budgets and capacities this model has (a sample
            of the people has its share of them).
    """

    def __init__(
        self,
        people: Sequence[Person],
        acts: Sequence[Activity],
        *,
        unit_of: Sequence[int],
        unit_budgets: Sequence[float],
        budget: float,
        policy: PlanningPolicy,
        scale: float = 1.0,
    ) -> None:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        self.policy = policy
        self.people = tuple(people)
        self.acts = tuple(acts)
        n_p, n_a = len(people), len(acts)
        self.n_people, self.n_acts = n_p, n_a
        self.jp = np.asarray([float(a.jp) for a in acts], dtype=np.float64)
        self.formal = np.asarray([policy.is_formal(a.route) for a in acts], dtype=bool)
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
            formal_jp: npt.NDArray[np.bool_] = self.formal & (self.jp > 0)
            dilutes = fits & (self.jp > 0)[None, :] & ~self.formal[None, :]
            has_formal = np.asarray((keep & formal_jp[None, :]).any(axis=1), dtype=bool)
            keep |= dilutes & has_formal[:, None]
        # The places the exact model has a column for.
        self.places = int(keep.sum())
        # A place nobody can pay for, or without a seat, is never taken.
        keep &= (self.cost <= self.budget + 1e-9)[None, :] & (self.capacity >= 1)[None, :]
        limited = self.unit_of >= 0
        if limited.any():
            unit_cap = np.full(n_p, math.inf)
            unit_cap[limited] = self.unit_budgets[self.unit_of[limited]]
            keep &= self.cost[None, :] <= unit_cap[:, None] + 1e-9
        self.candidate = keep
        self._grid()
        # A sample of the people shares out the coupling rows' limits pro rata.
        self.budget *= scale
        self.unit_budgets = self.unit_budgets * scale
        self.capacity = self.capacity * scale

    def size(self) -> tuple[int, int]:
        """Variables (places and gaps decided) and rows (coupling rows, one per person)."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        gaps = len(np.unique(self.link_g))
        rows = 1 + len(self.unit_budgets) + int(np.isfinite(self.capacity).sum()) + self.n_people
        return int(self.candidate.sum()) + gaps, rows

    def sample(self, size: int) -> Instance:
        """``size`` people spread evenly over the NIP order, with limits shared pro rata."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        picked = np.unique(np.linspace(0, self.n_people - 1, size).round().astype(np.int64))
        units = self.unit_budgets.tolist()
        return Instance(
            [self.people[i] for i in picked.tolist()],
            self.acts,
            unit_of=self.unit_of[picked].tolist(),
            unit_budgets=units,
            budget=self.budget,
            policy=self.policy,
            scale=len(picked) / self.n_people,
        )

    def _links(  # noqa: PLR0915 - one array pipeline, read top to bottom
        self, people: Sequence[Person], acts: Sequence[Activity]
    ) -> None:
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
            for t in a.targets:  # uplifts are > 0 (Target checks them)
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
