import fractions

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import Employee, UnknownIdError, ValidationError
from asn_competency import strategies as acst
from asn_competency.policies.nine_box import (
    NINE_BOX_PERMENPANRB_3_2020,
    NineBoxPolicy,
    Performance,
    Potential,
)
from asn_competency.policies.potential import POTENTIAL_DEFAULT
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT
from asn_competency.talent.nine_box import TalentBox, summarise_talent, talent_box
from asn_competency.talent.potential import PotentialEvidence, analyse_potential

# The DOMAIN table (PermenPAN-RB 3/2020 practice): box -> (kinerja, potensial).
TABLE = {
    1: ("below", "low"),
    2: ("meets", "low"),
    3: ("below", "middle"),
    4: ("above", "low"),
    5: ("meets", "middle"),
    6: ("below", "high"),
    7: ("above", "middle"),
    8: ("meets", "high"),
    9: ("above", "high"),
}


@pytest.mark.parametrize(("number", "axes"), sorted(TABLE.items()))
def test_box_numbers_follow_the_table(number: int, axes: tuple[str, str]) -> None:
    """Each (performance, potential) pair lands in the box the table gives."""
    box = talent_box(*axes)
    assert box.number == number
    assert (box.performance.value, box.potential.value) == axes
    assert box.recommendation == NINE_BOX_PERMENPANRB_3_2020.recommendations[number]
    assert box.policy_name == NINE_BOX_PERMENPANRB_3_2020.name


def test_labels_in_both_languages() -> None:
    """Axis labels come in Indonesian and English."""
    box = talent_box(Performance.BELOW, Potential.MIDDLE)
    assert (box.performance_id, box.performance_en) == ("Di bawah ekspektasi", "Below expectation")
    assert (box.potential_id, box.potential_en) == ("Menengah", "Middle")
    top = talent_box("meets", "high")
    assert (top.performance_id, top.potential_id) == ("Sesuai ekspektasi", "Tinggi")


@pytest.mark.parametrize(
    ("performance", "potential", "number"),
    [
        (75.99, 67.99, 1),  # below, low
        (76, 67.99, 2),  # meets from 76
        (90.99, 68, 5),  # still meets; middle from 68
        (91, 79.99, 7),  # above from 91
        (100, 80, 9),  # high from 80
        (0, 100, 6),
        ("above", 0, 4),
    ],
)
def test_scores_map_by_the_cut_offs(performance: float, potential: float, number: int) -> None:
    """Scores map to ranks by the policy's cut-offs, each including its lower bound."""
    assert talent_box(performance, potential).number == number


def test_replaced_cut_offs() -> None:
    """Another policy's cut-offs move the boundaries."""
    strict = attrs.evolve(NINE_BOX_PERMENPANRB_3_2020, performance_cutoffs=(80, 95))
    assert talent_box(78, "low", policy=strict).number == 1
    assert talent_box(78, "low").number == 2


@pytest.mark.parametrize(
    ("performance", "potential", "field"),
    [
        ("excellent", "low", "performance"),
        (101, "low", "performance"),
        (-1, "low", "performance"),
        (float("nan"), "low", "performance"),
        (True, "low", "performance"),
        (None, "low", "performance"),
        ("meets", "tinggi", "potential"),
        ("meets", 100.5, "potential"),
    ],
)
def test_bad_ranks_and_scores(performance: object, potential: object, field: str) -> None:
    """An unknown rank or an out-of-range score names the axis and the value."""
    with pytest.raises(ValidationError) as exc:
        talent_box(performance, potential)  # type: ignore[arg-type]
    assert exc.value.field == field
    assert repr(performance if field == "performance" else potential) in str(exc.value)


def test_bad_policy_argument() -> None:
    """A policy of the wrong type is named."""
    with pytest.raises(ValidationError, match="'policy' must be a NineBoxPolicy"):
        talent_box("meets", "low", policy="x")  # type: ignore[arg-type]


