"""Who may mentor whom: mentees' needs, the matching policy and the eligibility rules.

A mentee needs help in the competencies where they fall below their position's
standard (the ``BELOW`` items of a gap report). A mentor can help with a need
when their current level in that competency reaches the level the mentee must
reach. Whether a pair is *eligible* is decided by named rules that a
:class:`MatchingPolicy` switches on or off:

``competency_level``
    the mentor reaches ``required + level_margin`` in at least one of the mentee's needs;
``not_self``
    nobody mentors themselves (a person listed on both sides is never paired with themselves);
``seniority``
    the mentor's tier seniority exceeds the mentee's by ``min_tier_gap``, or their
    golongan rank (same scheme, PNS or PPPK) by ``min_golongan_gap``;
``same_agency``, ``same_unit``, ``same_region`` (or ``different_...``)
    location rules, each chosen or left out (a unit is named within its agency);
``no_repeat``
    the pair does not already appear in the mentoring history;
``not_excluded``
    the pair is not explicitly excluded;

and any :class:`PairRule` of your own. Capacity (``default_capacity`` and
individual overrides) is a rule on the whole matching, applied by the matchers.

The **pair score** is the importance-weighted share of the mentee's needs that the
mentor covers, in ``[0, 1]``, times ``coverage_weight``, plus optional bonuses
(same region, crossing units), rounded to ``score_decimals`` decimals.

Examples:
    >>> from asn_competency import Employee
    >>> mentor = Employee(nip="197805102003121001", name="Sari", agency="Disdukcapil",
    ...                   unit="Pelayanan", tier="administrator")
    >>> mentee = Employee(nip="199901012023021001", name="Adi", agency="Disdukcapil",
    ...                   unit="Pelayanan", tier="pelaksana")
    >>> need = MenteeNeed(nip=mentee.nip, needs=[CompetencyNeed(competency_id="MJ.KOM", required=2),
    ...                                          CompetencyNeed(competency_id="MJ.PP", required=2)])
    >>> check = check_pair(mentor, need, levels={(mentor.nip, "MJ.KOM"): 3.0}, mentee=mentee)
    >>> check.eligible, check.covered, check.score
    (True, ('MJ.KOM',), 0.5)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from asn_competency import _validate
from asn_competency.assessment import Assessment, CurrentLevel, combine_assessments
from asn_competency.employee import Employee, parse_nip
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.mentoring import MentoringGraph

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from asn_competency.framework import CompetencyFramework

__all__ = [
    "MATCHING_DEFAULT",
    "CompetencyNeed",
    "MatchingPolicy",
    "MenteeNeed",
    "PairCheck",
    "PairRule",
    "check_pair",
]


def _to_float(value: float) -> float:
    # Real numbers (NumPy scalars included) become floats; anything else is left for
    # the validator to refuse.
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an int beyond the float range
            raise ValidationError("importance", "a finite number >= 0", value) from None
    return value


def _to_int(value: int) -> int:
    # NumPy integers become ints; anything else is left for the validator to refuse.
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return value


@attrs.frozen(kw_only=True)
class CompetencyNeed:
    """One competency a mentee must raise, the level they must reach, and its weight.

    Args:
        competency_id: The competency.
        required: The level the mentee's standard requires.
        importance: The requirement's weight (at least 0; 1 by default).
    """

    competency_id: str = attrs.field(validator=_validate.identifier)
    required: int = attrs.field(converter=_to_int, validator=_validate.positive_int)
    importance: float = attrs.field(
        default=1.0, converter=_to_float, validator=_validate.non_negative
    )


def _mentee_nip(value: str) -> str:
    return parse_nip(value, field="nip").value


def _needs(value: Iterable[Any]) -> tuple[CompetencyNeed, ...]:
    if not isinstance(value, Iterable):
        raise ValidationError("needs", "CompetencyNeed objects", value)
    items = tuple(value)
    for item in items:
        if not isinstance(item, CompetencyNeed):
            raise ValidationError("needs", "CompetencyNeed objects", item)
    ordered = tuple(sorted(items, key=lambda n: n.competency_id))
    _validate.unique_ids("needs", [n.competency_id for n in ordered])
    return ordered


class _GapItemLike(Protocol):
    @property
    def competency_id(self) -> str: ...  # pragma: no cover - protocol

    @property
    def required(self) -> int: ...  # pragma: no cover - protocol

    @property
    def importance(self) -> float: ...  # pragma: no cover - protocol


class _GapReportLike(Protocol):
    @property
    def nip(self) -> str: ...  # pragma: no cover - protocol

    def below(self) -> tuple[_GapItemLike, ...]: ...  # pragma: no cover - protocol


@attrs.frozen(kw_only=True)
class MenteeNeed:
    """A prospective mentee and the competencies they need help with.

    Args:
        nip: The mentee's NIP.
        needs: The competencies below standard (sorted by competency id, unique).

    Examples:
        >>> n = MenteeNeed(nip="199901012023021001",
        ...                needs=[CompetencyNeed(competency_id="MJ.PP", required=2, importance=2)])
        >>> n.competency_ids, n.total_importance
        (('MJ.PP',), 2.0)
    """

    nip: str = attrs.field(converter=_mentee_nip)
    needs: tuple[CompetencyNeed, ...] = attrs.field(default=(), converter=_needs)

    @property
    def competency_ids(self) -> tuple[str, ...]:
        """The competencies needed, sorted."""
        return tuple(n.competency_id for n in self.needs)

    @property
    def total_importance(self) -> float:
        """The sum of the needs' importance."""
        return float(sum(n.importance for n in self.needs))

    @classmethod
    def from_report(cls, report: _GapReportLike) -> MenteeNeed:
        """Build the needs from a gap report: one need per competency below standard.

        Args:
            report: A :class:`asn_competency.gaps.GapReport` (anything with ``nip``
                and a ``below()`` method returning items with ``competency_id``,
                ``required`` and ``importance``).

        Returns:
            The mentee's needs; empty when nothing is below standard.
        """
        return cls(
            nip=report.nip,
            needs=[
                CompetencyNeed(
                    competency_id=item.competency_id,
                    required=item.required,
                    importance=item.importance,
                )
                for item in report.below()
            ],
        )


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


