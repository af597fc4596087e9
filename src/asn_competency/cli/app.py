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
    jp: the year's JP of competency development against the 20 JP target.
    trend: SKM per period, or gaps across assessment rounds, with the changes.

Inputs are read by extension (``.csv`` or ``.json``; a framework may also be a
CASE package). Results go to the terminal as a table, or to ``--out`` as CSV
or JSON (by extension).

Exit codes: 0 success; 1 the input data has problems (each listed on one line);
2 the command line is wrong; 3 the output file cannot be written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from asn_competency.errors import AsnCompetencyError, DocumentError

if TYPE_CHECKING:
    pass


from asn_competency.cli import (
    convert,
    demo,
    evaluate,
    gap,
    jp,
    match,
    plan,
    skm,
    trend,
    validate,
)
from asn_competency.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    OutputError,
    UsageError,
)

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "main", "run"]


COMMANDS = (convert, demo, evaluate, gap, jp, match, plan, skm, trend, validate)
"""The command modules; each has ``register(sub, fmt)`` and ``run(args)``."""


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

    for command in COMMANDS:
        command.register(sub, fmt)
    return parser


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
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except UsageError as e:
        parser.print_usage(sys.stderr)
        print(f"asn-competency: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as e:
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
