"""The potential policy: weights, scales, cut-offs and how a score is ranked."""

import math
from typing import Any

import attrs
import pytest

from asn_competency import ValidationError
from asn_competency.policies import policy_catalogue
from asn_competency.policies.nine_box import Potential
from asn_competency.policies.potential import POTENTIAL_DEFAULT, PotentialPolicy


@pytest.mark.parametrize(
    ("score", "rank"),
    [
        (0, Potential.LOW),
        (67.99, Potential.LOW),
        (67.995, Potential.MIDDLE),  # printed as 68.00
        (68, Potential.MIDDLE),
        (79.99, Potential.MIDDLE),
        (79.995, Potential.HIGH),  # printed as 80.00
        (80, Potential.HIGH),
        (100, Potential.HIGH),
    ],
)
def test_rank_at_the_cut_offs(score: float, rank: Potential) -> None:
    """Each cut-off belongs to the upper rank; the score is compared as printed (2 decimals)."""
    assert POTENTIAL_DEFAULT.rank(score) is rank


def test_exact_comparison_without_rounding() -> None:
    """With decimals=None, 79.995 stays middle."""
    exact = attrs.evolve(POTENTIAL_DEFAULT, decimals=None)
    assert exact.rank(79.995) is Potential.MIDDLE


@pytest.mark.parametrize("score", [-0.01, 100.01, math.nan, math.inf, "80", None, True])
def test_rank_refuses_what_is_not_a_score(score: object) -> None:
    """Only a number in 0..100 has a rank."""
    with pytest.raises(ValidationError, match="'score' must be a number 0-100"):
        POTENTIAL_DEFAULT.rank(score)  # type: ignore[arg-type]


def test_default_numbers_and_source() -> None:
    """The library's reading: 40/40/20, equal track parts, 4 years, 20 JP, 68 and 80."""
    p = POTENTIAL_DEFAULT
    assert dict(p.weights) == {"competency": 40.0, "assessment": 40.0, "track_record": 20.0}
    assert dict(p.track_weights) == {"years_in_grade": 1.0, "performance": 1.0, "development": 1.0}
    assert (p.full_years, p.full_jp, p.cutoffs, p.min_evidence, p.decimals) == (
        4.0,
        20.0,
        (68.0, 80.0),
        2,
        2,
    )
    assert "our reading" in p.source
    assert policy_catalogue()["POTENTIAL_DEFAULT"] is p
    assert repr(p) == "PotentialPolicy(name='potential-evidence-default', version='2026.1')"


def test_a_kind_left_out_weighs_zero() -> None:
    """Weights may name a subset of the kinds; the others weigh 0, in the documented order."""
    p = attrs.evolve(POTENTIAL_DEFAULT, weights={"assessment": 1}, min_evidence=1)
    assert list(p.weights.items()) == [
        ("competency", 0.0),
        ("assessment", 1.0),
        ("track_record", 0.0),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weights": [40, 40, 20]}, "'weights' must be a mapping"),
        ({"weights": {"iq": 1}}, "'weights' must be names among"),
        ({"weights": {"competency": -1}}, r"'weights\[competency\]' must be a finite weight"),
        ({"weights": {"competency": math.inf}}, "must be a finite weight"),
        ({"weights": {"competency": 0}}, "'weights' must be at least one weight above 0"),
        ({"track_weights": {"age": 1}}, "'track_weights' must be names among"),
        ({"full_years": 0}, "'full_years' must be a finite number > 0"),
        ({"full_jp": "20"}, "'full_jp' must be a finite number > 0"),
        ({"cutoffs": (80, 68)}, "'cutoffs' must be two increasing scores"),
        ({"cutoffs": (0, 68)}, "'cutoffs' must be two increasing scores"),
        ({"cutoffs": (68, 101)}, "'cutoffs' must be two increasing scores"),
        ({"cutoffs": 68}, "'cutoffs' must be two increasing scores"),
        ({"min_evidence": 0}, "'min_evidence' must be a whole number 1-3"),
        ({"min_evidence": 3, "weights": {"competency": 1, "assessment": 1}}, "at most the 2 kind"),
        ({"decimals": -1}, "'decimals' must be None or a whole number 0-9"),
        ({"decimals": 2.0}, "'decimals' must be None or a whole number 0-9"),
    ],
)
def test_bad_policies_are_named(change: dict[str, Any], message: str) -> None:
    """Every malformed number is refused with its field."""
    with pytest.raises(ValidationError, match=message):
        attrs.evolve(POTENTIAL_DEFAULT, **change)


def test_policy_is_frozen_and_its_tables_read_only() -> None:
    """The shared default cannot be changed in place."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        POTENTIAL_DEFAULT.full_jp = 10  # type: ignore[misc]
    with pytest.raises(TypeError):
        POTENTIAL_DEFAULT.weights["competency"] = 0  # type: ignore[index]
    assert isinstance(POTENTIAL_DEFAULT, PotentialPolicy)
