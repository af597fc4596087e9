"""Benchmark: optimal mentor matching against networkx's min-cost flow on the same instance.

The instance (deterministic seed): mentors and mentees spread over work units,
each unit with 20 mentors and 4 times as many mentees; the policy keeps mentors in
the mentee's unit, so every mentee has about 20 eligible mentors; capacity 4.

``match_mentors`` is timed end to end, from the domain objects to the result.
The reference builds the same eligible pairs in plain Python (outside its timer)
and solves the flow problem with ``networkx.min_cost_flow`` (integer weights).

A second instance puts everyone in one pool (``--one-component``): 20,000
mentors and 80,000 mentees, no unit rule, and 12,000 technical competencies of
which each mentor holds levels in six and each mentee needs three, so that a
mentee again has about 20 eligible mentors, but the eligible pairs form one
connected component. Its reference is the same assignment as a linear programme
(a transportation problem, whose optimum is integral) solved by HiGHS through
``scipy.optimize.linprog``, since networkx's min-cost flow does not finish in
reasonable time on it.

Run: ``python benchmarks/matching.py`` (5,000 mentors, 20,000 mentees by unit,
then 20,000 x 80,000 in one component; the references take minutes),
``--skip-reference`` for ours only, or ``--quick``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
import tracemalloc

from asn_competency import Employee
from asn_competency.domain.mentoring import CompetencyNeed, MenteeNeed
from asn_competency.matching.match import match_mentors
from asn_competency.policies.matching import MatchingPolicy

COMPETENCIES = ("MJ.INT", "MJ.KS", "MJ.KOM", "MJ.OH", "MJ.PP", "MJ.PDOL")
PER_UNIT = 20
CAPACITY = 4


def _nip(birth: dt.date, year: int, serial: int) -> str:
    # Birth date, TMT CPNS (year, month 01), gender 1, a three-digit sequence.
    return f"{birth:%Y%m%d}{year}01{1 + serial % 2}{1 + serial // 2 % 999:03d}"


def build(
    n_mentors: int, seed: int = 20240101
) -> tuple[list[Employee], list[MenteeNeed], list[Employee], dict[tuple[str, str], float]]:
    """Build mentors, mentees' needs, mentees' records and the mentors' levels."""
    rng = random.Random(seed)
    units = n_mentors // PER_UNIT
    mentors: list[Employee] = []
    mentees: list[Employee] = []
    needs: list[MenteeNeed] = []
    levels: dict[tuple[str, str], float] = {}
    serial = 0
    day = dt.date(1970, 1, 1)
    for u in range(units):
        unit = f"Unit {u:04d}"
        for _ in range(PER_UNIT):
            serial += 1
            birth = day + dt.timedelta(days=serial // 1998)
            e = Employee(
                nip=_nip(birth, 2000, serial),
                name=f"Mentor {serial}",
                agency="Pemprov",
                unit=unit,
                region="Lampung",
                tier=rng.choice(["pengawas", "administrator"]),
            )
            mentors.append(e)
            for c in COMPETENCIES:
                levels[(e.nip, c)] = float(rng.randint(1, 5))
        for _ in range(PER_UNIT * CAPACITY):
            serial += 1
            birth = day + dt.timedelta(days=serial // 1998)
            e = Employee(
                nip=_nip(birth, 2023, serial),
                name=f"CPNS {serial}",
                agency="Pemprov",
                unit=unit,
                region="Lampung",
                tier="pelaksana",
            )
            mentees.append(e)
            chosen = rng.sample(COMPETENCIES, 3)
            needs.append(
                MenteeNeed(
                    nip=e.nip,
                    needs=[
                        CompetencyNeed(
                            competency_id=c,
                            required=rng.randint(2, 4),
                            importance=rng.randint(1, 3),
                        )
                        for c in chosen
                    ],
                )
            )
    return mentors, needs, mentees, levels


def build_pool(
    n_mentors: int, n_competencies: int, seed: int = 20240102
) -> tuple[list[Employee], list[MenteeNeed], list[Employee], dict[tuple[str, str], float]]:
    """One pool: technical competencies spread thin, so eligible pairs form one component."""
    rng = random.Random(seed)
    comps = [f"TK.{c:05d}" for c in range(n_competencies)]
    mentors: list[Employee] = []
    mentees: list[Employee] = []
    needs: list[MenteeNeed] = []
    levels: dict[tuple[str, str], float] = {}
    day = dt.date(1970, 1, 1)
    for serial in range(1, n_mentors * (1 + CAPACITY) + 1):
        birth = day + dt.timedelta(days=serial // 1998)
        if serial <= n_mentors:
            e = Employee(
                nip=_nip(birth, 2000, serial),
                name=f"Mentor {serial}",
                agency="Pemprov",
                unit=f"Unit {serial % 250:04d}",
                region="Lampung",
                tier=rng.choice(["pengawas", "administrator"]),
            )
            mentors.append(e)
            for c in rng.sample(comps, 6):
                levels[(e.nip, c)] = float(rng.randint(1, 5))
            continue
        e = Employee(
            nip=_nip(birth, 2023, serial),
            name=f"CPNS {serial}",
            agency="Pemprov",
            unit=f"Unit {serial % 250:04d}",
            region="Lampung",
            tier="pelaksana",
        )
        mentees.append(e)
        needs.append(
            MenteeNeed(
                nip=e.nip,
                needs=[
                    CompetencyNeed(
                        competency_id=c, required=rng.randint(2, 4), importance=rng.randint(1, 3)
                    )
                    for c in rng.sample(comps, 3)
                ],
            )
        )
    return mentors, needs, mentees, levels


def pool_edges(
    mentors: list[Employee], needs: list[MenteeNeed], levels: dict[tuple[str, str], float]
) -> list[tuple[str, str, int]]:
    """Eligible pairs of the pool and their integer scores, in plain Python."""
    holders: dict[str, list[tuple[str, float]]] = {}
    for (nip, c), level in levels.items():
        holders.setdefault(c, []).append((nip, level))
    edges = []
    for need in needs:
        total = sum(n.importance for n in need.needs)
        got: dict[str, int] = {}
        for n in need.needs:
            for nip, level in holders.get(n.competency_id, ()):
                if level >= n.required:
                    got[nip] = got.get(nip, 0) + n.importance
        for nip, imp in got.items():
            edges.append((nip, need.nip, round(round(imp / total, 6) * 1_000_000)))
    return edges


def reference_lp(edges: list[tuple[str, str, int]], n_mentees: int) -> int:
    """Maximum total integer score as a transportation programme (HiGHS via linprog)."""
    import numpy as np  # noqa: PLC0415
    from scipy.optimize import linprog  # type: ignore[import-untyped]  # noqa: PLC0415
    from scipy.sparse import csr_array, vstack  # type: ignore[import-untyped]  # noqa: PLC0415

    mentor_id: dict[str, int] = {}
    mentee_id: dict[str, int] = {}
    rows_m = np.asarray([mentor_id.setdefault(m, len(mentor_id)) for m, _, _ in edges])
    rows_e = np.asarray([mentee_id.setdefault(e, len(mentee_id)) for _, e, _ in edges])
    weight = np.asarray([w for _, _, w in edges], dtype=np.float64)
    cols = np.arange(len(edges))
    a_ub = vstack(
        [
            csr_array((np.ones(len(edges)), (rows_e, cols)), shape=(len(mentee_id), len(edges))),
            csr_array((np.ones(len(edges)), (rows_m, cols)), shape=(len(mentor_id), len(edges))),
        ]
    ).tocsr()
    b_ub = np.concatenate([np.ones(len(mentee_id)), np.full(len(mentor_id), CAPACITY)])
    res = linprog(-weight, A_ub=a_ub, b_ub=b_ub, bounds=(0, 1), method="highs")
    return round(-res.fun)


def reference_edges(
    mentors: list[Employee],
    needs: list[MenteeNeed],
    mentees: list[Employee],
    levels: dict[tuple[str, str], float],
) -> list[tuple[str, str, int]]:
    """Eligible pairs and their integer scores, computed independently in plain Python."""
    by_unit: dict[str, list[Employee]] = {}
    for m in mentors:
        by_unit.setdefault(m.unit, []).append(m)
    unit_of = {e.nip: e.unit for e in mentees}
    edges = []
    for need in needs:
        total = sum(n.importance for n in need.needs)
        for m in by_unit.get(unit_of[need.nip], []):
            got = sum(
                n.importance for n in need.needs if levels[(m.nip, n.competency_id)] >= n.required
            )
            if got > 0:
                edges.append((m.nip, need.nip, round(round(got / total, 6) * 1_000_000)))
    return edges


def reference(edges: list[tuple[str, str, int]], mentors: list[Employee], n_mentees: int) -> int:
    """Maximum total integer score by networkx.min_cost_flow."""
    import networkx as nx  # noqa: PLC0415 - imported where the reference runs

    g: nx.DiGraph[object] = nx.DiGraph()
    g.add_node("s", demand=-n_mentees)
    g.add_node("t", demand=n_mentees)
    g.add_edge("s", "t", capacity=n_mentees, weight=0)
    for mentor, mentee, w in edges:
        g.add_edge("s", ("e", mentee), capacity=1, weight=0)
        g.add_edge(("e", mentee), ("m", mentor), capacity=1, weight=-w)
    for m in mentors:
        g.add_edge(("m", m.nip), "t", capacity=CAPACITY, weight=0)
    # Mentees with no edge still need a way to the sink.
    for node in [n for n in g.nodes if isinstance(n, tuple) and n[0] == "e"]:
        g.add_edge(node, "t", capacity=1, weight=0)
    g.remove_edge("s", "t")
    flow = nx.min_cost_flow(g)
    return -int(nx.cost_of_flow(g, flow))


def run_case(
    name: str,
    built: tuple[list[Employee], list[MenteeNeed], list[Employee], dict[tuple[str, str], float]],
    policy: MatchingPolicy,
    *,
    skip_reference: bool,
    pooled: bool,
) -> dict[str, object]:
    """Time ``match_mentors`` end to end on one instance and compare with its reference."""
    import networkx  # noqa: F401, PLC0415 - imported before any timer starts
    import scipy.sparse.csgraph  # type: ignore[import-untyped, unused-ignore]  # noqa: F401, PLC0415

    mentors, needs, mentees, levels = built
    print(f"{name}: {len(mentors):,} mentors, {len(needs):,} mentees, capacity {CAPACITY}")
    t0, c0 = time.perf_counter(), time.process_time()
    result = match_mentors(needs, mentors, levels=levels, employees=mentees, policy=policy)
    ours_s = time.perf_counter() - t0
    ours_cpu_s = time.process_time() - c0
    ours_total = round(sum(round(p.score * 1_000_000) for p in result.pairs))
    print(
        f"  ours:      {ours_s:8.3f} s ({ours_cpu_s:.3f} s CPU)  total {ours_total:,} "
        f"({len(result.pairs):,} pairs)"
    )
    tracemalloc.start()
    match_mentors(needs, mentors, levels=levels, employees=mentees, policy=policy)
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"  ours peak: {peak_mb:8.1f} MB (tracemalloc, second run)")
    edges = (
        pool_edges(mentors, needs, levels)
        if pooled
        else reference_edges(mentors, needs, mentees, levels)
    )
    largest = _largest_component(edges)
    print(
        f"  eligible pairs: {len(edges):,} ({len(edges) / len(needs):.1f} per mentee), "
        f"largest connected component {largest:,} people"
    )
    reference_s: float | None = None
    reference_total: int | None = None
    if not skip_reference:
        t0 = time.perf_counter()
        if pooled:
            reference_total = reference_lp(edges, len(needs))
        else:
            reference_total = reference(edges, mentors, len(needs))
        reference_s = time.perf_counter() - t0
        what = "HiGHS linear programme" if pooled else "networkx.min_cost_flow"
        print(f"  reference: {reference_s:8.3f} s  total {reference_total:,} ({what})")
        same = reference_total == ours_total
        print(f"  speedup:   {reference_s / ours_s:8.1f}x  same total: {same}")
    return {
        "mentors": len(mentors),
        "mentees": len(needs),
        "eligible_pairs": len(edges),
        "largest_component": largest,
        "ours_s": round(ours_s, 4),
        "ours_cpu_s": round(ours_cpu_s, 4),
        "reference_s": None if reference_s is None else round(reference_s, 4),
        "speedup": None if reference_s is None else round(reference_s / ours_s, 2),
        "ours_total": ours_total,
        "reference_total": reference_total,
        "peak_mb": round(peak_mb, 1),
    }


def _largest_component(edges: list[tuple[str, str, int]]) -> int:
    """People in the largest connected component of the eligible pairs."""
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m, e, _ in edges:
        a, b = find(("m", m)), find(("e", e))
        if a != b:
            parent[a] = b
    sizes: dict[object, int] = {}
    for x in list(parent):
        r = find(x)
        sizes[r] = sizes.get(r, 0) + 1
    return max(sizes.values(), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="mentors by unit (mentees: 4x)")
    parser.add_argument("--pool", type=int, default=20000, help="mentors in the one pool")
    parser.add_argument(
        "--quick", action="store_true", help="small instances (200 and 800 mentors)"
    )
    parser.add_argument("--skip-reference", action="store_true", help="time only our solver")
    args = parser.parse_args()
    n = 200 if args.quick else args.n
    pool = 800 if args.quick else args.pool
    by_unit = MatchingPolicy(
        name="benchmark",
        version="1",
        same_unit=True,
        min_golongan_gap=None,
        default_capacity=CAPACITY,
    )
    one_pool = MatchingPolicy(
        name="benchmark-pool", version="1", min_golongan_gap=None, default_capacity=CAPACITY
    )
    unit_case = run_case(
        "by unit", build(n), by_unit, skip_reference=args.skip_reference, pooled=False
    )
    pool_case = run_case(
        "one component",
        build_pool(pool, pool * 3 // 5),
        one_pool,
        skip_reference=args.skip_reference,
        pooled=True,
    )
    print(json.dumps({**unit_case, "one_component": pool_case}))


if __name__ == "__main__":
    main()