@attrs.frozen(kw_only=True)
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

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    source: str = ""
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


# --- Level and people preparation (shared by check_pair and the matchers) -------------


LevelsInput = Mapping[tuple[str, str], "CurrentLevel | float"] | Iterable[Assessment]


def normalise_levels(levels: LevelsInput) -> dict[tuple[str, str], float]:
    """Return ``{(nip, competency_id): level}`` from levels or assessments (private helper).

    Raises:
        ValidationError: If a level is not a finite number >= 0.
    """
    if isinstance(levels, Mapping):
        out: dict[tuple[str, str], float] = {}
        for key, value in levels.items():
            level = value.level if isinstance(value, CurrentLevel) else value
            where = ", ".join(map(str, key)) if isinstance(key, tuple) else str(key)
            # NumPy scalars count; bools, texts and huge ints do not.
            if not _validate.is_finite_real(level) or float(level) < 0:
                raise ValidationError(f"levels[{where}]", "a finite level >= 0", level)
            number = float(level)
            if isinstance(value, CurrentLevel) and (value.nip, value.competency_id) != key:
                # Filed under another person or competency: which one is meant is unclear.
                raise ValidationError(
                    f"levels[{where}]",
                    "the CurrentLevel of its key",
                    f"{value.nip}, {value.competency_id}",
                )
            out[key] = number
        return out
    if isinstance(levels, (str, bytes)) or not isinstance(levels, Iterable):
        raise ValidationError("levels", "{(nip, competency_id): level} or assessments", levels)
    return {k: c.level for k, c in combine_assessments(levels).items()}


def check_known_competencies(
    mentees: Iterable[MenteeNeed], framework: CompetencyFramework | None
) -> None:
    """Raise :class:`UnknownIdError` for a need naming a competency outside ``framework``."""
    if framework is None:
        return
    for m in mentees:
        for n in m.needs:
            if n.competency_id not in framework:
                raise UnknownIdError("competency", n.competency_id, f"framework {framework.id!r}")


