"""``asn-competency convert``: CSV <-> JSON, and framework JSON <-> 1EdTech CASE."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from asn_competency.cli._common import EXIT_OK, UsageError, check_output, write_bytes
from asn_competency.cli._inputs import JSON_KINDS, guess_json_kind, is_csv
from asn_competency.domain.development import Programme
from asn_competency.errors import DocumentError, Problem
from asn_competency.io.json import dumps, from_data, read_json

_KINDS = sorted({*JSON_KINDS, "case"})


def _read_csv(args: argparse.Namespace) -> tuple[str, Any]:
    from asn_competency.io import csv as tabular  # noqa: PLC0415
    from asn_competency.policies.national import NATIONAL_FRAMEWORK_ID  # noqa: PLC0415

    src: Path = args.input
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
        "standards": lambda: list(
            tabular.read_standards(src, framework_id=args.framework_id or NATIONAL_FRAMEWORK_ID)
        ),
    }
    if kind not in readers:
        hint = " (use 'asn-competency skm' for a survey)" if kind == "skm" else ""
        raise UsageError("--kind", f"cannot convert a CSV file of kind {kind!r}{hint}")
    return kind, readers[kind]()


def _read(args: argparse.Namespace) -> tuple[str, Any]:
    src: Path = args.input
    if is_csv(src):
        return _read_csv(args)
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


def _enrolments_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}-enrolments.csv")


def _write_csv(kind: str, obj: Any, out: Path, options: dict[str, Any]) -> None:
    from asn_competency.io import csv as tabular  # noqa: PLC0415

    writers: dict[str, Callable[[], object]] = {
        "framework": lambda: tabular.write_framework(obj, out, **options),
        "assessments": lambda: tabular.write_assessments(obj, out, **options),
        "employees": lambda: tabular.write_employees(obj, out, **options),
        "standards": lambda: tabular.write_standards(obj, out, **options),
        "programme": lambda: tabular.write_programme(obj, out, _enrolments_path(out), **options),
        "activities": lambda: tabular.write_programme(
            Programme(id="activities", title="activities", activities=obj), out, **options
        ),
        "enrolments": lambda: tabular.write_csv_rows(
            out,
            ["nip", "activity_id", "attendance", "completed"]
            if options["headers"] == "en"
            else ["nip", "id_kegiatan", "kehadiran", "lulus"],
            ((e.nip, e.activity_id, e.attendance, e.completed) for e in obj),
            sep=options["sep"],
            bom=options["bom"],
        ),
    }
    if kind not in writers:
        raise UsageError("output", f"a {kind} has no CSV form; write it as .json")
    writers[kind]()


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    out: Path = args.output
    check_output(out, [args.input], flag="output")
    if is_csv(out):
        check_output(_enrolments_path(out), [args.input], suffixes=(".csv",), flag="output")
    kind, obj = _read(args)
    to_case = args.case or out.name.lower().endswith(".case.json")
    if to_case:
        if kind != "framework":
            raise UsageError("--case", f"only a framework can be written as CASE (got a {kind})")
        from asn_competency.io.case import write_case  # noqa: PLC0415

        write_case(obj, out, base_uri=args.base_uri)
    elif is_csv(out):
        _write_csv(kind, obj, out, {"headers": args.headers, "sep": args.sep, "bom": args.bom})
    else:
        write_bytes(out, (dumps(obj) + "\n").encode("utf-8"))
    print(f"{args.input} -> {out} ({kind})", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``convert`` command to the parser."""
    p = sub.add_parser(
        "convert",
        help="convert CSV <-> JSON, and framework JSON <-> CASE",
        description=(
            "Convert between CSV and JSON, and write a framework as a 1EdTech CASE 1.1 "
            "package (an output named *.case.json, or --case). CASE input is recognised. "
            "A programme JSON becomes two CSV files, OUTPUT and OUTPUT-enrolments.csv; "
            "'asn-competency programme' joins them again."
        ),
        epilog=(
            "Examples:\n  asn-competency convert penilaian.csv penilaian.json\n"
            "  asn-competency convert framework.json framework.case.json\n"
            "  asn-competency convert framework.case.json kamus.csv --headers id --sep ';'"
        ),
        formatter_class=fmt,
    )
    p.add_argument("input", type=Path, help="the input file (.csv or .json)")
    p.add_argument("output", type=Path, help="the output file (.csv or .json); not the input")
    p.add_argument("--kind", choices=_KINDS, help="input kind (guessed from the content)")
    p.add_argument("--case", action="store_true", help="write a CASE package")
    p.add_argument("--base-uri", help="CASE: where the package will be published")
    p.add_argument("--headers", choices=["en", "id"], default="en", help="CSV header language")
    p.add_argument(
        "--sep", choices=[",", ";"], default=",", metavar="SEP", help="CSV separator, ',' or ';'"
    )
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark")
    p.add_argument(
        "--framework-id",
        help="CSV framework or standards: the framework id (standards: asn-national by default)",
    )
    p.add_argument("--framework-version", help="CSV framework: the version")
    p.add_argument("--title", help="CSV framework: the title")
    p.set_defaults(handler=run, parser=p)
