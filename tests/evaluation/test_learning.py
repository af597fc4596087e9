import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats  # type: ignore[import-untyped]

from asn_competency import strategies as acst
from asn_competency.domain.development import Activity, Enrolment, Programme
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.evaluation.learning import analyse_learning, paired_effect_sizes
from asn_competency.evaluation.reaction import summarise_reaction
from asn_competency.policies.evaluation import (
    LEARNING_HAKE_1998,
    LIKERT_1_5,
    FeedbackScale,
    GainBand,
    LearningPolicy,
)

NIPS = ["199001012015031001", "199202022016042002", "198805052010011003"]


def _programme() -> Programme:
    act = Activity(id="PP-01", title="Pelayanan prima", route="workshop", targets=[], jp=24)
    return Programme(
        id="P1",
        title="Pelayanan prima",
        activities=[act],
        enrolments=[
            Enrolment(nip=NIPS[0], activity_id="PP-01", attendance=1.0, completed=True),
            Enrolment(nip=NIPS[1], activity_id="PP-01", attendance=0.5, completed=False),
            Enrolment(nip=NIPS[2], activity_id="PP-01", attendance=0.75, completed=True),
        ],
    )


# --------------------------------------------------------------------------- reaction


def test_item_statistics_by_hand() -> None:
    """Mean, sample sd, distribution and favourable share of one item."""
    s = summarise_reaction({"relevance": [5, 4, 4, 2]}).item("relevance")
    # mean = 15 / 4 = 3.75; squared deviations 1.5625 + 0.0625 + 0.0625 + 3.0625 = 4.75;
    # sd = sqrt(4.75 / 3) = 1.2583; favourable (>= 4): 3 of 4.
    assert s.n == 4
    assert s.mean == 3.75
    assert s.sd == pytest.approx(math.sqrt(4.75 / 3))
    assert s.distribution == ((1, 0), (2, 1), (3, 0), (4, 2), (5, 1))
    assert s.favourable_share == 0.75


def test_overall_mean_is_the_mean_of_item_means_and_maps_to_percent() -> None:
    """Items are weighted equally, whatever their number of responses."""
    s = summarise_reaction({"speaker": [5], "relevance": [3, 3, 3]})
    assert [i.item for i in s.items] == ["relevance", "speaker"]
    assert s.overall_mean == 4.0
    assert s.score == 75.0  # (4 - 1) / (5 - 1)
    assert s.item("speaker").sd is None


def test_participation_attendance_and_completion_from_programme() -> None:
    """Enrolled / invited, mean attendance, share completed."""
    s = summarise_reaction({}, programme=_programme(), invited=6)
    assert s.enrolled == 3
    assert s.participation_rate == 0.5
    assert s.attendance_rate == pytest.approx(0.75)  # (1 + 0.5 + 0.75) / 3
    assert s.completion_rate == pytest.approx(2 / 3)
    assert s.overall_mean is None
    assert s.score is None


def test_programme_without_enrolments_has_no_rates() -> None:
    """No enrolments: attendance and completion are unknown, not zero."""
    s = summarise_reaction({"relevance": [4]}, programme=Programme(id="P", title="T"))
    assert s.enrolled == 0
    assert s.attendance_rate is None
    assert s.completion_rate is None
    assert s.participation_rate is None


def test_custom_scale() -> None:
    """A 1-4 scale accepts 4 and rejects 5."""
    scale = FeedbackScale(name="1-4", version="1", minimum=1, maximum=4, favourable_from=3)
    s = summarise_reaction({"relevance": [4, 3, 1]}, scale=scale)
    assert s.item("relevance").favourable_share == pytest.approx(2 / 3)
    assert s.score == pytest.approx((8 / 3 - 1) / 3 * 100)
    with pytest.raises(ValidationError, match=r"responses\[relevance\]\[0\].*1\.\.4.*got 5"):
        summarise_reaction({"relevance": [5]}, scale=scale)


