"""JPM weighting by competency type (the 2020 JFKK rule), worked by hand."""

import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import PositionTier, UnknownIdError, ValidationError
from asn_competency import strategies as acst
from asn_competency.policies import policy_catalogue
from asn_competency.policies.jpm import (
    JPM_SELECTION_BKN,
    JPM_WEIGHTING_JFKK_2020,
    JpmWeightingPolicy,
    weighted_jpm,
)

# Technical level 2 against a standard of 4, managerial 4 against 4:
#   plain JPM = (2 + 4) / (4 + 4) x 100 = 75.0 whatever the weights;
#   JFKK: technical % x 2/4 + other % x 4/4.
ONE_EACH = [("teknis", 2, 4), ("manajerial", 4, 4)]
TWO_EACH = [("teknis", 2, 4), ("teknis", 2, 4), ("manajerial", 4, 4), ("sosial_kultural", 4, 4)]


@pytest.mark.parametrize(
    ("tier", "expected", "category"),
    [
        ("ahli_pertama", 70.0, "Masih Memenuhi Syarat"),  # 60 x 2/4 + 40 x 4/4 = 30 + 40
        ("ahli_muda", 75.0, "Masih Memenuhi Syarat"),  # 50 x 2/4 + 50 x 4/4 = 25 + 50
        ("ahli_madya", 80.0, "Memenuhi Syarat"),  # 40 x 2/4 + 60 x 4/4 = 20 + 60
    ],
)
@pytest.mark.parametrize("rows", [ONE_EACH, TWO_EACH], ids=["one-each", "two-each"])
def test_jfkk_worked_cases(
    tier: str, expected: float, category: str, rows: list[tuple[str, int, int]]
) -> None:
    """The issue's case at the three Ahli levels, with the selection category JFKK uses."""
    jpm = JPM_WEIGHTING_JFKK_2020.jpm(tier, rows)
    assert jpm == expected
    assert JPM_SELECTION_BKN.category(jpm) == category


def test_jfkk_case_with_uneven_groups() -> None:
    """Ahli Madya, technical 3/4 and 3/4, managerial 4, 4, 3 of 4: 40 x 6/8 + 60 x 11/12 = 85."""
    rows = [
        ("teknis", 3, 4),
        ("teknis", 3, 4),
        ("manajerial", 4, 4),
        ("manajerial", 4, 4),
        ("sosial_kultural", 3, 4),
    ]
    assert JPM_WEIGHTING_JFKK_2020.jpm("ahli_madya", rows) == 85.0


def test_jfkk_shares_and_coverage() -> None:
    """The three levels the rule names, technical share first; other tiers are not weighted."""
    assert dict(JPM_WEIGHTING_JFKK_2020.shares) == {
        PositionTier.AHLI_MADYA: (40.0, 60.0),
        PositionTier.AHLI_MUDA: (50.0, 50.0),
        PositionTier.AHLI_PERTAMA: (60.0, 40.0),
    }
    assert JPM_WEIGHTING_JFKK_2020.covers("ahli_muda")
    assert not JPM_WEIGHTING_JFKK_2020.covers(PositionTier.PELAKSANA)
    with pytest.raises(UnknownIdError, match="unknown tier 'pelaksana' in JPM weighting"):
        JPM_WEIGHTING_JFKK_2020.shares_for("pelaksana")
    assert "checked" in JPM_WEIGHTING_JFKK_2020.source


def test_one_group_keeps_its_plain_jpm() -> None:
    """Without technical requirements the weighted JPM is the plain one (and vice versa)."""
    assert JPM_WEIGHTING_JFKK_2020.jpm("ahli_madya", [("manajerial", 3, 4)]) == 75.0
    assert JPM_WEIGHTING_JFKK_2020.jpm("ahli_madya", [("teknis", 1, 4)]) == 25.0
    assert JPM_WEIGHTING_JFKK_2020.jpm("ahli_madya", []) is None
    assert weighted_jpm((40.0, 60.0), 0.0, 0.0, 0.0, 0.0) is None


