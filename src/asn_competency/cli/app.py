"""The ``asn-competency`` command line: the parser, the dispatch and the exit codes.

Every command keeps one contract: exit 0 on success; 1 when the input data has
problems (every problem is printed on its own line, as ``file: line N, column
'X': expected ... (got ...)`` or ``file: $.json.path: ...``); 2 when the command
line is wrong (the flag is named as typed); 3 when the output cannot be written
(one line). Inputs are read by extension (``.csv`` or ``.json``); results are
printed as a table or written with ``--out`` as CSV or JSON, with the same
``--sep``, ``--bom`` and ``--headers`` everywhere. An output never replaces an
input. ``asn-competency COMMAND --help`` shows each command's options, their
defaults and an example.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import sys
from collections.abc import Callable, Sequence

from asn_competency.cli import (
    convert,
    demo,
    evaluate,
    framework,
    gap,
    ipasn,
    jp,
    match,
    network,
    plan,
    plot,
    programme,
    report,
    rounds,
    skm,
    succession,
    talent,
    trend,
    validate,
)
from asn_competency.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    HelpFormatter,
    InputError,
    OutputError,
    UsageError,
)
from asn_competency.errors import AsnCompetencyError, DocumentError

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "main", "run"]


COMMANDS = (
    demo,
    validate,
    convert,
    framework,
    programme,
    gap,
    plan,
    jp,
    match,
    rounds,
    network,
    talent,
    succession,
    ipasn,
    skm,
    evaluate,
    trend,
    plot,
    report,
)
"""The command modules, in the order ``--help`` lists them; each has ``register`` and ``run``."""


def version() -> str:
    """The installed package's version."""
    return importlib.metadata.version("asn-competency")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asn-competency",
        description="Competency development of Indonesian civil servants (ASN).",
        epilog=(
            "Exit codes: 0 ok, 1 invalid input data, 2 usage error, 3 output cannot be "
            "written.\nStart with 'asn-competency demo --files FOLDER' for sample files; "
            "'asn-competency COMMAND --help' shows each command's options and an example."
        ),
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub, HelpFormatter)
    return parser


def _report_document(e: DocumentError) -> None:
    for p in e.problems:
        print(f"{e.source}: {p}", file=sys.stderr)


def _os_message(e: OSError) -> str:
    reason = (e.strerror or type(e).__name__).lower()
    return f"{e.filename}: {reason}" if e.filename else reason


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit per error kind
    """Run the command line; return the exit code.

    Examples:
        >>> main(["validate", "no-such-file.json"])
        1
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: --help, --version (0) or a bad command line (2)
        return e.code if isinstance(e.code, int) else EXIT_USAGE
    try:
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except UsageError as e:
        args.parser.print_usage(sys.stderr)
        print(f"{args.parser.prog}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_OUTPUT
    except InputError as e:
        for error in e.errors:
            _report_document(error)
        return EXIT_BAD_INPUT
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
        print(f"error: cannot write {_os_message(e)}", file=sys.stderr)
        return EXIT_OUTPUT


def run() -> None:
    """Entry point for the console script."""
    sys.exit(main())
