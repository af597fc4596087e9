import datetime as dt
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import (
    Assessment,
    Employee,
    MentoringGraph,
    MentoringRelationship,
    PositionStandard,
    Requirement,
    combine_assessments,
)
from asn_competency import strategies as acst
from asn_competency.domain.mentoring import CompetencyNeed, MenteeNeed
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import analyse_gaps
from asn_competency.gaps.levels import normalise_levels
from asn_competency.matching._candidates import build_candidates
from asn_competency.matching.rules import check_pair
from asn_competency.policies.matching import MATCHING_DEFAULT, MatchingPolicy, PairRule

SENIOR, JUNIOR, OTHER = "197805102003121001", "199901012023021001", "198001012005011001"


def emp(nip: str, **kw: Any) -> Employee:
    return Employee(nip=nip, name="X", **kw)


BOSS = emp(
    SENIOR,
    tier="administrator",
    golongan="III/d",
    agency="Dukcapil",
    unit="Arsip",
    region="Lampung",
)
NEW = emp(
    JUNIOR, tier="pelaksana", golongan="II/a", agency="Dukcapil", unit="Layanan", region="Lampung"
)
NEED = MenteeNeed(
    nip=JUNIOR,
    needs=[
        CompetencyNeed(competency_id="MJ.KOM", required=2, importance=1),
        CompetencyNeed(competency_id="MJ.PP", required=3, importance=3),
    ],
)


def test_worked_score() -> None:
    """Covering MJ.PP (importance 3 of 4) scores 0.75; the region and unit bonuses add on."""
    levels = {(SENIOR, "MJ.PP"): 3, (SENIOR, "MJ.KOM"): 1}
    check = check_pair(BOSS, NEED, levels=levels, mentee=NEW)
    assert check.eligible
    assert (check.covered, check.score) == (("MJ.PP",), 0.75)
    assert check.passed == MATCHING_DEFAULT.pair_rules
    bonus = attrs.evolve(MATCHING_DEFAULT, same_region_bonus=0.1, cross_unit_bonus=0.05)
    check = check_pair(BOSS, NEED, levels=levels, mentee=NEW, policy=bonus)
    assert dict(check.parts) == {"coverage": 0.75, "cross_unit": 0.05, "same_region": 0.1}
    assert check.score == 0.9


def test_level_margin_and_zero_importance() -> None:
    """A margin raises the bar; with every importance 0 each need counts equally."""
    levels = {(SENIOR, "MJ.PP"): 3, (SENIOR, "MJ.KOM"): 2}
    strict = attrs.evolve(MATCHING_DEFAULT, level_margin=1)
    assert check_pair(BOSS, NEED, levels=levels, mentee=NEW, policy=strict).failed == (
        "competency_level",
    )
    flat = MenteeNeed(
        nip=JUNIOR,
        needs=[
            CompetencyNeed(competency_id="MJ.KOM", required=2, importance=0),
            CompetencyNeed(competency_id="MJ.PP", required=4, importance=0),
        ],
    )
    assert check_pair(BOSS, flat, levels=levels, mentee=NEW).score == 0.5
    assert check_pair(BOSS, MenteeNeed(nip=JUNIOR), levels=levels, mentee=NEW).score == 0.0


def test_seniority_by_tier_or_golongan() -> None:
    """Either the tier margin or the golongan margin suffices; PNS and PPPK ranks do not compare."""
    levels = {(SENIOR, "MJ.PP"): 3}
    peer = emp(JUNIOR, tier="administrator", golongan="III/b")
    assert "seniority" in check_pair(BOSS, NEED, levels=levels, mentee=peer).passed  # III/d - III/b
    gol_only = attrs.evolve(MATCHING_DEFAULT, min_tier_gap=None, min_golongan_gap=3)
    assert "seniority" in check_pair(BOSS, NEED, levels=levels, mentee=peer, policy=gol_only).failed
    pppk = emp("199901012023211001", tier="pelaksana", golongan="5")
    tier_none = attrs.evolve(MATCHING_DEFAULT, min_tier_gap=None)
    need = attrs.evolve(NEED, nip=pppk.nip)
    assert (
        "seniority" in check_pair(BOSS, need, levels=levels, mentee=pppk, policy=tier_none).failed
    )
    off = attrs.evolve(MATCHING_DEFAULT, min_tier_gap=None, min_golongan_gap=None)
    assert not off.checks_seniority
    assert "seniority" not in check_pair(BOSS, NEED, levels=levels, mentee=NEW, policy=off).passed