def covered_needs(
    mentor_nip: str, need: MenteeNeed, levels: Mapping[tuple[str, str], float], margin: float
) -> tuple[str, ...]:
    """Return the competencies of ``need`` that the mentor reaches (private helper)."""
    return tuple(
        n.competency_id
        for n in need.needs
        if levels.get((mentor_nip, n.competency_id), -math.inf) >= n.required + margin
    )


def need_shares(need: MenteeNeed) -> tuple[float, ...]:
    """Return each need's share of the mentee's total importance (private helper).

    When every need has importance 0, each counts equally. The importances are
    first divided by a power of two (exact), so that weights near the float limit
    do not overflow their sum (two needs of 1e308 are half each, not 0).
    """
    if not need.needs:
        return ()
    top = max(n.importance for n in need.needs)
    if top == 0:
        return (1.0 / len(need.needs),) * len(need.needs)
    shift = math.frexp(top)[1]
    scaled = [math.ldexp(n.importance, -shift) for n in need.needs]
    total = sum(scaled)
    return tuple(w / total for w in scaled)


def coverage_share(need: MenteeNeed, covered: Iterable[str]) -> float:
    """Return the importance-weighted share of ``need`` in ``covered``.

    The shares of the covered needs are added one by one in competency-id
    order, as the matchers add them, so that both give the same float.
    """
    chosen = set(covered)
    share = 0.0
    for n, w in zip(need.needs, need_shares(need), strict=True):
        if n.competency_id in chosen:
            share += w
    return share


def round_score(value: float, decimals: int) -> float:
    """Round a pair score as the matchers do (private helper).

    The matchers round with ``numpy.round`` (the value times ``10**decimals``,
    rounded half to even); ``round(value, decimals)`` rounds the exact binary
    value and can differ by one step (0.35 to 0.3 against 0.4), so the
    audit would report another score than the matching.
    """
    scale = float(10**decimals)
    scaled = value * scale
    if not math.isfinite(scaled):  # beyond 1e300: no decimals left to round
        return value
    return round(scaled) / scale


def _seniority_ok(mentor: Employee, mentee: Employee, policy: MatchingPolicy) -> bool:
    if (
        policy.min_tier_gap is not None
        and mentor.tier is not None
        and mentee.tier is not None
        and mentor.tier.seniority - mentee.tier.seniority >= policy.min_tier_gap
    ):
        return True
    if (
        policy.min_golongan_gap is not None
        and mentor.golongan is not None
        and mentee.golongan is not None
        and mentor.golongan.is_pppk == mentee.golongan.is_pppk
    ):
        return mentor.golongan.rank - mentee.golongan.rank >= policy.min_golongan_gap
    return False


def unit_key(e: Employee) -> tuple[str, str]:
    """A work unit is named within its agency (private helper)."""
    return (e.agency, e.unit)


@attrs.frozen(kw_only=True)
class PairCheck:
    """Whether one mentor may mentor one mentee, rule by rule, and the pair's score.

    Args:
        mentor: The mentor's NIP.
        mentee: The mentee's NIP.
        passed: Names of the rules passed.
        failed: Names of the rules failed.
        covered: The mentee's competencies the mentor reaches.
        parts: The score's terms, ``(name, value)``: ``coverage``, ``same_region``, ``cross_unit``.
        score: Their sum, rounded to the policy's decimals.
    """

    mentor: str
    mentee: str
    passed: tuple[str, ...]
    failed: tuple[str, ...]
    covered: tuple[str, ...]
    parts: tuple[tuple[str, float], ...]
    score: float

    @property
    def eligible(self) -> bool:
        """True when every rule passed."""
        return not self.failed


