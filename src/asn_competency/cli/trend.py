"""``asn-competency trend``: SKM per period, or gap summaries across assessment rounds."""

from __future__ import annotations

import argparse
import functools
from pathlib import Path
from typing import Any

import attrs

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    Result,
    UsageError,
    by_arg,
    check_output,
    emit,
    output_options,
    positive_int,
)
from asn_competency.cli._inputs import Population, inputs_of, load_population
from asn_competency.cli.skm import INVALID_ANSWERS, SKM_POLICIES, policy_of, survey_rows
from asn_competency.domain.assessment import CombinationRule

SKM_COLUMNS = (
    "period",
    "respondents",
    "converted",
    "grade",
    "low",
    "high",
    "change",
    "change_low",
    "change_high",
    "direction",
)
"""The columns of ``trend skm``."""


def labelled_arg(text: str) -> tuple[str, Path]:
    """A ``PERIOD=FILE`` option value."""
    label, sep, path = text.partition("=")
    if not sep or not label.strip() or not path.strip():
        raise argparse.ArgumentTypeError(
            f"expected PERIOD=FILE, such as 2024=file.csv (got {text!r})"
        )
    return label.strip(), Path(path.strip())


def skm_result(args: argparse.Namespace) -> Result:
    """The index of each period's survey and the change from the period before.

    Raises:
        UsageError: Without ``--survey``.
        InputError: Listing the problems of every survey file.
    """
    from asn_competency.trends.skm import track_skm  # noqa: PLC0415

    if not args.survey:
        raise UsageError("--survey", "expected PERIOD=FILE for each period (trend skm)")
    policy = policy_of(args.policy, args.invalid_answers)
    problems = Problems()
    surveys = [
        (label, problems.read(functools.partial(survey_rows, path, policy)))
        for label, path in args.survey
    ]
    problems.check()
    trend = track_skm(surveys, policy=policy)
    rows: list[list[object]] = []
    for i, p in enumerate(trend.points):
        step = trend.steps[i - 1] if i else None
        rows.append(
            [
                p.period,
                p.result.respondents,
                p.result.converted,
                p.result.grade,
                p.low,
                p.high,
                None if step is None else step.change,
                None if step is None else step.low,
                None if step is None else step.high,
                None if step is None else step.direction.value,
            ]
        )
    return Result(list(SKM_COLUMNS), rows, {"skm_policy": f"{policy.name} {policy.version}"})


def gaps_result(args: argparse.Namespace) -> Result:
    """The gap summary of each round by group and competency, and each change between rounds.

    Raises:
        UsageError: Without ``--round`` or ``--employees``.
        InputError: Listing the problems of every file of every round.
    """
    from asn_competency.gaps.summary import summarise_gaps  # noqa: PLC0415
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.trends.gaps import track_gaps  # noqa: PLC0415

    if not args.round:
        raise UsageError("--round", "expected PERIOD=ASSESSMENTS for each round (trend gaps)")
    if args.employees is None:
        raise UsageError("--employees", "expected the employees of the rounds (trend gaps)")
    by = args.by or ("unit",)
    suppression = SUPPRESSION_DEFAULT
    if args.min_group is not None:
        suppression = attrs.evolve(suppression, min_group_size=args.min_group)
    problems = Problems()
    populations: list[tuple[str, Population]] = [
        (label, problems.read(functools.partial(load_population, _with(args, path))))
        for label, path in args.round
    ]
    problems.check()
    rounds = [
        (
            label,
            summarise_gaps(
                pop.reports(args.combination),
                employees=pop.employees,
                by=list(by),
                policy=suppression,
            ),
        )
        for label, pop in populations
    ]
    trend = track_gaps(rounds)
    columns = [
        *by,
        "competency_id",
        "from_round",
        "to_round",
        "change",
        "share_change",
        "noise",
        "direction",
    ]
    rows = [
        [
            *s.key,
            s.competency_id,
            st.from_round,
            st.to_round,
            st.change,
            st.share_change,
            st.noise,
            None if st.direction is None else st.direction.value,
        ]
        for s in trend.series
        for st in s.steps
    ]
    meta: dict[str, object] = {
        "rounds": list(trend.rounds),
        "combination": args.combination,
        "suppression_policy": f"{suppression.name} {suppression.version}",
        "min_group_size": suppression.min_group_size,
        "beyond_noise": len(trend.beyond_noise()),
    }
    notes = [*populations[0][1].notes] if populations else []
    notes.append(f"{len(trend.beyond_noise())} change(s) beyond the assessment noise")
    return Result(columns, rows, meta, notes)


