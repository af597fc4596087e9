import datetime as dt
import random
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import asn_competency.matching._solve as matching_module
from asn_competency import (
    Assessment,
    Employee,
    MentoringGraph,
    MentoringRelationship,
    national_framework,
)
from asn_competency.domain.mentoring import CompetencyNeed, MenteeNeed
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.matching.audit import audit_matching
from asn_competency.matching.match import (
    MatchingObjective,
    MatchingResult,
    UnmatchedReason,
    match_mentors,
)
from asn_competency.matching.rounds import match_in_rounds
from asn_competency.matching.rules import check_pair
from asn_competency.policies.matching import MATCHING_DEFAULT, MatchingPolicy

# Seniors (mentors) and new staff (mentees); NIPs are valid PNS numbers.
S1, S2, S3 = "197805102003121001", "198001012005011001", "198203032006042002"
N1, N2, N3 = "199901012023021001", "199902022023022002", "199903032023021003"


def senior(nip: str, **kw: object) -> Employee:
    return Employee(nip=nip, name="Senior", tier=kw.pop("tier", "administrator"), **kw)  # type: ignore[arg-type]


def newcomer(nip: str, **kw: object) -> Employee:
    return Employee(nip=nip, name="CPNS", tier=kw.pop("tier", "pelaksana"), **kw)  # type: ignore[arg-type]


def need(nip: str, *items: tuple[str, int, float]) -> MenteeNeed:
    return MenteeNeed(
        nip=nip,
        needs=[CompetencyNeed(competency_id=c, required=r, importance=w) for c, r, w in items],
    )


NEWCOMERS = [newcomer(N1), newcomer(N2), newcomer(N3)]


def test_worked_example_optimal_beats_greedy() -> None:
    """The optimum gives up a mentee's best mentor when that frees more score elsewhere.

    S1 covers both of N1's needs (score 1) and N2's only need (score 1); S2 covers
    only N1's first need (importance 1 of 4: 0.25). With capacity 1, greedy would
    give S1 to N1 (1) and S2 nothing for N2: total 1. The optimum is S1-N2 (1) and
    S2-N1 (0.25): total 1.25.
    """
    levels = {(S1, "A"): 3, (S1, "B"): 3, (S2, "A"): 3}
    mentees = [need(N1, ("A", 2, 1), ("B", 2, 3)), need(N2, ("B", 2, 1))]
    result = match_mentors(
        mentees,
        [senior(S1), senior(S2)],
        levels=levels,
        employees=NEWCOMERS,
        capacities={S1: 1, S2: 1},
    )
    assert [(p.mentor, p.mentee, p.score) for p in result.pairs] == [(S1, N2, 1.0), (S2, N1, 0.25)]
    assert result.total_score == 1.25
    assert result.objective is MatchingObjective.OPTIMAL
    pair = result.pairs[1]
    assert pair.covered == ("A",)
    assert dict(pair.parts) == {"coverage": 0.25, "cross_unit": 0.0, "same_region": 0.0}
    assert pair.rules == MATCHING_DEFAULT.pair_rules
    assert "capacity" in result.rules
    assert result.mentor_of(N1) == S2
    assert result.mentor_of(N3) is None
    assert result.mentees_of(S1) == (N2,)
    assert result.load() == {S1: 1, S2: 1}


def test_stable_matching_and_audit_of_the_optimal_one() -> None:
    """In the same instance the stable matching pairs S1-N1; the optimum has a blocking pair.

    N1 prefers S1 (score 1 over 0.25) and S1 prefers N1 over N2 (equal score 1,
    lower NIP), so (S1, N1) blocks the optimal matching.
    """
    levels = {(S1, "A"): 3, (S1, "B"): 3, (S2, "A"): 3}
    mentees = [need(N1, ("A", 2, 1), ("B", 2, 3)), need(N2, ("B", 2, 1))]
    mentors = [senior(S1), senior(S2)]
    caps = {S1: 1, S2: 1}
    kw: dict[str, Any] = {"levels": levels, "employees": NEWCOMERS, "capacities": caps}
    stable = match_mentors(mentees, mentors, objective="stable", **kw)
    assert [(p.mentor, p.mentee) for p in stable.pairs] == [(S1, N1)]
    assert stable.total_score == 1.0
    (left,) = stable.unmatched_mentees
    assert (left.nip, left.reason) == (N2, UnmatchedReason.MENTORS_FULL)
    assert [(u.nip, u.reason) for u in stable.unmatched_mentors] == [
        (S2, UnmatchedReason.NOT_NEEDED)
    ]
    assert audit_matching(stable, mentees, mentors, **kw).stable
    optimal = match_mentors(mentees, mentors, **kw)
    audit = audit_matching(optimal, mentees, mentors, **kw)
    assert audit.valid
    assert [(b.mentor, b.mentee, b.score, b.mentee_current) for b in audit.blocking_pairs] == [
        (S1, N1, 1.0, S2)
    ]


