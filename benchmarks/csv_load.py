"""Load a large assessment CSV three ways, in one run, against a bare csv.DictReader loop.

Writes N assessment rows (1,000,000 by default) to a temporary folder, then
times, in the same run:

* columnar (ours): ``io.arrow.read_gap_columns`` (pyarrow reads the file; every
  NIP, competency id, level and date checked by column; each person's latest
  level per competency) and ``gaps.analyse_columns``: file to columnar gap report;
* object path (ours): ``read_assessments`` (every row parsed and validated into
  an ``Assessment``, all or nothing), and ``iter_assessments`` streamed without
  keeping the objects (its peak memory);
* reference: a ``csv.DictReader`` loop that builds one plain dict per row
  (no parsing, no validation).

Each path runs three times and its best time counts (the first run of the
columnar path also pays for importing pyarrow's compute functions, and pyarrow
imports pandas on first use when it is installed; that cold run is printed).
The last line is JSON: ``ours_s``, ``reference_s``, ``speedup``, ``rows_per_s``
and ``peak_mb`` of the columnar path (Python allocations under tracemalloc plus
the most Arrow's memory pool held), and the object path's figures under
``object_*``.

Run: ``python benchmarks/csv_load.py [--n N] [--quick]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from asn_competency.gaps.columnar import analyse_columns
from asn_competency.io.arrow import read_gap_columns
from asn_competency.io.csv import iter_assessments, read_assessments
from asn_competency.policies.national import national_framework
from asn_competency.policies.required_levels import REQUIRED_LEVELS_PERMENPANRB_38_2017

STANDARD = REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for(
    "PELAKSANA", "pelaksana", national_framework()
)

COMPETENCIES = ("MJ.INT", "MJ.KS", "MJ.KOM", "MJ.OH", "MJ.PP", "MJ.PDOL", "MJ.MP", "MJ.PK", "SK.PB")
SOURCES = ("assessment_centre", "supervisor", "self", "peer", "test")


def write_file(path: Path, n: int) -> None:
    """Write ``n`` valid assessment rows (people of nine competencies each)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("nip,competency_id,level,assessed_on,source,assessor,evidence\n")
        for i in range(n):
            person = i // len(COMPETENCIES)
            year = 1970 + person % 30
            month = 1 + person % 12
            day = 1 + person % 28
            gender = 1 + person % 2
            nip = f"{year:04d}{month:02d}{day:02d}{year + 25:04d}{month:02d}{gender}"
            nip += f"{1 + person % 999:03d}"
            date = dt.date(2020, 1, 1) + dt.timedelta(days=person % 1500)
            f.write(
                f"{nip},{COMPETENCIES[i % len(COMPETENCIES)]},{1 + i % 5},{date.isoformat()},"
                f"{SOURCES[person % len(SOURCES)]},,\n"
            )


def reference(path: Path) -> int:
    """Read every row into a plain dict with csv.DictReader; return the row count."""
    rows = 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            record = dict(row)
            rows += 1 if record else 0
    return rows


def streamed(path: Path) -> int:
    """Stream validated assessments without keeping them; return the row count."""
    return sum(1 for _ in iter_assessments(path))


def columnar(path: Path) -> int:
    """File to columnar gap report; return the rows read (people x competencies assessed)."""
    cols = read_gap_columns(path, STANDARD)
    report = analyse_columns(cols)
    assert len(report.nips) == cols.people
    return int(report.assessed.sum())


def best(fn: Callable[[Path], int], path: Path, repeat: int = 3) -> tuple[float, int, float]:
    """The fastest of ``repeat`` runs (seconds, result) and the first run's seconds."""
    runs = [timed(fn, path, memory=False) for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r[0])
    return fastest[0], fastest[1], runs[0][0]


def timed(fn: Callable[[Path], int], path: Path, *, memory: bool) -> tuple[float, int, float]:
    """Return (seconds, result, peak MB); tracemalloc only when ``memory``."""
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    result = fn(path)
    seconds = time.perf_counter() - start
    peak = 0.0
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return seconds, result, peak


def main() -> None:
    """Run the benchmark and print readable lines, then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows to write (default 1e6)")
    parser.add_argument("--quick", action="store_true", help="20,000 rows, for a smoke test")
    args = parser.parse_args()
    n = 20_000 if args.quick else args.n

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "assessments.csv"
        write_file(path, n)
        size_mb = path.stat().st_size / 1e6
        print(f"file: {n:,} rows, {size_mb:.1f} MB")

        ref_s, ref_rows, _ = best(reference, path)
        print(f"reference csv.DictReader -> dict: {ref_s:.2f} s ({ref_rows / ref_s:,.0f} rows/s)")

        col_s, col_rows, cold_s = best(columnar, path)
        print(
            f"ours columnar (read_gap_columns + analyse_columns): {col_s:.2f} s "
            f"({n / col_s:,.0f} rows/s; first, cold run {cold_s:.2f} s)"
        )
        pool = pa.default_memory_pool()
        _, _, col_peak = timed(columnar, path, memory=True)
        col_peak += pool.max_memory() / 1e6
        print(f"ours columnar peak: {col_peak:.1f} MB (tracemalloc + Arrow pool)")

        ours_s, ours, _ = best(lambda p: len(read_assessments(p)), path)
        print(
            f"ours read_assessments (validated, all or nothing): {ours_s:.2f} s "
            f"({ours / ours_s:,.0f} rows/s)"
        )

        stream_s, stream_rows, stream_peak = timed(streamed, path, memory=True)
        print(
            f"ours iter_assessments (streamed, under tracemalloc): {stream_s:.2f} s, "
            f"peak {stream_peak:.1f} MB"
        )

        _, _, load_peak = timed(lambda p: len(read_assessments(p)), path, memory=True)
        print(f"ours read_assessments peak (holds {n:,} objects): {load_peak:.1f} MB")

    assert ref_rows == ours == stream_rows == n
    assert 0 < col_rows <= n  # one level per person and competency (a NIP may recur)
    print(
        json.dumps(
            {
                "rows": n,
                "ours_s": round(col_s, 3),
                "reference_s": round(ref_s, 3),
                "speedup": round(ref_s / col_s, 3),
                "rows_per_s": round(n / col_s),
                "peak_mb": round(col_peak, 2),
                "cold_s": round(cold_s, 3),
                "object_s": round(ours_s, 3),
                "object_speedup": round(ref_s / ours_s, 3),
                "object_rows_per_s": round(n / ours_s),
                "object_peak_mb_streamed": round(stream_peak, 2),
                "object_peak_mb_all_or_nothing": round(load_peak, 2),
                "file_mb": round(size_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
