"""Time `import asn_competency` against `import networkx`, each in fresh processes.

Prints the median of several runs of each, then one JSON line with the figures.
Target: ours at most half of networkx's.
"""

from __future__ import annotations

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
    _time_import("asn_competency")  # warm the file cache
    _time_import("networkx")
    ours = statistics.median(_time_import("asn_competency") for _ in range(RUNS))
    ref = statistics.median(_time_import("networkx") for _ in range(RUNS))
    # Submodules load lazily; also time the import plus loading every public name.
    full = statistics.median(
        _time_import("asn_competency", "from asn_competency import *") for _ in range(RUNS)
    )
    print(f"import asn_competency: {ours * 1000:.1f} ms (median of {RUNS})")
    print(f"import networkx:       {ref * 1000:.1f} ms (median of {RUNS})")
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
            }
        )
    )


if __name__ == "__main__":
    main()
