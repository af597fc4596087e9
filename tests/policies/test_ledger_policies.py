"""The policies of the yearly cycle: routes' blend parts, credits, compliance, trends, sessions."""

from __future__ import annotations

import math

import attrs
import pytest

from asn_competency.domain.development import Route
from asn_competency.domain.records import TrainingKind
from asn_competency.errors import ValidationError
from asn_competency.policies import policy_catalogue
from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT, JpCompliancePolicy
from asn_competency.policies.development import (
    DEVELOPMENT_HOURS_PP_11_2017,
    JP_CREDITS_REGIONAL,
    CreditBasis,
)
from asn_competency.policies.mentoring import MENTORING_SESSIONS_DEFAULT, MentoringSessionPolicy
from asn_competency.policies.planning import PLANNING_DEFAULT
from asn_competency.policies.routes import ROUTES_DEFAULT, LearningMode, RoutePolicy
from asn_competency.policies.trends import TRENDS_DEFAULT, TrendPolicy


def test_every_route_has_a_blend_part() -> None:
    """The default table covers every route; rotation and assignments are experiential."""
    assert set(ROUTES_DEFAULT.modes) == set(Route)
    experiential = {r for r, m in ROUTES_DEFAULT.modes.items() if m is LearningMode.EXPERIENTIAL}
    assert {Route.ROTASI, Route.PENUGASAN_KHUSUS, Route.DETASERING} <= experiential
    assert ROUTES_DEFAULT.mode("tugas_belajar") is LearningMode.FORMAL
    assert ROUTES_DEFAULT.training_kind("pelatihan_kepemimpinan") is TrainingKind.KEPEMIMPINAN


def test_the_planner_reads_the_same_table() -> None:
    """PlanningPolicy's formal routes are the route table's."""
    for r in Route:
        assert PLANNING_DEFAULT.is_formal(r) == ROUTES_DEFAULT.is_formal(r)
    mine = attrs.evolve(ROUTES_DEFAULT, modes={**ROUTES_DEFAULT.modes, "workshop": "social"})
    assert not attrs.evolve(PLANNING_DEFAULT, routes=mine).is_formal("workshop")
    with pytest.raises(ValidationError, match="'routes' must be a RoutePolicy"):
        attrs.evolve(PLANNING_DEFAULT, routes=None)  # type: ignore[arg-type]


MODES: dict[str, str] = {r.value: m.value for r, m in ROUTES_DEFAULT.modes.items()}


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"modes": []}, "'modes' must be a mapping"),
        ({"modes": {"seminar": "formal"}}, "'modes' must be a mode for every route"),
        ({"modes": {**MODES, "seminar": "fun"}}, r"'modes\[seminar\]' must be one"),
        ({"modes": {**MODES, "ceramah": "formal"}}, "'modes' must be one of"),
        ({"training_kinds": []}, "'training_kinds' must be a mapping"),
        ({"training_kinds": {"seminar": "x"}}, r"'training_kinds\[seminar\]' must be one"),
    ],
)
def test_route_tables_are_checked(kw: dict[str, object], message: str) -> None:
    """Unknown routes, modes and kinds, a missing route and non-mappings are named."""
    with pytest.raises(ValidationError, match=message):
        RoutePolicy(name="n", version="1", **{"modes": ROUTES_DEFAULT.modes, **kw})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'route' must be one of"):
        ROUTES_DEFAULT.mode("ceramah")