@pytest.mark.parametrize(
    ("field", "wanted", "ok"),
    [
        ("same_agency", True, True),
        ("same_agency", False, False),
        ("same_unit", True, False),
        ("same_unit", False, True),
        ("same_region", True, True),
        ("same_region", False, False),
    ],
)
def test_location_rules(field: str, wanted: bool, ok: bool) -> None:
    """Location rules are named after what they ask for and pass or fail accordingly."""
    options: dict[str, Any] = {field: wanted}
    policy = attrs.evolve(MATCHING_DEFAULT, **options)
    check = check_pair(BOSS, NEED, levels={(SENIOR, "MJ.PP"): 3}, mentee=NEW, policy=policy)
    name = field if wanted else field.replace("same", "different")
    assert (name in check.passed) is ok
    assert (name in check.failed) is not ok
    assert name in policy.pair_rules


def test_history_exclusions_self_and_extra_rules() -> None:
    """Repeats, exclusions, self-pairs and rules of your own all show up by name."""
    levels = {(SENIOR, "MJ.PP"): 3, (JUNIOR, "MJ.PP"): 5}
    history = MentoringGraph([MentoringRelationship(mentor=SENIOR, mentee=JUNIOR)])
    check = check_pair(
        BOSS, NEED, levels=levels, mentee=NEW, history=history, exclusions=[(SENIOR, JUNIOR)]
    )
    assert check.failed == ("no_repeat", "not_excluded")
    me = emp(JUNIOR, tier="administrator")
    off = attrs.evolve(MATCHING_DEFAULT, min_tier_gap=None, min_golongan_gap=None)
    assert check_pair(me, NEED, levels=levels, policy=off).failed == ("not_self",)
    never = PairRule(name="never", check=lambda mentor, need, mentee: False)
    policy = attrs.evolve(MATCHING_DEFAULT, extra_rules=[never])
    assert check_pair(BOSS, NEED, levels=levels, mentee=NEW, policy=policy).failed == ("never",)
    assert policy.rules[-2:] == ("never", "capacity")


def test_check_pair_bad_input() -> None:
    """A record of another person, or a missing record the policy needs, is refused."""
    with pytest.raises(ValidationError, match=f"'mentee' must be the record of '{JUNIOR}'"):
        check_pair(BOSS, NEED, levels={}, mentee=BOSS)
    with pytest.raises(UnknownIdError, match=f"unknown employee '{JUNIOR}' in employees"):
        check_pair(BOSS, NEED, levels={})
    with pytest.raises(ValidationError, match="'exclusions' must be"):
        check_pair(BOSS, NEED, levels={}, mentee=NEW, exclusions=[("1", "2", "3")])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'levels"):
        normalise_levels({(SENIOR, "MJ.PP"): -1})
    with pytest.raises(ValidationError, match="'levels\\[x\\]' must be a finite level"):
        normalise_levels({"x": "high"})  # type: ignore[arg-type]


def test_needs_validation_and_from_report() -> None:
    """Needs are sorted and unique; a gap report's BELOW items become needs."""
    with pytest.raises(ValidationError, match="'needs' must be unique ids"):
        MenteeNeed(nip=JUNIOR, needs=[CompetencyNeed(competency_id="A", required=1)] * 2)
    with pytest.raises(ValidationError, match="'needs' must be CompetencyNeed objects"):
        MenteeNeed(nip=JUNIOR, needs=["A"])
    with pytest.raises(ValidationError, match="'required' must be a whole number >= 1"):
        CompetencyNeed(competency_id="A", required=0)
    with pytest.raises(ValidationError, match="'nip' must be 18 digits"):
        MenteeNeed(nip="123")

    @attrs.frozen
    class Item:
        competency_id: str
        required: int
        importance: float

    @attrs.frozen
    class Report:
        nip: str
        items: tuple[Item, ...]

        def below(self) -> tuple[Item, ...]:
            return self.items

    need = MenteeNeed.from_report(Report(JUNIOR, (Item("MJ.PP", 3, 2.0), Item("MJ.KOM", 2, 1.0))))
    assert need.competency_ids == ("MJ.KOM", "MJ.PP")
    assert need.total_importance == 3.0


