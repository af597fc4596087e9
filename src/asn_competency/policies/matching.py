"""The matching policy: eligibility rules, capacities and score weights.

A :class:`MatchingPolicy` switches the named eligibility rules on or off, sets
the mentors' default capacity and the score's weights and bonuses, and carries
rules of your own (:class:`PairRule`). :data:`MATCHING_DEFAULT` is the library's
choice.

Examples:
    >>> MATCHING_DEFAULT.default_capacity, "seniority" in MATCHING_DEFAULT.rules
    (3, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee
from asn_competency.domain.mentoring import MenteeNeed
from asn_competency.errors import ValidationError

__all__ = ["MATCHING_DEFAULT", "MatchingPolicy", "PairRule"]


def _callable(_inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    # Checked here, not when the first pair is checked in the middle of a matching.
    if not callable(value):
        raise ValidationError(attribute.name, "a function check(mentor, need, mentee)", value)


def _always(_mentor: Employee, _need: MenteeNeed, _mentee: Employee | None) -> bool:
    return True  # pragma: no cover - placeholder default, always replaced


@attrs.frozen(kw_only=True)
class PairRule:
    """An eligibility rule of your own, checked on every candidate pair.

    Args:
        name: The name recorded in results (an id).
        check: ``check(mentor, need, mentee)`` returns whether the pair passes;
            ``mentee`` is the mentee's :class:`Employee` record or ``None``.

    Examples:
        >>> same_gender = PairRule(
        ...     name="same_gender",
        ...     check=lambda mentor, need, mentee: mentor.nip[14] == need.nip[14])
        >>> same_gender.name
        'same_gender'
    """

    name: str = attrs.field(validator=_validate.identifier)
    check: Callable[[Employee, MenteeNeed, Employee | None], bool] = attrs.field(
        default=_always, eq=False, validator=_callable
    )


def _optional_gap(_inst: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValidationError(attribute.name, "a whole number >= 0 or None", value)


def _optional_bool(_inst: Any, attribute: attrs.Attribute[Any], value: bool | None) -> None:
    if value is not None and not isinstance(value, bool):
        raise ValidationError(attribute.name, "True, False or None", value)


def _decimals(_inst: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9:
        raise ValidationError(attribute.name, "a whole number in 0..9", value)


def _rules(value: Iterable[Any]) -> tuple[PairRule, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, PairRule):
            raise ValidationError("extra_rules", "PairRule objects", item)
    _validate.unique_ids("extra_rules", [r.name for r in items])
    return items


_BUILT_IN = frozenset(
    {
        "competency_level",
        "not_self",
        "seniority",
        "same_agency",
        "different_agency",
        "same_unit",
        "different_unit",
        "same_region",
        "different_region",
        "no_repeat",
        "not_excluded",
        "capacity",
    }
)


@attrs.frozen(kw_only=True, repr=False)
class MatchingPolicy:
    """The eligibility rules, capacity and score weights of mentor matching.

    Args:
        name: Policy name, recorded in results.
        version: Policy version.
        source: Where the rules come from and how sure we are.
        level_margin: How far above the required level the mentor must be (0: reach it).
        min_tier_gap: Tier seniority margin (:attr:`PositionTier.seniority`); ``None``
            drops the tier criterion.
        min_golongan_gap: Golongan rank margin within one scheme; ``None`` drops it.
            With both ``None`` the seniority rule is off; otherwise either criterion
            suffices, and a missing tier or golongan fails that criterion.
        same_agency: ``True`` same agency only, ``False`` other agencies only, ``None`` no rule.
        same_unit: The same for the work unit (a unit is named within its agency).
        same_region: The same for the region.
        avoid_repeat: Refuse pairs already in the mentoring history.
        default_capacity: Mentees per mentor unless overridden (at least 1).
        coverage_weight: Weight of the covered share of needs (at least 0).
        same_region_bonus: Added to the score when both work in the same region (>= 0).
        cross_unit_bonus: Added when they work in different units, to favour ties
            across units (>= 0).
        score_decimals: Scores are rounded to this many decimals; the optimum is
            exact on the rounded scores.
        extra_rules: Rules of your own, checked after the built-in ones.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    source: str = attrs.field(default="", repr=False)
    level_margin: float = attrs.field(default=0.0, validator=_validate.non_negative)
    min_tier_gap: int | None = attrs.field(default=1, validator=_optional_gap)
    min_golongan_gap: int | None = attrs.field(default=2, validator=_optional_gap)
    same_agency: bool | None = attrs.field(default=None, validator=_optional_bool)
    same_unit: bool | None = attrs.field(default=None, validator=_optional_bool)
    same_region: bool | None = attrs.field(default=None, validator=_optional_bool)
    avoid_repeat: bool = True
    default_capacity: int = attrs.field(default=3, validator=_validate.positive_int)
    coverage_weight: float = attrs.field(default=1.0, validator=_validate.non_negative)
    same_region_bonus: float = attrs.field(default=0.0, validator=_validate.non_negative)
    cross_unit_bonus: float = attrs.field(default=0.0, validator=_validate.non_negative)
    score_decimals: int = attrs.field(default=6, validator=_decimals)
    extra_rules: tuple[PairRule, ...] = attrs.field(default=(), converter=_rules)

    @extra_rules.validator
    def _check_extra(self, attribute: attrs.Attribute[object], value: tuple[PairRule, ...]) -> None:
        for rule in value:
            if rule.name in _BUILT_IN:
                raise ValidationError(
                    "extra_rules", "names other than the built-in rules", rule.name
                )

    @property
    def checks_seniority(self) -> bool:
        """Whether the seniority rule is on."""
        return self.min_tier_gap is not None or self.min_golongan_gap is not None

    @property
    def needs_mentee_records(self) -> bool:
        """Whether the rules or bonuses read the mentee's :class:`Employee` record."""
        return (
            self.checks_seniority
            or self.same_agency is not None
            or self.same_unit is not None
            or self.same_region is not None
            or self.same_region_bonus != 0
            or self.cross_unit_bonus != 0
        )

    @property
    def pair_rules(self) -> tuple[str, ...]:
        """Names of the rules every eligible pair passes, in the order they are checked."""
        names = ["competency_level", "not_self"]
        if self.checks_seniority:
            names.append("seniority")
        for field, value in (
            ("agency", self.same_agency),
            ("unit", self.same_unit),
            ("region", self.same_region),
        ):
            if value is not None:
                names.append(f"{'same' if value else 'different'}_{field}")
        if self.avoid_repeat:
            names.append("no_repeat")
        names.append("not_excluded")
        names.extend(r.name for r in self.extra_rules)
        return tuple(names)

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule applied to a matching: the pair rules and ``capacity``."""
        return (*self.pair_rules, "capacity")

    @property
    def scale(self) -> int:
        """The integer that scores are multiplied by for exact optimisation."""
        return int(10**self.score_decimals)


MATCHING_DEFAULT = MatchingPolicy(
    name="asn-mentoring-default",
    version="1",
    source=(
        "Practice, not regulation: PP 11/2017 and Peraturan LAN 10/2018 name mentoring by "
        "seniors as a non-classical development route [V] but set no pairing rules. The "
        "seniority margins (one tier, or two golongan steps) and the capacity of three mentees "
        "are documented defaults [U]; replace them with your agency's rules."
    ),
)
"""Default matching policy: senior mentors who reach the required level, three mentees each."""