@pytest.mark.parametrize("bad", [0, 6, 4.5, True, "4", None])
def test_score_outside_scale_is_rejected(bad: object) -> None:
    """Each bad score names the item, its position and the value."""
    with pytest.raises(ValidationError) as e:
        summarise_reaction({"speaker": [4, bad]})  # type: ignore[list-item]
    assert e.value.field == "responses[speaker][1]"
    assert e.value.got == bad


def test_item_without_responses_is_rejected() -> None:
    """An item with no responses cannot have a mean."""
    with pytest.raises(ValidationError, match=r"responses\[relevance\]"):
        summarise_reaction({"relevance": []})


def test_bad_item_id_is_rejected() -> None:
    """Item ids follow the library's id rule."""
    with pytest.raises(ValidationError, match="bad item"):
        summarise_reaction({"bad item": [4]})


def test_invited_below_enrolled_is_rejected() -> None:
    """Fewer invited than enrolled is impossible."""
    with pytest.raises(ValidationError, match=r"'invited' must be at least the 3 .*got 2"):
        summarise_reaction({}, programme=_programme(), invited=2)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_invited_must_be_a_positive_count(bad: object) -> None:
    """Invited is a whole number >= 1."""
    with pytest.raises(ValidationError, match="'invited'"):
        summarise_reaction({}, invited=bad)  # type: ignore[arg-type]


def test_unknown_item_lookup() -> None:
    """Asking for an item without responses raises UnknownIdError."""
    with pytest.raises(UnknownIdError, match="speaker"):
        summarise_reaction({"relevance": [4]}).item("speaker")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"minimum": 5, "maximum": 5}, "maximum"),
        ({"favourable_from": 6}, "favourable_from"),
        ({"minimum": 1.5}, "minimum"),
    ],
)
def test_feedback_scale_validation(kwargs: dict[str, object], field: str) -> None:
    """Scales need whole-number bounds and a favourable score on the scale."""
    with pytest.raises(ValidationError) as e:
        FeedbackScale(name="x", version="1", **kwargs)  # type: ignore[arg-type]
    assert e.value.field == field


def test_reaction_dataframe() -> None:
    """One row per item with a count column per scale point."""
    df = summarise_reaction({"relevance": [5, 4], "speaker": [1]}).to_dataframe()
    assert list(df.columns) == [
        "item",
        "n",
        "mean",
        "sd",
        "favourable_share",
        "count_1",
        "count_2",
        "count_3",
        "count_4",
        "count_5",
    ]
    assert df["count_1"].tolist() == [0, 1]
    assert LIKERT_1_5.points == (1, 2, 3, 4, 5)


@given(
    st.dictionaries(
        st.sampled_from(["relevance", "satisfaction", "speaker"]),
        st.lists(st.integers(1, 5), min_size=1, max_size=20),
        min_size=1,
    )
)
def test_reaction_score_within_bounds(responses: dict[str, list[int]]) -> None:
    """The mean stays on the scale and the score in 0-100."""
    s = summarise_reaction(responses)
    assert s.overall_mean is not None
    assert s.score is not None
    assert 1 <= s.overall_mean <= 5
    assert 0 <= s.score <= 100
    for item in s.items:
        assert sum(c for _, c in item.distribution) == item.n


# --------------------------------------------------------------------------- learning

PRE = {"A": 40, "B": 50, "C": 90, "D": 100}
POST = {"A": 70, "B": 80, "C": 85, "D": 100}


