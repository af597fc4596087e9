import decimal
import math
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import UnknownIdError, ValidationError
from asn_competency import strategies as acst
from asn_competency.evaluation import skm
from asn_competency.evaluation.skm import ExclusionReason, skm_index
from asn_competency.policies.skm import (
    SKM_KEPMENPAN_25_2004,
    SKM_KEPMENPAN_25_2004_PRINTED,
    SKM_PERMENPANRB_14_2017,
    SKM_PERMENPANRB_14_2017_PRINTED,
    AnswerRule,
    GapRule,
    GradeScale,
    SkmBand,
    SkmElement,
    SkmPolicy,
    round_half_up,
)

# A published-style table, 4 respondents, numbers made up and computed by hand:
#   element totals  U1..U9 = 14 13 12 15 13 12 14 11 13   (sum 117)
#   NRR = total / 4 = 3.50 3.25 3.00 3.75 3.25 3.00 3.50 2.75 3.25
#   exact:   index = 117 / 36 = 3.25, converted = 81.25 -> B (76.61-88.30)
#   printed: weighted NRR sum = 29.25 x 0.111 = 3.24675 -> 3.247 (3 dp) x 25 = 81.175 -> 81.18
TABLE = [
    [4, 3, 3, 4, 3, 3, 4, 3, 3],
    [3, 3, 3, 4, 3, 3, 3, 3, 4],
    [4, 4, 3, 4, 4, 3, 4, 2, 3],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
]


def test_worked_table_exact() -> None:
    """The exact policy reproduces the hand computation above."""
    r = skm_index(TABLE)
    assert [e.total for e in r.elements] == [14, 13, 12, 15, 13, 12, 14, 11, 13]
    assert [e.nrr for e in r.elements] == [3.5, 3.25, 3.0, 3.75, 3.25, 3.0, 3.5, 2.75, 3.25]
    assert r.index == 3.25
    assert r.converted == 81.25
    assert (r.grade, r.label) == ("B", "Baik")
    assert r.respondents == 4
    assert r.excluded_answers == 0


def test_worked_table_printed() -> None:
    """The printed policy rounds the weight to 0.111 and the index to 3 decimals before x 25."""
    r = skm_index(TABLE, policy=SKM_PERMENPANRB_14_2017_PRINTED)
    assert r.elements[0].weight == 0.111
    assert r.index == 3.247
    assert r.converted == 81.18


def test_one_respondent_all_four_is_exactly_100() -> None:
    """Exact weights give 100; the printed weights give what reports print."""
    assert skm_index([[4] * 9]).converted == 100.0
    # 9 x 4 x 0.111 = 3.996; x 25 = 99.9
    assert skm_index([[4] * 9], policy=SKM_PERMENPANRB_14_2017_PRINTED).converted == 99.9
    # 9 x 4 x 0.11 = 3.96; x 25 = 99.0
    two_dp = attrs.evolve(SKM_PERMENPANRB_14_2017_PRINTED, weight_decimals=2)
    assert skm_index([[4] * 9], policy=two_dp).converted == 99.0
    # rounding the weighted sum to 0 decimals before x 25 recovers 100 from 3.996
    rounded_first = attrs.evolve(SKM_PERMENPANRB_14_2017_PRINTED, index_decimals=0)
    assert skm_index([[4] * 9], policy=rounded_first).converted == 100.0


def test_2004_policies() -> None:
    """14 elements; 14 x 4 x 0.071 = 3.976 -> 99.4; the same index grades B in 2004, C in 2017."""
    assert len(SKM_KEPMENPAN_25_2004.elements) == 14
    assert skm_index([[4] * 14], policy=SKM_KEPMENPAN_25_2004).converted == 100.0
    assert skm_index([[4] * 14], policy=SKM_KEPMENPAN_25_2004_PRINTED).converted == 99.4
    assert SKM_KEPMENPAN_25_2004.band_for(70).grade == "B"
    assert SKM_PERMENPANRB_14_2017.band_for(70).grade == "C"


@pytest.mark.parametrize(
    ("value", "lower", "upper", "rounded"),
    [
        (76.605, "C", "B", "B"),
        (76.6049, "C", "B", "C"),
        (64.995, "D", "C", "C"),
        (88.305, "B", "A", "A"),
        (88.30, "B", "B", "B"),
        (65.0, "C", "C", "C"),
        (25.0, "D", "D", "D"),
        (100.0, "A", "A", "A"),
    ],
)
def test_gap_rules(value: float, lower: str, upper: str, rounded: str) -> None:
    """Values between printed bands go where the gap rule says; values in a band stay."""
    assert SKM_PERMENPANRB_14_2017.band_for(value).grade == lower
    assert (
        attrs.evolve(SKM_PERMENPANRB_14_2017, gap_rule=GapRule.UPPER).band_for(value).grade == upper
    )
    assert attrs.evolve(SKM_PERMENPANRB_14_2017, gap_rule="round").band_for(value).grade == rounded


