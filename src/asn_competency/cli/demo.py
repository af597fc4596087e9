"""``asn-competency demo``: a tour of the library on built-in sample data."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from asn_competency.cli._common import EXIT_OK

if TYPE_CHECKING:
    pass


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    from asn_competency.demo import run_demo  # noqa: PLC0415 - only the demo needs it

    run_demo()
    return EXIT_OK


def register(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add the ``demo`` command to the parser."""
    parser = sub.add_parser(
        "demo",
        help="run a tour on built-in sample data",
        description="Run a tour of the library on built-in sample data.",
        epilog="Example:\n  asn-competency demo",
        formatter_class=fmt,
    )
    parser.set_defaults(handler=run)
