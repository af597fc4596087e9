"""SKM per period: standard errors, the interval of each change, and periods from dates."""

from __future__ import annotations

import datetime as dt
import math
import statistics

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency.errors import ValidationError
from asn_competency.evaluation.skm import skm_index
from asn_competency.policies.skm import (
    SKM_PERMENPANRB_14_2017,
    SKM_PERMENPANRB_14_2017_PRINTED,
    AnswerRule,
)
from asn_competency.trends.gaps import TrendDirection
from asn_competency.trends.skm import _example, _se, responses_by_period, track_skm


def test_standard_error_of_complete_answers_is_that_of_the_mean_score() -> None:
    """With every answer given, the SE is that of the respondents' mean scores, x 25."""
    rows = [[3] * 9] * 30 + [[2] * 9] * 10
    point = _example().points[0]
    scores = [statistics.fmean(r) for r in rows]
    assert point.se is not None
    assert point.se == pytest.approx(25 * statistics.stdev(scores) / math.sqrt(len(rows)))
    assert point.low == pytest.approx(point.result.converted - 1.959964 * point.se, abs=1e-4)


@given(st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=2, max_size=30))
def test_standard_error_matches_the_mean_score_for_any_complete_survey(
    rows: list[list[int]],
) -> None:
    """The pairwise formula reduces to the plain one when nothing is missing."""
    scores = [statistics.fmean(r) for r in rows]
    expected = 25 * statistics.stdev(scores) / math.sqrt(len(rows))
    got = _se(np.array(rows, dtype=float), SKM_PERMENPANRB_14_2017)
    assert got == pytest.approx(expected, abs=1e-6)


def test_change_interval_checked_by_hand() -> None:
    """The change's SE is the root of the sum of squares; improved when the interval is > 0."""
    trend = _example()
    a, b = trend.points
    step = trend.steps[0]
    assert step.change == pytest.approx(b.result.converted - a.result.converted)
    assert step.se == pytest.approx(math.hypot(a.se, b.se))  # type: ignore[arg-type]
    assert step.direction is TrendDirection.IMPROVED
    assert step.grades == ("C", "B")
    assert trend.to_dataframe()["direction"].tolist()[1] == "improved"


def test_within_noise_and_worse() -> None:
    """A small change is within noise; a clear fall is worse."""
    base = [[3] * 9] * 20 + [[4] * 9] * 20
    same = track_skm({"2024": base, "2025": base[1:]})
    assert same.steps[0].direction is TrendDirection.WITHIN_NOISE
    worse = track_skm({"2024": base, "2025": [[2] * 9] * 40})
    assert worse.steps[0].direction is TrendDirection.WORSENED


def test_missing_answers_under_each_rule() -> None:
    """Excluded answers leave the SE from what was counted; excluded respondents drop out."""
    rows: list[list[object]] = [[*[3] * 9] for _ in range(10)]
    rows += [[*[4] * 9] for _ in range(10)]
    rows[0][0] = None
    rows[1][1] = 7
    per_answer = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers=AnswerRule.EXCLUDE_ANSWER)
    per_person = attrs.evolve(
        SKM_PERMENPANRB_14_2017, invalid_answers=AnswerRule.EXCLUDE_RESPONDENT
    )
    a = track_skm({"2025": rows}, policy=per_answer).points[0]
    b = track_skm({"2025": rows}, policy=per_person).points[0]
    assert a.se is not None
    assert b.se is not None
    clean = [r for r in rows if all(isinstance(v, int) and 1 <= v <= 4 for v in r)]
    assert b.se == pytest.approx(track_skm({"x": clean}).points[0].se)
    assert a.se != b.se


def test_frames_arrays_and_results() -> None:
    """A DataFrame is read by column name; a result without answers has no interval."""
    rows = [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 4, 4, 3, 3, 4, 3, 2]] * 5
    codes = list(SKM_PERMENPANRB_14_2017.codes)
    df = pd.DataFrame(rows, columns=codes)[codes[::-1]]
    by_frame = track_skm({"2025": df}).points[0]
    assert by_frame.se == pytest.approx(track_skm({"2025": np.array(rows)}).points[0].se)
    done = skm_index(rows)
    trend = track_skm({"2024": done, "2025": rows})
    assert (trend.points[0].se, trend.steps[0].se, trend.steps[0].low) == (None, None, None)
    assert trend.steps[0].direction is TrendDirection.WITHIN_NOISE
    up = track_skm({"2024": done, "2025": [[4] * 9] * 3})
    assert up.steps[0].direction is TrendDirection.IMPROVED
    down = track_skm({"2024": done, "2025": [[1] * 9] * 3})
    assert down.steps[0].direction is TrendDirection.WORSENED
    assert track_skm({"2025": [[4] * 9]}).points[0].se is None


def test_bad_surveys() -> None:
    """A result under another policy, no survey, wrong kinds and bad answers are named."""
    with pytest.raises(ValidationError, match=r"'surveys\[2025\].policy' must be the policy"):
        track_skm({"2025": skm_index([[4] * 9], policy=SKM_PERMENPANRB_14_2017_PRINTED)})
    with pytest.raises(ValidationError, match="'surveys' must be at least one period"):
        track_skm({})
    with pytest.raises(ValidationError, match="'policy' must be an SkmPolicy"):
        track_skm({"2025": [[4] * 9]}, policy=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'trend' must be a TrendPolicy"):
        track_skm({"2025": [[4] * 9]}, trend=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'responses\[0\]\[U9\]'"):
        track_skm({"2025": [[4] * 8 + [5]]})


def test_responses_by_period() -> None:
    """Dated answers go to their quarter (or other period), earliest first."""
    dates = [dt.date(2025, 5, 1), dt.date(2025, 1, 9), dt.date(2025, 2, 2)]
    got = responses_by_period(dates, [[1] * 9, [2] * 9, [3] * 9])
    assert {k: [r[0] for r in v] for k, v in got.items()} == {"2025-Q1": [2, 3], "2025-Q2": [1]}
    assert list(got) == ["2025-Q1", "2025-Q2"]
    with pytest.raises(ValidationError, match="'dates' must be one date per response"):
        responses_by_period(dates, [[1] * 9])
    with pytest.raises(ValidationError, match="'frequency' must be one of"):
        responses_by_period(dates[:1], [[1] * 9], frequency="week")


def test_frames_with_other_column_names_read_by_position() -> None:
    """Columns that are not the element codes are read in order."""
    rows = [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 4, 4, 3, 3, 4, 3, 2]] * 5
    df = pd.DataFrame(rows, columns=[f"q{i}" for i in range(9)])
    assert track_skm({"2025": df}).points[0].se == pytest.approx(
        track_skm({"2025": rows}).points[0].se
    )
