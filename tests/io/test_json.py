import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import (
    Activity,
    Assessment,
    CompetencyFramework,
    DocumentError,
    Employee,
    Indicator,
    Measurement,
    MentoringGraph,
    MentoringRelationship,
    Position,
    PositionStandard,
    Problem,
    Programme,
    national_framework,
)
from asn_competency import strategies as acst
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.domain.mentoring import MentoringSession
from asn_competency.domain.period import Period
from asn_competency.evaluation.returns import ReturnResult, analyse_return
from asn_competency.evaluation.skm import ExcludedAnswer
from asn_competency.gaps.columnar import ColumnarGaps, GapColumns, analyse_columns
from asn_competency.gaps.individual import GapItem, GapStatus
from asn_competency.io.json import dump, dumps, from_data, load, loads, make_converter, to_data
from asn_competency.policies import (
    NINE_BOX_PERMENPANRB_3_2020,
    PLANNING_DEFAULT,
    SCORECARD_DEFAULT,
    CombinationPolicy,
    JpCompliancePolicy,
    JpCreditPolicy,
    JpmWeightingPolicy,
    MentoringSessionPolicy,
    PlanningPolicy,
    PotentialPolicy,
    RoutePolicy,
    SuccessionPolicy,
    TalentPoolPolicy,
    TrendPolicy,
)
from asn_competency.policies.evaluation import ScorecardPolicy
from asn_competency.policies.nine_box import NineBoxPolicy
from asn_competency.policies.skm import SkmElement
from asn_competency.report import Figure, Section
from asn_competency.talent import (
    PotentialEvidence,
    PotentialResult,
    SuccessionTable,
    TalentBox,
    TalentPool,
)

CASES: list[tuple[type, st.SearchStrategy[Any]]] = [
    (CompetencyFramework, acst.frameworks()),
    (PositionStandard, acst.standards()),
    (Position, acst.positions()),
    (Employee, acst.employees()),
    (Assessment, acst.assessments()),
    (CombinationPolicy, acst.combination_policies()),
    (Activity, acst.activities()),
    (Programme, acst.programmes()),
    (MentoringRelationship, acst.mentoring_relationships()),
    (MentoringGraph, acst.mentoring_graphs()),
    (Indicator, acst.indicators()),
    (Measurement, acst.measurements()),
    (Period, acst.periods()),
    (LedgerEntry, acst.ledger_entries()),
    (Ledger, acst.ledgers()),
    (MentoringSession, acst.mentoring_sessions()),
    (RoutePolicy, acst.route_policies()),
    (JpCreditPolicy, acst.jp_credit_policies()),
    (JpCompliancePolicy, acst.jp_compliance_policies()),
    (TrendPolicy, acst.trend_policies()),
    (MentoringSessionPolicy, acst.mentoring_session_policies()),
    (PlanningPolicy, acst.planning_policies()),
    (JpmWeightingPolicy, acst.jpm_weighting_policies()),
    (PotentialPolicy, acst.potential_policies()),
    (PotentialEvidence, acst.potential_evidence()),
    (PotentialResult, acst.potential_results()),
    (TalentBox, acst.talent_boxes()),
    (TalentPoolPolicy, acst.talent_pool_policies()),
    (TalentPool, acst.talent_pools()),
    (SuccessionPolicy, acst.succession_policies()),
    (SuccessionTable, acst.succession_tables()),
    (Figure, acst.report_figures()),
    (Section, acst.report_sections()),
]


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_round_trip(cls: type, strategy: st.SearchStrategy[Any]) -> None:
    """structure(unstructure(x)) == x, also through JSON text."""

    @given(strategy)
    def check(obj: Any) -> None:
        data = to_data(obj)
        assert from_data(cls, data) == obj
        assert loads(cls, json.dumps(data)) == obj

    check()


def test_dates_and_enums_are_plain() -> None:
    """Dates become ISO strings and enums their values."""
    a = Assessment(
        nip="199001012015031001",
        competency_id="MJ.PP",
        level=2,
        assessed_on=__import__("datetime").date(2024, 2, 3),
        source="peer",
    )
    assert to_data(a)["assessed_on"] == "2024-02-03"
    assert to_data(a)["source"] == "peer"


