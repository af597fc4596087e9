"""The ``asn-competency`` command line.

Commands:
    demo: a tour of the library on built-in sample data.
    validate FILE: check a JSON framework, standard, employee or assessment file.

Exit codes: 0 success, 1 the input has problems, 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from asn_competency.assessment import Assessment
from asn_competency.development import Programme
from asn_competency.employee import Employee
from asn_competency.errors import AsnCompetencyError, DocumentError, Problem
from asn_competency.framework import CompetencyFramework
from asn_competency.position import PositionStandard
from asn_competency.serialization import from_data

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2

_KINDS: dict[str, type] = {
    "framework": CompetencyFramework,
    "standard": PositionStandard,
    "employees": list[Employee],
    "assessments": list[Assessment],
    "programme": Programme,
}


def _guess_kind(data: object) -> str | None:
    if isinstance(data, dict):
        if "competencies" in data:
            return "framework"
        if "requirements" in data:
            return "standard"
        if "activities" in data or "enrolments" in data:
            return "programme"
    if isinstance(data, list) and data and isinstance(data[0], dict):
        if "competency_id" in data[0]:
            return "assessments"
        if "name" in data[0]:
            return "employees"
    return None


def _validate(path: Path, kind: str | None) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        return [Problem("$", f"cannot read file: {e}")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return [Problem(f"line {e.lineno}, column {e.colno}", f"not valid JSON: {e.msg}")]
    kind = kind or _guess_kind(data)
    if kind is None:
        return [
            Problem(
                "$",
                "cannot tell the document kind; expected a framework, standard, programme, "
                "or a list of employees or assessments (use --kind)",
            )
        ]
    try:
        from_data(_KINDS[kind], data, source=str(path))
    except DocumentError as e:
        return list(e.problems)
    return []


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asn-competency",
        description="Competency development of Indonesian civil servants (ASN).",
        epilog="Exit codes: 0 ok, 1 bad input, 2 bad command line.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "demo",
        help="run a tour on built-in sample data",
        description="Run a tour of the library on built-in sample data.",
        epilog="Example: asn-competency demo",
    )
    val = sub.add_parser(
        "validate",
        help="check a JSON document and list every problem",
        description="Check a JSON framework, standard, programme, employee or assessment file.",
        epilog="Example: asn-competency validate framework.json",
    )
    val.add_argument("file", type=Path, help="the JSON file")
    val.add_argument("--kind", choices=sorted(_KINDS), help="document kind (guessed if omitted)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        from asn_competency.demo import run_demo  # noqa: PLC0415 - only the demo needs it

        run_demo()
        return EXIT_OK
    problems = _validate(args.file, args.kind)
    if problems:
        for p in problems:
            print(f"{args.file}: {p}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.file}: ok")
    return EXIT_OK


def run() -> None:
    """Entry point for the console script."""
    try:
        sys.exit(main())
    except AsnCompetencyError as e:  # pragma: no cover - every known input error is handled above
        print(f"error: {e}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