def test_jp_of_a_record() -> None:
    """Stated JP first, then hours in JP of 45 minutes, then the table; or the table first."""
    assert JP_CREDITS_REGIONAL.jp_of("seminar", jp=8, hours=3) == 8.0
    assert JP_CREDITS_REGIONAL.jp_of("seminar", jp=None, hours=3) == 4.0
    assert JP_CREDITS_REGIONAL.jp_of("rotasi", jp=None, hours=None) is None
    table = attrs.evolve(JP_CREDITS_REGIONAL, basis=CreditBasis.TABLE_FIRST)
    assert table.jp_of("seminar", jp=8, hours=None) == 4.0
    assert table.jp_of("rotasi", jp=8, hours=None) == 8.0
    assert JP_CREDITS_REGIONAL.jp_of("seminar", jp=None, hours=1, minutes_per_jp=60) == 1.0
    with pytest.raises(ValidationError, match="'jp' must be a number >= 0"):
        JP_CREDITS_REGIONAL.jp_of("seminar", jp=-1, hours=None)
    with pytest.raises(ValidationError, match="'basis' must be one of"):
        attrs.evolve(JP_CREDITS_REGIONAL, basis="any")


def test_compliance_policy_parts_are_checked() -> None:
    """Each part must be of its kind; bands increase from above 0."""
    for field, value in (
        ("hours", JP_CREDITS_REGIONAL),
        ("credits", DEVELOPMENT_HOURS_PP_11_2017),
        ("routes", None),
    ):
        with pytest.raises(ValidationError, match=f"'{field}' must be a "):
            attrs.evolve(JP_COMPLIANCE_DEFAULT, **{field: value})  # type: ignore[arg-type]
    for bins in ((10, 5), (0, 5), (5, 5), "5", (math.nan,)):
        with pytest.raises(ValidationError, match="bins"):
            attrs.evolve(JP_COMPLIANCE_DEFAULT, bins=bins)
    with pytest.raises(ValidationError, match="'counted_routes' must be a collection"):
        attrs.evolve(JP_COMPLIANCE_DEFAULT, counted_routes="seminar")
    with pytest.raises(ValidationError, match="'split' must be one of"):
        attrs.evolve(JP_COMPLIANCE_DEFAULT, split="middle")
    assert attrs.evolve(JP_COMPLIANCE_DEFAULT, bins=()).band_labels() == ("all",)


def test_targets_and_maxima_by_status() -> None:
    """20 JP for PNS; no minimum and 24 JP at most for PPPK (unconfirmed, in the source)."""
    p = JP_COMPLIANCE_DEFAULT
    assert (p.target("pns"), p.maximum("pns"), p.target("pppk"), p.maximum("pppk")) == (
        20.0,
        None,
        None,
        24.0,
    )
    assert "unconfirmed" in DEVELOPMENT_HOURS_PP_11_2017.source
    assert "unconfirmed" in p.source
    with pytest.raises(ValidationError, match="'status' must be one of"):
        p.target("honorer")


def test_trend_and_session_policies() -> None:
    """The noise must be > 0, the confidence strictly inside (0, 1); silences are whole days."""
    assert TRENDS_DEFAULT.z == pytest.approx(1.959964, abs=1e-6)
    for sem in (0, -1, math.inf, "0.5"):
        with pytest.raises(ValidationError, match="assessment_sem"):
            TrendPolicy(name="n", version="1", assessment_sem=sem)
    for conf in (0, 1, 1.5):
        with pytest.raises(ValidationError, match="confidence"):
            TrendPolicy(name="n", version="1", confidence=conf)
    with pytest.raises(ValidationError, match="'stopped_after_days' must be a whole number"):
        MentoringSessionPolicy(name="n", version="1", stopped_after_days=0)
    assert MENTORING_SESSIONS_DEFAULT.stopped_after_days == 60


def test_the_catalogue_lists_the_new_policies() -> None:
    """Every shipped policy of the yearly cycle is in the catalogue, with a source."""
    catalogue = policy_catalogue()
    for name in (
        "JP_COMPLIANCE_DEFAULT",
        "ROUTES_DEFAULT",
        "TRENDS_DEFAULT",
        "MENTORING_SESSIONS_DEFAULT",
    ):
        assert getattr(catalogue[name], "source", "")
    assert isinstance(catalogue["JP_COMPLIANCE_DEFAULT"], JpCompliancePolicy)