def test_every_problem_is_listed_with_its_path() -> None:
    """A bad document names each problem and where it is."""
    data = to_data(national_framework())
    data["competencies"][3]["scale"]["levels"][0]["number"] = "one"
    data["competencies"][2]["scale"]["levels"][1]["number"] = -1
    data["competencies"][1]["type"] = "x"
    del data["competencies"][0]["name_id"]
    data["competencies"][4]["extra"] = 1
    with pytest.raises(DocumentError) as info:
        from_data(CompetencyFramework, data, source="fw.json")
    assert list(info.value.problems) == [
        Problem("$.competencies[0].name_id", "required field missing"),
        Problem(
            "$.competencies[1].type",
            "must be one of 'teknis', 'manajerial', 'sosial_kultural' (got 'x')",
        ),
        Problem("$.competencies[2].scale.levels[1].number", "must be a whole number >= 0 (got -1)"),
        Problem("$.competencies[3].scale.levels[0].number", "expected int (got 'one')"),
        Problem("$.competencies[4]", "unknown field(s) ['extra']"),
    ]
    assert str(info.value).startswith("fw.json: 5 problems\n")


def test_framework_rule_errors_point_at_the_document() -> None:
    """Cross-record rules (duplicate ids) are reported at the framework's path."""
    data = to_data(national_framework())
    data["competencies"][1]["id"] = "MJ.INT"
    with pytest.raises(DocumentError) as info:
        from_data(CompetencyFramework, data)
    assert info.value.problems == (Problem("$", "competency id 'MJ.INT' appears more than once"),)


def test_wrong_shapes() -> None:
    """Wrong types at the top and strict primitives."""
    with pytest.raises(DocumentError) as shape:
        from_data(CompetencyFramework, [])
    assert shape.value.problems == (Problem("$", "expected a JSON object (got list)"),)
    bad = {
        "nip": 199001012015031001,
        "competency_id": "A",
        "level": 1.0,
        "assessed_on": "2024-13-01",
        "source": "self",
        "assessor": "",
        "evidence": "",
    }
    with pytest.raises(DocumentError) as info:
        from_data(Assessment, bad)
    paths = [p.path for p in info.value.problems]
    assert paths == ["$.nip", "$.level", "$.assessed_on"]
    with pytest.raises(DocumentError, match="expected an ISO date"):
        from_data(Assessment, {**bad, "nip": "199001012015031001", "level": 1, "assessed_on": 5})
    with pytest.raises(DocumentError) as gol:
        from_data(list[Employee], [{"nip": "199001012015031001", "name": "x", "golongan": 3}])
    assert gol.value.problems == (
        Problem("$[0].golongan", "expected a text such as 'III/a' (got 3)"),
    )


def test_not_json_gives_line_and_column(tmp_path: Path) -> None:
    """Malformed JSON reports where it broke."""
    f = tmp_path / "fw.json"
    f.write_text('{"id": "x",\n  "version": }', encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load(CompetencyFramework, f)
    assert info.value.problems[0].path == "line 2, column 14"
    assert info.value.source == str(f)
    with pytest.raises(DocumentError, match="cannot read file"):
        load(CompetencyFramework, tmp_path / "missing.json")


def test_file_round_trip(tmp_path: Path) -> None:
    """dump then load gives the same framework, BOM or not."""
    f = tmp_path / "fw.json"
    dump(national_framework(), f)
    assert load(CompetencyFramework, f) == national_framework()
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    assert load(CompetencyFramework, f) == national_framework()
    assert dumps(national_framework()).startswith("{\n")


def test_extra_keys_can_be_allowed() -> None:
    """A converter can be told to ignore unknown keys."""
    data = to_data(national_framework()) | {"note": "x"}
    assert from_data(CompetencyFramework, data, converter=make_converter(forbid_extra_keys=False))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # JSON has no size limit on whole numbers; Python refuses to read past 4300 digits.
        ('{"id": ' + "1" * 5000 + "}", "$: not valid JSON: a number of more than 4300 digits"),
        ("[" * 100_000, "$: not valid JSON: arrays or objects nested too deeply"),
        (b'{"id": "\xff"}', "$: not UTF-8 text: byte 8 cannot be decoded"),
    ],
)
def test_texts_the_json_parser_cannot_take(text: str | bytes, problem: str) -> None:
    """Texts json.loads refuses with ValueError, RecursionError or UnicodeDecodeError."""
    with pytest.raises(DocumentError) as info:
        loads(Indicator, text)
    assert [str(p) for p in info.value.problems] == [problem]


def test_whole_number_beyond_float_range_in_a_float_field() -> None:
    """1 followed by 400 zeros is valid JSON but no float: a problem, not an OverflowError."""
    big = 10**400
    with pytest.raises(DocumentError) as info:
        from_data(Measurement, {"indicator_id": "t", "subject": "s", "period": "p", "value": big})
    assert info.value.problems == (
        Problem("$.value", f"expected a number within the float range (got {big!r})"),
    )


def test_bad_golongan_is_named_once_in_the_path() -> None:
    """The path used to read $[0].golongan.golongan."""
    with pytest.raises(DocumentError) as info:
        from_data(list[Employee], [{"nip": "199001012015031001", "name": "x", "golongan": "XX"}])
    assert [p.path for p in info.value.problems] == ["$[0].golongan"]


