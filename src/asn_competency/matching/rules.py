"""Who may mentor whom: the eligibility rules and the pair score.

A mentor can help with a need when their current level in that competency
reaches the level the mentee must reach. Whether a pair is *eligible* is decided
by named rules that a :class:`~asn_competency.policies.matching.MatchingPolicy`
switches on or off (competency level, not self, seniority, same or different
agency, unit or region, no repeat, not excluded, and rules of your own).
:func:`check_pair` says which rules a pair passes, which competencies the mentor
covers and the pair's score: the importance-weighted share of the mentee's needs
covered, plus optional bonuses.

Examples:
    >>> from asn_competency import Employee
    >>> from asn_competency.domain.mentoring import CompetencyNeed, MenteeNeed
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
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from asn_competency.domain.employee import Employee, parse_nip
from asn_competency.domain.mentoring import MenteeNeed, MentoringGraph
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.levels import LevelTable, normalise_levels
from asn_competency.policies.matching import MATCHING_DEFAULT, MatchingPolicy

if TYPE_CHECKING:
    from asn_competency.domain.framework import CompetencyFramework

__all__ = ["PairCheck", "check_pair"]


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
    levels: LevelTable,
    mentee: Employee | None = None,
    policy: MatchingPolicy = MATCHING_DEFAULT,
    history: MentoringGraph | None = None,
    exclusions: Iterable[tuple[str, str]] = (),
) -> PairCheck:
    """Check one mentor against one mentee, rule by rule, and score the pair.

    This is the plain, pair-at-a-time statement of the rules; the matchers apply
    the same rules to all pairs at once and :func:`asn_competency.matching.audit.audit_matching`
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
        >>> from asn_competency.domain.mentoring import CompetencyNeed, MenteeNeed
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
