import datetime as dt
import math
import runpy
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import strategies as acst
from asn_competency.domain.assessment import Assessment
from asn_competency.domain.development import Activity, Enrolment, Programme, Target
from asn_competency.domain.indicators import Direction, Indicator, KirkpatrickLevel, Measurement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.evaluation.behaviour import analyse_behaviour
from asn_competency.evaluation.learning import analyse_learning
from asn_competency.evaluation.reaction import summarise_reaction
from asn_competency.evaluation.results import analyse_indicators, target_attainment
from asn_competency.evaluation.returns import analyse_return
from asn_competency.evaluation.scorecard import evaluate_programme
from asn_competency.policies.combination import CombinationPolicy
from asn_competency.policies.evaluation import SCORECARD_DEFAULT, ScorecardPolicy

A, B, C = "199001012015031001", "199202022016042002", "198805052010011003"
START = dt.date(2024, 3, 1)
END = dt.date(2024, 3, 5)


def _a(
    nip: str, comp: str, level: int, day: dt.date, source: str = "assessment_centre"
) -> Assessment:
    return Assessment(nip=nip, competency_id=comp, level=level, assessed_on=day, source=source)


HISTORY = [
    _a(A, "MJ.PP", 2, dt.date(2023, 6, 1)),
    _a(A, "MJ.PP", 2, dt.date(2024, 2, 1)),
    _a(A, "MJ.PP", 3, dt.date(2024, 9, 1)),  # improved 2 -> 3
    _a(A, "TK.ADM", 3, dt.date(2024, 1, 1)),
    _a(A, "TK.ADM", 3, dt.date(2024, 9, 1)),  # unchanged
    _a(B, "MJ.PP", 3, dt.date(2024, 1, 1)),
    _a(B, "MJ.PP", 2, dt.date(2024, 10, 1)),  # declined
    _a(C, "MJ.PP", 1, dt.date(2024, 1, 1)),  # no after-assessment: missing
    _a(C, "MJ.PP", 4, dt.date(2024, 3, 3)),  # during the programme: ignored
]


# --------------------------------------------------------------------------- level 3


def test_behaviour_by_hand() -> None:
    """Pairs before/after, the missing person reported as missing, not as zero change."""
    r = analyse_behaviour(HISTORY, start=START, end=END)
    status = {(c.nip, c.competency_id): c.status for c in r.changes}
    assert status == {
        (A, "MJ.PP"): "improved",
        (A, "TK.ADM"): "unchanged",
        (B, "MJ.PP"): "declined",
        (C, "MJ.PP"): "missing_after",
    }
    # paired changes: +1, 0, -1 -> mean 0, one of three improved.
    assert r.people_assessed_both == 2
    assert r.mean_change == 0.0
    assert r.share_improved == pytest.approx(1 / 3)
    assert r.score == pytest.approx(100 / 3)
    assert r.missing_after == (C,)
    assert r.ignored_during == 1
    assert r.points_gained == 1.0
    people = {
        p.nip: (p.assessed_both, p.missing_after, p.mean_change, p.improved) for p in r.by_person
    }
    assert people == {A: (2, 0, 0.5, 1), B: (1, 0, -1.0, 0), C: (0, 1, None, 0)}
    pp = next(c for c in r.by_competency if c.competency_id == "MJ.PP")
    assert (pp.assessed_both, pp.missing_after, pp.missing_before) == (2, 1, 0)
    assert pp.mean_change == 0.0
    assert pp.share_improved == 0.5


def test_behaviour_start_day_counts_as_before() -> None:
    """An assessment on the first day is a pre-assessment; end defaults to start."""
    data = [_a(A, "MJ.PP", 2, START), _a(A, "MJ.PP", 3, START + dt.timedelta(days=1))]
    r = analyse_behaviour(data, start=START)
    assert r.end == START
    assert r.changes[0].change == 1.0


def test_behaviour_for_named_people_and_competencies() -> None:
    """Participants never assessed are missing on both sides; competencies are filtered."""
    extra = "199505052020121004"
    r = analyse_behaviour(
        HISTORY, start=START, end=END, nips=[A, extra], competency_ids=["MJ.PP", "MJ.INT"]
    )
    status = {(c.nip, c.competency_id): c.status for c in r.changes}
    assert status == {
        (A, "MJ.INT"): "missing_both",
        (A, "MJ.PP"): "improved",
        (extra, "MJ.INT"): "missing_both",
        (extra, "MJ.PP"): "missing_both",
    }
    integ = r.by_competency[0]
    assert integ.competency_id == "MJ.INT"
    assert integ.mean_change is None
    assert integ.share_improved is None
    assert integ.missing_before == 2


def test_behaviour_missing_before_and_nobody_paired() -> None:
    """Only after-assessments: nothing paired, no score."""
    r = analyse_behaviour([_a(A, "MJ.PP", 3, dt.date(2024, 9, 1))], start=START)
    assert r.changes[0].status == "missing_before"
    assert r.mean_change is None
    assert r.share_improved is None
    assert r.score is None


def test_behaviour_uses_the_combination_policy() -> None:
    """Under 'highest' the before-side level is the best one ever assessed."""
    data = [
        _a(A, "MJ.PP", 3, dt.date(2023, 1, 1)),
        _a(A, "MJ.PP", 2, dt.date(2024, 1, 1)),
        _a(A, "MJ.PP", 3, dt.date(2024, 9, 1)),
    ]
    latest = analyse_behaviour(data, start=START)
    highest = analyse_behaviour(
        data, start=START, combination=CombinationPolicy(name="hi", rule="highest")
    )
    assert latest.changes[0].status == "improved"
    assert highest.changes[0].status == "unchanged"
    assert highest.policy_name == "hi"


