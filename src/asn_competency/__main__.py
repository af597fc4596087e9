"""Allow ``python -m asn_competency``."""

from __future__ import annotations

from asn_competency.cli.app import run

run()
