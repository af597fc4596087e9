"""``asn-competency convert``: CSV <-> JSON, and framework JSON <-> 1EdTech CASE."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn_competency.cli._common import (
    EXIT_OK,
    JSON_KINDS,
    UsageError,
    check_output,
    guess_json_kind,
    is_csv,
)
from asn_competency.domain.development import Programme
from asn_competency.errors import DocumentError, Problem
from asn_competency.io.json import dumps, from_data, read_json

if TYPE_CHECKING:
    pass


def _convert_read(args: argparse.Namespace) -> tuple[str, Any]:
    src: Path = args.input
    if is_csv(src):
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
            raise UsageError(f"cannot convert a CSV file of kind {kind!r}")
        return kind, readers[kind]()
    if args.kind is not None and args.kind not in (*JSON_KINDS, "case"):
        raise UsageError(f"--kind {args.kind} is not a JSON kind")
    data = read_json(src)
    kind = args.kind or guess_json_kind(data)
    if kind == "case":
        from asn_competency.io.case import framework_from_case  # noqa: PLC0415

        return "framework", framework_from_case(data, source=str(src))
    if kind is None:
        raise DocumentError([Problem("$", "cannot tell the document kind (use --kind)")], str(src))
    obj = from_data(JSON_KINDS[kind], data, source=str(src))
    if kind == "standard":
        return "standards", [obj]
    return kind, obj


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    out: Path = args.output
    check_output(out)
    kind, obj = _convert_read(args)
    to_case = args.case or out.name.lower().endswith(".case.json")
    if to_case:
        if kind != "framework":
            raise UsageError("only a framework can be written as a CASE package")
        from asn_competency.io.case import write_case  # noqa: PLC0415

        write_case(obj, out, base_uri=args.base_uri)
    elif is_csv(out):
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
            raise UsageError(f"cannot write {kind} as CSV")
    else:
        if kind == "enrolments":
            raise UsageError("enrolments alone have no JSON form; convert the programme")
        out.write_text(dumps(obj) + "\n", encoding="utf-8")
    print(f"{args.input} -> {out} ({kind})", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``convert`` command to the parser."""
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
    conv.set_defaults(handler=run)
