"""``asn-competency trend``: SKM per period, or gap summaries across assessment rounds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import attrs

from asn_competency.cli._common import (
    EXIT_OK,
    UsageError,
    check_output,
    emit,
    load_framework,
    load_list,
    standards_for,
)


def _labelled(values: list[str], option: str) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    for value in values:
        label, sep, path = value.partition("=")
        if not sep or not label.strip() or not path.strip():
            raise UsageError(f"{option} takes PERIOD=FILE, such as 2024=file.csv (got {value!r})")
        out.append((label.strip(), Path(path.strip())))
    return out


def _skm(args: argparse.Namespace) -> int:
    from asn_competency.cli.skm import _SKM_POLICIES  # noqa: PLC0415
    from asn_competency.io.csv import read_skm_responses  # noqa: PLC0415
    from asn_competency.policies import skm  # noqa: PLC0415
    from asn_competency.trends.skm import track_skm  # noqa: PLC0415

    if not args.survey:
        raise UsageError("trend skm needs --survey PERIOD=FILE for each period")
    policy = getattr(skm, _SKM_POLICIES[args.policy])
    surveys = [
        (label, read_skm_responses(path, policy=policy))
        for label, path in _labelled(args.survey, "--survey")
    ]
    trend = track_skm(surveys, policy=policy)
    header = [
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
    ]
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
    emit(header, rows, args.out, extra={"policy": f"{policy.name} {policy.version}"})
    return EXIT_OK


def _gaps(args: argparse.Namespace) -> int:
    from asn_competency.cli._common import combination_policy  # noqa: PLC0415
    from asn_competency.gaps.individual import analyse_population  # noqa: PLC0415
    from asn_competency.gaps.summary import summarise_gaps  # noqa: PLC0415
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.trends.gaps import track_gaps  # noqa: PLC0415

    if not args.round:
        raise UsageError("trend gaps needs --round PERIOD=ASSESSMENTS for each round")
    if args.employees is None:
        raise UsageError("trend gaps needs --employees")
    framework = load_framework(args.framework)
    employees = load_list(args.employees, "employees")
    standards = standards_for(args, framework)
    by = [f.strip() for f in (args.by or "unit").split(",") if f.strip()]
    suppression = SUPPRESSION_DEFAULT
    if args.min_group is not None:
        suppression = attrs.evolve(suppression, min_group_size=args.min_group)
    rounds = []
    for label, path in _labelled(args.round, "--round"):
        marks = load_list(path, "assessments", framework=framework)
        reports = analyse_population(
            employees,
            marks,
            standards,
            framework=framework,
            combination=combination_policy(args.combination),
        )
        rounds.append(
            (label, summarise_gaps(reports, employees=employees, by=by, policy=suppression))
        )
    trend = track_gaps(rounds)
    header = [
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
    emit(header, rows, args.out, extra={"rounds": list(trend.rounds), "by": by})
    real = trend.beyond_noise()
    print(f"{len(real)} change(s) beyond the assessment noise", file=sys.stderr)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    if args.what == "skm":
        return _skm(args)
    return _gaps(args)


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``trend`` command to the parser."""
    from asn_competency.cli.skm import _SKM_POLICIES  # noqa: PLC0415

    trend = sub.add_parser(
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
    trend.add_argument("what", choices=["skm", "gaps"], help="what to follow")
    trend.add_argument(
        "--survey", action="append", default=[], help="skm: PERIOD=FILE of answers (repeat)"
    )
    trend.add_argument(
        "--policy", choices=sorted(_SKM_POLICIES), default="2017", help="skm: the SKM rule"
    )
    gap_options_of(trend)
    trend.add_argument(
        "--round", action="append", default=[], help="gaps: PERIOD=ASSESSMENTS file (repeat)"
    )
    trend.add_argument("--by", help="gaps: group by these employee fields (default unit)")
    trend.add_argument("--min-group", type=int, help="gaps: smallest group shown (default 5)")
    trend.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    trend.set_defaults(handler=run)


def gap_options_of(parser: argparse.ArgumentParser) -> None:
    """The gap inputs, optional here (``trend skm`` needs none of them)."""
    parser.add_argument("--employees", type=Path, help="gaps: employees (.csv or .json)")
    parser.add_argument(
        "--standards", type=Path, help="gaps: position standards (default: by tier)"
    )
    parser.add_argument("--framework", type=Path, help="gaps: framework to check against")
    from asn_competency.domain.assessment import CombinationRule  # noqa: PLC0415

    parser.add_argument(
        "--combination",
        choices=[r.value for r in CombinationRule],
        help="gaps: how several assessments of one competency combine (default: latest)",
    )