def test_audit_reports_violations() -> None:
    """A tampered result shows capacity, eligibility, duplicate and unknown-person violations."""
    levels = {(S1, "A"): 3}
    mentees = [need(N1, ("A", 2, 1)), need(N2, ("B", 2, 1))]
    mentors = [senior(S1), senior(S2)]
    kw: dict[str, Any] = {"levels": levels, "employees": NEWCOMERS, "capacities": {S1: 1}}
    result = match_mentors(mentees, mentors, **kw)
    (good,) = result.pairs
    assert (good.mentor, good.mentee) == (S1, N1)
    bad = (
        good,
        attrs.evolve(good, mentee=N2),  # over S1's capacity of 1; S1 does not reach B
        attrs.evolve(good, mentor=S2, mentee=N2),  # N2 twice
        attrs.evolve(good, mentee=N3),  # N3 is not among the mentees
    )
    audit = audit_matching(attrs.evolve(result, pairs=bad), mentees, mentors, **kw)
    assert [(v.kind, v.mentor, v.mentee) for v in audit.violations] == [
        ("capacity", S1, None),
        ("ineligible", S1, N2),
        ("mentee_twice", S2, N2),
        ("unknown_person", S1, N3),
    ]
    assert not audit.valid
    lone = attrs.evolve(result, pairs=(attrs.evolve(good, mentor=S2),))
    (v,) = audit_matching(lone, mentees, mentors, **kw).violations
    assert (v.kind, v.detail) == ("ineligible", "fails competency_level")


def test_unmatched_reasons() -> None:
    """Each unmatched mentee and mentor says why, naming the rule that removed the last mentor."""
    levels = {(S1, "A"): 3, (S2, "B"): 3, (S3, "C"): 1}
    mentees = [
        need(N1, ("A", 2, 1)),
        need(N2, ("B", 2, 1)),  # only S2 reaches B, but S2 is a pengawas like N2
        MenteeNeed(nip=N3),  # nothing below standard
    ]
    people = [newcomer(N1), newcomer(N2, tier="pengawas"), newcomer(N3)]
    mentors = [senior(S1), senior(S2, tier="pengawas"), senior(S3)]
    r = match_mentors(mentees, mentors, levels=levels, employees=people)
    assert [(u.nip, u.reason, u.detail) for u in r.unmatched_mentees] == [
        (
            N2,
            UnmatchedReason.NO_ELIGIBLE_MENTOR,
            "1 mentor(s) reach the required level but none passes 'seniority'",
        ),
        (N3, UnmatchedReason.NO_NEEDS, "no competency below standard"),
    ]
    assert [(u.nip, u.reason) for u in r.unmatched_mentors] == [
        (S2, UnmatchedReason.NO_ELIGIBLE_MENTEE),
        (S3, UnmatchedReason.NO_ELIGIBLE_MENTEE),
    ]
    lonely = match_mentors([need(N1, ("Z", 2, 1))], mentors, levels=levels, employees=people)
    assert lonely.unmatched_mentees[0].detail == (
        "no mentor reaches the required level in any needed competency"
    )


def test_zero_score_pairs_are_reported_as_not_selected() -> None:
    """With coverage weighted 0 every pair scores 0; the optimum may leave them out, and says so."""
    policy = attrs.evolve(MATCHING_DEFAULT, coverage_weight=0.0)
    r = match_mentors(
        [need(N1, ("A", 2, 1))],
        [senior(S1)],
        levels={(S1, "A"): 2},
        employees=NEWCOMERS,
        policy=policy,
    )
    if r.pairs:
        assert r.pairs[0].score == 0.0
    else:
        assert r.unmatched_mentees[0].reason is UnmatchedReason.NOT_SELECTED