def test_hake_gains_by_hand() -> None:
    """Gain of the means and mean of individual gains differ and are both reported."""
    r = analyse_learning(PRE, POST)
    # mean pre 70, mean post 83.75 -> <g> = 13.75 / 30 = 0.458333.
    assert r.mean_pre == 70.0
    assert r.mean_post == 83.75
    assert r.gain_of_means == pytest.approx(13.75 / 30)
    # individual: A 30/60 = 0.5, B 30/50 = 0.6, C -5/10 = -0.5, D excluded (pre = max).
    assert r.mean_of_individual_gains == pytest.approx(0.2)
    assert r.excluded_at_max == ("D",)
    assert r.band == "medium"
    # relative gain of the means: 13.75 / 70.
    assert r.relative_gain == pytest.approx(13.75 / 70)
    assert r.score == pytest.approx(100 * 13.75 / 30)


def test_marx_cummings_by_hand() -> None:
    """c uses max - pre on a rise, pre on a fall; pre = post = max is dropped."""
    r = analyse_learning(PRE, POST)
    c = {p.person: p.normalized_change for p in r.persons}
    assert c == {"A": 0.5, "B": 0.6, "C": pytest.approx(-5 / 90), "D": None}
    assert r.normalized_change == pytest.approx((0.5 + 0.6 - 5 / 90) / 3)
    assert r.dropped_from_change == ("D",)


def test_marx_cummings_cases() -> None:
    """A fall is relative to pre, no change is 0, pre = post = 0 is dropped."""
    r = analyse_learning({"a": 80, "b": 50, "c": 0}, {"a": 60, "b": 50, "c": 0})
    c = {p.person: p.normalized_change for p in r.persons}
    assert c == {"a": -0.25, "b": 0.0, "c": None}
    assert {p.person: p.relative_gain for p in r.persons} == {"a": -0.25, "b": 0.0, "c": None}


def test_marx_cummings_with_nonzero_minimum() -> None:
    """With a scale starting above 0, a fall is relative to pre - minimum."""
    r = analyse_learning([3.0], [2.0], minimum=1, maximum=5)
    assert r.persons[0].normalized_change == -0.5  # (2 - 3) / (3 - 1)
    assert r.persons[0].gain == -0.5  # (2 - 3) / (5 - 3)


def test_everyone_at_maximum() -> None:
    """No gain can be computed when every pre-test is at the maximum."""
    r = analyse_learning([100, 100], [100, 90])
    assert r.gain_of_means is None
    assert r.mean_of_individual_gains is None
    assert r.band is None
    assert r.score is None
    assert r.excluded_at_max == ("1", "2")


def test_sequence_labels_sort_numerically() -> None:
    """Positional people are zero-padded so that person 10 sorts after person 9."""
    r = analyse_learning([50] * 10, [60] * 10)
    assert [p.person for p in r.persons] == [f"{i:02d}" for i in range(1, 11)]


@pytest.mark.parametrize(
    ("g", "band"),
    [(0.71, "high"), (0.7, "medium"), (0.5, "medium"), (0.3, "medium"), (0.29, "low"), (-1, "low")],
)
def test_hake_bands(g: float, band: str) -> None:
    """Hake 1998: high above 0.7, medium 0.3-0.7 inclusive, low below 0.3."""
    assert LEARNING_HAKE_1998.band(g).value == band


def test_band_boundaries_are_a_policy() -> None:
    """Another reading puts 0.7 in high and 0.3 in low."""
    policy = LearningPolicy(name="alt", version="1", high_inclusive=True, medium_inclusive=False)
    assert policy.band(0.7) is GainBand.HIGH
    assert policy.band(0.3) is GainBand.LOW
    r = analyse_learning([0, 0], [70, 70], policy=policy)
    assert r.band == "high"
    assert r.policy is policy


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"high_from": 0.2}, "high_from"),
        ({"rci_critical": 0}, "rci_critical"),
        ({"confidence": 1.0}, "confidence"),
        ({"medium_from": float("nan")}, "medium_from"),
    ],
)
def test_learning_policy_validation(kwargs: dict[str, object], field: str) -> None:
    """Bad bands, thresholds or levels name their field."""
    with pytest.raises(ValidationError) as e:
        LearningPolicy(name="x", version="1", **kwargs)  # type: ignore[arg-type]
    assert e.value.field == field


