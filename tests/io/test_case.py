import copy
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from asn_competency import (
    Competency,
    CompetencyFramework,
    DocumentError,
    ValidationError,
    national_framework,
)
from asn_competency import strategies as acst
from asn_competency.domain import FrameworkStatus
from asn_competency.io.case import (
    CASE_NAMESPACE,
    EXTENSION_KEY,
    LEVEL_ITEM_TYPE,
    case_identifier,
    framework_from_case,
    framework_to_case,
    read_case,
    write_case,
)

WHEN = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
STAMP = "2024-01-02T03:04:05Z"


def _problems(exc: pytest.ExceptionInfo[DocumentError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def _small() -> CompetencyFramework:
    return CompetencyFramework(
        id="tk",
        version="2",
        title="Teknis",
        status="draft",
        competencies=[
            Competency(id="A", name_id="Arsip", type="teknis"),
            Competency(
                id="A.1",
                name_id="Arsip digital",
                name_en="Digital records",
                type="teknis",
                parent_id="A",
                related_ids=["B"],
                description="Mengelola arsip elektronik.",
            ),
            Competency(id="B", name_id="Berkas", type="manajerial"),
        ],
    )


def _doc(**extra: Any) -> dict[str, Any]:
    return {
        "identifier": "d1",
        "uri": "urn:x:d1",
        "creator": "BKD",
        "title": "Teknis",
        "lastChangeDateTime": STAMP,
        **extra,
    }


def _item(ident: str, statement: str, **extra: Any) -> dict[str, Any]:
    return {
        "identifier": ident,
        "uri": f"urn:x:{ident}",
        "fullStatement": statement,
        "lastChangeDateTime": STAMP,
        **extra,
    }


def _assoc(ident: str, kind: str, origin: str, destination: str, **extra: Any) -> dict[str, Any]:
    return {
        "identifier": ident,
        "uri": f"urn:x:{ident}",
        "associationType": kind,
        "originNodeURI": {"identifier": origin, "uri": f"urn:x:{origin}"},
        "destinationNodeURI": {"identifier": destination, "uri": f"urn:x:{destination}"},
        "lastChangeDateTime": STAMP,
        **extra,
    }


@given(acst.frameworks())
def test_round_trip_through_json_text(fw: CompetencyFramework) -> None:
    """framework_from_case(framework_to_case(fw)) == fw, also after JSON text."""
    pkg = framework_to_case(fw, changed=WHEN)
    assert framework_from_case(json.loads(json.dumps(pkg))) == fw


def test_package_structure() -> None:
    """One item per competency and per level; isChildOf, isRelatedTo and hasSkillLevel links."""
    fw = _small()
    pkg = framework_to_case(fw, changed=WHEN, base_uri="https://bkd.example.go.id/case/")
    doc = pkg["CFDocument"]
    assert doc["identifier"] == case_identifier("tk")
    assert doc["uri"] == f"https://bkd.example.go.id/case/uri/{doc['identifier']}"
    assert (doc["title"], doc["version"], doc["adoptionStatus"]) == ("Teknis", "2", "Draft")
    assert doc["lastChangeDateTime"] == "2024-01-02T03:04:05+00:00"
    assert doc["extensions"][EXTENSION_KEY] == {"frameworkId": "tk", "status": "draft"}
    items = pkg["CFItems"]
    # 3 competencies with the 5-level default scale each: 3 + 15 items.
    assert len(items) == 18
    assert sum(i["CFItemType"] == LEVEL_ITEM_TYPE for i in items) == 15
    kinds = [a["associationType"] for a in pkg["CFAssociations"]]
    assert kinds.count("isChildOf") == 3
    assert kinds.count("isRelatedTo") == 1
    assert kinds.count("hasSkillLevel") == 15
    a1 = next(i for i in items if i.get("humanCodingScheme") == "A.1")
    assert a1["alternativeLabel"] == "Digital records"
    assert a1["notes"] == "Mengelola arsip elektronik."
    parent_link = next(
        a
        for a in pkg["CFAssociations"]
        if a["associationType"] == "isChildOf"
        and a["originNodeURI"]["identifier"] == a1["identifier"]
    )
    assert parent_link["destinationNodeURI"]["identifier"] == case_identifier("tk", "A")
    top = next(
        a
        for a in pkg["CFAssociations"]
        if a["associationType"] == "isChildOf"
        and a["originNodeURI"]["identifier"] == case_identifier("tk", "A")
    )
    assert top["destinationNodeURI"]["identifier"] == doc["identifier"]
    levels = sorted(
        a["sequenceNumber"]
        for a in pkg["CFAssociations"]
        if a["associationType"] == "hasSkillLevel"
        and a["originNodeURI"]["identifier"] == a1["identifier"]
    )
    assert levels == [1, 2, 3, 4, 5]


def test_identifiers_are_stable_uuid5() -> None:
    """Identifiers are version-5 UUIDs from the framework and competency ids; output is stable."""
    ident = case_identifier("asn-national", "MJ.INT")
    assert uuid.UUID(ident).version == 5
    assert ident == str(uuid.uuid5(CASE_NAMESPACE, "asn-national/MJ.INT"))
    assert case_identifier("asn-national", "MJ.INT", 3) != ident
    fw = national_framework()
    assert framework_to_case(fw, changed=WHEN) == framework_to_case(fw, changed=WHEN)
    idents = [i["identifier"] for i in framework_to_case(fw, changed=WHEN)["CFItems"]]
    assert len(set(idents)) == len(idents)
    assert framework_to_case(fw)["CFItems"][0]["uri"].startswith("urn:uuid:")


def test_naive_timestamp_is_utc() -> None:
    """A naive change time is taken as UTC."""
    pkg = framework_to_case(_small(), changed=dt.datetime(2024, 1, 2))
    assert pkg["CFDocument"]["lastChangeDateTime"] == "2024-01-02T00:00:00+00:00"


def test_national_framework_round_trip_with_not_applicable_level() -> None:
    """The national framework and a scale with a not-applicable level come back unchanged."""
    assert framework_from_case(framework_to_case(national_framework())) == national_framework()


def test_foreign_package_without_extensions() -> None:
    """A package from another tool: ids from humanCodingScheme (else identifier), defaults."""
    pkg = {
        "CFDocument": _doc(version="2023", adoptionStatus="Deprecated"),
        "CFItems": [
            _item("i1", "Kearsipan", humanCodingScheme="TK.ARSIP", CFItemType="Competency"),
            _item("i2", "Arsip digital", humanCodingScheme="bad code!"),
            _item("l1", "Dasar", CFItemType="proficiency level", listEnumeration="1"),
            _item("l2", "Mahir", listEnumeration="2"),
        ],
        "CFAssociations": [
            _assoc("a1", "isChildOf", "i1", "d1"),
            _assoc("a2", "isChildOf", "i2", "i1"),
            _assoc("a3", "hasSkillLevel", "i1", "l1"),
            _assoc("a4", "hasSkillLevel", "i1", "l2"),
            _assoc("a5", "exactMatchOf", "i1", "elsewhere"),
            _assoc("a6", "isRelatedTo", "i2", "i1"),
        ],
    }
    fw = framework_from_case(pkg)
    assert (fw.id, fw.version, fw.title, fw.status) == (
        "d1",
        "2023",
        "Teknis",
        FrameworkStatus.RETIRED,
    )
    assert fw.ids == ("TK.ARSIP", "i2")
    arsip = fw["TK.ARSIP"]
    assert [lvl.label for lvl in arsip.scale.levels] == ["Dasar", "Mahir"]
    assert arsip.type.value == "teknis"
    assert fw["i2"].parent_id == "TK.ARSIP"
    assert fw["i2"].related_ids == ("TK.ARSIP",)
    assert fw["i2"].scale.maximum == 5


def test_scale_id_from_extension_without_levels() -> None:
    """A competency with a scale id but no level items keeps the id on the generic scale."""
    pkg = {
        "CFDocument": _doc(),
        "CFItems": [_item("i1", "Arsip", extensions={EXTENSION_KEY: {"scaleId": "lima"}})],
    }
    assert framework_from_case(pkg)["i1"].scale.id == "lima"


def test_dangling_association_names_identifier_and_path() -> None:
    """An association to a node outside the package is an error naming it and its path."""
    pkg = framework_to_case(_small(), changed=WHEN)
    bad = copy.deepcopy(pkg)
    bad["CFAssociations"][1]["destinationNodeURI"]["identifier"] = "gone"
    ident = bad["CFAssociations"][1]["identifier"]
    with pytest.raises(DocumentError) as exc:
        framework_from_case(bad, source="tk.case.json")
    assert _problems(exc) == [
        f"$.CFAssociations[1].destinationNodeURI: association {ident!r} names 'gone', "
        "which is not in the package"
    ]
    assert str(exc.value).startswith("tk.case.json: 1 problem")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda p: p.pop("CFDocument"), ["$.CFDocument: required field missing"]),
        (lambda p: p["CFDocument"].pop("title"), ["$.CFDocument.title: required field missing"]),
        (
            lambda p: p["CFDocument"].update(creator=7),
            ["$.CFDocument.creator: expected a non-empty string (got 7)"],
        ),
        (
            lambda p: p["CFItems"][0].pop("fullStatement"),
            ["$.CFItems[0].fullStatement: required field missing"],
        ),
        (
            lambda p: p["CFAssociations"][0].pop("originNodeURI"),
            ["$.CFAssociations[0].originNodeURI: required field missing"],
        ),
        (
            lambda p: p["CFAssociations"][0]["originNodeURI"].pop("uri"),
            ["$.CFAssociations[0].originNodeURI.uri: required field missing"],
        ),
        (
            lambda p: p["CFAssociations"][0].update(destinationNodeURI="x"),
            ["$.CFAssociations[0].destinationNodeURI: expected a JSON object (got str)"],
        ),
        (lambda p: p.update(CFItems={}), ["$.CFItems: expected a JSON array (got dict)"]),
        (
            lambda p: p["CFItems"].append(3),
            ["$.CFItems[18]: expected a JSON object (got int)"],
        ),
        (
            lambda p: p["CFItems"].append(dict(p["CFItems"][0])),
            [],
        ),
    ],
)
def test_missing_required_fields(mutate: Any, expected: list[str]) -> None:
    """Each missing or mistyped required CASE field is reported with its path."""
    pkg = framework_to_case(_small(), changed=WHEN)
    mutate(pkg)
    with pytest.raises(DocumentError) as exc:
        framework_from_case(pkg)
    got = _problems(exc)
    if expected:
        assert got == expected
    else:
        assert got[0].startswith("$.CFItems[18].identifier: identifier ")
        assert got[0].endswith("is used twice")


