"""The ``asn-competency`` command line: one module per command, :mod:`.app` dispatches.

Each command module (``gap``, ``plan``, ...) has ``register(sub, fmt)``, which adds
its subparser, and ``run(args)``, which returns the exit code;
:data:`asn_competency.cli.app.COMMANDS` lists them.
"""

from asn_competency.cli.app import EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main, run

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "main", "run"]