def test_effect_sizes_by_hand() -> None:
    """dz, dav, and Hedges' corrections on a three-pair example."""
    es = {e.variant: e for e in paired_effect_sizes([50, 60, 70], [60, 75, 80])}
    # diffs 10, 15, 10: mean 35/3, sd sqrt(50/3 / 2) = 2.88675 -> dz = 4.04145.
    dz = (35 / 3) / math.sqrt((2 * (5 / 3) ** 2 + (10 / 3) ** 2) / 2)
    assert es["dz"].value == pytest.approx(dz)
    # sd pre 10, sd post sqrt(216.67 / 2) = 10.40833 -> dav = 11.6667 / 10.20416.
    sd_post = math.sqrt(((-35 / 3) ** 2 + (10 / 3) ** 2 + (25 / 3) ** 2) / 2)
    dav = (35 / 3) / ((10 + sd_post) / 2)
    assert es["dav"].value == pytest.approx(dav)
    j = 1 - 3 / (4 * 2 - 1)  # n = 3
    assert es["gz"].value == pytest.approx(j * dz)
    assert es["gav"].value == pytest.approx(j * dav)
    assert "noncentral t" in es["dz"].ci_method
    found = analyse_learning([50, 60, 70], [60, 75, 80]).effect_size("gav")
    assert found is not None
    assert found.value == pytest.approx(j * dav)
    assert "normal approximation" in es["dav"].ci_method
    assert es["gz"].ci_low == pytest.approx(j * es["dz"].ci_low)  # type: ignore[operator]


def test_dz_interval_inverts_the_noncentral_t() -> None:
    """At the bounds, the observed t sits at the 97.5 % and 2.5 % quantiles."""
    pre = [40, 52, 61, 47, 55, 70, 38, 66]
    post = [55, 60, 72, 50, 70, 74, 49, 71]
    dz = next(e for e in paired_effect_sizes(pre, post) if e.variant == "dz")
    n = len(pre)
    t = dz.value * math.sqrt(n)
    assert dz.ci_low is not None
    assert dz.ci_high is not None
    assert stats.nct.cdf(t, n - 1, dz.ci_low * math.sqrt(n)) == pytest.approx(0.975, abs=1e-6)
    assert stats.nct.cdf(t, n - 1, dz.ci_high * math.sqrt(n)) == pytest.approx(0.025, abs=1e-6)
    assert dz.ci_low < dz.value < dz.ci_high


def test_dav_interval_normal_approximation_by_hand() -> None:
    """dav +- 1.96 * sqrt((1/n + d^2 / 2n) * 2 (1 - r))."""
    es = {e.variant: e for e in paired_effect_sizes([50, 60, 70], [60, 75, 80])}
    dav = es["dav"].value
    sd_post = math.sqrt(((-35 / 3) ** 2 + (10 / 3) ** 2 + (25 / 3) ** 2) / 2)
    r = 100 / (10 * sd_post)  # covariance (116.67 + 0 + 83.33) / 2 = 100
    se = math.sqrt((1 / 3 + dav**2 / 6) * 2 * (1 - r))
    assert es["dav"].ci_low == pytest.approx(dav - 1.959964 * se, abs=1e-5)
    assert es["dav"].ci_high == pytest.approx(dav + 1.959964 * se, abs=1e-5)


def test_dav_without_correlation_has_no_interval() -> None:
    """A pre-test without spread leaves r undefined: dav has no interval."""
    es = {e.variant: e for e in paired_effect_sizes([50, 50, 50], [60, 70, 65])}
    assert es["dav"].ci_low is None
    assert es["gav"].ci_high is None
    assert es["dz"].ci_low is not None