def test_gap_is_reported_in_result() -> None:
    """A converted value in a gap is flagged (76.605 -> C under the default lower rule)."""
    # converted 76.605 needs index 3.0642: U1..U9 totals summing to 9 x 3.0642 x n; instead use a
    # policy without rounding and a custom factor-free check through band_for, plus one survey:
    r = skm_index(totals=[3064] * 9, respondents=1000)  # index 3.064, converted 76.6
    assert (r.converted, r.grade, r.in_band_gap) == (76.6, "C", False)
    r = skm_index(totals=[30642] * 9, respondents=10000)  # converted 76.605
    assert (r.converted, r.grade, r.in_band_gap) == (76.605, "C", True)


def test_grade_on_index_table() -> None:
    """With grade_on='index' the 1-4 table decides, with its own gaps."""
    p = attrs.evolve(SKM_PERMENPANRB_14_2017, grade_on=GradeScale.INDEX)
    r = skm_index(totals=[30642] * 9, respondents=10000)
    assert r.index == 3.0642
    ri = skm_index(totals=[30642] * 9, respondents=10000, policy=p)
    assert (ri.grade, ri.in_band_gap) == ("C", True)
    assert SKM_PERMENPANRB_14_2017.band_for(3.0644, scale="index").grade == "B"
    assert attrs.evolve(p, gap_rule="upper").band_for(3.0642).grade == "B"


def test_round_half_up_is_not_bankers() -> None:
    """0.5 and 2.5 round up, unlike round()."""
    assert round_half_up(Fraction(5, 2), 0) == 3
    assert round_half_up(Fraction(1, 2), 0) == 1
    assert round_half_up(Fraction("3.2465"), 3) == Fraction("3.247")
    assert round_half_up(Fraction("-0.125"), 2) == Fraction("-0.13")


def test_totals_and_mapping_input() -> None:
    """Totals as a sequence or a mapping give the same result as the answers."""
    sums = [14, 13, 12, 15, 13, 12, 14, 11, 13]
    by_code = dict(zip(SKM_PERMENPANRB_14_2017.codes, sums, strict=True))
    assert skm_index(totals=sums, respondents=4) == skm_index(TABLE)
    assert skm_index(totals=by_code, respondents=4) == skm_index(TABLE)


def test_numpy_and_dataframe_input() -> None:
    """A 2-D array (int or float) and a DataFrame give the same result as lists."""
    arr = np.array(TABLE, dtype=np.int8)
    assert skm_index(arr) == skm_index(TABLE)
    assert skm_index(arr.astype(float)) == skm_index(TABLE)
    assert skm_index(pd.DataFrame(TABLE)) == skm_index(TABLE)


def test_result_reports() -> None:
    """to_dataframe has one row per element; explain names grade and policy."""
    r = skm_index(TABLE)
    df = r.to_dataframe()
    assert list(df["code"]) == list(SKM_PERMENPANRB_14_2017.codes)
    assert df["nrr"].tolist()[3] == 3.75
    assert "grade B Baik" in r.explain()
    assert r.nrr("U8") == 2.75
    with pytest.raises(UnknownIdError, match="U10"):
        r.nrr("U10")


# --- bad answers --------------------------------------------------------------------------------

BAD = [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, None, 4, 3, 3, 3, 3, 5], [4] * 9]


@pytest.mark.parametrize("data", [BAD, "array"])
def test_answer_of_five_is_rejected_by_default(data: object) -> None:
    """The default rule rejects and names the row, element and value."""
    rows = [[4] * 9, [3, 3, 3, 4, 3, 3, 3, 3, 5]]
    source = np.array(rows) if data == "array" else rows
    with pytest.raises(
        ValidationError, match=r"'responses\[1\]\[U9\]' must be a whole answer 1-4 \(got 5\)"
    ):
        skm_index(source)


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_missing_answer_is_rejected_by_default(missing: object) -> None:
    """A missing answer (None or NaN) is rejected, naming where it is."""
    with pytest.raises(ValidationError, match=r"responses\[1\]\[U3\]") as info:
        skm_index(BAD if missing is None else [[4] * 9, [3, 3, missing, *[3] * 6]])
    assert info.value.got is None


