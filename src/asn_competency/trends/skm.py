"""The public-satisfaction index (SKM) per period, with an interval for each change.

:func:`track_skm` computes the index of each period's survey
(:func:`~asn_competency.evaluation.skm.skm_index`, under one
:class:`~asn_competency.policies.skm.SkmPolicy`) and, from the answers, its
standard error; between consecutive periods it gives the change of the
converted index (25-100) and a confidence interval for it. A change whose
interval excludes 0 is reported as improved or worsened, otherwise as within
noise. :func:`responses_by_period` sorts dated answers into quarters, semesters,
years or months.

The index is a weighted sum of element means, ``IKM = sum(w_i x NRR_i)``. Its
variance is ``sum_i sum_k w_i w_k cov(NRR_i, NRR_k)`` with
``cov(NRR_i, NRR_k) = s_ik x n_ik / (n_i x n_k)``, ``s_ik`` the covariance of
elements i and k over the ``n_ik`` respondents who answered both (the exact
variance of the mean score when everyone answers everything). Two periods'
surveys are independent samples, so the variance of the change is the sum of
the two; the interval uses the normal quantile of the
:class:`~asn_competency.policies.trends.TrendPolicy` confidence.

Examples:
    >>> from asn_competency.trends.skm import _example
    >>> trend = _example()
    >>> [(p.period, round(p.result.converted, 2), p.result.grade) for p in trend.points]
    [('2024-S1', 68.75, 'C'), ('2024-S2', 78.12, 'B')]
    >>> st = trend.steps[0]
    >>> round(st.change, 2), round(st.low, 2), round(st.high, 2), st.direction.value
    (9.38, 5.1, 13.65, 'improved')
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.domain.period import Frequency, Period
from asn_competency.errors import ValidationError
from asn_competency.evaluation.skm import SkmResult, skm_index
from asn_competency.policies.skm import SKM_PERMENPANRB_14_2017, AnswerRule, SkmPolicy
from asn_competency.policies.trends import TRENDS_DEFAULT, TrendPolicy
from asn_competency.trends._periods import ordered, pairs
from asn_competency.trends.gaps import TrendDirection

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SkmPoint", "SkmStep", "SkmTrend", "responses_by_period", "track_skm"]


@attrs.frozen(kw_only=True)
class SkmPoint:
    """One period's survey.

    Args:
        period: The period's label.
        result: The index, grade and element scores.
        se: Standard error of the converted index; ``None`` when an element has
            fewer than two answers (or the survey came as totals).
        low: Lower end of the interval of the converted index; ``None`` likewise.
        high: Upper end; ``None`` likewise.
    """

    period: str
    result: SkmResult
    se: float | None
    low: float | None
    high: float | None


@attrs.frozen(kw_only=True)
class SkmStep:
    """The change between two consecutive periods.

    Args:
        from_period: The earlier period.
        to_period: The later period.
        change: Later converted index minus earlier.
        se: Standard error of the change; ``None`` when either period has none.
        low: Lower end of the change's interval; ``None`` likewise.
        high: Upper end; ``None`` likewise.
        direction: Improved (the interval lies above 0), worsened (below 0) or
            within noise; without an interval, the sign of the change.
        grades: The grades, ``(earlier, later)``.
    """

    from_period: str
    to_period: str
    change: float
    se: float | None
    low: float | None
    high: float | None
    direction: TrendDirection
    grades: tuple[str, str]


@attrs.frozen(kw_only=True)
class SkmTrend:
    """The index per period and the changes between them.

    Args:
        points: One point per period, earliest first.
        steps: One step per pair of consecutive periods.
        policy: The survey policy.
        trend_policy: The confidence used.
    """

    points: tuple[SkmPoint, ...]
    steps: tuple[SkmStep, ...]
    policy: SkmPolicy = attrs.field(repr=lambda p: f"<SkmPolicy {p.name} {p.version}>")
    trend_policy: TrendPolicy = TRENDS_DEFAULT

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per period with the change from the one before.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df[["period", "grade", "change"]].values.tolist()[1]
            ['2024-S2', 'B', 9.375]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows: list[dict[str, Any]] = []
        for i, p in enumerate(self.points):
            step = self.steps[i - 1] if i else None
            rows.append(
                {
                    "period": p.period,
                    "respondents": p.result.respondents,
                    "converted": p.result.converted,
                    "grade": p.result.grade,
                    "se": p.se,
                    "low": p.low,
                    "high": p.high,
                    "change": None if step is None else step.change,
                    "change_low": None if step is None else step.low,
                    "change_high": None if step is None else step.high,
                    "direction": None if step is None else step.direction.value,
                }
            )
        return pd.DataFrame(rows)


def _matrix(responses: Any, policy: SkmPolicy) -> Any:
    """The answers as a float matrix, NaN where an answer does not count."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    columns = getattr(responses, "columns", None)
    if columns is not None and callable(getattr(responses, "to_numpy", None)):
        names = list(columns)
        if all(isinstance(n, str) for n in names) and sorted(names) == sorted(policy.codes):
            responses = responses[list(policy.codes)]
        responses = responses.to_numpy(dtype=object)
    rows = [list(r) for r in responses]
    out = np.full((len(rows), len(policy.codes)), np.nan)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            try:
                x = float(v)
            except (TypeError, ValueError, OverflowError):
                continue
            if x.is_integer() and policy.scale_min <= x <= policy.scale_max:
                out[i, j] = x
    if policy.invalid_answers is AnswerRule.EXCLUDE_RESPONDENT:
        out = out[~np.isnan(out).any(axis=1)]
    return out