_DOUBLE_TWO: dict[object, int] = {}
for _cell, _number in NINE_BOX_PERMENPANRB_3_2020.grid.items():
    _DOUBLE_TWO[_cell] = 2 if _number == 1 else _number


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"grid": _DOUBLE_TWO}, "grid"),
        ({"grid": {("worst", "low"): 1}}, "grid"),
        ({"grid": dict.fromkeys([1], 1)}, "grid"),
        ({"recommendations": {1: "x"}}, "recommendations"),
        ({"performance_cutoffs": (90, 80)}, "cutoffs"),
        ({"performance_cutoffs": (80,)}, "cutoffs"),
        ({"potential_cutoffs": (0, 50)}, "potential_cutoffs"),
        ({"potential_cutoffs": (50, 150)}, "potential_cutoffs"),
    ],
)
def test_bad_nine_box_policy(change: dict[str, object], field: str) -> None:
    """A broken numbering, missing recommendation or bad cut-offs are rejected."""
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(NINE_BOX_PERMENPANRB_3_2020, **change)  # type: ignore[arg-type]
    assert exc.value.field == field


@given(st.floats(0, 100), st.floats(0, 100))
def test_scores_always_land_in_one_box(performance: float, potential: float) -> None:
    """Every score pair in range gets a box 1-9 consistent with the rank names."""
    box = talent_box(performance, potential)
    assert 1 <= box.number <= 9
    assert talent_box(box.performance.value, box.potential.value) == box


# --- distribution -----------------------------------------------------------------------------


def _people(units: list[str]) -> list[Employee]:
    return [
        Employee(nip=f"199001012015031{i + 1:03d}", name=f"P{i}", agency="BKPSDM", unit=u)
        for i, u in enumerate(units)
    ]


def test_distribution_by_unit_suppresses_small_groups() -> None:
    """Six people in A are shown; two in B are only counted as one suppressed group."""
    people = _people(["A"] * 6 + ["B"] * 2)
    boxes = ["9", "5", "5", "1", "8", "2", "9", "9"]
    placements = [(e, talent_box(*TABLE[int(b)])) for e, b in zip(people, boxes, strict=True)]
    d = summarise_talent(placements, by="unit")
    assert [g.key for g in d.groups] == [("A",)]
    assert d.suppressed_groups == 1
    assert d.group("A").counts == (1, 1, 0, 0, 2, 0, 0, 1, 1)
    assert d.group("A").count(5) == 2
    # Totals cover the shown group only, so B's two box-9 people cannot be derived.
    assert d.totals == d.group("A").counts
    assert d.policy is SUPPRESSION_DEFAULT
    df = d.to_dataframe()
    assert df.columns.tolist()[:3] == ["unit", "people", "box_1"]
    assert df["box_5"].tolist() == [2]


def test_distribution_overall_is_not_suppressed() -> None:
    """Without grouping there is one overall count, whatever its size."""
    people = _people(["A", "B"])
    d = summarise_talent(
        [(people[0], talent_box("above", "high")), (people[1], talent_box("below", "low"))]
    )
    assert d.by == ()
    assert d.groups[0].key == ()
    assert d.totals == (1, 0, 0, 0, 0, 0, 0, 0, 1)
    assert d.policy is None


def test_empty_distribution() -> None:
    """No placements: no groups and zero totals."""
    d = summarise_talent([], by=("agency", "unit"))
    assert (d.groups, d.suppressed_groups, d.totals) == ((), 0, (0,) * 9)


def test_distribution_bad_input() -> None:
    """A person twice, a malformed pair, a bad field or box are named."""
    (e,) = _people(["A"])
    box = talent_box("meets", "low")
    with pytest.raises(ValidationError, match="twice"):
        summarise_talent([(e, box), (e, box)])
    with pytest.raises(ValidationError, match=r"'placements\[0\]'"):
        summarise_talent([(e,)])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"'placements\[0\]'"):
        summarise_talent([(box, e)])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'by'"):
        summarise_talent([(e, box)], by="golongan")
    with pytest.raises(ValidationError, match="'policy'"):
        summarise_talent([], by="unit", policy=None)  # type: ignore[arg-type]
    d = summarise_talent([(e, box)])
    with pytest.raises(ValidationError, match="'box' must be a box number 1-9"):
        d.groups[0].count(10)
    with pytest.raises(UnknownIdError, match="A"):
        d.group("A")