def test_optimal_ties_go_to_lower_nips() -> None:
    """With equal scores, the lower-NIP mentee gets the last place and the lower-NIP mentor."""
    levels = {(S1, "A"): 2, (S2, "A"): 2}
    mentees = [need(N1, ("A", 2, 1)), need(N2, ("A", 2, 1)), need(N3, ("A", 2, 1))]
    r = match_mentors(mentees, [senior(S2)], levels=levels, employees=NEWCOMERS, capacities={S2: 2})
    assert [p.mentee for p in r.pairs] == [N1, N2]
    r = match_mentors(mentees[2:], [senior(S2), senior(S1)], levels=levels, employees=NEWCOMERS)
    assert [(p.mentor, p.mentee) for p in r.pairs] == [(S1, N3)]


def test_empty_sides() -> None:
    """No mentors: all mentees unmatched (no eligible mentor); no mentees: all mentors unmatched."""
    mentees = [need(N1, ("A", 2, 1)), need(N2, ("A", 2, 1))]
    for objective in MatchingObjective:
        r = match_mentors(mentees, [], levels={}, employees=NEWCOMERS, objective=objective)
        assert r.pairs == ()
        assert r.total_score == 0.0
        assert [(u.nip, u.reason) for u in r.unmatched_mentees] == [
            (N1, UnmatchedReason.NO_ELIGIBLE_MENTOR),
            (N2, UnmatchedReason.NO_ELIGIBLE_MENTOR),
        ]
        r = match_mentors([], [senior(S1)], levels={}, objective=objective)
        assert [(u.nip, u.reason) for u in r.unmatched_mentors] == [
            (S1, UnmatchedReason.NO_ELIGIBLE_MENTEE)
        ]
        assert len(r.graph) == 0


def test_person_on_both_sides_is_never_their_own_mentor() -> None:
    """A mentee who is also a candidate mentor is never paired with themselves."""
    both = senior(S2, tier="administrator")
    policy = attrs.evolve(MATCHING_DEFAULT, min_tier_gap=None, min_golongan_gap=None)
    levels = {(S2, "A"): 5, (S1, "A"): 3}
    r = match_mentors([need(S2, ("A", 2, 1))], [both, senior(S1)], levels=levels, policy=policy)
    assert [(p.mentor, p.mentee) for p in r.pairs] == [(S1, S2)]
    alone = match_mentors([need(S2, ("A", 2, 1))], [both], levels=levels, policy=policy)
    assert alone.pairs == ()
    assert "'not_self'" in alone.unmatched_mentees[0].detail


def test_history_and_exclusions_prevent_pairs() -> None:
    """A pair in the history (with avoid_repeat) or in the exclusions is never formed."""
    levels = {(S1, "A"): 3, (S2, "A"): 3}
    mentees = [need(N1, ("A", 2, 1))]
    mentors = [senior(S1), senior(S2)]
    history = MentoringGraph([MentoringRelationship(mentor=S1, mentee=N1)])
    r = match_mentors(mentees, mentors, levels=levels, employees=NEWCOMERS, history=history)
    assert r.mentor_of(N1) == S2
    r = match_mentors(
        mentees,
        mentors,
        levels=levels,
        employees=NEWCOMERS,
        history=history,
        exclusions=[(S2, N1)],
    )
    assert r.pairs == ()
    again = attrs.evolve(MATCHING_DEFAULT, avoid_repeat=False)
    r = match_mentors(
        mentees,
        mentors,
        levels=levels,
        employees=NEWCOMERS,
        history=history,
        policy=again,
        exclusions=[(S2, N1)],
    )
    assert r.mentor_of(N1) == S1


def test_graph_of_new_relationships() -> None:
    """The result's graph holds planned relationships over the covered competencies."""
    r = match_mentors(
        [need(N1, ("A", 2, 1), ("B", 2, 1))],
        [senior(S1)],
        levels={(S1, "A"): 2, (S1, "B"): 1},
        employees=NEWCOMERS,
        start=dt.date(2025, 1, 6),
    )
    (rel,) = r.graph
    assert (rel.mentor, rel.mentee, rel.competency_ids, rel.start, rel.status.value) == (
        S1,
        N1,
        ("A",),
        dt.date(2025, 1, 6),
        "planned",
    )