def test_problems_of_other_exceptions() -> None:
    """Leaf errors without a note keep the path; errors of other kinds are named by type."""
    from cattrs.errors import ClassValidationError  # noqa: PLC0415

    from asn_competency.io.json import problems_of  # noqa: PLC0415

    group = ClassValidationError("x", [TypeError("not a mapping")], Indicator)
    assert problems_of(group) == [Problem("$", "not a mapping")]
    assert problems_of(ZeroDivisionError("division by zero")) == [
        Problem("$", "ZeroDivisionError: division by zero")
    ]


@pytest.mark.parametrize(
    ("cls", "data", "problem"),
    [
        # Python's words ("argument of type 'int' is not iterable") used to be the message.
        (Indicator, 3, "$: expected a JSON object (got int)"),
        (list[Indicator], [3], "$[0]: expected a JSON object (got int)"),
        (list[Indicator], 5, "$: expected a JSON array (got int)"),
        (MentoringGraph, {"relationships": 5}, "$.relationships: expected a JSON array (got int)"),
        # A text or an object is iterable too: 'x' used to read as the targets ['x'].
        (
            Activity,
            {"id": "A", "title": "t", "route": "workshop", "targets": "x", "jp": 1},
            "$.targets: expected a JSON array (got str)",
        ),
        (
            CompetencyFramework,
            {"id": "f", "version": "1", "title": "t", "competencies": {"A": {}}},
            "$.competencies: expected a JSON array (got dict)",
        ),
        # A table ({route: JP}) read from an array.
        (
            JpCreditPolicy,
            {"name": "n", "version": "1", "credits": [1]},
            "$.credits: expected a JSON object (got list)",
        ),
    ],
)
def test_wrong_json_shapes_are_named(cls: Any, data: object, problem: str) -> None:
    """An object or an array where the document needs the other, or a scalar, is named."""
    with pytest.raises(DocumentError) as info:
        from_data(cls, data)
    assert [str(p) for p in info.value.problems] == [problem]


# --- the JSON rules for policies and results ---------------------------------------------------


def test_fractions_travel_as_exact_texts() -> None:
    """A Fraction is a text that reads back to the same Fraction; a float is refused."""

    element = SkmElement(code="U1", name="Persyaratan", weight=Fraction(1, 9))
    data = to_data(element)
    assert data["weight"] == "1/9"
    assert from_data(SkmElement, data) == element
    assert from_data(SkmElement, {**data, "weight": 1}).weight == Fraction(1)
    assert from_data(SkmElement, {**data, "weight": "0.111"}).weight == Fraction(111, 1000)
    for bad in (0.111, "1/0", " 1/9", "satu", True):
        with pytest.raises(DocumentError, match=r"\$\.weight: expected an exact fraction"):
            from_data(SkmElement, {**data, "weight": bad})


def test_non_finite_floats_are_texts() -> None:
    """NaN and the infinities are texts in JSON and floats again when read."""

    card = from_data(ReturnResult, to_data(_a_return()))
    data = to_data(card)
    data["bcr"] = "Infinity"
    assert from_data(ReturnResult, data).bcr == float("inf")
    data["bcr"] = "NaN"
    assert math.isnan(from_data(ReturnResult, data).bcr)
    data["bcr"] = "nan"
    with pytest.raises(DocumentError, match=r"\$\.bcr: expected float"):
        from_data(ReturnResult, data)
    assert json.dumps(to_data(attrs_evolve(card, bcr=float("-inf"))), allow_nan=False)


def _a_return() -> Any:

    return analyse_return({"hemat": 2_000_000.0}, {"biaya": 1_000_000.0})


def attrs_evolve(obj: Any, **changes: Any) -> Any:

    return attrs.evolve(obj, **changes)


def test_sets_mappings_and_pairs_have_json_shapes() -> None:
    """Sets are sorted arrays, number keys texts, pair keys [key, value] arrays; shapes checked."""

    routes = to_data(PLANNING_DEFAULT)["small_gap_routes"]
    assert routes == sorted(routes)
    weights = to_data(SCORECARD_DEFAULT)["weights"]
    assert sorted(weights) == ["1", "2", "3", "4", "5"]
    assert from_data(ScorecardPolicy, to_data(SCORECARD_DEFAULT)) == SCORECARD_DEFAULT
    grid = to_data(NINE_BOX_PERMENPANRB_3_2020)["grid"]
    assert grid[0] == [["below", "low"], 1]
    data = to_data(NINE_BOX_PERMENPANRB_3_2020)
    with pytest.raises(DocumentError, match=r"\$\.grid: expected a JSON array of \[key, value\]"):
        from_data(NineBoxPolicy, {**data, "grid": {"a": 1}})
    with pytest.raises(DocumentError, match=r"\$\.recommendations: expected a JSON object"):
        from_data(NineBoxPolicy, {**data, "recommendations": [1]})
    with pytest.raises(DocumentError, match=r"\$\.weights"):
        from_data(ScorecardPolicy, {**to_data(SCORECARD_DEFAULT), "weights": {"satu": 1.0}})
    plan = to_data(PLANNING_DEFAULT)
    with pytest.raises(DocumentError, match=r"\$\.small_gap_routes: expected a JSON array"):
        from_data(PlanningPolicy, {**plan, "small_gap_routes": "coaching"})