def _se(answers: Any, policy: SkmPolicy) -> float | None:
    """Standard error of the converted index from the answer matrix (pairwise covariances)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    present = (~np.isnan(answers)).astype(np.float64)
    n_each = present.sum(axis=0)
    if len(answers) == 0 or n_each.min() < 2:
        return None
    z = np.nan_to_num(answers)
    both = present.T @ present
    cross = z.T @ z
    sums = z.T @ present  # [i, k]: sum of element i over those who answered k too
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = (cross - sums * sums.T / both) / (both - 1)
    cov = np.where(both >= 2, cov, 0.0)
    mean_cov = cov * both / np.outer(n_each, n_each)
    w = np.array([float(x) for x in policy.applied_weights()])
    variance = float(w @ mean_cov @ w)
    return policy.conversion_factor * math.sqrt(max(variance, 0.0))


def track_skm(
    surveys: Mapping[Any, Any] | Iterable[tuple[Any, Any]],
    *,
    policy: SkmPolicy = SKM_PERMENPANRB_14_2017,
    trend: TrendPolicy = TRENDS_DEFAULT,
) -> SkmTrend:
    """Compute the SKM index per period and the change between consecutive periods.

    Args:
        surveys: ``{period: answers}`` or ``(period, answers)`` pairs; a period is
            a :class:`~asn_competency.domain.period.Period`, a year or a label
            such as ``"2025-Q1"``; the answers are what
            :func:`~asn_competency.evaluation.skm.skm_index` takes (rows, an
            array or a DataFrame), or an :class:`~asn_competency.evaluation.skm.SkmResult`
            already computed (it then has no interval).
        policy: The survey policy of every period.
        trend: The confidence of the intervals.

    Returns:
        The points, earliest first, and the steps between them.

    Raises:
        ValidationError: For a bad survey (see ``skm_index``), a period given
            twice, a result computed under another policy, or no survey at all.
    """
    if not isinstance(policy, SkmPolicy):
        raise ValidationError("policy", "an SkmPolicy", policy)
    if not isinstance(trend, TrendPolicy):
        raise ValidationError("trend", "a TrendPolicy", trend)
    items = ordered(surveys, "surveys")
    if not items:
        raise ValidationError("surveys", "at least one period", 0)
    points: list[SkmPoint] = []
    for label, answers in items:
        if isinstance(answers, SkmResult):
            if answers.policy != policy:
                raise ValidationError(
                    f"surveys[{label}].policy", f"the policy {policy.name!r}", answers.policy.name
                )
            result, se = answers, None
        else:
            result = skm_index(answers, policy=policy)
            se = _se(_matrix(answers, policy), policy)
        half = None if se is None else trend.z * se
        points.append(
            SkmPoint(
                period=label,
                result=result,
                se=se,
                low=None if half is None else result.converted - half,
                high=None if half is None else result.converted + half,
            )
        )
    steps = []
    by_label = {p.period: p for p in points}
    for a_label, b_label in pairs([p.period for p in points]):
        a, b = by_label[a_label], by_label[b_label]
        change = b.result.converted - a.result.converted
        se = None if a.se is None or b.se is None else math.hypot(a.se, b.se)
        low = None if se is None else change - trend.z * se
        high = None if se is None else change + trend.z * se
        if low is not None and high is not None:
            way = (
                TrendDirection.IMPROVED
                if low > 0
                else TrendDirection.WORSENED
                if high < 0
                else TrendDirection.WITHIN_NOISE
            )
        else:
            way = (
                TrendDirection.IMPROVED
                if change > 0
                else TrendDirection.WORSENED
                if change < 0
                else TrendDirection.WITHIN_NOISE
            )
        steps.append(
            SkmStep(
                from_period=a_label,
                to_period=b_label,
                change=change,
                se=se,
                low=low,
                high=high,
                direction=way,
                grades=(a.result.grade, b.result.grade),
            )
        )
    return SkmTrend(points=tuple(points), steps=tuple(steps), policy=policy, trend_policy=trend)


def responses_by_period(
    dates: Sequence[dt.date],
    responses: Sequence[Sequence[object]],
    *,
    frequency: Frequency | str = Frequency.QUARTER,
) -> dict[str, list[Sequence[object]]]:
    """Sort dated survey answers into periods.

    Args:
        dates: The day each respondent answered.
        responses: The answers, one row per respondent, in the order of ``dates``.
        frequency: ``"year"``, ``"semester"``, ``"quarter"`` or ``"month"``.

    Returns:
        ``{period label: rows}``, earliest period first, rows in input order.

    Raises:
        ValidationError: For dates and rows of different lengths, a date that is
            not a date, or an unknown frequency.

    Examples:
        >>> import datetime as dt
        >>> got = responses_by_period([dt.date(2025, 2, 1), dt.date(2025, 8, 9)],
        ...                           [[4] * 9, [3] * 9], frequency="semester")
        >>> {k: len(v) for k, v in got.items()}
        {'2025-S1': 1, '2025-S2': 1}
    """
    day_list = list(dates)
    rows = list(responses)
    if len(day_list) != len(rows):
        raise ValidationError("dates", f"one date per response ({len(rows)})", len(day_list))
    found: dict[str, tuple[Period, list[Sequence[object]]]] = {}
    for day, row in zip(day_list, rows, strict=True):
        p = Period.of(day, frequency)
        found.setdefault(p.label, (p, []))[1].append(row)
    return {label: found[label][1] for label in sorted(found, key=lambda k: found[k][0].sort_key)}


def _example() -> SkmTrend:
    """Two semesters of 40 respondents for the doctests."""
    first = [[3] * 9] * 30 + [[2] * 9] * 10
    second = [[3] * 9] * 35 + [[4] * 9] * 5
    return track_skm({"2024-S1": first, "2024-S2": second})
