"""``asn-competency evaluate``: a programme scorecard over Kirkpatrick levels 1-5."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from asn_competency.cli._common import (
    EXIT_OK,
    Problems,
    Result,
    UsageError,
    check_output,
    check_period,
    date_arg,
    emit,
    non_negative,
    output_options,
    positive,
    positive_int,
)
from asn_competency.cli._inputs import (
    inputs_of,
    is_id_column,
    load_json,
    load_list,
    number_cell,
    read_columns,
)
from asn_competency.domain.development import Programme

INPUTS = (
    "programme",
    "activities",
    "enrolments",
    "reaction",
    "tests",
    "assessments",
    "indicators",
    "benefits",
    "costs",
)


def read_programme(args: argparse.Namespace) -> Programme:
    """The programme from ``--programme`` (JSON) or ``--activities``/``--enrolments`` (CSV)."""
    if args.programme is not None:
        programme: Programme = load_json(args.programme, "programme")
        return programme
    from asn_competency.io.csv import read_programme as read_csv_programme  # noqa: PLC0415

    return read_csv_programme(
        args.activities,
        args.enrolments,
        id=args.id,
        title=args.title or args.id,
        owner=args.owner,
    )


def read_feedback(path: Path) -> dict[str, list[int]]:
    """Level 1: ``{item: scores}`` from one row per respondent, one column per item.

    Raises:
        CsvError: Listing every cell that is not a whole number.
    """
    from asn_competency.io.csv import CsvError, CsvProblem, read_csv_rows  # noqa: PLC0415

    problems: list[CsvProblem] = []
    out: dict[str, list[int]] = {}
    for line, row in read_csv_rows(path):
        for column, cell in row.items():
            text = cell.strip()
            if is_id_column(column) or not column.strip() or not text:
                continue
            try:
                out.setdefault(column.strip(), []).append(int(text))
            except ValueError:
                problems.append(CsvProblem(line, column, "a whole number", text))
    if problems:
        raise CsvError(problems, str(path))
    return out


def read_tests(
    path: Path, participants: frozenset[str], *, skip_unknown: bool
) -> tuple[dict[str, float], dict[str, float], list[str]]:
    """Level 2: pre and post scores by NIP; the NIPs skipped as not enrolled.

    Raises:
        CsvError: Listing every bad row: a missing column, a NIP that is not one,
            a person not enrolled (without ``skip_unknown``), a NIP twice, a
            score that is not a number.
    """
    from asn_competency.domain.employee import parse_nip  # noqa: PLC0415
    from asn_competency.errors import ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(
        path,
        [
            ("nip", (), True),
            ("pre", ("sebelum", "pretest"), True),
            ("post", ("sesudah", "posttest"), True),
        ],
    )
    problems: list[CsvProblem] = []
    pre: dict[str, float] = {}
    post: dict[str, float] = {}
    first: dict[str, int] = {}
    skipped: list[str] = []
    for line, cells in rows:
        try:
            nip = parse_nip(cells["nip"], field="nip").value
        except ValidationError as e:
            problems.append(CsvProblem(line, col["nip"], e.expected, cells["nip"]))
            continue
        if nip not in participants:
            if skip_unknown:
                skipped.append(nip)
            else:
                expected = "a NIP enrolled in the programme (or --skip-unknown)"
                problems.append(CsvProblem(line, col["nip"], expected, nip))
            continue
        if nip in first:
            expected = f"one row per person (line {first[nip]} has this NIP)"
            problems.append(CsvProblem(line, col["nip"], expected, nip))
            continue
        first[nip] = line
        for name, target in (("pre", pre), ("post", post)):
            try:
                target[nip] = number_cell(cells[name])
            except ValueError:
                problems.append(CsvProblem(line, col[name], "a number", cells[name]))
    if problems:
        raise CsvError(problems, str(path))
    return pre, post, sorted(skipped)


def read_indicators(path: Path, subject: str) -> tuple[list[Any], list[Any]]:
    """Level 4: indicators with their values before and after.

    Raises:
        CsvError: Listing every bad row.
    """
    from asn_competency.domain.indicators import Indicator, Measurement  # noqa: PLC0415
    from asn_competency.errors import AsnCompetencyError, ValidationError  # noqa: PLC0415
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(
        path,
        [
            ("id", ("id_indikator", "kode"), True),
            ("name", ("nama",), True),
            ("unit", ("satuan",), True),
            ("direction", ("arah",), False),
            ("baseline", (), False),
            ("target", (), False),
            ("before", ("sebelum",), False),
            ("after", ("sesudah",), True),
        ],
    )
    problems: list[CsvProblem] = []
    indicators: list[Any] = []
    measurements: list[Any] = []
    for line, cells in rows:
        values: dict[str, float | None] = {}
        for name in ("baseline", "target", "before", "after"):
            text = cells.get(name, "")
            try:
                values[name] = number_cell(text) if text else None
            except ValueError:
                problems.append(CsvProblem(line, col[name], "a number", text))
        if len(values) < 4:
            continue
        try:
            ind = Indicator(
                id=cells["id"],
                name=cells["name"],
                level=4,
                unit=cells["unit"],
                direction=cells.get("direction") or "higher",
                baseline=values["baseline"],
                target=values["target"],
            )
            for period in ("before", "after"):
                value = values[period]
                if value is not None:
                    measurements.append(
                        Measurement(
                            indicator_id=ind.id, subject=subject, period=period, value=value
                        )
                    )
        except ValidationError as e:
            problems.append(CsvProblem(line, col.get(e.field, e.field), e.expected, e.got))
            continue
        except AsnCompetencyError as e:  # pragma: no cover - every field check is a ValidationError
            problems.append(CsvProblem(line, None, "a consistent row", str(e)))
            continue
        indicators.append(ind)
    if problems:
        raise CsvError(problems, str(path))
    return indicators, measurements


def read_amounts(path: Path) -> dict[str, float]:
    """Level 5: ``{item: rupiah}`` from the columns ``item`` and ``amount`` (or ``jumlah``).

    Raises:
        CsvError: Listing every bad row.
    """
    from asn_competency.io.csv import CsvError, CsvProblem  # noqa: PLC0415

    rows, col = read_columns(
        path, [("item", ("uraian", "komponen"), True), ("amount", ("jumlah", "nilai"), True)]
    )
    problems: list[CsvProblem] = []
    out: dict[str, float] = {}
    for line, cells in rows:
        if cells["item"] in out:
            problems.append(CsvProblem(line, col["item"], "each item once", cells["item"]))
            continue
        try:
            amount = number_cell(cells["amount"])
        except ValueError:
            problems.append(CsvProblem(line, col["amount"], "an amount in rupiah", cells["amount"]))
            continue
        if amount < 0:
            problems.append(CsvProblem(line, col["amount"], "an amount >= 0", cells["amount"]))
            continue
        out[cells["item"]] = amount
    if problems:
        raise CsvError(problems, str(path))
    return out


def _check_args(args: argparse.Namespace) -> None:
    if args.programme is not None and args.activities is not None:
        raise UsageError("--activities", "expected either --programme or --activities, not both")
    if args.programme is None and args.activities is None:
        raise UsageError("--programme", "expected --programme (JSON) or --activities (CSV)")
    if args.activities is not None and args.id is None:
        raise UsageError("--id", "expected the programme's id with --activities")
    if (args.benefits is None) != (args.costs is None):
        flag = "--costs" if args.costs is None else "--benefits"
        raise UsageError(flag, "expected both --benefits and --costs for level 5")
    check_period(args.start, args.end)
    if args.min_score >= args.max_score:
        raise UsageError("--max-score", f"expected more than --min-score {args.min_score:g}")


def enrolled_targets(programme: Programme) -> list[str]:
    """The competencies targeted by activities someone is enrolled in."""
    enrolled = {e.activity_id for e in programme.enrolments}
    return sorted(
        {t.competency_id for a in programme.activities if a.id in enrolled for t in a.targets}
    )


def _read_assessments(problems: Problems, path: Path) -> Any:
    return problems.read(lambda: load_list(path, "assessments"))


def _levels(args: argparse.Namespace, programme: Programme, problems: Problems) -> dict[str, Any]:
    """Read every level's file, recording problems; return what could be read."""
    found: dict[str, Any] = {}
    if args.reaction is not None:
        found["reaction"] = problems.read(lambda: read_feedback(args.reaction))
    if args.tests is not None:
        participants = frozenset(programme.participants)
        found["tests"] = problems.read(
            lambda: read_tests(args.tests, participants, skip_unknown=args.skip_unknown)
        )
    if args.assessments:
        found["assessments"] = [_read_assessments(problems, path) for path in args.assessments]
    if args.indicators is not None:
        subject = programme.owner or programme.id
        found["indicators"] = problems.read(lambda: read_indicators(args.indicators, subject))
    if args.benefits is not None:
        found["benefits"] = problems.read(lambda: read_amounts(args.benefits))
        found["costs"] = problems.read(lambda: read_amounts(args.costs))
    return found


