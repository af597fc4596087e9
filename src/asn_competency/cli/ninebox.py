"""``asn-competency ninebox``: each person's place on the talent nine-box, or the distribution."""

from __future__ import annotations

import argparse
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
    listed,
    output_options,
    positive_int,
)
from asn_competency.cli._inputs import (
    Population,
    inputs_of,
    load_list,
    load_population,
    number_cell,
    population_options,
    read_columns,
)
from asn_competency.domain.employee import Employee

INPUTS = ("employees", "assessments", "standards", "framework", "scores")


def read_scores(path: Path) -> tuple[dict[str, tuple[int, str, str | None]], dict[str, str]]:
    """``{nip: (line, performance, potential or None)}`` from a CSV of scores or ranks.

    Also returns each column's header as the file writes it.

    Raises:
        CsvError: Listing every bad row.
    """
    from asn_competency.domain.employee import parse_nip  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(
        path,
        [
            ("nip", (), True),
            ("performance", ("kinerja", "skp", "nilai_skp"), True),
            ("potential", ("potensial", "potensi"), False),
        ],
    )
    problems: list[CsvProblem] = []
    out: dict[str, tuple[int, str, str | None]] = {}
    for line, cells in rows:
        try:
            nip = parse_nip(cells["nip"], field="nip").value
        except ValidationError as e:
            problems.append(CsvProblem(line, col["nip"], e.expected, cells["nip"]))
            continue
        if nip in out:
            expected = f"a NIP not already on line {out[nip][0]}"
            problems.append(CsvProblem(line, col["nip"], expected, nip))
            continue
        if not cells["performance"]:
            problems.append(CsvProblem(line, col["performance"], "a score or rank", ""))
            continue
        out[nip] = (line, cells["performance"], cells.get("potential") or None)
    if problems:
        raise CsvError(problems, str(path))
    return out, col


def _value(text: str) -> str | float:
    try:
        return number_cell(text)
    except ValueError:
        return text.strip().lower()


@attrs.define
class Placements:
    """Who was placed in which box, and who could not be."""

    employees: list[Employee]
    placed: list[tuple[Employee, Any]]
    meta: dict[str, object]
    notes: list[str]


def _people(
    args: argparse.Namespace, scores: dict[str, Any], population: Population | None
) -> tuple[list[Employee], dict[str, float | None], dict[str, object], list[str]]:
    """The employees, their JPM when some potential must come from it, facts and notes."""
    if all(pot is not None for _, _, pot in scores.values()):
        problems = Problems()
        employees = problems.read(lambda: load_list(args.employees, "employees"))
        problems.check()
        return employees, {}, {}, []
    if args.assessments is None:
        raise UsageError(
            "--assessments",
            f"expected --assessments for the potential (JPM): {args.scores} has no potential",
        )
    if population is None:
        population = load_population(args)
    jpm = {r.nip: r.jpm for r in population.reports(args.combination)}
    return population.employees, jpm, dict(population.skipped), list(population.notes)


def placements(args: argparse.Namespace, population: Population | None = None) -> Placements:
    """Place everyone with a score; potential from the file or from the JPM.

    A population already read for the same options may be passed, so that the
    files are not read twice.

    Raises:
        InputError: Listing every problem of every file.
        UsageError: Without a potential column and without ``--assessments``.
    """
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415
    from asn_competency.talent.nine_box import talent_box  # noqa: PLC0415

    problems = Problems()
    read = problems.read(lambda: read_scores(args.scores))
    problems.check()
    scores, col = read
    employees, jpm, meta, notes = _people(args, scores, population)
    known = {e.nip: e for e in employees}
    found: list[CsvProblem] = []
    placed: list[tuple[Employee, Any]] = []
    outside: list[str] = []
    no_jpm: list[str] = []
    for nip, (line, perf, pot) in sorted(scores.items()):
        if nip not in known:
            if args.skip_unknown:
                outside.append(nip)
            else:
                expected = f"a NIP listed in {args.employees} (or --skip-unknown)"
                found.append(CsvProblem(line, col["nip"], expected, nip))
            continue
        potential: str | float | None = _value(pot) if pot is not None else jpm.get(nip)
        if potential is None:
            no_jpm.append(nip)
            continue
        try:
            placed.append((known[nip], talent_box(_value(perf), potential)))
        except ValidationError as e:
            column = col["potential"] if e.field == "potential" else col["performance"]
            found.append(CsvProblem(line, column, e.expected, e.got))
    if found:
        raise CsvError(found, str(args.scores))
    unscored = sorted(set(known) - set(scores))
    for key, people, text in (
        ("skipped_unknown_scores", outside, f"not in {args.employees}"),
        ("not_placed_without_jpm", no_jpm, "without a JPM (not every requirement assessed)"),
        ("not_placed_without_score", unscored, f"without a score in {args.scores}"),
    ):
        if people:
            meta[key] = len(people)
            notes.append(f"{len(people)} people {text} not placed: {listed(people)}")
    return Placements(employees, placed, meta, notes)


