"""``asn-competency framework``: write a competency framework file the other commands read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asn_competency.cli._common import EXIT_OK, UsageError, check_output, write_bytes
from asn_competency.cli._inputs import load_framework


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    if args.national == (args.source is not None):
        raise UsageError("--national", "expected either --national or --from FILE")
    check_output(args.out, [args.source], flag="--out")
    from asn_competency.policies.national import national_framework  # noqa: PLC0415

    fw = national_framework() if args.national else load_framework(args.source)
    assert fw is not None  # one of the two was given
    out: Path = args.out
    if out.name.lower().endswith(".case.json"):
        from asn_competency.io.case import write_case  # noqa: PLC0415

        write_case(fw, out, base_uri=args.base_uri)
    elif out.suffix.lower() == ".csv":
        from asn_competency.io.csv import write_framework  # noqa: PLC0415

        write_framework(fw, out, headers=args.headers, sep=args.sep, bom=args.bom)
    else:
        from asn_competency.io.json import dumps  # noqa: PLC0415

        write_bytes(out, (dumps(fw) + "\n").encode("utf-8"))
    print(
        f"wrote framework {fw.id} {fw.version} ({len(fw)} competencies) to {out}", file=sys.stderr
    )
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``framework`` command to the parser."""
    p = sub.add_parser(
        "framework",
        help="write the national framework (or one read from CSV/CASE) as JSON, CASE or CSV",
        description=(
            "Write a competency framework file for --framework: the national dictionary "
            "(8 managerial competencies and Perekat Bangsa, levels 1-5), or a framework "
            "read from a CSV or CASE file, as JSON, as a CASE package (*.case.json) or as CSV."
        ),
        epilog=(
            "Examples:\n  asn-competency framework --national -o framework.json\n"
            "  asn-competency framework --from teknis.csv -o teknis.case.json"
        ),
        formatter_class=fmt,
    )
    p.add_argument("--national", action="store_true", help="the national framework")
    p.add_argument(
        "--from", dest="source", type=Path, metavar="FILE", help="a framework (.csv or .json)"
    )
    p.add_argument(
        "-o", "--out", type=Path, required=True, metavar="FILE", help="the file (.json or .csv)"
    )
    p.add_argument("--base-uri", help="CASE: where the package will be published")
    p.add_argument("--headers", choices=["en", "id"], default="en", help="CSV header language")
    p.add_argument(
        "--sep", choices=[",", ";"], default=",", metavar="SEP", help="CSV separator, ',' or ';'"
    )
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark")
    p.set_defaults(handler=run, parser=p)
