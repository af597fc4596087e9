"""``asn-competency gap``: competency gaps and Job Person Match per person, or by group."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.cli._common import EXIT_OK, check_output, emit, gap_options, read_reports
from asn_competency.domain.employee import Employee

if TYPE_CHECKING:
    from asn_competency.gaps.individual import GapReport


def _gap_summary(
    args: argparse.Namespace, employees: list[Employee], reports: list[GapReport]
) -> int:
    from asn_competency.gaps.summary import summarise_gaps  # noqa: PLC0415
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415

    by = [f.strip() for f in args.by.split(",") if f.strip()]
    policy = SUPPRESSION_DEFAULT
    if args.min_group is not None:
        policy = attrs.evolve(policy, min_group_size=args.min_group)
    summary = summarise_gaps(reports, employees=employees, by=by, policy=policy)
    header = [
        *by,
        "people",
        "competency_id",
        "required_of",
        "assessed",
        "meeting",
        "mean_gap",
        "share_below",
        "suppressed",
    ]
    rows = [
        [
            *g.key,
            g.people,
            c.competency_id,
            c.required_of,
            c.assessed,
            c.meeting,
            c.mean_gap,
            c.share_below,
            c.suppressed,
        ]
        for g in summary.groups
        for c in g.cells
    ]
    emit(header, rows, args.out)
    if summary.suppressed_groups:
        print(
            f"{summary.suppressed_groups} group(s) of fewer than "
            f"{summary.policy.min_group_size} people not shown",
            file=sys.stderr,
        )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    employees, reports, _ = read_reports(args)
    if args.by:
        return _gap_summary(args, employees, reports)
    people = {e.nip: e for e in employees}
    rows: list[list[object]]
    if args.items:
        header = ["nip", "name", "competency_id", "required", "level", "gap", "status"]
        rows = [
            [r.nip, people[r.nip].name, i.competency_id, i.required, i.level, i.gap, i.status.value]
            for r in reports
            for i in r.items
        ]
    else:
        header = [
            "nip",
            "name",
            "unit",
            "position_id",
            "jpm",
            "jpm_mapping",
            "jpm_selection",
            "weighted_gap",
            "below",
            "not_assessed",
        ]
        rows = [
            [
                r.nip,
                people[r.nip].name,
                people[r.nip].unit,
                r.position_id,
                r.jpm,
                r.jpm_mapping,
                r.jpm_selection,
                r.weighted_gap,
                len(r.below()),
                len(r.not_assessed()),
            ]
            for r in reports
        ]
    emit(header, rows, args.out)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``gap`` command to the parser."""
    gap = sub.add_parser(
        "gap",
        help="competency gaps and Job Person Match per person or by unit",
        description=(
            "Compare each person's current levels with their position standard: one row "
            "per person (JPM, categories, weighted gap), per requirement (--items), or a "
            "summary by group (--by) with small groups suppressed."
        ),
        epilog=(
            "Examples:\n  asn-competency gap --employees pegawai.csv --assessments penilaian.csv\n"
            "  asn-competency gap --employees pegawai.csv --assessments penilaian.csv "
            "--standards standar.csv --by unit --out ringkasan.csv"
        ),
        formatter_class=fmt,
    )
    gap_options(gap)
    gap.add_argument("--items", action="store_true", help="one row per person and requirement")
    gap.add_argument("--by", help="summarise by these employee fields, e.g. unit or agency,unit")
    gap.add_argument("--min-group", type=int, help="--by: smallest group shown (default 5)")
    gap.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    gap.set_defaults(handler=run)