def distribution_result(
    found: Placements, by: tuple[str, ...] | None, min_group: int | None
) -> tuple[Result, Any]:
    """People per box, overall or by group; groups below the policy's minimum are not shown."""
    from asn_competency.policies.suppression import SUPPRESSION_DEFAULT  # noqa: PLC0415
    from asn_competency.talent.nine_box import summarise_talent  # noqa: PLC0415

    policy = SUPPRESSION_DEFAULT
    if min_group is not None:
        policy = attrs.evolve(policy, min_group_size=min_group)
    if by:
        summary = summarise_talent(found.placed, by=by, policy=policy)
    else:
        # One group of everyone: an office smaller than the minimum is not shown either.
        summary = summarise_talent(found.placed)
        if found.placed and len(found.placed) < policy.min_group_size:
            summary = attrs.evolve(
                summary, groups=(), suppressed_groups=1, totals=(0,) * 9, policy=policy
            )
    columns = [*(by or ()), "people", *(f"box_{b}" for b in range(1, 10))]
    rows = [[*g.key, g.people, *g.counts] for g in summary.groups]
    meta = {
        "suppression_policy": f"{policy.name} {policy.version}",
        "min_group_size": policy.min_group_size,
        "suppressed_groups": summary.suppressed_groups,
        **found.meta,
    }
    notes = list(found.notes)
    if summary.suppressed_groups:
        notes.append(
            f"{summary.suppressed_groups} group(s) of fewer than {policy.min_group_size} "
            "people not shown"
        )
    return Result(columns, rows, meta, notes), summary


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    found = placements(args)
    if args.distribution or args.by:
        result, _ = distribution_result(found, args.by, args.min_group)
        emit(result, args)
        return EXIT_OK
    columns = [
        "nip",
        "name",
        "unit",
        "box",
        "performance",
        "potential",
        "recommendation",
    ]
    rows = [
        [e.nip, e.name, e.unit, b.number, b.performance, b.potential, b.recommendation]
        for e, b in found.placed
    ]
    meta: dict[str, object] = {"placed": len(rows), **found.meta}
    if found.placed:
        meta["nine_box_policy"] = found.placed[0][1].policy_name
    emit(Result(columns, rows, meta, found.notes), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``ninebox`` command to the parser."""
    p = sub.add_parser(
        "ninebox",
        help="the talent nine-box: each person's box, or the distribution by unit",
        description=(
            "Place people on the talent nine-box (PermenPAN-RB 3/2020): performance from "
            "the scores file (an SKP score or below/meets/above), potential from its "
            "potential column (a score or low/middle/high) or, without one, from each "
            "person's JPM against their standard. --distribution or --by counts people "
            "per box, with small groups suppressed."
        ),
        epilog=(
            "Examples:\n  asn-competency ninebox --employees pegawai.csv --scores kinerja.csv "
            "--assessments penilaian.csv --standards standar.csv\n"
            "  asn-competency ninebox --employees pegawai.csv --scores kinerja.csv "
            "--assessments penilaian.csv --standards standar.csv --by unit\n\n"
            "Scores CSV: nip, performance (or kinerja) and optionally potential (or potensial)."
        ),
        formatter_class=fmt,
    )
    population_options(p, assessments=False)
    p.add_argument(
        "--scores", type=Path, required=True, metavar="FILE", help="performance (and potential)"
    )
    p.add_argument("--distribution", action="store_true", help="people per box, not per person")
    p.add_argument("--by", type=by_arg, metavar="FIELDS", help="people per box by group")
    p.add_argument(
        "--min-group",
        type=positive_int,
        metavar="N",
        help="the smallest group shown (default: the suppression policy's 5)",
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)
