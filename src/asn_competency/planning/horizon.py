"""Development planning over several years: each year's plan shapes the next.

:func:`plan_horizon` runs :func:`~asn_competency.planning.planner.plan_development`
once per year of a horizon. Two things carry from one year to the next:

* the JP already done: for each year, what the development ledger records for it
  (counted under a :class:`~asn_competency.policies.compliance.JpCompliancePolicy`)
  is the ``prior_jp`` of that year's plan, so the plan only fills what is missing
  of the 20 JP;
* the gaps closed: the levels a year's plan is credited with closing raise the
  person's projected levels, and the next year plans against those projected
  gaps. (A projection: a new assessment shows what was reached.)

Activities done are not assumed to have closed gaps until an assessment shows
it; an undated activity may be planned for one person in two years (to reach
the JP minimum), so date the catalogue's activities to prevent that.

Examples:
    >>> from asn_competency.planning.horizon import _example
    >>> h = _example()
    >>> [(p.year, [a.activity_id for a in p.assignments]) for p in h.plans]
    [(2025, ['EL-KOM']), (2026, ['WS-KOM'])]
    >>> h.person("199001012015031001").jp
    ((2025, 12.0, 8.0), (2026, 0.0, 24.0))
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.compliance.jp import analyse_jp
from asn_competency.domain.development import Activity
from asn_competency.domain.employee import Employee, employees_by_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.ledger import Ledger
from asn_competency.domain.period import Period
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport, GapStatus, analyse_gaps
from asn_competency.planning.planner import plan_development
from asn_competency.planning.result import DevelopmentPlan
from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT, JpCompliancePolicy
from asn_competency.policies.planning import PLANNING_DEFAULT, PlanningPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DevelopmentHorizon", "PersonHorizon", "plan_horizon"]


@attrs.frozen(kw_only=True)
class PersonHorizon:
    """One person across the horizon.

    Args:
        nip: The person.
        jp: ``(year, JP done from the ledger, JP planned)`` for each year.
        gap_before: Importance-weighted shortfall before the first year.
        gap_closed: Importance-weighted levels the plans close over the horizon.
    """

    nip: str
    jp: tuple[tuple[int, float, float], ...]
    gap_before: float
    gap_closed: float

    @property
    def gap_left(self) -> float:
        """Shortfall left after the last year, if every plan is carried out."""
        return max(self.gap_before - self.gap_closed, 0.0)


@attrs.frozen(kw_only=True)
class DevelopmentHorizon:
    """Plans for consecutive years, each shaped by the year before.

    Args:
        years: The years, in order.
        plans: One plan per year.
        people: One entry per person, sorted by NIP.
        total_cost: Cost of every plan.
        total_gap_closed: Importance-weighted levels closed over the horizon.
    """

    years: tuple[int, ...]
    plans: tuple[DevelopmentPlan, ...]
    people: tuple[PersonHorizon, ...]
    total_cost: float
    total_gap_closed: float

    def plan(self, year: int) -> DevelopmentPlan:
        """Return one year's plan.

        Raises:
            UnknownIdError: If the year is not in the horizon.
        """
        for p in self.plans:
            if p.year == year:
                return p
        raise UnknownIdError("year", str(year), "the horizon")

    def person(self, nip: str) -> PersonHorizon:
        """Return one person's horizon.

        Raises:
            UnknownIdError: If the person is not planned for.
        """
        key = nip.replace(" ", "") if isinstance(nip, str) else nip
        for p in self.people:
            if p.nip == key:
                return p
        raise UnknownIdError("person", str(nip), "the horizon")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person and year: JP done, JP planned, cost.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df["year"].tolist(), df["done_jp"].tolist(), df["planned_jp"].tolist()
            ([2025, 2026], [12.0, 0.0], [8.0, 24.0])
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        cost = {(p.year, a.nip): 0.0 for p in self.plans for a in p.assignments}
        for p in self.plans:
            for a in p.assignments:
                cost[(p.year, a.nip)] += a.cost
        rows = [
            {
                "nip": person.nip,
                "year": year,
                "done_jp": done,
                "planned_jp": planned,
                "cost": cost.get((year, person.nip), 0.0),
            }
            for person in self.people
            for year, done, planned in person.jp
        ]
        return pd.DataFrame(rows, columns=["nip", "year", "done_jp", "planned_jp", "cost"])


def _years(years: Sequence[int]) -> tuple[int, ...]:
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise ValidationError("years", "consecutive years such as [2025, 2026, 2027]", years)
    out = tuple(years)
    for y in out:
        if isinstance(y, bool) or not isinstance(y, int) or not 1900 <= y <= 2200:
            raise ValidationError("years", "whole years in 1900..2200", y)
    if not out or any(b != a + 1 for a, b in itertools.pairwise(out)):
        raise ValidationError("years", "consecutive years such as [2025, 2026, 2027]", out)
    return out


def _budgets(budget: float | Mapping[int, float], years: tuple[int, ...]) -> dict[int, float]:
    if isinstance(budget, Mapping):
        missing = [y for y in years if y not in budget]
        if missing:
            raise ValidationError("budget", "a budget for every year", f"none for {missing}")
        return {y: budget[y] for y in years}
    return dict.fromkeys(years, budget)


def _closed(plan: DevelopmentPlan) -> dict[tuple[str, str], float]:
    """Levels the plan closes per (person, competency): the credited uplifts, up to the gap."""
    acts = {a.id: a for a in plan.activities}
    out: dict[tuple[str, str], float] = {}
    for a in plan.assignments:
        for cid in a.competency_ids:
            key = (a.nip, cid)
            out[key] = out.get(key, 0.0) + acts[a.activity_id].uplift(cid)
    return out


def _standard(report: GapReport, target: bool = False) -> PositionStandard:
    source = report.target if target and report.target is not None else report
    return PositionStandard(
        position_id=source.position_id,
        framework_id=source.framework_id,
        requirements=[
            Requirement(competency_id=i.competency_id, level=i.required, importance=i.importance)
            for i in source.items
        ],
    )


def _advance(report: GapReport, closed: Mapping[tuple[str, str], float]) -> GapReport:
    """The report with each gap the plan closes closed (projected levels)."""
    if not any(
        (report.nip, i.competency_id) in closed and i.status is GapStatus.BELOW
        for i in report.items
    ):
        return report
    levels = {}
    for i in report.items:
        cur = i.current
        if cur is None:
            continue
        step = closed.get((report.nip, i.competency_id), 0.0)
        level = (
            min(cur.level + step, float(i.required))
            if step and cur.level < i.required
            else cur.level
        )
        levels[(report.nip, i.competency_id)] = attrs.evolve(cur, level=level)
    target = None if report.target is None else _standard(report, target=True)
    return analyse_gaps(
        levels,
        _standard(report),
        nip=report.nip,
        target=target,
        mapping_policy=report.mapping_policy,
        selection_policy=report.selection_policy,
    )


def plan_horizon(
    reports: Iterable[GapReport],
    catalogue: Iterable[Activity],
    *,
    years: Sequence[int],
    budget: float | Mapping[int, float],
    employees: Iterable[Employee] | Mapping[str, Employee],
    ledger: Ledger | None = None,
    policy: PlanningPolicy = PLANNING_DEFAULT,
    compliance: JpCompliancePolicy = JP_COMPLIANCE_DEFAULT,
    framework: CompetencyFramework | None = None,
    time_limit: float | None = None,
) -> DevelopmentHorizon:
    """Plan development for consecutive years, each year building on the one before.

    Args:
        reports: One gap report per person (their gaps now).
        catalogue: The activities on offer; dated ones are held in their years
            only, undated ones every year.
        years: Consecutive years, such as ``[2025, 2026, 2027]``.
        budget: The budget of each year, one figure for all or ``{year: budget}``.
        employees: The people (their status sets the JP minimum and maximum).
        ledger: What people already did: each year's JP count toward its minimum.
        policy: Route rules, blend and weights of every plan.
        compliance: How the ledger's JP are counted; its hours policy sets the
            minimum and maximum of every plan.
        framework: Passed to every plan (see ``plan_development``).
        time_limit: Solver seconds per year.

    Returns:
        The plans and each person's JP and gap closure across the horizon.

    Raises:
        ValidationError: For years that are not consecutive, a missing budget,
            a ledger or policy of the wrong kind, and the errors of
            :func:`~asn_competency.planning.planner.plan_development`.
        UnknownIdError: As :func:`~asn_competency.planning.planner.plan_development`.
    """
    span = _years(years)
    budgets = _budgets(budget, span)
    if ledger is not None and not isinstance(ledger, Ledger):
        raise ValidationError("ledger", "a Ledger or none", ledger)
    if not isinstance(compliance, JpCompliancePolicy):
        raise ValidationError("compliance", "a JpCompliancePolicy", compliance)
    current = list(_validate.instances("reports", reports, GapReport))
    acts = list(_validate.instances("catalogue", catalogue, Activity))
    staff = employees_by_nip(employees)
    before = {r.nip: sum((i.shortfall or 0.0) * i.importance for i in r.below()) for r in current}
    plans: list[DevelopmentPlan] = []
    done: dict[int, dict[str, float]] = {}
    for year in span:
        prior: dict[str, float] = {}
        if ledger is not None:
            counted = analyse_jp(
                ledger, period=Period.year(year), employees=staff, policy=compliance
            )
            prior = {p.nip: p.counted_jp for p in counted.people if p.counted_jp}
        done[year] = prior
        plan = plan_development(
            current,
            acts,
            year=year,
            budget=budgets[year],
            employees=staff,
            policy=policy,
            hours=compliance.hours,
            prior_jp=prior,
            framework=framework,
            time_limit=time_limit,
        )
        plans.append(plan)
        closed = _closed(plan)
        current = [_advance(r, closed) for r in current]
    people = []
    for nip in sorted(before):
        jp = tuple((p.year, done[p.year].get(nip, 0.0), p.person(nip).planned_jp) for p in plans)
        people.append(
            PersonHorizon(
                nip=nip,
                jp=jp,
                gap_before=before[nip],
                gap_closed=sum(p.person(nip).gap_closed for p in plans),
            )
        )
    return DevelopmentHorizon(
        years=span,
        plans=tuple(plans),
        people=tuple(people),
        total_cost=sum(p.total_cost for p in plans),
        total_gap_closed=sum(p.total_gap_closed for p in plans),
    )


def _example() -> DevelopmentHorizon:
    """One person, two years for the doctests: 12 JP done, a small gap now, a large one left."""
    from asn_competency.domain.assessment import Assessment  # noqa: PLC0415
    from asn_competency.domain.development import Target  # noqa: PLC0415
    from asn_competency.domain.ledger import LedgerEntry  # noqa: PLC0415

    nip = "199001012015031001"
    std = PositionStandard(
        position_id="KASI",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.KOM", level=3)],
    )
    report = analyse_gaps(
        [Assessment(nip=nip, competency_id="MJ.KOM", level=2, assessed_on=dt.date(2025, 2, 1))],
        std,
        nip=nip,
    )
    catalogue = [
        Activity(
            id="EL-KOM",
            title="E-learning komunikasi",
            route="e_learning",
            targets=[Target(competency_id="MJ.KOM", uplift=1)],
            jp=8,
            cost=500_000,
        ),
        Activity(
            id="WS-KOM",
            title="Workshop komunikasi",
            route="workshop",
            targets=[Target(competency_id="MJ.KOM", uplift=1)],
            jp=24,
            cost=3_000_000,
        ),
    ]
    ledger = Ledger(
        [
            LedgerEntry(
                nip=nip,
                title="Bimtek SIAK",
                route="bimbingan_teknis",
                start=dt.date(2025, 3, 10),
                jp=12,
            )
        ]
    )
    return plan_horizon(
        [report],
        catalogue,
        years=[2025, 2026],
        budget=5_000_000,
        employees=[Employee(nip=nip, name="Budi")],
        ledger=ledger,
    )
