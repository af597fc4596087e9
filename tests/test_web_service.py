"""The web-service example, called through Starlette's test client."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from asn_competency.evaluation.skm import SkmResult
from asn_competency.gaps.individual import GapReport
from asn_competency.io.json import from_data

SERVICE: dict[str, Any] = runpy.run_path(
    str(Path(__file__).resolve().parents[1] / "examples" / "web_service.py")
)
CLIENT = TestClient(SERVICE["app"])
STANDARD = SERVICE["STANDARD"]
RINA = SERVICE["RINA"]
assessment = SERVICE["assessment"]


def test_a_gap_report_comes_back_as_json_the_library_reads() -> None:
    """POST /gaps answers the report as JSON that from_data reads back."""
    seen = [assessment(RINA, "MJ.PP", 2), assessment(RINA, "MJ.KOM", 2)]
    r = CLIENT.post("/gaps", json={"nip": RINA, "standard": STANDARD, "assessments": seen})
    assert r.status_code == 200
    report = from_data(GapReport, r.json())
    assert (report.jpm, report.jpm_mapping) == (80.0, "Cukup Optimal")


def test_an_skm_index_keeps_its_exact_weights() -> None:
    """POST /skm answers the index; the policy's 1/9 weights travel as exact texts."""
    answers = [[4] * 9]
    r = CLIENT.post("/skm", json={"responses": answers})
    assert r.status_code == 200
    assert r.json()["policy"]["elements"][0]["weight"] == "1/9"
    assert from_data(SkmResult, r.json()).converted == 100.0


def test_a_matching_answers_pairs() -> None:
    """POST /matching pairs the people below standard with a mentor who meets it."""
    people = [
        {"nip": RINA, "name": "Rina", "unit": "Pelayanan", "tier": "pelaksana"},
        {
            "nip": "197805102003121001",
            "name": "Sari",
            "unit": "Pelayanan",
            "tier": "pengawas",
            "golongan": "III/d",
        },
    ]
    seen = [assessment(RINA, "MJ.PP", 1), assessment("197805102003121001", "MJ.PP", 4)]
    body = {"employees": people, "assessments": seen, "standard": STANDARD}
    r = CLIENT.post("/matching", json=body)
    assert r.status_code == 200
    assert [(p["mentor"], p["mentee"]) for p in r.json()["pairs"]] == [("197805102003121001", RINA)]


@pytest.mark.parametrize(
    ("path", "body", "detail"),
    [
        (
            "/gaps",
            {"nip": RINA, "standard": STANDARD, "assessments": [{"nip": RINA}]},
            {"path": "$.assessments[0].competency_id", "message": "required field missing"},
        ),
        (
            "/gaps",
            {"nip": "123", "standard": STANDARD, "assessments": []},
            {"path": "$.nip", "message": "'nip' must be 18 digits (got '123')"},
        ),
        (
            "/skm",
            {"responses": [[4] * 9], "policy": "lain"},
            {
                "path": "$.policy",
                "message": "'policy' must be one of ['kep-25-m-pan-2-2004', "
                "'kep-25-m-pan-2-2004-printed', 'permenpanrb-14-2017', "
                "'permenpanrb-14-2017-printed'] (got 'lain')",
            },
        ),
        (
            "/skm",
            {"responses": [[5] * 9]},
            {"path": "$.responses[0][U1]", "message": "'responses[0][U1]' must be"},
        ),
    ],
)
def test_the_librarys_errors_are_422_with_a_path(
    path: str, body: dict[str, Any], detail: dict[str, str]
) -> None:
    """A bad body is HTTP 422 whose detail names each problem's JSON path."""
    r = CLIENT.post(path, json=body)
    assert r.status_code == 422
    got = r.json()["detail"][0]
    assert got["path"] == detail["path"]
    assert got["message"].startswith(detail["message"])


def test_text_that_is_not_json_is_422() -> None:
    """A body that is not JSON is named by its line and column."""
    r = CLIENT.post("/skm", content=b"{not json")
    assert r.status_code == 422
    assert r.json()["detail"][0]["path"] == "line 1, column 2"