def test_a_mapping_met_at_run_time_takes_its_shape_from_its_keys() -> None:
    """A plain dict: texts stay an object, whole numbers become texts, pairs become arrays."""
    assert to_data({"a": 1}) == {"a": 1}
    assert to_data({1: "x"}) == {"1": "x"}
    assert to_data({("a", "b"): 1, ("c", "d"): 2}) == [[["a", "b"], 1], [["c", "d"], 2]]


def test_columnar_results_round_trip_with_nan_as_null() -> None:
    """Array holders: NaN is null in JSON and NaN again when read; bad cells are named."""

    cols = GapColumns(
        person=[0, 0],
        competency=[0, 1],
        required=[3, 2],
        importance=[2, 1],
        level=[2, float("nan")],
        nips=["199107202019031004"],
        competency_ids=["MJ.PP", "MJ.KOM"],
    )
    data = json.loads(json.dumps(to_data(cols), allow_nan=False))
    assert data["level"] == [2.0, None]
    back = from_data(GapColumns, data)
    assert to_data(back) == to_data(cols)
    result = analyse_columns(cols)
    again = from_data(ColumnarGaps, json.loads(json.dumps(to_data(result), allow_nan=False)))
    assert to_data(again) == to_data(result)
    with pytest.raises(DocumentError, match=r"\$\.level: must be numbers or null"):
        from_data(GapColumns, {**data, "level": [2.0, "dua"]})
    with pytest.raises(DocumentError, match=r"\$\.person: must be whole numbers"):
        from_data(GapColumns, {**data, "person": [0, 0.5]})
    with pytest.raises(DocumentError, match=r"\$: expected a JSON object"):
        from_data(GapColumns, [1])


def test_a_recorded_value_is_any_json_scalar() -> None:
    """An excluded survey answer keeps the value it had; non-scalars are refused."""

    data = {"row": 0, "element": "U1", "value": "Infinity", "reason": "out_of_range"}
    assert from_data(ExcludedAnswer, data).value == float("inf")
    assert from_data(ExcludedAnswer, {**data, "value": "lima"}).value == "lima"
    with pytest.raises(DocumentError, match=r"\$\.value: expected number, text, boolean or null"):
        from_data(ExcludedAnswer, {**data, "value": [5]})


def test_an_enum_of_a_result_loads_as_the_enum() -> None:
    """An enum field without a converter is read as the enum; a bad value is named."""

    data = {"competency_id": "MJ.PP", "required": 3, "importance": 1.0, "current": None}
    assert from_data(GapItem, {**data, "status": "not_assessed"}).status is GapStatus.NOT_ASSESSED
    with pytest.raises(DocumentError, match=r"\$\.status: must be one of"):
        from_data(GapItem, {**data, "status": True})


def test_sets_become_sorted_arrays() -> None:
    """JSON has no sets: a policy's set of routes is written as a sorted array, read back equal."""
    data = to_data(PLANNING_DEFAULT)
    assert data["paired_types"] == sorted(data["paired_types"])
    assert isinstance(data["small_gap_routes"], list)
    assert loads(PlanningPolicy, dumps(PLANNING_DEFAULT)) == PLANNING_DEFAULT


def test_successor_development_round_trip() -> None:
    """A successor development plan, with its development plan inside, goes to JSON and back."""
    from asn_competency.talent.development import (  # noqa: PLC0415
        SuccessorDevelopment,
        _example_development,
    )

    dev = _example_development()
    assert loads(SuccessorDevelopment, dumps(dev)) == dev
    assert to_data(dev)["readiness"] == ["not_ready"]


def test_a_bad_readiness_in_a_table_is_named_with_its_path() -> None:
    """Loading a table with an unknown readiness names the field's path."""
    from asn_competency.talent.succession import _example_table  # noqa: PLC0415

    data = to_data(_example_table())
    data["positions"][0]["candidates"][0]["readiness"] = "soon"
    with pytest.raises(DocumentError) as info:
        from_data(SuccessionTable, data)
    assert [p.path for p in info.value.problems] == ["$.positions[0].candidates[0].readiness"]