def test_effect_sizes_need_two_pairs() -> None:
    """Effect sizes raise with one pair; analyse_learning leaves them empty."""
    with pytest.raises(ValidationError, match="at least 2 pairs"):
        paired_effect_sizes([50], [60])
    r = analyse_learning([50], [60])
    assert r.effect_sizes == ()
    assert r.effect_size("dz") is None


def test_effect_sizes_need_spread_in_the_differences() -> None:
    """Equal differences make dz infinite: an error, or an empty tuple in the analysis."""
    with pytest.raises(ValidationError, match="spread"):
        paired_effect_sizes([50, 60], [60, 70])
    assert analyse_learning([50, 60], [60, 70]).effect_sizes == ()


@pytest.mark.parametrize(
    ("pre", "post", "field"),
    [([50, 60], [60], "post"), ([50, float("nan")], [60, 70], "pre[1]")],
)
def test_effect_size_bad_input(pre: list[float], post: list[float], field: str) -> None:
    """Unequal lengths and non-finite values are named."""
    with pytest.raises(ValidationError) as e:
        paired_effect_sizes(pre, post)
    assert e.value.field == field


def test_reliable_change_index_by_hand() -> None:
    """RCI = (post - pre) / (sqrt(2) * sd_pre * sqrt(1 - rxx))."""
    r = analyse_learning([40, 50, 90], [70, 80, 85], reliability=0.9)
    s_diff = math.sqrt(2) * math.sqrt(700) * math.sqrt(0.1)  # sd_pre = sqrt(1400 / 2)
    rci = {p.person: p.rci for p in r.persons}
    assert rci["1"] == pytest.approx(30 / s_diff)  # 2.5355
    assert rci["3"] == pytest.approx(-5 / s_diff)  # -0.4226
    assert [p.reliable for p in r.persons] == [True, True, False]
    assert r.reliable_improvers == ("1", "2")
    assert r.reliable_decliners == ()
    assert r.reliability == 0.9


def test_reliable_decline_and_reference_sd() -> None:
    """A reference sd replaces the sample's; a fall beyond 1.96 is a reliable decline."""
    r = analyse_learning({"x": 80, "y": 50}, {"x": 60, "y": 52}, reliability=0.8, reference_sd=5)
    s_diff = math.sqrt(2) * 5 * math.sqrt(0.2)
    assert r.persons[0].rci == pytest.approx(-20 / s_diff)
    assert r.reliable_decliners == ("x",)
    assert r.reliable_improvers == ()


def test_no_rci_without_reliability() -> None:
    """Without a reliability no person is flagged."""
    r = analyse_learning([40, 50], [90, 95])
    assert all(p.rci is None and not p.reliable for p in r.persons)


@pytest.mark.parametrize(
    ("pre", "post", "field", "got"),
    [
        ({"A": 40, "B": 101}, {"A": 50, "B": 100}, "pre[B]", 101),
        ({"A": 40}, {"A": -1}, "post[A]", -1),
        ({"A": 40}, {"A": float("inf")}, "post[A]", float("inf")),
        ({"A": 40}, {"A": "50"}, "post[A]", "50"),
        ([40, 50], [50], "post", 1),
        ({"A": 40}, {"B": 50}, "post", "no score for 'A'"),
        ({"B": 40}, {"A": 50}, "pre", "no score for 'A'"),
        ({"A": 40}, [50], "post", "list"),
        ([], [], "pre", 0),
    ],
)
def test_bad_scores_are_named(pre: object, post: object, field: str, got: object) -> None:
    """Each bad input names the person (or side) and the value."""
    with pytest.raises(ValidationError) as e:
        analyse_learning(pre, post)  # type: ignore[arg-type]
    assert e.value.field == field
    assert e.value.got == got
    assert field in str(e.value)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"maximum": 0}, "maximum"),
        ({"maximum": float("nan")}, "maximum"),
        ({"reliability": 1.0}, "reliability"),
        ({"reliability": -0.1}, "reliability"),
        ({"reference_sd": 0}, "reference_sd"),
    ],
)
def test_bad_options_are_named(kwargs: dict[str, object], field: str) -> None:
    """Scale bounds, reliability and reference sd are checked."""
    with pytest.raises(ValidationError) as e:
        analyse_learning([40], [50], **kwargs)  # type: ignore[arg-type]
    assert e.value.field == field