def test_assessments_as_levels_and_framework_check() -> None:
    """Levels may be given as assessments; a framework rejects unknown competencies."""
    fw = national_framework()
    a = [Assessment(nip=S1, competency_id="MJ.KOM", level=3, assessed_on=dt.date(2024, 1, 1))]
    r = match_mentors(
        [need(N1, ("MJ.KOM", 2, 1))], [senior(S1)], levels=a, employees=NEWCOMERS, framework=fw
    )
    assert r.mentor_of(N1) == S1
    with pytest.raises(UnknownIdError, match=r"unknown competency 'XX\.NOPE'"):
        match_mentors(
            [need(N1, ("XX.NOPE", 2, 1))],
            [senior(S1)],
            levels=a,
            employees=NEWCOMERS,
            framework=fw,
        )


@pytest.mark.parametrize("bad", [0, -2, 1.5, True])
def test_bad_capacity_names_the_mentor(bad: object) -> None:
    """A capacity below 1 (or not a whole number) is refused, naming the mentor."""
    with pytest.raises(ValidationError, match=rf"'capacities\[{S1}\]' must be a whole number >= 1"):
        match_mentors([], [senior(S1)], levels={}, capacities={S1: bad})  # type: ignore[dict-item]


def test_bad_inputs() -> None:
    """Duplicates, strangers, missing records and unknown options are refused clearly."""
    m = [need(N1, ("A", 2, 1))]
    with pytest.raises(ValidationError, match=f"'mentees' must be unique ids .*{N1}"):
        match_mentors(m + m, [senior(S1)], levels={}, employees=NEWCOMERS)
    with pytest.raises(ValidationError, match=f"'mentors' must be unique ids .*{S1}"):
        match_mentors(m, [senior(S1), senior(S1)], levels={}, employees=NEWCOMERS)
    with pytest.raises(ValidationError, match=f"'employees' must be unique ids .*{N1}"):
        match_mentors(m, [senior(S1)], levels={}, employees=NEWCOMERS + NEWCOMERS[:1])
    with pytest.raises(UnknownIdError, match=f"unknown employee '{N1}' in employees"):
        match_mentors(m, [senior(S1)], levels={})
    with pytest.raises(UnknownIdError, match=f"unknown mentor '{S2}' in mentors"):
        match_mentors(m, [senior(S1)], levels={}, employees=NEWCOMERS, capacities={S2: 2})
    with pytest.raises(ValidationError, match="'objective' must be one of 'optimal', 'stable'"):
        match_mentors(m, [senior(S1)], levels={}, employees=NEWCOMERS, objective="greedy")
    with pytest.raises(ValidationError, match="'mentees' must be MenteeNeed objects"):
        match_mentors([N1], [senior(S1)], levels={})  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'mentors' must be Employee objects"):
        match_mentors(m, [S1], levels={}, employees=NEWCOMERS)  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'employees' must be Employee objects"):
        match_mentors(m, [senior(S1)], levels={}, employees=[N1])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'exclusions' must be"):
        match_mentors(m, [senior(S1)], levels={}, employees=NEWCOMERS, exclusions=[S1])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'policy' must be a MatchingPolicy"):
        match_mentors(m, [senior(S1)], levels={}, policy="default")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'history' must be a MentoringGraph"):
        match_mentors(m, [senior(S1)], levels={}, employees=NEWCOMERS, history=[])  # type: ignore[arg-type]
    with pytest.raises(
        ValidationError, match=rf"'levels\[{S1}, A\]' must be a finite level >= 0 \(got nan\)"
    ):
        match_mentors(m, [senior(S1)], levels={(S1, "A"): float("nan")}, employees=NEWCOMERS)


