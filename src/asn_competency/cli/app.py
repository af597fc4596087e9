"""The ``asn-competency`` command line.

Commands:
    demo: a tour of the library on built-in sample data.
    validate FILE: check a JSON, CASE or CSV file and list every problem.
    convert IN OUT: CSV <-> JSON, and framework JSON <-> 1EdTech CASE.
    gap: competency gaps and Job Person Match per person, or summarised by unit.
    plan: a development plan (AKPK) for a year within a budget.
    match: mentors for the people below their standard.
    skm: the public-satisfaction index of a survey file.
    evaluate: a programme scorecard from feedback, tests and assessments.

Inputs are read by extension (``.csv`` or ``.json``; a framework may also be a
CASE package). Results go to the terminal as a table, or to ``--out`` as CSV
or JSON (by extension).

Exit codes: 0 success; 1 the input data has problems (each listed on one line);
2 the command line is wrong; 3 the output file cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.domain.assessment import Assessment, CombinationRule
from asn_competency.domain.development import Activity, Programme
from asn_competency.domain.employee import Employee
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.position import PositionStandard
from asn_competency.errors import AsnCompetencyError, DocumentError, Problem, ValidationError
from asn_competency.gaps.levels import combine_assessments
from asn_competency.io.json import dumps, from_data, read_json, to_data
from asn_competency.policies.combination import CombinationPolicy

if TYPE_CHECKING:
    from asn_competency.gaps.individual import GapReport


__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "main", "run"]


EXIT_OK = 0
"""Success."""


EXIT_BAD_INPUT = 1
"""The input data has problems (each is printed on its own line)."""


EXIT_USAGE = 2
"""The command line is wrong (argparse's convention)."""


EXIT_OUTPUT = 3
"""The output file cannot be written (missing folder, no permission)."""


_JSON_KINDS: dict[str, Any] = {
    "activities": list[Activity],
    "assessments": list[Assessment],
    "employees": list[Employee],
    "framework": CompetencyFramework,
    "programme": Programme,
    "standard": PositionStandard,
    "standards": list[PositionStandard],
}


_CSV_KINDS = (
    "activities",
    "assessments",
    "employees",
    "enrolments",
    "framework",
    "skm",
    "standards",
)


class _OutputError(Exception):
    """The output cannot be written; raised before any work is done."""


# ---------------------------------------------------------------------------
# Progress on stderr, only for a terminal and only once a run takes a while.


class _Progress:
    def __init__(self, what: str, *, delay: float = 1.0, stream: Any = None) -> None:
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.delay = delay
        self.last = 0.0
        self.shown = False

    def __call__(self, count: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < 0.2:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r{self.what}: {count:,} rows ({now - self.start:.0f} s)")
        self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


# ---------------------------------------------------------------------------
# Reading inputs by extension.


def _guess_json_kind(data: object) -> str | None:  # noqa: PLR0911 - one answer per kind
    if isinstance(data, dict):
        if "CFDocument" in data:
            return "case"
        if "competencies" in data:
            return "framework"
        if "requirements" in data:
            return "standard"
        if "activities" in data or "enrolments" in data:
            return "programme"
    if isinstance(data, list) and data and isinstance(data[0], dict):
        first = data[0]
        if "requirements" in first:
            return "standards"
        if "route" in first:
            return "activities"
        if "competency_id" in first:
            return "assessments"
        if "name" in first:
            return "employees"
    return None


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def _load_json(path: Path, kind: str) -> Any:
    data = read_json(path)
    if kind == "framework" and isinstance(data, dict) and "CFDocument" in data:
        from asn_competency.io.case import framework_from_case  # noqa: PLC0415

        return framework_from_case(data, source=str(path))
    if kind == "standards" and isinstance(data, dict):
        return [from_data(PositionStandard, data, source=str(path))]
    if kind == "activities" and isinstance(data, dict):
        return list(from_data(Programme, data, source=str(path)).activities)
    return from_data(_JSON_KINDS[kind], data, source=str(path))


def _load_framework(path: Path | None) -> CompetencyFramework | None:
    if path is None:
        return None
    if _is_csv(path):
        from asn_competency.io.csv import read_framework  # noqa: PLC0415

        return read_framework(path)
    fw: CompetencyFramework = _load_json(path, "framework")
    return fw


def _load_list(
    path: Path,
    kind: str,
    *,
    framework: CompetencyFramework | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Any]:
    if not _is_csv(path):
        return list(_load_json(path, kind))
    from asn_competency.io import csv as tabular  # noqa: PLC0415

    if kind == "assessments":
        return list(tabular.read_assessments(path, framework=framework, progress=progress))
    if kind == "employees":
        return list(tabular.read_employees(path))
    if kind == "standards":
        return list(tabular.read_standards(path, framework=framework))
    return list(tabular.read_activities(path))


# ---------------------------------------------------------------------------
# Writing results.


def _check_output(path: Path | None) -> None:
    """Fail early when ``path`` cannot be written."""
    if path is None:
        return
    if path.suffix.lower() not in (".csv", ".json"):
        raise _OutputError(f"{path}: the output must end in .csv or .json")
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise _OutputError(f"{path}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise _OutputError(f"{path}: is a folder, not a file")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise _OutputError(f"{path}: no permission to write here")


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return "|".join(str(v) for v in value) or "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _print_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[_fmt(v) for v in row] for row in rows]
    widths = [min(max([len(h)] + [len(r[i]) for r in cells]), 40) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(c[:w].ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def _json_value(value: object) -> object:
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return to_data(value)


def _emit(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    out: Path | None,
    *,
    extra: dict[str, object] | None = None,
) -> None:
    """Print a table, or write CSV or JSON by the extension of ``out``."""
    if out is None:
        _print_table(header, rows)
        return
    if out.suffix.lower() == ".csv":
        from asn_competency.io.csv import write_csv_rows  # noqa: PLC0415

        write_csv_rows(out, header, rows)
    else:
        records = [{h: _json_value(v) for h, v in zip(header, row, strict=True)} for row in rows]
        doc: object = records if extra is None else {**extra, "rows": records}
        out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)


# ---------------------------------------------------------------------------
# Commands.


def _cmd_demo(args: argparse.Namespace) -> int:
    from asn_competency.demo import run_demo  # noqa: PLC0415 - only the demo needs it

    run_demo()
    return EXIT_OK


def _validate_json(path: Path, kind: str | None) -> list[Problem]:
    try:
        data = read_json(path)
    except DocumentError as e:
        return list(e.problems)
    kind = kind or _guess_json_kind(data)
    if kind is None:
        return [
            Problem(
                "$",
                "cannot tell the document kind; expected a framework, CASE package, standard, "
                "programme, or a list of employees, assessments, standards or activities "
                "(use --kind)",
            )
        ]
    try:
        if kind == "case":
            from asn_competency.io.case import framework_from_case  # noqa: PLC0415

            framework_from_case(data, source=str(path))
        else:
            from_data(_JSON_KINDS[kind], data, source=str(path))
    except DocumentError as e:
        return list(e.problems)
    return []


def _cmd_validate(args: argparse.Namespace) -> int:
    path: Path = args.file
    if _is_csv(path):
        from asn_competency.io.csv import check_csv  # noqa: PLC0415

        if args.kind is not None and args.kind not in _CSV_KINDS:
            raise _UsageError(f"--kind {args.kind} is not a CSV kind ({', '.join(_CSV_KINDS)})")
        framework = _load_framework(args.framework)
        progress = _Progress(f"checking {path}")
        problems = check_csv(path, args.kind, framework=framework, progress=progress)
        progress.done()
    else:
        if args.kind is not None and args.kind not in (*_JSON_KINDS, "case"):
            raise _UsageError(f"--kind {args.kind} is not a JSON kind")
        problems = _validate_json(path, args.kind)
    if problems:
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{path}: ok")
    return EXIT_OK


class _UsageError(Exception):
    """A combination of options that argparse cannot check by itself."""


def _convert_read(args: argparse.Namespace) -> tuple[str, Any]:
    src: Path = args.input
    if _is_csv(src):
        from asn_competency.io import csv as tabular  # noqa: PLC0415

        kind = args.kind if args.kind is not None else tabular.guess_kind(src)
        if kind is None:
            raise DocumentError(
                [Problem("line 1", "cannot tell the kind of CSV file (use --kind)")], str(src)
            )
        readers: dict[str, Callable[[], Any]] = {
            "activities": lambda: list(tabular.read_activities(src)),
            "assessments": lambda: list(tabular.read_assessments(src)),
            "employees": lambda: list(tabular.read_employees(src)),
            "enrolments": lambda: list(tabular.read_enrolments(src)),
            "framework": lambda: tabular.read_framework(
                src, id=args.framework_id, version=args.framework_version, title=args.title
            ),
            "standards": lambda: list(tabular.read_standards(src, framework_id=args.framework_id)),
        }
        if kind not in readers:
            raise _UsageError(f"cannot convert a CSV file of kind {kind!r}")
        return kind, readers[kind]()
    if args.kind is not None and args.kind not in (*_JSON_KINDS, "case"):
        raise _UsageError(f"--kind {args.kind} is not a JSON kind")
    data = read_json(src)
    kind = args.kind or _guess_json_kind(data)
    if kind == "case":
        from asn_competency.io.case import framework_from_case  # noqa: PLC0415

        return "framework", framework_from_case(data, source=str(src))
    if kind is None:
        raise DocumentError([Problem("$", "cannot tell the document kind (use --kind)")], str(src))
    obj = from_data(_JSON_KINDS[kind], data, source=str(src))
    if kind == "standard":
        return "standards", [obj]
    return kind, obj


def _cmd_convert(args: argparse.Namespace) -> int:
    out: Path = args.output
    _check_output(out)
    kind, obj = _convert_read(args)
    to_case = args.case or out.name.lower().endswith(".case.json")
    if to_case:
        if kind != "framework":
            raise _UsageError("only a framework can be written as a CASE package")
        from asn_competency.io.case import write_case  # noqa: PLC0415

        write_case(obj, out, base_uri=args.base_uri)
    elif _is_csv(out):
        from asn_competency.io import csv as tabular  # noqa: PLC0415

        options = {"headers": args.headers, "sep": args.sep, "bom": args.bom}
        if kind == "framework":
            tabular.write_framework(obj, out, **options)
        elif kind == "assessments":
            tabular.write_assessments(obj, out, **options)
        elif kind == "employees":
            tabular.write_employees(obj, out, **options)
        elif kind == "standards":
            tabular.write_standards(obj, out, **options)
        elif kind == "programme":
            enrolments = out.with_name(f"{out.stem}-enrolments.csv")
            tabular.write_programme(obj, out, enrolments, **options)
        elif kind == "activities":
            prog = Programme(id="activities", title="activities", activities=obj)
            tabular.write_programme(prog, out, **options)
        else:
            raise _UsageError(f"cannot write {kind} as CSV")
    else:
        if kind == "enrolments":
            raise _UsageError("enrolments alone have no JSON form; convert the programme")
        out.write_text(dumps(obj) + "\n", encoding="utf-8")
    print(f"{args.input} -> {out} ({kind})", file=sys.stderr)
    return EXIT_OK


def _combination(rule: str | None) -> CombinationPolicy | None:
    return None if rule is None else CombinationPolicy(name=rule, rule=rule)


def _standards_for(args: argparse.Namespace, framework: CompetencyFramework | None) -> Any:
    if args.standards is not None:
        standards = _load_list(args.standards, "standards", framework=framework)
        first: dict[str, int] = {}
        for i, s in enumerate(standards):
            if s.position_id in first:
                # A JSON list can name a position twice; keeping either would depend on order.
                where = f"a position not already in $[{first[s.position_id]}]"
                got = s.position_id
                problem = Problem(f"$[{i}].position_id", f"expected {where} (got {got!r})")
                raise DocumentError([problem], str(args.standards))
            first[s.position_id] = i
        return {s.position_id: s for s in standards}
    from asn_competency.policies.national import national_framework  # noqa: PLC0415
    from asn_competency.policies.required_levels import REQUIRED_LEVELS_PERMENPANRB_38_2017  # noqa: PLC0415

    fw = framework or national_framework()

    def by_tier(e: Employee) -> PositionStandard:
        if e.tier is None:
            raise ValidationError(
                f"employee {e.nip} tier", "a tier for the default standard (or --standards)", None
            )
        return REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for(
            e.position_id or e.tier.value, e.tier, fw
        )

    return by_tier


def _gap_inputs(
    args: argparse.Namespace,
) -> tuple[list[Employee], list[Assessment], Any, CompetencyFramework | None]:
    framework = _load_framework(args.framework)
    employees: list[Employee] = _load_list(args.employees, "employees")
    progress = _Progress(f"reading {args.assessments}")
    assessments: list[Assessment] = _load_list(
        args.assessments, "assessments", framework=framework, progress=progress
    )
    progress.done()
    return employees, assessments, _standards_for(args, framework), framework


def _reports(args: argparse.Namespace) -> tuple[list[Employee], list[GapReport], Any]:
    from asn_competency.gaps.individual import analyse_population  # noqa: PLC0415

    employees, assessments, standards, framework = _gap_inputs(args)
    reports = list(
        analyse_population(
            employees,
            assessments,
            standards,
            framework=framework,
            combination=_combination(args.combination),
        )
    )
    return employees, reports, framework


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
    _emit(header, rows, args.out)
    if summary.suppressed_groups:
        print(
            f"{summary.suppressed_groups} group(s) of fewer than "
            f"{summary.policy.min_group_size} people not shown",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_gap(args: argparse.Namespace) -> int:
    _check_output(args.out)
    employees, reports, _ = _reports(args)
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
    _emit(header, rows, args.out)
    return EXIT_OK


def _cmd_plan(args: argparse.Namespace) -> int:
    _check_output(args.out)
    from asn_competency.planning.planner import plan_development  # noqa: PLC0415

    employees, reports, framework = _reports(args)
    catalogue = _load_list(args.catalogue, "activities")
    plan = plan_development(
        reports,
        catalogue,
        year=args.year,
        budget=args.budget,
        employees=employees,
        framework=framework,
        time_limit=args.time_limit,
    )
    header = ["nip", "activity_id", "route", "competency_ids", "jp", "cost", "gap_closed"]
    rows = [
        [a.nip, a.activity_id, a.route.value, a.competency_ids, a.jp, a.cost, a.gap_closed]
        for a in plan.assignments
    ]
    _emit(
        header,
        rows,
        args.out,
        extra={
            "year": plan.year,
            "budget": plan.budget,
            "total_cost": plan.total_cost,
            "total_gap_closed": plan.total_gap_closed,
        },
    )
    print(
        f"plan {plan.year}: {len(plan.assignments)} assignments, cost {plan.total_cost:,.0f} "
        f"of {plan.budget:,.0f}, gap closed {plan.total_gap_closed:g}, "
        f"{len(plan.shortfalls)} people short of their JP",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_match(args: argparse.Namespace) -> int:
    _check_output(args.out)
    from asn_competency.domain.mentoring import MenteeNeed  # noqa: PLC0415
    from asn_competency.matching.match import match_mentors  # noqa: PLC0415

    employees, assessments, standards, framework = _gap_inputs(args)
    from asn_competency.gaps.individual import analyse_population  # noqa: PLC0415

    # Mentors' levels combine under the same rule as the gaps (--combination).
    combination = _combination(args.combination)
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
    _emit(
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
        programme: Programme = _load_json(args.programme, "programme")
        return programme
    from asn_competency.io.csv import read_programme  # noqa: PLC0415

    return read_programme(
        args.activities, args.enrolments, id=args.id or "programme", title=args.title or "programme"
    )


def _cmd_evaluate(args: argparse.Namespace) -> int:
    _check_output(args.out)
    if (args.programme is None) == (args.activities is None):
        raise _UsageError("give exactly one of --programme (JSON) and --activities (CSV)")
    if args.assessments is not None and args.start is None:
        raise _UsageError("--assessments needs --start (the programme's first day)")
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
        assessments = _load_list(args.assessments, "assessments")
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
    _emit(
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


_SKM_POLICIES = {
    "2017": "SKM_PERMENPANRB_14_2017",
    "2017-printed": "SKM_PERMENPANRB_14_2017_PRINTED",
    "2004": "SKM_KEPMENPAN_25_2004",
    "2004-printed": "SKM_KEPMENPAN_25_2004_PRINTED",
}


def _cmd_skm(args: argparse.Namespace) -> int:
    _check_output(args.out)
    from asn_competency.evaluation.skm import skm_index  # noqa: PLC0415
    from asn_competency.io.csv import read_skm_responses  # noqa: PLC0415
    from asn_competency.policies import skm  # noqa: PLC0415

    policy = getattr(skm, _SKM_POLICIES[args.policy])
    rows_in = read_skm_responses(args.file, policy=policy)
    result = skm_index(rows_in, policy=policy)
    header = ["code", "name", "answers", "nrr", "weight", "weighted"]
    rows = [
        [e.code, e.name, e.answers, e.nrr, float(e.weight), e.weighted] for e in result.elements
    ]
    _emit(
        header,
        rows,
        args.out,
        extra={
            "index": result.index,
            "converted": result.converted,
            "grade": result.grade,
            "label": result.label,
            "respondents": result.respondents,
            "policy": f"{result.policy.name} {result.policy.version}",
        },
    )
    print(result.explain())
    return EXIT_OK


# ---------------------------------------------------------------------------
# The parser.


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD (got {text!r})") from None


def _gap_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--employees", type=Path, required=True, help="employees (.csv or .json)")
    p.add_argument("--assessments", type=Path, required=True, help="assessments (.csv or .json)")
    p.add_argument(
        "--standards",
        type=Path,
        help="position standards (.csv or .json); default: the national levels by tier",
    )
    p.add_argument(
        "--framework",
        type=Path,
        help="framework (.json, CASE .json or .csv); checks ids and levels against it",
    )
    p.add_argument(
        "--combination",
        choices=[r.value for r in CombinationRule],
        help="how several assessments of one competency combine (default: latest)",
    )


def _add_match_and_evaluate(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
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
    _gap_options(match)
    match.add_argument(
        "--objective", choices=["optimal", "stable"], default="optimal", help="what to optimise"
    )
    match.add_argument("--out", type=Path, help="write .csv or .json instead of a table")

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
    ev.add_argument("--start", type=_date_arg, help="level 3: the programme's first day")
    ev.add_argument("--end", type=_date_arg, help="level 3: the programme's last day")
    ev.add_argument("--out", type=Path, help="write .csv or .json instead of a table")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asn-competency",
        description="Competency development of Indonesian civil servants (ASN).",
        epilog=(
            "Exit codes: 0 ok, 1 invalid input data, 2 usage error, 3 output cannot be "
            "written. Run 'asn-competency COMMAND --help' for an example of each command."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fmt = argparse.RawDescriptionHelpFormatter

    sub.add_parser(
        "demo",
        help="run a tour on built-in sample data",
        description="Run a tour of the library on built-in sample data.",
        epilog="Example:\n  asn-competency demo",
        formatter_class=fmt,
    )

    val = sub.add_parser(
        "validate",
        help="check a JSON, CASE or CSV file and list every problem",
        description="Check a file and list every problem, one per line (exit 1 if any).",
        epilog=(
            "Examples:\n  asn-competency validate framework.json\n"
            "  asn-competency validate penilaian.csv --framework framework.json\n"
            f"\nCSV kinds: {', '.join(_CSV_KINDS)}; JSON kinds: "
            f"{', '.join(sorted(_JSON_KINDS))}, case"
        ),
        formatter_class=fmt,
    )
    val.add_argument("file", type=Path, help="the file (.json or .csv)")
    val.add_argument("--kind", help="document kind (guessed from the content if omitted)")
    val.add_argument("--framework", type=Path, help="check CSV ids and levels against it")

    conv = sub.add_parser(
        "convert",
        help="convert CSV <-> JSON, and framework JSON <-> CASE",
        description=(
            "Convert between CSV and JSON, and write a framework as a 1EdTech CASE 1.1 "
            "package (an output named *.case.json, or --case). CASE input is recognised."
        ),
        epilog=(
            "Examples:\n  asn-competency convert penilaian.csv penilaian.json\n"
            "  asn-competency convert framework.json framework.case.json\n"
            "  asn-competency convert framework.case.json kamus.csv --headers id --sep ';'"
        ),
        formatter_class=fmt,
    )
    conv.add_argument("input", type=Path, help="the input file (.csv or .json)")
    conv.add_argument("output", type=Path, help="the output file (.csv or .json)")
    conv.add_argument("--kind", help="input kind (guessed if omitted)")
    conv.add_argument("--case", action="store_true", help="write a CASE package")
    conv.add_argument("--base-uri", help="CASE: where the package will be published")
    conv.add_argument("--headers", choices=["en", "id"], default="en", help="CSV header language")
    conv.add_argument("--sep", choices=[",", ";"], default=",", help="CSV separator")
    conv.add_argument("--bom", action="store_true", help="CSV: start with a byte-order mark")
    conv.add_argument("--framework-id", help="CSV framework or standards: the framework id")
    conv.add_argument("--framework-version", help="CSV framework: the version")
    conv.add_argument("--title", help="CSV framework: the title")

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
    _gap_options(gap)
    gap.add_argument("--items", action="store_true", help="one row per person and requirement")
    gap.add_argument("--by", help="summarise by these employee fields, e.g. unit or agency,unit")
    gap.add_argument("--min-group", type=int, help="--by: smallest group shown (default 5)")
    gap.add_argument("--out", type=Path, help="write .csv or .json instead of a table")

    plan = sub.add_parser(
        "plan",
        help="a development plan for a year within a budget",
        description=(
            "Choose each person's development activities for a year from a catalogue, "
            "closing the most competency gap within the budget (exact optimisation)."
        ),
        epilog=(
            "Example:\n  asn-competency plan --employees pegawai.csv --assessments penilaian.csv "
            "--catalogue kegiatan.csv --year 2025 --budget 150000000 --out rencana.csv"
        ),
        formatter_class=fmt,
    )
    _gap_options(plan)
    plan.add_argument(
        "--catalogue", type=Path, required=True, help="activities (.csv, or programme .json)"
    )
    plan.add_argument("--year", type=int, required=True, help="the plan year")
    plan.add_argument("--budget", type=float, required=True, help="the budget in rupiah")
    plan.add_argument("--time-limit", type=float, help="solver time limit in seconds")
    plan.add_argument("--out", type=Path, help="write .csv or .json instead of a table")

    _add_match_and_evaluate(sub, fmt)

    skm_p = sub.add_parser(
        "skm",
        help="the public-satisfaction index (SKM/IKM) of a survey",
        description=(
            "Compute the SKM index from a CSV of answers: one row per respondent, one "
            "column per element (U1..U9)."
        ),
        epilog="Example:\n  asn-competency skm survei.csv --policy 2017-printed",
        formatter_class=fmt,
    )
    skm_p.add_argument("file", type=Path, help="the answers (.csv)")
    skm_p.add_argument(
        "--policy", choices=sorted(_SKM_POLICIES), default="2017", help="the SKM rule"
    )
    skm_p.add_argument("--out", type=Path, help="write .csv or .json instead of a table")
    return parser


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "convert": _cmd_convert,
    "demo": _cmd_demo,
    "evaluate": _cmd_evaluate,
    "gap": _cmd_gap,
    "match": _cmd_match,
    "plan": _cmd_plan,
    "skm": _cmd_skm,
    "validate": _cmd_validate,
}


def _report_document(e: DocumentError) -> None:
    for p in e.problems:
        print(f"{e.source}: {p}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit per error kind
    """Run the command line; return the exit code.

    Examples:
        >>> main(["validate", "no-such-file.json"])
        1
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except _UsageError as e:
        parser.print_usage(sys.stderr)
        print(f"asn-competency: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except _OutputError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_OUTPUT
    except DocumentError as e:
        _report_document(e)
        return EXIT_BAD_INPUT
    except AsnCompetencyError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader of our output (``| head``) has gone: stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_OUTPUT


def run() -> None:
    """Entry point for the console script."""
    sys.exit(main())
