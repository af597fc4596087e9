"""Potential from evidence: worked cases checked by hand, bounds, and bad evidence."""

import math

import attrs
import pytest
from hypothesis import given

from asn_competency import ValidationError
from asn_competency import strategies as acst
from asn_competency.policies.nine_box import Potential
from asn_competency.policies.potential import POTENTIAL_DEFAULT, PotentialPolicy
from asn_competency.talent.potential import (
    PotentialEvidence,
    PotentialResult,
    analyse_potential,
)

FULL = PotentialEvidence(
    nip="199107202019031004",
    jpm=75,
    assessment={"learning_agility": 80, "cognitive": 70},
    years_in_grade=3,
    performance=(88, 92),
    development_jp=24,
)


def test_worked_case_with_every_kind_of_evidence() -> None:
    """Checked by hand under the default policy (40/40/20, track parts equal).

    competency 75; assessment (80 + 70) / 2 = 75; track record: years 3 / 4 -> 75,
    performance (88 + 92) / 2 = 90, development min(24 / 20, 1) -> 100, mean 88.33;
    score (40 x 75 + 40 x 75 + 20 x 88.333) / 100 = 77.67: middle (68 to < 80).
    """
    r = analyse_potential(FULL)
    assert (r.score, r.rank, r.missing, r.nip) == (77.67, Potential.MIDDLE, (), FULL.nip)
    assert [(c.kind, c.points, c.weight) for c in r.components] == [
        ("competency", 75.0, 40.0),
        ("assessment", 75.0, 40.0),
        ("track_record", 88.33, 20.0),
    ]
    track = r.component("track_record")
    assert track is not None
    assert track.parts == (("years_in_grade", 75.0), ("performance", 90.0), ("development", 100.0))
    assert r.component("assessment").parts == (  # type: ignore[union-attr]
        ("cognitive", 70.0),
        ("learning_agility", 80.0),
    )


def test_worked_case_with_a_kind_missing() -> None:
    """No potential assessment: weights 40 and 20 become 66.67 % and 33.33 %.

    competency 90; track record development 10 / 20 -> 50;
    score (40 x 90 + 20 x 50) / 60 = 76.67: middle.
    """
    r = analyse_potential(PotentialEvidence(jpm=90, development_jp=10))
    assert (r.score, r.rank, r.missing) == (76.67, Potential.MIDDLE, ("assessment",))
    assert [(c.kind, c.weight) for c in r.components] == [
        ("competency", 66.67),
        ("track_record", 33.33),
    ]
    assert r.component("assessment") is None


def test_worked_case_high() -> None:
    """JPM 85 and a test of 82: (85 + 82) / 2 = 83.5, high."""
    r = analyse_potential(PotentialEvidence(jpm=85, assessment={"cognitive": 82}))
    assert (r.score, r.rank) == (83.5, Potential.HIGH)


def test_points_are_capped_at_full_marks() -> None:
    """More years or JP than the policy's full marks earn 100, not more."""
    r = analyse_potential(PotentialEvidence(years_in_grade=30, development_jp=500, jpm=0))
    assert r.component("track_record").points == 100.0  # type: ignore[union-attr]
    assert r.score == pytest.approx(100 * 20 / 60, abs=0.005)
    assert r.rank is Potential.LOW


def test_too_little_evidence_is_refused() -> None:
    """The default needs two kinds; one kind, or none, is named as too little."""
    with pytest.raises(ValidationError) as one:
        analyse_potential(PotentialEvidence(jpm=60))
    assert (one.value.field, one.value.got) == ("evidence", "competency")
    with pytest.raises(ValidationError) as none:
        analyse_potential(PotentialEvidence())
    assert none.value.got is None
    lenient = attrs.evolve(POTENTIAL_DEFAULT, min_evidence=1)
    assert analyse_potential(PotentialEvidence(jpm=60), policy=lenient).score == 60.0