def scorecard(
    args: argparse.Namespace, *, need_period: bool = True, assessments: list[Any] | None = None
) -> tuple[Any, dict[str, object], list[str]]:
    """The scorecard of the command's files, with facts and notes about them.

    Without ``need_period``, assessments without a period (no ``--start`` and
    none in the programme) leave level 3 out with a note instead of failing.
    ``assessments`` already read stand for ``args.assessments``.
    """
    from asn_competency.evaluation.behaviour import analyse_behaviour  # noqa: PLC0415
    from asn_competency.evaluation.learning import analyse_learning  # noqa: PLC0415
    from asn_competency.evaluation.reaction import summarise_reaction  # noqa: PLC0415
    from asn_competency.evaluation.results import analyse_indicators  # noqa: PLC0415
    from asn_competency.evaluation.returns import analyse_return  # noqa: PLC0415
    from asn_competency.evaluation.scorecard import evaluate_programme  # noqa: PLC0415

    _check_args(args)
    problems = Problems()
    programme = problems.read(lambda: read_programme(args))
    problems.check()
    found = _levels(args, programme, problems)
    problems.check()
    if assessments is not None:
        found["assessments"] = [assessments]
    meta: dict[str, object] = {}
    notes: list[str] = []
    reaction = learning = behaviour = indicators = returns = None
    if "reaction" in found:
        reaction = summarise_reaction(found["reaction"], programme=programme, invited=args.invited)
    if "tests" in found:
        pre, post, skipped = found["tests"]
        if skipped:
            meta["skipped_tests"] = len(skipped)
            notes.append(
                f"skipped the tests of {len(skipped)} people not enrolled: {', '.join(skipped)}"
            )
        if pre:
            learning = analyse_learning(pre, post, maximum=args.max_score, minimum=args.min_score)
    start = args.start or programme.start
    if "assessments" in found and start is None:
        if need_period:
            raise UsageError(
                "--start", "expected the programme's first day (the programme has none)"
            )
        notes.append("level 3 needs the programme's period (--start, --end)")
    elif "assessments" in found:
        behaviour = analyse_behaviour(
            [a for chunk in found["assessments"] for a in chunk],
            start=start,
            end=args.end or programme.end or start,
            nips=programme.participants,
            competency_ids=enrolled_targets(programme) or None,
        )
    if "indicators" in found:
        inds, measurements = found["indicators"]
        indicators = analyse_indicators(
            inds,
            measurements,
            subject=programme.owner or programme.id,
            before="before",
            after="after",
        )
    if "benefits" in found:
        returns = analyse_return(
            found["benefits"],
            found["costs"],
            programme=programme,
            gap_points_closed=None if behaviour is None else behaviour.points_gained,
        )
    card = evaluate_programme(
        programme,
        reaction=reaction,
        learning=learning,
        behaviour=behaviour,
        indicators=indicators,
        returns=returns,
    )
    return card, meta, notes


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    check_output(args.out, inputs_of(args, *INPUTS))
    card, meta, notes = scorecard(args)
    columns = ["level", "name", "available", "score", "weight", "contribution", "detail"]
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
    meta = {
        "programme_id": card.programme_id,
        "composite": card.composite,
        "band": card.band,
        "confidence": card.confidence,
        "policy": f"{card.policy.name} {card.policy.version}",
        **meta,
        "missing": list(card.missing),
    }
    emit(Result(columns, rows, meta, [card.explain(), *notes]), args)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``evaluate`` command to the parser."""
    p = sub.add_parser(
        "evaluate",
        help="a programme scorecard (Kirkpatrick levels 1-5)",
        description=(
            "Evaluate a programme from participant feedback (level 1), pre/post test scores "
            "(level 2), assessments before and after it (level 3), service indicators "
            "(level 4) and monetised benefits and costs (level 5) into one scorecard. "
            "Levels without data are listed as missing, never scored as zero."
        ),
        epilog=(
            "Examples:\n  asn-competency evaluate --programme program.json --reaction umpan.csv "
            "--tests nilai.csv\n"
            "  asn-competency evaluate --activities kegiatan.csv --enrolments peserta.csv "
            "--id PP-2025 --assessments penilaian.csv --start 2025-05-05 --end 2025-08-29 "
            "--indicators indikator.csv --benefits manfaat.csv --costs biaya.csv\n\n"
            "Feedback CSV: one row per respondent, one column per item (relevance, ...).\n"
            "Test CSV: columns nip, pre, post (enrolled people only).\n"
            "Indicator CSV: id, name, unit, direction (higher/lower), baseline, target, "
            "before, after.\nBenefit and cost CSV: item, amount (rupiah)."
        ),
        formatter_class=fmt,
    )
    p.add_argument("--programme", type=Path, metavar="FILE", help="the programme (.json)")
    p.add_argument("--activities", type=Path, metavar="FILE", help="or its activities (.csv)")
    p.add_argument("--enrolments", type=Path, metavar="FILE", help="and enrolments (.csv)")
    p.add_argument("--id", help="programme id (with --activities)")
    p.add_argument("--title", help="programme title (with --activities; default the id)")
    p.add_argument("--owner", default="", help="the unit the programme served (with --activities)")
    p.add_argument("--reaction", type=Path, metavar="FILE", help="level 1: feedback (.csv)")
    p.add_argument("--invited", type=positive_int, metavar="N", help="level 1: people invited")
    p.add_argument("--tests", type=Path, metavar="FILE", help="level 2: pre/post scores (.csv)")
    p.add_argument("--max-score", type=positive, default=100.0, help="level 2: highest score")
    p.add_argument("--min-score", type=non_negative, default=0.0, help="level 2: lowest score")
    p.add_argument(
        "--assessments",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="level 3: assessments before and after (.csv or .json, one or more files)",
    )
    p.add_argument("--start", type=date_arg, help="level 3: first day (default: the programme's)")
    p.add_argument("--end", type=date_arg, help="level 3: last day (default: the programme's)")
    p.add_argument("--indicators", type=Path, metavar="FILE", help="level 4: indicators (.csv)")
    p.add_argument("--benefits", type=Path, metavar="FILE", help="level 5: benefits (.csv)")
    p.add_argument("--costs", type=Path, metavar="FILE", help="level 5: costs (.csv)")
    p.add_argument(
        "--skip-unknown", action="store_true", help="skip (and count) tests of people not enrolled"
    )
    output_options(p)
    p.set_defaults(handler=run, parser=p)
