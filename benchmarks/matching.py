"""Benchmark: optimal mentor matching against networkx's min-cost flow on the same instance.

The instance (deterministic seed): mentors and mentees spread over work units,
each unit with 20 mentors and 4 times as many mentees; the policy keeps mentors in
the mentee's unit, so every mentee has about 20 eligible mentors; capacity 4.

``match_mentors`` is timed end to end, from the domain objects to the result.
The reference builds the same eligible pairs in plain Python (outside its timer)
and solves the flow problem with ``networkx.min_cost_flow`` (integer weights).

Run: ``python benchmarks/matching.py`` (5,000 mentors, 20,000 mentees; the
reference takes minutes) or ``python benchmarks/matching.py --quick``.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="number of mentors (mentees: 4x)")
    parser.add_argument("--quick", action="store_true", help="a small instance (200 mentors)")
    parser.add_argument("--skip-reference", action="store_true", help="time only our solver")
    args = parser.parse_args()
    n = 200 if args.quick else args.n
    mentors, needs, mentees, levels = build(n)
    policy = MatchingPolicy(
        name="benchmark",
        version="1",
        same_unit=True,
        min_golongan_gap=None,
        default_capacity=CAPACITY,
    )
    print(f"instance: {len(mentors):,} mentors, {len(needs):,} mentees, capacity {CAPACITY}")

    # Import both libraries before any timer starts.
    import networkx  # noqa: F401, PLC0415
    import scipy.sparse.csgraph  # type: ignore[import-untyped, unused-ignore]  # noqa: F401, PLC0415

    t0 = time.perf_counter()
    result = match_mentors(needs, mentors, levels=levels, employees=mentees, policy=policy)
    ours_s = time.perf_counter() - t0
    ours_total = round(sum(round(p.score * 1_000_000) for p in result.pairs))
    print(f"ours:      {ours_s:8.3f} s  total {ours_total:,} ({len(result.pairs):,} pairs)")

    tracemalloc.start()
    match_mentors(needs, mentors, levels=levels, employees=mentees, policy=policy)
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"ours peak: {peak_mb:8.1f} MB (tracemalloc, second run)")

    edges = reference_edges(mentors, needs, mentees, levels)
    print(f"eligible pairs: {len(edges):,} ({len(edges) / len(needs):.1f} per mentee)")
    reference_s: float | None = None
    reference_total: int | None = None
    if not args.skip_reference:
        t0 = time.perf_counter()
        reference_total = reference(edges, mentors, len(needs))
        reference_s = time.perf_counter() - t0
        print(
            f"reference: {reference_s:8.3f} s  total {reference_total:,} (networkx.min_cost_flow)"
        )
        print(
            f"speedup:   {reference_s / ours_s:8.1f}x  same total: {reference_total == ours_total}"
        )
    print(
        json.dumps(
            {
                "mentors": len(mentors),
                "mentees": len(needs),
                "eligible_pairs": len(edges),
                "ours_s": round(ours_s, 4),
                "reference_s": None if reference_s is None else round(reference_s, 4),
                "speedup": None if reference_s is None else round(reference_s / ours_s, 2),
                "ours_total": ours_total,
                "reference_total": reference_total,
                "peak_mb": round(peak_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
