"""A small web service that embeds asn-competency: gap reports, mentor matching, SKM.

Three JSON endpoints on Starlette (``pip install asn-competency starlette httpx2``):

- ``POST /gaps``: one person's gap report against a position standard;
- ``POST /matching``: mentors for the people below standard;
- ``POST /skm``: the public-satisfaction index of survey answers.

Request bodies are read with ``asn_competency.io.json.from_data`` (strict: a
bad field is a problem with its JSON path) and results written with
``to_data``, so every response is plain JSON. The library's errors become
HTTP 422 bodies: ``{"detail": [{"path": "$.assessments[0].level", "message": ...}]}``.

Run ``python examples/web_service.py`` to call each endpoint once through
Starlette's test client (no server, no network) and print the answers; run
``uvicorn web_service:app`` in this folder to serve it.
"""

import datetime as dt
import json
from typing import Any

import attrs
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from asn_competency.domain import Assessment, Employee, MenteeNeed, PositionStandard
from asn_competency.errors import AsnCompetencyError, DocumentError, UnknownIdError
from asn_competency.errors import ValidationError as LibraryValidationError
from asn_competency.evaluation import skm_index
from asn_competency.gaps import analyse_gaps, combine_assessments
from asn_competency.io.json import from_data, parse_json, to_data
from asn_competency.matching import match_mentors
from asn_competency.policies import (
    SKM_KEPMENPAN_25_2004,
    SKM_KEPMENPAN_25_2004_PRINTED,
    SKM_PERMENPANRB_14_2017,
    SKM_PERMENPANRB_14_2017_PRINTED,
)

SKM_POLICIES = {
    p.name: p
    for p in (
        SKM_PERMENPANRB_14_2017,
        SKM_PERMENPANRB_14_2017_PRINTED,
        SKM_KEPMENPAN_25_2004,
        SKM_KEPMENPAN_25_2004_PRINTED,
    )
}


@attrs.frozen(kw_only=True)
class GapRequest:
    """``POST /gaps``: whose gaps, against which standard, from which assessments."""

    nip: str
    standard: PositionStandard
    assessments: list[Assessment]


@attrs.frozen(kw_only=True)
class MatchingRequest:
    """``POST /matching``: the office's people and their assessments."""

    employees: list[Employee]
    assessments: list[Assessment]
    standard: PositionStandard


@attrs.frozen(kw_only=True)
class SkmRequest:
    """``POST /skm``: answers 1-4, one list per respondent, and the policy's name."""

    responses: list[list[int]]
    policy: str = SKM_PERMENPANRB_14_2017.name


async def body_of(request: Request, cls: type[Any]) -> Any:
    """The request's JSON body as a ``cls``; a DocumentError lists every bad field."""
    return from_data(cls, parse_json(await request.body(), source="body"), source="body")


async def gaps(request: Request) -> JSONResponse:
    """One person's gap report."""
    req: GapRequest = await body_of(request, GapRequest)
    return JSONResponse(to_data(analyse_gaps(req.assessments, req.standard, nip=req.nip)))


async def matching(request: Request) -> JSONResponse:
    """Mentors, from the office, for everyone below the standard."""
    req: MatchingRequest = await body_of(request, MatchingRequest)
    needs = [
        MenteeNeed.from_report(report)
        for e in req.employees
        if (report := analyse_gaps(req.assessments, req.standard, nip=e.nip)).below()
    ]
    levels = combine_assessments(req.assessments)
    result = match_mentors(needs, req.employees, levels=levels, employees=req.employees)
    return JSONResponse(to_data(result))


async def skm(request: Request) -> JSONResponse:
    """The SKM index under a named policy."""
    req: SkmRequest = await body_of(request, SkmRequest)
    policy = SKM_POLICIES.get(req.policy)
    if policy is None:
        raise LibraryValidationError("policy", f"one of {sorted(SKM_POLICIES)}", req.policy)
    return JSONResponse(to_data(skm_index(req.responses, policy=policy)))


