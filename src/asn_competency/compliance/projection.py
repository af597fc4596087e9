"""Who will reach their JP by the period's end, and the fewest activities for those who will not.

:func:`project_jp` adds to each person's JP so far (a
:class:`~asn_competency.compliance.jp.JpCompliance`) the JP of the activities a
:class:`~asn_competency.planning.result.DevelopmentPlan` still holds for them in
the period, gives the projected status at the period's end, and, for everyone
still short, the shortest list of activities from a catalogue that would close
the shortfall: the activities with most JP first, so that no shorter list
closes it (ties go to the cheaper activity, then the id).

Examples:
    >>> from asn_competency.compliance.projection import _example
    >>> proj = _example()
    >>> p = proj.person("199203042019032002")
    >>> p.counted_jp, p.planned_jp, p.projected_status.value, p.suggestions, p.closes
    (8.0, 3.0, 'short', ('WS-ARSIP',), True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.compliance.columnar import JpStatus
from asn_competency.compliance.jp import JpCompliance
from asn_competency.domain.development import Activity
from asn_competency.domain.period import Period
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.planning.result import DevelopmentPlan
from asn_competency.policies.compliance import JpCompliancePolicy, SplitRule

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["JpProjection", "PersonProjection", "project_jp"]


_EPS = 1e-9


@attrs.frozen(kw_only=True)
class PersonProjection:
    """One person's JP at the period's end if the plan is carried out.

    Args:
        nip: The person.
        target_jp: Their yearly minimum; ``None`` when their status has none.
        counted_jp: JP counted so far.
        planned_jp: JP of the activities the plan still holds for them in the period.
        projected_jp: ``counted_jp + planned_jp``.
        status: Their status now.
        projected_status: Their status at the period's end with the plan.
        short_by: JP still missing after the plan (0 when met or without a target).
        suggestions: The fewest activities that would close ``short_by`` (ids).
        suggested_jp: The JP those activities give in the period.
        closes: Whether the suggestions close the shortfall (the catalogue may hold
            too few JP).
    """

    nip: str
    target_jp: float | None
    counted_jp: float
    planned_jp: float
    projected_jp: float
    status: JpStatus
    projected_status: JpStatus
    short_by: float
    suggestions: tuple[str, ...]
    suggested_jp: float
    closes: bool


@attrs.frozen(kw_only=True)
class JpProjection:
    """Everyone's projected JP at the period's end, and what would close each shortfall.

    Args:
        period: The period.
        as_of: The day the ledger runs to: planned activities ending on or before it
            are taken as done (or dropped) and not added.
        policy: The compliance policy of the count.
        people: One entry per person, sorted by NIP.
    """

    period: Period
    as_of: dt.date | None
    policy: JpCompliancePolicy
    people: tuple[PersonProjection, ...]

    def person(self, nip: str) -> PersonProjection:
        """Return one person's projection.

        Raises:
            UnknownIdError: If the person was not projected.
        """
        key = nip.replace(" ", "") if isinstance(nip, str) else nip
        for p in self.people:
            if p.nip == key:
                return p
        raise UnknownIdError("person", str(nip), f"JP projection {self.period.label}")

    def still_short(self) -> tuple[PersonProjection, ...]:
        """The people short at the period's end even with the plan, most JP missing first."""
        out = [p for p in self.people if p.short_by > 0]
        return tuple(sorted(out, key=lambda p: (-p.short_by, p.nip)))

    @property
    def share_met(self) -> float | None:
        """Share of the people with a target projected to meet it; ``None`` if nobody has one."""
        with_target = [p for p in self.people if p.target_jp is not None]
        if not with_target:
            return None
        met = sum(p.projected_status is JpStatus.MET for p in with_target)
        return met / len(with_target)

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df[["nip", "projected_jp", "projected_status"]].values.tolist()[1]
            ['199203042019032002', 11.0, 'short']
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [f.name for f in attrs.fields(PersonProjection)]
        rows = []
        for p in self.people:
            row = attrs.asdict(p)
            row["status"] = p.status.value
            row["projected_status"] = p.projected_status.value
            row["suggestions"] = " ".join(p.suggestions)
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)


