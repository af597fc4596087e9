"""Planning inputs: the people to plan for, their gaps and the checks on the arguments.

Package-private: the exact model (:mod:`._milp`) and the scalable planner
(:mod:`._lagrange`) read the same :class:`Person` records, and
:func:`closure` and :func:`person_value` state the objective once for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Activity
from asn_competency.domain.employee import Employee, EmploymentStatus, parse_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import GapReport, GapStatus
from asn_competency.policies.development import DevelopmentHoursPolicy
from asn_competency.policies.planning import PlanningPolicy

__all__: list[str] = []


@attrs.frozen
class Gap:
    """A gap to close: below standard with importance > 0 (``paired``: by the competency's type)."""

    competency_id: str
    shortfall: float
    importance: float
    paired: bool


@attrs.frozen
class Person:
    """One person to plan for: JP still needed and allowed, and the gaps to close."""

    nip: str
    unit: str
    status: EmploymentStatus
    prior: float
    need: float  # JP still needed for the minimum (soft)
    room: float | None  # JP still allowed under the maximum (hard); None = no maximum
    minimum: float
    maximum: float | None
    gaps: tuple[Gap, ...]


def check_budget(budget: object, field: str = "budget") -> float:
    """Return a budget checked to be a finite number >= 0."""
    if isinstance(budget, bool) or not isinstance(budget, (int, float)):
        raise ValidationError(field, "a finite number >= 0", budget)
    return _validate.finite_non_negative(field, budget)


def check_year(year: object) -> int:
    """Return a plan year checked to be a whole year in 1900..2200."""
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise ValidationError("year", "a whole year in 1900..2200", year)
    return year


def checked_catalogue(catalogue: Iterable[Activity]) -> tuple[Activity, ...]:
    """Return the catalogue checked (activities, unique ids, not empty), sorted by id."""
    acts = _validate.instances("catalogue", catalogue, Activity)
    if not acts:
        raise ValidationError("catalogue", "at least one activity", ())
    _validate.unique_ids("catalogue", [a.id for a in acts])
    return tuple(sorted(acts, key=lambda a: a.id))


def held_in(activity: Activity, year: int) -> bool:
    """Undated activities can be held any year; dated ones must overlap it."""
    first = activity.start or activity.end
    last = activity.end or activity.start
    if first is None or last is None:
        return True
    return first.year <= year <= last.year


def prior_of(prior_jp: Mapping[str, float] | None) -> dict[str, float]:
    """Return ``{nip: JP already earned}`` checked, NIPs normalised."""
    if prior_jp is not None and not isinstance(prior_jp, Mapping):
        raise ValidationError("prior_jp", "a mapping {nip: JP} or none", prior_jp)
    out: dict[str, float] = {}
    for key, value in (prior_jp or {}).items():
        nip = parse_nip(key, field=f"prior_jp[{key}]").value
        out[nip] = _validate.finite_non_negative(f"prior_jp[{key}]", value)
    return out


def gaps_of(
    report: GapReport, *, policy: PlanningPolicy, framework: CompetencyFramework | None
) -> tuple[Gap, ...]:
    """The gaps to close: below standard with importance > 0, sorted by competency."""
    items = list(report.items)
    if policy.include_target_gaps and report.target is not None:
        items.extend(report.target.items)
    best: dict[str, Gap] = {}
    for item in items:
        paired = True
        if framework is not None:
            paired = framework[item.competency_id].type in policy.paired_types
        if item.status is not GapStatus.BELOW or item.importance <= 0:
            continue
        gap = Gap(item.competency_id, float(item.shortfall or 0.0), float(item.importance), paired)
        known = best.get(gap.competency_id)
        if known is None or (gap.shortfall, gap.importance) > (known.shortfall, known.importance):
            best[gap.competency_id] = gap
    return tuple(best[c] for c in sorted(best))


def people_of(
    reports: Iterable[GapReport],
    *,
    staff: Mapping[str, Employee],
    prior: Mapping[str, float],
    policy: PlanningPolicy,
    hours: DevelopmentHoursPolicy,
    framework: CompetencyFramework | None,
) -> list[Person]:
    """Return one :class:`Person` per report, sorted by NIP."""
    people: list[Person] = []
    seen: set[str] = set()
    for r in reports:
        if r.nip in seen:
            raise ValidationError("reports", "one report per person", f"{r.nip!r} appears twice")
        seen.add(r.nip)
        employee = staff.get(r.nip)
        if employee is None:
            raise UnknownIdError("employee", r.nip, "employees")
        gaps = gaps_of(r, policy=policy, framework=framework)
        has_gap = bool(gaps)
        minimum = float(hours.minimum_jp.get(employee.status, 0.0))
        if not (policy.minimum_for_everyone or has_gap):
            minimum = 0.0
        maximum = hours.maximum_jp.get(employee.status)
        before = prior.get(r.nip, 0.0)
        room = None if maximum is None else max(float(maximum) - before, 0.0)
        people.append(
            Person(
                nip=r.nip,
                unit=employee.unit,
                status=employee.status,
                prior=before,
                need=max(minimum - before, 0.0),
                room=room,
                minimum=minimum,
                maximum=None if maximum is None else float(maximum),
                gaps=gaps,
            )
        )
    people.sort(key=lambda p: p.nip)
    return people


def closure(gap: Gap, taken: Iterable[Activity], policy: PlanningPolicy) -> list[tuple[str, float]]:
    """Split the levels of ``gap`` that ``taken`` closes among the crediting activities."""
    acts = [a for a in taken if a.uplift(gap.competency_id) > 0]
    crediting = [a for a in acts if policy.credits(a.route, gap.shortfall)]
    if gap.paired and policy.is_large(gap.shortfall):
        for group in policy.large_gap_requires:
            if not any(a.route in group for a in acts):
                return []
    out: list[tuple[str, float]] = []
    left = gap.shortfall
    for a in crediting:
        share = min(left, a.uplift(gap.competency_id))
        if share > 0:
            out.append((a.id, share))
            left -= share
    return out


def person_value(p: Person, taken: list[Activity], policy: PlanningPolicy) -> float:
    """JP and blend penalties minus the gap closed: the person's part of the objective."""
    jp = sum(a.jp for a in taken)
    formal = sum(a.jp for a in taken if policy.is_formal(a.route))
    value = policy.jp_penalty * max(p.need - jp, 0.0)
    if policy.blend_penalty > 0:
        value += policy.blend_penalty * max(formal - policy.blend["formal"] * jp, 0.0)
    for g in p.gaps:
        value -= g.importance * sum(share for _, share in closure(g, taken, policy))
    return value