def test_priority_mentees_come_first() -> None:
    """A priority mentee gets the only mentor even when another mentee would score more."""
    levels = {(S1, "A"): 3, (S1, "B"): 3}
    mentees = [need(N1, ("A", 2, 1), ("B", 2, 1)), need(N2, ("A", 2, 1), ("C", 2, 1))]
    kw: dict[str, Any] = {"levels": levels, "employees": NEWCOMERS, "capacities": {S1: 1}}
    for objective in MatchingObjective:
        plain = match_mentors(mentees, [senior(S1)], objective=objective, **kw)
        assert plain.mentor_of(N1) == S1
        first = match_mentors(mentees, [senior(S1)], objective=objective, priority=[N2], **kw)
        assert first.mentor_of(N2) == S1
        assert first.priority == (N2,)
        assert (
            audit_matching(first, mentees, [senior(S1)], **kw).stable
            == (objective is MatchingObjective.STABLE)
            or objective is MatchingObjective.OPTIMAL
        )


def test_rounds_carry_over_with_priority_and_cap() -> None:
    """Round 2 serves the mentee left over from round 1 first; the cap stops a busy mentor."""
    levels = {(S1, "A"): 3, (S2, "A"): 3}
    nips = ["199901012023021001", "199902022023022002", "199903032023021003", "199904042023021004"]
    people = [newcomer(n) for n in nips]
    cohorts = [
        [need(nips[0], ("A", 2, 1)), need(nips[1], ("A", 2, 1))],
        [need(nips[2], ("A", 2, 1)), need(nips[3], ("A", 2, 1))],
    ]
    r = match_in_rounds(
        cohorts,
        [senior(S1), senior(S2)],
        levels=levels,
        employees=people,
        capacities={S1: 1, S2: 1},
        cap=1,
        objective="stable",
        starts=[dt.date(2025, 1, 6), dt.date(2025, 7, 7)],
    )
    # Round 1: both mentors take one each; round 2: both at the cap.
    assert [len(x.pairs) for x in r.rounds] == [2, 0]
    assert r.load() == {S1: 1, S2: 1}
    assert {u.reason for u in r.rounds[1].unmatched_mentors} == {UnmatchedReason.CAP_REACHED}
    assert [u.nip for u in r.unmatched_mentees] == nips[2:]
    assert len(r.graph) == 2
    assert r.cap == 1
    # Without a cap, round 2 serves its cohort; capacity 1 per round.
    r = match_in_rounds(
        cohorts,
        [senior(S1)],
        levels=levels,
        employees=people,
        capacities={S1: 1},
        objective="stable",
    )
    assert [p.mentee for p in r.pairs] == [nips[0], nips[1]]
    assert r.rounds[1].priority == (nips[1],)


def test_rounds_bad_options() -> None:
    """A cap below 1 and start dates that do not match the rounds are refused."""
    with pytest.raises(ValidationError, match="'cap' must be a whole number >= 1 or None"):
        match_in_rounds([[]], [], levels={}, cap=0)
    with pytest.raises(ValidationError, match="'starts' must be 1 dates, one per round"):
        match_in_rounds([[]], [], levels={}, starts=[])
    assert match_in_rounds([], [], levels={}).rounds == ()


def test_to_dataframe() -> None:
    """The pairs load into pandas with their score parts."""
    r = match_mentors(
        [need(N1, ("A", 2, 1))], [senior(S1)], levels={(S1, "A"): 2}, employees=NEWCOMERS
    )
    df = r.to_dataframe()
    assert df.to_dict("records") == [
        {
            "mentor": S1,
            "mentee": N1,
            "score": 1.0,
            "coverage": 1.0,
            "cross_unit": 0.0,
            "same_region": 0.0,
            "covered": "A",
        }
    ]


# --- Properties on random instances --------------------------------------------------------

MENTOR_NIPS = [f"1975010{k}2000011{k:03d}" for k in range(1, 8)]
MENTEE_NIPS = [f"1998010{k}2022021{k:03d}" for k in range(1, 10)]
COMPS = ["A", "B", "C"]


