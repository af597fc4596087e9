"""Developing successors: the activities that would close their gaps to a key position.

:func:`plan_successor_development` takes the candidates of a
:class:`~asn_competency.talent.succession.SuccessionTable` of the readiness you
choose (by default those ready in 1-2 years), sets each against the key
position where they rank best, and asks the development planner
(:func:`~asn_competency.planning.planner.plan_development`) for the
activities, within a budget, that close the most of their gaps to that
position's standard.

Examples:
    >>> from asn_competency.talent.development import _example_development
    >>> dev = _example_development()
    >>> dev.targets
    (('199202282017011014', 'KABID.PIAK'),)
    >>> [(a.nip, a.activity_id) for a in dev.plan.assignments]
    [('199202282017011014', 'COACH-KOM'), ('199202282017011014', 'MENTOR-PP')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Activity
from asn_competency.domain.employee import Employee
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport, analyse_gaps
from asn_competency.gaps.levels import LevelsInput
from asn_competency.planning.planner import plan_development
from asn_competency.planning.result import DevelopmentPlan, PersonPlan
from asn_competency.policies.combination import CombinationPolicy
from asn_competency.policies.development import DEVELOPMENT_HOURS_PP_11_2017, DevelopmentHoursPolicy
from asn_competency.policies.planning import PLANNING_DEFAULT, PlanningPolicy
from asn_competency.policies.succession import Readiness
from asn_competency.talent.succession import SuccessionTable

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SuccessorDevelopment", "plan_successor_development"]


def _to_readiness(value: Iterable[Readiness | str]) -> tuple[Readiness, ...]:
    return _readiness(value)


@attrs.frozen(kw_only=True)
class SuccessorDevelopment:
    """A development plan for successors, with the key position each is developed for.

    Args:
        plan: The planner's result (gaps measured against the key positions).
        targets: ``(nip, key position id)`` for each person planned, by NIP.
        readiness: The readiness of the candidates planned for.
    """

    plan: DevelopmentPlan
    targets: tuple[tuple[str, str], ...]
    readiness: tuple[Readiness, ...] = attrs.field(converter=_to_readiness)

    def target_of(self, nip: str) -> str:
        """Return the key position a person is developed for.

        Raises:
            UnknownIdError: If the person is not in the plan.
        """
        for who, position_id in self.targets:
            if who == nip:
                return position_id
        raise UnknownIdError("successor", nip, "the successor development plan")

    def for_position(self, position_id: str) -> tuple[PersonPlan, ...]:
        """Return the plans of the people developed for one key position, by NIP."""
        wanted = {nip for nip, p in self.targets if p == position_id}
        return tuple(p for p in self.plan.people if p.nip in wanted)

    def to_dataframe(self) -> pd.DataFrame:
        """Return the plan's assignments with the key position of each person.

        Examples:
            >>> _example_development().to_dataframe()[["nip", "position_id", "activity_id"]].shape
            (2, 3)
        """
        frame = self.plan.to_dataframe()
        target = dict(self.targets)
        frame.insert(1, "position_id", [target[n] for n in frame["nip"].tolist()])
        return frame


def _readiness(value: object) -> tuple[Readiness, ...]:
    if isinstance(value, (str, Readiness)):
        value = (value,)
    if not isinstance(value, Iterable):
        raise ValidationError("readiness", "one or more readiness values", value)
    convert = _validate.to_enum(Readiness, "readiness")
    chosen = {convert(v) for v in value}
    if not chosen:
        raise ValidationError("readiness", "one or more readiness values", value)
    return tuple(r for r in Readiness if r in chosen)


def plan_successor_development(
    table: SuccessionTable,
    levels: LevelsInput,
    catalogue: Iterable[Activity],
    *,
    year: int,
    budget: float,
    employees: Iterable[Employee] | Mapping[str, Employee],
    readiness: Iterable[Readiness | str] | Readiness | str = Readiness.READY_1_2_YEARS,
    framework: CompetencyFramework | None = None,
    combination: CombinationPolicy | None = None,
    policy: PlanningPolicy = PLANNING_DEFAULT,
    hours: DevelopmentHoursPolicy = DEVELOPMENT_HOURS_PP_11_2017,
    prior_jp: Mapping[str, float] | None = None,
    time_limit: float | None = None,
) -> SuccessorDevelopment:
    """Plan the development that would close successors' gaps to their key positions.

    Each candidate of a chosen readiness is developed for one key position: the
    one where they rank highest (the lower rank number; ties go to the lower
    position id). Their gaps are measured against its standard with
    :func:`~asn_competency.gaps.individual.analyse_gaps`, and the planner chooses
    their activities as for any development plan.

    Args:
        table: The succession table.
        levels: The candidates' assessments, or current levels keyed
            ``(nip, competency_id)`` (with their provenance).
        catalogue: The activities on offer.
        year: The plan year.
        budget: Money available, in rupiah.
        employees: The people (the planner reads who is PNS and who PPPK).
        readiness: The readiness of the candidates to plan for.
        framework: Passed to the gap analysis and the planner.
        combination: How several assessments of one competency combine.
        policy: The planner's route rules and weights.
        hours: Yearly JP minimum and maximum by status.
        prior_jp: JP each person already earned this year.
        time_limit: Seconds the planner's solver may run.

    Returns:
        The plan and the key position each person is developed for.

    Raises:
        ValidationError: For an argument of the wrong kind or an unknown readiness,
            and as :func:`~asn_competency.planning.planner.plan_development` does.
        UnknownIdError: For a candidate not among ``employees``.
    """
    if not isinstance(table, SuccessionTable):
        raise ValidationError("table", "a SuccessionTable", table)
    chosen = _readiness(readiness)
    best: dict[str, tuple[int, str]] = {}
    standards = {}
    for k in table.positions:
        standards[k.position.id] = k.standard
        for rank, c in enumerate(k.candidates, start=1):
            if c.readiness in chosen:
                mine = (rank, k.position.id)
                best[c.nip] = min(best.get(c.nip, mine), mine)
    targets = tuple((nip, best[nip][1]) for nip in sorted(best))
    reports: list[GapReport] = [
        analyse_gaps(
            levels,
            standards[position_id],
            nip=nip,
            framework=framework,
            combination=combination,
        )
        for nip, position_id in targets
    ]
    plan = plan_development(
        reports,
        catalogue,
        year=year,
        budget=budget,
        employees=employees,
        policy=policy,
        hours=hours,
        prior_jp=prior_jp,
        framework=framework,
        time_limit=time_limit,
    )
    return SuccessorDevelopment(plan=plan, targets=targets, readiness=chosen)


def _example_development() -> SuccessorDevelopment:
    """Develop the sample table's not-ready candidate (for doctests)."""
    import datetime as dt  # noqa: PLC0415

    from asn_competency.domain.assessment import Assessment  # noqa: PLC0415
    from asn_competency.domain.development import Target  # noqa: PLC0415
    from asn_competency.talent.succession import _example_table  # noqa: PLC0415

    nip = "199202282017011014"
    levels = [
        Assessment(nip=nip, competency_id=c, level=lv, assessed_on=dt.date(2024, 6, 3))
        for c, lv in (("MJ.KOM", 2), ("MJ.PP", 1))
    ]
    catalogue = [
        Activity(
            id="COACH-KOM",
            title="Coaching komunikasi",
            route="coaching",
            targets=[Target(competency_id="MJ.KOM", uplift=1)],
            jp=8,
            cost=400_000,
        ),
        Activity(
            id="MENTOR-PP",
            title="Mentoring pelayanan",
            route="mentoring",
            targets=[Target(competency_id="MJ.PP", uplift=1)],
            jp=12,
            cost=300_000,
        ),
    ]
    return plan_successor_development(
        _example_table(),
        levels,
        catalogue,
        year=2025,
        budget=2_000_000,
        employees=[Employee(nip=nip, name="Fajar Nugroho")],
        readiness="not_ready",
    )