def score_parts(
    need: MenteeNeed,
    covered: Iterable[str],
    mentor: Employee,
    mentee: Employee | None,
    policy: MatchingPolicy,
) -> tuple[tuple[tuple[str, float], ...], float]:
    """Return the score's terms and their rounded sum (private helper)."""
    coverage = policy.coverage_weight * coverage_share(need, covered)
    region = 0.0
    cross = 0.0
    if mentee is not None:
        region = policy.same_region_bonus if mentor.region == mentee.region else 0.0
        cross = policy.cross_unit_bonus if unit_key(mentor) != unit_key(mentee) else 0.0
    parts = (("coverage", coverage), ("cross_unit", cross), ("same_region", region))
    # Added in the order the matchers add them: coverage + (region + cross).
    return parts, round_score(coverage + (region + cross), policy.score_decimals)


def check_pair(
    mentor: Employee,
    need: MenteeNeed,
    *,
    levels: LevelsInput,
    mentee: Employee | None = None,
    policy: MatchingPolicy = MATCHING_DEFAULT,
    history: MentoringGraph | None = None,
    exclusions: Iterable[tuple[str, str]] = (),
) -> PairCheck:
    """Check one mentor against one mentee, rule by rule, and score the pair.

    This is the plain, pair-at-a-time statement of the rules; the matchers apply
    the same rules to all pairs at once and :func:`asn_competency.matching.audit_matching`
    uses this function to re-check their results.

    Args:
        mentor: The mentor.
        need: The mentee's needs.
        levels: Current levels ``{(nip, competency_id): CurrentLevel or number}``, or
            assessments to combine with the default combination policy.
        mentee: The mentee's record; required when the policy reads it
            (seniority, location rules, bonuses).
        policy: The matching policy.
        history: Past and current relationships (for ``no_repeat``).
        exclusions: ``(mentor NIP, mentee NIP)`` pairs that must not be formed.

    Returns:
        The rules passed and failed, the covered competencies and the score.

    Raises:
        ValidationError: If ``mentee`` is a different person from ``need``, or an
            argument has the wrong type (the message names it).
        UnknownIdError: If the policy needs the mentee's record and none is given.

    Examples:
        >>> from asn_competency import Employee
        >>> boss = Employee(nip="197805102003121001", name="Sari", tier="pengawas")
        >>> new = Employee(nip="199901012023021001", name="Adi", tier="pelaksana")
        >>> need = MenteeNeed(nip=new.nip,
        ...                   needs=[CompetencyNeed(competency_id="MJ.PP", required=2)])
        >>> check_pair(new, MenteeNeed(nip=boss.nip, needs=need.needs),
        ...            levels={(new.nip, "MJ.PP"): 1}, mentee=boss).failed
        ('competency_level', 'seniority')
    """
    for field, value, kind, name in (
        ("mentor", mentor, Employee, "an Employee"),
        ("need", need, MenteeNeed, "a MenteeNeed"),
        ("policy", policy, MatchingPolicy, "a MatchingPolicy"),
    ):
        if not isinstance(value, kind):
            raise ValidationError(field, name, value)
    if mentee is not None and not isinstance(mentee, Employee):
        raise ValidationError("mentee", "an Employee or None", mentee)
    if history is not None and not isinstance(history, MentoringGraph):
        raise ValidationError("history", "a MentoringGraph or None", history)
    if isinstance(exclusions, (str, bytes)) or not isinstance(exclusions, Iterable):
        raise ValidationError("exclusions", "(mentor NIP, mentee NIP) pairs", exclusions)
    if mentee is not None and mentee.nip != need.nip:
        raise ValidationError("mentee", f"the record of {need.nip!r}", mentee.nip)
    if mentee is None and policy.needs_mentee_records:
        raise UnknownIdError("employee", need.nip, "employees")
    return evaluate_pair(
        mentor,
        need,
        mentee,
        levels=normalise_levels(levels),
        policy=policy,
        history_pairs=history.pairs() if history is not None else frozenset(),
        exclusions=frozenset(normalise_pair(p, "exclusions") for p in exclusions),
    )