def test_missing_in_array_is_rejected() -> None:
    """NaN in a float array is named too."""
    arr = np.full((3, 9), 3.0)
    arr[2, 4] = np.nan
    with pytest.raises(ValidationError, match=r"responses\[2\]\[U5\]"):
        skm_index(arr)


@pytest.mark.parametrize("bad", [0, 2.5, "4", True, -1])
def test_other_invalid_answers_are_rejected(bad: object) -> None:
    """Zero, fractions, text and booleans are not answers."""
    with pytest.raises(ValidationError, match=r"responses\[0\]\[U1\]"):
        skm_index([[bad, *[3] * 8]])


@pytest.mark.parametrize("as_array", [False, True])
def test_exclude_answer_rule(as_array: bool) -> None:
    """Excluded answers are counted and the NRR averages the answers given."""
    p = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers=AnswerRule.EXCLUDE_ANSWER)
    data = np.array(BAD, dtype=float) if as_array else BAD
    r = skm_index(data, policy=p)
    assert r.respondents == 3
    assert r.excluded_answers == 2
    assert [(x.row, x.element, x.value, x.reason) for x in r.excluded] == [
        (1, "U3", None, ExclusionReason.MISSING),
        (1, "U9", 5, ExclusionReason.OUT_OF_RANGE),
    ]
    assert r.nrr("U3") == 3.5  # (3 + 4) / 2
    assert r.nrr("U9") == 3.5  # (3 + 4) / 2
    assert r.elements[2].answers == 2


@pytest.mark.parametrize("as_array", [False, True])
def test_exclude_respondent_rule(as_array: bool) -> None:
    """The whole respondent is dropped, counted, and its bad answers listed."""
    p = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers="exclude_respondent")
    data = np.array(BAD, dtype=float) if as_array else BAD
    r = skm_index(data, policy=p)
    assert (r.respondents, r.excluded_respondents, r.excluded_answers) == (2, 1, 2)
    assert r.nrr("U1") == 4.0
    assert r.elements[0].answers == 2


def test_all_answers_of_an_element_excluded() -> None:
    """An element with no valid answer left cannot be scored."""
    p = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers="exclude_answer")
    with pytest.raises(ValidationError, match="U2"):
        skm_index([[3, None, *[3] * 7]], policy=p)
    with pytest.raises(ValidationError, match="U2"):
        skm_index(np.array([[3, np.nan, *[3] * 7]]), policy=p)


def test_every_respondent_excluded() -> None:
    """No respondents left is an error, not a division by zero."""
    p = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers="exclude_respondent")
    with pytest.raises(ValidationError, match="at least one respondent"):
        skm_index([[3, 9, *[3] * 7]], policy=p)


# --- bad shapes and inputs ----------------------------------------------------------------------


def test_wrong_number_of_columns() -> None:
    """A short row names its row and the count; an array names its width."""
    with pytest.raises(
        ValidationError, match=r"'responses\[1\]' must be 9 answers.*\(got '8 answers'\)"
    ):
        skm_index([[3] * 9, [3] * 8])
    with pytest.raises(ValidationError, match="10 answers"):
        skm_index(np.full((2, 10), 3))
    with pytest.raises(ValidationError, match="2-D"):
        skm_index(np.full(9, 3))


def test_bad_rows_and_arguments() -> None:
    """Rows that are not sequences, both inputs, no input, stray respondents."""
    with pytest.raises(ValidationError, match=r"responses\[0\]"):
        skm_index(["333333333"])
    with pytest.raises(ValidationError, match="responses"):
        skm_index(42)
    with pytest.raises(ValidationError, match="both or neither"):
        skm_index()
    with pytest.raises(ValidationError, match="both or neither"):
        skm_index(TABLE, totals=[3] * 9, respondents=1)
    with pytest.raises(ValidationError, match="respondents"):
        skm_index(TABLE, respondents=4)
    with pytest.raises(ValidationError, match="at least one respondent"):
        skm_index([])


def test_object_array_goes_through_checks() -> None:
    """An object array with None is handled like lists."""
    arr = np.array([[3] * 9, [3, None, *[3] * 7]], dtype=object)
    with pytest.raises(ValidationError, match=r"responses\[1\]\[U2\]"):
        skm_index(arr)