@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    """Small random instances; a few people are on both sides."""
    n_mentors = draw(st.integers(0, 6))
    n_mentees = draw(st.integers(0, 8))
    mentor_nips = MENTOR_NIPS[:n_mentors]
    pool = MENTEE_NIPS[:n_mentees] + draw(
        st.lists(st.sampled_from(mentor_nips or [MENTEE_NIPS[0]]), max_size=2, unique=True)
    )
    pool = sorted(set(pool))
    tiers = st.sampled_from(["pelaksana", "pengawas", "administrator", "ahli_pertama"])
    where = st.sampled_from(["X", "Y"])
    records = {}
    for nip in sorted(set(mentor_nips) | set(pool)):
        records[nip] = Employee(
            nip=nip,
            name="P",
            tier=draw(tiers),
            agency=draw(where),
            unit=draw(where),
            region=draw(where),
        )
    levels = {
        (m, c): draw(st.integers(0, 5)) for m in mentor_nips for c in COMPS if draw(st.booleans())
    }
    needs = [
        MenteeNeed(
            nip=nip,
            needs=[
                CompetencyNeed(
                    competency_id=c,
                    required=draw(st.integers(1, 4)),
                    importance=draw(st.integers(0, 3)),
                )
                for c in draw(st.lists(st.sampled_from(COMPS), max_size=3, unique=True))
            ],
        )
        for nip in pool
    ]
    policy = MatchingPolicy(
        name="random",
        version="1",
        min_tier_gap=draw(st.none() | st.integers(0, 2)),
        min_golongan_gap=None,
        same_agency=draw(st.none() | st.booleans()),
        same_unit=draw(st.none() | st.booleans()),
        same_region=draw(st.none() | st.booleans()),
        default_capacity=draw(st.integers(1, 3)),
        same_region_bonus=draw(st.sampled_from([0.0, 0.1])),
        cross_unit_bonus=draw(st.sampled_from([0.0, 0.25])),
    )
    caps = {m: draw(st.integers(1, 3)) for m in mentor_nips if draw(st.booleans())}
    history = MentoringGraph(
        [
            MentoringRelationship(mentor=m, mentee=e)
            for m in mentor_nips
            for e in pool
            if m != e and draw(st.integers(0, 9)) == 0
        ]
    )
    return {
        "mentees": needs,
        "mentors": [records[m] for m in mentor_nips],
        "levels": levels,
        "employees": list(records.values()),
        "policy": policy,
        "capacities": caps,
        "history": history,
    }


def flow_optimum(inst: dict[str, Any]) -> int:
    """Maximum total integer score by networkx min-cost flow over pairs found by check_pair."""
    policy: MatchingPolicy = inst["policy"]
    records = {e.nip: e for e in inst["employees"]}
    g: nx.DiGraph[Any] = nx.DiGraph()
    mentees: list[MenteeNeed] = inst["mentees"]
    g.add_node("s", demand=-len(mentees))
    g.add_node("t", demand=len(mentees))
    for m in inst["mentors"]:
        cap = inst["capacities"].get(m.nip, policy.default_capacity)
        g.add_edge(("m", m.nip), "t", capacity=cap, weight=0)
        for n in mentees:
            check = check_pair(
                m,
                n,
                levels=inst["levels"],
                mentee=records[n.nip],
                policy=policy,
                history=inst["history"],
            )
            if check.eligible:
                g.add_edge(
                    ("e", n.nip),
                    ("m", m.nip),
                    capacity=1,
                    weight=-round(check.score * policy.scale),
                )
    for n in mentees:
        g.add_edge("s", ("e", n.nip), capacity=1, weight=0)
        g.add_edge(("e", n.nip), "t", capacity=1, weight=0)
    return -int(nx.cost_of_flow(g, nx.min_cost_flow(g)))


def without_policy(inst: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in inst.items() if k != "policy"}


@given(instances())
def test_optimal_total_equals_min_cost_flow(inst: dict[str, Any]) -> None:
    """The optimal total equals networkx's min-cost-flow optimum; rules and capacities hold."""
    result = match_mentors(**inst)
    scale = result.policy.scale
    assert sum(round(p.score * scale) for p in result.pairs) == flow_optimum(inst)
    audit = audit_matching(result, **without_policy(inst))
    assert audit.violations == ()
    matched = {p.mentee for p in result.pairs} | {u.nip for u in result.unmatched_mentees}
    assert matched == {m.nip for m in inst["mentees"]}


@given(instances())
def test_stable_result_has_no_blocking_pair(inst: dict[str, Any]) -> None:
    """Deferred acceptance leaves no blocking pair and breaks no rule."""
    result = match_mentors(objective="stable", **inst)
    audit = audit_matching(result, **without_policy(inst))
    assert audit.blocking_pairs == ()
    assert audit.violations == ()
    assert result.total_score <= match_mentors(**inst).total_score + 1e-9


