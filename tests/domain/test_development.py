import datetime as dt
from typing import Any

import pytest

from asn_competency import (
    DEVELOPMENT_HOURS_PP_11_2017,
    JP_CREDITS_REGIONAL,
    Activity,
    EmploymentStatus,
    Enrolment,
    Programme,
    Route,
    RouteCategory,
    Target,
    UnknownIdError,
    ValidationError,
)
from asn_competency.policies import DevelopmentHoursPolicy

NIPS = ["199001012015031001", "199101012016031002", "199201012017031003"]


def _act(**kw: object) -> Activity:
    base: dict[str, object] = {
        "id": "A1",
        "title": "Workshop",
        "route": "workshop",
        "targets": [Target(competency_id="MJ.PP")],
        "jp": 8,
        "cost": 800_000,
    }
    base.update(kw)
    return Activity(**base)  # type: ignore[arg-type]


def test_route_categories() -> None:
    """Routes fall into the LAN branches (the 10:20:70 parts are a policy table)."""
    assert Route.PENDIDIKAN.category is RouteCategory.PENDIDIKAN
    assert Route.SEMINAR.category is RouteCategory.KLASIKAL
    assert Route.E_LEARNING.category is RouteCategory.NONKLASIKAL


@pytest.mark.parametrize(
    ("route", "category"),
    [
        ("rotasi", RouteCategory.NONKLASIKAL),
        ("penugasan_khusus", RouteCategory.NONKLASIKAL),
        ("detasering", RouteCategory.NONKLASIKAL),
        ("tugas_belajar", RouteCategory.PENDIDIKAN),
    ],
)
def test_experiential_routes_and_study_assignment(route: str, category: RouteCategory) -> None:
    """Job rotation, special assignment, secondment and study assignment are routes."""
    assert Route(route).category is category


def test_activity_costs_and_uplift() -> None:
    """Cost per JP and uplift lookups."""
    act = _act()
    assert act.cost_per_jp == 100_000
    assert act.uplift("MJ.PP") == 1.0
    assert act.uplift("MJ.KOM") == 0.0
    assert act.competency_ids == ("MJ.PP",)
    assert _act(jp=0, cost=0).cost_per_jp == 0.0
    assert _act(jp=0, cost=1).cost_per_jp == float("inf")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"jp": -1}, "'jp' must be a number >= 0"),
        ({"cost": -5}, "'cost' must be a number >= 0"),
        ({"cost": float("inf")}, "'cost' must be a finite number"),
        ({"capacity": 0}, "'capacity' must be a whole number >= 1"),
        ({"route": "karaoke"}, "'route' must be one of"),
        (
            {"start": dt.date(2025, 2, 1), "end": dt.date(2025, 1, 1)},
            "'end' must be a date on or after",
        ),
        (
            {"targets": [Target(competency_id="A"), Target(competency_id="A")]},
            "'targets' must be unique",
        ),
    ],
)
def test_activity_bad_input(kw: dict[str, object], message: str) -> None:
    """Each bad activity field is named with what came."""
    with pytest.raises(ValidationError, match=message):
        _act(**kw)


def test_target_uplift_bounds() -> None:
    """An uplift must be positive and at most 5."""
    with pytest.raises(ValidationError, match="'uplift' must be a number in"):
        Target(competency_id="A", uplift=0)


def test_programme_totals() -> None:
    """Participants, planned cost and JP per person."""
    prog = Programme(
        id="P",
        title="t",
        activities=[_act(), _act(id="A2", jp=2, cost=0)],
        enrolments=[
            Enrolment(nip=NIPS[1], activity_id="A1", completed=True),
            Enrolment(nip=NIPS[0], activity_id="A1", completed=True),
            Enrolment(nip=NIPS[0], activity_id="A2", completed=False),
        ],
    )
    assert prog.participants == (NIPS[0], NIPS[1])
    assert prog.planned_cost == 1_600_000
    assert prog.jp_by_person() == {NIPS[0]: 8.0, NIPS[1]: 8.0}
    assert prog.jp_by_person(completed_only=False) == {NIPS[0]: 10.0, NIPS[1]: 8.0}


