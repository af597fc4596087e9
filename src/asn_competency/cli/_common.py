"""Helpers shared by the commands: reading inputs, writing outputs, progress (package-private)."""

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

from asn_competency.domain.assessment import Assessment, CombinationRule
from asn_competency.domain.development import Activity, Programme
from asn_competency.domain.employee import Employee
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.position import PositionStandard
from asn_competency.errors import DocumentError, Problem, ValidationError
from asn_competency.io.json import from_data, read_json, to_data
from asn_competency.policies.combination import CombinationPolicy

if TYPE_CHECKING:
    from asn_competency.gaps.individual import GapReport


JSON_KINDS: dict[str, Any] = {
    "activities": list[Activity],
    "assessments": list[Assessment],
    "employees": list[Employee],
    "framework": CompetencyFramework,
    "programme": Programme,
    "standard": PositionStandard,
    "standards": list[PositionStandard],
}

CSV_KINDS = (
    "activities",
    "assessments",
    "employees",
    "enrolments",
    "framework",
    "skm",
    "standards",
)


class OutputError(Exception):
    """The output cannot be written; raised before any work is done."""


class UsageError(Exception):
    """A combination of options that argparse cannot check by itself."""


class Progress:
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


def guess_json_kind(data: object) -> str | None:  # noqa: PLR0911 - one answer per kind
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


def is_csv(path: Path) -> bool:
    # An .xlsx sheet is read by the same table readers as a CSV file.
    return path.suffix.lower() in (".csv", ".xlsx", ".xlsm")


def load_json(path: Path, kind: str) -> Any:
    data = read_json(path)
    if kind == "framework" and isinstance(data, dict) and "CFDocument" in data:
        from asn_competency.io.case import framework_from_case  # noqa: PLC0415

        return framework_from_case(data, source=str(path))
    if kind == "standards" and isinstance(data, dict):
        return [from_data(PositionStandard, data, source=str(path))]
    if kind == "activities" and isinstance(data, dict):
        return list(from_data(Programme, data, source=str(path)).activities)
    return from_data(JSON_KINDS[kind], data, source=str(path))


def load_framework(path: Path | None) -> CompetencyFramework | None:
    if path is None:
        return None
    if is_csv(path):
        from asn_competency.io.csv import read_framework  # noqa: PLC0415

        return read_framework(path)
    fw: CompetencyFramework = load_json(path, "framework")
    return fw


def load_list(
    path: Path,
    kind: str,
    *,
    framework: CompetencyFramework | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Any]:
    if not is_csv(path):
        return list(load_json(path, kind))
    from asn_competency.io import csv as tabular  # noqa: PLC0415

    if kind == "assessments":
        return list(tabular.read_assessments(path, framework=framework, progress=progress))
    if kind == "employees":
        return list(tabular.read_employees(path))
    if kind == "standards":
        return list(tabular.read_standards(path, framework=framework))
    return list(tabular.read_activities(path))


def check_output(path: Path | None) -> None:
    """Fail early when ``path`` cannot be written."""
    if path is None:
        return
    if path.suffix.lower() not in (".csv", ".json"):
        raise OutputError(f"{path}: the output must end in .csv or .json")
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError(f"{path}: no permission to write here")


def fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return "|".join(str(v) for v in value) or "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def print_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[fmt(v) for v in row] for row in rows]
    widths = [min(max([len(h)] + [len(r[i]) for r in cells]), 40) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(c[:w].ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def json_value(value: object) -> object:
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return to_data(value)


def emit(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    out: Path | None,
    *,
    extra: dict[str, object] | None = None,
) -> None:
    """Print a table, or write CSV or JSON by the extension of ``out``."""
    if out is None:
        print_table(header, rows)
        return
    if out.suffix.lower() == ".csv":
        from asn_competency.io.csv import write_csv_rows  # noqa: PLC0415

        write_csv_rows(out, header, rows)
    else:
        records = [{h: json_value(v) for h, v in zip(header, row, strict=True)} for row in rows]
        doc: object = records if extra is None else {**extra, "rows": records}
        out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD (got {text!r})") from None


def gap_options(p: argparse.ArgumentParser) -> None:
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


def combination_policy(rule: str | None) -> CombinationPolicy | None:
    return None if rule is None else CombinationPolicy(name=rule, rule=rule)


def standards_for(args: argparse.Namespace, framework: CompetencyFramework | None) -> Any:
    if args.standards is not None:
        standards = load_list(args.standards, "standards", framework=framework)
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


def gap_inputs(
    args: argparse.Namespace,
) -> tuple[list[Employee], list[Assessment], Any, CompetencyFramework | None]:
    framework = load_framework(args.framework)
    employees: list[Employee] = load_list(args.employees, "employees")
    progress = Progress(f"reading {args.assessments}")
    assessments: list[Assessment] = load_list(
        args.assessments, "assessments", framework=framework, progress=progress
    )
    progress.done()
    return employees, assessments, standards_for(args, framework), framework


def read_reports(args: argparse.Namespace) -> tuple[list[Employee], list[GapReport], Any]:
    from asn_competency.gaps.individual import analyse_population  # noqa: PLC0415

    employees, assessments, standards, framework = gap_inputs(args)
    reports = list(
        analyse_population(
            employees,
            assessments,
            standards,
            framework=framework,
            combination=combination_policy(args.combination),
        )
    )
    return employees, reports, framework


EXIT_OK = 0
"""Success."""


EXIT_BAD_INPUT = 1
"""The input data has problems (each is printed on its own line)."""


EXIT_USAGE = 2
"""The command line is wrong (argparse's convention)."""


EXIT_OUTPUT = 3
"""The output file cannot be written (missing folder, no permission)."""