def test_a_part_weighing_zero_does_not_make_a_kind_present() -> None:
    """With years weighing 0, years alone are no track record."""
    policy = attrs.evolve(POTENTIAL_DEFAULT, track_weights={"performance": 1, "development": 1})
    with pytest.raises(ValidationError, match="at least 2 of"):
        analyse_potential(PotentialEvidence(jpm=70, years_in_grade=5), policy=policy)
    zero_kind = attrs.evolve(
        POTENTIAL_DEFAULT, weights={"competency": 1, "assessment": 1}, min_evidence=2
    )
    r = analyse_potential(FULL, policy=zero_kind)
    assert [c.kind for c in r.components] == ["competency", "assessment"]
    assert r.missing == ()  # the track record is not weighed, so it is not missing


def test_explain_names_each_kind_used_and_missing() -> None:
    """One sentence: rank, score against the cut-off, each kind's points and share."""
    text = analyse_potential(PotentialEvidence(jpm=90, development_jp=10)).explain()
    assert text == (
        "potential middle: score 76.67 in 68 to < 80 from competency 90 x 66.67 %; "
        "track record 50 x 33.33 %; not given: assessment"
    )
    high = analyse_potential(PotentialEvidence(jpm=85, assessment={"cognitive": 82}))
    assert high.explain().startswith("potential high: score 83.5 >= 80 from")
    low = analyse_potential(PotentialEvidence(jpm=20, assessment={"cognitive": 30}))
    assert low.explain().startswith("potential low: score 25 < 68 from")


def test_dataframe_has_one_row_per_part() -> None:
    """Each part of each kind is a row, with the kind's points and weight."""
    df = analyse_potential(FULL).to_dataframe()
    assert df.columns.tolist() == ["nip", "kind", "weight", "kind_points", "part", "points"]
    assert df["part"].tolist() == [
        "jpm",
        "cognitive",
        "learning_agility",
        "years_in_grade",
        "performance",
        "development",
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"jpm": 101}, "jpm"),
        ({"jpm": math.nan}, "jpm"),
        ({"assessment": {"cognitive": -1}}, r"assessment\[cognitive\]"),
        ({"assessment": {"IQ test": 90}}, "assessment"),
        ({"assessment": [("cognitive", 90)]}, "assessment"),
        ({"years_in_grade": -1}, "years_in_grade"),
        ({"years_in_grade": math.inf}, "years_in_grade"),
        ({"performance": "88"}, "performance"),
        ({"performance": [88, 120]}, r"performance\[1\]"),
        ({"development_jp": "24"}, "development_jp"),
        ({"nip": "123"}, "nip"),
    ],
)
def test_bad_evidence_is_named(kwargs: dict[str, object], field: str) -> None:
    """Each bad part of the evidence is refused with its field."""
    with pytest.raises(ValidationError, match=f"'{field}' must be"):
        PotentialEvidence(**kwargs)  # type: ignore[arg-type]


def test_bad_arguments_are_named() -> None:
    """Evidence and policy of the wrong kind are named."""
    with pytest.raises(ValidationError, match="'evidence' must be a PotentialEvidence"):
        analyse_potential({"jpm": 80})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'policy' must be a PotentialPolicy"):
        analyse_potential(FULL, policy="default")  # type: ignore[arg-type]


@given(acst.potential_results())
def test_score_lies_between_the_points_and_ranks_by_the_cut_offs(r: PotentialResult) -> None:
    """The score is a weighted mean of the kinds' points, and its rank is the policy's."""
    points = [c.points for c in r.components]
    step = 0.0 if r.policy.decimals is None else 10.0**-r.policy.decimals
    assert min(points) - step <= r.score <= max(points) + step
    assert r.rank is r.policy.rank(r.score)
    # Each weight is rounded as printed: the sum is 100 within half a step per kind.
    slack = len(r.components) * step / 2 + 1e-9
    assert sum(c.weight for c in r.components) == pytest.approx(100, abs=slack)


@given(acst.potential_evidence(), acst.potential_policies())
def test_evidence_is_placed_or_named_as_too_thin(
    evidence: PotentialEvidence, policy: PotentialPolicy
) -> None:
    """Any evidence is placed or refused with a ValidationError; nothing else escapes."""
    field: str | None
    try:
        r = analyse_potential(evidence, policy=policy)
    except ValidationError as e:
        field = e.field
    else:
        field = None
        assert len(r.components) >= policy.min_evidence
        assert 0 <= r.score <= 100
    assert field in (None, "evidence")