def test_not_a_package() -> None:
    """Data that is not a JSON object is one problem at '$'."""
    with pytest.raises(DocumentError) as exc:
        framework_from_case([1, 2])
    assert _problems(exc) == ["$: expected a JSON object (got list)"]


def test_meaning_problems() -> None:
    """Repeated codes, levels without numbers, two parents and children of levels."""
    pkg = {
        "CFDocument": _doc(),
        "CFItems": [
            _item("i1", "A", humanCodingScheme="A"),
            _item("i2", "A again", humanCodingScheme="A"),
            _item("i3", "C", humanCodingScheme="C"),
            _item("i4", "D", humanCodingScheme="D"),
            _item("l1", "Dasar", CFItemType=LEVEL_ITEM_TYPE),
            _item("l2", "Dasar", CFItemType=LEVEL_ITEM_TYPE, listEnumeration="x"),
        ],
        "CFAssociations": [
            _assoc("a1", "hasSkillLevel", "i3", "l1"),
            _assoc("a2", "isChildOf", "i4", "i1"),
            _assoc("a3", "isChildOf", "i4", "i3"),
            _assoc("a4", "isChildOf", "i1", "l1"),
            _assoc("a5", "hasSkillLevel", "i1", "l2"),
        ],
    }
    with pytest.raises(DocumentError) as exc:
        framework_from_case(pkg)
    got = _problems(exc)
    assert "$.CFItems[1].humanCodingScheme: competency id 'A' is used twice" in got
    assert (
        "$.CFAssociations[0]: expected a level number in sequenceNumber or listEnumeration" in got
    )
    assert "$.CFAssociations[2]: 'D' has a second parent 'C'" in got
    assert "$.CFAssociations[3]: 'A' is a child of a level item 'l1'" in got
    assert (
        "$.CFAssociations[4]: expected a level number in sequenceNumber or listEnumeration" in got
    )


