"""``asn-competency programme``: a programme JSON file from its activities and enrolments CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asn_competency.cli._common import (
    EXIT_OK,
    check_output,
    check_period,
    date_arg,
    non_negative,
    write_bytes,
)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, [args.activities, args.enrolments], suffixes=(".json",))
    check_period(args.start, args.end)
    from asn_competency.io.csv import read_programme  # noqa: PLC0415
    from asn_competency.io.json import dumps  # noqa: PLC0415

    programme = read_programme(
        args.activities,
        args.enrolments,
        id=args.id,
        title=args.title or args.id,
        owner=args.owner,
        start=args.start,
        end=args.end,
        budget=args.budget,
    )
    write_bytes(args.out, (dumps(programme) + "\n").encode("utf-8"))
    print(
        f"wrote programme {programme.id}: {len(programme.activities)} activities, "
        f"{len(programme.enrolments)} enrolments to {args.out}",
        file=sys.stderr,
    )
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``programme`` command to the parser."""
    p = sub.add_parser(
        "programme",
        help="a programme JSON from its activities and enrolments CSV files",
        description=(
            "Join a programme's activities and enrolments (CSV) with its own fields "
            "(id, title, owner, period, budget) into one JSON file for --programme."
        ),
        epilog=(
            "Example:\n  asn-competency programme --activities kegiatan.csv --enrolments "
            "peserta.csv --id PP-2025 --title 'Pelayanan prima' --start 2025-05-05 "
            "--end 2025-08-29 -o program.json"
        ),
        formatter_class=fmt,
    )
    p.add_argument(
        "--activities", type=Path, required=True, metavar="FILE", help="activities (.csv)"
    )
    p.add_argument("--enrolments", type=Path, metavar="FILE", help="enrolments (.csv)")
    p.add_argument("--id", required=True, help="the programme's id")
    p.add_argument("--title", help="its title (default: the id)")
    p.add_argument("--owner", default="", help="the unit that runs it")
    p.add_argument("--start", type=date_arg, help="its first day")
    p.add_argument("--end", type=date_arg, help="its last day")
    p.add_argument("--budget", type=non_negative, default=0.0, help="its budget in rupiah")
    p.add_argument(
        "-o", "--out", type=Path, required=True, metavar="FILE", help="the programme (.json)"
    )
    p.set_defaults(handler=run, parser=p)
