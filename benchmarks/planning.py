"""Benchmark: the scalable planner against the exact programme and a greedy reference.

Builds synthetic regions (people with managerial gaps, a catalogue of classroom,
mentoring, coaching, e-learning and internship activities, a budget that binds)
and plans each in the same run:

* ours: :func:`asn_competency.planning.planner.plan_development` with
  ``method="lagrangian"`` (Lagrangian relaxation, exact per-person optima, column
  generation), which reports a proven bound;
* the exact programme (``method="milp"``, HiGHS) where it finishes within
  ``--milp-limit`` seconds;
* a lazy greedy that repeatedly takes the (person, activity) place with the best
  gain per rupiah under the same objective and constraints.

The reference time is the exact programme's where it finished, else the
greedy's. Every plan is scored with the same objective (``value``: gap closed
minus penalties, higher is better) and compared with our proven bound. The sizes
are 1,000 x 60, 5,000 x 60 and 50,000 x 200 (people x activities); the last
line is one JSON object with the 5,000 x 60 figures at the top and every size
under ``sizes``. ``--quick`` runs 200 x 20 and 500 x 30 only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import random
import resource
import sys
import time
from collections.abc import Sequence

from asn_competency.domain.assessment import Assessment
from asn_competency.domain.development import Activity, Route, Target
from asn_competency.domain.employee import Employee, EmploymentStatus
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.gaps.individual import GapReport, analyse_gaps
from asn_competency.planning.planner import plan_development
from asn_competency.policies.planning import PLANNING_DEFAULT

COMPETENCIES = ("MJ.INT", "MJ.KS", "MJ.KOM", "MJ.OH", "MJ.PP", "MJ.PDO", "MJ.MP", "MJ.PK", "SK.PB")
YEAR = 2026
ASSESSED = dt.date(2025, 2, 1)
ROUTES = (
    (Route.PELATIHAN_MANAJERIAL, (24, 40), (3_000_000, 8_000_000), (25, 40)),
    (Route.WORKSHOP, (5, 16), (1_000_000, 3_000_000), (30, 60)),
    (Route.BIMBINGAN_TEKNIS, (4, 16), (800_000, 2_500_000), (30, 60)),
    (Route.MENTORING, (2, 10), (200_000, 800_000), (40, 120)),
    (Route.COACHING, (2, 10), (300_000, 1_000_000), (40, 120)),
    (Route.E_LEARNING, (3, 20), (50_000, 400_000), (300, 2000)),
    (Route.MAGANG, (20, 20), (500_000, 2_000_000), (10, 30)),
)


def make_nip(i: int, rnd: random.Random, *, pppk: bool) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=rnd.randrange(0, 11_000))
    year = min(birth.year + 22 + rnd.randrange(0, 10), 2024)
    middle = 21 if pppk else 1 + i % 12
    return f"{birth:%Y%m%d}{year:04d}{middle:02d}{1 + i % 2}{1 + i % 999:03d}"


def make_instance(
    n_people: int, n_activities: int, seed: int
) -> tuple[list[GapReport], list[Activity], list[Employee], float]:
    rnd = random.Random(seed)
    reports: list[GapReport] = []
    employees: list[Employee] = []
    seen: set[str] = set()
    i = 0
    while len(reports) < n_people:
        i += 1
        nip = make_nip(i, rnd, pppk=rnd.random() < 0.2)
        if nip in seen:
            continue
        seen.add(nip)
        required = rnd.choice((2, 3, 3, 4))
        std = PositionStandard(
            position_id=f"POS-{required}",
            framework_id="asn-national",
            requirements=[
                Requirement(competency_id=c, level=required, importance=rnd.choice((1, 1, 2, 3)))
                for c in COMPETENCIES
            ],
        )
        levels = [
            Assessment(
                nip=nip,
                competency_id=c,
                level=max(required - rnd.choice((0, 0, 0, 1, 1, 2)), 1),
                assessed_on=ASSESSED,
            )
            for c in COMPETENCIES
        ]
        reports.append(analyse_gaps(levels, std, nip=nip))
        employees.append(Employee(nip=nip, name=f"Pegawai {i}"))
    catalogue: list[Activity] = []
    for k in range(n_activities):
        route, jp, cost, cap = ROUTES[k % len(ROUTES)]
        targets = rnd.sample(COMPETENCIES, rnd.randint(1, 3))
        catalogue.append(
            Activity(
                id=f"ACT-{k:03d}",
                title=f"{route.value} {k}",
                route=route,
                targets=[
                    Target(competency_id=c, uplift=rnd.choice((0.5, 1.0, 1.0, 2.0)))
                    for c in targets
                ],
                jp=float(rnd.randint(*jp)),
                cost=float(rnd.randrange(cost[0], cost[1] + 1, 50_000)),
                capacity=rnd.randint(*cap) * max(n_people // 500, 1),
                start=dt.date(YEAR, 1 + k % 12, 1),
            )
        )
    budget = 1_200_000.0 * n_people
    return reports, catalogue, employees, budget


# ----------------------------------------------------------------- reference


class Person:
    def __init__(self, report: GapReport, status: EmploymentStatus) -> None:
        self.gaps = {
            i.competency_id: (float(i.shortfall or 0.0), i.importance)
            for i in report.below()
            if i.importance > 0
        }
        self.need = 20.0 if status is EmploymentStatus.PNS else 0.0
        self.room = 24.0 if status is EmploymentStatus.PPPK else None
        self.taken: list[Activity] = []

    def value(self, taken: Sequence[Activity]) -> float:
        """Gap closed minus the JP and blend penalties (higher is better)."""
        policy = PLANNING_DEFAULT
        jp = sum(a.jp for a in taken)
        formal = sum(a.jp for a in taken if policy.is_formal(a.route))
        score = -policy.jp_penalty * max(self.need - jp, 0.0)
        score -= policy.blend_penalty * max(formal - policy.blend["formal"] * jp, 0.0)
        return score + self.gap_closed(taken)

    def gap_closed(self, taken: Sequence[Activity]) -> float:
        """Importance-weighted levels closed under the default route rules."""
        policy = PLANNING_DEFAULT
        score = 0.0
        for c, (shortfall, importance) in self.gaps.items():
            on = [a for a in taken if a.uplift(c) > 0]
            if policy.is_large(shortfall) and not all(
                any(a.route in group for a in on) for group in policy.large_gap_requires
            ):
                continue
            credit = sum(a.uplift(c) for a in on if policy.credits(a.route, shortfall))
            score += importance * min(shortfall, credit)
        return score


def greedy(
    reports: list[GapReport], catalogue: list[Activity], employees: list[Employee], budget: float
) -> tuple[list[Person], float]:
    status = {e.nip: e.status for e in employees}
    people = [Person(r, status[r.nip]) for r in sorted(reports, key=lambda r: r.nip)]
    acts = sorted(catalogue, key=lambda a: a.id)
    used = [0] * len(acts)
    left = budget

    def ratio(pi: int, ai: int) -> float:
        p, a = people[pi], acts[ai]
        gain = p.value([*p.taken, a]) - p.value(p.taken)
        return gain / a.cost if a.cost > 0 else gain * 1e12

    heap = [(-ratio(pi, ai), pi, ai) for pi in range(len(people)) for ai in range(len(acts))]
    heapq.heapify(heap)
    while heap:
        _, pi, ai = heapq.heappop(heap)
        p, a = people[pi], acts[ai]
        if a.cost > left or (a.capacity is not None and used[ai] >= a.capacity):
            continue
        if p.room is not None and sum(x.jp for x in p.taken) + a.jp > p.room:
            continue
        current = ratio(pi, ai)
        if heap and current < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-current, pi, ai))
            continue
        if current <= 0:
            continue
        p.taken.append(a)
        used[ai] += 1
        left -= a.cost
    return people, budget - left


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if sys.platform == "darwin":  # pragma: no cover - ru_maxrss is in bytes there
        peak /= 1024
    return float(peak)


def run_size(
    n: int, n_acts: int, *, seed: int, milp_limit: float, time_limit: float | None
) -> dict[str, object]:
    """Plan one region three ways; return the figures."""
    reports, catalogue, employees, budget = make_instance(n, n_acts, seed)
    print(f"{n:,} people x {n_acts} activities, budget {budget:,.0f}")
    acts = {a.id: a for a in catalogue}
    status = {e.nip: e.status for e in employees}
    by_nip = {r.nip: Person(r, status[r.nip]) for r in reports}

    def value_of(plan: object) -> float:
        return sum(
            by_nip[p.nip].value([acts[i] for i in p.activity_ids])
            for p in plan.people  # type: ignore[attr-defined]
        )

    t0, c0 = time.perf_counter(), time.process_time()
    ours = plan_development(
        reports,
        catalogue,
        year=YEAR,
        budget=budget,
        employees=employees,
        method="lagrangian",
        time_limit=time_limit,
    )
    ours_s = time.perf_counter() - t0
    ours_cpu_s = time.process_time() - c0
    peak_mb = _peak_mb()
    ours_value = value_of(ours)
    s = ours.solver
    print(
        f"  ours      {ours_s:8.2f} s ({ours_cpu_s:.2f} s CPU)  value {ours_value:12.2f}  "
        f"{s.status}, bound {s.bound}, gap {s.mip_gap}, peak RSS {peak_mb:.0f} MB"
    )
    milp_s: float | None = None
    milp_value: float | None = None
    if milp_limit > 0:
        t0 = time.perf_counter()
        exact = plan_development(
            reports,
            catalogue,
            year=YEAR,
            budget=budget,
            employees=employees,
            method="milp",
            time_limit=milp_limit,
            mip_rel_gap=1e-4,
        )
        elapsed = time.perf_counter() - t0
        if exact.solver.status == "optimal":
            milp_s, milp_value = elapsed, value_of(exact)
        print(
            f"  exact     {elapsed:8.2f} s  {exact.solver.status}"
            + ("" if milp_value is None else f", value {milp_value:12.2f}")
        )
    t0, c0 = time.perf_counter(), time.process_time()
    people, _ = greedy(reports, catalogue, employees, budget)
    greedy_s = time.perf_counter() - t0
    greedy_cpu_s = time.process_time() - c0
    greedy_value = sum(p.value(p.taken) for p in people)
    print(f"  greedy    {greedy_s:8.2f} s  value {greedy_value:12.2f}")
    # The most each plan can fall short of the best one (values leave out the
    # tie-break, under 0.001 points in all).
    best = None if s.bound is None else -s.bound

    def short_of_best(value: float) -> float | None:
        return None if best is None else round((best - value) / max(abs(value), 1e-9), 6)

    reference_s = milp_s if milp_s is not None else greedy_s
    return {
        "n_people": n,
        "n_activities": n_acts,
        "ours_s": round(ours_s, 3),
        "ours_cpu_s": round(ours_cpu_s, 3),
        "reference_s": round(reference_s, 3),
        "reference": "milp" if milp_s is not None else "greedy",
        "speedup": round(reference_s / ours_s, 3),
        "ours_value": round(ours_value, 3),
        "milp_value": None if milp_value is None else round(milp_value, 3),
        "greedy_value": round(greedy_value, 3),
        "greedy_s": round(greedy_s, 3),
        "greedy_cpu_s": round(greedy_cpu_s, 3),
        "bound": s.bound,
        "status": s.status,
        "ours_gap_to_bound": short_of_best(ours_value),
        "greedy_gap_to_bound": short_of_best(greedy_value),
        "peak_mb": round(peak_mb, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000x60,5000x60,50000x200", help="people x activities")
    parser.add_argument("--milp-limit", type=float, default=120.0, help="seconds for the MILP")
    parser.add_argument("--time-limit", type=float, default=None, help="wall-clock limit, ours")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--quick", action="store_true", help="200 x 20 and 500 x 30")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.milp_limit = "200x20,500x30", 30.0
    sizes = [tuple(int(v) for v in part.split("x")) for part in args.sizes.split(",")]
    results = {
        f"{n}x{a}": run_size(
            n, a, seed=args.seed, milp_limit=args.milp_limit, time_limit=args.time_limit
        )
        for n, a in sizes
    }
    head = results.get("5000x60") or next(iter(results.values()))
    print(json.dumps({**head, "sizes": results}))


if __name__ == "__main__":
    main()
