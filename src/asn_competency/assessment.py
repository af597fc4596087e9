"""Competency assessments and how several of them combine into one current level.

A person may be assessed on the same competency several times, by different
sources. :func:`combine_assessments` reduces them to one
:class:`CurrentLevel` per person and competency under a named
:class:`CombinationRule`, and the result keeps the assessments it used.

Examples:
    >>> import datetime as dt
    >>> a = [
    ...     Assessment(nip="199001012015031001", competency_id="MJ.KOM", level=2,
    ...                assessed_on=dt.date(2023, 5, 1), source="assessment_centre"),
    ...     Assessment(nip="199001012015031001", competency_id="MJ.KOM", level=3,
    ...                assessed_on=dt.date(2024, 5, 1), source="self"),
    ... ]
    >>> cur = combine_assessments(a)[("199001012015031001", "MJ.KOM")]
    >>> cur.level, cur.rule.value
    (3.0, 'latest')
    >>> policy = CombinationPolicy(rule="source_priority")
    >>> combine_assessments(a, policy=policy)[("199001012015031001", "MJ.KOM")].level
    2.0
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.employee import parse_nip
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.framework import CompetencyFramework

__all__ = [
    "Assessment",
    "AssessmentSource",
    "CombinationPolicy",
    "CombinationRule",
    "CurrentLevel",
    "check_assessments",
    "combine_assessments",
]


class AssessmentSource(str, enum.Enum):
    """Who or what produced an assessment."""

    ASSESSMENT_CENTRE = "assessment_centre"
    TEST = "test"
    SUPERVISOR = "supervisor"
    PEER = "peer"
    SELF = "self"


def _nip(value: str) -> str:
    return parse_nip(value).value


def _to_assessment_source(value: object) -> AssessmentSource:
    return _validate.to_enum(AssessmentSource, "source")(value)


def _date(_inst: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    # A datetime is a date too, but cannot be compared with one.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(attribute.name, "a date (datetime.date)", value)


@attrs.frozen(kw_only=True)
class Assessment:
    """One assessed level of one competency of one person.

    Args:
        nip: The person's NIP.
        competency_id: The competency assessed.
        level: The level found (checked against the scale by :func:`check_assessments`).
        assessed_on: The date of the assessment; not in the future.
        source: Assessment centre, test, supervisor, peer or self.
        assessor: Who assessed, if known.
        evidence: A reference to the evidence (report number, file, link).

    Raises:
        ValidationError: If the level is not a whole number >= 0, or the date is
            not a date (a datetime is not one) or is in the future.
    """

    nip: str = attrs.field(converter=_nip)
    competency_id: str = attrs.field(validator=_validate.identifier)
    level: int = attrs.field()
    assessed_on: dt.date = attrs.field(validator=[_date, _validate.not_after_today])
    source: AssessmentSource = attrs.field(
        default=AssessmentSource.ASSESSMENT_CENTRE,
        converter=_to_assessment_source,
    )
    assessor: str = ""
    evidence: str = ""

    @level.validator
    def _check_level(self, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError("level", "a whole number >= 0", value)
        if not _validate.is_finite_real(value):
            raise ValidationError("level", "a whole number >= 0 that a float can hold", value)

    @property
    def key(self) -> tuple[str, str]:
        """``(nip, competency_id)``: what the assessment is of."""
        return (self.nip, self.competency_id)


class CombinationRule(str, enum.Enum):
    """How several assessments of one competency become one current level."""

    LATEST = "latest"
    """The most recent assessment; same-day ties go to the higher-priority source."""
    HIGHEST = "highest"
    """The highest level ever assessed."""
    SOURCE_PRIORITY = "source_priority"
    """The most recent assessment from the highest-priority source present."""
    RECENCY_WEIGHTED = "recency_weighted"
    """A mean weighted by source weight and by exponential decay with age."""


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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class CurrentLevel:
    """The combined current level of one competency of one person, with provenance.

    Args:
        nip: The person.
        competency_id: The competency.
        level: The combined level (a whole number except under the recency-weighted rule).
        rule: The rule that produced it.
        policy_name: The name of the policy used.
        based_on: The assessments considered, oldest first.
        decisive: The assessments that set the level (all of them for the weighted rule).
    """

    nip: str
    competency_id: str
    level: float
    rule: CombinationRule
    policy_name: str
    based_on: tuple[Assessment, ...]
    decisive: tuple[Assessment, ...]

    @property
    def assessed_on(self) -> dt.date:
        """The date of the newest decisive assessment."""
        return max(a.assessed_on for a in self.decisive)

    def explain(self) -> str:
        """Return one sentence saying how the level was reached."""
        used = ", ".join(
            f"{a.source.value} {a.assessed_on.isoformat()} level {a.level}" for a in self.decisive
        )
        return f"level {self.level:g} by rule {self.rule.value!r} from {used}"


def _order_key(
    policy: CombinationPolicy,
) -> Callable[[Assessment], tuple[dt.date, int, int, str, str]]:
    def key(a: Assessment) -> tuple[dt.date, int, int, str, str]:
        # Newer, then more trusted source, then higher level, then assessor, evidence.
        return (a.assessed_on, -policy.priority(a.source), a.level, a.assessor, a.evidence)

    return key


def _combine_one(group: list[Assessment], policy: CombinationPolicy) -> CurrentLevel:
    key = _order_key(policy)
    ordered = sorted(group, key=key)
    rule = policy.rule
    decisive: tuple[Assessment, ...]
    if rule is CombinationRule.LATEST:
        decisive = (ordered[-1],)
        level = float(ordered[-1].level)
    elif rule is CombinationRule.HIGHEST:
        best = max(ordered, key=lambda a: (a.level, key(a)))
        decisive = (best,)
        level = float(best.level)
    elif rule is CombinationRule.SOURCE_PRIORITY:
        top = min(policy.priority(a.source) for a in ordered)
        chosen = [a for a in ordered if policy.priority(a.source) == top][-1]
        decisive = (chosen,)
        level = float(chosen.level)
    else:
        as_of = policy.as_of or ordered[-1].assessed_on
        ages = [max((as_of - a.assessed_on).days, 0) for a in ordered]
        # Decay relative to the youngest assessment: the common factor cancels in the
        # mean and the weights cannot all underflow to zero.
        youngest = min(ages)
        raw = [
            policy.source_weights[a.source] * 0.5 ** ((age - youngest) / policy.half_life_days)
            for a, age in zip(ordered, ages, strict=True)
        ]
        # Weights relative to the largest and shares of their sum: large weights or
        # levels cannot overflow, and the mean stays between the lowest and highest level.
        top = max(raw)
        weight_sum = math.fsum(w / top for w in raw)
        mean = math.fsum(w / top / weight_sum * a.level for w, a in zip(raw, ordered, strict=True))
        levels = [a.level for a in ordered]
        level = round(min(max(mean, float(min(levels))), float(max(levels))), 6)
        decisive = tuple(ordered)
    first = ordered[0]
    return CurrentLevel(
        nip=first.nip,
        competency_id=first.competency_id,
        level=level,
        rule=rule,
        policy_name=policy.name,
        based_on=tuple(ordered),
        decisive=decisive,
    )


def combine_assessments(
    assessments: Iterable[Assessment],
    *,
    policy: CombinationPolicy | None = None,
) -> dict[tuple[str, str], CurrentLevel]:
    """Combine assessments into one current level per person and competency.

    Args:
        assessments: Assessments of any number of people, in any order.
        policy: The combination policy; latest-assessment-wins by default.

    Returns:
        ``{(nip, competency_id): CurrentLevel}``, with keys in sorted order. The
        result does not depend on the order of ``assessments``.

    Raises:
        ValidationError: If an item is not an :class:`Assessment` (or its assessor
            or evidence is not a text), or ``policy`` is not a :class:`CombinationPolicy`.

    Notes:
        Runs in O(n log n) for n assessments.
    """
    if policy is None:
        policy = CombinationPolicy()
    elif not isinstance(policy, CombinationPolicy):
        raise ValidationError("policy", "a CombinationPolicy or none", policy)
    groups: dict[tuple[str, str], list[Assessment]] = {}
    for i, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise ValidationError(f"assessments[{i}]", "an Assessment", a)
        for name in ("assessor", "evidence"):
            # Ties are broken by these texts, so another kind of value cannot be ordered.
            if not isinstance(getattr(a, name), str):
                raise ValidationError(f"assessments[{i}].{name}", "a text", getattr(a, name))
        groups.setdefault(a.key, []).append(a)
    return {k: _combine_one(groups[k], policy) for k in sorted(groups)}


def check_assessments(
    assessments: Iterable[Assessment],
    framework: CompetencyFramework,
    *,
    known_nips: Iterable[str] | None = None,
) -> None:
    """Check assessments against a framework and, optionally, a list of people.

    Raises:
        UnknownIdError: For an unknown competency or an unknown person.
        ValidationError: For a level outside the competency's scale, an item that
            is not an :class:`Assessment`, or a framework or ``known_nips`` of the
            wrong kind (a known NIP may be written with spaces).

    Examples:
        >>> import datetime as dt
        >>> from asn_competency import national_framework
        >>> bad = Assessment(nip="199001012015031001", competency_id="MJ.KOM", level=7,
        ...                  assessed_on=dt.date(2024, 1, 2))
        >>> try:
        ...     check_assessments([bad], national_framework())
        ... except ValidationError as e:
        ...     print(e)
        'assessments[0].level' must be a level in 1..5 (got 7)
    """
    if not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework", framework)
    nips: set[str] | None = None
    if known_nips is not None:
        if isinstance(known_nips, (str, bytes)) or not isinstance(known_nips, Iterable):
            raise ValidationError("known_nips", "a collection of NIPs or none", known_nips)
        # Written with spaces or without, a NIP is the same person.
        nips = {parse_nip(n, field=f"known_nips[{i}]").value for i, n in enumerate(known_nips)}
    for i, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise ValidationError(f"assessments[{i}]", "an Assessment", a)
        comp = framework[a.competency_id]
        comp.scale.validate_level(a.level, field=f"assessments[{i}].level", allow_na=True)
        if nips is not None and a.nip not in nips:
            raise UnknownIdError("employee", a.nip, f"assessments[{i}]")
