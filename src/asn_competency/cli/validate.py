"""``asn-competency validate``: check a JSON, CASE or CSV file and list every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asn_competency.cli._common import EXIT_BAD_INPUT, EXIT_OK, Progress, UsageError
from asn_competency.cli._inputs import (
    CSV_KINDS,
    JSON_KINDS,
    guess_json_kind,
    is_csv,
    load_framework,
)
from asn_competency.errors import DocumentError, Problem
from asn_competency.io.json import from_data, read_json


def _validate_json(path: Path, kind: str | None) -> list[Problem]:
    try:
        data = read_json(path)
    except DocumentError as e:
        return list(e.problems)
    kind = kind or guess_json_kind(data)
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
            from_data(JSON_KINDS[kind], data, source=str(path))
    except DocumentError as e:
        return list(e.problems)
    return []


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    path: Path = args.file
    if is_csv(path):
        from asn_competency.io.csv import check_csv  # noqa: PLC0415

        if args.kind is not None and args.kind not in CSV_KINDS:
            raise UsageError(
                "--kind", f"expected a CSV kind: {', '.join(CSV_KINDS)} (got {args.kind!r})"
            )
        framework = load_framework(args.framework)
        if framework is None and args.national:
            from asn_competency.policies.national import national_framework  # noqa: PLC0415

            framework = national_framework()
        progress = Progress(f"checking {path}")
        problems = check_csv(path, args.kind, framework=framework, progress=progress)
        progress.done()
    else:
        if args.kind is not None and args.kind not in (*JSON_KINDS, "case"):
            kinds = ", ".join(sorted((*JSON_KINDS, "case")))
            raise UsageError("--kind", f"expected a JSON kind: {kinds} (got {args.kind!r})")
        problems = _validate_json(path, args.kind)
    if problems:
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{path}: ok")
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``validate`` command to the parser."""
    val = sub.add_parser(
        "validate",
        help="check a JSON, CASE or CSV file and list every problem",
        description="Check a file and list every problem, one per line (exit 1 if any).",
        epilog=(
            "Examples:\n  asn-competency validate framework.json\n"
            "  asn-competency validate penilaian.csv --framework framework.json\n"
            f"\nCSV kinds: {', '.join(CSV_KINDS)}; JSON kinds: "
            f"{', '.join(sorted(JSON_KINDS))}, case"
        ),
        formatter_class=fmt,
    )
    val.add_argument("file", type=Path, help="the file (.json or .csv)")
    val.add_argument("--kind", help="document kind (guessed from the content if omitted)")
    val.add_argument(
        "--framework", type=Path, metavar="FILE", help="check CSV ids and levels against it"
    )
    val.add_argument(
        "--national",
        action="store_true",
        help="check CSV ids and levels against the national framework",
    )
    val.set_defaults(handler=run, parser=val)
