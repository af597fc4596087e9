"""JP compliance of a national ledger, against a straightforward pandas groupby.

Generates N ledger rows (1,000,000 by default) for P people (200,000) in 500 units,
from a fixed seed: most records state JP, some clock hours, some nothing (they get
the regional credit of their route); some are self-study, capped at 2 JP a day;
some cross the new year; about 2 % are duplicates of another record (same person,
title and dates). It then times, for the year 2025:

* ours: :class:`LedgerColumns` (with its checks), :func:`analyse_jp_columns` (JP per
  person under ``JP_COMPLIANCE_DEFAULT``: credits, duplicates once, daily caps, the
  pro-rata split, status against the target) and :func:`summarise_jp_columns` (per
  unit: share met, mean and median JP, bands, who is short);
* reference: the same rules written the plain pandas way, on a DataFrame of the
  same rows: fill the JP, ``drop_duplicates``, the share of days in the year, the
  capped rows exploded to days and grouped by person, route and day, then
  ``groupby`` person and unit.

Generating the data is not timed. Both paths' per-person totals are compared.
The object path (:class:`Ledger` of :class:`LedgerEntry`, :func:`analyse_jp`,
:func:`summarise_jp`) builds one object per entry and per person; its rate is
measured on a sample (100,000 rows by default; building the entries is timed
apart) and printed.
Peak memory (``peak_mb``) is the tracemalloc peak of our path in a second run
(tracemalloc slows the timed run); the process's max RSS is printed too.

Run: ``python benchmarks/ledger.py [--rows N] [--people P] [--quick]``. The last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import time
import tracemalloc
from typing import Any

import numpy as np
import pandas as pd

from asn_competency.compliance.columnar import (
    STATUSES,
    JpStatus,
    LedgerColumns,
    analyse_jp_columns,
)
from asn_competency.compliance.jp import analyse_jp
from asn_competency.compliance.summary import summarise_jp, summarise_jp_columns
from asn_competency.domain.development import Route
from asn_competency.domain.employee import Employee
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT

SEED = 20250101
ROUTES = tuple(Route)
YEAR = 2025


def _data(rows: int, people: int, units: int) -> dict[str, Any]:
    """The ledger as arrays and the people's units and statuses (deterministic)."""
    rng = np.random.default_rng(SEED)
    person = rng.integers(0, people, rows)
    title = rng.integers(0, 2_000, rows)
    common = [ROUTES.index(Route(r)) for r in (
        "pelatihan_teknis", "bimbingan_teknis", "seminar", "workshop", "e_learning",
        "kursus", "mentoring", "coaching", "belajar_mandiri", "komunitas_belajar", "rotasi",
    )]  # fmt: skip
    weights = np.array([0.2, 0.15, 0.15, 0.1, 0.15, 0.05, 0.05, 0.03, 0.06, 0.03, 0.03])
    route = rng.choice(np.array(common), size=rows, p=weights / weights.sum())
    start = np.datetime64("2024-07-01") + rng.integers(0, 540, rows).astype("timedelta64[D]")
    days = np.where(rng.random(rows) < 0.8, rng.integers(1, 4, rows), rng.integers(4, 40, rows))
    end = start + (days - 1).astype("timedelta64[D]")
    kind = rng.random(rows)
    jp = np.where(kind < 0.7, rng.integers(1, 33, rows).astype(float), np.nan)
    hours = np.where((kind >= 0.7) & (kind < 0.8), rng.integers(1, 9, rows).astype(float), np.nan)
    dup = rng.random(rows) < 0.02  # copy the key (not the JP) of the row before
    for col in (person, title, start, end):
        col[1:][dup[1:]] = col[:-1][dup[1:]]
    return {
        "person": person,
        "title": title,
        "route": route,
        "start": start,
        "end": end,
        "jp": jp,
        "hours": hours,
        "nips": [f"{i:018d}" for i in range(people)],  # ids only: statuses are given
        "unit": rng.integers(0, units, people),
        "pppk": rng.random(people) < 0.1,
        "units": units,
    }


