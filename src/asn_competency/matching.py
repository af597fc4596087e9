"""Mentor-mentee matching: optimal or stable, with an audit and matching in rounds.

Mentoring by seniors is how new staff learn the job in every programme the
library models. :func:`match_mentors` pairs mentees (their :class:`MenteeNeed`,
usually from gap reports) with mentors (:class:`Employee` records) under a
:class:`MatchingPolicy` (eligibility rules, capacities, score weights):

- ``objective="optimal"`` maximises the total pair score subject to the mentors'
  capacities (a bipartite *b*-matching), solved exactly with SciPy's sparse
  assignment solver on integer-scaled scores;
- ``objective="stable"`` runs mentee-proposing deferred acceptance: no mentee and
  mentor would both rather be paired with each other than keep what they got.

:func:`audit_matching` re-checks any result: blocking pairs, and capacity or
eligibility violations. :func:`match_in_rounds` runs cohorts one after another,
giving mentees left over from an earlier round priority, with a cap on mentees
per mentor across rounds.

Examples:
    >>> from asn_competency import Employee
    >>> from asn_competency.eligibility import MenteeNeed, CompetencyNeed
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
    >>> [(u.nip, u.reason.value) for u in result.unmatched_mentors]
    [('197805102003121001', 'not_needed')]
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.eligibility import (
    MATCHING_DEFAULT,
    Candidates,
    LevelsInput,
    MatchingPolicy,
    MenteeNeed,
    build_candidates,
    check_known_competencies,
    covered_needs,
    evaluate_pair,
    normalise_levels,
    normalise_pair,
    score_parts,
)
from asn_competency.employee import Employee, parse_nip
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.mentoring import MentoringGraph, MentoringRelationship, MentoringStatus

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from asn_competency.framework import CompetencyFramework

__all__ = [
    "BlockingPair",
    "MatchedPair",
    "MatchingAudit",
    "MatchingObjective",
    "MatchingResult",
    "MatchingViolation",
    "RoundsResult",
    "UnmatchedMentee",
    "UnmatchedMentor",
    "UnmatchedReason",
    "audit_matching",
    "match_in_rounds",
    "match_mentors",
]

# Scores are optimised as float64 sums of integers; keep every sum exact.
_EXACT_LIMIT = 2**53


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


@attrs.frozen(kw_only=True)
class UnmatchedMentee:
    """A mentee left without a mentor, and why.

    Args:
        nip: The mentee's NIP.
        reason: The reason code.
        detail: A sentence for people.
    """

    nip: str
    reason: UnmatchedReason
    detail: str


@attrs.frozen(kw_only=True)
class UnmatchedMentor:
    """A mentor left without a mentee, and why.

    Args:
        nip: The mentor's NIP.
        reason: The reason code.
        detail: A sentence for people.
    """

    nip: str
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
    unmatched_mentees: tuple[UnmatchedMentee, ...]
    unmatched_mentors: tuple[UnmatchedMentor, ...]
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


@attrs.frozen(kw_only=True)
class _Instance:
    mentees: tuple[MenteeNeed, ...]
    mentors: tuple[Employee, ...]
    levels: Mapping[tuple[str, str], float]
    records: Mapping[str, Employee]
    capacity: tuple[int, ...]
    history_pairs: frozenset[tuple[str, str]]
    exclusions: frozenset[tuple[str, str]]
    priority: frozenset[str]


def _prepare(
    mentees: Iterable[MenteeNeed],
    mentors: Iterable[Employee],
    *,
    levels: LevelsInput,
    policy: MatchingPolicy,
    employees: Iterable[Employee] | None,
    history: MentoringGraph | None,
    exclusions: Iterable[tuple[str, str]],
    capacities: Mapping[str, int] | None,
    framework: CompetencyFramework | None,
    priority: Iterable[str],
) -> _Instance:
    if not isinstance(policy, MatchingPolicy):
        raise ValidationError("policy", "a MatchingPolicy", policy)
    needs = tuple(mentees)
    for m in needs:
        if not isinstance(m, MenteeNeed):
            raise ValidationError("mentees", "MenteeNeed objects", m)
    needs = tuple(sorted(needs, key=lambda m: m.nip))
    _validate.unique_ids("mentees", [m.nip for m in needs])
    people = tuple(mentors)
    for e in people:
        if not isinstance(e, Employee):
            raise ValidationError("mentors", "Employee objects", e)
    people = tuple(sorted(people, key=lambda e: e.nip))
    _validate.unique_ids("mentors", [e.nip for e in people])
    records: dict[str, Employee] = {}
    listed = tuple(employees) if employees is not None else ()
    for e in listed:
        if not isinstance(e, Employee):
            raise ValidationError("employees", "Employee objects", e)
    _validate.unique_ids("employees", [e.nip for e in listed])
    records.update((e.nip, e) for e in people)
    records.update((e.nip, e) for e in listed)
    if policy.needs_mentee_records:
        for m in needs:
            if m.nip not in records:
                raise UnknownIdError("employee", m.nip, "employees")
    check_known_competencies(needs, framework)
    if history is not None and not isinstance(history, MentoringGraph):
        raise ValidationError("history", "a MentoringGraph", history)
    overrides = _capacity_overrides(capacities, {e.nip for e in people})
    return _Instance(
        mentees=needs,
        mentors=people,
        levels=normalise_levels(levels),
        records=records,
        capacity=tuple(overrides.get(e.nip, policy.default_capacity) for e in people),
        history_pairs=history.pairs() if history is not None else frozenset(),
        exclusions=frozenset(normalise_pair(p, "exclusions") for p in exclusions),
        priority=frozenset(parse_nip(n, field="priority").value for n in priority),
    )


def _capacity_overrides(capacities: object, known: set[str]) -> dict[str, int]:
    """``{mentor NIP: capacity}`` with NIPs normalised, each checked once."""
    if capacities is None:
        return {}
    if not isinstance(capacities, Mapping):
        raise ValidationError("capacities", "a mapping {mentor NIP: capacity}", capacities)
    overrides: dict[str, int] = {}
    for nip, cap in capacities.items():
        key = parse_nip(nip, field="capacities").value
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
            raise ValidationError(f"capacities[{key}]", "a whole number >= 1", cap)
        if key not in known:
            raise UnknownIdError("mentor", key, "mentors")
        if key in overrides:
            # Two spellings of one NIP ('19780510 200312 1 001'): which one wins would
            # depend on the order of the mapping.
            raise ValidationError("capacities", "one capacity per mentor", f"{key!r} twice")
        overrides[key] = cap
    return overrides


def _check_start(field: str, value: object) -> None:
    # A datetime is a date too, but the relationships' dates are compared with dates.
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise ValidationError(field, "a date (datetime.date) or none", value)


def _check_framework(framework: object) -> None:
    from asn_competency.framework import CompetencyFramework  # noqa: PLC0415 - typing-only above

    if framework is not None and not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework or none", framework)


def _candidates(inst: _Instance, policy: MatchingPolicy) -> Candidates:
    return build_candidates(
        inst.mentees,
        inst.mentors,
        levels=inst.levels,
        records=inst.records,
        policy=policy,
        history_pairs=inst.history_pairs,
        exclusions=inst.exclusions,
    )


# --- Solvers -----------------------------------------------------------------------------


def _weights(
    cand: Candidates, inst: _Instance
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Integer pair weights: the scaled score, plus a lexicographic bonus for priority."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    prio = np.asarray([m.nip in inst.priority for m in inst.mentees] or [False], dtype=bool)
    pair_prio = prio[cand.pair_mentee]
    weight = cand.score_int.copy()
    if pair_prio.any():
        bonus = int(cand.score_int.sum()) + 1
        weight = weight + np.where(pair_prio, bonus, 0)
    return weight, pair_prio


def _solve_optimal(cand: Candidates, inst: _Instance) -> npt.NDArray[np.int64]:
    """Return the indices of the chosen candidate pairs (maximum total weight).

    The bipartite graph is split into connected components (one per unit when the
    policy keeps mentors in the mentee's unit); small components are solved
    together, as one block-diagonal problem, to save calls.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.sparse import coo_matrix  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
    from scipy.sparse.csgraph import (  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
        connected_components,
    )

    n_pairs = len(cand.pair_mentee)
    if n_pairs == 0:
        return np.zeros(0, dtype=np.int64)
    weight, _ = _weights(cand, inst)
    n_e, n_m = len(inst.mentees), len(inst.mentors)
    size = n_e + n_m
    adjacency = coo_matrix(
        (np.ones(n_pairs), (cand.pair_mentee, n_e + cand.pair_mentor)), shape=(size, size)
    )
    n_comp, label = connected_components(adjacency, directed=False)
    pair_label = np.asarray(label, dtype=np.int64)[cand.pair_mentee]
    order = np.argsort(pair_label, kind="stable")
    bounds = np.searchsorted(pair_label[order], np.arange(n_comp + 1))
    rows_per_comp = np.bincount(np.asarray(label, dtype=np.int64)[: max(n_e, 0)], minlength=n_comp)
    chosen: list[npt.NDArray[np.int64]] = []
    batch_start = 0
    batch_rows = 0
    for c in range(n_comp):
        batch_rows += int(rows_per_comp[c])
        if batch_rows >= _BATCH_ROWS or c == n_comp - 1:
            picked = order[bounds[batch_start] : bounds[c + 1]]
            if len(picked):
                chosen.append(_solve_block(np.sort(picked), cand, weight, inst.capacity))
            batch_start, batch_rows = c + 1, 0
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, dtype=np.int64)


