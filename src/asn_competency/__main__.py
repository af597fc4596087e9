"""Allow ``python -m asn_competency``."""

from asn_competency.cli import run

run()