def test_framework_level_problems_are_document_errors() -> None:
    """A parent cycle or a bad framework id becomes a DocumentError with a path."""
    pkg = {
        "CFDocument": _doc(),
        "CFItems": [_item("i1", "A"), _item("i2", "B")],
        "CFAssociations": [
            _assoc("a1", "isChildOf", "i1", "i2"),
            _assoc("a2", "isChildOf", "i2", "i1"),
        ],
    }
    with pytest.raises(DocumentError) as exc:
        framework_from_case(pkg)
    assert _problems(exc) == ["$.CFItems: parent links form a cycle: i1 -> i2 -> i1"]
    bad_id = {"CFDocument": _doc(extensions={EXTENSION_KEY: {"frameworkId": "bad id"}})}
    with pytest.raises(DocumentError) as exc:
        framework_from_case(bad_id)
    assert _problems(exc)[0].startswith("$.CFDocument: 'id' must be an id")


def test_read_and_write_files(tmp_path: Path) -> None:
    """write_case and read_case round-trip through a file; bad files are DocumentErrors."""
    path = tmp_path / "fw.case.json"
    write_case(_small(), path, changed=WHEN)
    assert read_case(path) == _small()
    path.write_text("{oops", encoding="utf-8")
    with pytest.raises(DocumentError, match="not valid JSON"):
        read_case(path)
    with pytest.raises(DocumentError, match="cannot read file"):
        read_case(tmp_path / "missing.json")