def _share(activity: Activity, period: Period, policy: JpCompliancePolicy) -> float:
    """The share of an activity's JP that falls in the period (1 for an undated one)."""
    first = activity.start or activity.end
    last = activity.end or activity.start
    if first is None or last is None:
        return 1.0
    if policy.split is SplitRule.START:
        return float(period.contains(first))
    if policy.split is SplitRule.END:
        return float(period.contains(last))
    return period.overlap(first, last) / ((last - first).days + 1)


def _to_come(activity: Activity, as_of: dt.date | None) -> bool:
    """Whether an activity still lies ahead of ``as_of`` (undated ones always do)."""
    last = activity.end or activity.start
    return as_of is None or last is None or last > as_of


def _credit(activity: Activity, period: Period, policy: JpCompliancePolicy) -> float:
    """JP an activity adds to the period under the policy (0 on a route that does not count)."""
    if not policy.counts(activity.route):
        return 0.0
    jp = policy.credits.jp_of(
        activity.route,
        jp=activity.jp if activity.jp > 0 else None,
        hours=None,
        minutes_per_jp=policy.hours.minutes_per_jp,
    )
    return (jp or 0.0) * _share(activity, period, policy)


def _status(target: float | None, jp: float, anything: bool) -> JpStatus:
    if target is None:
        return JpStatus.NO_TARGET
    if jp >= target - _EPS:
        return JpStatus.MET
    return JpStatus.SHORT if anything else JpStatus.NO_RECORD


def _planned(
    plan: DevelopmentPlan | None, period: Period, policy: JpCompliancePolicy, as_of: dt.date | None
) -> tuple[dict[str, float], dict[str, set[str]]]:
    """JP still planned per person in the period, and the activities each already has."""
    jp: dict[str, float] = {}
    taken: dict[str, set[str]] = {}
    if plan is None:
        return jp, taken
    if not isinstance(plan, DevelopmentPlan):
        raise ValidationError("plan", "a DevelopmentPlan or none", plan)
    acts = {a.id: a for a in plan.activities}
    for a in plan.assignments:
        taken.setdefault(a.nip, set()).add(a.activity_id)
        act = acts[a.activity_id]
        if _to_come(act, as_of):
            jp[a.nip] = jp.get(a.nip, 0.0) + _credit(act, period, policy)
    return jp, taken


def _fewest(
    need: float, options: list[tuple[float, float, str]], room: float | None
) -> tuple[tuple[str, ...], float, bool]:
    """The fewest options (jp, cost, id) whose JP reach ``need``, within ``room`` JP.

    Taking the options with most JP first reaches any total in as few as any
    list can (the k largest give the largest sum of k), so the count is minimal.
    """
    chosen: list[str] = []
    got = 0.0
    for jp, _, aid in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
        if got >= need - _EPS:
            break
        if room is not None and got + jp > room + _EPS:
            continue
        chosen.append(aid)
        got += jp
    return tuple(chosen), float(round(got, 9)), got >= need - _EPS


