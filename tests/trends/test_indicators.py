"""Indicators over any number of periods."""

from __future__ import annotations

import pytest

from asn_competency.domain.indicators import Indicator, Measurement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.trends.indicators import _example, track_indicators

IND = Indicator(
    id="waktu",
    name="Waktu layanan",
    level=4,
    unit="minutes",
    direction="lower",
    baseline=60,
    target=30,
)


def _ms(subject: str, values: dict[str, float]) -> list[Measurement]:
    return [
        Measurement(indicator_id="waktu", subject=subject, period=p, value=v)
        for p, v in values.items()
    ]


def test_three_periods_checked_by_hand() -> None:
    """60 -> 45 -> 30 minutes: 15 better each year, 50 % then 100 % of the way to 30."""
    s = _example().series_of("waktu-ktp")
    assert [(p.change, p.improvement, p.attainment) for p in s.points] == [
        (None, None, 0.0),
        (-15.0, 15.0, 50.0),
        (-15.0, 15.0, 100.0),
    ]
    assert s.total_improvement == 30.0
    assert _example().to_dataframe()["period"].tolist() == ["2023", "2024", "2025"]
    with pytest.raises(UnknownIdError):
        _example().series_of("skm")


def test_comparison_unit_and_gaps_in_the_series() -> None:
    """Each step has its DiD; a period without a value has no change, the next one neither."""
    ms = _ms("A", {"2023": 60, "2025": 30, "2026": 28}) + _ms(
        "B", {"2023": 62, "2025": 58, "2026": 57}
    )
    trend = track_indicators(
        [IND], ms, subject="A", periods=["2026", "2023", "2024", "2025"], comparison="B"
    )
    s = trend.series[0]
    assert trend.periods == ("2023", "2024", "2025", "2026")
    assert [p.value for p in s.points] == [60.0, None, 30.0, 28.0]
    assert [p.change for p in s.points] == [None, None, None, -2.0]
    assert s.points[3].did_improvement == 1.0
    assert (trend.comparison, s.total_improvement) == ("B", 32.0)


def test_higher_is_better_and_too_few_values() -> None:
    """A higher-is-better series counts rises; one value has no total improvement."""
    ikm = Indicator(id="ikm", name="IKM", level=4, unit="index", direction="higher")
    ms = [
        Measurement(indicator_id="ikm", subject="A", period=p, value=v)
        for p, v in (("2024", 80), ("2025", 84))
    ]
    assert track_indicators([ikm], ms, subject="A").series[0].total_improvement == 4.0
    assert track_indicators([ikm], ms[:1], subject="A").series[0].total_improvement is None
    assert track_indicators([ikm], [], subject="A").series == ()


def test_bad_inputs() -> None:
    """A subject that is not a text and measurements of unknown indicators are named."""
    with pytest.raises(ValidationError, match="'subject' must be a text"):
        track_indicators([IND], [], subject=3)  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError, match="indicator"):
        track_indicators(
            [IND], [Measurement(indicator_id="x", subject="A", period="2024", value=1)], subject="A"
        )


def test_without_a_baseline_attainment_runs_from_the_first_period() -> None:
    """No baseline: the first period's value is the baseline of every later attainment."""
    ind = Indicator(id="waktu", name="Waktu", level=4, unit="minutes", direction="lower", target=45)
    ms = _ms("A", {"2023": 95, "2024": 42, "2025": 35})
    s = track_indicators([ind], ms, subject="A").series[0]
    assert [p.attainment for p in s.points] == [0.0, 106.0, 120.0]
    assert s.points[2].change == -7.0
