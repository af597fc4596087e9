"""Time `import asn_competency` against `import networkx`, each in fresh processes.

Prints the median of several runs of each, then one JSON line with the figures.
Target: ours at most half of networkx's.

Run: ``python benchmarks/import_time.py [--runs 7] [--quick]``. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

RUNS = 7


def _time_import(module: str, then: str = "pass") -> float:
    code = (
        "import time; t = time.perf_counter(); "
        f"import {module}; {then}; print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="fresh processes per median")
    parser.add_argument("--quick", action="store_true", help="3 runs each")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    _time_import("asn_competency")  # warm the file cache
    _time_import("networkx")
    ours = statistics.median(_time_import("asn_competency") for _ in range(runs))
    ref = statistics.median(_time_import("networkx") for _ in range(runs))
    # Submodules load lazily; also time the import plus loading every public name.
    full = statistics.median(
        _time_import("asn_competency", "from asn_competency import *") for _ in range(runs)
    )
    print(f"import asn_competency: {ours * 1000:.1f} ms (median of {runs})")
    print(f"import networkx:       {ref * 1000:.1f} ms (median of {runs})")
    print(f"ratio ours/networkx:   {ours / ref:.2f} (target <= 0.5)")
    print(f"import plus every public name loaded: {full * 1000:.1f} ms")
    print(
        json.dumps(
            {
                "ours_s": round(ours, 4),
                "reference_s": round(ref, 4),
                "speedup": round(ref / ours, 2),
                "target_met": ours <= ref / 2,
                "ours_all_names_s": round(full, 4),
                "runs": runs,
            }
        )
    )


if __name__ == "__main__":
    main()
