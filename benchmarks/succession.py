"""Benchmark: succession candidates for key positions against a plain loop in the same run.

The instance (deterministic seed): agencies of 2,000 people each (JPT Pratama,
Administrator, Pengawas, functional Ahli tiers and Pelaksana), 40 key positions
per agency (8 JPT Pratama, 32 Administrator, each held by one incumbent), a
standard per key position (the national managerial levels of its tier and two
of ten technical competencies), current levels for every person, a nine-box
placement for every person and a few sanctions. The default size is 50 agencies:
100,000 employees and 2,000 key positions.

``plan_succession`` is timed end to end under the default policy (wall-clock time,
and the process's CPU time, which a shared machine disturbs less). The reference
is the plain statement of the same rules: for every key position, a loop over
every employee that checks the rules in turn and computes the JPM of those who
pass; it returns the same candidates, readiness and JPM, which the script
checks.

Run: ``python benchmarks/succession.py`` (the reference takes some tens of
seconds) or ``python benchmarks/succession.py --quick`` (5 agencies).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
import tracemalloc

from asn_competency import Employee, Position, PositionStandard, Requirement
from asn_competency.domain.records import Sanction
from asn_competency.policies.required_levels import REQUIRED_LEVELS_PERMENPANRB_38_2017
from asn_competency.policies.succession import SUCCESSION_DEFAULT, SuccessionPolicy
from asn_competency.talent.eligibility import whole_years
from asn_competency.talent.nine_box import TalentBox, talent_box
from asn_competency.talent.succession import SuccessionTable, plan_succession

MANAGERIAL = ("MJ.INT", "MJ.KOM", "MJ.KS", "MJ.MP", "MJ.OH", "MJ.PDO", "MJ.PK", "MJ.PP", "SK.PB")
TECHNICAL = tuple(f"TK.{i:02d}" for i in range(1, 11))
AS_OF = dt.date(2025, 7, 1)

# People per agency by tier, with their rank range (golongan) and their levels' centre.
TIERS = (
    ("jpt_pratama", 10, ("IV/b", "IV/c", "IV/d"), 4),
    ("administrator", 60, ("III/c", "III/d", "IV/a", "IV/b"), 3),
    ("pengawas", 240, ("III/a", "III/b", "III/c", "III/d"), 3),
    ("ahli_madya", 40, ("IV/a", "IV/b", "IV/c"), 3),
    ("ahli_muda", 120, ("III/c", "III/d"), 3),
    ("ahli_pertama", 200, ("III/a", "III/b"), 2),
    ("pelaksana", 1330, ("II/a", "II/c", "III/a", "III/b"), 2),
)
KEYS_PER_AGENCY = (("jpt_pratama", 8), ("administrator", 32))


def _nip(serial: int) -> str:
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=serial // 997)
    return f"{birth:%Y%m%d}200001{1 + serial % 2}{1 + serial // 2 % 999:03d}"


def build(
    agencies: int, seed: int = 20250701
) -> tuple[
    list[Position],
    list[Employee],
    dict[tuple[str, str], float],
    dict[str, PositionStandard],
    dict[str, TalentBox],
    dict[str, Sanction],
]:
    """Key positions, employees, levels, standards, placements and sanctions."""
    rng = random.Random(seed)
    boxes = {
        (p, q): talent_box(p, q)
        for p in ("below", "meets", "above")
        for q in ("low", "middle", "high")
    }
    employees: list[Employee] = []
    levels: dict[tuple[str, str], float] = {}
    placements: dict[str, TalentBox] = {}
    sanctions: dict[str, Sanction] = {}
    positions: list[Position] = []
    standards: dict[str, PositionStandard] = {}
    serial = 0
    for a in range(agencies):
        agency = f"Instansi {a:03d}"
        holders: dict[str, list[int]] = {}
        for tier, count, ranks, centre in TIERS:
            for _ in range(count):
                serial += 1
                nip = _nip(serial)
                holders.setdefault(tier, []).append(len(employees))
                since = dt.date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
                employees.append(
                    Employee(
                        nip=nip,
                        name=f"Pegawai {serial}",
                        agency=agency,
                        unit=f"Unit {rng.randint(1, 12):02d}",
                        tier=tier,
                        golongan=rng.choice(ranks),
                        position_since=since,
                    )
                )
                for cid in MANAGERIAL:
                    levels[(nip, cid)] = float(min(5, max(1, centre + rng.choice((-1, 0, 0, 1)))))
                for cid in rng.sample(TECHNICAL, 6):
                    levels[(nip, cid)] = float(rng.randint(1, 4))
                placements[nip] = boxes[
                    (
                        rng.choice(("below", "meets", "meets", "above")),
                        rng.choice(("low", "middle", "middle", "high")),
                    )
                ]
                if rng.random() < 0.02:
                    sanctions[nip] = rng.choice((Sanction.RINGAN, Sanction.SEDANG, Sanction.BERAT))
        # Key positions: the first holders of each key tier hold them.
        for tier, count in KEYS_PER_AGENCY:
            required = REQUIRED_LEVELS_PERMENPANRB_38_2017.level_for(tier)
            for k in range(count):
                pid = f"A{a:03d}.{tier[:3].upper()}.{k:02d}"
                positions.append(
                    Position(
                        id=pid,
                        title=f"Jabatan kunci {k}",
                        tier=tier,
                        agency=agency,
                        unit=f"Unit {k % 12 + 1:02d}",
                    )
                )
                technical = rng.sample(TECHNICAL, 2)
                standards[pid] = PositionStandard(
                    position_id=pid,
                    framework_id="benchmark",
                    requirements=[Requirement(competency_id=c, level=required) for c in MANAGERIAL]
                    + [Requirement(competency_id=c, level=3) for c in technical],
                )
                i = holders[tier][k]
                employees[i] = Employee(
                    nip=employees[i].nip,
                    name=employees[i].name,
                    agency=agency,
                    unit=employees[i].unit,
                    tier=tier,
                    golongan=employees[i].golongan,
                    position_since=employees[i].position_since,
                    position_id=pid,
                )
    return positions, employees, levels, standards, placements, sanctions


def reference(  # noqa: PLR0917 - the instance's parts, as build() returns them
    positions: list[Position],
    employees: list[Employee],
    levels: dict[tuple[str, str], float],
    standards: dict[str, PositionStandard],
    placements: dict[str, TalentBox],
    sanctions: dict[str, Sanction],
    policy: SuccessionPolicy,
) -> dict[str, list[tuple[str, str, float | None]]]:
    """For each key position, (nip, readiness, JPM) of its candidates in rank order."""
    out: dict[str, list[tuple[str, str, float | None]]] = {}
    pool = policy.pool_boxes
    for p in positions:
        feeders = policy.feeders_for(p.tier)
        minimum = policy.min_rank.get(p.tier)
        years = policy.min_years.get(p.tier)
        std = standards[p.id]
        found = []
        for e in employees:
            if e.agency != p.agency or e.tier not in feeders or e.position_id == p.id:
                continue
            if minimum is not None and (
                e.golongan is None or e.golongan.is_pppk or e.golongan.rank < minimum.rank
            ):
                continue
            if years is not None and (
                e.position_since is None or whole_years(e.position_since, AS_OF) < years
            ):
                continue
            if sanctions.get(e.nip, Sanction.TIDAK_ADA) in policy.barring_sanctions:
                continue
            box = placements.get(e.nip)
            if box is None or box.number not in pool:
                continue
            got, need, largest, complete = 0.0, 0, 0.0, True
            for r in std.requirements:
                level = levels.get((e.nip, r.competency_id))
                need += r.level
                if level is None:
                    complete = False
                    continue
                got += min(level, r.level)
                largest = max(largest, r.level - level)
            jpm = float(min(got * 100.0 / need, 100.0)) if complete else None
            readiness = policy.readiness(jpm, largest)
            found.append(
                (
                    readiness.order,
                    -(-1.0 if jpm is None else jpm),
                    -box.number,
                    e.nip,
                    readiness.value,
                    jpm,
                )
            )
        found.sort()
        out[p.id] = [(nip, readiness, jpm) for *_, nip, readiness, jpm in found]
    return out


def ours_as_reference(table: SuccessionTable) -> dict[str, list[tuple[str, str, float | None]]]:
    return {
        k.position.id: [(c.nip, c.readiness.value, c.jpm) for c in k.candidates]
        for k in table.positions
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=50, help="agencies of 2,000 people each")
    parser.add_argument("--quick", action="store_true", help="a small instance (5 agencies)")
    parser.add_argument("--skip-reference", action="store_true", help="time only our code")
    args = parser.parse_args()
    agencies = 5 if args.quick else args.agencies
    positions, employees, levels, standards, placements, sanctions = build(agencies)
    print(
        f"instance: {len(positions):,} key positions, {len(employees):,} employees, "
        f"{len(levels):,} levels"
    )

    def ours() -> SuccessionTable:
        return plan_succession(
            positions,
            employees,
            levels,
            standards,
            as_of=AS_OF,
            placements=placements,
            sanctions=sanctions,
        )

    import numpy  # noqa: F401, PLC0415 - imported before the timer, as a long-running app has it

    t0, c0 = time.perf_counter(), time.process_time()
    table = ours()
    ours_s = time.perf_counter() - t0
    ours_cpu_s = time.process_time() - c0
    candidates = sum(len(k.candidates) for k in table.positions)
    excluded = sum(len(k.excluded) for k in table.positions)
    uncovered = len(table.without_ready_successor())
    print(
        f"ours:      {ours_s:8.3f} s ({ours_cpu_s:.3f} s CPU)  {candidates:,} candidacies, "
        f"{excluded:,} exclusions, {uncovered:,} key positions without a ready successor"
    )
    del table
    tracemalloc.start()
    ours()
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"ours peak: {peak_mb:8.1f} MB (tracemalloc, second run)")

    reference_s: float | None = None
    reference_cpu_s: float | None = None
    same: bool | None = None
    if not args.skip_reference:
        t0, c0 = time.perf_counter(), time.process_time()
        expected = reference(
            positions, employees, levels, standards, placements, sanctions, SUCCESSION_DEFAULT
        )
        reference_s = time.perf_counter() - t0
        reference_cpu_s = time.process_time() - c0
        same = expected == ours_as_reference(ours())
        print(
            f"reference: {reference_s:8.3f} s ({reference_cpu_s:.3f} s CPU)  "
            "(a loop over every employee per key position)"
        )
        print(f"speedup:   {reference_s / ours_s:8.1f}x  same candidates: {same}")
    print(
        json.dumps(
            {
                "key_positions": len(positions),
                "employees": len(employees),
                "candidacies": candidates,
                "exclusions": excluded,
                "ours_s": round(ours_s, 4),
                "reference_s": None if reference_s is None else round(reference_s, 4),
                "ours_cpu_s": round(ours_cpu_s, 4),
                "reference_cpu_s": None if reference_cpu_s is None else round(reference_cpu_s, 4),
                "speedup": None if reference_s is None else round(reference_s / ours_s, 2),
                "same_candidates": same,
                "peak_mb": round(peak_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
