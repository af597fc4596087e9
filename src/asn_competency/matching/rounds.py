"""Matching in rounds: successive cohorts of one mentoring programme.

:func:`match_in_rounds` runs cohorts one after another, giving mentees left over
from an earlier round priority, with a cap on mentees per mentor across rounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee
from asn_competency.domain.mentoring import MenteeNeed, MentoringGraph
from asn_competency.errors import ValidationError
from asn_competency.gaps.levels import LevelTable
from asn_competency.matching._candidates import _capacity_overrides, _check_framework, _check_start
from asn_competency.matching.match import (
    MatchedPair,
    MatchingObjective,
    MatchingResult,
    Side,
    Unmatched,
    UnmatchedReason,
    match_mentors,
)
from asn_competency.policies.matching import MATCHING_DEFAULT, MatchingPolicy

if TYPE_CHECKING:
    from asn_competency.domain.framework import CompetencyFramework

__all__ = ["RoundsResult", "match_in_rounds"]


# --- Rounds ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RoundsResult:
    """The outcome of :func:`match_in_rounds`.

    Args:
        rounds: One result per round, in order.
        unmatched_mentees: Mentees still without a mentor after the last round.
        cap: The most mentees per mentor across rounds (``None``: no cap).
    """

    rounds: tuple[MatchingResult, ...]
    unmatched_mentees: tuple[Unmatched, ...]
    cap: int | None

    @property
    def pairs(self) -> tuple[MatchedPair, ...]:
        """Every pair of every round, in round order."""
        return tuple(p for r in self.rounds for p in r.pairs)

    @property
    def graph(self) -> MentoringGraph:
        """All new relationships of all rounds."""
        return MentoringGraph([rel for r in self.rounds for rel in r.graph])

    def load(self) -> dict[str, int]:
        """Return ``{mentor NIP: mentees over all rounds}``."""
        out: dict[str, int] = {}
        for p in self.pairs:
            out[p.mentor] = out.get(p.mentor, 0) + 1
        return out


def _optional_cap(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValidationError("cap", "a whole number >= 1 or None", value)
    return value


def _check_rounds(
    groups: tuple[tuple[MenteeNeed, ...], ...],
    *,
    policy: object,
    framework: object,
    starts: Sequence[dt.date | None] | None,
) -> None:
    """What match_in_rounds reads itself, checked before the first round."""
    if not isinstance(policy, MatchingPolicy):
        raise ValidationError("policy", "a MatchingPolicy", policy)
    _check_framework(framework)
    if starts is not None and len(starts) != len(groups):
        raise ValidationError("starts", f"{len(groups)} dates, one per round", len(starts))
    for n, day in enumerate(starts or ()):
        _check_start(f"starts[{n}]", day)
    for n, group in enumerate(groups):
        for m in group:
            if not isinstance(m, MenteeNeed):
                raise ValidationError(f"cohorts[{n}]", "MenteeNeed objects", m)
        # Within a round a second entry would silently replace the first.
        _validate.unique_ids(f"cohorts[{n}]", [m.nip for m in group])


def match_in_rounds(
    cohorts: Sequence[Iterable[MenteeNeed]],
    mentors: Iterable[Employee],
    *,
    levels: LevelTable,
    objective: MatchingObjective | str = MatchingObjective.OPTIMAL,
    policy: MatchingPolicy = MATCHING_DEFAULT,
    employees: Iterable[Employee] | None = None,
    history: MentoringGraph | None = None,
    exclusions: Iterable[tuple[str, str]] = (),
    capacities: Mapping[str, int] | None = None,
    framework: CompetencyFramework | None = None,
    cap: int | None = None,
    starts: Sequence[dt.date | None] | None = None,
) -> RoundsResult:
    """Match cohorts of mentees one round after another.

    Each round matches its cohort plus every mentee left unmatched (with needs) in
    earlier rounds; those carried over have priority (see :func:`match_mentors`).
    A mentee listed again in a later cohort takes their newer needs. Each round's
    pairs join the history, so no pair repeats when ``policy.avoid_repeat``. A
    mentor takes at most their capacity per round and at most ``cap`` mentees over
    all rounds; once at the cap, they sit out the later rounds (reason
    ``cap_reached``).

    Args:
        cohorts: The mentees of each round, in order.
        mentors: The candidate mentors (the same in every round).
        levels: Current levels, as for :func:`match_mentors`.
        objective: Optimal or stable, for every round.
        policy: The matching policy.
        employees: The mentees' records.
        history: Relationships before the first round.
        exclusions: Pairs never to form.
        capacities: Per-round capacity overrides.
        framework: When given, every needed competency must be in it.
        cap: The most mentees per mentor across all rounds (``None``: no cap).
        starts: Optional start date of each round's relationships.

    Returns:
        One result per round and the mentees unmatched at the end.

    Raises:
        ValidationError: For a cap below 1, ``starts`` of the wrong length, a NIP
            twice in one cohort, or any input :func:`match_mentors` refuses.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.domain.mentoring import MenteeNeed, CompetencyNeed
        >>> a = Employee(nip="197805102003121001", name="Sari", tier="administrator")
        >>> new = [Employee(nip=f"19990101202302100{k}", name=f"N{k}", tier="pelaksana")
        ...        for k in (1, 2, 3)]
        >>> need = [CompetencyNeed(competency_id="MJ.PP", required=2)]
        >>> cohorts = [[MenteeNeed(nip=new[0].nip, needs=need),
        ...             MenteeNeed(nip=new[1].nip, needs=need)],
        ...            [MenteeNeed(nip=new[2].nip, needs=need)]]
        >>> r = match_in_rounds(cohorts, [a], levels={(a.nip, "MJ.PP"): 3}, employees=new,
        ...                     capacities={a.nip: 1}, objective="stable")
        >>> [[p.mentee[-1] for p in rnd.pairs] for rnd in r.rounds]
        [['1'], ['2']]
        >>> [u.nip[-1] for u in r.unmatched_mentees]
        ['3']
    """
    limit = _optional_cap(cap)
    groups = tuple(tuple(cohort) for cohort in cohorts)
    _check_rounds(groups, policy=policy, framework=framework, starts=starts)
    people = tuple(mentors)
    for e in people:
        if not isinstance(e, Employee):
            raise ValidationError("mentors", "Employee objects", e)
    staff = tuple(employees) if employees is not None else None
    banned = tuple(exclusions)
    # Checked here as match_mentors checks them: the rounds read them before it does.
    base = _capacity_overrides(capacities, {e.nip for e in people})
    used: dict[str, int] = {}
    past = history if history is not None else MentoringGraph()
    carried: dict[str, MenteeNeed] = {}
    rounds: list[MatchingResult] = []
    for n, cohort in enumerate(groups):
        current = dict(carried)
        current.update((m.nip, m) for m in cohort)
        available: list[Employee] = []
        round_caps: dict[str, int] = {}
        sitting_out: list[Unmatched] = []
        for e in people:
            own = base.get(e.nip, policy.default_capacity)
            left = own if limit is None else min(own, limit - used.get(e.nip, 0))
            if left < 1:
                sitting_out.append(
                    Unmatched(
                        side=Side.MENTOR,
                        nip=e.nip,
                        reason=UnmatchedReason.CAP_REACHED,
                        detail=f"already mentored {used.get(e.nip, 0)} across rounds (cap {limit})",
                    )
                )
                continue
            available.append(e)
            round_caps[e.nip] = left
        result = match_mentors(
            current.values(),
            available,
            levels=levels,
            objective=objective,
            policy=policy,
            employees=staff,
            history=past,
            exclusions=banned,
            capacities=round_caps,
            framework=framework,
            priority=[nip for nip in carried if nip in current],
            start=None if starts is None else starts[n],
        )
        if sitting_out:
            result = attrs.evolve(
                result,
                unmatched_mentors=tuple(
                    sorted((*result.unmatched_mentors, *sitting_out), key=lambda u: u.nip)
                ),
            )
        rounds.append(result)
        for p in result.pairs:
            used[p.mentor] = used.get(p.mentor, 0) + 1
        past = past.add(result.graph)
        carried = {
            u.nip: current[u.nip]
            for u in result.unmatched_mentees
            if u.reason is not UnmatchedReason.NO_NEEDS
        }
    last = rounds[-1].unmatched_mentees if rounds else ()
    return RoundsResult(rounds=tuple(rounds), unmatched_mentees=last, cap=limit)