@given(instances(), st.randoms(use_true_random=False), st.sampled_from(list(MatchingObjective)))
def test_input_order_does_not_matter(
    inst: dict[str, Any], rnd: random.Random, objective: MatchingObjective
) -> None:
    """Shuffled mentees, mentors and records give the same result."""
    first = match_mentors(objective=objective, **inst)
    shuffled = dict(inst)
    for key in ("mentees", "mentors", "employees"):
        items = list(inst[key])
        rnd.shuffle(items)
        shuffled[key] = items
    second = match_mentors(objective=objective, **shuffled)
    assert first == second
    assert isinstance(first, MatchingResult)


def test_components_solved_one_by_one_give_the_same_optimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Solving every connected component on its own reaches the same total as batching them."""
    levels = {(S1, "A"): 3, (S2, "B"): 3, (S3, "A"): 1}
    mentees = [need(N1, ("A", 2, 1)), need(N2, ("B", 2, 1)), need(N3, ("C", 2, 1))]
    mentors = [senior(S1), senior(S2), senior(S3)]
    together = match_mentors(mentees, mentors, levels=levels, employees=NEWCOMERS)
    monkeypatch.setattr(matching_module, "_BATCH_ROWS", 1)
    apart = match_mentors(mentees, mentors, levels=levels, employees=NEWCOMERS)
    assert apart == together
    assert [(p.mentor, p.mentee) for p in apart.pairs] == [(S1, N1), (S2, N2)]


def test_float_exactness_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without room for the tie term the optimum still holds; without room at all, an error."""
    levels = {(S1, "A"): 3}
    args = ([need(N1, ("A", 2, 1))], [senior(S1)])
    monkeypatch.setattr(matching_module, "_EXACT_LIMIT", 2_000_000)
    assert match_mentors(*args, levels=levels, employees=NEWCOMERS).total_score == 1.0
    monkeypatch.setattr(matching_module, "_EXACT_LIMIT", 10)
    with pytest.raises(ValidationError, match="'score_decimals' must be fewer decimals"):
        match_mentors(*args, levels=levels, employees=NEWCOMERS)


@given(instances(), st.integers(1, 3), st.sampled_from(list(MatchingObjective)), st.integers(1, 3))
def test_rounds_respect_cap_history_and_rules(
    inst: dict[str, Any], n_rounds: int, objective: MatchingObjective, cap: int
) -> None:
    """Across rounds no mentor exceeds the cap, no pair repeats, and every round audits clean."""
    mentees = inst["mentees"]
    cohorts = [mentees[k::n_rounds] for k in range(n_rounds)]
    options = without_policy(inst)
    del options["mentees"]
    result = match_in_rounds(
        cohorts, policy=inst["policy"], objective=objective, cap=cap, **options
    )
    assert all(n <= cap for n in result.load().values())
    pairs = [(p.mentor, p.mentee) for p in result.pairs]
    assert len(pairs) == len(set(pairs))
    assert not set(pairs) & inst["history"].pairs()
    history = inst["history"]
    for rnd in result.rounds:
        here = {p.mentee for p in rnd.pairs} | {u.nip for u in rnd.unmatched_mentees}
        round_mentees = [m for m in mentees if m.nip in here]
        in_round = {m.nip for m in inst["mentors"]} - {
            u.nip for u in rnd.unmatched_mentors if u.reason is UnmatchedReason.CAP_REACHED
        }
        audit = audit_matching(
            rnd,
            round_mentees,
            [m for m in inst["mentors"] if m.nip in in_round],
            levels=inst["levels"],
            employees=inst["employees"],
            history=history,
            capacities=dict(rnd.capacities),
        )
        assert audit.violations == ()
        if objective is MatchingObjective.STABLE:
            assert audit.blocking_pairs == ()
        history = history.add(rnd.graph)


# --- inputs that match_in_rounds reads before match_mentors sees them ----------------------


