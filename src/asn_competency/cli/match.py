"""``asn-competency match``: mentors for the people below their standard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_competency.cli._common import (
    EXIT_OK,
    check_output,
    combination_policy,
    emit,
    gap_inputs,
    gap_options,
)
from asn_competency.gaps.levels import combine_assessments

if TYPE_CHECKING:
    pass


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    from asn_competency.domain.mentoring import MenteeNeed  # noqa: PLC0415
    from asn_competency.matching.match import match_mentors  # noqa: PLC0415

    employees, assessments, standards, framework = gap_inputs(args)
    from asn_competency.gaps.individual import analyse_population  # noqa: PLC0415

    # Mentors' levels combine under the same rule as the gaps (--combination).
    combination = combination_policy(args.combination)
    reports = analyse_population(
        employees, assessments, standards, framework=framework, combination=combination
    )
    mentees = [need for need in map(MenteeNeed.from_report, reports) if need.needs]
    levels = combine_assessments(assessments, policy=combination)
    result = match_mentors(
        mentees,
        employees,
        levels=levels,
        objective=args.objective,
        employees=employees,
        framework=framework,
    )
    header = ["mentor", "mentee", "score", "covered"]
    rows = [[p.mentor, p.mentee, p.score, p.covered] for p in result.pairs]
    unmatched = [
        {"nip": u.nip, "reason": u.reason.value, "detail": u.detail}
        for u in result.unmatched_mentees
    ]
    emit(
        header,
        rows,
        args.out,
        extra={
            "objective": result.objective.value,
            "total_score": result.total_score,
            "unmatched_mentees": unmatched,
        },
    )
    print(
        f"{len(result.pairs)} pairs ({result.objective.value}), total score "
        f"{result.total_score:g}; {len(mentees)} people below standard, "
        f"{len(unmatched)} without a mentor",
        file=sys.stderr,
    )
    for u in unmatched:
        print(f"  {u['nip']}: {u['detail']}", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``match`` command to the parser."""
    match = sub.add_parser(
        "match",
        help="pair people below standard with mentors",
        description=(
            "Find everyone below their standard (as in 'gap') and pair them with mentors "
            "among the employees, optimally (maximum total score) or stably."
        ),
        epilog=(
            "Example:\n  asn-competency match --employees pegawai.csv --assessments penilaian.csv "
            "--objective stable --out mentor.csv"
        ),
        formatter_class=fmt,
    )
    gap_options(match)
    match.add_argument(
        "--objective", choices=["optimal", "stable"], default="optimal", help="what to optimise"
    )
    match.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    match.set_defaults(handler=run)
