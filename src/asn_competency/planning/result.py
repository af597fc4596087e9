"""A development plan: who takes which activity, at what cost, and who falls short.

:class:`DevelopmentPlan` is what :func:`asn_competency.planning.planner.plan_development`
returns: the :class:`Assignment` of each person to each activity, each person's
:class:`PersonPlan`, the people short of their yearly JP with the reasons
(:class:`JpShortfall`), and the :class:`SolverReport` with the proven bound.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Activity, Enrolment, Programme, Route
from asn_competency.domain.employee import EmploymentStatus
from asn_competency.errors import UnknownIdError
from asn_competency.policies.development import DevelopmentHoursPolicy
from asn_competency.policies.planning import PlanningPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Assignment",
    "DevelopmentPlan",
    "JpShortfall",
    "PersonPlan",
    "ShortfallReason",
    "SolverReport",
]


class ShortfallReason(str, enum.Enum):
    """Why a person's plan stays below their yearly JP minimum."""

    STATUS_CAP = "status_cap"
    """The maximum for their status (e.g. 24 JP for PPPK) is below the minimum."""
    NO_ACTIVITY = "no_activity"
    """The year's catalogue holds too few JP for them, even with every activity."""
    CAPACITY_FULL = "capacity_full"
    """Enough JP exist, but the activities with JP left to offer are full."""
    BUDGET_EXHAUSTED = "budget_exhausted"
    """Places exist, but the budget left cannot pay for enough of them."""
    SOLVER_LIMIT = "solver_limit"
    """The planner stopped at a work or time limit (or failed) before finding a better plan."""
    TRADED_OFF = "traded_off"
    """A place was affordable, but the policy's weights preferred closing gaps."""


@attrs.frozen(kw_only=True)
class Assignment:
    """One person placed in one activity.

    Args:
        nip: The participant.
        activity_id: The activity.
        route: The activity's route.
        competency_ids: The competencies whose gap the activity is credited with closing.
        jp: JP the activity gives.
        cost: Cost of the place.
        gap_closed: Importance-weighted levels of gap credited to this activity.
    """

    nip: str
    activity_id: str
    route: Route
    competency_ids: tuple[str, ...]
    jp: float
    cost: float
    gap_closed: float


@attrs.frozen(kw_only=True)
class PersonPlan:
    """One person's part of a plan.

    Args:
        nip: The person.
        status: PNS or PPPK.
        activity_ids: The activities planned, sorted.
        prior_jp: JP already earned in the year.
        planned_jp: JP of the planned activities.
        minimum_jp: The yearly minimum that applies (0 when none).
        maximum_jp: The yearly maximum that applies (``None`` when none).
        gap_before: Importance-weighted shortfall over the competencies below standard.
        gap_closed: Importance-weighted levels closed by the plan.
        uncovered: Competencies below standard that no activity of the year can close
            under the route rules, sorted.
    """

    nip: str
    status: EmploymentStatus
    activity_ids: tuple[str, ...]
    prior_jp: float
    planned_jp: float
    minimum_jp: float
    maximum_jp: float | None
    gap_before: float
    gap_closed: float
    uncovered: tuple[str, ...]

    @property
    def total_jp(self) -> float:
        """Prior plus planned JP."""
        return self.prior_jp + self.planned_jp


@attrs.frozen(kw_only=True)
class JpShortfall:
    """A person whose plan stays below their yearly JP minimum, and why.

    Args:
        nip: The person.
        minimum_jp: Their minimum.
        total_jp: Prior plus planned JP.
        reasons: Why, most basic first.
        explanation: The same in a sentence.
    """

    nip: str
    minimum_jp: float
    total_jp: float
    reasons: tuple[ShortfallReason, ...]
    explanation: str

    @property
    def missing_jp(self) -> float:
        """JP still missing."""
        return self.minimum_jp - self.total_jp


@attrs.frozen(kw_only=True)
class SolverReport:
    """What the optimiser reported, and how good the plan is known to be.

    Args:
        status: ``"optimal"`` (proven best, within ``mip_rel_gap`` for the exact
            programme or ``policy.target_gap`` for the scalable method),
            ``"node_limit"`` or ``"iteration_limit"`` (the policy's work limit
            stopped it: the plan is the best one found), ``"time_limit"`` (the
            caller's wall-clock limit did), ``"failed"`` (the solver gave up for
            another reason, see ``message``) or ``"empty"`` (nothing to decide: no
            activity can be planned for anyone).
        plan_from: ``"milp"`` when the plan is the exact programme's,
            ``"lagrangian"`` when it is the scalable method's, ``"none"`` for the
            empty plan (nothing to plan, or the solver failed).
        message: The solver's own message.
        objective: The objective of the plan returned (a minimum: penalties minus gap
            closed plus the cost tie-break).
        bound: A proven bound on the objective: no plan can do better. HiGHS's own
            bound for the exact programme, the Lagrangian bound for the scalable
            method; ``None`` if the exact programme stopped before it had one.
        mip_gap: ``(objective - bound) / |objective|``, the most by which the plan
            can fall short of the best one, relative to its objective.
        variables: Number of decision variables: the exact programme's; for the
            scalable method, the places and gaps it decides.
        constraints: Number of constraints: the exact programme's; for the
            scalable method, the coupling rows it prices (budget, unit budgets,
            capacities) and one per person.
    """

    status: str
    plan_from: str
    message: str
    objective: float
    bound: float | None
    mip_gap: float | None
    variables: int
    constraints: int


