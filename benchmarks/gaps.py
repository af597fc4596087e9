"""Gap reports and the unit summary for a national population, against a bare Python loop.

Generates N employees (1,000,000 by default) with the nine national managerial and
socio-cultural competencies assessed, spread over 500 units, from a fixed seed, in
chunks of 100,000 people. For every chunk it times:

* ours: the columnar path of the library, ``GapColumns`` (with its checks),
  ``analyse_columns`` (weighted gap, JPM and both JPM categories per person) and
  ``summarise_columns`` (the per-unit summary, streamed over the chunks);
* reference: a hand-written loop over plain dicts doing the same arithmetic
  (per-person weighted gap, JPM and mapping category; per unit and competency the
  counts, gap sum and level distribution).

Generating the data and turning it into dicts is not timed. Peak memory
(``peak_mb``) is the tracemalloc peak of our path over two chunks (memory does not
grow with N; tracemalloc would slow the timed run), and the process's max RSS
after our run is printed too. The object path (Assessment objects,
``analyse_population`` and ``summarise_gaps``) is far slower per person; its rate
is measured on a sample (100,000 people by default) and printed too.

Run: ``python benchmarks/gaps.py [--n N] [--sample S] [--quick]``. The last line
is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import resource
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import numpy as np

from asn_competency import Assessment, Employee, PositionStandard, Requirement, national_framework
from asn_competency.gaps.columnar import GapColumns, analyse_columns
from asn_competency.gaps.individual import analyse_population
from asn_competency.gaps.summary import summarise_columns, summarise_gaps
from asn_competency.policies.jpm import JPM_MAPPING_BKN

SEED = 20240301
COMPETENCIES = national_framework().ids  # the nine, sorted
IMPORTANCE = np.array([1.0, 2.0, 1.0, 1.5, 1.0, 2.0, 1.0, 1.0, 0.5])
# Required level of the nine competencies for three tiers (pelaksana, pengawas, administrator).
TIER_LEVELS = np.array([1, 2, 3])


def _chunk(k: int, size: int, units: int) -> dict[str, Any]:
    """Return chunk k: unit and tier per person, a 9-column level matrix (deterministic)."""
    rng = np.random.default_rng([SEED, k])
    tier = rng.integers(0, 3, size)
    level = rng.integers(1, 6, (size, len(COMPETENCIES)))
    return {
        "nips": [str(k * 10_000_000 + i) for i in range(size)],  # ids only; not checked here
        "unit": rng.integers(0, units, size),
        "required": np.repeat(TIER_LEVELS[tier][:, None], len(COMPETENCIES), axis=1),
        "level": level,
    }


def _nip(i: int) -> str:
    # Birth 1960-01-01 + i days spreads numbers; sequence keeps them unique.
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=i // 999 % 12000)
    return f"{birth:%Y%m%d}{birth.year + 25}{1 + i % 12:02d}1{1 + i % 999:03d}"


def _columns(data: dict[str, Any], units: int) -> GapColumns:
    size, ncomp = data["level"].shape
    return GapColumns(
        person=np.repeat(np.arange(size), ncomp),
        competency=np.tile(np.arange(ncomp), size),
        required=data["required"].reshape(-1),
        importance=np.tile(IMPORTANCE, size),
        level=data["level"].reshape(-1).astype(np.float64),
        nips=data["nips"],
        competency_ids=COMPETENCIES,
        group=data["unit"],
        group_keys=[(f"unit-{u:03d}",) for u in range(units)],
    )


def run_ours(
    n: int, chunk: int, units: int, *, trace: bool = False
) -> tuple[float, float, dict[str, float]]:
    """Run the columnar path; return (seconds, tracemalloc peak MB or 0, totals)."""
    untimed = 0.0
    sums = {"optimal": 0.0}
    jpms: list[float] = []
    gaps: list[float] = []

    def chunks() -> Iterator[GapColumns]:
        nonlocal untimed
        for k, start in enumerate(range(0, n, chunk)):
            t = time.perf_counter()
            data = _chunk(k, min(chunk, n - start), units)
            untimed += time.perf_counter() - t
            cols = _columns(data, units)
            res = analyse_columns(cols)
            jpms.extend(res.jpm[~np.isnan(res.jpm)].tolist())
            gaps.extend(res.weighted_gap[~np.isnan(res.weighted_gap)].tolist())
            sums["optimal"] += float(np.count_nonzero(res.mapping == 0))
            yield cols

    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    summary = summarise_columns(chunks(), by="unit")
    elapsed = time.perf_counter() - t0 - untimed
    peak = 0.0
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    # Exactly rounded sums (fsum), so that both paths' totals agree to the last bit.
    sums["jpm"] = math.fsum(jpms)
    sums["weighted_gap"] = math.fsum(gaps)
    # Levels are whole numbers here, so each cell's gap sum is a whole number.
    sums["gap_sum"] = sum(
        round((c.mean_gap or 0.0) * c.assessed) for g in summary.groups for c in g.cells
    )
    sums["below"] = float(sum(r.below for r in summary.ranking))
    sums["assessed"] = float(sum(r.assessed for r in summary.ranking))
    sums["units"] = float(len(summary.groups))
    return elapsed, peak, sums


def _plain(data: dict[str, Any]) -> list[dict[str, Any]]:
    weights = dict(zip(COMPETENCIES, IMPORTANCE.tolist(), strict=True))
    out = []
    for u, req, lv in zip(
        data["unit"].tolist(), data["required"].tolist(), data["level"].tolist(), strict=True
    ):
        out.append(
            {
                "unit": f"unit-{u:03d}",
                "required": dict(zip(COMPETENCIES, req, strict=True)),
                "levels": dict(zip(COMPETENCIES, lv, strict=True)),
                "importance": weights,
            }
        )
    return out


def run_reference(  # noqa: PLR0915 - one flat loop, as a bare reference should be
    n: int, chunk: int, units: int
) -> tuple[float, dict[str, float]]:
    """Time a bare loop over plain dicts doing the same arithmetic."""
    elapsed = 0.0
    sums = {"optimal": 0.0}
    jpms: list[float] = []
    gaps: list[float] = []
    cells: dict[tuple[str, str], list[Any]] = {}
    bands = [(label, minimum) for label, minimum in JPM_MAPPING_BKN.bands]
    for k, start in enumerate(range(0, n, chunk)):
        people = _plain(_chunk(k, min(chunk, n - start), units))
        t = time.perf_counter()
        for p in people:
            unit = p["unit"]
            levels = p["levels"]
            importance = p["importance"]
            wsum = weighted = plain = got = 0.0
            need = assessed = total = 0
            for cid, req in p["required"].items():
                total += 1
                need += req
                cell = cells.get((unit, cid))
                if cell is None:
                    cell = cells[(unit, cid)] = [0, 0, 0, 0, 0.0, {}]
                lv = levels.get(cid)
                if lv is None:
                    cell[1] += 1
                    continue
                assessed += 1
                short = req - lv if lv < req else 0.0
                w = importance[cid]
                wsum += w
                weighted += w * short
                plain += short
                got += lv if lv < req else req
                cell[0] += 1
                if lv < req:
                    cell[2] += 1
                else:
                    cell[3] += 1
                cell[4] += req - lv
                cell[5][lv] = cell[5].get(lv, 0) + 1
            if assessed:
                gaps.append(weighted / wsum if wsum > 0 else plain / assessed)
            if assessed == total:
                jpm = min(got * 100.0 / need, 100.0)
                jpms.append(jpm)
                for label, minimum in bands:
                    if jpm >= minimum:
                        if label == bands[0][0]:
                            sums["optimal"] += 1
                        break
        elapsed += time.perf_counter() - t
    sums["jpm"] = math.fsum(jpms)
    sums["weighted_gap"] = math.fsum(gaps)
    sums["gap_sum"] = sum(c[4] for c in cells.values())
    sums["below"] = float(sum(c[2] for c in cells.values()))
    sums["assessed"] = float(sum(c[0] for c in cells.values()))
    sums["units"] = float(len({u for u, _ in cells}))
    return elapsed, sums


def run_objects(sample: int, units: int) -> tuple[float, float, float]:
    """Time the object path on a sample; return (build s, analyse s, JPM total)."""
    data = _chunk(0, sample, units)
    t = time.perf_counter()
    day = dt.date(2024, 3, 1)
    people = []
    levels: list[Assessment] = []
    for i in range(sample):
        nip = _nip(i)
        tier = int(data["required"][i, 0])
        people.append(
            Employee(
                nip=nip, name=f"P{i}", unit=f"unit-{data['unit'][i]:03d}", position_id=f"T{tier}"
            )
        )
        levels.extend(
            Assessment(nip=nip, competency_id=c, level=int(v), assessed_on=day)
            for c, v in zip(COMPETENCIES, data["level"][i].tolist(), strict=True)
        )
    standards = {
        f"T{lv}": PositionStandard(
            position_id=f"T{lv}",
            framework_id="asn-national",
            requirements=[
                Requirement(competency_id=c, level=lv, importance=w)
                for c, w in zip(COMPETENCIES, IMPORTANCE.tolist(), strict=True)
            ],
        )
        for lv in TIER_LEVELS.tolist()
    }
    built = time.perf_counter() - t
    t = time.perf_counter()
    jpms: list[float] = []

    def reports() -> Iterator[Any]:
        for r in analyse_population(people, levels, standards):
            jpms.append(r.jpm or 0.0)  # every competency is assessed here
            yield r

    summarise_gaps(reports(), employees=people, by="unit")
    analysed = time.perf_counter() - t
    return built, analysed, math.fsum(jpms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="employees")
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--chunk", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=100_000, help="object-path sample")
    parser.add_argument("--quick", action="store_true", help="20,000 employees, sample 2,000")
    args = parser.parse_args()
    if args.quick:
        args.n, args.sample = 20_000, 2_000

    print(f"{args.n:,} employees x {len(COMPETENCIES)} competencies, {args.units} units")
    ours_s, _, ours = run_ours(args.n, args.chunk, args.units)
    ours_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ours (columnar path):  {ours_s:.2f} s, process max RSS so far {ours_rss:.0f} MB")
    # Memory is bounded by the chunk: trace two chunks' worth (tracemalloc slows the run).
    traced = min(args.n, 2 * args.chunk)
    _, peak_mb, _ = run_ours(traced, args.chunk, args.units, trace=True)
    print(f"tracemalloc peak of our path over {traced:,} people: {peak_mb:.0f} MB")
    ref_s, ref = run_reference(args.n, args.chunk, args.units)
    print(f"reference (dict loop): {ref_s:.2f} s")
    print(f"speedup reference/ours: {ref_s / ours_s:.2f} (target >= 0.33; ours target <= 10 s)")
    for key in sorted(ours):
        print(f"  total {key:13} ours {ours[key]:.4f}  reference {ref[key]:.4f}")
    agree = all(abs(ours[k] - ref[k]) <= 1e-6 * max(1.0, abs(ref[k])) for k in ours)
    print(f"totals agree: {agree}")

    built, analysed, object_jpm = run_objects(args.sample, args.units)
    res = analyse_columns(_columns(_chunk(0, args.sample, args.units), args.units))
    columnar_jpm = math.fsum(res.jpm.tolist())
    rate = args.sample / analysed
    print(
        f"object path on {args.sample:,}: build {built:.2f} s, analyse + summary {analysed:.2f} s "
        f"({rate:,.0f} people/s, about {args.n / rate:.0f} s for {args.n:,})"
    )
    print(f"JPM total on the sample: object path {object_jpm:.6f}, columnar {columnar_jpm:.6f}")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS at the end {maxrss:.0f} MB (includes reference dicts, object sample)")
    print(
        json.dumps(
            {
                "benchmark": "gaps",
                "path": "columnar",
                "employees": args.n,
                "units": args.units,
                "ours_s": round(ours_s, 3),
                "reference_s": round(ref_s, 3),
                "speedup": round(ref_s / ours_s, 2),
                "peak_mb": round(peak_mb, 1),
                "ours_max_rss_mb": round(ours_rss, 1),
                "checksum_ours": round(ours["jpm"] + ours["weighted_gap"] + ours["gap_sum"], 3),
                "checksum_reference": round(ref["jpm"] + ref["weighted_gap"] + ref["gap_sum"], 3),
                "totals_agree": agree,
                "object_sample": args.sample,
                "object_people_per_s": round(rate),
                "object_jpm_total": round(object_jpm, 6),
                "object_agrees": abs(object_jpm - columnar_jpm) <= 1e-6 * max(1.0, columnar_jpm),
                "columnar_jpm_total_on_sample": round(columnar_jpm, 6),
            }
        )
    )


if __name__ == "__main__":
    main()