def test_learning_dataframe() -> None:
    """One row per person; measures are numeric columns, missing ones NaN."""
    df = analyse_learning(PRE, POST).to_dataframe()
    assert df["person"].tolist() == ["A", "B", "C", "D"]
    assert str(df["gain"].dtype) == "float64"
    assert math.isnan(float(df["gain"].iloc[3]))
    assert df.loc[0, "gain"] == 0.5


_SCORES = st.integers(0, 100).map(float)


@given(
    st.dictionaries(
        st.from_regex(r"[A-Z]{1,3}", fullmatch=True),
        st.tuples(_SCORES, _SCORES),
        min_size=1,
        max_size=15,
    )
)
def test_gain_at_most_one_and_order_invariant(data: dict[str, tuple[float, float]]) -> None:
    """g <= 1 (mean and individual), c in [-1, 1], and people's order does not matter."""
    pre = {k: v[0] for k, v in data.items()}
    post = {k: v[1] for k, v in data.items()}
    r = analyse_learning(pre, post, reliability=0.7)
    if r.gain_of_means is not None:
        assert r.gain_of_means <= 1.0
        assert r.score is not None
        assert 0.0 <= r.score <= 100.0
    for p in r.persons:
        assert p.gain is None or p.gain <= 1.0
        assert p.normalized_change is None or -1.0 <= p.normalized_change <= 1.0
    reversed_pre = dict(reversed(list(pre.items())))
    reversed_post = dict(reversed(list(post.items())))
    assert analyse_learning(reversed_pre, reversed_post, reliability=0.7) == r


@given(st.lists(st.tuples(_SCORES, _SCORES), min_size=3, max_size=12))
def test_effect_size_intervals_contain_the_estimate(pairs: list[tuple[float, float]]) -> None:
    """Each interval, when given, contains its point estimate."""
    r = analyse_learning([p[0] for p in pairs], [p[1] for p in pairs])
    for e in r.effect_sizes:
        if e.ci_low is not None and e.ci_high is not None:
            assert e.ci_low <= e.value <= e.ci_high


@given(acst.paired_scores(), acst.learning_policies())
def test_bands_follow_the_policy_boundaries(
    scores: tuple[dict[str, float], dict[str, float]], policy: LearningPolicy
) -> None:
    """The band of <g> agrees with the policy's boundaries and inclusivity."""
    r = analyse_learning(*scores, policy=policy)
    if r.gain_of_means is None:
        assert r.band is None
        return
    g = r.gain_of_means
    if g > policy.high_from or (g == policy.high_from and policy.high_inclusive):
        assert r.band == "high"
    elif g > policy.medium_from or (g == policy.medium_from and policy.medium_inclusive):
        assert r.band == "medium"
    else:
        assert r.band == "low"
    assert len(r.persons) == len(scores[0])


@given(acst.feedback_scales(), st.data())
def test_reaction_on_any_scale(scale: FeedbackScale, data: st.DataObject) -> None:
    """On any scale, the score is in 0-100 and the favourable share in 0-1."""
    scores = data.draw(st.lists(st.integers(scale.minimum, scale.maximum), min_size=1))
    s = summarise_reaction({"relevance": scores}, scale=scale)
    assert s.score is not None
    assert 0.0 <= s.score <= 100.0
    assert 0.0 <= s.items[0].favourable_share <= 1.0