async def library_error(request: Request, exc: Exception) -> JSONResponse:
    """The library's errors as HTTP 422, each problem with its JSON path."""
    if isinstance(exc, DocumentError):
        detail = [{"path": p.path, "message": p.message} for p in exc.problems]
    elif isinstance(exc, LibraryValidationError):
        detail = [{"path": f"$.{exc.field}", "message": str(exc)}]
    elif isinstance(exc, UnknownIdError):
        detail = [{"path": "$", "message": str(exc)}]
    else:
        detail = [{"path": "$", "message": str(exc)}]
    return JSONResponse({"detail": detail}, status_code=422)


app = Starlette(
    routes=[
        Route("/gaps", gaps, methods=["POST"]),
        Route("/matching", matching, methods=["POST"]),
        Route("/skm", skm, methods=["POST"]),
    ],
    exception_handlers={AsnCompetencyError: library_error},
)


# --- a demonstration: each endpoint called once through the test client -----------------------

RINA = "198602142010012003"
BUDI = "199001012015031001"
SARI = "197805102003121001"
STANDARD = {
    "position_id": "FO",
    "framework_id": "asn-national",
    "requirements": [
        {"competency_id": "MJ.PP", "level": 3, "importance": 2.0},
        {"competency_id": "MJ.KOM", "level": 2, "importance": 1.0},
    ],
}


def assessment(nip: str, cid: str, level: int) -> dict[str, Any]:
    """One assessment as JSON data."""
    return {"nip": nip, "competency_id": cid, "level": level, "assessed_on": "2024-03-01"}


def main() -> None:
    """Call each endpoint and print what it answers."""
    client = TestClient(app)
    seen = [
        assessment(RINA, "MJ.PP", 2),
        assessment(RINA, "MJ.KOM", 2),
        assessment(BUDI, "MJ.PP", 1),
        assessment(SARI, "MJ.PP", 4),
        assessment(SARI, "MJ.KOM", 3),
    ]
    r = client.post("/gaps", json={"nip": RINA, "standard": STANDARD, "assessments": seen})
    report = r.json()
    print(f"POST /gaps -> {r.status_code}")
    print(f"  JPM {report['jpm']:.1f} ({report['jpm_mapping']})")
    print(f"  weighted gap {report['weighted_gap']:.3f}")
    for item in report["items"]:
        level = item["current"]["level"] if item["current"] else None
        print(f"  {item['competency_id']}: required {item['required']}, level {level}")
        print(f"    status {item['status']}")

    people = [
        {"nip": RINA, "name": "Rina", "unit": "Pelayanan", "tier": "pelaksana"},
        {"nip": BUDI, "name": "Budi", "unit": "Pelayanan", "tier": "pelaksana"},
        {"nip": SARI, "name": "Sari", "unit": "Pelayanan", "tier": "pengawas", "golongan": "III/d"},
    ]
    r = client.post(
        "/matching", json={"employees": people, "assessments": seen, "standard": STANDARD}
    )
    result = r.json()
    print(f"POST /matching -> {r.status_code} ({result['objective']})")
    for pair in result["pairs"]:
        print(f"  mentor {pair['mentor']} -> mentee {pair['mentee']}, covers {pair['covered']}")
    print(f"  mentees without a mentor: {len(result['unmatched_mentees'])}")

    answers = [[4, 3, 3, 4, 3, 4, 4, 3, 3], [3, 3, 2, 3, 3, 3, 4, 3, 3]]
    r = client.post("/skm", json={"responses": answers, "policy": "permenpanrb-14-2017"})
    index = r.json()
    print(f"POST /skm -> {r.status_code}")
    print(f"  IKM {index['converted']:.2f}: grade {index['grade']} ({index['label']})")
    print(f"  weight of U1 travels exactly: {index['policy']['elements'][0]['weight']!r}")

    bad = [assessment(RINA, "MJ.PP", 2) | {"level": "dua", "assessed_on": str(dt.date(2999, 1, 1))}]
    r = client.post("/gaps", json={"nip": RINA, "standard": STANDARD, "assessments": bad})
    print(f"POST /gaps with a bad body -> {r.status_code}")
    print(json.dumps(r.json(), indent=2))


if __name__ == "__main__":
    main()