# Components are solved in batches of at least this many mentees.
_BATCH_ROWS = 256


def _solve_block(
    picked: npt.NDArray[np.int64],
    cand: Candidates,
    weight: npt.NDArray[np.int64],
    capacity: tuple[int, ...],
) -> npt.NDArray[np.int64]:
    """Solve the assignment problem on some candidate pairs; return the chosen ones."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
    from scipy.sparse.csgraph import (  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
        min_weight_full_bipartite_matching,
    )

    mentee = cand.pair_mentee[picked]
    mentor = cand.pair_mentor[picked]
    w = weight[picked]
    rows_used, row = np.unique(mentee, return_inverse=True)
    mentors_used, col_m = np.unique(mentor, return_inverse=True)
    n_rows = len(rows_used)
    # Each mentor becomes as many slots as its capacity, but never more than it can fill.
    caps = np.asarray(capacity, dtype=np.int64)[mentors_used]
    slots = np.minimum(caps, np.bincount(col_m, minlength=len(mentors_used)))
    first_slot = np.cumsum(slots) - slots
    n_slots = int(slots.sum())
    reps = slots[col_m]
    edge_pair = np.repeat(np.arange(len(picked), dtype=np.int64), reps)
    offset = np.arange(len(edge_pair), dtype=np.int64) - np.repeat(np.cumsum(reps) - reps, reps)
    col = first_slot[col_m][edge_pair] + offset
    # Break ties toward lower NIPs (mentees first, then mentors) with a secondary term
    # too small to change the optimum, when the block's sums stay exact in float64.
    n_cols = len(mentors_used)
    tie = (n_rows - row) * (n_cols + 1) + (n_cols - col_m)
    spread = n_rows * (n_rows * (n_cols + 1) + n_cols) + 1
    if (int(w.max()) + 1) * spread * n_rows < _EXACT_LIMIT:
        w = w * spread + tie
    # Costs are positive integers: ceiling - weight for a pair, ceiling for "unmatched".
    ceiling = int(w.max()) + 1
    if ceiling * n_rows >= _EXACT_LIMIT:
        raise ValidationError(
            "score_decimals", "fewer decimals for an instance this large", ceiling
        )
    cost = np.concatenate([ceiling - w[edge_pair], np.full(n_rows, ceiling)])
    rows = np.concatenate([row[edge_pair], np.arange(n_rows)])
    cols = np.concatenate([col, n_slots + np.arange(n_rows)])
    matrix = csr_matrix((cost.astype(np.float64), (rows, cols)), shape=(n_rows, n_slots + n_rows))
    r_ind, c_ind = min_weight_full_bipartite_matching(matrix)
    r_ind = np.asarray(r_ind, dtype=np.int64)
    c_ind = np.asarray(c_ind, dtype=np.int64)
    real = c_ind < n_slots
    owner = np.repeat(np.arange(len(mentors_used), dtype=np.int64), slots)
    # Map (row, mentor) back to the candidate pair: pairs are sorted by mentee, then mentor.
    key = row * len(mentors_used) + col_m
    wanted = r_ind[real] * len(mentors_used) + owner[c_ind[real]]
    local: npt.NDArray[np.int64] = np.searchsorted(key, wanted)
    return picked[local]


def _solve_stable(cand: Candidates, inst: _Instance) -> npt.NDArray[np.int64]:
    """Mentee-proposing deferred acceptance with capacities; ties broken by NIP."""
    import heapq  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_pairs = len(cand.pair_mentee)
    if n_pairs == 0:
        return np.zeros(0, dtype=np.int64)
    weight, pair_prio = _weights(cand, inst)
    # Mentees rank mentors by score (highest first), then by NIP.
    proposal = np.lexsort((cand.pair_mentor, -cand.score_int, cand.pair_mentee))
    # Mentors rank mentees by priority, then score, then NIP: a smaller rank is better.
    by_mentor = np.lexsort((cand.pair_mentee, -weight, -pair_prio.astype(np.int64)))
    rank = np.empty(n_pairs, dtype=np.int64)
    rank[by_mentor] = np.arange(n_pairs)
    prop_list = proposal.tolist()
    mentee_of = cand.pair_mentee.tolist()
    mentor_of = cand.pair_mentor.tolist()
    rank_of = rank.tolist()
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for pos, k in enumerate(prop_list):
        j = mentee_of[k]
        starts.setdefault(j, pos)
        ends[j] = pos + 1
    nxt = dict(starts)
    held: list[list[tuple[int, int]]] = [[] for _ in inst.mentors]
    free = sorted(starts, reverse=True)
    while free:
        j = free.pop()
        while nxt[j] < ends[j]:
            k = prop_list[nxt[j]]
            nxt[j] += 1
            i = mentor_of[k]
            heap = held[i]
            if len(heap) < inst.capacity[i]:
                heapq.heappush(heap, (-rank_of[k], k))
                break
            worst_rank, worst_k = heap[0]
            if rank_of[k] < -worst_rank:
                heapq.heapreplace(heap, (-rank_of[k], k))
                free.append(mentee_of[worst_k])
                break
    chosen = sorted(k for heap in held for _, k in heap)
    return np.asarray(chosen, dtype=np.int64)


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
    load = np.zeros(n_m, dtype=np.int64)
    pairs: list[MatchedPair] = []
    rules = policy.pair_rules
    for k in chosen.tolist():
        j, i = int(cand.pair_mentee[k]), int(cand.pair_mentor[k])
        matched_mentee[j] = True
        load[i] += 1
        need, mentor = inst.mentees[j], inst.mentors[i]
        covered = covered_needs(mentor.nip, need, inst.levels, policy.level_margin)
        parts, _ = score_parts(need, covered, mentor, inst.records.get(need.nip), policy)
        pairs.append(
            MatchedPair(
                mentor=mentor.nip,
                mentee=need.nip,
                score=int(cand.score_int[k]) / policy.scale,
                parts=parts,
                covered=covered,
                rules=rules,
            )
        )
    pairs.sort(key=lambda p: (p.mentor, p.mentee))
    capacity = np.asarray(inst.capacity, dtype=np.int64)
    has_room = load < capacity
    cand_count_e = np.bincount(cand.pair_mentee, minlength=n_e)
    room_count_e = np.bincount(cand.pair_mentee[has_room[cand.pair_mentor]], minlength=n_e)
    unmatched_e: list[UnmatchedMentee] = []
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
        unmatched_e.append(UnmatchedMentee(nip=need.nip, reason=reason, detail=detail))
    cand_count_m = np.bincount(cand.pair_mentor, minlength=n_m)
    unmatched_m: list[UnmatchedMentor] = []
    for i, mentor in enumerate(inst.mentors):
        if load[i]:
            continue
        if cand_count_m[i] == 0:
            unmatched_m.append(
                UnmatchedMentor(
                    nip=mentor.nip,
                    reason=UnmatchedReason.NO_ELIGIBLE_MENTEE,
                    detail="no mentee passes the eligibility rules with this mentor",
                )
            )
        else:
            unmatched_m.append(
                UnmatchedMentor(
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
    levels: LevelsInput,
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
        >>> from asn_competency.eligibility import MenteeNeed, CompetencyNeed
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


def audit_matching(  # noqa: PLR0912, PLR0915 - checks listed one after another
    result: MatchingResult,
    mentees: Iterable[MenteeNeed],
    mentors: Iterable[Employee],
    *,
    levels: LevelsInput,
    employees: Iterable[Employee] | None = None,
    history: MentoringGraph | None = None,
    exclusions: Iterable[tuple[str, str]] = (),
    capacities: Mapping[str, int] | None = None,
) -> MatchingAudit:
    """Re-check a matching: blocking pairs and broken capacities or rules.

    Pass the inputs the matching was made from. Each pair is re-checked one by one
    with :func:`asn_competency.eligibility.check_pair` under the result's policy,
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
        >>> from asn_competency.eligibility import MenteeNeed, CompetencyNeed
        >>> a = Employee(nip="197805102003121001", name="Sari", tier="administrator")
        >>> e = Employee(nip="199901012023021001", name="Adi", tier="pelaksana")
        >>> pp = [CompetencyNeed(competency_id="MJ.PP", required=2)]
        >>> needs = [MenteeNeed(nip=e.nip, needs=pp)]
        >>> levels = {(a.nip, "MJ.PP"): 3}
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

    cand = _candidates(inst, policy)
    weight, pair_prio = _weights(cand, inst)
    n_m = max(len(inst.mentors), 1)
    keys = (cand.pair_mentee * n_m + cand.pair_mentor).tolist()
    pos = {k: n for n, k in enumerate(keys)}

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
    for k in range(len(keys)):
        j, i = int(cand.pair_mentee[k]), int(cand.pair_mentor[k])
        if current.get(j) == i:
            continue
        now = current.get(j)
        if now is not None:
            now_k = pos.get(j * n_m + now)
            now_score = int(cand.score_int[now_k]) if now_k is not None else -1
            prefers = (int(cand.score_int[k]), -i) > (now_score, -now)
        else:
            prefers = True
        if not prefers:
            continue
        w = worst[i]
        accepts = load[i] < inst.capacity[i] or w is None or mentor_key(k) > w
        if accepts:
            blocking.append(
                BlockingPair(
                    mentor=inst.mentors[i].nip,
                    mentee=inst.mentees[j].nip,
                    score=int(cand.score_int[k]) / policy.scale,
                    mentee_current=None if now is None else inst.mentors[now].nip,
                )
            )
    blocking.sort(key=lambda b: (b.mentor, b.mentee))
    violations.sort(key=lambda v: (v.kind, v.mentor or "", v.mentee or ""))
    return MatchingAudit(blocking_pairs=tuple(blocking), violations=tuple(violations))


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
    unmatched_mentees: tuple[UnmatchedMentee, ...]
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
    levels: LevelsInput,
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
        >>> from asn_competency.eligibility import MenteeNeed, CompetencyNeed
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
        sitting_out: list[UnmatchedMentor] = []
        for e in people:
            own = base.get(e.nip, policy.default_capacity)
            left = own if limit is None else min(own, limit - used.get(e.nip, 0))
            if left < 1:
                sitting_out.append(
                    UnmatchedMentor(
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