def test_behaviour_from_programme() -> None:
    """Period, participants and targets come from the programme unless given."""
    act = Activity(
        id="PP",
        title="Pelayanan prima",
        route="workshop",
        jp=24,
        targets=[Target(competency_id="MJ.PP")],
    )
    prog = Programme(
        id="P",
        title="T",
        start=START,
        end=END,
        activities=[act],
        enrolments=[Enrolment(nip=A, activity_id="PP"), Enrolment(nip=C, activity_id="PP")],
    )
    r = analyse_behaviour(HISTORY, programme=prog)
    assert (r.start, r.end, r.ignored_during) == (START, END, 1)
    assert [(c.nip, c.competency_id, c.status) for c in r.changes] == [
        (C, "MJ.PP", "missing_after"),
        (A, "MJ.PP", "improved"),
    ]
    # Explicit arguments win over the programme's.
    wide = analyse_behaviour(HISTORY, programme=prog, nips=[A, B], competency_ids=["TK.ADM"])
    assert [(c.nip, c.status) for c in wide.changes] == [(A, "unchanged"), (B, "missing_both")]
    # A programme without targets leaves the competencies open.
    open_prog = attrs.evolve(prog, activities=[attrs.evolve(act, targets=[])])
    assert len(analyse_behaviour(HISTORY, programme=open_prog).changes) == 3


def test_behaviour_needs_a_start() -> None:
    """No start date and no programme period is an error."""
    with pytest.raises(ValidationError, match="'start' must be a date"):
        analyse_behaviour(HISTORY)
    with pytest.raises(ValidationError, match="'start'"):
        analyse_behaviour(HISTORY, programme=Programme(id="P", title="T"))


def test_behaviour_bad_input() -> None:
    """An end before the start, a bad NIP or a bad competency id is named."""
    with pytest.raises(ValidationError, match="'end'"):
        analyse_behaviour(HISTORY, start=END, end=START)
    with pytest.raises(ValidationError):
        analyse_behaviour(HISTORY, start=START, nips=["123"])
    with pytest.raises(ValidationError, match=r"competency_ids.*'bad id'"):
        analyse_behaviour(HISTORY, start=START, competency_ids=["bad id"])


def test_behaviour_dataframe() -> None:
    """One row per person and competency; a missing change is NaN in a numeric column."""
    df = analyse_behaviour(HISTORY, start=START, end=END).to_dataframe()
    assert len(df) == 4
    assert df["nip"].tolist() == [C, A, A, B]  # sorted by NIP
    assert str(df["change"].dtype) == "float64"
    assert math.isnan(float(df["change"].iloc[0]))
    assert df.loc[0, "status"] == "missing_after"


@given(st.permutations(HISTORY))
def test_behaviour_is_order_invariant(shuffled: list[Assessment]) -> None:
    """The same assessments in any order give the same result."""
    assert analyse_behaviour(shuffled, start=START, end=END) == analyse_behaviour(
        HISTORY, start=START, end=END
    )


# --------------------------------------------------------------------------- level 4

WAKTU = Indicator(
    id="waktu-dokumen",
    name="Waktu layanan dokumen",
    level=4,
    unit="minutes",
    direction="lower",
    baseline=60,
    target=30,
)
SKM = Indicator(id="skm", name="Indeks SKM", level=4, unit="index 25-100", baseline=76, target=84)


def test_attainment_lower_is_better_by_hand() -> None:
    """(baseline - value) / (baseline - target): 60 -> 36 of a 60 -> 30 target is 80 %."""
    assert target_attainment(WAKTU, 36) == pytest.approx(80.0)
    assert target_attainment(WAKTU, 30) == 100.0
    assert target_attainment(WAKTU, 20) == pytest.approx(400 / 3)  # beyond the target
    assert target_attainment(WAKTU, 66) == pytest.approx(-20.0)  # wrong way


def test_attainment_higher_is_better_by_hand() -> None:
    """(value - baseline) / (target - baseline): 76 -> 82 of 76 -> 84 is 75 %."""
    assert target_attainment(SKM, 82) == 75.0
    assert target_attainment(SKM, 82, baseline=80) == 50.0


def test_attainment_undefined_cases() -> None:
    """No baseline, no target or target = baseline: no attainment."""
    assert target_attainment(attrs.evolve(SKM, target=None), 80) is None
    assert target_attainment(attrs.evolve(SKM, baseline=None), 80) is None
    assert target_attainment(attrs.evolve(SKM, target=76.0), 80) is None


def test_target_on_the_worse_side_is_rejected() -> None:
    """A lower-is-better target above the baseline is a data error."""
    bad = attrs.evolve(WAKTU, target=90.0)
    with pytest.raises(ValidationError, match=r"waktu-dokumen.*better side.*60.*got 90"):
        target_attainment(bad, 40)


_V = st.floats(-1e6, 1e6, allow_nan=False)


@given(_V, _V, _V, st.sampled_from(Direction))
def test_attainment_symmetric_under_direction_flip(
    baseline: float, target: float, value: float, direction: Direction
) -> None:
    """Mirroring the values and flipping the direction gives the same attainment."""
    ind = Indicator(
        id="x", name="x", level=4, unit="u", direction=direction, baseline=baseline, target=target
    )
    flipped = Direction.LOWER if direction is Direction.HIGHER else Direction.HIGHER
    mirror = Indicator(
        id="x", name="x", level=4, unit="u", direction=flipped, baseline=-baseline, target=-target
    )
    if baseline == target or ind.improvement(baseline, target) < 0:
        return
    assert target_attainment(ind, value) == target_attainment(mirror, -value)


