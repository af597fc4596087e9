"""Trends over periods: how large a change must be to be more than noise.

:class:`TrendPolicy` holds the measurement error of one assessed competency
level and the confidence of the intervals that trends report
(:data:`TRENDS_DEFAULT`: half a level, 95 %).

Examples:
    >>> TRENDS_DEFAULT.assessment_sem, TRENDS_DEFAULT.confidence
    (0.5, 0.95)
    >>> round(TRENDS_DEFAULT.z, 4)
    1.96
"""

from __future__ import annotations

import statistics

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError

__all__ = ["TRENDS_DEFAULT", "TrendPolicy"]


def _sem(value: object) -> float:
    number = _validate.number_in_range("assessment_sem", value, low=0)
    if number == 0:
        raise ValidationError("assessment_sem", "a number > 0", value)
    return number


def _confidence(value: object) -> float:
    number = _validate.number_in_range("confidence", value, low=0, high=1)
    if not 0 < number < 1:
        raise ValidationError("confidence", "a share strictly between 0 and 1", value)
    return number


@attrs.frozen(kw_only=True, repr=False)
class TrendPolicy:
    """How sure a change between periods must be before it is reported as real.

    Args:
        name: Policy name.
        version: Policy version.
        assessment_sem: Standard error of measurement of one person's assessed
            level, in levels: the spread of the levels one person would get from
            repeated assessments. A group's mean level over ``n`` people carries
            ``assessment_sem / sqrt(n)`` of it.
        confidence: Two-sided confidence of the noise bands and intervals.
        source: Where the numbers come from and how sure we are.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    assessment_sem: float = attrs.field(default=0.5, converter=_sem)
    confidence: float = attrs.field(default=0.95, converter=_confidence)
    source: str = attrs.field(default="", repr=False)

    @property
    def z(self) -> float:
        """The normal quantile of the two-sided confidence (1.96 for 95 %)."""
        return statistics.NormalDist().inv_cdf(0.5 + self.confidence / 2)


TRENDS_DEFAULT = TrendPolicy(
    name="trends-default",
    version="2026.1",
    assessment_sem=0.5,
    confidence=0.95,
    source=(
        "Half a level as the measurement error of an assessed level on a 1-5 scale is this "
        "library's choice (assumed): whole-level ratings alone carry about 0.29 (a uniform "
        "rounding error) and raters disagree by a level at times. Replace it with the standard "
        "error your assessment centre reports (SEM = SD x sqrt(1 - reliability)). 95 % "
        "intervals: convention (assumed)."
    ),
)
"""Half a level of measurement error per assessed level; 95 % intervals."""