def test_rounds_check_capacities_as_match_mentors_does() -> None:
    """A capacity of 0 used to send the mentor out as 'cap_reached' (cap None); '2' crashed."""
    cohorts = [[need(N1, ("MJ.PP", 2, 1.0))]]
    levels = {(S1, "MJ.PP"): 3}
    kw: dict[str, Any] = {"levels": levels, "employees": NEWCOMERS}
    with pytest.raises(ValidationError, match=rf"'capacities\[{S1}\]' must be a whole number"):
        match_in_rounds(cohorts, [senior(S1)], capacities={S1: 0}, **kw)
    with pytest.raises(ValidationError, match=rf"'capacities\[{S1}\]' must be a whole number"):
        match_in_rounds(cohorts, [senior(S1)], capacities={S1: "2"}, **kw)  # type: ignore[dict-item]
    with pytest.raises(UnknownIdError, match=f"unknown mentor '{S2}'"):
        match_in_rounds(cohorts, [senior(S1)], capacities={S2: 1}, **kw)


def test_rounds_read_capacities_under_any_spelling_of_the_nip() -> None:
    """'19780510 200312 1 001' is S1: its capacity of 1 holds in every round, not the default 3."""
    spaced = f"{S1[:8]} {S1[8:14]} {S1[14]} {S1[15:]}"
    cohorts = [[need(n, ("MJ.PP", 2, 1.0)) for n in (N1, N2)]]
    r = match_in_rounds(
        cohorts,
        [senior(S1)],
        levels={(S1, "MJ.PP"): 3},
        employees=NEWCOMERS,
        capacities={spaced: 1},
    )
    assert r.load() == {S1: 1}
    with pytest.raises(ValidationError, match="'capacities' must be one capacity per mentor"):
        match_mentors(
            cohorts[0],
            [senior(S1)],
            levels={(S1, "MJ.PP"): 3},
            employees=NEWCOMERS,
            capacities={spaced: 1, S1: 2},
        )


def test_rounds_refuse_a_mentee_twice_in_one_cohort() -> None:
    """Twice in one cohort, the later entry silently won: the result hung on the input order."""
    first, second = need(N1, ("MJ.PP", 2, 1.0)), need(N1, ("MJ.KOM", 2, 1.0))
    for cohort in ([first, second], [second, first]):
        with pytest.raises(ValidationError, match=r"'cohorts\[0\]' must be unique ids"):
            match_in_rounds([cohort], [senior(S1)], levels={(S1, "MJ.PP"): 3}, employees=NEWCOMERS)
    with pytest.raises(ValidationError, match=r"'cohorts\[0\]' must be MenteeNeed objects"):
        match_in_rounds([[N1]], [senior(S1)], levels={}, employees=NEWCOMERS)  # type: ignore[list-item]


def test_start_dates_are_checked_up_front() -> None:
    """A text start used to fail only later, inside result.graph, with an AttributeError."""
    needs = [need(N1, ("MJ.PP", 2, 1.0))]
    kw: dict[str, Any] = {"levels": {(S1, "MJ.PP"): 3}, "employees": NEWCOMERS}
    with pytest.raises(ValidationError, match="'start' must be a date"):
        match_mentors(needs, [senior(S1)], start="2024-01-08", **kw)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'starts\[0\]' must be a date"):
        match_in_rounds([needs], [senior(S1)], starts=["2024-01-08"], **kw)  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'capacities' must be a mapping"):
        match_mentors(needs, [senior(S1)], capacities=[(S1, 1)], **kw)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'mentors' must be Employee objects"):
        match_in_rounds([needs], [S1], **kw)  # type: ignore[list-item]


def test_policy_and_framework_of_the_wrong_kind_are_named() -> None:
    """match_in_rounds read policy.default_capacity before any check (AttributeError)."""
    needs = [need(N1, ("MJ.PP", 2, 1.0))]
    kw: dict[str, Any] = {"levels": {(S1, "MJ.PP"): 3}, "employees": NEWCOMERS}
    bad: Any = "asn-national"
    with pytest.raises(ValidationError, match="'policy' must be a MatchingPolicy"):
        match_in_rounds([needs], [senior(S1)], policy=bad, **kw)
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        match_mentors(needs, [senior(S1)], framework=bad, **kw)
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        match_in_rounds([needs], [senior(S1)], framework=bad, **kw)
    with pytest.raises(ValidationError, match="'result' must be a MatchingResult"):
        audit_matching(bad, needs, [senior(S1)], **kw)