def test_programme_bad_input() -> None:
    """Capacity, unknown activities, duplicates and negative budgets are refused."""
    over = [Enrolment(nip=n, activity_id="A1") for n in NIPS]
    with pytest.raises(ValidationError, match=r"'enrolments\[A1\]' must be at most 2"):
        Programme(id="P", title="t", activities=[_act(capacity=2)], enrolments=over)
    with pytest.raises(UnknownIdError, match="unknown activity 'ZZ'"):
        Programme(
            id="P",
            title="t",
            activities=[_act()],
            enrolments=[Enrolment(nip=NIPS[0], activity_id="ZZ")],
        )
    with pytest.raises(ValidationError, match="'enrolments' must be unique"):
        Programme(id="P", title="t", activities=[_act()], enrolments=over[:1] * 2)
    with pytest.raises(ValidationError, match="'budget' must be a number >= 0"):
        Programme(id="P", title="t", budget=-1)
    with pytest.raises(ValidationError, match="'attendance' must be a share"):
        Enrolment(nip=NIPS[0], activity_id="A1", attendance=1.5)


def test_jp_credit_policy() -> None:
    """The regional JP table and its errors."""
    assert JP_CREDITS_REGIONAL.credit("pertukaran") == 20
    assert JP_CREDITS_REGIONAL.daily_caps[Route.BELAJAR_MANDIRI] == 2
    with pytest.raises(UnknownIdError, match="unknown route 'pendidikan'"):
        JP_CREDITS_REGIONAL.credit(Route.PENDIDIKAN)


def test_development_hours_policy() -> None:
    """20 JP minimum for PNS, 24 JP maximum for PPPK, 10:20:70 blend checked."""
    assert DEVELOPMENT_HOURS_PP_11_2017.minimum_jp[EmploymentStatus.PNS] == 20
    assert DEVELOPMENT_HOURS_PP_11_2017.maximum_jp[EmploymentStatus.PPPK] == 24
    with pytest.raises(ValidationError, match="'blend' must be shares summing to 1"):
        DevelopmentHoursPolicy(
            name="x", version="1", blend={"formal": 0.5, "social": 0.5, "experiential": 0.5}
        )
    with pytest.raises(ValidationError, match="'blend' must be shares for formal"):
        DevelopmentHoursPolicy(name="x", version="1", blend={"formal": 1.0})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: _act(targets="MJ.PP"), "'targets' must be a collection of Target objects"),
        (lambda: _act(targets=None), "'targets' must be a collection of Target objects"),
        (lambda: _act(targets=["MJ.PP"]), r"'targets\[0\]' must be a Target \(got 'MJ.PP'\)"),
        (
            lambda: Programme(id="P", title="t", activities=[{"id": "A1"}]),
            r"'activities\[0\]' must be an Activity",
        ),
        (
            lambda: Programme(id="P", title="t", enrolments=[NIPS[0]]),
            r"'enrolments\[0\]' must be an Enrolment",
        ),
    ],
)
def test_collections_of_the_wrong_kind_are_named(make: Any, message: str) -> None:
    """A text, None or a foreign item in a collection is named, not an AttributeError."""
    with pytest.raises(ValidationError, match=message):
        make()


def test_periods_must_be_dates() -> None:
    """A text or a datetime start is named instead of failing the date comparison."""
    with pytest.raises(ValidationError, match="'start' must be a date"):
        _act(start="2025-01-01", end=dt.date(2025, 1, 2))
    with pytest.raises(ValidationError, match="'end' must be a date"):
        Programme(id="P", title="t", start=dt.date(2025, 1, 1), end=dt.datetime(2025, 1, 2))


def test_amounts_beyond_float_range_are_refused() -> None:
    """A cost of 10**400 has no float value: cost_per_jp used to raise OverflowError."""
    with pytest.raises(ValidationError, match="'cost' must be a finite number >= 0"):
        _act(cost=10**400)
    with pytest.raises(ValidationError, match="'jp' must be a finite number >= 0"):
        _act(jp=10**400)


def test_completed_must_be_a_bool() -> None:
    """'no' is a true value in Python: completed='no' would count the JP as earned."""
    with pytest.raises(ValidationError, match="'completed' must be True or False"):
        Enrolment(nip=NIPS[0], activity_id="A1", completed="no")  # type: ignore[arg-type]


def test_programme_budget_too_large_for_a_float_is_named() -> None:
    """The shared >= 0 check refuses a whole number that no float can hold."""
    with pytest.raises(ValidationError, match="'budget' must be a finite number >= 0"):
        Programme(id="P", title="t", budget=10**400)