def evaluate_pair(
    mentor: Employee,
    need: MenteeNeed,
    mentee: Employee | None,
    *,
    levels: Mapping[tuple[str, str], float],
    policy: MatchingPolicy,
    history_pairs: frozenset[tuple[str, str]],
    exclusions: frozenset[tuple[str, str]],
) -> PairCheck:
    """:func:`check_pair` on prepared inputs (private to the package)."""
    covered = covered_needs(mentor.nip, need, levels, policy.level_margin)
    results: list[tuple[str, bool]] = [
        ("competency_level", bool(covered)),
        ("not_self", mentor.nip != need.nip),
    ]
    if mentee is not None:
        if policy.checks_seniority:
            results.append(("seniority", _seniority_ok(mentor, mentee, policy)))
        for field, wanted, a, b in (
            ("agency", policy.same_agency, mentor.agency, mentee.agency),
            ("unit", policy.same_unit, unit_key(mentor), unit_key(mentee)),
            ("region", policy.same_region, mentor.region, mentee.region),
        ):
            if wanted is not None:
                name = f"{'same' if wanted else 'different'}_{field}"
                results.append((name, (a == b) == wanted))
    if policy.avoid_repeat:
        results.append(("no_repeat", (mentor.nip, need.nip) not in history_pairs))
    results.append(("not_excluded", (mentor.nip, need.nip) not in exclusions))
    results.extend((r.name, bool(r.check(mentor, need, mentee))) for r in policy.extra_rules)
    parts, score = score_parts(need, covered, mentor, mentee, policy)
    return PairCheck(
        mentor=mentor.nip,
        mentee=need.nip,
        passed=tuple(n for n, ok in results if ok),
        failed=tuple(n for n, ok in results if not ok),
        covered=covered,
        parts=parts,
        score=score,
    )


def normalise_pair(pair: object, field: str) -> tuple[str, str]:
    """Check and normalise a ``(mentor NIP, mentee NIP)`` pair (private helper)."""
    if not isinstance(pair, tuple) or len(pair) != 2:
        raise ValidationError(field, "(mentor NIP, mentee NIP) pairs", pair)
    return (parse_nip(pair[0], field=field).value, parse_nip(pair[1], field=field).value)


# --- All eligible pairs at once (vectorised; private to the package) -------------------


@attrs.frozen(kw_only=True)
class Candidates:
    """Every eligible pair of one instance, as arrays (private to the package).

    ``mentees``/``mentors`` are sorted by NIP; ``pair_mentee[k]`` and ``pair_mentor[k]``
    index them, pairs sorted by mentee then mentor; ``score_int`` is the score times
    ``policy.scale``. ``stage_counts`` maps a rule name to the number of candidate
    mentors each mentee still had after that rule (for unmatched reasons).
    """

    mentees: tuple[MenteeNeed, ...]
    mentors: tuple[Employee, ...]
    pair_mentee: npt.NDArray[np.int64]
    pair_mentor: npt.NDArray[np.int64]
    score_int: npt.NDArray[np.int64]
    stage_counts: tuple[tuple[str, npt.NDArray[np.int64]], ...]
    levels: Mapping[tuple[str, str], float]
    records: Mapping[str, Employee]


def _codes(values: list[Any]) -> npt.NDArray[np.int64]:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    table: dict[Any, int] = {}
    return np.fromiter(
        (table.setdefault(v, len(table)) for v in values), dtype=np.int64, count=len(values)
    )


