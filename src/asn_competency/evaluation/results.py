"""Kirkpatrick level 4, results: indicators against baseline, target and a comparison unit.

:func:`analyse_indicators` measures indicators such as service time or the SKM
index against their baseline and target, aware of whether lower or higher is
better, and against a comparison unit (difference-in-differences);
:func:`target_attainment` is the share of the way from baseline to target.

Examples:
    >>> from asn_competency.domain.indicators import Indicator, Measurement
    >>> ind = Indicator(id="waktu-dokumen", name="Waktu layanan dokumen", level=4,
    ...                 unit="minutes", direction="lower", baseline=60, target=30)
    >>> ms = [Measurement(indicator_id="waktu-dokumen", subject="Jambi", period="2024",
    ...                   value=30, unit="minutes")]
    >>> res = analyse_indicators([ind], ms, subject="Jambi", after="2024")
    >>> res.results[0].attainment
    100.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.indicators import Direction, Indicator, KirkpatrickLevel, Measurement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.evaluation._stats import _ratio_of_differences

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["IndicatorAnalysis", "IndicatorResult", "analyse_indicators", "target_attainment"]


# A finite real number, not a bool; an int too large for a float is not one.
_is_number = _validate.is_finite_real


_mean = _validate.fsum_mean


# --------------------------------------------------------------------------- level 4


def target_attainment(
    indicator: Indicator, value: float, *, baseline: float | None = None
) -> float | None:
    """Return how far a value has come from the baseline to the target, in percent.

    For a lower-is-better indicator it is ``(baseline - value) / (baseline - target)``
    x 100, for a higher-is-better one ``(value - baseline) / (target - baseline)``
    x 100: 0 at the baseline, 100 at the target, above 100 beyond it, negative
    when the value moved the wrong way.

    Args:
        indicator: The indicator (its direction, baseline and target).
        value: The value reached.
        baseline: Baseline to use instead of the indicator's own.

    Returns:
        The attainment, or ``None`` without a baseline or a target, or when the
        target equals the baseline.

    Raises:
        ValidationError: If the target lies on the worse side of the baseline, or
            ``value`` or ``baseline`` is not a finite number.

    Examples:
        >>> ind = Indicator(id="skm", name="Indeks SKM", level=4, unit="index 25-100",
        ...                 direction="higher", baseline=76, target=84)
        >>> target_attainment(ind, 82)
        75.0
        >>> lower = Indicator(id="waktu", name="Waktu layanan", level=4, unit="minutes",
        ...                   direction="lower", baseline=60, target=30)
        >>> target_attainment(lower, 45)
        50.0
    """
    if not isinstance(indicator, Indicator):
        raise ValidationError("indicator", "an Indicator", indicator)
    for field, number in (("value", value), ("baseline", baseline)):
        if number is not None and not _is_number(number):
            raise ValidationError(field, "a finite number", number)
    base = indicator.baseline if baseline is None else float(baseline)
    target = indicator.target
    if base is None or target is None or base == target:
        return None
    if indicator.improvement(base, target) < 0:
        raise ValidationError(
            f"indicators[{indicator.id}].target",
            f"on the better side of the baseline {base:g} ({indicator.direction.value} is better)",
            target,
        )
    return _ratio_of_differences(float(value), base, target, base) * 100.0


@attrs.frozen(kw_only=True)
class IndicatorResult:
    """One indicator before and after a programme.

    Args:
        indicator_id: The indicator.
        name: Its name.
        unit: Its unit.
        level: Its Kirkpatrick level.
        direction: Whether higher or lower is better.
        baseline: The baseline used for attainment (the indicator's own, else
            the measured value before).
        target: The target, if set.
        before: Value measured for the subject in the before period.
        value: Value measured for the subject in the after period.
        change: ``value - reference``, the reference being ``before`` if measured,
            else the baseline.
        improvement: ``change`` with its sign flipped for lower-is-better, so
            positive is always better.
        attainment: Target attainment in percent (see :func:`target_attainment`).
        comparison_before: The comparison unit's value before.
        comparison_after: The comparison unit's value after.
        did: Difference-in-differences, ``(treated after - before) - (comparison
            after - before)``, raw.
        did_improvement: ``did`` sign-normalised: positive means the subject
            improved more than the comparison unit.
    """

    indicator_id: str
    name: str
    unit: str
    level: KirkpatrickLevel
    direction: Direction
    baseline: float | None
    target: float | None
    before: float | None
    value: float | None
    change: float | None
    improvement: float | None
    attainment: float | None
    comparison_before: float | None = None
    comparison_after: float | None = None
    did: float | None = None
    did_improvement: float | None = None


@attrs.frozen(kw_only=True)
class IndicatorAnalysis:
    """Level 4: indicators of one subject between two periods.

    Args:
        subject: The unit the programme served.
        comparison: The comparison unit, if any.
        before_period: The period before, if any.
        after_period: The period after.
        results: One entry per indicator, sorted by id.
    """

    subject: str
    comparison: str | None
    before_period: str | None
    after_period: str
    results: tuple[IndicatorResult, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """Indicators without a value for the subject in the after period."""
        return tuple(r.indicator_id for r in self.results if r.value is None)

    @property
    def score(self) -> float | None:
        """Mean target attainment of the level-4 (results) indicators, each clipped to 0-100.

        Indicators of other Kirkpatrick levels are reported but not scored here;
        ``None`` when no level-4 indicator has an attainment.
        """
        values = [
            min(max(r.attainment, 0.0), 100.0)
            for r in self.results
            if r.attainment is not None and r.level is KirkpatrickLevel.RESULTS
        ]
        return _mean(values) if values else None

    def result(self, indicator_id: str) -> IndicatorResult:
        """Return the result of one indicator.

        Raises:
            UnknownIdError: If the indicator was not analysed.
        """
        for r in self.results:
            if r.indicator_id == indicator_id:
                return r
        raise UnknownIdError("indicator", indicator_id, "indicator analysis")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per indicator.

        Examples:
            >>> ind = Indicator(id="skm", name="Indeks SKM", level=4, unit="index",
            ...                 baseline=76, target=84)
            >>> m = [Measurement(indicator_id="skm", subject="Kendari", period="2024", value=80)]
            >>> df = analyse_indicators([ind], m, subject="Kendari", after="2024").to_dataframe()
            >>> df[["indicator_id", "value", "attainment"]].values.tolist()
            [['skm', 80.0, 50.0]]
        """
        _lazy.require("pandas")

        columns = [f.name for f in attrs.fields(IndicatorResult)]
        rows = []
        for r in self.results:
            row = attrs.asdict(r)
            row["level"] = int(r.level)
            row["direction"] = r.direction.value
            rows.append(row)
        frame: pd.DataFrame = _validate.typed_frame(rows, columns)
        return frame


