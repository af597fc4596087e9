"""Indicators over any number of periods: each period's value, its change and its attainment.

:func:`track_indicators` follows the indicators of one subject (a unit, an
agency) across every period measured, not only a before and an after: for
each period the value, the change and improvement since the period before and
since the first, the target attainment and, with a comparison unit, the
difference-in-differences of each step. Every figure comes from
:func:`~asn_competency.evaluation.results.analyse_indicators`, one step at a time.

Examples:
    >>> from asn_competency.trends.indicators import _example
    >>> trend = _example()
    >>> s = trend.series_of("waktu-ktp")
    >>> [(p.period, p.value, p.improvement, p.attainment) for p in s.points]
    [('2023', 60.0, None, 0.0), ('2024', 45.0, 15.0, 50.0), ('2025', 30.0, 15.0, 100.0)]
    >>> s.total_improvement
    30.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency.domain.indicators import Direction, Indicator, Measurement
from asn_competency.domain.period import Period
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.evaluation.results import analyse_indicators
from asn_competency.trends._periods import label_of, ordered, pairs

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IndicatorPoint", "IndicatorSeries", "IndicatorTrend", "track_indicators"]


@attrs.frozen(kw_only=True)
class IndicatorPoint:
    """One indicator of the subject in one period.

    Args:
        period: The period.
        value: The value measured; ``None`` when not measured.
        change: Change since the previous period measured before it; ``None`` if none.
        improvement: ``change`` signed so that positive is better.
        attainment: Target attainment in percent (see
            :func:`~asn_competency.evaluation.results.target_attainment`).
        did_improvement: Difference-in-differences against the comparison unit
            since the previous period, signed so that positive is better.
    """

    period: str
    value: float | None
    change: float | None
    improvement: float | None
    attainment: float | None
    did_improvement: float | None


@attrs.frozen(kw_only=True)
class IndicatorSeries:
    """One indicator across the periods.

    Args:
        indicator_id: The indicator.
        name: Its name.
        unit: Its unit.
        direction: Whether higher or lower is better.
        target: Its target, if set.
        points: One point per period, in order.
    """

    indicator_id: str
    name: str
    unit: str
    direction: Direction
    target: float | None
    points: tuple[IndicatorPoint, ...]

    @property
    def total_improvement(self) -> float | None:
        """Improvement from the first measured period to the last; ``None`` with fewer than two."""
        measured = [p.value for p in self.points if p.value is not None]
        if len(measured) < 2:
            return None
        change = measured[-1] - measured[0]
        return change if self.direction is Direction.HIGHER else -change


@attrs.frozen(kw_only=True)
class IndicatorTrend:
    """The indicators of one subject across periods.

    Args:
        subject: The unit measured.
        comparison: The comparison unit, if any.
        periods: The periods, in order.
        series: One series per indicator, sorted by id.
    """

    subject: str
    comparison: str | None
    periods: tuple[str, ...]
    series: tuple[IndicatorSeries, ...]

    def series_of(self, indicator_id: str) -> IndicatorSeries:
        """Return the series of one indicator.

        Raises:
            UnknownIdError: If the indicator was not followed.
        """
        for s in self.series:
            if s.indicator_id == indicator_id:
                return s
        raise UnknownIdError("indicator", indicator_id, "the indicator trend")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per indicator and period.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df[["indicator_id", "period", "value"]].values.tolist()[0]
            ['waktu-ktp', '2023', 60.0]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows = [
            {"indicator_id": s.indicator_id, "unit": s.unit, **attrs.asdict(p)}
            for s in self.series
            for p in s.points
        ]
        return pd.DataFrame(rows)


def track_indicators(
    indicators: Sequence[Indicator],
    measurements: Iterable[Measurement],
    *,
    subject: str,
    periods: Sequence[Period | int | str] | None = None,
    comparison: str | None = None,
) -> IndicatorTrend:
    """Follow the indicators of one subject across periods.

    Args:
        indicators: The indicators (unique ids).
        measurements: Their measurements, for any subjects and periods.
        subject: The unit followed. An indicator without a baseline takes the value
            of the first period as its baseline, so attainment runs from the start.
        periods: The periods, in any order; by default every period in which the
            subject was measured. They sort by date when every label is a
            period (``"2024"``, ``"2025-Q1"``), else as texts.
        comparison: A unit that did not take part: each step then has a
            difference-in-differences.

    Returns:
        One series per indicator, each with one point per period.

    Raises:
        ValidationError: For the errors of
            :func:`~asn_competency.evaluation.results.analyse_indicators`, or a
            period given twice.
        UnknownIdError: For a measurement of an indicator not listed.
    """
    inds = list(indicators)
    ms = list(measurements)
    if not isinstance(subject, str):
        raise ValidationError("subject", "a text", subject)
    if periods is None:
        found = sorted(
            {m.period for m in ms if isinstance(m, Measurement) and m.subject == subject}
        )
        labels = [lab for lab, _ in ordered([(p, None) for p in found], "periods")]
    else:
        labels = [lab for lab, _ in ordered([(p, None) for p in periods], "periods")]
    first = analyse_indicators(inds, ms, subject=subject, after=labels[0]) if labels else None
    if first is not None:
        # Attainment runs from the start: an indicator without a baseline takes the first
        # value measured (not the value of the step's previous period).
        start = {r.indicator_id: r.value for r in first.results}
        inds = [
            i
            if i.baseline is not None or start[i.id] is None
            else attrs.evolve(i, baseline=start[i.id])
            for i in inds
        ]
        first = analyse_indicators(inds, ms, subject=subject, after=labels[0])
    steps = [
        analyse_indicators(inds, ms, subject=subject, before=a, after=b, comparison=comparison)
        for a, b in pairs(labels)
    ]
    by_id: dict[str, list[IndicatorPoint]] = {}
    meta = {} if first is None else {r.indicator_id: r for r in first.results}
    if first is not None:
        for r in first.results:
            by_id[r.indicator_id] = [
                IndicatorPoint(
                    period=labels[0],
                    value=r.value,
                    change=None,
                    improvement=None,
                    attainment=None if r.attainment is None else r.attainment + 0.0,
                    did_improvement=None,
                )
            ]
    for step, label in zip(steps, labels[1:], strict=True):
        for r in step.results:
            by_id[r.indicator_id].append(
                IndicatorPoint(
                    period=label,
                    value=r.value,
                    change=r.change if r.before is not None else None,
                    improvement=r.improvement if r.before is not None else None,
                    attainment=r.attainment,
                    did_improvement=r.did_improvement,
                )
            )
    series = tuple(
        IndicatorSeries(
            indicator_id=i,
            name=meta[i].name,
            unit=meta[i].unit,
            direction=meta[i].direction,
            target=meta[i].target,
            points=tuple(by_id[i]),
        )
        for i in sorted(by_id)
    )
    return IndicatorTrend(
        subject=subject,
        comparison=None if comparison is None else label_of(comparison, "comparison"),
        periods=tuple(labels),
        series=series,
    )


def _example() -> IndicatorTrend:
    """Service time over three years for the doctests."""
    ind = Indicator(
        id="waktu-ktp",
        name="Waktu layanan KTP-el",
        level=4,
        unit="minutes",
        direction="lower",
        baseline=60,
        target=30,
    )
    ms = [
        Measurement(indicator_id="waktu-ktp", subject="Dukcapil", period=p, value=v)
        for p, v in (("2025", 30), ("2023", 60), ("2024", 45))
    ]
    return track_indicators([ind], ms, subject="Dukcapil")
