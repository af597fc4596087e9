"""``asn-competency evaluate``: a programme scorecard from feedback, tests and assessments."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_competency.cli._common import (
    EXIT_OK,
    UsageError,
    check_output,
    date_arg,
    emit,
    load_json,
    load_list,
)
from asn_competency.domain.development import Programme
from asn_competency.errors import DocumentError, Problem

if TYPE_CHECKING:
    pass


_ID_COLUMNS = frozenset({"nip", "no", "respondent", "responden", "id", "peserta", "person"})


def _number_columns(
    path: Path, *, integer: bool, unique: bool = False, skip: frozenset[str] = _ID_COLUMNS
) -> dict[str, list[tuple[str, float]]]:
    """Read a CSV of numbers: ``{column: [(row id, value)]}``; empty cells are skipped.

    With ``unique``, a row id (the cell of the first id column) that an earlier
    row already had is a problem: its scores would otherwise replace the others.
    """
    from asn_competency.io.csv import CsvError, CsvProblem, read_csv_rows  # noqa: PLC0415

    problems: list[Problem] = []
    out: dict[str, list[tuple[str, float]]] = {}
    seen: dict[str, int] = {}
    for line, row in read_csv_rows(path):
        id_column = next((k for k in row if k.lower() in skip), None)
        rid = str(line - 1) if id_column is None else row[id_column].strip()
        if unique and rid in seen:  # line numbers (no id column) never repeat
            expected = f"one row per person (line {seen[rid]} has this id)"
            problems.append(CsvProblem(line, id_column, expected, rid))
            continue
        seen.setdefault(rid, line)
        for column, cell in row.items():
            if column.lower() in skip or not cell.strip():
                continue
            try:
                value = int(cell) if integer else float(cell.replace(",", "."))
            except ValueError:
                what = "a whole number" if integer else "a number"
                problems.append(CsvProblem(line, column, what, cell))
                continue
            out.setdefault(column, []).append((rid, value))
    if problems:
        raise CsvError(problems, str(path))
    return out


def _evaluation_programme(args: argparse.Namespace) -> Programme:
    if args.programme is not None:
        programme: Programme = load_json(args.programme, "programme")
        return programme
    from asn_competency.io.csv import read_programme  # noqa: PLC0415

    return read_programme(
        args.activities, args.enrolments, id=args.id or "programme", title=args.title or "programme"
    )


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out)
    if (args.programme is None) == (args.activities is None):
        raise UsageError("give exactly one of --programme (JSON) and --activities (CSV)")
    if args.assessments is not None and args.start is None:
        raise UsageError("--assessments needs --start (the programme's first day)")
    from asn_competency.evaluation.behaviour import analyse_behaviour  # noqa: PLC0415
    from asn_competency.evaluation.learning import analyse_learning  # noqa: PLC0415
    from asn_competency.evaluation.reaction import summarise_reaction  # noqa: PLC0415
    from asn_competency.evaluation.scorecard import evaluate_programme  # noqa: PLC0415

    programme = _evaluation_programme(args)
    reaction = learning = behaviour = None
    if args.reaction is not None:
        answers = _number_columns(args.reaction, integer=True)
        reaction = summarise_reaction(
            {k: [int(v) for _, v in vals] for k, vals in answers.items()}, programme=programme
        )
    if args.tests is not None:
        scores = _number_columns(args.tests, integer=False, unique=True)
        missing = [c for c in ("pre", "post") if c not in scores]
        if missing:
            raise DocumentError(
                [Problem("line 1", f"expected columns 'pre' and 'post' (missing {missing})")],
                str(args.tests),
            )
        learning = analyse_learning(
            dict(scores["pre"]), dict(scores["post"]), maximum=args.max_score
        )
    if args.assessments is not None:
        assessments = load_list(args.assessments, "assessments")
        targets = sorted({t.competency_id for a in programme.activities for t in a.targets})
        behaviour = analyse_behaviour(
            assessments,
            start=args.start,
            end=args.end,
            nips=programme.participants or None,
            competency_ids=targets or None,
        )
    card = evaluate_programme(programme, reaction=reaction, learning=learning, behaviour=behaviour)
    header = ["level", "name", "available", "score", "weight", "contribution", "detail"]
    rows = [
        [
            int(lv.level),
            lv.name,
            lv.available,
            lv.score,
            lv.effective_weight,
            lv.contribution,
            lv.detail,
        ]
        for lv in card.levels
    ]
    emit(
        header,
        rows,
        args.out,
        extra={
            "programme_id": card.programme_id,
            "composite": card.composite,
            "band": card.band,
            "confidence": card.confidence,
            "missing": list(card.missing),
        },
    )
    print(card.explain())
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``evaluate`` command to the parser."""
    ev = sub.add_parser(
        "evaluate",
        help="a programme scorecard (Kirkpatrick levels 1-3)",
        description=(
            "Evaluate a programme from participant feedback (level 1), pre/post test scores "
            "(level 2) and assessments before and after it (level 3) into a scorecard."
        ),
        epilog=(
            "Examples:\n  asn-competency evaluate --programme program.json --reaction umpan.csv "
            "--tests nilai.csv\n"
            "  asn-competency evaluate --activities kegiatan.csv --enrolments peserta.csv "
            "--assessments penilaian.csv --start 2024-03-01 --end 2024-03-05\n\n"
            "Feedback CSV: one row per respondent, one column per item (relevance, ...).\n"
            "Test CSV: columns nip, pre, post."
        ),
        formatter_class=fmt,
    )
    ev.add_argument("--programme", type=Path, help="the programme (.json)")
    ev.add_argument("--activities", type=Path, help="or its activities (.csv)")
    ev.add_argument("--enrolments", type=Path, help="and enrolments (.csv)")
    ev.add_argument("--id", help="programme id (with --activities)")
    ev.add_argument("--title", help="programme title (with --activities)")
    ev.add_argument("--reaction", type=Path, help="level 1: feedback scores (.csv)")
    ev.add_argument("--tests", type=Path, help="level 2: pre/post test scores (.csv)")
    ev.add_argument("--max-score", type=float, default=100.0, help="highest test score")
    ev.add_argument("--assessments", type=Path, help="level 3: assessments (.csv or .json)")
    ev.add_argument("--start", type=date_arg, help="level 3: the programme's first day")
    ev.add_argument("--end", type=date_arg, help="level 3: the programme's last day")
    ev.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    ev.set_defaults(handler=run)