def _m(ind: str, subject: str, period: str, value: float, unit: str = "") -> Measurement:
    return Measurement(indicator_id=ind, subject=subject, period=period, value=value, unit=unit)


JAMBI = [
    _m("waktu-dokumen", "Jambi", "2023", 60, "minutes"),
    _m("waktu-dokumen", "Jambi", "2024", 30, "minutes"),
    _m("waktu-dokumen", "Pembanding", "2023", 58),
    _m("waktu-dokumen", "Pembanding", "2024", 52),
    _m("skm", "Jambi", "2023", 76),
    _m("skm", "Jambi", "2024", 82),
    _m("skm", "Pembanding", "2023", 77),
    _m("skm", "Pembanding", "2024", 78),
]


def test_indicators_with_difference_in_differences_by_hand() -> None:
    """Change, improvement, attainment and DiD, sign-normalised by direction."""
    r = analyse_indicators(
        [WAKTU, SKM], JAMBI, subject="Jambi", before="2023", after="2024", comparison="Pembanding"
    )
    assert [x.indicator_id for x in r.results] == ["skm", "waktu-dokumen"]
    w = r.result("waktu-dokumen")
    # treated -30, comparison -6 -> DiD -24; lower is better -> improvement +24.
    assert (w.before, w.value, w.change, w.improvement) == (60.0, 30.0, -30.0, 30.0)
    assert w.attainment == 100.0
    assert (w.did, w.did_improvement) == (-24.0, 24.0)
    s = r.result("skm")
    # treated +6, comparison +1 -> DiD +5; higher is better.
    assert (s.change, s.improvement, s.attainment) == (6.0, 6.0, 75.0)
    assert (s.did, s.did_improvement) == (5.0, 5.0)
    assert r.score == pytest.approx((100 + 75) / 2)
    assert r.missing == ()


def test_measured_before_serves_as_baseline_when_the_indicator_has_none() -> None:
    """Without an indicator baseline, the measured before value is the baseline."""
    ind = attrs.evolve(WAKTU, baseline=None)
    r = analyse_indicators([ind], JAMBI[:2], subject="Jambi", before="2023", after="2024")
    assert r.results[0].baseline == 60.0
    assert r.results[0].attainment == 100.0
    assert r.results[0].did is None


def test_indicator_without_after_value_is_missing() -> None:
    """An indicator not measured after the programme is reported as missing."""
    r = analyse_indicators([WAKTU, SKM], JAMBI[:1], subject="Jambi", before="2023", after="2024")
    assert r.missing == ("skm", "waktu-dokumen")
    assert r.result("waktu-dokumen").change is None
    assert r.score is None


def test_missing_after_still_checks_the_target_side() -> None:
    """A target on the wrong side is reported even without an after value."""
    with pytest.raises(ValidationError, match="better side"):
        analyse_indicators([attrs.evolve(SKM, target=70.0)], [], subject="Jambi", after="2024")


def test_unit_conflict_names_indicator_and_both_units() -> None:
    """An indicator measured in hours and minutes is rejected."""
    ms = [*JAMBI[:2], _m("waktu-dokumen", "Jambi", "2025", 0.4, "hours")]
    with pytest.raises(ValidationError) as e:
        analyse_indicators([WAKTU, SKM], ms, subject="Jambi", after="2024")
    assert e.value.field == "measurements[2].unit"
    assert "waktu-dokumen" in str(e.value)
    assert "'minutes'" in str(e.value)
    assert "'hours'" in str(e.value)


def test_measurement_of_unknown_indicator() -> None:
    """A measurement of an indicator not listed raises UnknownIdError naming it."""
    with pytest.raises(UnknownIdError, match=r"unknown indicator 'antrian' in measurements\[0\]"):
        analyse_indicators(
            [WAKTU], [_m("antrian", "Jambi", "2024", 3)], subject="Jambi", after="2024"
        )


def test_duplicate_measurement_and_indicator() -> None:
    """Two values for one indicator, subject and period, or two equal ids, are rejected."""
    with pytest.raises(ValidationError, match="one measurement per indicator"):
        analyse_indicators([WAKTU], [JAMBI[0], JAMBI[0]], subject="Jambi", after="2024")
    with pytest.raises(ValidationError, match="appears twice"):
        analyse_indicators([WAKTU, WAKTU], [], subject="Jambi", after="2024")
    with pytest.raises(ValidationError, match="Indicator objects"):
        analyse_indicators(["waktu"], [], subject="Jambi", after="2024")  # type: ignore[list-item]


def test_comparison_must_differ_from_subject() -> None:
    """The comparison unit cannot be the subject itself."""
    with pytest.raises(ValidationError, match="'comparison'"):
        analyse_indicators([WAKTU], JAMBI, subject="Jambi", after="2024", comparison="Jambi")


def test_indicator_dataframe_and_lookup() -> None:
    """One row per indicator; an unknown lookup raises."""
    r = analyse_indicators([WAKTU, SKM], JAMBI, subject="Jambi", before="2023", after="2024")
    df = r.to_dataframe()
    assert df["indicator_id"].tolist() == ["skm", "waktu-dokumen"]
    assert df["direction"].tolist() == ["higher", "lower"]
    assert df["level"].tolist() == [4, 4]
    with pytest.raises(UnknownIdError):
        r.result("nope")


# --------------------------------------------------------------------------- level 5