def test_policy_validation() -> None:
    """Bad policy values name their field."""
    with pytest.raises(ValidationError, match="'default_capacity' must be a whole number >= 1"):
        attrs.evolve(MATCHING_DEFAULT, default_capacity=0)
    with pytest.raises(ValidationError, match="'min_tier_gap' must be a whole number >= 0 or None"):
        attrs.evolve(MATCHING_DEFAULT, min_tier_gap=-1)
    with pytest.raises(ValidationError, match="'same_unit' must be True, False or None"):
        attrs.evolve(MATCHING_DEFAULT, same_unit="yes")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'score_decimals' must be a whole number in 0\.\.9"):
        attrs.evolve(MATCHING_DEFAULT, score_decimals=12)
    with pytest.raises(ValidationError, match="'cross_unit_bonus' must be a number >= 0"):
        attrs.evolve(MATCHING_DEFAULT, cross_unit_bonus=-0.1)
    with pytest.raises(ValidationError, match="'extra_rules' must be names other than"):
        attrs.evolve(MATCHING_DEFAULT, extra_rules=[PairRule(name="seniority")])
    with pytest.raises(ValidationError, match="'extra_rules' must be PairRule objects"):
        attrs.evolve(MATCHING_DEFAULT, extra_rules=["x"])
    with pytest.raises(ValidationError, match="'extra_rules' must be unique ids"):
        attrs.evolve(MATCHING_DEFAULT, extra_rules=[PairRule(name="a"), PairRule(name="a")])
    assert MATCHING_DEFAULT.scale == 1_000_000
    assert "[U]" in MATCHING_DEFAULT.source


# --- The array version agrees with the pair-by-pair rules --------------------------------

NIPS = [f"1980010{k}2005011{k:03d}" for k in range(1, 8)]


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    mentors = sorted(draw(st.lists(st.sampled_from(NIPS), max_size=5, unique=True)))
    mentees = sorted(draw(st.lists(st.sampled_from(NIPS), max_size=5, unique=True)))
    where = st.sampled_from(["X", "Y"])
    records = {
        n: Employee(
            nip=n,
            name="P",
            tier=draw(st.none() | st.sampled_from(["pelaksana", "pengawas", "administrator"])),
            golongan=draw(st.none() | st.sampled_from(["II/a", "III/a", "III/c", "IV/a"])),
            agency=draw(where),
            unit=draw(where),
            region=draw(where),
        )
        for n in sorted(set(mentors) | set(mentees))
    }
    comps = ["A", "B", "C"]
    levels = {
        (m, c): float(draw(st.integers(0, 5)))
        for m in mentors
        for c in comps
        if draw(st.booleans())
    }
    needs = tuple(
        MenteeNeed(
            nip=n,
            needs=[
                CompetencyNeed(
                    competency_id=c,
                    required=draw(st.integers(1, 5)),
                    importance=draw(st.integers(0, 3)),
                )
                for c in draw(st.lists(st.sampled_from(comps), max_size=3, unique=True))
            ],
        )
        for n in mentees
    )
    policy = MatchingPolicy(
        name="p",
        version="1",
        level_margin=draw(st.sampled_from([0.0, 1.0])),
        min_tier_gap=draw(st.none() | st.integers(0, 2)),
        min_golongan_gap=draw(st.none() | st.integers(0, 6)),
        same_agency=draw(st.none() | st.booleans()),
        same_unit=draw(st.none() | st.booleans()),
        same_region=draw(st.none() | st.booleans()),
        avoid_repeat=draw(st.booleans()),
        same_region_bonus=draw(st.sampled_from([0.0, 0.2])),
        cross_unit_bonus=draw(st.sampled_from([0.0, 0.1])),
        score_decimals=draw(st.integers(0, 6)),
        extra_rules=draw(
            st.sampled_from([(), (PairRule(name="odd", check=lambda m, n, e: m.nip < n.nip),)])
        ),
    )
    pairs = [(m, e) for m in mentors for e in mentees if m != e]
    history = draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else []
    exclusions = draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else []
    return {
        "mentors": tuple(records[m] for m in mentors),
        "mentees": needs,
        "records": records,
        "levels": levels,
        "policy": policy,
        "history": MentoringGraph([MentoringRelationship(mentor=m, mentee=e) for m, e in history]),
        "exclusions": frozenset(exclusions),
    }