def build_candidates(  # noqa: PLR0912, PLR0915 - one array pipeline, read top to bottom
    mentees: tuple[MenteeNeed, ...],
    mentors: tuple[Employee, ...],
    *,
    levels: Mapping[tuple[str, str], float],
    records: Mapping[str, Employee],
    policy: MatchingPolicy,
    history_pairs: frozenset[tuple[str, str]],
    exclusions: frozenset[tuple[str, str]],
) -> Candidates:
    """Find every eligible pair with array operations (private to the package).

    ``mentees`` and ``mentors`` must be sorted by NIP and unique; ``records`` holds
    the mentees' records when the policy reads them.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_e, n_m = len(mentees), len(mentors)
    mentee_rec: list[Employee | None] = [records.get(m.nip) for m in mentees]

    # Group keys for the equality rules, so candidates are searched within a group.
    def group(e: Employee | None) -> tuple[object, ...]:
        assert e is not None  # the caller checks that rules reading records have them
        key: list[object] = []
        if policy.same_agency:
            key.append(e.agency)
        if policy.same_unit:
            key.append(unit_key(e))
        if policy.same_region:
            key.append(e.region)
        return tuple(key)

    uses_groups = bool(policy.same_agency or policy.same_unit or policy.same_region)
    group_of_mentor = [group(e) if uses_groups else () for e in mentors]
    group_of_mentee = [group(e) if uses_groups else () for e in mentee_rec]

    # Competency x group buckets of mentor levels.
    needed = {n.competency_id for m in mentees for n in m.needs}
    comp_code = {c: i for i, c in enumerate(sorted(needed))}
    group_code: dict[tuple[object, ...], int] = {}
    for g in group_of_mentor:
        group_code.setdefault(g, len(group_code))
    n_groups = max(len(group_code), 1)
    b_list: list[int] = []
    lvl_list: list[float] = []
    who_list: list[int] = []
    for i, e in enumerate(mentors):
        gi = group_code[group_of_mentor[i]]
        for c, code in comp_code.items():
            level = levels.get((e.nip, c))
            if level is not None:
                b_list.append(code * n_groups + gi)
                lvl_list.append(level)
                who_list.append(i)
    m_bucket = np.asarray(b_list, dtype=np.int64)
    m_level = np.asarray(lvl_list, dtype=np.float64)
    m_who = np.asarray(who_list, dtype=np.int64)

    # Needs as arrays; a need whose group has no mentor gets bucket -1.
    need_j: list[int] = []
    need_b: list[int] = []
    need_t: list[float] = []
    need_w: list[float] = []
    for j, m in enumerate(mentees):
        gj = group_code.get(group_of_mentee[j], -1)
        for n, w in zip(m.needs, need_shares(m), strict=True):
            need_j.append(j)
            need_b.append(-1 if gj < 0 else comp_code[n.competency_id] * n_groups + gj)
            need_t.append(n.required + policy.level_margin)
            need_w.append(w)
    q_j = np.asarray(need_j, dtype=np.int64)
    q_b = np.asarray(need_b, dtype=np.int64)
    q_t = np.asarray(need_t, dtype=np.float64)
    q_w = np.asarray(need_w, dtype=np.float64)

    # Rank levels and thresholds together so the search key is an exact integer.
    values = np.unique(np.concatenate([m_level, q_t]))
    n_vals = len(values) + 1
    m_rank = np.searchsorted(values, m_level)
    q_rank = np.searchsorted(values, q_t)
    m_key = m_bucket * n_vals + (n_vals - 1 - m_rank)
    order = np.argsort(m_key, kind="stable")
    m_key, m_who = m_key[order], m_who[order]
    lo = np.searchsorted(m_key, q_b * n_vals, side="left")
    hi = np.searchsorted(m_key, q_b * n_vals + (n_vals - 1 - q_rank), side="right")
    counts = np.where(q_b >= 0, hi - lo, 0)
    total_hits = int(counts.sum())
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
    hit_pos = starts + np.arange(total_hits, dtype=np.int64)
    hit_mentor = m_who[hit_pos]
    hit_need = np.repeat(np.arange(len(q_j), dtype=np.int64), counts)
    hit_key = q_j[hit_need] * max(n_m, 1) + hit_mentor
    keys, inverse = np.unique(hit_key, return_inverse=True)
    share = np.bincount(inverse, weights=q_w[hit_need], minlength=len(keys))
    pj = keys // max(n_m, 1)
    pi = keys % max(n_m, 1)
    stages: list[tuple[str, npt.NDArray[np.int64]]] = [
        ("competency_level", np.bincount(pj, minlength=n_e).astype(np.int64))
    ]
    keep = np.ones(len(keys), dtype=bool)

    def stage(name: str, ok: npt.NDArray[np.bool_]) -> None:
        nonlocal keep
        keep = keep & ok
        stages.append((name, np.bincount(pj[keep], minlength=n_e).astype(np.int64)))

    mentor_index = {e.nip: i for i, e in enumerate(mentors)}
    self_idx = np.asarray([mentor_index.get(m.nip, -1) for m in mentees] or [0], dtype=np.int64)
    stage("not_self", self_idx[pj] != pi)

    if policy.needs_mentee_records and n_e and n_m:
        recs = [r for r in mentee_rec if r is not None]
        e_attrs = _attributes(recs)
        m_attrs = _attributes(list(mentors))
        if policy.checks_seniority:
            ok = np.zeros(len(keys), dtype=bool)
            if policy.min_tier_gap is not None:
                ms, es = m_attrs["tier"][pi], e_attrs["tier"][pj]
                ok |= (ms >= 0) & (es >= 0) & (ms - es >= policy.min_tier_gap)
            if policy.min_golongan_gap is not None:
                mg, eg = m_attrs["golongan"][pi], e_attrs["golongan"][pj]
                same_scheme = m_attrs["pppk"][pi] == e_attrs["pppk"][pj]
                ok |= (mg >= 0) & (eg >= 0) & same_scheme & (mg - eg >= policy.min_golongan_gap)
            stage("seniority", ok)
        both = list(mentors) + recs
        loc = {
            "agency": _codes([e.agency for e in both]),
            "unit": _codes([unit_key(e) for e in both]),
            "region": _codes([e.region for e in both]),
        }
        same = {k: v[:n_m][pi] == v[n_m:][pj] for k, v in loc.items()}
        for field, wanted in (
            ("agency", policy.same_agency),
            ("unit", policy.same_unit),
            ("region", policy.same_region),
        ):
            if wanted is not None:
                stage(f"{'same' if wanted else 'different'}_{field}", same[field] == wanted)
        bonus = np.where(same["region"], policy.same_region_bonus, 0.0) + np.where(
            same["unit"], 0.0, policy.cross_unit_bonus
        )
    else:
        bonus = np.zeros(len(keys), dtype=np.float64)

    mentee_index = {m.nip: j for j, m in enumerate(mentees)}

    def pair_keys(pairs: frozenset[tuple[str, str]]) -> npt.NDArray[np.int64]:
        found = [
            mentee_index[e] * max(n_m, 1) + mentor_index[m]
            for m, e in pairs
            if m in mentor_index and e in mentee_index
        ]
        return np.asarray(found, dtype=np.int64)

    if policy.avoid_repeat:
        stage("no_repeat", ~np.isin(keys, pair_keys(history_pairs)))
    stage("not_excluded", ~np.isin(keys, pair_keys(exclusions)))
    for rule in policy.extra_rules:
        idx = np.flatnonzero(keep)
        ok = np.ones(len(keys), dtype=bool)
        for k in idx.tolist():
            j, i = int(pj[k]), int(pi[k])
            ok[k] = bool(rule.check(mentors[i], mentees[j], mentee_rec[j]))
        stage(rule.name, ok)

    raw = policy.coverage_weight * share + bonus
    score_int = np.rint(np.round(raw, policy.score_decimals) * policy.scale).astype(np.int64)
    return Candidates(
        mentees=mentees,
        mentors=mentors,
        pair_mentee=pj[keep].astype(np.int64),
        pair_mentor=pi[keep].astype(np.int64),
        score_int=score_int[keep],
        stage_counts=tuple(stages),
        levels=levels,
        records=records,
    )


def _attributes(people: list[Employee]) -> dict[str, npt.NDArray[np.int64]]:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    return {
        "tier": np.asarray(
            [-1 if e.tier is None else e.tier.seniority for e in people], dtype=np.int64
        ),
        "golongan": np.asarray(
            [-1 if e.golongan is None else e.golongan.rank for e in people], dtype=np.int64
        ),
        "pppk": np.asarray(
            [e.golongan is not None and e.golongan.is_pppk for e in people], dtype=np.int64
        ),
    }
