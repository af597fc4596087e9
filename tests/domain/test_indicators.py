import pytest

from asn_competency import Direction, Indicator, KirkpatrickLevel, Measurement, ValidationError


def test_direction_aware_improvement() -> None:
    """A fall is an improvement when lower is better."""
    time = Indicator(id="t", name="waktu", level=4, unit="min", direction="lower")
    skm = Indicator(id="s", name="IKM", level=4, unit="25-100")
    assert time.improvement(60, 30) == 30
    assert skm.improvement(70, 80) == 10
    assert skm.direction is Direction.HIGHER
    assert time.level is KirkpatrickLevel.RESULTS


def test_indicator_bad_input() -> None:
    """Levels outside 1-5 and non-finite baselines are refused."""
    with pytest.raises(ValidationError, match="'level' must be one of 1, 2, 3, 4, 5"):
        Indicator(id="t", name="n", level=6, unit="u")
    with pytest.raises(ValidationError, match="'baseline' must be a finite number"):
        Indicator(id="t", name="n", level=1, unit="u", baseline=float("nan"))


def test_measurement_bad_input() -> None:
    """A measurement needs a finite value and n >= 1."""
    assert Measurement(indicator_id="t", subject="s", period="2024", value=3).value == 3.0
    with pytest.raises(ValidationError, match="'value' must be a finite number"):
        Measurement(indicator_id="t", subject="s", period="2024", value=None)
    with pytest.raises(ValidationError, match="'n' must be a whole number >= 1"):
        Measurement(indicator_id="t", subject="s", period="2024", value=1, n=0)


def test_whole_numbers_beyond_float_range_are_refused() -> None:
    """An int too large for a float (10**400 > 1.8e308) is named, not an OverflowError."""
    with pytest.raises(ValidationError, match="'value' must be a finite number"):
        Measurement(indicator_id="t", subject="s", period="2024", value=10**400)
    with pytest.raises(ValidationError, match="'target' must be a finite number or none"):
        Indicator(id="t", name="n", level=4, unit="u", target=-(10**400))
    # The largest ints that fit stay accepted, as floats.
    assert Indicator(id="t", name="n", level=4, unit="u", baseline=10**308).baseline == 1e308


def test_improvement_names_a_value_that_is_not_a_number() -> None:
    """A text or NaN passed to improvement() is named, not a bare float() error."""
    ind = Indicator(id="t", name="n", level=4, unit="min", direction="lower")
    with pytest.raises(ValidationError, match="'before' must be a finite number"):
        ind.improvement("60", 30)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'after' must be a finite number"):
        ind.improvement(60, float("nan"))


def test_level_refuses_bools_and_floats() -> None:
    """True == 1 and 4.0 == 4, so both used to pass as Kirkpatrick levels (True as REACTION)."""
    for bad in (True, 4.0):
        with pytest.raises(ValidationError, match="'level' must be one of 1, 2, 3, 4, 5"):
            Indicator(id="t", name="n", level=bad, unit="u")
    assert Indicator(id="t", name="n", level=KirkpatrickLevel.ROI, unit="u").level == 5
