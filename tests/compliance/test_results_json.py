"""The results of the yearly cycle go to JSON and back equal."""

from __future__ import annotations

import importlib
import json

import pytest

from asn_competency.io.json import from_data, loads, to_data

# These hold a ScorecardPolicy (a mapping keyed by level numbers) or a DevelopmentPlan
# (route sets): their JSON data round-trips; JSON text needs the converter to write those.
DATA_ONLY = {"ProgrammeTrend", "DevelopmentHorizon"}

RESULTS = [
    ("asn_competency.compliance.jp", "JpCompliance"),
    ("asn_competency.compliance.summary", "JpSummary"),
    ("asn_competency.compliance.projection", "JpProjection"),
    ("asn_competency.compliance.sessions", "SessionReport"),
    ("asn_competency.trends.gaps", "GapTrend"),
    ("asn_competency.trends.professionalism", "IpAsnTrend"),
    ("asn_competency.trends.indicators", "IndicatorTrend"),
    ("asn_competency.trends.programme", "ProgrammeTrend"),
    ("asn_competency.planning.horizon", "DevelopmentHorizon"),
]


@pytest.mark.parametrize(("module", "name"), RESULTS, ids=[n for _, n in RESULTS])
def test_result_round_trips(module: str, name: str) -> None:
    """Each module's example result is equal after JSON data and JSON text."""
    mod = importlib.import_module(module)
    result = mod._example()
    cls = getattr(mod, name)
    data = to_data(result)
    assert from_data(cls, data) == result
    if name not in DATA_ONLY:
        assert loads(cls, json.dumps(data)) == result