def test_return_by_hand() -> None:
    """BCR, ROI and unit costs from totals: 120 M benefits on 80 M costs."""
    r = analyse_return(
        {"hemat_waktu": 90e6, "kurang_komplain": 30e6},
        {"pelatih": 50e6, "waktu_peserta": 30e6},
        participants=40,
        jp_total=960,
        gap_points_closed=32,
    )
    assert r.total_benefits == 120e6
    assert r.total_costs == 80e6
    assert r.bcr == 1.5
    assert r.roi_pct == 50.0
    assert r.net_benefit == 40e6
    assert r.cost_per_participant == 2e6
    assert r.cost_per_jp == pytest.approx(80e6 / 960)
    assert r.cost_per_gap_point == 2.5e6
    assert r.costs == (("pelatih", 50e6), ("waktu_peserta", 30e6))


def test_return_from_programme() -> None:
    """Participants and participant-JP come from the programme's enrolments."""
    act = Activity(id="TIK", title="Pelatihan TIK", route="bimbingan_teknis", targets=[], jp=16)
    p = Programme(
        id="P",
        title="TIK",
        activities=[act],
        enrolments=[
            Enrolment(nip=A, activity_id="TIK", completed=True),
            Enrolment(nip=B, activity_id="TIK", completed=False),
        ],
    )
    r = analyse_return({"b": 10.0}, {"c": 64.0}, programme=p)
    assert r.participants == 2
    assert r.jp_total == 32.0
    assert r.cost_per_jp == 2.0
    assert r.gap_points_closed is None
    assert r.cost_per_gap_point is None
    assert r.roi_pct == pytest.approx(-84.375)


def test_zero_counts_give_no_unit_cost() -> None:
    """A unit cost over zero participants or points is None, not infinite."""
    r = analyse_return({}, {"c": 1.0}, participants=0, gap_points_closed=0)
    assert r.cost_per_participant is None
    assert r.cost_per_gap_point is None
    assert r.bcr == 0.0
    assert r.roi_pct == -100.0


@pytest.mark.parametrize(
    ("benefits", "costs", "field"),
    [
        ({"b": 10.0}, {}, "costs"),
        ({"b": 10.0}, {"c": 0.0}, "costs"),
        ({"b": 10.0}, {"c": -5.0}, "costs[c]"),
        ({"b": float("nan")}, {"c": 5.0}, "benefits[b]"),
        ({"b": -1.0}, {"c": 5.0}, "benefits[b]"),
    ],
)
def test_return_bad_amounts(
    benefits: dict[str, float], costs: dict[str, float], field: str
) -> None:
    """A benefit without a cost and negative or non-finite amounts are named."""
    with pytest.raises(ValidationError) as e:
        analyse_return(benefits, costs)
    assert e.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"participants": -1}, "participants"),
        ({"participants": 2.5}, "participants"),
        ({"jp_total": -1}, "jp_total"),
        ({"gap_points_closed": float("inf")}, "gap_points_closed"),
    ],
)
def test_return_bad_counts(kwargs: dict[str, object], field: str) -> None:
    """Counts must be finite and not negative."""
    with pytest.raises(ValidationError) as e:
        analyse_return({"b": 1.0}, {"c": 1.0}, **kwargs)  # type: ignore[arg-type]
    assert e.value.field == field


def test_return_dataframe() -> None:
    """Benefit rows first, then cost rows."""
    df = analyse_return({"b": 3.0}, {"a": 2.0, "z": 1.0}).to_dataframe()
    assert df["kind"].tolist() == ["benefit", "cost", "cost"]


# --------------------------------------------------------------------------- scorecard

PROGRAMME = Programme(id="PP-2024", title="Pelayanan prima", owner="Jambi")


def _full_inputs() -> dict[str, object]:
    behaviour = analyse_behaviour(
        [
            _a(A, "MJ.PP", 2, dt.date(2024, 1, 1)),
            _a(A, "MJ.PP", 3, dt.date(2024, 9, 1)),
            _a(B, "MJ.PP", 2, dt.date(2024, 1, 1)),
            _a(B, "MJ.PP", 2, dt.date(2024, 9, 1)),
        ],
        start=START,
    )
    waktu = Indicator(
        id="waktu", name="Waktu", level=4, unit="minutes", direction="lower", baseline=60, target=30
    )
    return {
        "reaction": summarise_reaction({"relevance": [4, 4, 5, 3]}),
        "learning": analyse_learning([50, 60, 40], [80, 80, 70]),
        "behaviour": behaviour,
        "indicators": analyse_indicators(
            [waktu], [_m("waktu", "Jambi", "2024", 36)], subject="Jambi", after="2024"
        ),
        "returns": analyse_return({"b": 150.0}, {"c": 100.0}),
    }


def test_full_scorecard_by_hand() -> None:
    """Every level present: the composite is the weighted mean of the level scores."""
    card = evaluate_programme(PROGRAMME, **_full_inputs())  # type: ignore[arg-type]
    scores = [lv.score for lv in card.levels]
    # L1 mean 4 on 1-5 -> 75; L2 <g> = (76.67 - 50) / 50 -> 53.33; L3 one of two improved
    # -> 50; L4 (60 - 36) / (60 - 30) -> 80; L5 BCR 1.5 / 2 -> 75.
    assert scores == pytest.approx([75.0, 160 / 3, 50.0, 80.0, 75.0])
    # 0.10*75 + 0.20*53.33 + 0.25*50 + 0.30*80 + 0.15*75 = 65.9167.
    assert card.composite == pytest.approx(65.91667, abs=1e-4)
    assert card.band == "Efektif"
    assert card.confidence == pytest.approx(1.0)
    assert card.missing == ()
    assert [r.indicator_id for r in card.indicators] == ["waktu"]
    assert sum(lv.contribution for lv in card.levels) == pytest.approx(card.composite)