@pytest.mark.parametrize(
    ("totals", "respondents", "match"),
    [
        ([3] * 8, 1, "9 totals"),
        ([5] * 9, 1, r"'totals\[U1\]' must be a whole number 1-4 for 1 respondents \(got 5\)"),
        ([0] * 9, 1, r"totals\[U1\]"),
        ([2.5] * 9, 1, r"totals\[U1\]"),
        ({"U1": 3}, 1, "missing"),
        ([3] * 9, 0, "respondents"),
        ([3] * 9, True, "respondents"),
        ([3] * 9, None, "respondents"),
        ("333333333", 1, "totals"),
        (7, 1, "totals"),
    ],
)
def test_bad_totals(totals: object, respondents: object, match: str) -> None:
    """Impossible totals and counts are named."""
    with pytest.raises(ValidationError, match=match):
        skm_index(totals=totals, respondents=respondents)  # type: ignore[arg-type]


def test_unknown_code_in_totals() -> None:
    """A totals mapping may not name elements the policy lacks."""
    with pytest.raises(UnknownIdError, match="U99"):
        skm_index(
            totals={**dict.fromkeys(SKM_PERMENPANRB_14_2017.codes, 3), "U99": 3}, respondents=1
        )


# --- policies -----------------------------------------------------------------------------------


def test_weights_not_summing_to_one() -> None:
    """The error names every weight and their sum."""
    elements = [SkmElement(code=f"U{i}", name=f"Unsur {i}", weight=0.1) for i in range(1, 10)]
    with pytest.raises(
        ValidationError,
        match=r"'weights' must be weights summing to 1 within 0.01 "
        r"\(got 'U1=0.1, .*U9=0.1 summing to 0.9'\)",
    ):
        SKM_PERMENPANRB_14_2017.with_elements(elements, name="x", version="1")


def test_printed_weights_pass_the_tolerance() -> None:
    """0.111 x 9 = 0.999 and 0.11 x 9 = 0.99 are within the stated 0.01."""
    elements = [attrs.evolve(e, weight="0.11") for e in SKM_PERMENPANRB_14_2017.elements]
    p = SKM_PERMENPANRB_14_2017.with_elements(elements, name="p", version="1")
    assert skm_index([[4] * 9], policy=p).converted == 99.0
    with pytest.raises(ValidationError, match="weights"):
        attrs.evolve(p, weight_tolerance="0.001")


def test_reweighting_and_custom_elements() -> None:
    """Reweighting changes the index as computed by hand; unknown codes are refused."""
    weights = {"U1": "1/5", **{f"U{i}": "1/10" for i in range(2, 10)}}
    p = SKM_PERMENPANRB_14_2017.reweighted(weights, name="u1-double", version="1")
    # U1 answered 4, others 2: index = 4/5 + 2 x 8/10 = 2.4
    assert skm_index([[4, *[2] * 8]], policy=p).index == 2.4
    with pytest.raises(UnknownIdError, match="U42"):
        SKM_PERMENPANRB_14_2017.reweighted({"U42": 1}, name="x", version="1")
    extra = SkmElement(code="U10", name="Layanan daring", weight="1/10")
    ten = SKM_PERMENPANRB_14_2017.with_elements(
        [*(attrs.evolve(e, weight="1/10") for e in SKM_PERMENPANRB_14_2017.elements), extra],
        name="ten",
        version="1",
    )
    assert skm_index([[4] * 9 + [1]], policy=ten).index == 3.7


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"weight": 0}, "weight of U1"),
        ({"weight": -0.1}, "weight of U1"),
        ({"weight": True}, "weight"),
        ({"weight": "abc"}, "weight"),
        ({"weight": float("nan")}, "weight"),
        ({"weight": [1]}, "weight"),
        ({"code": "U 1"}, "code"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_elements(kwargs: dict[str, object], field: str) -> None:
    """Bad element fields are named."""
    base: dict[str, object] = {"code": "U1", "name": "Persyaratan", "weight": "1/9"}
    with pytest.raises(ValidationError, match=f"'{field}'"):
        SkmElement(**{**base, **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"elements": ()}, "elements"),
        ({"elements": ("U1",)}, r"elements\[0\]"),
        ({"bands": ()}, "bands"),
        ({"bands": ("A",)}, r"bands\[0\]"),
        ({"nrr_decimals": -1}, "nrr_decimals"),
        ({"index_decimals": 2.0}, "index_decimals"),
        ({"weight_tolerance": -1}, "weight_tolerance"),
        ({"scale_min": 0}, "scale_min"),
        ({"scale_max": 1}, "scale_max"),
        ({"gap_rule": "middle"}, "gap_rule"),
        ({"invalid_answers": "ignore"}, "invalid_answers"),
        ({"grade_on": "x"}, "grade_on"),
    ],
)
def test_bad_policies(changes: dict[str, Any], field: str) -> None:
    """Every bad policy field is named."""
    with pytest.raises(ValidationError, match=field):
        attrs.evolve(SKM_PERMENPANRB_14_2017, **changes)


