"""``asn-competency plan``: a development plan (AKPK) for a year within a budget."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_competency.cli._common import (
    EXIT_OK,
    check_output,
    emit,
    gap_options,
    load_list,
    read_reports,
)

if TYPE_CHECKING:
    pass


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    from asn_competency.planning.planner import plan_development  # noqa: PLC0415

    employees, reports, framework = read_reports(args)
    catalogue = load_list(args.catalogue, "activities")
    plan = plan_development(
        reports,
        catalogue,
        year=args.year,
        budget=args.budget,
        employees=employees,
        framework=framework,
        time_limit=args.time_limit,
    )
    header = ["nip", "activity_id", "route", "competency_ids", "jp", "cost", "gap_closed"]
    rows = [
        [a.nip, a.activity_id, a.route.value, a.competency_ids, a.jp, a.cost, a.gap_closed]
        for a in plan.assignments
    ]
    emit(
        header,
        rows,
        args.out,
        extra={
            "year": plan.year,
            "budget": plan.budget,
            "total_cost": plan.total_cost,
            "total_gap_closed": plan.total_gap_closed,
        },
    )
    print(
        f"plan {plan.year}: {len(plan.assignments)} assignments, cost {plan.total_cost:,.0f} "
        f"of {plan.budget:,.0f}, gap closed {plan.total_gap_closed:g}, "
        f"{len(plan.shortfalls)} people short of their JP",
        file=sys.stderr,
    )
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``plan`` command to the parser."""
    plan = sub.add_parser(
        "plan",
        help="a development plan for a year within a budget",
        description=(
            "Choose each person's development activities for a year from a catalogue, "
            "closing the most competency gap within the budget (exact optimisation)."
        ),
        epilog=(
            "Example:\n  asn-competency plan --employees pegawai.csv --assessments penilaian.csv "
            "--catalogue kegiatan.csv --year 2025 --budget 150000000 --out rencana.csv"
        ),
        formatter_class=fmt,
    )
    gap_options(plan)
    plan.add_argument(
        "--catalogue", type=Path, required=True, help="activities (.csv, or programme .json)"
    )
    plan.add_argument("--year", type=int, required=True, help="the plan year")
    plan.add_argument("--budget", type=float, required=True, help="the budget in rupiah")
    plan.add_argument("--time-limit", type=float, help="solver time limit in seconds")
    plan.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    plan.set_defaults(handler=run)