@given(
    st.lists(st.tuples(st.sampled_from("ABCD"), st.integers(1, 9)), max_size=30),
    st.integers(1, 8),
)
def test_distribution_never_shows_a_small_group(
    rows: list[tuple[str, int]], threshold: int
) -> None:
    """Shown groups reach the threshold; totals add up from shown groups only."""
    people = _people([u for u, _ in rows])
    placements: list[tuple[Employee, TalentBox]] = [
        (e, talent_box(*TABLE[b])) for e, (_, b) in zip(people, rows, strict=True)
    ]
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=threshold)
    d = summarise_talent(placements, by="unit", policy=policy)
    sizes = {u: sum(1 for v, _ in rows if v == u) for u, _ in rows}
    assert d.suppressed_groups == sum(1 for n in sizes.values() if n < threshold)
    for g in d.groups:
        assert g.people == sizes[g.key[0]] >= threshold
        assert sum(g.counts) == g.people
    assert d.totals == tuple(sum(g.counts[b] for g in d.groups) for b in range(9))
    assert isinstance(NINE_BOX_PERMENPANRB_3_2020, NineBoxPolicy)


@given(acst.talent_boxes())
def test_strategy_boxes_follow_the_grid(box: TalentBox) -> None:
    """Boxes drawn by the shipped strategy match the policy grid and recommendations."""
    assert NINE_BOX_PERMENPANRB_3_2020.grid[(box.performance, box.potential)] == box.number
    assert box.recommendation == NINE_BOX_PERMENPANRB_3_2020.recommendations[box.number]


# --- regressions: inputs that used to crash or give a wrong box ------------------------------


def test_numpy_and_fraction_scores_map_like_plain_numbers() -> None:
    """Scores read from a NumPy or pandas column land in the same box as plain numbers."""
    # 80 meets (76..<91) and 70 is middle (68..<80): box 5, as in the module example.
    assert talent_box(np.int64(80), np.float32(70)).number == 5  # type: ignore[arg-type]
    assert talent_box(fractions.Fraction(80), 70).number == 5  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_scores_beyond_the_float_range_are_named(value: int) -> None:
    """An integer too large for a float is an out-of-range score, not an OverflowError."""
    with pytest.raises(ValidationError) as exc:
        talent_box(value, "low")
    assert exc.value.field == "performance"


def test_count_takes_whole_box_numbers_only() -> None:
    """count(5.0) is refused by name (it used to raise a bare TypeError); NumPy ints work."""
    (e,) = _people(["A"])
    group = summarise_talent([(e, talent_box("meets", "middle"))]).groups[0]
    assert group.count(np.int64(5)) == 1  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'box' must be a box number 1-9 \(got 5.0\)"):
        group.count(5.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [0, 10, True, 5.0])
def test_box_numbers_are_checked(number: object) -> None:
    """A hand-made box 0 was counted in box 9 and box 10 raised IndexError: both are refused."""
    with pytest.raises(ValidationError) as exc:
        TalentBox(
            number=number,  # type: ignore[arg-type]
            performance="below",
            potential="low",
            recommendation="x",
            policy_name="p",
        )
    assert exc.value.field == "number"


def test_box_ranks_are_converted() -> None:
    """Ranks given as text become the enums; an unknown rank is named."""
    box = TalentBox(
        number=1,
        performance="below",
        potential="low",
        recommendation="x",
        policy_name="p",
    )
    assert (box.performance, box.potential_en) == (Performance.BELOW, "Low")
    with pytest.raises(ValidationError, match="'potential'"):
        attrs.evolve(box, potential="tinggi")