def test_duplicate_codes_and_bad_bands() -> None:
    """Codes and grades are unique; bands run upwards."""
    e = SKM_PERMENPANRB_14_2017.elements[0]
    with pytest.raises(ValidationError, match="appears twice"):
        attrs.evolve(SKM_PERMENPANRB_14_2017, elements=(e, e), weight_tolerance=1)
    with pytest.raises(ValidationError, match="band A"):
        SkmBand(grade="A", label="x", minimum=90, maximum=80, index_minimum=1, index_maximum=2)
    with pytest.raises(ValidationError, match="band A"):
        SkmBand(grade="A", label="x", minimum=80, maximum=90, index_minimum=3, index_maximum=2)


def test_out_of_table_values_fall_to_the_ends() -> None:
    """Values beyond the printed table go to the nearest end band."""
    assert SKM_PERMENPANRB_14_2017.band_for(24.975).grade == "D"
    assert attrs.evolve(SKM_PERMENPANRB_14_2017, gap_rule="upper").band_for(101).grade == "A"


def test_policies_name_their_source() -> None:
    """Each constant carries its regulation."""
    for p in (
        SKM_PERMENPANRB_14_2017,
        SKM_PERMENPANRB_14_2017_PRINTED,
        SKM_KEPMENPAN_25_2004,
        SKM_KEPMENPAN_25_2004_PRINTED,
    ):
        assert p.name
        assert p.version
        assert p.source
    assert "14/2017" in SKM_PERMENPANRB_14_2017.source
    assert "2004" in SKM_KEPMENPAN_25_2004.source


# --- properties ---------------------------------------------------------------------------------


@given(acst.skm_responses())
def test_index_within_bounds(rows: list[list[int]]) -> None:
    """With exact weights the converted index lies in 25-100 and equals 25 x index."""
    r = skm_index(rows)
    assert 25 <= r.converted <= 100
    assert 1 <= r.index <= 4
    assert math.isclose(r.converted, 25 * r.index)
    assert r.grade == SKM_PERMENPANRB_14_2017.band_for(r.converted).grade


@given(acst.skm_responses(), st.randoms(use_true_random=False))
def test_order_of_respondents_does_not_matter(rows: list[list[int]], rnd: object) -> None:
    """Shuffling respondents gives the identical result."""
    shuffled = list(rows)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert skm_index(shuffled) == skm_index(rows)


@given(acst.skm_responses(), st.data())
def test_raising_an_answer_never_lowers_the_index(
    rows: list[list[int]], data: st.DataObject
) -> None:
    """Monotonic under every shipped policy."""
    r = data.draw(st.integers(0, len(rows) - 1))
    c = data.draw(st.integers(0, 8))
    higher = [list(row) for row in rows]
    higher[r][c] = min(4, higher[r][c] + data.draw(st.integers(1, 3)))
    for policy in (SKM_PERMENPANRB_14_2017, SKM_PERMENPANRB_14_2017_PRINTED):
        assert (
            skm_index(higher, policy=policy).converted >= skm_index(rows, policy=policy).converted
        )


@given(acst.skm_responses())
def test_responses_and_totals_agree(rows: list[list[int]]) -> None:
    """Answers and their column totals give the same result, also through NumPy."""
    sums = [sum(col) for col in zip(*rows, strict=True)]
    expected = skm_index(rows, policy=SKM_PERMENPANRB_14_2017_PRINTED)
    assert (
        skm_index(totals=sums, respondents=len(rows), policy=SKM_PERMENPANRB_14_2017_PRINTED)
        == expected
    )
    assert skm_index(np.array(rows), policy=SKM_PERMENPANRB_14_2017_PRINTED) == expected


@given(acst.skm_responses(SKM_KEPMENPAN_25_2004))
def test_2004_index_within_bounds(rows: list[list[int]]) -> None:
    """The 14-element exact policy stays within 25-100 too."""
    assert 25 <= skm_index(rows, policy=SKM_KEPMENPAN_25_2004).converted <= 100