def run_ours(d: dict[str, Any]) -> tuple[float, Any, Any]:
    """Our columnar path: build the columns, count, summarise; (seconds, result, summary)."""
    status = np.where(d["pppk"], "pppk", "pns").tolist()
    keys = [(f"unit-{u:03d}",) for u in range(d["units"])]
    t = time.perf_counter()
    cols = LedgerColumns(
        person=d["person"], title=d["title"], route=d["route"], start=d["start"], end=d["end"],
        jp=d["jp"], hours=d["hours"], nips=d["nips"], titles=[f"t{i}" for i in range(2_000)],
        routes=ROUTES,
    )  # fmt: skip
    result = analyse_jp_columns(cols, period=YEAR, status=status)
    summary = summarise_jp_columns(result, group=d["unit"], group_keys=keys)
    return time.perf_counter() - t, result, summary


def run_reference(d: dict[str, Any]) -> tuple[float, Any, Any]:
    """The same rules, written the plain pandas way."""
    policy = JP_COMPLIANCE_DEFAULT
    credit = {ROUTES.index(r): v for r, v in policy.credits.credits.items()}
    caps = {ROUTES.index(r): v for r, v in policy.credits.daily_caps.items()}
    df = pd.DataFrame(
        {k: d[k] for k in ("person", "title", "route", "start", "end", "jp", "hours")}
    )
    people = pd.DataFrame({"unit": d["unit"], "pppk": d["pppk"]})
    t = time.perf_counter()
    y0, y1 = pd.Timestamp(f"{YEAR}-01-01"), pd.Timestamp(f"{YEAR}-12-31")
    df["credited"] = df["jp"].fillna(df["hours"] * 60 / 45).fillna(df["route"].map(credit))
    df["credited"] = df["credited"].fillna(0.0)
    df = df.sort_values(["credited", "route"], ascending=[False, True], kind="stable")
    df = df.drop_duplicates(["person", "title", "start", "end"], keep="first")
    df = df[df["credited"] > 0]
    days = (df["end"] - df["start"]).dt.days + 1
    first = df["start"].where(df["start"] > y0, y0)
    last = df["end"].where(df["end"] < y1, y1)
    overlap = ((last - first).dt.days + 1).clip(lower=0)
    capped = df["route"].isin(list(caps))
    plain = (df["credited"] * overlap / days)[~capped]
    c = df[capped & (overlap > 0)].assign(per_day=lambda x: x["credited"] / days[x.index])
    c = c.loc[c.index.repeat(overlap[c.index])]
    c["day"] = first[c.index] + pd.to_timedelta(c.groupby(level=0).cumcount(), unit="D")
    c["cap"] = c["route"].map(caps)
    total_day = c.groupby(["person", "route", "day"])["per_day"].transform("sum")
    c["got"] = c["per_day"] * np.minimum(1.0, c["cap"] / total_day)
    jp = pd.concat([plain.groupby(df["person"][~capped]).sum(), c.groupby("person")["got"].sum()])
    people["jp"] = jp.groupby(level=0).sum().reindex(people.index, fill_value=0.0).round(9)
    people["met"] = ~people["pppk"] & (people["jp"] >= 20 - 1e-9)
    by_unit = people.groupby("unit").agg(
        people=("jp", "size"),
        met=("met", "sum"),
        with_target=("pppk", lambda s: (~s).sum()),
        mean_jp=("jp", "mean"),
        median_jp=("jp", "median"),
    )
    by_unit["share_met"] = by_unit["met"] / by_unit["with_target"]
    return time.perf_counter() - t, people, by_unit


def _nip(i: int) -> str:
    """A valid NIP per person index (birth date from the index, sequence to keep them unique)."""
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=i // 999 % 12000)
    return f"{birth:%Y%m%d}{birth.year + 25}{1 + i % 12:02d}1{1 + i % 999:03d}"


