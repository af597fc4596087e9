"""The matching instance: checked inputs, candidate pairs and their weights (package-private).

Inputs are checked and indexed once; every eligible (mentor, mentee) pair is
found by array operations and scored; the matchers in :mod:`._solve` work on
these arrays only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import Employee, parse_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.mentoring import MenteeNeed, MentoringGraph
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.levels import LevelTable, normalise_levels
from asn_competency.matching.rules import (
    check_known_competencies,
    need_shares,
    normalise_pair,
    unit_key,
)
from asn_competency.policies.matching import MatchingPolicy

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = []


# --- All eligible pairs at once (vectorised; private to the package) -------------------


@attrs.frozen(kw_only=True)
class Candidates:
    """Every eligible pair of one instance, as arrays (private to the package).

    ``mentees``/``mentors`` are sorted by NIP; ``pair_mentee[k]`` and ``pair_mentor[k]``
    index them, pairs sorted by mentee then mentor; ``score_int`` is the score times
    ``policy.scale``. ``stage_counts`` maps a rule name to the number of candidate
    mentors each mentee still had after that rule (for unmatched reasons).
    ``pair_share``, ``pair_cross`` and ``pair_region`` are each pair's covered
    share of the needs and its two bonuses; the needs a pair covers are
    ``covered_need[covered_start[k]:covered_start[k + 1]]`` (indices into the
    mentee's needs, in their order).
    """

    mentees: tuple[MenteeNeed, ...]
    mentors: tuple[Employee, ...]
    pair_mentee: npt.NDArray[np.int64]
    pair_mentor: npt.NDArray[np.int64]
    score_int: npt.NDArray[np.int64]
    stage_counts: tuple[tuple[str, npt.NDArray[np.int64]], ...]
    levels: Mapping[tuple[str, str], float]
    records: Mapping[str, Employee]
    pair_share: npt.NDArray[np.float64]
    pair_cross: npt.NDArray[np.float64]
    pair_region: npt.NDArray[np.float64]
    covered_start: npt.NDArray[np.int64]
    covered_need: npt.NDArray[np.int64]


def _codes(values: list[Any]) -> npt.NDArray[np.int64]:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    table: dict[Any, int] = {}
    return np.fromiter(
        (table.setdefault(v, len(table)) for v in values), dtype=np.int64, count=len(values)
    )


def _group_key(policy: MatchingPolicy) -> Any:
    """The key of the policy's equality rules: pairs are searched within one key."""

    def key(e: Employee | None) -> tuple[object, ...]:
        if e is None:  # pragma: no cover - the caller checks that rules reading records have them
            return ()
        out: list[object] = []
        if policy.same_agency:
            out.append(e.agency)
        if policy.same_unit:
            out.append(unit_key(e))
        if policy.same_region:
            out.append(e.region)
        return tuple(out)

    return key


def _mentor_levels(
    mentors: tuple[Employee, ...],
    levels: Mapping[tuple[str, str], float],
    comp_code: Mapping[str, int],
    group_of_mentor: list[int],
    n_groups: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Each mentor's level in each needed competency: bucket, level and mentor, one pass.

    The level table is read once, entry by entry, rather than probed for every
    mentor and every needed competency.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    mentor_index = {e.nip: i for i, e in enumerate(mentors)}
    who: list[int] = []
    comp: list[int] = []
    lvl: list[float] = []
    for (nip, cid), level in levels.items():
        i = mentor_index.get(nip)
        if i is None:
            continue
        c = comp_code.get(cid)
        if c is None:
            continue
        who.append(i)
        comp.append(c)
        lvl.append(level)
    m_who = np.asarray(who, dtype=np.int64)
    m_comp = np.asarray(comp, dtype=np.int64)
    m_level = np.asarray(lvl, dtype=np.float64)
    # Mentor by mentor, competency by competency: the order the search relies on.
    order = np.lexsort((m_comp, m_who))
    m_who, m_comp, m_level = m_who[order], m_comp[order], m_level[order]
    groups = np.asarray(group_of_mentor, dtype=np.int64)
    bucket = m_comp * n_groups + (groups[m_who] if len(groups) else m_who)
    return bucket, m_level, m_who


def _needs(
    mentees: tuple[MenteeNeed, ...],
    group_of_mentee: list[int],
    comp_code: Mapping[str, int],
    n_groups: int,
    margin: float,
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]
]:
    """Every need as arrays: mentee, bucket (-1: no mentor in its group), threshold, share."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    need_j: list[int] = []
    need_b: list[int] = []
    need_t: list[float] = []
    need_w: list[float] = []
    for j, m in enumerate(mentees):
        gj = group_of_mentee[j]
        for n, w in zip(m.needs, need_shares(m), strict=True):
            need_j.append(j)
            need_b.append(-1 if gj < 0 else comp_code[n.competency_id] * n_groups + gj)
            need_t.append(n.required + margin)
            need_w.append(w)
    return (
        np.asarray(need_j, dtype=np.int64),
        np.asarray(need_b, dtype=np.int64),
        np.asarray(need_t, dtype=np.float64),
        np.asarray(need_w, dtype=np.float64),
    )


def _search(
    m_bucket: npt.NDArray[np.int64],
    m_level: npt.NDArray[np.float64],
    m_who: npt.NDArray[np.int64],
    q_b: npt.NDArray[np.int64],
    q_t: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every (need, mentor) whose level in the need's bucket reaches its threshold."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

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
    hit_need = np.repeat(np.arange(len(q_b), dtype=np.int64), counts)
    return hit_need, m_who[hit_pos]


def build_candidates(
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
    the mentees' records when the policy reads them. The work is linear in the
    level table, the needs and the pairs found (plus sorting).
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_e, n_m = len(mentees), len(mentors)
    mentee_rec: list[Employee | None] = [records.get(m.nip) for m in mentees]
    uses_groups = bool(policy.same_agency or policy.same_unit or policy.same_region)
    key = _group_key(policy)
    group_code: dict[tuple[object, ...], int] = {}
    group_of_mentor = [
        group_code.setdefault(key(e) if uses_groups else (), len(group_code)) for e in mentors
    ]
    group_of_mentee = [group_code.get(key(e) if uses_groups else (), -1) for e in mentee_rec]
    n_groups = max(len(group_code), 1)
    needed = {n.competency_id for m in mentees for n in m.needs}
    comp_code = {c: i for i, c in enumerate(sorted(needed))}
    m_bucket, m_level, m_who = _mentor_levels(mentors, levels, comp_code, group_of_mentor, n_groups)
    q_j, q_b, q_t, q_w = _needs(mentees, group_of_mentee, comp_code, n_groups, policy.level_margin)
    hit_need, hit_mentor = _search(m_bucket, m_level, m_who, q_b, q_t)
    width = max(n_m, 1)
    hit_key = q_j[hit_need] * width + hit_mentor
    # Pairs in key order; a pair's hits in need order (the order shares are added in).
    by_key = np.lexsort((hit_need, hit_key))
    hit_key, hit_need = hit_key[by_key], hit_need[by_key]
    keys, inverse = np.unique(hit_key, return_inverse=True)
    share = np.bincount(inverse, weights=q_w[hit_need], minlength=len(keys))
    pj = keys // width
    pi = keys % width
    rules = _Rules(n_e=n_e, pj=pj, pi=pi)
    mentor_index = {e.nip: i for i, e in enumerate(mentors)}
    self_idx = np.asarray([mentor_index.get(m.nip, -1) for m in mentees] or [0], dtype=np.int64)
    rules.stage("not_self", self_idx[pj] != pi)
    cross, region = _record_rules(rules, mentors, mentee_rec, policy)
    mentee_index = {m.nip: j for j, m in enumerate(mentees)}

    def pair_keys(pairs: frozenset[tuple[str, str]]) -> npt.NDArray[np.int64]:
        found = [
            mentee_index[e] * width + mentor_index[m]
            for m, e in pairs
            if m in mentor_index and e in mentee_index
        ]
        return np.asarray(found, dtype=np.int64)

    if policy.avoid_repeat:
        rules.stage("no_repeat", ~np.isin(keys, pair_keys(history_pairs)))
    rules.stage("not_excluded", ~np.isin(keys, pair_keys(exclusions)))
    for rule in policy.extra_rules:
        ok = np.ones(len(keys), dtype=bool)
        for k in np.flatnonzero(rules.keep).tolist():
            j, i = int(pj[k]), int(pi[k])
            ok[k] = bool(rule.check(mentors[i], mentees[j], mentee_rec[j]))
        rules.stage(rule.name, ok)
    coverage = policy.coverage_weight * share
    raw = coverage + (region + cross)
    score_int = np.rint(np.round(raw, policy.score_decimals) * policy.scale).astype(np.int64)
    keep = rules.keep
    hit_start = np.asarray(np.searchsorted(hit_key, keys), dtype=np.int64)
    kept = np.flatnonzero(keep)
    counts = np.diff(np.append(hit_start, len(hit_key)))[kept]
    covered_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    pos = np.repeat(hit_start[kept] - covered_start[:-1], counts) + np.arange(
        int(counts.sum()), dtype=np.int64
    )
    first_need = np.asarray([0] + [len(m.needs) for m in mentees], dtype=np.int64).cumsum()
    covered_need = hit_need[pos] - first_need[q_j[hit_need[pos]]]
    return Candidates(
        mentees=mentees,
        mentors=mentors,
        pair_mentee=pj[keep].astype(np.int64),
        pair_mentor=pi[keep].astype(np.int64),
        score_int=score_int[keep],
        stage_counts=tuple(rules.stages),
        levels=levels,
        records=records,
        pair_share=coverage[keep].astype(np.float64),
        pair_cross=cross[keep],
        pair_region=region[keep],
        covered_start=covered_start,
        covered_need=covered_need.astype(np.int64),
    )


class _Rules:
    """The eligibility rules applied one after another, with the counts left after each."""

    def __init__(self, *, n_e: int, pj: npt.NDArray[np.int64], pi: npt.NDArray[np.int64]) -> None:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        self.n_e = n_e
        self.pj = pj
        self.pi = pi
        self.keep = np.ones(len(pj), dtype=bool)
        self.stages: list[tuple[str, npt.NDArray[np.int64]]] = [
            ("competency_level", np.bincount(pj, minlength=n_e).astype(np.int64))
        ]

    def stage(self, name: str, ok: npt.NDArray[np.bool_]) -> None:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        self.keep = self.keep & ok
        self.stages.append(
            (name, np.bincount(self.pj[self.keep], minlength=self.n_e).astype(np.int64))
        )


def _record_rules(
    rules: _Rules,
    mentors: tuple[Employee, ...],
    mentee_rec: list[Employee | None],
    policy: MatchingPolicy,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Apply the rules that read records (seniority, location); return the two bonuses."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    pj, pi = rules.pj, rules.pi
    zeros = np.zeros(len(pj), dtype=np.float64)
    n_m = len(mentors)
    if not (policy.needs_mentee_records and rules.n_e and n_m):
        return zeros, zeros.copy()
    recs = [r for r in mentee_rec if r is not None]
    e_attrs = _attributes(recs)
    m_attrs = _attributes(list(mentors))
    if policy.checks_seniority:
        ok = np.zeros(len(pj), dtype=bool)
        if policy.min_tier_gap is not None:
            ms, es = m_attrs["tier"][pi], e_attrs["tier"][pj]
            ok |= (ms >= 0) & (es >= 0) & (ms - es >= policy.min_tier_gap)
        if policy.min_golongan_gap is not None:
            mg, eg = m_attrs["golongan"][pi], e_attrs["golongan"][pj]
            same_scheme = m_attrs["pppk"][pi] == e_attrs["pppk"][pj]
            ok |= (mg >= 0) & (eg >= 0) & same_scheme & (mg - eg >= policy.min_golongan_gap)
        rules.stage("seniority", ok)
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
            rules.stage(f"{'same' if wanted else 'different'}_{field}", same[field] == wanted)
    region = np.where(same["region"], policy.same_region_bonus, 0.0)
    cross = np.where(same["unit"], 0.0, policy.cross_unit_bonus)
    return cross, region


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
    levels: LevelTable,
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
    from asn_competency.domain.framework import CompetencyFramework  # noqa: PLC0415 - typing-only above

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