@given(acst.frameworks())
def test_package_is_closed_and_identifiers_unique(fw: CompetencyFramework) -> None:
    """Every association joins two records of the package; every identifier is unique."""
    pkg = framework_to_case(fw, changed=WHEN)
    records = [pkg["CFDocument"], *pkg["CFItems"], *pkg["CFAssociations"]]
    idents = [r["identifier"] for r in records]
    assert len(set(idents)) == len(idents)
    nodes = {pkg["CFDocument"]["identifier"]} | {i["identifier"] for i in pkg["CFItems"]}
    for a in pkg["CFAssociations"]:
        assert a["originNodeURI"]["identifier"] in nodes
        assert a["destinationNodeURI"]["identifier"] in nodes
    levels = sum(c.scale.maximum + (c.scale.not_applicable is not None) for c in fw)
    assert len(pkg["CFItems"]) == len(fw) + levels
    # One isChildOf per competency (to its parent or the document), one link per level.
    kinds = [a["associationType"] for a in pkg["CFAssociations"]]
    assert kinds.count("isChildOf") == len(fw)
    assert kinds.count("hasSkillLevel") == levels
    assert kinds.count("isRelatedTo") == sum(len(c.related_ids) for c in fw)


def test_level_number_in_digits_that_int_refuses() -> None:
    """Superscript two passes str.isdigit() but not int(): a problem, not a ValueError."""
    level = _item("l1", "Dasar", CFItemType=LEVEL_ITEM_TYPE, listEnumeration="\u00b2")
    pkg = {
        "CFDocument": _doc(),
        "CFItems": [_item("i1", "Arsip"), level],
        "CFAssociations": [_assoc("a1", "hasSkillLevel", "i1", "l1")],
    }
    with pytest.raises(DocumentError) as exc:
        framework_from_case(pkg)
    assert _problems(exc) == [
        "$.CFAssociations[0]: expected a level number in sequenceNumber or listEnumeration"
    ]
    # Other decimal digits are numbers to int(), and so to the reader: Arabic-Indic one is 1.
    level["listEnumeration"] = "\u0661"
    assert [lvl.label for lvl in framework_from_case(pkg)["i1"].scale.levels] == ["Dasar"]