def test_dz_interval_falls_back_to_the_normal_approximation() -> None:
    """Nearly equal differences give a huge t; the interval is then approximated and named."""
    es = {e.variant: e for e in paired_effect_sizes([50, 60], [60, 70.0001])}
    dz = es["dz"]
    assert "normal approximation" in dz.ci_method
    se = math.sqrt(1 / 2 + dz.value**2 / 4)
    assert dz.ci_low == pytest.approx(dz.value - 1.959964 * se)
    assert es["gz"].ci_method.startswith("Hedges' J times normal approximation")


def test_numpy_scalars_are_accepted() -> None:
    """Scores read with pandas or NumPy arrive as NumPy scalars and are accepted."""
    s = summarise_reaction({"relevance": list(np.array([4, 5], dtype=np.int64))})
    assert s.overall_mean == 4.5
    pre: dict[str, Any] = {"A": np.float64(40), "B": np.int64(60)}
    post: dict[str, Any] = {"A": np.int32(70), "B": np.float32(80)}
    r = analyse_learning(pre, post)
    assert r.gain_of_means == 0.5
    assert type(r.gain_of_means) is float


def test_effect_sizes_of_constant_differences_are_refused_not_divided_by_zero() -> None:
    """Equal pairs whose mean does not round-trip in floating point: no spread, a clear error."""
    pre = [1.188821240473044] * 3
    with pytest.raises(ValidationError, match="spread"):
        paired_effect_sizes(pre, [4.0] * 3)
    result = analyse_learning(pre, [4.0] * 3)
    assert result.effect_sizes == ()
    assert result.mean_post == 4.0


def test_effect_sizes_of_huge_scores_do_not_overflow() -> None:
    """Scores whose squares overflow a float: the same effect sizes as the scaled-down scores.

    With pre (0, 0) and post (0, x) the sum of squared deviations of the
    differences is x^2 / 2, which overflows for x near 1.9e154; effect sizes are
    ratios, so they equal those of post (0, 1): dz = 0.5 / sqrt(0.5) = 0.7071.
    """
    huge = paired_effect_sizes([0, 0], [0, 1.8961503816218355e154])
    one = paired_effect_sizes([0, 0], [0, 1])
    assert [e.value for e in huge] == pytest.approx([e.value for e in one])
    assert huge[0].value == pytest.approx(math.sqrt(0.5))
    # Scaling by a power of two is exact, so the results are identical.
    assert paired_effect_sizes([0, 0], [0, 2.0**512]) == one
    big = [1e308, -1e308, 5e307]
    assert paired_effect_sizes(big, [0, 0, 1e308]) == paired_effect_sizes(
        [v / 2**1023 for v in big], [0, 0, 1e308 / 2**1023]
    )


def test_learning_on_a_scale_up_to_the_largest_float() -> None:
    """Means and spreads of finite scores stay finite even when their sums overflow."""
    r = analyse_learning([1e308, 1.5e308], [1.7e308, 1.7e308], maximum=1.7e308, reliability=0.5)
    assert r.mean_pre == pytest.approx(1.25e308)
    assert r.mean_post == 1.7e308
    assert r.gain_of_means == 1.0
    assert [e.variant for e in r.effect_sizes] == ["dz", "dav", "gz", "gav"]


def test_mean_of_equal_scores_is_that_score() -> None:
    """fsum(3 x 0.1) / 3 is 0.10000000000000002; the mean of equal scores is the score itself.

    Otherwise everyone at the top of a 0-0.1 scale would have a mean just above
    the maximum, and a gain of the means far beyond 1.
    """
    r = analyse_learning([0.1] * 3, [0.1] * 3, maximum=0.1)
    assert r.mean_pre == r.mean_post == 0.1
    assert r.gain_of_means is None
    s = analyse_learning([0.05] * 3, [0.1] * 3, maximum=0.1)
    assert s.mean_post == 0.1
    assert s.gain_of_means == 1.0


