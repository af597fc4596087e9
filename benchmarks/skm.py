"""Time skm_index on a large survey against a bare Python loop.

A deterministic survey of N respondents x 9 elements (answers 1-4) is scored
by :func:`asn_competency.evaluation.skm.skm_index` (vectorised path, from a NumPy array;
also timed from the same answers as lists) and by a plain Python loop over the
answers as lists, which sums each column, divides by N, weighs by 1/9 and
multiplies by 25. All must agree.

Run: ``python benchmarks/skm.py [--n 1000000] [--quick]``. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc

import numpy as np

from asn_competency.evaluation.skm import skm_index
from asn_competency.policies.skm import SKM_PERMENPANRB_14_2017


def survey(n: int, width: int = 9, seed: int = 2017) -> np.ndarray:
    """Return a deterministic answer table, skewed towards 3 as real surveys are."""
    rng = np.random.default_rng(seed)
    return rng.choice(
        np.array([1, 2, 3, 4], dtype=np.int8), size=(n, width), p=[0.05, 0.15, 0.5, 0.3]
    )


def reference(rows: list[list[int]]) -> float:
    """Converted index by a bare loop: column sums, means, weights 1/9, x 25."""
    width = len(rows[0])
    totals = [0] * width
    for row in rows:
        for i in range(width):
            answer = row[i]
            if not 1 <= answer <= 4:  # the same check skm_index makes
                raise ValueError(answer)
            totals[i] += answer
    n = len(rows)
    index = sum(t / n for t in totals) / width
    return index * 25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="respondents")
    parser.add_argument("--quick", action="store_true", help="10,000 respondents")
    args = parser.parse_args()
    n = 10_000 if args.quick else args.n

    answers = survey(n)
    rows = answers.tolist()
    print(
        f"survey: {n:,} respondents x {answers.shape[1]} elements "
        f"(policy {SKM_PERMENPANRB_14_2017.name})"
    )

    skm_index(answers[:100])  # load NumPy and warm up outside the timing
    t0 = time.perf_counter()
    ours = skm_index(answers)
    ours_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    ours_list = skm_index(rows)
    ours_list_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    ref_index = reference(rows)
    reference_s = time.perf_counter() - t0

    tracemalloc.start()
    skm_index(answers)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 2**20

    agree = abs(ours.converted - ref_index) < 1e-9 and ours_list == ours
    print(f"skm_index      {ours_s:8.3f} s  IKM {ours.converted:.6f} grade {ours.grade}")
    print(f"skm_index list {ours_list_s:8.3f} s  (same answers as Python lists)")
    print(f"python loop    {reference_s:8.3f} s  IKM {ref_index:.6f}")
    print(f"speedup        {reference_s / ours_s:8.1f} x   peak {peak_mb:.1f} MB   agree {agree}")
    if not agree:
        raise SystemExit("the two computations disagree")
    print(
        json.dumps(
            {
                "n": n,
                "ours_s": round(ours_s, 4),
                "reference_s": round(reference_s, 4),
                "ours_list_s": round(ours_list_s, 4),
                "speedup": round(reference_s / ours_s, 1),
                "peak_mb": round(peak_mb, 1),
                "ours_index": ours.converted,
                "reference_index": ref_index,
            }
        )
    )


if __name__ == "__main__":
    main()
