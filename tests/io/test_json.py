import json
from pathlib import Path
from typing import Any

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
from asn_competency.io.json import dump, dumps, from_data, load, loads, make_converter, to_data
from asn_competency.policies import (
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
            "$.credits: expected a JSON object",
        ),
    ],
)
def test_wrong_json_shapes_are_named(cls: Any, data: object, problem: str) -> None:
    """An object or an array where the document needs the other, or a scalar, is named."""
    with pytest.raises(DocumentError) as info:
        from_data(cls, data)
    assert [str(p) for p in info.value.problems] == [problem]


def test_sets_become_sorted_arrays() -> None:
    """JSON has no sets: a policy's set of routes is written as a sorted array, read back equal."""
    from asn_competency.policies.planning import PLANNING_DEFAULT  # noqa: PLC0415

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
