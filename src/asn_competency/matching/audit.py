"""Audit a matching: blocking pairs and rule violations.

:func:`audit_matching` re-checks any :class:`~asn_competency.matching.match.MatchingResult`
(ours or one made elsewhere) against the policy: pairs that break an eligibility
rule or a capacity, and blocking pairs (a mentee and a mentor who would both
rather be paired with each other). Our own results audit clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from asn_competency.domain.employee import Employee
from asn_competency.domain.mentoring import MenteeNeed, MentoringGraph
from asn_competency.errors import ValidationError
from asn_competency.gaps.levels import LevelTable
from asn_competency.matching._candidates import _candidates, _Instance, _prepare, _weights
from asn_competency.matching.match import MatchingResult
from asn_competency.matching.rules import evaluate_pair
from asn_competency.policies.matching import MatchingPolicy

__all__ = ["BlockingPair", "MatchingAudit", "MatchingViolation", "audit_matching"]


# --- Audit -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BlockingPair:
    """A mentor and a mentee who would both rather be paired with each other.

    Args:
        mentor: The mentor's NIP.
        mentee: The mentee's NIP.
        score: Their pair score.
        mentee_current: The mentee's mentor in the matching, or ``None``.
    """

    mentor: str
    mentee: str
    score: float
    mentee_current: str | None


@attrs.frozen(kw_only=True)
class MatchingViolation:
    """A broken rule in a matching.

    Args:
        kind: ``"capacity"``, ``"ineligible"``, ``"mentee_twice"`` or ``"unknown_person"``.
        mentor: The mentor concerned, if any.
        mentee: The mentee concerned, if any.
        detail: A sentence for people.
    """

    kind: str
    mentor: str | None
    mentee: str | None
    detail: str


@attrs.frozen(kw_only=True)
class MatchingAudit:
    """What :func:`audit_matching` found.

    Args:
        blocking_pairs: Pairs who would both rather be together, sorted.
        violations: Broken capacities or rules, sorted.
    """

    blocking_pairs: tuple[BlockingPair, ...]
    violations: tuple[MatchingViolation, ...]

    @property
    def valid(self) -> bool:
        """True when no capacity or eligibility rule is broken."""
        return not self.violations

    @property
    def stable(self) -> bool:
        """True when there is no blocking pair."""
        return not self.blocking_pairs


def audit_matching(
    result: MatchingResult,
    mentees: Iterable[MenteeNeed],
    mentors: Iterable[Employee],
    *,
    levels: LevelTable,
    employees: Iterable[Employee] | None = None,
    history: MentoringGraph | None = None,
    exclusions: Iterable[tuple[str, str]] = (),
    capacities: Mapping[str, int] | None = None,
) -> MatchingAudit:
    """Re-check a matching: blocking pairs and broken capacities or rules.

    Pass the inputs the matching was made from. Each pair is re-checked one by one
    with :func:`asn_competency.matching.rules.check_pair` under the result's policy,
    loads are compared with capacities, and every eligible pair not in the
    matching is tested for blocking: the mentee has no mentor or prefers this one
    (higher score, then lower NIP) and the mentor has room or prefers this mentee
    to their worst one (priority, then score, then lower NIP).

    A stable result never has blocking pairs; an optimal one may (that is what
    trading stability for total score means). No result of :func:`match_mentors`
    has violations.

    Returns:
        The blocking pairs and the violations.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.domain.mentoring import MenteeNeed, CompetencyNeed
        >>> a = Employee(nip="197805102003121001", name="Sari", tier="administrator")
        >>> e = Employee(nip="199901012023021001", name="Adi", tier="pelaksana")
        >>> pp = [CompetencyNeed(competency_id="MJ.PP", required=2)]
        >>> needs = [MenteeNeed(nip=e.nip, needs=pp)]
        >>> levels = {(a.nip, "MJ.PP"): 3}
        >>> from asn_competency.matching.match import match_mentors
        >>> r = match_mentors(needs, [a], levels=levels, employees=[e])
        >>> audit = audit_matching(r, needs, [a], levels=levels, employees=[e])
        >>> audit.valid, audit.stable
        (True, True)
    """
    if not isinstance(result, MatchingResult):
        raise ValidationError("result", "a MatchingResult", result)
    policy = result.policy
    inst = _prepare(
        mentees,
        mentors,
        levels=levels,
        policy=policy,
        employees=employees,
        history=history,
        exclusions=exclusions,
        capacities=capacities,
        framework=None,
        priority=result.priority,
    )
    violations, current, load, assigned = _check_pairs(result, inst, policy)
    for i, e in enumerate(inst.mentors):
        if load[i] > inst.capacity[i]:
            violations.append(
                MatchingViolation(
                    kind="capacity",
                    mentor=e.nip,
                    mentee=None,
                    detail=f"{load[i]} mentees for a capacity of {inst.capacity[i]}",
                )
            )
    blocking = _blocking_pairs(inst, policy, current, load, assigned)
    blocking.sort(key=lambda b: (b.mentor, b.mentee))
    violations.sort(key=lambda v: (v.kind, v.mentor or "", v.mentee or ""))
    return MatchingAudit(blocking_pairs=tuple(blocking), violations=tuple(violations))


def _check_pairs(
    result: MatchingResult, inst: _Instance, policy: MatchingPolicy
) -> tuple[list[MatchingViolation], dict[int, int], list[int], list[list[int]]]:
    """Re-check each pair of the result: unknown people, a mentee twice, broken rules.

    Returns the violations, each mentee's mentor, each mentor's load and mentees.
    """
    mentee_idx = {m.nip: j for j, m in enumerate(inst.mentees)}
    mentor_idx = {e.nip: i for i, e in enumerate(inst.mentors)}
    violations: list[MatchingViolation] = []
    current: dict[int, int] = {}
    load = [0] * len(inst.mentors)
    assigned: list[list[int]] = [[] for _ in inst.mentors]
    for p in result.pairs:
        if p.mentee not in mentee_idx or p.mentor not in mentor_idx:
            violations.append(
                MatchingViolation(
                    kind="unknown_person",
                    mentor=p.mentor,
                    mentee=p.mentee,
                    detail="the pair names someone outside the given mentees or mentors",
                )
            )
            continue
        j, i = mentee_idx[p.mentee], mentor_idx[p.mentor]
        if j in current:
            violations.append(
                MatchingViolation(
                    kind="mentee_twice",
                    mentor=p.mentor,
                    mentee=p.mentee,
                    detail=f"the mentee already has mentor {inst.mentors[current[j]].nip}",
                )
            )
            continue
        current[j] = i
        load[i] += 1
        assigned[i].append(j)
        check = evaluate_pair(
            inst.mentors[i],
            inst.mentees[j],
            inst.records.get(p.mentee),
            levels=inst.levels,
            policy=policy,
            history_pairs=inst.history_pairs,
            exclusions=inst.exclusions,
        )
        if not check.eligible:
            violations.append(
                MatchingViolation(
                    kind="ineligible",
                    mentor=p.mentor,
                    mentee=p.mentee,
                    detail=f"fails {', '.join(check.failed)}",
                )
            )
    return violations, current, load, assigned


def _blocking_pairs(
    inst: _Instance,
    policy: MatchingPolicy,
    current: dict[int, int],
    load: list[int],
    assigned: list[list[int]],
) -> list[BlockingPair]:
    """Every eligible pair not matched whose mentee and mentor would both rather be together."""
    cand = _candidates(inst, policy)
    weight, pair_prio = _weights(cand, inst)
    n_m = max(len(inst.mentors), 1)
    keys = (cand.pair_mentee * n_m + cand.pair_mentor).tolist()
    pos = {k: n for n, k in enumerate(keys)}
    score = cand.score_int.tolist()

    def mentor_key(k: int | None) -> tuple[int, int, int]:
        # Larger is better: priority, weight, then the lower mentee index.
        if k is None:
            return (-1, -1, 0)
        return (int(pair_prio[k]), int(weight[k]), -int(cand.pair_mentee[k]))

    worst: list[tuple[int, int, int] | None] = []
    for i, js in enumerate(assigned):
        found = [mentor_key(pos.get(j * n_m + i)) for j in js]
        worst.append(min(found) if found else None)
    blocking: list[BlockingPair] = []
    for k, (j, i) in enumerate(
        zip(cand.pair_mentee.tolist(), cand.pair_mentor.tolist(), strict=True)
    ):
        now = current.get(j)
        if now == i:
            continue
        if now is not None:
            now_k = pos.get(j * n_m + now)
            now_score = score[now_k] if now_k is not None else -1
            if (score[k], -i) <= (now_score, -now):
                continue  # the mentee prefers their own mentor
        w = worst[i]
        if load[i] < inst.capacity[i] or w is None or mentor_key(k) > w:
            blocking.append(
                BlockingPair(
                    mentor=inst.mentors[i].nip,
                    mentee=inst.mentees[j].nip,
                    score=score[k] / policy.scale,
                    mentee_current=None if now is None else inst.mentors[now].nip,
                )
            )
    return blocking
