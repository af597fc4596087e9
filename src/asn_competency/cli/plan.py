"""``asn-competency plan``: a development plan (AKPK) for a year within a budget."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    Result,
    check_output,
    emit,
    non_negative,
    number_text,
    output_options,
    positive,
    year_arg,
)
from asn_competency.cli._inputs import inputs_of, load_list, load_population, population_options


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(
        args.out, inputs_of(args, "employees", "assessments", "standards", "framework", "catalogue")
    )
    from asn_competency.planning.planner import plan_development  # noqa: PLC0415

    problems = Problems()
    catalogue = problems.read(lambda: load_list(args.catalogue, "activities"))
    population = problems.read(lambda: load_population(args))
    problems.check()
    plan = plan_development(
        population.reports(args.combination),
        catalogue,
        year=args.year,
        budget=args.budget,
        employees=population.employees,
        framework=population.framework,
        time_limit=args.time_limit,
    )
    names = population.names()
    columns = [
        "nip",
        "name",
        "activity_id",
        "route",
        "competency_ids",
        "jp",
        "cost",
        "gap_closed",
    ]
    rows = [
        [a.nip, names[a.nip], a.activity_id, a.route, a.competency_ids, a.jp, a.cost, a.gap_closed]
        for a in plan.assignments
    ]
    shortfalls = [
        {
            "nip": s.nip,
            "name": names[s.nip],
            "minimum_jp": s.minimum_jp,
            "total_jp": s.total_jp,
            "reasons": [r.value for r in s.reasons],
            "explanation": s.explanation,
        }
        for s in plan.shortfalls
    ]
    meta: dict[str, object] = {
        "year": plan.year,
        "budget": plan.budget,
        "total_cost": plan.total_cost,
        "total_gap_closed": plan.total_gap_closed,
        "people": len(plan.people),
        "people_short_of_jp": len(plan.shortfalls),
        "solver_status": plan.solver.status,
        "planning_policy": f"{plan.policy.name} {plan.policy.version}",
        "hours_policy": f"{plan.hours.name} {plan.hours.version}",
        **population.skipped,
        "shortfalls": shortfalls,
    }
    summary = [
        f"plan {plan.year}: {len(plan.assignments)} assignments for {len(plan.people)} people, "
        f"cost Rp {number_text(plan.total_cost)} of Rp {number_text(plan.budget)}, "
        f"gap closed {plan.total_gap_closed:g}; solver {plan.solver.status}",
        f"{len(plan.shortfalls)} people short of their yearly minimum JP"
        + (":" if plan.shortfalls else ""),
        *(f"  {s.nip} {names[s.nip]}: {s.explanation}" for s in plan.shortfalls),
        *population.notes,
    ]
    emit(Result(columns, rows, meta, summary), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``plan`` command to the parser."""
    p = sub.add_parser(
        "plan",
        help="a development plan for a year within a budget",
        description=(
            "Choose each person's development activities for a year from a catalogue, "
            "closing the most competency gap within the budget (exact optimisation). "
            "People short of their yearly minimum JP are listed with the reason."
        ),
        epilog=(
            "Example:\n  asn-competency plan --employees pegawai.csv --assessments penilaian.csv "
            "--catalogue kegiatan.csv --year 2025 --budget 150000000 --out rencana.csv"
        ),
        formatter_class=fmt,
    )
    population_options(p)
    p.add_argument(
        "--catalogue",
        type=Path,
        required=True,
        metavar="FILE",
        help="the activities on offer (.csv, or a programme or activities .json)",
    )
    p.add_argument("--year", type=year_arg, required=True, help="the plan year")
    p.add_argument("--budget", type=non_negative, required=True, help="the budget in rupiah")
    p.add_argument("--time-limit", type=positive, metavar="SECONDS", help="solver time limit")
    output_options(p)
    p.set_defaults(handler=run, parser=p)
