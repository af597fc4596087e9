"""``asn-competency match``: mentors for the people below their standard."""

from __future__ import annotations

import argparse
from typing import Any

from asn_competency.cli._common import EXIT_OK, Result, check_output, emit, output_options
from asn_competency.cli._inputs import Population, inputs_of, load_population, population_options

INPUTS = ("employees", "assessments", "standards", "framework")


def mentees_and_levels(population: Population, rule: str) -> tuple[list[Any], Any]:
    """Everyone below standard as a mentee, and the current levels under the same rule."""
    from asn_competency.domain.mentoring import MenteeNeed  # noqa: PLC0415
    from asn_competency.gaps.levels import combine_assessments  # noqa: PLC0415

    reports = population.reports(rule)
    mentees = [need for need in map(MenteeNeed.from_report, reports) if need.needs]
    levels = combine_assessments(population.assessments, policy=population.combination(rule))
    return mentees, levels


def unmatched_lines(unmatched: Any, names: dict[str, str]) -> list[str]:
    """One line per mentee left without a mentor."""
    return [f"  {u.nip} {names.get(u.nip, '')}: {u.detail}" for u in unmatched]


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    from asn_competency.matching.match import match_mentors  # noqa: PLC0415

    population = load_population(args)
    mentees, levels = mentees_and_levels(population, args.combination)
    result = match_mentors(
        mentees,
        population.employees,
        levels=levels,
        objective=args.objective,
        employees=population.employees,
        framework=population.framework,
    )
    names = population.names()
    columns = ["mentor", "mentor_name", "mentee", "mentee_name", "score", "covered"]
    rows = [
        [p.mentor, names[p.mentor], p.mentee, names[p.mentee], p.score, p.covered]
        for p in result.pairs
    ]
    unmatched = [
        {"nip": u.nip, "name": names.get(u.nip, ""), "reason": u.reason.value, "detail": u.detail}
        for u in result.unmatched_mentees
    ]
    meta: dict[str, object] = {
        "objective": result.objective.value,
        "matching_policy": f"{result.policy.name} {result.policy.version}",
        "total_score": result.total_score,
        "mentees": len(mentees),
        **population.skipped,
        "unmatched_mentees": unmatched,
    }
    summary = [
        f"{len(result.pairs)} pairs ({result.objective.value}), total score "
        f"{result.total_score:g}; {len(mentees)} people below standard, "
        f"{len(unmatched)} without a mentor",
        *unmatched_lines(result.unmatched_mentees, names),
        *population.notes,
    ]
    emit(Result(columns, rows, meta, summary), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``match`` command to the parser."""
    p = sub.add_parser(
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
    population_options(p)
    p.add_argument(
        "--objective", choices=["optimal", "stable"], default="optimal", help="what to optimise"
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)