@given(worlds())
def test_array_candidates_match_pairwise_rules(w: dict[str, Any]) -> None:
    """Every pair is eligible in the array search exactly when check_pair says so, same score."""
    cand = build_candidates(
        w["mentees"],
        w["mentors"],
        levels=w["levels"],
        records=w["records"],
        policy=w["policy"],
        history_pairs=w["history"].pairs(),
        exclusions=w["exclusions"],
    )
    found = {
        (w["mentors"][i].nip, w["mentees"][j].nip): int(s)
        for j, i, s in zip(cand.pair_mentee, cand.pair_mentor, cand.score_int, strict=True)
    }
    expected = {}
    for m in w["mentors"]:
        for n in w["mentees"]:
            check = check_pair(
                m,
                n,
                levels=w["levels"],
                mentee=w["records"][n.nip],
                policy=w["policy"],
                history=w["history"],
                exclusions=w["exclusions"],
            )
            assert 0.0 <= dict(check.parts)["coverage"] <= 1.0
            if check.eligible:
                expected[(m.nip, n.nip)] = round(check.score * w["policy"].scale)
    # Equal to the unit, not within one: a pair's audited score is its matched score.
    assert found == expected


def test_from_a_real_gap_report() -> None:
    """The BELOW items of a gap report become needs; met and unassessed ones do not."""
    std = PositionStandard(
        position_id="FO",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id="MJ.PP", level=2, importance=3),
            Requirement(competency_id="MJ.KOM", level=2),
            Requirement(competency_id="MJ.INT", level=2),
        ],
    )
    day = dt.date(2024, 3, 1)
    levels = [
        Assessment(nip=JUNIOR, competency_id="MJ.PP", level=1, assessed_on=day),
        Assessment(nip=JUNIOR, competency_id="MJ.KOM", level=2, assessed_on=day),
    ]
    need = MenteeNeed.from_report(analyse_gaps(levels, std, nip=JUNIOR))
    assert need.nip == JUNIOR
    assert need.needs == (CompetencyNeed(competency_id="MJ.PP", required=2, importance=3.0),)


@given(acst.mentee_needs(), acst.matching_policies(), st.integers(0, 5), st.integers(0, 5))
def test_scores_stay_in_bounds_under_drawn_policies(
    need: MenteeNeed, policy: MatchingPolicy, level: int, other: int
) -> None:
    """Coverage lies in [0, 1]; the score is its weighted value plus at most both bonuses."""
    mentor = emp(SENIOR, tier="administrator")
    mentee = emp(need.nip, tier="pelaksana")
    levels = {
        (SENIOR, n.competency_id): float(level if k % 2 else other)
        for k, n in enumerate(need.needs)
    }
    if mentee.nip == SENIOR:
        return
    check = check_pair(mentor, need, levels=levels, mentee=mentee, policy=policy)
    parts = dict(check.parts)
    assert 0.0 <= parts["coverage"] <= policy.coverage_weight + 1e-12
    top = policy.coverage_weight + policy.same_region_bonus + policy.cross_unit_bonus
    assert 0.0 <= check.score <= top + 10**-policy.score_decimals
    assert set(check.passed) | set(check.failed) <= set(policy.pair_rules)
    assert check.eligible == (not check.failed)
    assert bool(check.covered) == ("competency_level" in check.passed)


# --- regressions -----------------------------------------------------------------------------


def test_audited_score_equals_the_matched_score_at_a_half() -> None:
    """7 of 20 equal needs covered: share 0.35, which rounds to 0.4 at one decimal.

    check_pair rounded the float 0.35 (stored as 0.34999...) with ``round`` to 0.3,
    while the matchers summed 7 x 0.05 and rounded with ``numpy.round`` to 0.4.
    """
    comps = [f"MJ.C{k:02d}" for k in range(20)]
    need = MenteeNeed(
        nip=JUNIOR, needs=[CompetencyNeed(competency_id=c, required=2) for c in comps]
    )
    levels = {(SENIOR, c): 3.0 for c in comps[:7]}
    policy = attrs.evolve(MATCHING_DEFAULT, score_decimals=1)
    check = check_pair(BOSS, need, levels=levels, mentee=NEW, policy=policy)
    cand = build_candidates(
        (need,),
        (BOSS,),
        levels=levels,
        records={JUNIOR: NEW},
        policy=policy,
        history_pairs=frozenset(),
        exclusions=frozenset(),
    )
    assert check.score == 0.4
    assert cand.score_int.tolist() == [4]