def test_missing_levels_are_renormalised_not_zero() -> None:
    """With levels 3-5 missing, the weights of levels 1-2 are renormalised."""
    inputs = _full_inputs()
    card = evaluate_programme(
        PROGRAMME,
        reaction=inputs["reaction"],  # type: ignore[arg-type]
        learning=inputs["learning"],  # type: ignore[arg-type]
    )
    # (0.1 * 75 + 0.2 * 53.33) / 0.3 = 60.56.
    assert card.composite == pytest.approx((0.1 * 75 + 0.2 * 160 / 3) / 0.3)
    assert card.confidence == pytest.approx(0.3)
    assert card.band == "Cukup Efektif"
    assert [lv.available for lv in card.levels] == [True, True, False, False, False]
    assert card.level(3).effective_weight == 0.0
    assert card.level(KirkpatrickLevel.REACTION).effective_weight == pytest.approx(1 / 3)
    assert len(card.missing) == 3
    assert card.missing[0].startswith("level 3 (behaviour)")


def test_no_data_gives_no_composite() -> None:
    """Without any level, the composite and the band are None and confidence is 0."""
    card = evaluate_programme(PROGRAMME)
    assert card.composite is None
    assert card.band is None
    assert card.confidence == 0.0
    assert "no level has data" in card.explain()


def test_levels_present_but_without_scores_are_missing() -> None:
    """Feedback-free reaction, pre-tests at max, nobody paired, no targets: all missing."""
    behaviour = analyse_behaviour([_a(A, "MJ.PP", 3, dt.date(2024, 1, 1))], start=START)
    no_target = attrs.evolve(SKM, target=None)
    card = evaluate_programme(
        PROGRAMME,
        reaction=summarise_reaction({}),
        learning=analyse_learning([100], [100]),
        behaviour=behaviour,
        indicators=analyse_indicators(
            [no_target], [_m("skm", "Jambi", "2024", 80)], subject="Jambi", after="2024"
        ),
    )
    assert card.composite is None
    details = [lv.detail for lv in card.levels]
    assert details[:4] == [
        "no feedback responses",
        "every pre-test at the maximum",
        "nobody assessed both before and after",
        "no level-4 indicator has a value, baseline and target",
    ]


def test_raw_indicators_use_the_owner_and_the_first_and_last_period() -> None:
    """Raw indicators: subject = owner, before = earliest, after = latest period."""
    card = evaluate_programme(PROGRAMME, indicators=[WAKTU, SKM], measurements=JAMBI)
    assert card.results is not None
    assert card.results.subject == "Jambi"
    assert (card.results.before_period, card.results.after_period) == ("2023", "2024")
    assert card.level(4).score == pytest.approx(87.5)
    assert card.composite == pytest.approx(87.5)
    assert card.band == "Sangat Efektif"
    assert "indicator waktu-dokumen: 30 minutes, 100 % of target" in card.explain()


def test_raw_indicators_with_a_single_other_subject() -> None:
    """When the owner is not measured, the only subject measured is used."""
    ms = [_m("skm", "Kendari", "2024", 80)]
    card = evaluate_programme(PROGRAMME, indicators=[SKM], measurements=ms)
    assert card.results is not None
    assert card.results.subject == "Kendari"
    assert card.results.before_period is None
    assert card.level(4).score == 50.0


def test_raw_indicators_with_several_subjects_and_no_owner() -> None:
    """Several subjects and none is the owner: ask for an explicit analysis."""
    ms = [_m("skm", "X", "2024", 80), _m("skm", "Y", "2024", 81)]
    with pytest.raises(ValidationError, match="analyse_indicators"):
        evaluate_programme(PROGRAMME, indicators=[SKM], measurements=ms)


def test_raw_indicators_without_measurements() -> None:
    """Indicators with no measurement: level 4 missing, still checked for unknown ids."""
    card = evaluate_programme(PROGRAMME, indicators=[SKM])
    assert card.level(4).detail == "no indicator measured for a subject"
    with pytest.raises(UnknownIdError):
        evaluate_programme(PROGRAMME, indicators=[], measurements=[_m("skm", "X", "2024", 1)])


def test_bad_scorecard_inputs() -> None:
    """Wrong kinds and measurements without indicators are named."""
    with pytest.raises(ValidationError, match="'reaction' must be a ReactionSummary"):
        evaluate_programme(PROGRAMME, reaction={"relevance": [4]})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'indicators'"):
        evaluate_programme(PROGRAMME, measurements=JAMBI)
    analysis = analyse_indicators([SKM], [], subject="Jambi", after="2024")
    with pytest.raises(ValidationError, match="'measurements'"):
        evaluate_programme(PROGRAMME, indicators=analysis, measurements=JAMBI)


def test_explain_names_each_contribution_and_the_gaps() -> None:
    """The explanation lists score x weight = points per level and what is missing."""
    inputs = _full_inputs()
    card = evaluate_programme(PROGRAMME, learning=inputs["learning"])  # type: ignore[arg-type]
    text = card.explain()
    assert "composite 53.3/100, Cukup Efektif" in text
    assert "L2 learning: score 53.3 x weight 1.000 = 53.3 points" in text
    assert "L5 return: missing (no monetised benefits and costs)" in text
    assert "confidence 20% of the weight" in text


def test_indicator_missing_after_is_listed_in_missing() -> None:
    """An indicator without a value after is listed among the missing data."""
    analysis = analyse_indicators([WAKTU, SKM], JAMBI[4:6], subject="Jambi", after="2024")
    card = evaluate_programme(PROGRAMME, indicators=analysis)
    assert "indicator waktu-dokumen: no value for Jambi in 2024" in card.missing
    assert "waktu-dokumen: not measured" in card.explain()