def test_optional_texts_of_another_type_are_problems() -> None:
    """A number as alternativeLabel would become a competency's English name (name_en=5)."""
    pkg = {
        "CFDocument": _doc(),
        "CFItems": [_item("i1", "Arsip", alternativeLabel=5, notes=["x"], CFItemType=None)],
    }
    with pytest.raises(DocumentError) as exc:
        framework_from_case(pkg)
    assert _problems(exc) == [
        "$.CFItems[0].alternativeLabel: expected a string (got 5)",
        "$.CFItems[0].notes: expected a string (got ['x'])",
    ]


def test_change_time_must_be_a_datetime() -> None:
    """A date has no time zone to attach: named, not an AttributeError."""
    with pytest.raises(ValidationError, match="'changed' must be a datetime"):
        framework_to_case(_small(), changed=dt.date(2024, 1, 2))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '{"CFDocument": ' + "1" * 5000 + "}",
            "$: not valid JSON: a number of more than 4300 digits",
        ),
        ("[" * 100_000, "$: not valid JSON: arrays or objects nested too deeply"),
    ],
)
def test_files_the_json_parser_cannot_take(tmp_path: Path, text: str, problem: str) -> None:
    """json.loads refuses these with ValueError or RecursionError, not JSONDecodeError."""
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as exc:
        read_case(path)
    assert _problems(exc) == [problem]


def test_the_same_link_twice_is_read_once() -> None:
    """Repeated isChildOf and hasSkillLevel associations used to read as a second parent/level."""
    pkg = {
        "CFDocument": _doc(),
        "CFItems": [
            _item("i1", "Arsip", humanCodingScheme="TK.A"),
            _item("i2", "Arsip digital", humanCodingScheme="TK.B"),
            _item("l1", "Dasar", CFItemType=LEVEL_ITEM_TYPE, listEnumeration="1"),
        ],
        "CFAssociations": [
            _assoc("a1", "isChildOf", "i2", "i1"),
            _assoc("a2", "isChildOf", "i2", "i1"),
            _assoc("a3", "hasSkillLevel", "i1", "l1"),
            _assoc("a4", "hasSkillLevel", "i1", "l1"),
        ],
    }
    fw = framework_from_case(pkg)
    assert fw["TK.B"].parent_id == "TK.A"
    assert [lvl.label for lvl in fw["TK.A"].scale.levels] == ["Dasar"]


def test_two_not_applicable_levels_are_a_problem_in_any_order() -> None:
    """Two level-0 items: the later one used to win, so the result hung on the order."""
    items = [
        _item("i1", "Arsip"),
        _item("l1", "Level 1", CFItemType=LEVEL_ITEM_TYPE),
        _item("n1", "Tidak relevan", CFItemType=LEVEL_ITEM_TYPE),
        _item("n2", "Tidak berlaku", CFItemType=LEVEL_ITEM_TYPE),
    ]
    links = [
        _assoc("a1", "hasSkillLevel", "i1", "l1", sequenceNumber=1),
        _assoc("a2", "hasSkillLevel", "i1", "n1", sequenceNumber=0),
        _assoc("a3", "hasSkillLevel", "i1", "n2", sequenceNumber=0),
    ]
    for order in (links, links[::-1]):
        pkg = {"CFDocument": _doc(), "CFItems": items, "CFAssociations": order}
        with pytest.raises(DocumentError, match="'i1' has a second level numbered 0"):
            framework_from_case(pkg)


def test_arguments_of_the_wrong_kind_are_named() -> None:
    """A framework id instead of the framework, or a number as base URI, is named."""
    bad: Any = "tk"
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        framework_to_case(bad)
    with pytest.raises(ValidationError, match="'base_uri' must be a non-empty text or none"):
        framework_to_case(_small(), base_uri=bad.__len__())
    with pytest.raises(ValidationError, match="'base_uri' must be a non-empty text or none"):
        framework_to_case(_small(), base_uri="")
    with pytest.raises(ValidationError, match="'creator' must be a non-empty text"):
        framework_to_case(_small(), creator=" ")
    with pytest.raises(ValidationError, match="'language' must be a non-empty text"):
        framework_to_case(_small(), language=bad.__len__())
