"""Planning over several years: the ledger's JP and each year's closed gaps shape the next."""

from __future__ import annotations

import datetime as dt

import pytest

from asn_competency.domain.assessment import Assessment
from asn_competency.domain.development import Activity, Target
from asn_competency.domain.employee import Employee
from asn_competency.domain.ledger import Ledger, LedgerEntry
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport, GapStatus, analyse_gaps
from asn_competency.planning.horizon import _advance, _closed, _example, plan_horizon

A = "199001012015031001"
STD = PositionStandard(
    position_id="KASI",
    framework_id="asn-national",
    requirements=[
        Requirement(competency_id="MJ.KOM", level=4),
        Requirement(competency_id="MJ.PP", level=2),
    ],
)


def _report(level: int = 2, target: PositionStandard | None = None) -> GapReport:
    marks = [
        Assessment(nip=A, competency_id="MJ.KOM", level=level, assessed_on=dt.date(2025, 1, 9))
    ]
    return analyse_gaps(marks, STD, nip=A, target=target)


def _act(
    aid: str, jp: float, uplift: float = 1, route: str = "e_learning", **kw: object
) -> Activity:
    return Activity(
        id=aid,
        title=aid,
        route=route,
        targets=[Target(competency_id="MJ.KOM", uplift=uplift)],
        jp=jp,
        **kw,  # type: ignore[arg-type]
    )


def test_example_checked_by_hand() -> None:
    """12 JP done in 2025: an 8 JP e-learning closes the gap and the minimum; 2026 needs 20."""
    h = _example()
    assert h.years == (2025, 2026)
    assert [[a.activity_id for a in p.assignments] for p in h.plans] == [["EL-KOM"], ["WS-KOM"]]
    p = h.person(A)
    assert (p.jp, p.gap_before, p.gap_closed, p.gap_left) == (
        ((2025, 12.0, 8.0), (2026, 0.0, 24.0)),
        1.0,
        1.0,
        0.0,
    )
    assert h.plan(2026).people[0].gap_before == 0.0
    assert h.total_cost == 3_500_000.0
    with pytest.raises(UnknownIdError):
        h.plan(2027)
    with pytest.raises(UnknownIdError):
        h.person("199203042019032002")
    assert h.to_dataframe()["cost"].tolist() == [500_000.0, 3_000_000.0]


def test_partial_uplift_carries_over() -> None:
    """Half a level closed in 2025 leaves half a level for 2026 (projected level 3.5 of 4)."""
    report = _report(level=3)
    catalogue = [
        _act("EL-1", 20, uplift=0.5, start=dt.date(2025, 3, 1)),
        _act("EL-2", 20, uplift=0.5, start=dt.date(2026, 3, 1)),
    ]
    h = plan_horizon(
        [report],
        catalogue,
        years=[2025, 2026],
        budget={2025: 0, 2026: 0},
        employees=[Employee(nip=A, name="X")],
    )
    assert [p.person(A).gap_before for p in h.plans] == [1.0, 0.5]
    assert h.person(A).gap_closed == 1.0


def test_advancing_reports_keeps_the_target_and_unassessed_items() -> None:
    """The projected report keeps its target analysis and its not-assessed competencies."""
    target = PositionStandard(
        position_id="KABID",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.KOM", level=5)],
    )
    report = _report(level=3, target=target)
    h = plan_horizon(
        [report],
        [_act("EL", 20, start=dt.date(2025, 3, 1))],
        years=[2025],
        budget=0,
        employees=[Employee(nip=A, name="X")],
    )
    advanced = _advance(report, _closed(h.plans[0]))
    assert advanced.item("MJ.KOM").level == 4.0
    assert advanced.item("MJ.PP").status is GapStatus.NOT_ASSESSED
    assert advanced.target is not None
    assert advanced.target.item("MJ.KOM").level == 4.0
    assert _advance(report, {}) is report


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"years": [2025, 2027]}, "consecutive years"),
        ({"years": []}, "consecutive years"),
        ({"years": "2025"}, "consecutive years"),
        ({"years": [2025.0]}, "whole years"),
        ({"budget": {2025: 0}, "years": [2025, 2026]}, "a budget for every year"),
        ({"ledger": []}, "'ledger' must be a Ledger or none"),
        ({"compliance": None}, "'compliance' must be a JpCompliancePolicy"),
    ],
)
def test_bad_arguments(kw: dict[str, object], message: str) -> None:
    """Years, budgets, ledger and policy are checked before any plan."""
    args: dict[str, object] = {
        "years": [2025],
        "budget": 0,
        "employees": [Employee(nip=A, name="X")],
        **kw,
    }
    with pytest.raises(ValidationError, match=message):
        plan_horizon([_report()], [_act("EL", 20)], **args)  # type: ignore[arg-type]


def test_ledger_of_each_year_counts_toward_its_minimum() -> None:
    """JP the ledger records in 2026 lower 2026's need, not 2025's."""
    led = Ledger(
        [LedgerEntry(nip=A, title="D", route="pelatihan_teknis", start=dt.date(2026, 2, 2), jp=20)]
    )
    h = plan_horizon(
        [_report(level=4)],
        [_act("EL", 20)],
        years=[2025, 2026],
        budget=0,
        employees=[Employee(nip=A, name="X")],
        ledger=led,
    )
    assert h.person(A).jp == ((2025, 0.0, 20.0), (2026, 20.0, 0.0))