def test_scorecard_dataframe() -> None:
    """One row per level with its contribution."""
    df = evaluate_programme(PROGRAMME, **_full_inputs()).to_dataframe()  # type: ignore[arg-type]
    assert df["level"].tolist() == [1, 2, 3, 4, 5]
    assert df["name"].tolist() == ["reaction", "learning", "behaviour", "results", "return"]
    assert sum(df["contribution"]) == pytest.approx(65.91667, abs=1e-4)


def test_custom_policy() -> None:
    """Weights, bands and the full-score BCR are replaceable."""
    policy = ScorecardPolicy(
        name="roi-only",
        version="1",
        weights={5: 1.0},
        bands=[(0, "Rendah"), (50, "Tinggi")],
        bcr_for_full_score=1.0,
    )
    card = evaluate_programme(PROGRAMME, policy=policy, **_full_inputs())  # type: ignore[arg-type]
    assert card.composite == 100.0
    assert card.band == "Tinggi"
    assert card.confidence == 1.0
    assert card.level(1).weight == 0.0
    assert card.level(1).available
    assert hash(policy) == hash(attrs.evolve(policy))
    with pytest.raises(TypeError):
        policy.weights[KirkpatrickLevel.ROI] = 2.0  # type: ignore[index]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"weights": {1: -1.0}}, "weights[1]"),
        ({"weights": {1: 0.0}}, "weights"),
        ({"weights": {6: 1.0}}, "weights"),
        ({"bands": [(10, "x")]}, "bands"),
        ({"bands": [(0, "x"), (0, "y")]}, "bands"),
        ({"bands": [(0, "x"), (120, "y")]}, "bands[y]"),
        ({"bands": [(0, 1)]}, "bands"),
        ({"bands": [(0,)]}, "bands"),
        ({"bcr_for_full_score": 0}, "bcr_for_full_score"),
    ],
)
def test_scorecard_policy_validation(kwargs: dict[str, object], field: str) -> None:
    """Bad weights, bands and BCR name their field."""
    base: dict[str, object] = {
        "name": "x",
        "version": "1",
        "weights": {1: 1.0},
        "bands": [(0, "x")],
    }
    with pytest.raises(ValidationError) as e:
        ScorecardPolicy(**{**base, **kwargs})  # type: ignore[arg-type]
    assert e.value.field == field


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, "Sangat Efektif"),
        (80, "Sangat Efektif"),
        (65, "Efektif"),
        (64.9, "Cukup Efektif"),
        (50, "Cukup Efektif"),
        (49.99, "Kurang Efektif"),
        (0, "Kurang Efektif"),
    ],
)
def test_default_bands(score: float, band: str) -> None:
    """Band minimums are inclusive."""
    assert SCORECARD_DEFAULT.band(score) == band


_UNIT = st.floats(0, 100, allow_nan=False)


@given(
    reaction=st.none() | st.lists(st.integers(1, 5), min_size=1, max_size=8),
    learning=st.none() | st.lists(st.tuples(_UNIT, _UNIT), min_size=1, max_size=8),
    value=st.none() | st.floats(-200, 400, allow_nan=False),
    bcr=st.none() | st.floats(0, 10, allow_nan=False),
    weights=st.lists(st.floats(0, 1, allow_nan=False), min_size=5, max_size=5).filter(
        lambda w: sum(w) > 0
    ),
)
def test_composite_within_bounds_and_confidence_is_weight_share(
    reaction: list[int] | None,
    learning: list[tuple[float, float]] | None,
    value: float | None,
    bcr: float | None,
    weights: list[float],
) -> None:
    """The composite stays in 0-100; confidence is the share of weight with data."""
    policy = ScorecardPolicy(
        name="p", version="1", weights=dict(enumerate(weights, 1)), bands=[(0, "x")]
    )
    ind = Indicator(id="w", name="w", level=4, unit="u", direction="lower", baseline=60, target=30)
    card = evaluate_programme(
        PROGRAMME,
        reaction=None if reaction is None else summarise_reaction({"relevance": reaction}),
        learning=None
        if learning is None
        else analyse_learning([p[0] for p in learning], [p[1] for p in learning]),
        indicators=None
        if value is None
        else analyse_indicators([ind], [_m("w", "Jambi", "1", value)], subject="Jambi", after="1"),
        returns=None if bcr is None else analyse_return({"b": bcr}, {"c": 1.0}),
        policy=policy,
    )
    available = [lv.available for lv in card.levels]
    share = math.fsum(w for w, a in zip(weights, available, strict=True) if a) / math.fsum(weights)
    assert card.confidence == pytest.approx(share)
    if card.composite is not None:
        assert 0.0 <= card.composite <= 100.0
        scores = [lv.score for lv in card.levels if lv.score is not None and lv.weight > 0]
        assert min(scores) - 1e-9 <= card.composite <= max(scores) + 1e-9


@given(acst.scorecard_policies(), acst.paired_scores(min_size=1, max_size=6))
def test_composite_bounds_under_drawn_policies(
    policy: ScorecardPolicy, scores: tuple[dict[str, float], dict[str, float]]
) -> None:
    """Under any policy the composite is in 0-100 and carries one of its bands."""
    card = evaluate_programme(
        PROGRAMME,
        reaction=summarise_reaction({"relevance": [3, 4]}),
        learning=analyse_learning(*scores),
        returns=analyse_return({"b": 1.0}, {"c": 1.0}),
        policy=policy,
    )
    if card.composite is None:
        assert card.band is None
        return
    assert 0.0 <= card.composite <= 100.0
    assert card.band in {label for _, label in policy.bands}
    assert 0.0 <= card.confidence <= 1.0