def _index_measurements(
    indicators: Sequence[Indicator], measurements: Iterable[Measurement]
) -> tuple[dict[str, Indicator], dict[tuple[str, str, str], float]]:
    by_id: dict[str, Indicator] = {}
    for ind in indicators:
        if not isinstance(ind, Indicator):
            raise ValidationError("indicators", "Indicator objects", ind)
        if ind.id in by_id:
            raise ValidationError("indicators", "unique ids", f"{ind.id!r} appears twice")
        by_id[ind.id] = ind
    values: dict[tuple[str, str, str], float] = {}
    for i, m in enumerate(measurements):
        if not isinstance(m, Measurement):
            raise ValidationError(f"measurements[{i}]", "a Measurement", m)
        known = by_id.get(m.indicator_id)
        if known is None:
            raise UnknownIdError("indicator", m.indicator_id, f"measurements[{i}]")
        if m.unit and m.unit != known.unit:
            raise ValidationError(
                f"measurements[{i}].unit",
                f"the unit {known.unit!r} of indicator {known.id!r} (one unit per indicator)",
                m.unit,
            )
        key = (m.indicator_id, m.subject, m.period)
        if key in values:
            raise ValidationError(
                f"measurements[{i}]",
                "one measurement per indicator, subject and period",
                "/".join(key) + " twice",
            )
        values[key] = m.value
    return by_id, values


