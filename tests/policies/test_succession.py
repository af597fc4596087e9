"""The succession policy: eligibility numbers and readiness thresholds."""

import math
from typing import Any

import attrs
import pytest

from asn_competency import Golongan, PositionTier, ValidationError
from asn_competency.domain.records import Sanction
from asn_competency.policies import policy_catalogue
from asn_competency.policies.nine_box import PoolLevel
from asn_competency.policies.succession import (
    SUCCESSION_DEFAULT,
    SUCCESSION_RULES,
    Readiness,
)


@pytest.mark.parametrize(
    ("jpm", "largest", "readiness"),
    [
        (80.0, 1.0, Readiness.READY_NOW),  # both thresholds reached exactly
        (100.0, 0.0, Readiness.READY_NOW),
        (79.99, 0.0, Readiness.READY_1_2_YEARS),  # JPM just under 80
        (85.0, 1.5, Readiness.READY_1_2_YEARS),  # a gap above 1 level
        (68.0, 2.0, Readiness.READY_1_2_YEARS),
        (67.99, 0.0, Readiness.NOT_READY),
        (90.0, 2.5, Readiness.NOT_READY),  # a gap above 2 levels
        (None, 0.0, Readiness.NOT_READY),  # a requirement not assessed
    ],
)
def test_readiness_thresholds(jpm: float | None, largest: float, readiness: Readiness) -> None:
    """Ready now: JPM >= 80 and no gap above 1; in 1-2 years: JPM >= 68 and none above 2."""
    assert SUCCESSION_DEFAULT.readiness(jpm, largest) is readiness


def test_readiness_accepts_whole_numbers_and_orders() -> None:
    """Whole numbers are numbers too; the readiness order sorts readier first."""
    assert SUCCESSION_DEFAULT.readiness(80, 1) is Readiness.READY_NOW
    assert [r.order for r in Readiness] == [0, 1, 2]


@pytest.mark.parametrize(
    ("jpm", "largest", "field"),
    [(101.0, 0.0, "jpm"), (math.nan, 0.0, "jpm"), ("80", 0.0, "jpm"), (80.0, -1.0, "largest")],
)
def test_readiness_refuses_bad_numbers(jpm: object, largest: object, field: str) -> None:
    """A JPM outside 0..100 or a negative shortfall is named."""
    with pytest.raises(ValidationError, match=f"'{field}"):
        SUCCESSION_DEFAULT.readiness(jpm, largest)  # type: ignore[arg-type]


def test_default_rules_and_numbers() -> None:
    """Every built-in rule, the agency pool, and the minimums as commonly quoted."""
    p = SUCCESSION_DEFAULT
    assert p.rules == SUCCESSION_RULES
    assert p.level is PoolLevel.INSTANSI
    assert p.pool_boxes == (9, 8, 7)
    assert p.min_rank[PositionTier.ADMINISTRATOR] == Golongan("III/c")
    assert p.min_years[PositionTier.PENGAWAS] == 4
    assert p.barring_sanctions == (Sanction.BERAT, Sanction.SEDANG)
    assert p.feeders_for("jpt_pratama") == (
        PositionTier.ADMINISTRATOR,
        PositionTier.AHLI_MADYA,
        PositionTier.JPT_PRATAMA,
    )
    assert p.feeders_for("pelaksana") == ()
    assert "assumed" in p.source
    assert "our reading" in p.source
    assert policy_catalogue()["SUCCESSION_DEFAULT"] is p


def test_national_level_drops_the_agency_rule() -> None:
    """At the national level candidates come from any agency, and the pool is box 9."""
    national = attrs.evolve(SUCCESSION_DEFAULT, level="nasional")
    assert "same_agency" not in national.applied_rules
    assert "same_agency" in SUCCESSION_DEFAULT.applied_rules
    assert national.pool_boxes == (9,)


def test_rules_are_kept_in_checking_order() -> None:
    """Rules may be given in any order; they are applied in the documented order."""
    p = attrs.evolve(SUCCESSION_DEFAULT, rules=["talent_pool", "tier"])
    assert p.rules == ("tier", "talent_pool")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"level": "provinsi"}, "'level' must be one of"),
        ({"feeders": [("administrator", "pengawas")]}, "'feeders' must be a mapping"),
        ({"feeders": {"kepala": ["pengawas"]}}, "'feeders' must be one of"),
        (
            {"feeders": {"administrator": "pengawas"}},
            r"'feeders\[administrator\]' must be a collection",
        ),
        ({"feeders": {"administrator": ["staf"]}}, r"'feeders\[administrator\]' must be one of"),
        (
            {"min_rank": {"administrator": "III/x"}},
            r"'min_rank\[administrator\]' must be a PNS rank",
        ),
        ({"min_rank": {"administrator": "7"}}, r"'min_rank\[administrator\]' must be a PNS rank"),
        (
            {"min_years": {"administrator": 2.5}},
            r"'min_years\[administrator\]' must be whole years",
        ),
        ({"min_years": {"administrator": -1}}, "must be whole years 0-60"),
        ({"barring_sanctions": "berat"}, "'barring_sanctions' must be a collection"),
        ({"barring_sanctions": ["teguran"]}, "'barring_sanctions' must be one of"),
        ({"rules": "tier"}, "'rules' must be names among"),
        ({"rules": ["seniority"]}, "'rules' must be names among"),
        ({"pool": "instansi"}, "'pool' must be a TalentPoolPolicy"),
        ({"ready_now_jpm": 120}, "'ready_now_jpm' must be a JPM in 0..100"),
        ({"ready_soon_max_shortfall": -1}, "'ready_soon_max_shortfall' must be a number of levels"),
        ({"ready_soon_jpm": 90}, "'ready_soon_jpm' must be at most ready_now_jpm"),
        ({"ready_soon_max_shortfall": 0.5}, "'ready_soon_max_shortfall' must be at least"),
    ],
)
def test_bad_policies_are_named(change: dict[str, Any], message: str) -> None:
    """Every malformed rule or number is refused with its field."""
    with pytest.raises(ValidationError, match=message):
        attrs.evolve(SUCCESSION_DEFAULT, **change)


def test_unknown_tier_asked_of_the_policy() -> None:
    """feeders_for names a value that is not a tier."""
    with pytest.raises(ValidationError, match="'tier' must be one of"):
        SUCCESSION_DEFAULT.feeders_for("kepala")