def test_policy_tables_are_read_only() -> None:
    """The shared national policy cannot be changed through its grid or recommendations."""
    policy = NINE_BOX_PERMENPANRB_3_2020
    with pytest.raises(TypeError):
        policy.grid[(Performance.BELOW, Potential.LOW)] = 9  # type: ignore[index]
    with pytest.raises(TypeError):
        policy.recommendations[1] = "x"  # type: ignore[index]
    assert talent_box("below", "low").number == 1
    assert hash(policy) == hash(attrs.evolve(policy))


_GRID: dict[object, object] = dict(NINE_BOX_PERMENPANRB_3_2020.grid)
_RECOMMENDATIONS: dict[object, object] = dict(NINE_BOX_PERMENPANRB_3_2020.recommendations.items())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"grid": {**_GRID, ("below", "low"): "1"}}, "grid"),
        ({"grid": {**_GRID, ("below", "low"): True}}, "grid"),
        ({"grid": {**_GRID, ("below", "low"): 1.0}}, "grid"),
        ({"grid": list(_GRID.items())}, "grid"),
        ({"recommendations": list(_RECOMMENDATIONS.values())}, "recommendations"),
        ({"recommendations": {**_RECOMMENDATIONS, "x": "y"}}, "recommendations"),
        ({"recommendations": {**_RECOMMENDATIONS, 1: 5}}, "recommendations[1]"),
        ({"performance_cutoffs": 5}, "cutoffs"),
        ({"potential_cutoffs": None}, "cutoffs"),
        ({"score_range": (0, 10**400)}, "cutoffs"),
    ],
)
def test_malformed_policy_tables_are_named(change: dict[str, object], field: str) -> None:
    """Wrong types in the grid, recommendations or cut-offs raise ValidationError, not a crash."""
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(NINE_BOX_PERMENPANRB_3_2020, **change)  # type: ignore[arg-type]
    assert exc.value.field == field


def test_placements_that_are_not_iterable_are_named() -> None:
    """summarise_talent(None) raised TypeError; it is named."""
    with pytest.raises(ValidationError, match="'placements'"):
        summarise_talent(None)  # type: ignore[arg-type]


# --- potential from evidence ----------------------------------------------------------------


def test_evidence_places_the_potential_and_is_kept() -> None:
    """Evidence scored 77.67 (middle) with performance above: box 7, with its basis."""
    evidence = PotentialEvidence(
        jpm=75,
        assessment={"learning_agility": 80, "cognitive": 70},
        years_in_grade=3,
        performance=(88, 92),
        development_jp=24,
    )
    box = talent_box("above", evidence)
    assert (box.number, box.potential) == (7, Potential.MIDDLE)
    assert box.potential_basis == analyse_potential(evidence)
    assert box.explain() == (
        "box 7: performance above expectation, potential middle "
        f"({analyse_potential(evidence).explain()})"
    )


def test_a_potential_result_is_used_as_it_is() -> None:
    """A result computed under another policy keeps its rank."""
    strict = attrs.evolve(POTENTIAL_DEFAULT, cutoffs=(80, 95))
    result = analyse_potential(
        PotentialEvidence(jpm=85, assessment={"cognitive": 82}), policy=strict
    )
    box = talent_box("meets", result)
    assert (box.number, box.potential_basis) == (5, result)


def test_the_potential_policy_is_applied_to_evidence() -> None:
    """talent_box reads evidence under the potential policy it is given."""
    evidence = PotentialEvidence(jpm=85, assessment={"cognitive": 82})
    assert talent_box("meets", evidence).number == 8  # 83.5: high under 68/80
    strict = attrs.evolve(POTENTIAL_DEFAULT, cutoffs=(80, 95))
    assert talent_box("meets", evidence, potential_policy=strict).number == 5


def test_thin_evidence_is_refused() -> None:
    """Evidence below the policy's minimum is a validation error naming it."""
    with pytest.raises(ValidationError, match="'evidence' must be at least 2"):
        talent_box("meets", PotentialEvidence(jpm=80))


def test_a_given_potential_has_no_basis() -> None:
    """A rank or a score is given, not placed: no basis, and explain says so."""
    assert talent_box("meets", 70).potential_basis is None
    assert talent_box("meets", "high").explain() == (
        "box 8: performance meets expectation, potential high (given)"
    )
