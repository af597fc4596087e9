"""Mentor-mentee matching: optimal or stable.

:func:`match_mentors` pairs mentees (their
:class:`~asn_competency.domain.mentoring.MenteeNeed`, usually from gap reports)
with mentors (:class:`~asn_competency.domain.employee.Employee` records) under a
:class:`~asn_competency.policies.matching.MatchingPolicy`:

- ``objective="optimal"`` maximises the total pair score subject to the mentors'
  capacities (a bipartite *b*-matching), solved exactly with SciPy's sparse
  assignment solver on integer-scaled scores;
- ``objective="stable"`` runs mentee-proposing deferred acceptance: no mentee and
  mentor would both rather be paired with each other than keep what they got.

Everyone left unmatched is listed with the reason (:class:`Unmatched`).

Examples:
    >>> from asn_competency import Employee
    >>> from asn_competency.domain.mentoring import MenteeNeed, CompetencyNeed
    >>> sari = Employee(nip="197805102003121001", name="Sari", tier="administrator")
    >>> budi = Employee(nip="198001012005011001", name="Budi", tier="pengawas")
    >>> adi = Employee(nip="199901012023021001", name="Adi", tier="pelaksana")
    >>> levels = {(sari.nip, "MJ.KOM"): 3, (budi.nip, "MJ.PP"): 3}
    >>> needs = [MenteeNeed(nip=adi.nip, needs=[CompetencyNeed(competency_id="MJ.KOM", required=2),
    ...                                         CompetencyNeed(competency_id="MJ.PP", required=2,
    ...                                              importance=3)])]
    >>> result = match_mentors(needs, [sari, budi], levels=levels, employees=[adi])
    >>> [(p.mentor, p.mentee, p.score, p.covered) for p in result.pairs]
    [('198001012005011001', '199901012023021001', 0.75, ('MJ.PP',))]
    >>> [(u.nip, u.side.value, u.reason.value) for u in result.unmatched_mentors]
    [('197805102003121001', 'mentor', 'not_needed')]
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee
from asn_competency.domain.mentoring import (
    MenteeNeed,
    MentoringGraph,
    MentoringRelationship,
    MentoringStatus,
)
from asn_competency.gaps.levels import LevelTable
from asn_competency.matching._candidates import (
    Candidates,
    _candidates,
    _check_framework,
    _check_start,
    _Instance,
    _prepare,
)
from asn_competency.matching._solve import _solve_optimal, _solve_stable
from asn_competency.policies.matching import MATCHING_DEFAULT, MatchingPolicy

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from asn_competency.domain.framework import CompetencyFramework

__all__ = [
    "MatchedPair",
    "MatchingObjective",
    "MatchingResult",
    "Side",
    "Unmatched",
    "UnmatchedReason",
    "match_mentors",
]


class MatchingObjective(str, enum.Enum):
    """What a matching optimises."""

    OPTIMAL = "optimal"
    """Maximum total score subject to capacities."""
    STABLE = "stable"
    """Mentee-proposing deferred acceptance: no blocking pair."""


class UnmatchedReason(str, enum.Enum):
    """Why a mentee or a mentor has no partner."""

    NO_NEEDS = "no_needs"
    """The mentee has no competency below standard."""
    NO_ELIGIBLE_MENTOR = "no_eligible_mentor"
    """No mentor passes the eligibility rules for this mentee."""
    MENTORS_FULL = "eligible_mentors_full"
    """Every eligible mentor is at capacity."""
    NOT_SELECTED = "not_selected"
    """An eligible mentor had room, but only pairs that add no score were possible."""
    NO_ELIGIBLE_MENTEE = "no_eligible_mentee"
    """No mentee passes the eligibility rules with this mentor."""
    NOT_NEEDED = "not_needed"
    """Every mentee this mentor could take was matched with someone else."""
    CAP_REACHED = "cap_reached"
    """The mentor reached the cap of mentees across rounds."""


def _to_objective(value: object) -> MatchingObjective:
    return _validate.to_enum(MatchingObjective, "objective")(value)


@attrs.frozen(kw_only=True)
class MatchedPair:
    """A mentor and a mentee paired, with the reasons.

    Args:
        mentor: The mentor's NIP.
        mentee: The mentee's NIP.
        score: The pair score (rounded to the policy's decimals).
        parts: The score's terms ``(name, value)``: ``coverage``, ``cross_unit``,
            ``same_region``.
        covered: The mentee's competencies the mentor reaches.
        rules: The eligibility rules the pair passed.
    """

    mentor: str
    mentee: str
    score: float
    parts: tuple[tuple[str, float], ...]
    covered: tuple[str, ...]
    rules: tuple[str, ...]


class Side(str, enum.Enum):
    """Which side of a matching a person is on."""

    MENTEE = "mentee"
    MENTOR = "mentor"


@attrs.frozen(kw_only=True)
class Unmatched:
    """A mentee left without a mentor, or a mentor left without a mentee, and why.

    Args:
        nip: The person's NIP.
        side: Whether the person is a mentee or a mentor.
        reason: The reason code.
        detail: A sentence for people.
    """

    nip: str
    side: Side
    reason: UnmatchedReason
    detail: str


@attrs.frozen(kw_only=True)
class MatchingResult:
    """The outcome of :func:`match_mentors`.

    Args:
        objective: Optimal or stable.
        policy: The policy used.
        pairs: The pairs, sorted by mentor then mentee.
        unmatched_mentees: Every mentee without a mentor, sorted by NIP.
        unmatched_mentors: Every mentor without a mentee, sorted by NIP.
        total_score: The sum of the pair scores.
        capacities: ``(mentor NIP, capacity)`` for every mentor, sorted.
        priority: NIPs of the mentees that had priority, sorted.
        start: Start date given to the new relationships.
    """

    objective: MatchingObjective
    policy: MatchingPolicy
    pairs: tuple[MatchedPair, ...]
    unmatched_mentees: tuple[Unmatched, ...]
    unmatched_mentors: tuple[Unmatched, ...]
    total_score: float
    capacities: tuple[tuple[str, int], ...]
    priority: tuple[str, ...] = ()
    start: dt.date | None = None

    @functools.cached_property
    def graph(self) -> MentoringGraph:
        """The new relationships, status ``planned`` (built on first use)."""
        return MentoringGraph(
            [
                MentoringRelationship(
                    mentor=p.mentor,
                    mentee=p.mentee,
                    competency_ids=p.covered,
                    start=self.start,
                    status=MentoringStatus.PLANNED,
                )
                for p in self.pairs
            ]
        )

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule the matching applied."""
        return self.policy.rules

    def mentor_of(self, mentee: str) -> str | None:
        """Return the NIP of a mentee's mentor, or ``None``."""
        for p in self.pairs:
            if p.mentee == mentee:
                return p.mentor
        return None

    def mentees_of(self, mentor: str) -> tuple[str, ...]:
        """Return the NIPs of a mentor's mentees, sorted."""
        return tuple(p.mentee for p in self.pairs if p.mentor == mentor)

    def load(self) -> dict[str, int]:
        """Return ``{mentor NIP: number of mentees}`` for every mentor with a mentee."""
        out: dict[str, int] = {}
        for p in self.pairs:
            out[p.mentor] = out.get(p.mentor, 0) + 1
        return out

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per pair: mentor, mentee, score, its parts and the covered competencies.

        Examples:
            >>> empty = MatchingResult(objective="optimal", policy=MATCHING_DEFAULT, pairs=(),
            ...     unmatched_mentees=(), unmatched_mentors=(), total_score=0.0, capacities=())
            >>> list(empty.to_dataframe().columns)[:3]
            ['mentor', 'mentee', 'score']
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = ["mentor", "mentee", "score", "coverage", "cross_unit", "same_region", "covered"]
        rows = [
            [p.mentor, p.mentee, p.score, *(v for _, v in p.parts), ",".join(p.covered)]
            for p in self.pairs
        ]
        return pd.DataFrame(rows, columns=columns)


# --- Preparation -------------------------------------------------------------------------


# --- Solvers -----------------------------------------------------------------------------


# --- Results -----------------------------------------------------------------------------


def _no_candidate_detail(cand: Candidates, j: int) -> str:
    before = None
    for name, counts in cand.stage_counts:
        left = int(counts[j])
        if left == 0:
            if before is None:
                return "no mentor reaches the required level in any needed competency"
            return f"{before} mentor(s) reach the required level but none passes {name!r}"
        before = left
    return "no eligible mentor"  # pragma: no cover - callers only ask when none is left


def _pairs(
    inst: _Instance, cand: Candidates, chosen: npt.NDArray[np.int64], policy: MatchingPolicy
) -> list[MatchedPair]:
    """The chosen pairs, assembled from the candidates' arrays, sorted by mentor then mentee."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    rules = policy.pair_rules
    mentor = cand.pair_mentor[chosen]
    mentee = cand.pair_mentee[chosen]
    order = np.lexsort((mentee, mentor))
    picked = chosen[order]
    starts = cand.covered_start.tolist()
    needs = cand.covered_need.tolist()
    out: list[MatchedPair] = []
    for k, i, j, score, share, cross, region in zip(
        picked.tolist(),
        cand.pair_mentor[picked].tolist(),
        cand.pair_mentee[picked].tolist(),
        cand.score_int[picked].tolist(),
        cand.pair_share[picked].tolist(),
        cand.pair_cross[picked].tolist(),
        cand.pair_region[picked].tolist(),
        strict=True,
    ):
        own = inst.mentees[j].needs
        covered = tuple(own[n].competency_id for n in needs[starts[k] : starts[k + 1]])
        out.append(
            MatchedPair(
                mentor=inst.mentors[i].nip,
                mentee=inst.mentees[j].nip,
                score=score / policy.scale,
                parts=(("coverage", share), ("cross_unit", cross), ("same_region", region)),
                covered=covered,
                rules=rules,
            )
        )
    return out


def _result(
    inst: _Instance,
    cand: Candidates,
    chosen: npt.NDArray[np.int64],
    *,
    objective: MatchingObjective,
    policy: MatchingPolicy,
    start: dt.date | None,
) -> MatchingResult:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_e, n_m = len(inst.mentees), len(inst.mentors)
    matched_mentee = np.zeros(n_e, dtype=bool)
    matched_mentee[cand.pair_mentee[chosen]] = True
    load = np.bincount(cand.pair_mentor[chosen], minlength=n_m).astype(np.int64)
    pairs = _pairs(inst, cand, chosen, policy)
    capacity = np.asarray(inst.capacity, dtype=np.int64)
    has_room = load < capacity
    cand_count_e = np.bincount(cand.pair_mentee, minlength=n_e)
    room_count_e = np.bincount(cand.pair_mentee[has_room[cand.pair_mentor]], minlength=n_e)
    unmatched_e: list[Unmatched] = []
    for j, need in enumerate(inst.mentees):
        if matched_mentee[j]:
            continue
        if not need.needs:
            reason, detail = UnmatchedReason.NO_NEEDS, "no competency below standard"
        elif cand_count_e[j] == 0:
            reason, detail = UnmatchedReason.NO_ELIGIBLE_MENTOR, _no_candidate_detail(cand, j)
        elif room_count_e[j] == 0:
            reason = UnmatchedReason.MENTORS_FULL
            detail = f"all {int(cand_count_e[j])} eligible mentor(s) are at capacity"
        else:
            reason = UnmatchedReason.NOT_SELECTED
            detail = "eligible mentors had room, but every such pair scores 0"
        unmatched_e.append(Unmatched(side=Side.MENTEE, nip=need.nip, reason=reason, detail=detail))
    cand_count_m = np.bincount(cand.pair_mentor, minlength=n_m)
    unmatched_m: list[Unmatched] = []
    for i, mentor in enumerate(inst.mentors):
        if load[i]:
            continue
        if cand_count_m[i] == 0:
            unmatched_m.append(
                Unmatched(
                    side=Side.MENTOR,
                    nip=mentor.nip,
                    reason=UnmatchedReason.NO_ELIGIBLE_MENTEE,
                    detail="no mentee passes the eligibility rules with this mentor",
                )
            )
        else:
            unmatched_m.append(
                Unmatched(
                    side=Side.MENTOR,
                    nip=mentor.nip,
                    reason=UnmatchedReason.NOT_NEEDED,
                    detail=f"its {int(cand_count_m[i])} eligible mentee(s) were matched elsewhere",
                )
            )
    total = int(cand.score_int[chosen].sum()) / policy.scale if len(chosen) else 0.0
    return MatchingResult(
        objective=objective,
        policy=policy,
        pairs=tuple(pairs),
        unmatched_mentees=tuple(unmatched_e),
        unmatched_mentors=tuple(unmatched_m),
        total_score=float(total),
        capacities=tuple((e.nip, c) for e, c in zip(inst.mentors, inst.capacity, strict=True)),
        priority=tuple(sorted(inst.priority)),
        start=start,
    )


def match_mentors(
    mentees: Iterable[MenteeNeed],
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
    priority: Iterable[str] = (),
    start: dt.date | None = None,
) -> MatchingResult:
    """Pair mentees with mentors, optimally or stably, under a matching policy.

    Args:
        mentees: Each mentee's needs (for instance ``MenteeNeed.from_report(report)``).
        mentors: The candidate mentors.
        levels: Current levels ``{(nip, competency_id): CurrentLevel or number}``, or
            assessments (combined with the default combination policy).
        objective: ``"optimal"`` (maximum total score) or ``"stable"`` (no blocking pair).
        policy: Eligibility rules, default capacity and score weights.
        employees: Records of the mentees (the policy's seniority and location
            rules read them); mentors' own records come from ``mentors``.
        history: Existing relationships; with ``policy.avoid_repeat`` their pairs
            are not formed again.
        exclusions: ``(mentor NIP, mentee NIP)`` pairs that must not be formed.
        capacities: ``{mentor NIP: capacity}`` overriding ``policy.default_capacity``.
        framework: When given, every needed competency must be in it.
        priority: NIPs of mentees served first: the optimal matching first
            maximises the number of priority mentees matched, then the total
            score; under the stable objective mentors prefer them.
        start: Start date of the new relationships in the result's graph.

    Returns:
        The pairs with their scores and reasons, every unmatched mentee and mentor
        with a reason, the total score and the graph of new relationships. A
        person listed as both mentee and mentor is never paired with themselves.
        With no mentors, every mentee is unmatched (no eligible mentor); with no
        mentees, every mentor is unmatched (no eligible mentee).

    Raises:
        ValidationError: For a duplicate NIP (naming it), a capacity below 1
            (naming the mentor) or two for one mentor, a bad exclusion pair, an
            unknown objective or a start that is not a date.
        UnknownIdError: For a needed competency outside ``framework``, a mentee
            without a record when the policy reads records, or a capacity for
            someone who is not a mentor.

    Notes:
        Both objectives first find every eligible pair with array operations,
        grouped by competency and by the policy's same-agency/unit/region keys.
        The optimal objective expands each mentor into as many slots as its
        capacity, adds one "unmatched" column per mentee, and solves the
        rectangular assignment problem with
        :func:`scipy.sparse.csgraph.min_weight_full_bipartite_matching`
        (LAPJVsp) on integer costs, so the maximum is exact on the rounded
        scores. The stable objective is deferred acceptance (Gale and Shapley
        1962; Roth 1984 for capacities) in O(P log c) for P eligible pairs and
        capacity c; it yields the mentee-optimal stable matching. Equal
        scores are broken by NIP (for the optimal objective, by a secondary
        term favouring lower NIPs wherever it stays exact in float64; the
        bipartite graph is solved one connected component at a time). The
        same inputs in any order give the same result.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.domain.mentoring import MenteeNeed, CompetencyNeed
        >>> a = Employee(nip="197805102003121001", name="Sari", tier="administrator")
        >>> new = [Employee(nip=f"19990101202302100{k}", name=f"N{k}", tier="pelaksana")
        ...        for k in (1, 2)]
        >>> pp = [CompetencyNeed(competency_id="MJ.PP", required=2)]
        >>> needs = [MenteeNeed(nip=e.nip, needs=pp) for e in new]
        >>> r = match_mentors(needs, [a], levels={(a.nip, "MJ.PP"): 2}, employees=new,
        ...                   capacities={a.nip: 1}, objective="stable")
        >>> [(u.nip, u.reason.value) for u in r.unmatched_mentees]
        [('199901012023021002', 'eligible_mentors_full')]
    """
    goal = _to_objective(objective)
    _check_start("start", start)
    _check_framework(framework)
    inst = _prepare(
        mentees,
        mentors,
        levels=levels,
        policy=policy,
        employees=employees,
        history=history,
        exclusions=exclusions,
        capacities=capacities,
        framework=framework,
        priority=priority,
    )
    cand = _candidates(inst, policy)
    solve = _solve_optimal if goal is MatchingObjective.OPTIMAL else _solve_stable
    chosen = solve(cand, inst)
    return _result(inst, cand, chosen, objective=goal, policy=policy, start=start)