def test_only_level_4_indicators_are_scored_at_level_4() -> None:
    """An indicator of another level is reported with its attainment but not scored."""
    sop = Indicator(id="sop", name="Staf menerapkan SOP", level=3, unit="%", baseline=40, target=80)
    ms = [_m("sop", "Jambi", "2024", 60), _m("skm", "Jambi", "2024", 84)]
    analysis = analyse_indicators([sop, SKM], ms, subject="Jambi", after="2024")
    assert analysis.result("sop").attainment == 50.0
    assert analysis.score == 100.0  # SKM only
    card = evaluate_programme(PROGRAMME, indicators=analysis)
    assert "over 1 indicator(s)" in card.level(4).detail
    assert "sop: 60 %, 50 % of target (a level-3 indicator, not scored)" in card.explain()
    only_sop = analyse_indicators([sop], ms[:1], subject="Jambi", after="2024")
    assert only_sop.score is None


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("kendari_dukcapil_evaluation.py", "Missing: level 5 (return)"),
        ("jambi_ict_service_time.py", "difference-in-differences"),
    ],
)
def test_examples_run(script: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The evaluation examples run and print their scorecard."""
    path = Path(__file__).resolve().parents[2] / "examples" / script
    runpy.run_path(str(path), run_name="__main__")
    out = capsys.readouterr().out
    assert expected in out
    assert "composite" in out


# --- edges: values at the limits of a float, and values of the wrong kind -----------------


def test_behaviour_refuses_dates_that_are_not_dates() -> None:
    """A datetime or a text start is named; it cannot be compared with assessment dates."""
    with pytest.raises(ValidationError, match="'start' must be a date"):
        analyse_behaviour(HISTORY, start=dt.datetime(2024, 3, 1))
    with pytest.raises(ValidationError, match="'end' must be a date"):
        analyse_behaviour(HISTORY, start=START, end="2024-03-05")  # type: ignore[arg-type]


def test_attainment_refuses_values_that_are_not_finite_numbers() -> None:
    """NaN or a text as the value or baseline is named instead of giving NaN or a bare error."""
    ind = Indicator(id="skm", name="SKM", level=4, unit="index", baseline=76, target=84)
    with pytest.raises(ValidationError, match="'value' must be a finite number"):
        target_attainment(ind, float("nan"))
    with pytest.raises(ValidationError, match="'baseline' must be a finite number"):
        target_attainment(ind, 80, baseline="76")  # type: ignore[arg-type]


def test_attainment_when_the_differences_overflow() -> None:
    """Baseline -1e308, target 1e308: each difference is 2e308 (beyond a float).

    Halfway between them (0) is 50 % of the way; 1e308 is the target itself (100 %).
    Both used to come out as NaN (inf / inf).
    """
    ind = Indicator(id="x", name="x", level=4, unit="u", baseline=-1e308, target=1e308)
    assert target_attainment(ind, 0.0) == 50.0
    assert target_attainment(ind, 1e308) == 100.0
    lower = Indicator(
        id="y", name="y", level=4, unit="u", direction="lower", baseline=1e308, target=-1e308
    )
    assert target_attainment(lower, -1e308) == 100.0


def test_indicator_change_beyond_float_range_is_signed_not_an_error() -> None:
    """A change from -1e308 to 1e308 overflows to inf; improvement is -inf when lower is better."""
    ind = Indicator(id="t", name="t", level=4, unit="u", direction="lower")
    ms = [
        Measurement(indicator_id="t", subject="A", period=p, value=v)
        for p, v in [("2023", -1e308), ("2024", 1e308)]
    ]
    r = analyse_indicators([ind], ms, subject="A", before="2023", after="2024").result("t")
    assert (r.change, r.improvement) == (math.inf, -math.inf)


def test_return_totals_beyond_float_range_are_refused() -> None:
    """Two benefits of 1e308 sum past the largest float: a named error, not OverflowError."""
    with pytest.raises(ValidationError, match="'benefits' must be amounts whose total is at most"):
        analyse_return({"a": 1e308, "b": 1e308}, {"c": 1.0})
    with pytest.raises(ValidationError, match="'costs' must be amounts whose total is at most"):
        analyse_return({"a": 1.0}, {"b": 1e308, "c": 1e308})


def test_return_item_names_must_be_text() -> None:
    """Mixed int and text item names are named, not a TypeError from sorting them."""
    with pytest.raises(ValidationError, match=r"'benefits' must be items named by text \(got 1\)"):
        analyse_return({1: 1.0, "b": 2.0}, {"c": 1.0})  # type: ignore[dict-item]


def test_huge_weights_give_the_same_shares() -> None:
    """Two weights of 1.5e308 share the composite half and half.

    Their sum overflows a float; the policy used to fail with OverflowError.
    """
    policy = ScorecardPolicy(
        name="big",
        version="1",
        weights={1: 1.5e308, 2: 1.5e308},
        bands=[(0, "x")],
    )
    card = evaluate_programme(
        Programme(id="P", title="t"),
        reaction=summarise_reaction({"relevance": [5, 5]}),
        learning=analyse_learning([0, 0], [50, 50]),
        policy=policy,
    )
    assert [lv.effective_weight for lv in card.levels[:2]] == [0.5, 0.5]
    assert card.confidence == 1.0
    # reaction 100 (all 5 on 1-5), learning 50 (gain 0.5): composite 75.
    assert card.composite == 75.0


def test_person_never_assessed_is_missing_without_competency_ids() -> None:
    """B has no assessment: reported missing (in MJ.PP, the data's competency), not left out.

    The docstring promises that people without any assessment are reported as
    missing; without competency_ids they used to vanish from the result.
    """
    data = [_a(A, "MJ.PP", 2, dt.date(2024, 1, 5))]
    r = analyse_behaviour(data, start=START, nips=[A, B])
    assert [(c.nip, c.competency_id, c.status) for c in r.changes] == [
        (A, "MJ.PP", "missing_after"),
        (B, "MJ.PP", "missing_both"),
    ]
    assert [p.nip for p in r.by_person] == [A, B]
    assert r.by_competency[0].missing_before == 1


_IND = Indicator(id="x", name="n", level=4, unit="u", baseline=1, target=2)
_M = Measurement(indicator_id="x", subject="A", period="2024", value=1.5)
# Values of the wrong kind, typed Any so that the calls below type-check.
_ONE: Any = 1
_TEXT: Any = "P"
_PAIRS: Any = [("a", 1.0)]
_P = Programme(id="P", title="t")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: analyse_behaviour([_ONE], start=START),
            r"'assessments\[0\]' must be an Assessment",
        ),
        (
            lambda: analyse_behaviour([], start=START, nips=[A], competency_ids="MJ.PP"),
            "'competency_ids' must be a collection of ids, not one text",
        ),
        (
            lambda: analyse_behaviour([], start=START, nips=A),
            "'nips' must be a collection of ids, not one text",
        ),
        (lambda: analyse_behaviour([], programme=_TEXT), "'programme' must be a Programme"),
        (
            lambda: analyse_indicators([_IND], [_ONE], subject="A", after="2024"),
            r"'measurements\[0\]' must be a Measurement",
        ),
        (
            lambda: analyse_indicators([_IND], [_M], subject=_ONE, after="2024"),
            "'subject' must be a text",
        ),
        (
            lambda: analyse_indicators([_IND], [_M], subject="A", after="2024", before=_ONE),
            "'before' must be a text or none",
        ),
        (
            lambda: evaluate_programme(_P, indicators=[_ONE], measurements=[]),
            "'indicators' must be Indicator objects",
        ),
        (lambda: evaluate_programme(_TEXT), "'programme' must be a Programme"),
        (lambda: evaluate_programme(_P, policy=_TEXT), "'policy' must be a ScorecardPolicy"),
        (lambda: analyse_return(_PAIRS, {"b": 1.0}), "'benefits' must be a mapping"),
        (
            lambda: analyse_return({"a": 10**400}, {"b": 1.0}),
            r"'benefits\[a\]' must be a finite amount",
        ),
        (
            lambda: analyse_return({"a": 1.0}, {"b": 1.0}, jp_total=10**400),
            "'jp_total' must be a finite number",
        ),
        (
            lambda: ScorecardPolicy(name="n", version="1", weights=_PAIRS, bands=[(0, "a")]),
            "'weights' must be a mapping",
        ),
        (
            lambda: ScorecardPolicy(name="n", version="1", weights={1: 1}, bands=[_ONE]),
            r"'bands' must be \(minimum score, label\) pairs \(got 1\)",
        ),
        (
            lambda: ScorecardPolicy(
                name="n", version="1", weights={1: 1}, bands=[(0, "a")], bcr_for_full_score=10**400
            ),
            "'bcr_for_full_score' must be a number > 0",
        ),
        (lambda: evaluate_programme(_P).level(6), "'level' must be one of 1, 2, 3, 4, 5"),
    ],
)
def test_inputs_of_the_wrong_kind_are_named(call: Any, message: str) -> None:
    """Each used to end in an AttributeError, TypeError, OverflowError or ValueError."""
    with pytest.raises(ValidationError, match=message):
        call()


def test_cost_per_participant_for_a_count_beyond_float_range() -> None:
    """1 rupiah over 10**400 participants is 0.0 per participant, not an OverflowError."""
    r = analyse_return({"a": 1.0}, {"b": 1.0}, participants=10**400)
    assert r.cost_per_participant == 0.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: analyse_behaviour(HISTORY, start=START, combination=_TEXT),
            "'combination' must be a CombinationPolicy or none",
        ),
        (
            lambda: analyse_return({"a": 1.0}, {"b": 1.0}, programme=_TEXT),
            "'programme' must be a Programme",
        ),
        (lambda: target_attainment(_TEXT, 1.0), "'indicator' must be an Indicator"),
    ],
)
def test_objects_of_the_wrong_kind_are_named(call: Any, message: str) -> None:
    """A policy, programme or indicator of another kind used to end in an AttributeError."""
    with pytest.raises(ValidationError, match=message):
        call()


def test_no_composite_when_only_unweighted_levels_have_data() -> None:
    """Reaction has data but weight 0 under this policy: no composite, confidence 0."""
    policy = ScorecardPolicy(name="n", version="1", weights={2: 1}, bands=[(0, "a")])
    card = evaluate_programme(
        Programme(id="P", title="t"),
        reaction=summarise_reaction({"relevance": [4]}),
        policy=policy,
    )
    assert (card.composite, card.band, card.confidence) == (None, None, 0.0)
    assert card.levels[0].available


def test_weight_keys_and_level_lookups_refuse_bools() -> None:
    """{True: 1} used to weigh level 1, and card.level(True) returned level 1."""
    with pytest.raises(ValidationError, match="'weights' must be keys that are Kirkpatrick"):
        ScorecardPolicy(name="n", version="1", weights={True: 1.0}, bands=[(0, "a")])
    card = evaluate_programme(Programme(id="P", title="t"))
    with pytest.raises(ValidationError, match="'level' must be one of"):
        card.level(True)
