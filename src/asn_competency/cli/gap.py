"""``asn-competency gap``: competency gaps and Job Person Match per person, or by group."""

from __future__ import annotations

import argparse
from typing import Any

import attrs

from asn_competency.cli._common import (
    EXIT_OK,
    Result,
    by_arg,
    check_output,
    emit,
    output_options,
    positive_int,
)
from asn_competency.cli._inputs import Population, inputs_of, load_population, population_options

INPUTS = ("employees", "assessments", "standards", "framework")


def summary_result(
    population: Population, reports: list[Any], by: tuple[str, ...], min_group: int | None
) -> tuple[Result, Any]:
    """The gap summary by group as a result, with small groups suppressed."""
    from asn_competency.gaps.summary import summarise_gaps  # noqa: PLC0415
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415

    policy = SUPPRESSION_DEFAULT
    if min_group is not None:
        policy = attrs.evolve(policy, min_group_size=min_group)
    summary = summarise_gaps(reports, employees=population.employees, by=by, policy=policy)
    columns = [
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
    meta: dict[str, object] = {
        "suppression_policy": f"{policy.name} {policy.version}",
        "min_group_size": policy.min_group_size,
        "suppressed_groups": summary.suppressed_groups,
        **population.skipped,
    }
    notes = list(population.notes)
    if summary.suppressed_groups:
        notes.append(
            f"{summary.suppressed_groups} group(s) of fewer than {policy.min_group_size} "
            "people not shown"
        )
    return Result(columns, rows, meta, notes), summary


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    population = load_population(args)
    reports = population.reports(args.combination)
    if args.by:
        result, _ = summary_result(population, reports, args.by, args.min_group)
        emit(result, args)
        return EXIT_OK
    people = {e.nip: e for e in population.employees}
    rows: list[list[object]]
    if args.items:
        columns = ["nip", "name", "competency_id", "required", "level", "gap", "status"]
        rows = [
            [r.nip, people[r.nip].name, i.competency_id, i.required, i.level, i.gap, i.status]
            for r in reports
            for i in r.items
        ]
    else:
        columns = [
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
    meta: dict[str, object] = {"people": len(reports), **population.skipped}
    if reports:
        meta["jpm_policies"] = (
            f"{reports[0].mapping_policy.name}, {reports[0].selection_policy.name}"
        )
    emit(Result(columns, rows, meta, list(population.notes)), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``gap`` command to the parser."""
    p = sub.add_parser(
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
    population_options(p)
    p.add_argument("--items", action="store_true", help="one row per person and requirement")
    p.add_argument(
        "--by",
        type=by_arg,
        metavar="FIELDS",
        help="summarise by employee fields: unit, agency, region, tier, position "
        "(e.g. agency,unit)",
    )
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="--by: the smallest group shown (default: the suppression policy's 5)",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)
