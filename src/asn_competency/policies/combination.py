"""How several assessments of one competency combine into one current level.

A :class:`CombinationPolicy` names the :class:`~asn_competency.domain.assessment.CombinationRule`
(latest, highest, source priority, recency-weighted), the order in which
sources are trusted and the weights of the recency-weighted rule. No regulation
sets it; :data:`COMBINATION_DEFAULT` is the library's choice (latest wins).

Examples:
    >>> COMBINATION_DEFAULT.rule.value
    'latest'
    >>> CombinationPolicy(name="ac-first", rule="source_priority").source_priority[0].value
    'assessment_centre'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.assessment import AssessmentSource, CombinationRule
from asn_competency.errors import ValidationError

__all__ = ["COMBINATION_DEFAULT", "CombinationPolicy"]


_DEFAULT_PRIORITY = (
    AssessmentSource.ASSESSMENT_CENTRE,
    AssessmentSource.TEST,
    AssessmentSource.SUPERVISOR,
    AssessmentSource.PEER,
    AssessmentSource.SELF,
)


def _sources(value: Iterable[Any]) -> tuple[AssessmentSource, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("source_priority", "a sequence of assessment sources", value)
    convert = _validate.to_enum(AssessmentSource, "source_priority")
    return tuple(convert(v) for v in value)


def _weights(value: Mapping[Any, float]) -> Mapping[AssessmentSource, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("source_weights", "a mapping {source: weight}", value)
    convert = _validate.to_enum(AssessmentSource, "source_weights")
    out: dict[AssessmentSource, float] = {}
    for k, w in value.items():
        source = convert(k)
        if not _validate.is_finite_real(w) or not w > 0:
            raise ValidationError(f"source_weights[{source.value}]", "a finite weight > 0", w)
        out[source] = float(w)
    return _validate.FrozenMapping(out)


def _to_combination_rule(value: object) -> CombinationRule:
    return _validate.to_enum(CombinationRule, "rule")(value)


@attrs.frozen(kw_only=True, repr=False)
class CombinationPolicy:
    """The rule and parameters for combining assessments.

    Args:
        name: Name of the policy, recorded in results.
        version: Version of the policy.
        rule: The combination rule.
        source_priority: Sources from most to least trusted; must list every source once.
        source_weights: Weights of each source for the recency-weighted rule.
        half_life_days: Age at which an assessment's weight halves (recency-weighted rule).
        as_of: Reference date for ages; by default the newest assessment's date.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(default="default", validator=_validate.non_empty)
    version: str = attrs.field(default="1", validator=_validate.non_empty)
    rule: CombinationRule = attrs.field(
        default=CombinationRule.LATEST, converter=_to_combination_rule
    )
    source_priority: tuple[AssessmentSource, ...] = attrs.field(
        default=_DEFAULT_PRIORITY, converter=_sources
    )
    source_weights: Mapping[AssessmentSource, float] = attrs.field(
        factory=lambda: {
            AssessmentSource.ASSESSMENT_CENTRE: 1.0,
            AssessmentSource.TEST: 1.0,
            AssessmentSource.SUPERVISOR: 0.7,
            AssessmentSource.PEER: 0.5,
            AssessmentSource.SELF: 0.3,
        },
        converter=_weights,
    )
    half_life_days: float = attrs.field(default=730.0)
    as_of: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)

    @source_priority.validator
    def _check_priority(
        self, attribute: attrs.Attribute[object], value: tuple[AssessmentSource, ...]
    ) -> None:
        if sorted(value) != sorted(AssessmentSource):
            raise ValidationError(
                "source_priority", "every assessment source exactly once", [v.value for v in value]
            )

    @source_weights.validator
    def _check_weights(
        self, attribute: attrs.Attribute[object], value: Mapping[AssessmentSource, float]
    ) -> None:
        missing = [s.value for s in AssessmentSource if s not in value]
        if missing:
            raise ValidationError(
                "source_weights", "a weight for every source", f"missing {missing}"
            )

    @half_life_days.validator
    def _check_half_life(self, attribute: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ValidationError("half_life_days", "a number > 0", value)

    def priority(self, source: AssessmentSource) -> int:
        """Return the rank of a source: 0 is the most trusted."""
        return self.source_priority.index(source)


COMBINATION_DEFAULT = CombinationPolicy()
"""The library's default: the latest assessment of each competency wins (no regulation
sets a rule; agencies that trust an assessment centre over a self-assessment pass a
policy with ``rule="source_priority"``)."""
