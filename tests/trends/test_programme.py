"""A programme evaluated in every period."""

from __future__ import annotations

import pytest

from asn_competency.domain.development import Programme
from asn_competency.domain.indicators import Indicator, Measurement
from asn_competency.errors import ValidationError
from asn_competency.evaluation.learning import analyse_learning
from asn_competency.evaluation.reaction import summarise_reaction
from asn_competency.trends.gaps import TrendDirection
from asn_competency.trends.programme import _example, track_programme

PROG = Programme(id="PP", title="Pelayanan prima", owner="Dukcapil")


def test_three_periods_checked_by_hand() -> None:
    """Each period's scorecard uses its own results; level 4 is measured from the first period."""
    trend = _example()
    assert trend.periods == ("2023", "2024", "2025")
    cards = [c.scorecard for c in trend.cards]
    assert [c.level(4).score for c in cards] == [0.0, 50.0, 90.0]
    assert [s.direction for s in trend.steps] == [TrendDirection.IMPROVED] * 2
    assert trend.indicators is not None
    assert trend.to_dataframe()["period"].tolist() == ["2023", "2024", "2025"]


def test_periods_from_results_only() -> None:
    """Without indicators the periods come from the results; a period without data has none."""
    trend = track_programme(
        PROG,
        reaction={"2024": summarise_reaction({"relevance": [4, 4]})},
        learning={"2025": analyse_learning([50, 60], [80, 90])},
        periods=None,
    )
    assert trend.periods == ("2024", "2025")
    assert trend.indicators is None
    assert trend.steps[0].change is not None
    empty = track_programme(PROG, periods=["2024", "2025"])
    assert [s.change for s in empty.steps] == [None]


def test_subject_and_comparison() -> None:
    """Indicators may be measured for another subject, against a comparison unit."""
    ind = Indicator(id="t", name="t", level=4, unit="minutes", direction="lower", target=30)
    ms = [
        Measurement(indicator_id="t", subject=s, period=p, value=v)
        for s, p, v in (("X", "2024", 60), ("X", "2025", 40), ("Y", "2024", 60), ("Y", "2025", 55))
    ]
    trend = track_programme(PROG, indicators=[ind], measurements=ms, subject="X", comparison="Y")
    last = trend.cards[-1].scorecard.indicators[0]
    assert (last.value, last.did_improvement) == (40.0, 15.0)


def test_bad_inputs() -> None:
    """A programme of the wrong kind, a table that is not a mapping or no period are named."""
    with pytest.raises(ValidationError, match="'programme' must be a Programme"):
        track_programme(None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'reaction' must be a mapping"):
        track_programme(PROG, reaction=[1])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'periods' must be at least one period"):
        track_programme(PROG)
