"""Development routes (LAN), activities and programmes.

Competency development runs along routes: degree study (pendidikan) or training
(pelatihan), the latter classical (in a classroom) or non-classical (at the
workplace and outside the classroom). An :class:`Activity` is one offering
along a route; a :class:`Programme` groups activities, a budget and enrolments.

Examples:
    >>> Route.MENTORING.category.value
    'nonklasikal'
    >>> act = Activity(id="PP-01", title="Pelatihan pelayanan prima", route="workshop",
    ...                targets=[Target(competency_id="MJ.PP", uplift=1)], jp=24,
    ...                cost=3_500_000, capacity=30)
    >>> act.cost_per_jp
    145833.33333333334
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import parse_nip
from asn_competency.errors import UnknownIdError, ValidationError

__all__ = ["Activity", "Enrolment", "Programme", "Route", "RouteCategory", "Target"]


class RouteCategory(str, enum.Enum):
    """The three branches of the development-route catalogue."""

    PENDIDIKAN = "pendidikan"
    """Degree study."""
    KLASIKAL = "klasikal"
    """Classroom training."""
    NONKLASIKAL = "nonklasikal"
    """Training at the workplace and outside the classroom."""


class Route(str, enum.Enum):
    """A development route (jalur pengembangan kompetensi).

    The routes of Peraturan LAN 10/2018 (degree study, classical and
    non-classical training), and the experiential routes that agencies record
    beside them: job rotation (:attr:`ROTASI`), special assignment
    (:attr:`PENUGASAN_KHUSUS`), secondment (:attr:`DETASERING`) and study
    assignment (:attr:`TUGAS_BELAJAR`, a degree the agency sends the person to
    study for). Which share of the 10:20:70 blend each route counts toward is a
    policy table, :class:`asn_competency.policies.routes.RoutePolicy`.
    """

    # Education.
    PENDIDIKAN = "pendidikan"
    TUGAS_BELAJAR = "tugas_belajar"
    # Classical training.
    PELATIHAN_KEPEMIMPINAN = "pelatihan_kepemimpinan"
    PELATIHAN_MANAJERIAL = "pelatihan_manajerial"
    PELATIHAN_TEKNIS = "pelatihan_teknis"
    PELATIHAN_FUNGSIONAL = "pelatihan_fungsional"
    PELATIHAN_SOSIAL_KULTURAL = "pelatihan_sosial_kultural"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    KURSUS = "kursus"
    PENATARAN = "penataran"
    BIMBINGAN_TEKNIS = "bimbingan_teknis"
    SOSIALISASI = "sosialisasi"
    KLASIKAL_LAINNYA = "klasikal_lainnya"
    # Non-classical training.
    COACHING = "coaching"
    MENTORING = "mentoring"
    E_LEARNING = "e_learning"
    PELATIHAN_JARAK_JAUH = "pelatihan_jarak_jauh"
    DETASERING = "detasering"
    PEMBELAJARAN_ALAM_TERBUKA = "pembelajaran_alam_terbuka"
    PATOK_BANDING = "patok_banding"
    PERTUKARAN = "pertukaran"
    BELAJAR_MANDIRI = "belajar_mandiri"
    KOMUNITAS_BELAJAR = "komunitas_belajar"
    BIMBINGAN_DI_TEMPAT_KERJA = "bimbingan_di_tempat_kerja"
    MAGANG = "magang"
    ROTASI = "rotasi"
    """Job rotation: a spell in another position to learn its work."""
    PENUGASAN_KHUSUS = "penugasan_khusus"
    """Special assignment: a task force, project or acting post outside the usual duties."""
    NONKLASIKAL_LAINNYA = "nonklasikal_lainnya"

    @property
    def category(self) -> RouteCategory:
        """Education, classical or non-classical."""
        if self in (Route.PENDIDIKAN, Route.TUGAS_BELAJAR):
            return RouteCategory.PENDIDIKAN
        if self in _NONKLASIKAL:
            return RouteCategory.NONKLASIKAL
        return RouteCategory.KLASIKAL


_NONKLASIKAL = frozenset(
    {
        Route.COACHING,
        Route.MENTORING,
        Route.E_LEARNING,
        Route.PELATIHAN_JARAK_JAUH,
        Route.DETASERING,
        Route.PEMBELAJARAN_ALAM_TERBUKA,
        Route.PATOK_BANDING,
        Route.PERTUKARAN,
        Route.BELAJAR_MANDIRI,
        Route.KOMUNITAS_BELAJAR,
        Route.BIMBINGAN_DI_TEMPAT_KERJA,
        Route.MAGANG,
        Route.ROTASI,
        Route.PENUGASAN_KHUSUS,
        Route.NONKLASIKAL_LAINNYA,
    }
)


@attrs.frozen(kw_only=True)
class Target:
    """A competency an activity develops and the expected level uplift.

    Args:
        competency_id: The competency.
        uplift: Expected rise in level for a participant who completes it (> 0).
    """

    competency_id: str = attrs.field(validator=_validate.identifier)
    uplift: float = attrs.field(default=1.0)

    @uplift.validator
    def _check(self, attribute: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 5:
            raise ValidationError("uplift", "a number in (0, 5]", value)


def _targets(value: Iterable[Any]) -> tuple[Target, ...]:
    return tuple(
        sorted(_validate.instances("targets", value, Target), key=lambda t: t.competency_id)
    )


def _to_route(value: object) -> Route:
    return _validate.to_enum(Route, "route")(value)


@attrs.frozen(kw_only=True)
class Activity:
    """One development activity: a course, workshop, mentoring cycle, ...

    Args:
        id: Stable id.
        title: Title.
        route: The development route.
        targets: Competencies targeted, each with an expected uplift (unique, sorted).
        jp: Learning hours (jam pelajaran, 45 minutes each) credited to a participant.
        cost: Cost per participant in rupiah.
        provider: Who runs it (BPSDM, university, private trainer, ...).
        start: First day.
        end: Last day.
        capacity: Maximum participants; ``None`` for unlimited.

    Raises:
        ValidationError: For negative JP or cost, no capacity, or an end before the start.
    """

    id: str = attrs.field(validator=_validate.identifier)
    title: str = attrs.field(validator=_validate.non_empty)
    route: Route = attrs.field(converter=_to_route)
    targets: tuple[Target, ...] = attrs.field(converter=_targets)
    jp: float = attrs.field(validator=_validate.non_negative)
    cost: float = attrs.field(default=0.0, validator=_validate.non_negative)
    provider: str = ""
    start: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    end: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    capacity: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.positive_int)
    )

    def __attrs_post_init__(self) -> None:
        _validate.unique_ids("targets", [t.competency_id for t in self.targets])
        _validate.end_not_before_start(self.start, self.end)

    @property
    def competency_ids(self) -> tuple[str, ...]:
        """The competencies targeted, sorted."""
        return tuple(t.competency_id for t in self.targets)

    @property
    def cost_per_jp(self) -> float:
        """Cost per participant per JP (``inf`` for a zero-JP activity with a cost)."""
        if self.jp == 0:
            return 0.0 if self.cost == 0 else float("inf")
        return self.cost / self.jp

    def uplift(self, competency_id: str) -> float:
        """Return the expected uplift for a competency (0 if not targeted)."""
        for t in self.targets:
            if t.competency_id == competency_id:
                return t.uplift
        return 0.0


def _nip(value: str) -> str:
    return parse_nip(value).value


@attrs.frozen(kw_only=True)
class Enrolment:
    """A person's place in one activity of a programme.

    Args:
        nip: The participant.
        activity_id: The activity.
        attendance: Share of sessions attended, 0-1.
        completed: Whether the participant completed the activity.
    """

    nip: str = attrs.field(converter=_nip)
    activity_id: str = attrs.field(validator=_validate.identifier)
    attendance: float = attrs.field(default=1.0)
    completed: bool = attrs.field(default=False)

    @completed.validator
    def _check_completed(self, attribute: attrs.Attribute[bool], value: bool) -> None:
        if not isinstance(value, bool):
            raise ValidationError("completed", "True or False", value)

    @attendance.validator
    def _check(self, attribute: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ValidationError("attendance", "a share in [0, 1]", value)


def _activities(value: Iterable[Any]) -> tuple[Activity, ...]:
    return tuple(sorted(_validate.instances("activities", value, Activity), key=lambda a: a.id))


def _enrolments(value: Iterable[Any]) -> tuple[Enrolment, ...]:
    items = _validate.instances("enrolments", value, Enrolment)
    return tuple(sorted(items, key=lambda e: (e.activity_id, e.nip)))


@attrs.frozen(kw_only=True)
class Programme:
    """A development programme: activities, budget and who took part.

    Args:
        id: Stable id.
        title: Title.
        owner: The region or agency running it.
        start: First day of the programme period.
        end: Last day of the programme period.
        activities: The activities (unique ids, sorted).
        budget: Budget in rupiah.
        enrolments: Enrolments (one per person and activity, sorted).

    Raises:
        ValidationError: For duplicate activities or enrolments, more enrolments
            than an activity's capacity, a negative budget or an end before the start.
        UnknownIdError: For an enrolment in an activity the programme does not have.
    """

    id: str = attrs.field(validator=_validate.identifier)
    title: str = attrs.field(validator=_validate.non_empty)
    owner: str = ""
    start: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    end: dt.date | None = attrs.field(default=None, validator=_validate.date_or_none)
    activities: tuple[Activity, ...] = attrs.field(default=(), converter=_activities)
    budget: float = attrs.field(default=0.0, validator=_validate.non_negative)
    enrolments: tuple[Enrolment, ...] = attrs.field(default=(), converter=_enrolments)

    def __attrs_post_init__(self) -> None:
        _validate.end_not_before_start(self.start, self.end)
        _validate.unique_ids("activities", [a.id for a in self.activities])
        _validate.unique_ids("enrolments", [f"{e.activity_id}/{e.nip}" for e in self.enrolments])
        counts: dict[str, int] = {}
        for e in self.enrolments:
            act = self.activity(e.activity_id)
            counts[act.id] = counts.get(act.id, 0) + 1
            if act.capacity is not None and counts[act.id] > act.capacity:
                raise ValidationError(
                    f"enrolments[{act.id}]",
                    f"at most {act.capacity} (the capacity)",
                    counts[act.id],
                )

    def activity(self, activity_id: str) -> Activity:
        """Return an activity by id.

        Raises:
            UnknownIdError: If the programme has no such activity.
        """
        for a in self.activities:
            if a.id == activity_id:
                return a
        raise UnknownIdError("activity", activity_id, f"programme {self.id!r}")

    @property
    def participants(self) -> tuple[str, ...]:
        """The NIPs of everyone enrolled, sorted and unique."""
        return tuple(sorted({e.nip for e in self.enrolments}))

    @property
    def planned_cost(self) -> float:
        """Sum of the per-participant cost over all enrolments."""
        return sum(self.activity(e.activity_id).cost for e in self.enrolments)

    def jp_by_person(self, *, completed_only: bool = True) -> dict[str, float]:
        """Return the JP each participant earned, sorted by NIP."""
        out: dict[str, float] = {}
        for e in self.enrolments:
            if e.completed or not completed_only:
                out[e.nip] = out.get(e.nip, 0.0) + self.activity(e.activity_id).jp
        return dict(sorted(out.items()))