def project_jp(
    compliance: JpCompliance,
    *,
    plan: DevelopmentPlan | None = None,
    catalogue: Iterable[Activity] = (),
    as_of: dt.date | None = None,
) -> JpProjection:
    """Project each person's JP to the period's end and list what would close each shortfall.

    Args:
        compliance: The JP counted so far (from
            :func:`~asn_competency.compliance.jp.analyse_jp`).
        plan: A development plan whose activities still to come add their JP in
            the period (split as the compliance policy splits records).
        catalogue: Activities to suggest from; those that end on or before
            ``as_of``, lie outside the period, are on a route that does not
            count, or are already in the person's plan are left out.
        as_of: The day the ledger runs to; activities ending on or before it are
            taken as already in the ledger. By default every planned activity counts.

    Returns:
        One :class:`PersonProjection` per person of ``compliance``, sorted by NIP.

    Raises:
        ValidationError: For arguments of the wrong kind or duplicate activity ids
            in the catalogue.

    Notes:
        O(p x a log a) for p people short and a activities.
    """
    if not isinstance(compliance, JpCompliance):
        raise ValidationError("compliance", "a JpCompliance from analyse_jp", compliance)
    if as_of is not None and (not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime)):
        raise ValidationError("as_of", "a date or none", as_of)
    acts = _validate.instances("catalogue", catalogue, Activity)
    _validate.unique_ids("catalogue", [a.id for a in acts])
    period, policy = compliance.period, compliance.policy
    planned, taken = _planned(plan, period, policy, as_of)
    offer = [
        (_credit(a, period, policy), a.cost, a.id)
        for a in acts
        if _to_come(a, as_of) and _share(a, period, policy) > 0
    ]
    offer = [o for o in offer if o[0] > 0]
    people: list[PersonProjection] = []
    for p in compliance.people:
        extra = float(round(planned.get(p.nip, 0.0), 9))
        projected = float(round(p.counted_jp + extra, 9))
        target = p.target_jp
        status = _status(target, projected, p.entries > 0 or extra > 0)
        short = 0.0 if target is None else max(target - projected, 0.0)
        short = 0.0 if status is JpStatus.MET else float(round(short, 9))
        mine = taken.get(p.nip, set())
        options = [o for o in offer if o[2] not in mine]
        room = None if p.maximum_jp is None else max(p.maximum_jp - projected, 0.0)
        suggestions: tuple[str, ...] = ()
        got, closes = 0.0, short == 0
        if short > 0:
            suggestions, got, closes = _fewest(short, options, room)
        people.append(
            PersonProjection(
                nip=p.nip,
                target_jp=target,
                counted_jp=p.counted_jp,
                planned_jp=extra,
                projected_jp=projected,
                status=p.status,
                projected_status=status,
                short_by=short,
                suggestions=suggestions,
                suggested_jp=got,
                closes=closes,
            )
        )
    return JpProjection(period=period, as_of=as_of, policy=policy, people=tuple(people))


def _example() -> JpProjection:
    """Two people for the doctests: one has met the target, one is short mid-year."""
    from asn_competency.compliance.jp import analyse_jp  # noqa: PLC0415
    from asn_competency.domain.assessment import Assessment  # noqa: PLC0415
    from asn_competency.domain.development import Target  # noqa: PLC0415
    from asn_competency.domain.employee import Employee  # noqa: PLC0415
    from asn_competency.domain.ledger import Ledger, LedgerEntry  # noqa: PLC0415
    from asn_competency.domain.position import PositionStandard, Requirement  # noqa: PLC0415
    from asn_competency.gaps.individual import analyse_gaps  # noqa: PLC0415
    from asn_competency.planning.planner import plan_development  # noqa: PLC0415

    a, b = "199001012015031001", "199203042019032002"
    staff = [Employee(nip=a, name="Andi"), Employee(nip=b, name="Sari")]
    led = Ledger(
        [
            LedgerEntry(
                nip=a,
                title="Diklat SIAK",
                route="pelatihan_teknis",
                start=dt.date(2025, 2, 3),
                end=dt.date(2025, 2, 5),
                jp=20,
            ),
            LedgerEntry(
                nip=b,
                title="Bimtek arsip",
                route="bimbingan_teknis",
                start=dt.date(2025, 4, 14),
                jp=8,
            ),
        ]
    )
    so_far = analyse_jp(led, period=2025, employees=staff)
    std = PositionStandard(
        position_id="ARSIP",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.KOM", level=3)],
    )
    gap = analyse_gaps(
        [Assessment(nip=b, competency_id="MJ.KOM", level=2, assessed_on=dt.date(2025, 1, 9))],
        std,
        nip=b,
    )
    e_learning = Activity(
        id="EL-ARSIP",
        title="E-learning kearsipan",
        route="e_learning",
        targets=[Target(competency_id="MJ.KOM")],
        jp=3,
        start=dt.date(2025, 9, 1),
    )
    plan = plan_development(
        [gap],
        [e_learning],
        year=2025,
        budget=0,
        employees=staff,
        prior_jp={p.nip: p.counted_jp for p in so_far.people},
    )
    catalogue = [
        e_learning,
        Activity(
            id="WS-ARSIP",
            title="Workshop kearsipan",
            route="workshop",
            targets=[Target(competency_id="MJ.KOM")],
            jp=10,
            start=dt.date(2025, 10, 6),
        ),
        Activity(
            id="SEM-ARSIP",
            title="Seminar kearsipan",
            route="seminar",
            targets=[Target(competency_id="MJ.KOM")],
            jp=0,
            start=dt.date(2025, 11, 3),
        ),
    ]
    return project_jp(so_far, plan=plan, catalogue=catalogue, as_of=dt.date(2025, 6, 30))