def _with(args: argparse.Namespace, assessments: Path) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), "assessments": assessments})


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    paths = [
        *inputs_of(args, "employees", "standards", "framework"),
        *(p for _, p in [*args.survey, *args.round]),
    ]
    check_output(args.out, paths)
    if args.what == "skm":
        emit(skm_result(args), args)
    else:
        emit(gaps_result(args), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``trend`` command to the parser."""
    p = sub.add_parser(
        "trend",
        help="SKM per period, or gaps across assessment rounds, with the changes",
        description=(
            "skm: the public-satisfaction index of each period's survey and the change between "
            "consecutive periods with a 95 %% interval. gaps: the gap summary of each "
            "assessment round by group and competency, and whether each change is more than "
            "the assessment noise (small groups suppressed)."
        ),
        epilog=(
            "Examples:\n  asn-competency trend skm --survey 2024-S1=skm-s1.csv "
            "--survey 2024-S2=skm-s2.csv\n"
            "  asn-competency trend gaps --employees pegawai.csv --standards standar.csv "
            "--round 2024=penilaian-2024.csv --round 2025=penilaian-2025.csv --by unit"
        ),
        formatter_class=fmt,
    )
    p.add_argument("what", choices=["skm", "gaps"], help="what to follow")
    p.add_argument(
        "--survey",
        type=labelled_arg,
        action="append",
        default=[],
        metavar="PERIOD=FILE",
        help="skm: a period's survey answers (.csv; repeat)",
    )
    p.add_argument("--policy", choices=list(SKM_POLICIES), default="2017", help="skm: the SKM rule")
    p.add_argument(
        "--invalid-answers",
        choices=list(INVALID_ANSWERS),
        default="reject",
        help="skm: a missing or out-of-range answer stops the command, or is left out with "
        "its answer or its respondent",
    )
    p.add_argument(
        "--round",
        type=labelled_arg,
        action="append",
        default=[],
        metavar="PERIOD=FILE",
        help="gaps: a round's assessments (.csv or .json; repeat)",
    )
    p.add_argument("--employees", type=Path, metavar="FILE", help="gaps: employees (.csv or .json)")
    p.add_argument(
        "--standards",
        type=Path,
        metavar="FILE",
        help="gaps: position standards (.csv or .json); without it, the national level of "
        "each person's tier",
    )
    p.add_argument(
        "--framework",
        type=Path,
        metavar="FILE",
        help="gaps: framework (.json, CASE .json or .csv) to check ids and levels against",
    )
    p.add_argument(
        "--combination",
        choices=[r.value for r in CombinationRule],
        default=CombinationRule.LATEST.value,
        help="gaps: how several assessments of one competency combine",
    )
    p.add_argument(
        "--skip-unknown",
        action="store_true",
        help="gaps: skip (and count) assessments of people not in the employee file, and "
        "people without a standard, instead of stopping",
    )
    p.add_argument(
        "--tier-default",
        action="store_true",
        help="gaps, with --standards: a person whose position is not listed gets the "
        "national level of their tier",
    )
    p.add_argument(
        "--by",
        type=by_arg,
        metavar="FIELDS",
        help="gaps: group by employee fields: unit, agency, region, tier, position (default: unit)",
    )
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="gaps: the smallest group shown (default: the suppression policy's 5)",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)