def run_objects(d: dict[str, Any], sample: int) -> tuple[float, float, int]:
    """The object path on the first ``sample`` rows: (build seconds, count seconds, people)."""
    t = time.perf_counter()
    rows = range(min(sample, len(d["person"])))
    who = sorted({int(d["person"][i]) for i in rows})
    nips = {p: _nip(p) for p in who}
    entries = [
        LedgerEntry(
            nip=nips[int(d["person"][i])],
            title=f"t{int(d['title'][i])}",
            route=ROUTES[int(d["route"][i])],
            start=d["start"][i].item(),
            end=d["end"][i].item(),
            jp=None if np.isnan(d["jp"][i]) else float(d["jp"][i]),
            hours=None if np.isnan(d["hours"][i]) else float(d["hours"][i]),
        )
        for i in rows
    ]
    staff = [Employee(nip=nips[p], name="x", unit=f"unit-{int(d['unit'][p]):03d}") for p in who]
    ledger = Ledger(entries)
    built = time.perf_counter() - t
    t = time.perf_counter()
    result = analyse_jp(ledger, period=YEAR, employees=staff)
    summarise_jp(result, employees=staff, by="unit")
    return built, time.perf_counter() - t, len(who)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--sample", type=int, default=100_000, help="object-path sample (rows)")
    parser.add_argument("--quick", action="store_true", help="50,000 rows for 10,000 people")
    args = parser.parse_args()
    if args.quick:
        args.rows, args.people, args.sample = 50_000, 10_000, 5_000
    d = _data(args.rows, args.people, args.units)
    print(
        f"{args.rows:,} ledger rows for {args.people:,} people in {args.units} units, year {YEAR}"
    )
    ours_s, result, summary = run_ours(d)
    ours_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ours (columnar path): {ours_s:.2f} s, process max RSS so far {ours_rss:.0f} MB")
    ref_s, people, by_unit = run_reference(d)
    print(f"reference (pandas):   {ref_s:.2f} s")
    diff = float(np.max(np.abs(result.counted - people["jp"].to_numpy())))
    met_ours = int(np.count_nonzero(result.status == STATUSES.index(JpStatus.MET)))
    met_ref = int(people["met"].sum())
    shown = {g.key[0]: g for g in summary.groups}
    unit_diff = max(
        abs(shown[f"unit-{u:03d}"].mean_jp - row.mean_jp) for u, row in by_unit.iterrows()
    )
    agree = bool(diff <= 1e-6 and met_ours == met_ref and unit_diff <= 1e-5)
    print(f"largest per-person difference {diff:.2e} JP; met: ours {met_ours:,}, "
          f"reference {met_ref:,}; largest unit mean difference {unit_diff:.2e}")  # fmt: skip
    print(f"agree: {agree}")
    tracemalloc.start()
    run_ours(d)
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"tracemalloc peak of our path: {peak_mb:.0f} MB")
    print(f"speedup reference/ours: {ref_s / ours_s:.2f} (target >= 1; ours target <= 5 s)")
    built, counted, who = run_objects(d, args.sample)
    print(
        f"object path on {args.sample:,} rows ({who:,} people): build entries {built:.2f} s, "
        f"count and summarise {counted:.2f} s ({args.sample / counted:,.0f} rows/s)"
    )
    print(
        json.dumps(
            {
                "benchmark": "ledger",
                "rows": args.rows,
                "people": args.people,
                "units": args.units,
                "ours_s": round(ours_s, 3),
                "reference_s": round(ref_s, 3),
                "speedup": round(ref_s / ours_s, 2),
                "peak_mb": round(peak_mb, 1),
                "ours_max_rss_mb": round(ours_rss, 1),
                "met": met_ours,
                "agree": agree,
                "object_sample_rows": args.sample,
                "object_rows_per_s": round(args.sample / counted),
            }
        )
    )


if __name__ == "__main__":
    main()
