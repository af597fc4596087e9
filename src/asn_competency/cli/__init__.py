"""The ``asn-competency`` command line."""

from asn_competency.cli.app import EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main, run

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "main", "run"]