def test_extreme_importances_keep_their_shares() -> None:
    """Two needs of importance 1e308: one covered is half (their sum overflowed, giving 0)."""
    for importance in (1e308, 5e-324):
        need = MenteeNeed(
            nip=JUNIOR,
            needs=[
                CompetencyNeed(competency_id=c, required=2, importance=importance)
                for c in ("MJ.KOM", "MJ.PP")
            ],
        )
        check = check_pair(BOSS, need, levels={(SENIOR, "MJ.KOM"): 3.0}, mentee=NEW)
        assert check.score == 0.5


def test_numpy_numbers_are_numbers() -> None:
    """Levels, requirements and importances read from NumPy columns are accepted as numbers."""
    need = CompetencyNeed(
        competency_id="MJ.PP",
        required=np.int64(3),  # type: ignore[arg-type]
        importance=np.int64(2),  # type: ignore[arg-type]
    )
    assert (need.required, need.importance) == (3, 2.0)
    assert (type(need.required), type(need.importance)) == (int, float)
    levels: Any = {(SENIOR, "MJ.PP"): np.int64(3)}
    assert normalise_levels(levels) == {(SENIOR, "MJ.PP"): 3.0}


def test_huge_integers_and_wrong_arguments_are_named() -> None:
    """Integers beyond the float range and arguments of the wrong type raise ValidationError."""
    with pytest.raises(ValidationError, match="'importance' must be a finite number"):
        CompetencyNeed(competency_id="MJ.PP", required=2, importance=10**400)
    with pytest.raises(ValidationError, match=r"'levels\[197805102003121001, MJ.PP\]'"):
        normalise_levels({(SENIOR, "MJ.PP"): 10**400})
    with pytest.raises(ValidationError, match="'levels'"):
        normalise_levels(None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'needs'"):
        MenteeNeed(nip=JUNIOR, needs=None)  # type: ignore[arg-type]
    for kwargs, field in (
        ({"mentor": "x"}, "mentor"),
        ({"need": "x"}, "need"),
        ({"mentee": "x"}, "mentee"),
        ({"policy": "x"}, "policy"),
        ({"history": [(SENIOR, JUNIOR)]}, "history"),
        ({"exclusions": None}, "exclusions"),
    ):
        args: dict[str, Any] = {"mentor": BOSS, "need": NEED, "mentee": NEW, **kwargs}
        with pytest.raises(ValidationError) as exc:
            check_pair(args.pop("mentor"), args.pop("need"), levels={}, **args)
        assert exc.value.field == field


def test_scores_beyond_the_rounding_range_are_kept() -> None:
    """A coverage weight near the float limit gives that score, not an OverflowError."""
    policy = attrs.evolve(MATCHING_DEFAULT, coverage_weight=1e308)
    check = check_pair(BOSS, NEED, levels={(SENIOR, "MJ.PP"): 3.0}, mentee=NEW, policy=policy)
    assert check.score == 1e308 * 0.75  # MJ.PP carries 3 of the 4 importance


@pytest.mark.parametrize(("field", "value"), [("required", "2"), ("importance", "1")])
def test_texts_are_not_numbers(field: str, value: str) -> None:
    """Texts are left for the validators, which name the field."""
    args: dict[str, Any] = {"competency_id": "MJ.PP", "required": 2, field: value}
    with pytest.raises(ValidationError) as exc:
        CompetencyNeed(**args)
    assert exc.value.field == field


def test_rule_check_must_be_callable() -> None:
    """A rule whose check is not a function is refused when built, not mid-matching."""
    with pytest.raises(ValidationError, match="'check' must be a function"):
        PairRule(name="broken", check=True)  # type: ignore[arg-type]


def test_current_level_filed_under_another_key_is_named() -> None:
    """A mentor's CurrentLevel filed under another person's key was silently used."""
    a = Assessment(nip=SENIOR, competency_id="MJ.PP", level=4, assessed_on=dt.date(2024, 1, 1))
    current = combine_assessments([a])[(SENIOR, "MJ.PP")]
    assert normalise_levels({(SENIOR, "MJ.PP"): current}) == {(SENIOR, "MJ.PP"): 4.0}
    with pytest.raises(ValidationError, match=rf"'levels\[{OTHER}, MJ.PP\]'"):
        normalise_levels({(OTHER, "MJ.PP"): current})