_ANY_SCORE = st.floats(allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(_ANY_SCORE, _ANY_SCORE), min_size=2, max_size=6), st.integers(-60, 60))
def test_effect_sizes_of_any_finite_scores(pairs: list[tuple[float, float]], power: int) -> None:
    """Any finite scores give finite effect sizes or a clear error; rescaling changes nothing."""
    pre, post = [p[0] for p in pairs], [p[1] for p in pairs]
    diffs = {y - x for x, y in pairs}
    if len(diffs) == 1:
        with pytest.raises(ValidationError, match="'post' must be differences with some spread"):
            paired_effect_sizes(pre, post)
        return
    es = paired_effect_sizes(pre, post)
    assert all(math.isfinite(e.value) for e in es)
    factor = 2.0**power
    if all(math.isfinite(v * factor) and (v == 0 or abs(v * factor) > 1e-290) for v in pre + post):
        assert paired_effect_sizes([v * factor for v in pre], [v * factor for v in post]) == es


def test_effect_sizes_keep_tiny_differences_beside_huge_scores() -> None:
    """A tiny difference beside a huge score is not flushed to zero by rescaling.

    Differences (3.9e-104, 0) have spread, so dz = mean / sd = 0.7071 whatever
    the size of the unchanged second score.
    """
    es = paired_effect_sizes([0.0, 1.13e220], [3.94e-104, 1.13e220])
    assert es[0].value == pytest.approx(math.sqrt(0.5))
    es = paired_effect_sizes([0.0, 1.7e308], [3.94e-104, 1.7e308])
    assert es[0].value == pytest.approx(math.sqrt(0.5))


def test_learning_on_a_scale_whose_range_overflows() -> None:
    """On [-1.7e308, 1.7e308] the range itself overflows; gains and the RCI do not.

    From the bottom to the middle is half the way to the top: g = c = 0.5. The
    RCI is the change over sqrt(2) * sd * sqrt(1 - r) with sd = 1.7e308 * sqrt(2):
    1.7e308 / (sqrt(2) * 1.7e308 * sqrt(2) * sqrt(0.5)) = 1 / sqrt(2).
    """
    m = 1.7e308
    r = analyse_learning([-m, m], [0.0, m], minimum=-m, maximum=m, reliability=0.5)
    first, second = r.persons
    assert first.gain == first.normalized_change == 0.5
    assert first.relative_gain == -1.0
    assert first.rci == pytest.approx(math.sqrt(0.5))
    assert second.gain is None
    assert second.rci == 0.0
    assert r.gain_of_means == 0.5
    assert r.normalized_change == 0.5
    assert r.mean_post == m / 2
    falls = analyse_learning([m, m / 2], [-m, m / 2], minimum=-m, maximum=m)
    assert falls.persons[0].normalized_change == -1.0
    assert falls.persons[0].relative_gain == -2.0


def test_learning_rci_and_gains_unchanged_by_a_power_of_two() -> None:
    """Halving inside the RCI and gains is exact: results scale-free across 2**k."""
    pre, post = [40.0, 50.0, 90.0, 61.5], [70.0, 80.0, 85.0, 60.25]
    base = analyse_learning(pre, post, reliability=0.9)
    for k in (-500, 500, 920):
        f = 2.0**k
        r = analyse_learning(
            [v * f for v in pre], [v * f for v in post], maximum=100 * f, reliability=0.9
        )
        assert [(p.gain, p.rci, p.normalized_change, p.relative_gain) for p in r.persons] == [
            (p.gain, p.rci, p.normalized_change, p.relative_gain) for p in base.persons
        ]
        assert r.gain_of_means == base.gain_of_means


def test_an_integer_too_large_for_a_float_is_named_not_overflowed() -> None:
    """10**400 is a real number but no float: a clear error, not OverflowError."""
    with pytest.raises(ValidationError, match="'maximum' must be a finite number"):
        analyse_learning([1], [2], maximum=10**400)
    with pytest.raises(ValidationError, match=r"'pre\[0\]' must be a finite number"):
        paired_effect_sizes([10**400, 1], [2, 3])