@given(
    acst.skm_responses(),
    st.lists(
        st.tuples(st.integers(0, 100), st.integers(0, 8), st.sampled_from([None, 0, 5])), max_size=5
    ),
)
def test_python_and_numpy_exclusions_agree(
    rows: list[list[int]], bad: list[tuple[int, int, int | None]]
) -> None:
    """Both paths exclude the same answers and give the same index."""
    damaged: list[list[int | None]] = [list(row) for row in rows]
    for r, c, v in bad:
        damaged[r % len(rows)][c] = v
    arr = np.array([[np.nan if v is None else v for v in row] for row in damaged], dtype=float)
    for rule in ("exclude_answer", "exclude_respondent"):
        p = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers=rule)
        try:
            expected = skm_index(damaged, policy=p)
        except ValidationError:
            with pytest.raises(ValidationError):
                skm_index(arr, policy=p)
            continue
        got = skm_index(arr, policy=p)
        assert got.converted == expected.converted
        assert [(x.row, x.element, x.reason) for x in got.excluded] == [
            (x.row, x.element, x.reason) for x in expected.excluded
        ]


def test_printed_policy_differs_from_the_exact_one_in_weights_and_rounding_only() -> None:
    """The printed 2017 variant keeps elements, weights and bands; it rounds to 3 decimals."""
    exact, printed = SKM_PERMENPANRB_14_2017, SKM_PERMENPANRB_14_2017_PRINTED
    assert printed.elements == exact.elements
    assert {e.weight for e in exact.elements} == {Fraction(1, 9)}
    assert printed.bands == exact.bands
    assert (exact.weight_decimals, printed.weight_decimals) == (None, 3)
    # One respondent answering 4 everywhere: 100 only with exact ninths.
    assert skm_index([[4] * 9], policy=exact).converted == 100
    assert skm_index([[4] * 9], policy=printed).converted == 99.9


def test_whole_float_answers_count() -> None:
    """3.0 (as a spreadsheet gives it) counts as the answer 3."""
    assert skm_index([[3.0] * 9]) == skm_index([[3] * 9])
    assert skm_index([[np.int64(3)] * 9]) == skm_index([[3] * 9])


@given(acst.skm_policies(), st.data())
def test_monotonic_under_any_policy(policy: SkmPolicy, data: st.DataObject) -> None:
    """Half-up rounding at any point keeps the index monotonic in every answer."""
    rows = data.draw(acst.skm_responses(policy, max_size=10))
    r = data.draw(st.integers(0, len(rows) - 1))
    c = data.draw(st.integers(0, len(policy.elements) - 1))
    higher = [list(row) for row in rows]
    higher[r][c] = 4
    low, high = skm_index(rows, policy=policy), skm_index(higher, policy=policy)
    assert high.converted >= low.converted
    assert high.index >= low.index


@given(acst.skm_policies(exact=True), st.data())
def test_exact_policy_matches_the_formula(policy: SkmPolicy, data: st.DataObject) -> None:
    """Without rounding the index is sum(weight x mean answer), within 25-100."""
    rows = data.draw(acst.skm_responses(policy, max_size=10))
    n = len(rows)
    columns = list(zip(*rows, strict=True))
    index = sum(
        (e.weight * Fraction(sum(col), n) for e, col in zip(policy.elements, columns, strict=True)),
        Fraction(0),
    )
    result = skm_index(rows, policy=policy)
    assert result.index == float(index)
    assert result.converted == float(index * 25)
    assert 25 <= result.converted <= 100
    assert (
        result.grade
        == policy.band_for(index if policy.grade_on is GradeScale.INDEX else index * 25).grade
    )


def test_rows_may_be_arrays_but_not_sets() -> None:
    """A list of 1-D arrays is accepted; a set of answers has no order and is refused."""
    assert skm_index([np.array([3] * 9), np.array([4] * 9)]).converted == 87.5
    with pytest.raises(ValidationError, match=r"responses\[0\]"):
        skm_index([{3, 4}])