def test_combine_is_the_formula_on_arrays_too() -> None:
    """combine() uses operators only, so NumPy arrays give the same figures as floats."""
    import numpy as np  # noqa: PLC0415

    floats = JpmWeightingPolicy.combine(40.0, 2.0, 4.0, 60.0, 3.0, 4.0)
    arrays = JpmWeightingPolicy.combine(*(np.array([v]) for v in (40.0, 2.0, 4.0, 60.0, 3.0, 4.0)))
    assert floats == 65.0
    assert arrays.tolist() == [floats]


@given(
    acst.jpm_weighting_policies(),
    st.lists(
        st.tuples(
            st.sampled_from(["teknis", "manajerial", "sosial_kultural"]),
            st.integers(1, 5),
            st.integers(0, 5),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_weighted_jpm_stays_in_bounds(
    policy: JpmWeightingPolicy, drawn: list[tuple[str, int, int]]
) -> None:
    """The weighted JPM lies between the two groups' own JPMs, within 0..100."""
    tier = next(iter(policy.shares))
    rows = [(kind, min(level, required), required) for kind, required, level in drawn]
    jpm = policy.jpm(tier, rows)
    assert jpm is not None
    groups = [[r for r in rows if (r[0] == "teknis") == technical] for technical in (True, False)]
    own = [100 * sum(r[1] for r in g) / sum(r[2] for r in g) for g in groups if g]
    assert min(own) - 1e-9 <= jpm <= max(own) + 1e-9
    assert 0 <= jpm <= 100


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ([("ahli_madya", (40, 60))], "'shares' must be a mapping"),
        ({}, "'shares' must be at least one tier"),
        ({"kepala": (40, 60)}, "'tier' must be one of"),
        ({"ahli_madya": 40}, r"'shares\[ahli_madya\]' must be a pair"),
        ({"ahli_madya": (40, 50)}, "must be two percentages that add up to 100"),
        ({"ahli_madya": (-10, 110)}, "must be two finite percentages >= 0"),
        ({"ahli_madya": (math.nan, 100)}, "must be two finite percentages >= 0"),
        ({"ahli_madya": ("40", 60)}, "must be two finite percentages >= 0"),
    ],
)
def test_bad_shares_are_named(shares: object, message: str) -> None:
    """Each malformed share table is refused with the field that is wrong."""
    with pytest.raises(ValidationError, match=message):
        JpmWeightingPolicy(name="n", version="1", shares=shares)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("teknis", 2)], r"'rows\[0\]' must be \(competency type, reached, required\)"),
        ([("kognitif", 2, 4)], "'type' must be one of"),
        ([("teknis", 5, 4)], r"'rows\[0\]' must be 0 <= reached <= required"),
        ([("teknis", -1, 4)], "0 <= reached <= required"),
        ([("teknis", math.inf, math.inf)], "0 <= reached <= required"),
        ([("teknis", "2", 4)], "0 <= reached <= required"),
    ],
)
def test_bad_rows_are_named(rows: list[tuple[object, ...]], message: str) -> None:
    """A row that is not (type, reached, required) with 0 <= reached <= required is refused."""
    with pytest.raises(ValidationError, match=message):
        JPM_WEIGHTING_JFKK_2020.jpm("ahli_madya", rows)  # type: ignore[arg-type]


def test_weighting_is_listed_and_prints_in_a_line() -> None:
    """The policy is in the catalogue, and its repr is one line."""
    assert policy_catalogue()["JPM_WEIGHTING_JFKK_2020"] is JPM_WEIGHTING_JFKK_2020
    assert repr(JPM_WEIGHTING_JFKK_2020) == (
        "JpmWeightingPolicy(name='JPM-weighting-JFKK-2020', version='2020.1')"
    )
    other = attrs.evolve(JPM_WEIGHTING_JFKK_2020, shares={"ahli_utama": (30, 70)})
    assert other.shares_for("ahli_utama") == (30.0, 70.0)