def _budgets(value: Mapping[str, float]) -> Mapping[str, float]:
    return _validate.FrozenMapping({k: float(v) for k, v in sorted(value.items())})


def _sorted_assignments(value: Iterable[Assignment]) -> tuple[Assignment, ...]:
    return tuple(sorted(value, key=lambda a: (a.nip, a.activity_id)))


@attrs.frozen(kw_only=True)
class DevelopmentPlan:
    """A yearly development plan chosen by :func:`plan_development`.

    Args:
        year: The plan year.
        budget: The budget given.
        assignments: Who takes what, sorted by NIP and activity id.
        people: One entry per person planned for, sorted by NIP.
        shortfalls: People below their JP minimum, with reasons, sorted by NIP.
        activities: The activities the plan uses, sorted by id.
        total_cost: Cost of every assignment.
        total_gap_closed: Importance-weighted levels closed.
        solver: What the optimiser reported.
        policy: The planning policy used.
        hours: The development-hours policy used.
        unit_budgets: The budget of each unit that had one, by unit.
    """

    year: int
    budget: float
    assignments: tuple[Assignment, ...] = attrs.field(converter=_sorted_assignments)
    people: tuple[PersonPlan, ...]
    shortfalls: tuple[JpShortfall, ...]
    activities: tuple[Activity, ...]
    total_cost: float
    total_gap_closed: float
    solver: SolverReport
    policy: PlanningPolicy
    hours: DevelopmentHoursPolicy
    unit_budgets: Mapping[str, float] = attrs.field(factory=dict, converter=_budgets)

    @property
    def budget_left(self) -> float:
        """Budget minus total cost."""
        return self.budget - self.total_cost

    @property
    def cost_per_gap_point(self) -> float | None:
        """Rupiah per importance-weighted level closed; ``None`` when nothing closes."""
        if self.total_gap_closed <= 0:
            return None
        return self.total_cost / self.total_gap_closed

    def person(self, nip: str) -> PersonPlan:
        """Return one person's part of the plan.

        Args:
            nip: The person's NIP; spaces are ignored, as everywhere else.

        Raises:
            UnknownIdError: If the plan has no such person.
        """
        key = nip.replace(" ", "") if isinstance(nip, str) else nip
        for p in self.people:
            if p.nip == key:
                return p
        raise UnknownIdError("person", nip, f"development plan {self.year}")

    def to_programme(self, *, id: str, title: str, owner: str = "") -> Programme:
        """Return the plan as a programme for the year, with one enrolment per assignment.

        Args:
            id: The programme id.
            title: The programme title.
            owner: The region or agency running it.

        Examples:
            >>> from asn_competency.planning.planner import _example_plan
            >>> plan = _example_plan()
            >>> prog = plan.to_programme(id="AKPK-2026", title="AKPK 2026")
            >>> prog.participants, prog.planned_cost, prog.start.isoformat()
            (('199001012015031001',), 500000, '2026-01-01')
        """
        return Programme(
            id=id,
            title=title,
            owner=owner,
            start=dt.date(self.year, 1, 1),
            end=dt.date(self.year, 12, 31),
            activities=self.activities,
            budget=self.budget,
            enrolments=[Enrolment(nip=a.nip, activity_id=a.activity_id) for a in self.assignments],
        )

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per assignment.

        Examples:
            >>> from asn_competency.planning.planner import _example_plan
            >>> _example_plan().to_dataframe()[["activity_id", "jp", "gap_closed"]].values.tolist()
            [['EL-KOM', 20.0, 1.0]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = ["nip", "activity_id", "route", "competency_ids", "jp", "cost", "gap_closed"]
        rows = [
            {
                "nip": a.nip,
                "activity_id": a.activity_id,
                "route": a.route.value,
                "competency_ids": ", ".join(a.competency_ids),
                "jp": a.jp,
                "cost": a.cost,
                "gap_closed": a.gap_closed,
            }
            for a in self.assignments
        ]
        return pd.DataFrame(rows, columns=columns)

    def people_dataframe(self) -> pd.DataFrame:
        """Return one row per person: JP, gaps and any shortfall reasons.

        Examples:
            >>> from asn_competency.planning.planner import _example_plan
            >>> _example_plan().people_dataframe()[["nip", "total_jp", "short"]].values.tolist()
            [['199001012015031001', 20.0, '']]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        short = {s.nip: ", ".join(r.value for r in s.reasons) for s in self.shortfalls}
        columns = [
            "nip",
            "status",
            "activities",
            "prior_jp",
            "planned_jp",
            "total_jp",
            "minimum_jp",
            "gap_before",
            "gap_closed",
            "uncovered",
            "short",
        ]
        rows = [
            {
                "nip": p.nip,
                "status": p.status.value,
                "activities": ", ".join(p.activity_ids),
                "prior_jp": p.prior_jp,
                "planned_jp": p.planned_jp,
                "total_jp": p.total_jp,
                "minimum_jp": p.minimum_jp,
                "gap_before": p.gap_before,
                "gap_closed": p.gap_closed,
                "uncovered": ", ".join(p.uncovered),
                "short": short.get(p.nip, ""),
            }
            for p in self.people
        ]
        return pd.DataFrame(rows, columns=columns)
