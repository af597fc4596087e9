"""Projected JP at the period's end, and the fewest activities that close each shortfall."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency.compliance.columnar import JpStatus
from asn_competency.compliance.jp import analyse_jp
from asn_competency.compliance.projection import _example, project_jp
from asn_competency.domain.development import Activity, Target
from asn_competency.domain.employee import Employee
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.planning.result import DevelopmentPlan
from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT

A, PPPK = "199001012015031001", "198907072022211005"


def _act(
    aid: str,
    jp: float,
    cost: float = 0.0,
    *,
    route: str = "workshop",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Activity:
    return Activity(
        id=aid,
        title=aid,
        route=route,
        targets=[Target(competency_id="MJ.KOM")],
        jp=jp,
        cost=cost,
        start=start,
        end=end,
    )


def _so_far(jp: float, nip: str = A, policy: object = JP_COMPLIANCE_DEFAULT) -> object:
    led = Ledger(
        [
            LedgerEntry(
                nip=nip, title="D", route="pelatihan_teknis", start=dt.date(2025, 2, 3), jp=jp
            )
        ]
        if jp
        else []
    )
    return analyse_jp(led, period=2025, employees=[Employee(nip=nip, name="X")], policy=policy)  # type: ignore[arg-type]


def test_plan_and_suggestions_checked_by_hand() -> None:
    """8 JP done, a 3 JP e-learning planned for September, 9 missing: one 10 JP workshop."""
    proj = _example()
    p = proj.person("199203042019032002")
    assert (p.projected_jp, p.short_by, p.suggestions, p.suggested_jp, p.closes) == (
        11.0,
        9.0,
        ("WS-ARSIP",),
        10.0,
        True,
    )
    met = proj.person("199001012015031001")
    assert (met.projected_status, met.suggestions, met.closes) == (JpStatus.MET, (), True)
    assert proj.share_met == 0.5
    assert [p.nip for p in proj.still_short()] == ["199203042019032002"]
    with pytest.raises(UnknownIdError):
        proj.person("198907072022211005")
    assert proj.to_dataframe()["suggestions"].tolist() == ["", "WS-ARSIP"]


def test_fewest_activities_most_jp_first_then_cheapest() -> None:
    """12 missing: a 10 and a 4 (two activities), the cheaper of two equal ones."""
    catalogue = [_act("A", 4, 100), _act("B", 10, 500), _act("C", 4, 50), _act("D", 3)]
    p = project_jp(_so_far(8), catalogue=catalogue).person(A)  # type: ignore[arg-type]
    assert (p.suggestions, p.suggested_jp, p.closes) == (("B", "C"), 14.0, True)


def test_catalogue_too_small() -> None:
    """When every activity together falls short, all are listed and closes is False."""
    p = project_jp(_so_far(0), catalogue=[_act("A", 4), _act("B", 5)]).person(A)  # type: ignore[arg-type]
    assert (p.suggestions, p.suggested_jp, p.closes) == (("B", "A"), 9.0, False)
    assert p.projected_status is JpStatus.NO_RECORD


def test_what_counts_as_still_to_come() -> None:
    """Activities over before as_of, outside the period or on uncounted routes are left out."""
    catalogue = [
        _act("PAST", 20, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 2)),
        _act("NEXT-YEAR", 20, start=dt.date(2026, 2, 1)),
        _act("HALF", 20, start=dt.date(2025, 12, 31), end=dt.date(2026, 1, 1)),
        _act("SEM", 0, route="seminar", start=dt.date(2025, 11, 3)),
        _act("ROT", 0, route="rotasi"),
    ]
    p = project_jp(_so_far(0), catalogue=catalogue, as_of=dt.date(2025, 6, 30)).person(A)  # type: ignore[arg-type]
    assert (p.suggestions, p.suggested_jp, p.closes) == (("HALF", "SEM"), 14.0, False)


@pytest.mark.parametrize(("split", "counted"), [("start", 20.0), ("end", 0.0)])
def test_split_rules_apply_to_planned_activities(split: str, counted: float) -> None:
    """Under the start or end rule an activity crossing the year counts whole or not at all."""
    policy = attrs.evolve(JP_COMPLIANCE_DEFAULT, split=split)
    act = _act("HALF", 20, start=dt.date(2025, 12, 31), end=dt.date(2026, 1, 1))
    p = project_jp(_so_far(0, policy=policy), catalogue=[act]).person(A)  # type: ignore[arg-type]
    assert p.suggested_jp == counted


def test_maximum_leaves_room_for_some_activities_only() -> None:
    """A status with a maximum skips activities that would pass it."""
    hours = attrs.evolve(
        JP_COMPLIANCE_DEFAULT.hours, minimum_jp={"pns": 20}, maximum_jp={"pns": 24}
    )
    policy = attrs.evolve(JP_COMPLIANCE_DEFAULT, hours=hours)
    p = project_jp(
        _so_far(10, policy=policy),  # type: ignore[arg-type]
        catalogue=[_act("BIG", 20), _act("A", 8), _act("B", 6)],
    ).person(A)
    assert (p.suggestions, p.suggested_jp) == (("A", "B"), 14.0)


def test_pppk_gets_no_suggestions() -> None:
    """Without a target nothing is short."""
    p = project_jp(_so_far(0, nip=PPPK), catalogue=[_act("A", 4)]).person(PPPK)  # type: ignore[arg-type]
    assert (p.projected_status, p.short_by, p.suggestions) == (JpStatus.NO_TARGET, 0.0, ())
    assert project_jp(_so_far(0, nip=PPPK)).share_met is None  # type: ignore[arg-type]


def test_bad_arguments() -> None:
    """Wrong kinds and duplicate activity ids are named."""
    so_far = _so_far(0)
    with pytest.raises(ValidationError, match="'compliance' must be a JpCompliance"):
        project_jp(None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'as_of' must be a date"):
        project_jp(so_far, as_of=dt.datetime(2025, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'plan' must be a DevelopmentPlan"):
        project_jp(so_far, plan=[])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'catalogue' must be unique ids"):
        project_jp(so_far, catalogue=[_act("A", 4), _act("A", 5)])  # type: ignore[arg-type]


@given(st.lists(st.integers(1, 30), min_size=1, max_size=7), st.integers(1, 40))
def test_no_shorter_list_closes_the_gap(jps: list[int], done: int) -> None:
    """Brute force: no list with fewer activities reaches the missing JP."""
    catalogue = [_act(f"A{i}", j) for i, j in enumerate(jps)]
    p = project_jp(_so_far(done), catalogue=catalogue).person(A)  # type: ignore[arg-type]
    need = max(20 - done, 0)
    if not need:
        assert p.suggestions == ()
        return
    reachable = [
        k
        for k in range(len(jps) + 1)
        if any(sum(c) >= need for c in itertools.combinations(jps, k))
    ]
    if reachable:
        assert p.closes
        assert len(p.suggestions) == min(reachable)
    else:
        assert not p.closes
        assert len(p.suggestions) == len(jps)


def test_planned_activities_already_over_and_uncounted_routes() -> None:
    """A planned activity ending before as_of is in the ledger already; uncounted routes add 0."""
    proj = _example()
    plan_date = dt.date(2025, 10, 1)
    count = analyse_jp
    assert proj.person("199203042019032002").planned_jp == 3.0
    routes = [r for r in JP_COMPLIANCE_DEFAULT.counted_routes if r != "workshop"]
    policy = attrs.evolve(JP_COMPLIANCE_DEFAULT, counted_routes=routes)
    so_far = count(Ledger([]), period=2025, employees=[Employee(nip=A, name="X")], policy=policy)
    p = project_jp(
        so_far, catalogue=[_act("WS", 20), _act("SEM", 0, route="seminar")], as_of=plan_date
    ).person(A)
    assert (p.suggestions, p.suggested_jp) == (("SEM",), 4.0)


def test_plan_activities_before_as_of_are_not_added() -> None:
    """With as_of after the planned e-learning, nothing more is planned."""
    from asn_competency.compliance import projection  # noqa: PLC0415

    base = projection._example()
    assert base.as_of == dt.date(2025, 6, 30)
    later = project_jp(
        analyse_jp(
            Ledger([]), period=2025, employees=[Employee(nip="199203042019032002", name="Sari")]
        ),
        plan=_plan_with_e_learning(),
        as_of=dt.date(2025, 10, 1),
    )
    assert later.person("199203042019032002").planned_jp == 0.0


def _plan_with_e_learning() -> DevelopmentPlan:
    from asn_competency.domain.assessment import Assessment  # noqa: PLC0415
    from asn_competency.domain.position import PositionStandard, Requirement  # noqa: PLC0415
    from asn_competency.gaps.individual import analyse_gaps  # noqa: PLC0415
    from asn_competency.planning.planner import plan_development  # noqa: PLC0415

    b = "199203042019032002"
    std = PositionStandard(
        position_id="X",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.KOM", level=3)],
    )
    gap = analyse_gaps(
        [Assessment(nip=b, competency_id="MJ.KOM", level=2, assessed_on=dt.date(2025, 1, 9))],
        std,
        nip=b,
    )
    act = _act("EL", 3, route="e_learning", start=dt.date(2025, 9, 1))
    return plan_development(
        [gap], [act], year=2025, budget=0, employees=[Employee(nip=b, name="Sari")]
    )