def analyse_indicators(
    indicators: Sequence[Indicator],
    measurements: Iterable[Measurement],
    *,
    subject: str,
    after: str,
    before: str | None = None,
    comparison: str | None = None,
) -> IndicatorAnalysis:
    """Measure indicators of a subject against baseline, target and a comparison unit.

    Args:
        indicators: The indicators (unique ids).
        measurements: Their measurements for any subjects and periods.
        subject: The unit the programme served (for example ``"Disdukcapil Kendari"``).
        after: The period after the programme.
        before: The period before; when not given (or not measured), change and
            attainment use the indicator's baseline.
        comparison: A unit that did not take part; with ``before`` gives
            difference-in-differences.

    Returns:
        An :class:`IndicatorAnalysis`, results sorted by indicator id.

    Raises:
        UnknownIdError: For a measurement of an indicator not listed.
        ValidationError: For a measurement in another unit than its indicator
            (naming the indicator and both units), two measurements of the same
            indicator, subject and period, duplicate indicators, a comparison
            equal to the subject, or a target on the worse side of the baseline.

    Examples:
        >>> ind = Indicator(id="waktu", name="Waktu layanan", level=4, unit="minutes",
        ...                 direction="lower", target=30)
        >>> ms = [Measurement(indicator_id="waktu", subject=s, period=p, value=v)
        ...       for s, p, v in [("A", "2023", 60), ("A", "2024", 30),
        ...                       ("B", "2023", 62), ("B", "2024", 56)]]
        >>> r = analyse_indicators([ind], ms, subject="A", before="2023", after="2024",
        ...                        comparison="B").result("waktu")
        >>> r.change, r.improvement, r.attainment, r.did, r.did_improvement
        (-30.0, 30.0, 100.0, -24.0, 24.0)
    """
    for field, period in (("subject", subject), ("after", after)):
        if not isinstance(period, str):
            raise ValidationError(field, "a text", period)
    for field, optional in (("before", before), ("comparison", comparison)):
        if optional is not None and not isinstance(optional, str):
            raise ValidationError(field, "a text or none", optional)
    if comparison is not None and comparison == subject:
        raise ValidationError(
            "comparison", f"a unit other than the subject {subject!r}", comparison
        )
    by_id, values = _index_measurements(indicators, measurements)
    results: list[IndicatorResult] = []
    for ind_id in sorted(by_id):
        ind = by_id[ind_id]
        pre = None if before is None else values.get((ind_id, subject, before))
        post = values.get((ind_id, subject, after))
        reference = pre if pre is not None else ind.baseline
        baseline = ind.baseline if ind.baseline is not None else pre
        change = None if post is None or reference is None else post - reference
        attainment = None
        if post is not None:
            attainment = target_attainment(ind, post, baseline=baseline)
        elif baseline is not None:
            target_attainment(ind, baseline, baseline=baseline)  # check the target's side
        c_pre = c_post = did = did_imp = None
        if comparison is not None:
            c_pre = None if before is None else values.get((ind_id, comparison, before))
            c_post = values.get((ind_id, comparison, after))
            if None not in (pre, post, c_pre, c_post):
                did = (post - pre) - (c_post - c_pre)  # type: ignore[operator]
                did_imp = did if ind.direction is Direction.HIGHER else -did
        results.append(
            IndicatorResult(
                indicator_id=ind_id,
                name=ind.name,
                unit=ind.unit,
                level=ind.level,
                direction=ind.direction,
                baseline=baseline,
                target=ind.target,
                before=pre,
                value=post,
                change=change,
                improvement=(
                    None
                    if change is None
                    else (change if ind.direction is Direction.HIGHER else -change)
                ),
                attainment=attainment,
                comparison_before=c_pre,
                comparison_after=c_post,
                did=did,
                did_improvement=did_imp,
            )
        )
    return IndicatorAnalysis(
        subject=subject,
        comparison=comparison,
        before_period=before,
        after_period=after,
        results=tuple(results),
    )
