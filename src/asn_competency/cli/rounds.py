"""``asn-competency rounds``: mentor matching for successive cohorts of one programme."""

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
    listed,
    output_options,
    positive_int,
)
from asn_competency.cli._inputs import inputs_of, load_population, population_options
from asn_competency.cli.match import mentees_and_levels, unmatched_lines
from asn_competency.errors import DocumentError

INPUTS = ("employees", "assessments", "standards", "framework", "cohorts")


def read_cohorts(path: Path) -> dict[str, tuple[int, int, str]]:
    """``{nip: (round, line, nip column)}`` from a CSV of ``nip`` and ``round`` (or ``putaran``).

    Raises:
        CsvError: Listing every bad row: a missing column, a bad NIP, a round
            that is not a whole number >= 1, a NIP listed twice.
    """
    from asn_competency.domain.employee import parse_nip  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem, read_csv_rows  # noqa: PLC0415

    rows = read_csv_rows(path)
    header = list(rows[0][1]) if rows else []
    nip_col = next((h for h in header if h.strip().lower() == "nip"), None)
    round_col = next((h for h in header if h.strip().lower() in ("round", "putaran")), None)
    if nip_col is None or round_col is None:
        raise CsvError(
            [
                CsvProblem(
                    1, None, "the columns 'nip' and 'round' (or 'putaran')", ", ".join(header)
                )
            ],
            str(path),
        )
    problems: list[CsvProblem] = []
    out: dict[str, tuple[int, int, str]] = {}
    for line, row in rows:
        try:
            nip = parse_nip(row[nip_col].strip(), field="nip").value
        except ValidationError as e:
            problems.append(CsvProblem(line, nip_col, e.expected, row[nip_col].strip()))
            continue
        text = row[round_col].strip()
        if not text.isdigit() or int(text) < 1:
            problems.append(CsvProblem(line, round_col, "a round number 1, 2, ...", text))
            continue
        if nip in out:
            expected = f"a NIP not already on line {out[nip][1]}"
            problems.append(CsvProblem(line, nip_col, expected, nip))
            continue
        out[nip] = (int(text), line, nip_col)
    if problems:
        raise CsvError(problems, str(path))
    return out


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    from asn_competency.matching.rounds import match_in_rounds  # noqa: PLC0415

    problems = Problems()
    cohorts = problems.read(lambda: read_cohorts(args.cohorts))
    population = problems.read(lambda: load_population(args))
    problems.check()
    known = {e.nip for e in population.employees}
    outside = sorted(n for n in cohorts if n not in known)
    notes = list(population.notes)
    if outside and not args.skip_unknown:
        from asn_competency.io.csv import CsvProblem  # noqa: PLC0415

        raise DocumentError(
            [
                CsvProblem(
                    cohorts[n][1],
                    cohorts[n][2],
                    f"a NIP listed in {args.employees} (or --skip-unknown)",
                    n,
                )
                for n in outside
            ],
            str(args.cohorts),
        )
    if outside:
        notes.append(f"skipped {len(outside)} people of the cohorts not in {args.employees}")
    mentees, levels = mentees_and_levels(population, args.combination)
    by_nip = {m.nip: m for m in mentees}
    count = max((r for r, _, _ in cohorts.values()), default=0)
    groups: list[list[Any]] = [[] for _ in range(count)]
    for nip, (number, _, _) in sorted(cohorts.items()):
        if nip in by_nip:
            groups[number - 1].append(by_nip[nip])
    meeting = sorted(n for n in cohorts if n in known and n not in by_nip)
    if meeting:
        notes.append(f"{len(meeting)} people of the cohorts meet their standard: {listed(meeting)}")
    left_out = sorted(n for n in by_nip if n not in cohorts)
    if left_out:
        notes.append(f"{len(left_out)} people below standard are in no cohort: {listed(left_out)}")
    result = match_in_rounds(
        groups,
        population.employees,
        levels=levels,
        objective=args.objective,
        employees=population.employees,
        framework=population.framework,
        cap=args.cap,
    )
    names = population.names()
    columns = ["round", "mentor", "mentor_name", "mentee", "mentee_name", "score", "covered"]
    rows = [
        [n, p.mentor, names[p.mentor], p.mentee, names[p.mentee], p.score, p.covered]
        for n, r in enumerate(result.rounds, start=1)
        for p in r.pairs
    ]
    meta: dict[str, object] = {
        "rounds": len(result.rounds),
        "cap": result.cap,
        "objective": args.objective,
        "pairs": len(result.pairs),
        "skipped_cohort_people": len(outside),
        **population.skipped,
        "unmatched_mentees": [
            {"nip": u.nip, "name": names.get(u.nip, ""), "reason": u.reason.value}
            for u in result.unmatched_mentees
        ],
    }
    summary = [
        f"{len(result.rounds)} rounds, {len(result.pairs)} pairs; "
        f"{len(result.unmatched_mentees)} mentees without a mentor after the last round",
        *unmatched_lines(result.unmatched_mentees, names),
        *notes,
    ]
    emit(Result(columns, rows, meta, summary), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``rounds`` command to the parser."""
    p = sub.add_parser(
        "rounds",
        help="mentor matching for successive cohorts",
        description=(
            "Match the people below standard with mentors one cohort after another: "
            "mentees left over from a round come first in the next, and --cap limits "
            "the mentees of one mentor over all rounds."
        ),
        epilog=(
            "Example:\n  asn-competency rounds --employees pegawai.csv --assessments "
            "penilaian.csv --cohorts kohort.csv --cap 2\n\n"
            "Cohort CSV: columns nip and round (or putaran), one row per mentee."
        ),
        formatter_class=fmt,
    )
    population_options(p)
    p.add_argument(
        "--cohorts", type=Path, required=True, metavar="FILE", help="each mentee's round (.csv)"
    )
    p.add_argument("--cap", type=positive_int, help="most mentees per mentor over all rounds")
    p.add_argument(
        "--objective", choices=["optimal", "stable"], default="optimal", help="what to optimise"
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)
