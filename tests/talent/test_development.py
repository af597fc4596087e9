"""Developing successors: each is planned for the key position where they rank best."""

import datetime as dt

import pytest

from asn_competency import Activity, Assessment, Target, UnknownIdError, ValidationError
from asn_competency.policies.succession import Readiness
from asn_competency.talent.development import SuccessorDevelopment, plan_successor_development
from tests.talent.test_succession import BAMBANG, FAJAR, LEVELS, STAFF, _table

ASSESSMENTS = [
    Assessment(nip=nip, competency_id=cid, level=int(level), assessed_on=dt.date(2024, 5, 2))
    for (nip, cid), level in LEVELS.items()
]
CATALOGUE = [
    Activity(
        id="COACH-PK",
        title="Coaching pengambilan keputusan",
        route="coaching",
        targets=[Target(competency_id="MJ.PK", uplift=1)],
        jp=8,
        cost=400_000,
    ),
    Activity(
        id="MENTOR-PP",
        title="Mentoring pelayanan publik",
        route="mentoring",
        targets=[Target(competency_id="MJ.PP", uplift=1)],
        jp=12,
        cost=300_000,
    ),
]


def _plan(**kwargs: object) -> SuccessorDevelopment:
    options: dict[str, object] = {"year": 2025, "budget": 5_000_000, "employees": STAFF, **kwargs}
    return plan_successor_development(_table(), ASSESSMENTS, CATALOGUE, **options)  # type: ignore[arg-type]


def test_ready_in_1_2_years_are_planned_for_their_best_position() -> None:
    """Bambang is ready in 1-2 years at KABID.PIAK (rank 1), Fajar at KASI.DATA (rank 4).

    Their gaps there: Bambang PP 1 and PK 2, Fajar PP 1; mentoring closes PP.
    """
    dev = _plan()
    assert dev.targets == ((BAMBANG, "KABID.PIAK"), (FAJAR, "KASI.DATA"))
    assert dev.readiness == (Readiness.READY_1_2_YEARS,)
    assert dev.target_of(FAJAR) == "KASI.DATA"
    taken = {(a.nip, a.activity_id) for a in dev.plan.assignments}
    assert (FAJAR, "MENTOR-PP") in taken
    assert (BAMBANG, "MENTOR-PP") in taken
    assert [p.nip for p in dev.for_position("KABID.PIAK")] == [BAMBANG]
    fajar = dev.plan.person(FAJAR)
    assert (fajar.gap_before, fajar.gap_closed) == (1.0, 1.0)
    df = dev.to_dataframe()
    assert df.columns.tolist()[:3] == ["nip", "position_id", "activity_id"]
    assert set(df["position_id"]) == {"KABID.PIAK", "KASI.DATA"}


def test_other_readiness_can_be_chosen() -> None:
    """Not-ready candidates: Rina and Agus, each at their best-ranked position."""
    dev = _plan(readiness=["not_ready"])
    assert [nip for nip, _ in dev.targets] == sorted(["198602142010012003", "197805102003121001"])
    assert dict(dev.targets)["198602142010012003"] == "KABID.PIAK"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"readiness": "soon"}, ValidationError, "'readiness' must be one of"),
        ({"readiness": []}, ValidationError, "'readiness' must be one or more"),
        ({"readiness": 3}, ValidationError, "'readiness' must be one or more"),
        ({"employees": STAFF[:2]}, UnknownIdError, "unknown employee"),
        ({"budget": -1}, ValidationError, "'budget' must be"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    """Unknown readiness, missing people and the planner's own checks are named."""
    with pytest.raises(error, match=message):
        _plan(**kwargs)


def test_table_of_the_wrong_kind() -> None:
    """Only a succession table is read."""
    with pytest.raises(ValidationError, match="'table' must be a SuccessionTable"):
        plan_successor_development(
            "t",  # type: ignore[arg-type]
            ASSESSMENTS,
            CATALOGUE,
            year=2025,
            budget=1,
            employees=STAFF,
        )


def test_unknown_successor() -> None:
    """Someone not planned is an unknown-id error."""
    with pytest.raises(UnknownIdError, match="unknown successor"):
        _plan().target_of("199001012015031001")