def test_python_path_sums_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large lists are summed in chunks; the result is the same as in one go."""
    rows = [[(r * 7 + c) % 4 + 1 for c in range(9)] for r in range(10)]
    expected = skm_index(np.array(rows))
    monkeypatch.setattr(skm, "_CHUNK", 3)
    assert skm_index(rows) == expected


def test_numpy_scalars_as_weights_and_values() -> None:
    """NumPy floats and ints are read as the numbers they print."""
    assert SkmElement(code="U1", name="x", weight=np.float64(0.111)).weight == Fraction("0.111")
    assert SkmElement(code="U1", name="x", weight=np.int64(1)).weight == 1
    assert SKM_PERMENPANRB_14_2017.band_for(np.float64(76.605)).grade == "C"
    totals, n = np.array([30] * 9), np.int64(10)
    assert skm_index(totals=totals, respondents=n).index == 3.0  # type: ignore[arg-type]


def test_printed_weights_can_fall_under_the_table() -> None:
    """All answers 1, weights 0.111: 9 x 0.111 x 25 = 24.975, printed 24.98, D and flagged."""
    r = skm_index([[1] * 9], policy=SKM_PERMENPANRB_14_2017_PRINTED)
    assert (r.converted, r.grade, r.in_band_gap) == (24.98, "D", True)


def test_first_bad_answer_in_row_order_is_named() -> None:
    """A boolean (which hashes like 1) in an early row is found before a 5 in a later row."""
    rows = [[3] * 9, [True, *[3] * 8], [3] * 9, [*[3] * 8, 5]]
    with pytest.raises(ValidationError, match=r"responses\[1\]\[U1\]"):
        skm_index(rows)
    p = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers="exclude_answer")
    r = skm_index(rows, policy=p)
    assert [(x.row, x.element) for x in r.excluded] == [(1, "U1"), (3, "U9")]
    assert r.respondents == 4


def test_unhashable_answer_is_named() -> None:
    """A list where an answer should be is an invalid answer, not a crash."""
    with pytest.raises(ValidationError, match=r"responses\[0\]\[U2\]"):
        skm_index([[3, [3], *[3] * 7]])


# --- regressions -----------------------------------------------------------------------------


def test_dataframe_columns_named_by_code_are_read_by_name() -> None:
    """Columns U9..U1 used to be read by position, giving U1 the answers to U9.

    In TABLE, U8 totals 11 (NRR 2.75) and U4 totals 15 (NRR 3.75), whatever the column order.
    """
    codes = list(SKM_PERMENPANRB_14_2017.codes)
    df = pd.DataFrame(TABLE, columns=codes)
    shuffled = df[codes[::-1]]
    assert skm_index(shuffled) == skm_index(df) == skm_index(TABLE)
    assert (skm_index(shuffled).nrr("U8"), skm_index(shuffled).nrr("U4")) == (2.75, 3.75)


def test_pandas_missing_values_count_as_missing() -> None:
    """pandas.NA in a nullable column is a missing answer (it was 'out of range')."""
    rows = [[4, None, 3, 4, 3, 3, 4, 3, 3], [4] * 9]
    df = pd.DataFrame(rows, columns=list(SKM_PERMENPANRB_14_2017.codes), dtype="Int64")
    policy = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers="exclude_answer")
    (bad,) = skm_index(df, policy=policy).excluded
    assert (bad.row, bad.element, bad.value, bad.reason) == (0, "U2", None, ExclusionReason.MISSING)
    with pytest.raises(ValidationError, match=r"'responses\[0\]\[U2\]' .* \(got None\)"):
        skm_index(df)


def test_decimal_answers_are_numbers() -> None:
    """Decimal('4') is the answer 4, Decimal('NaN') is missing, Decimal('3.5') out of range."""
    d = decimal.Decimal
    assert skm_index([[d(4)] * 9]) == skm_index([[4] * 9])
    policy = attrs.evolve(SKM_PERMENPANRB_14_2017, invalid_answers="exclude_answer")
    r = skm_index([[d("NaN"), d("3.5"), *[4] * 7], [4] * 9], policy=policy)
    assert [e.reason for e in r.excluded] == [
        ExclusionReason.MISSING,
        ExclusionReason.OUT_OF_RANGE,
    ]
    # A fraction too large for a float is out of range, not an OverflowError.
    r = skm_index([[Fraction(10**400, 3), *[4] * 8], [4] * 9], policy=policy)
    assert r.excluded[0].reason is ExclusionReason.OUT_OF_RANGE


_INF = decimal.Decimal("Infinity")


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: SkmElement(code="U1", name="Persyaratan", weight=_INF), "weight"),
        (lambda: SKM_PERMENPANRB_14_2017.band_for(_INF), "value"),  # type: ignore[arg-type]
        (lambda: attrs.evolve(SKM_PERMENPANRB_14_2017, weight_tolerance=_INF), "weight_tolerance"),
    ],
)
def test_infinite_decimals_are_named(build: Any, field: str) -> None:
    """Decimal('Infinity') raised OverflowError from Fraction; now a ValidationError."""
    with pytest.raises(ValidationError) as exc:
        build()
    assert exc.value.field == field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        # With gap_rule="round", band_decimals=None raised TypeError in band_for.
        ({"gap_rule": "round", "band_decimals": None}, "band_decimals"),
        ({"elements": None}, "elements"),
        ({"bands": None}, "bands"),
        # 25 x 4 is fine; a factor whose converted top is beyond any float is not.
        ({"conversion_factor": 10**400}, "conversion_factor"),
    ],
)
def test_malformed_policies_are_named(changes: dict[str, Any], field: str) -> None:
    """Policies that used to fail later with a TypeError or OverflowError are refused."""
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(SKM_PERMENPANRB_14_2017, **changes)
    assert exc.value.field == field


def test_reweighted_with_keys_of_mixed_types() -> None:
    """A non-text code is reported as unknown, not as a TypeError from sorting."""
    with pytest.raises(UnknownIdError, match="unknown SKM element '1'"):
        SKM_PERMENPANRB_14_2017.reweighted({1: "1/2", "U1": "1/2"}, name="x", version="1")  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="'weights'"):
        SKM_PERMENPANRB_14_2017.reweighted([("U1", 1)], name="x", version="1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "row", [np.array(4), np.full((9, 1), 4), bytearray(b"\x04" * 9)], ids=["0-d", "2-d", "bytes"]
)
def test_rows_that_are_not_answer_lists_are_named(row: Any) -> None:
    """A 0-d array raised TypeError from len(); a column array and bytes are not rows either."""
    with pytest.raises(ValidationError, match=r"'responses\[0\]' must be a sequence of answers"):
        skm_index([row])


def test_any_sequence_is_a_row() -> None:
    """A range is a row of answers; an iterator is not (it has no length)."""
    assert (
        skm_index(
            [range(4, 13)], policy=attrs.evolve(SKM_PERMENPANRB_14_2017, scale_max=12)
        ).converted
        == 200.0
    )
    with pytest.raises(ValidationError, match=r"'responses\[0\]' must be a sequence of answers"):
        skm_index([iter([4] * 9)])


def _band(grade: str, lo: float, hi: float, ilo: float, ihi: float) -> SkmBand:
    return SkmBand(
        grade=grade, label=grade, minimum=lo, maximum=hi, index_minimum=ilo, index_maximum=ihi
    )


@pytest.mark.parametrize(
    "bands",
    [
        # Two bands from 25: the index 3.5 (inside A's 2.4-4) was graded X.
        [_band("X", 25, 60, 1, 2.4), _band("A", 25, 100, 2.4, 4)],
        # Ordered one way on 25-100 and the other way on 1-4.
        [_band("B", 25, 60, 2.5, 4), _band("A", 61, 100, 1, 2.4)],
    ],
)
def test_band_tables_must_agree_in_order(bands: list[SkmBand]) -> None:
    """Both band tables are searched in one order, so a table ordered otherwise is refused."""
    with pytest.raises(ValidationError, match="'bands' must be bands in the same increasing"):
        attrs.evolve(SKM_PERMENPANRB_14_2017, bands=bands)


def test_numpy_float32_values_are_read_as_they_print() -> None:
    """A float32 weight or value was refused as 'not a number'; it reads as it prints."""
    assert SkmElement(code="U1", name="Persyaratan", weight=np.float32(0.111)).weight == Fraction(
        111, 1000
    )
    assert SKM_PERMENPANRB_14_2017.band_for(np.float32(76.61)).grade == "B"  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'value' must be a finite number"):
        SKM_PERMENPANRB_14_2017.band_for(np.float32("nan"))  # type: ignore[arg-type]


def test_whole_float_totals_are_whole_numbers() -> None:
    """Totals summed by pandas over a column with gaps are floats (300.0): accepted as 300.

    Answers of 4.0 were always accepted; totals of 300.0 and 100.0 respondents were refused.
    """
    sums = pd.DataFrame(TABLE, dtype=float).sum().tolist()  # [14.0, 13.0, ...]
    assert skm_index(totals=sums, respondents=4.0) == skm_index(TABLE)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'totals\[U1\]'"):
        skm_index(totals=[float("nan")] * 9, respondents=4)  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'respondents'"):
        skm_index(totals=[3] * 9, respondents=Fraction(10**400, 3))  # type: ignore[arg-type]
