"""What each development route counts as: its share of the 10:20:70 blend and its IP ASN kind.

The 10:20:70 model splits learning into about 10 % formal (classroom and
courses), 20 % social (coaching, mentoring, learning from colleagues) and 70 %
experiential (on the job: rotation, assignments, secondment). Which of the three
a route counts toward is a table, not code: :class:`RoutePolicy` holds it, and
the planner's blend (:mod:`asn_competency.planning`) and the ledger's JP count
(:mod:`asn_competency.compliance`) read the same table. It also says which kind
of training a route is for the competency dimension of the professionalism
index (IP ASN). :data:`ROUTES_DEFAULT` is the library's reading.

Examples:
    >>> ROUTES_DEFAULT.mode("rotasi").value, ROUTES_DEFAULT.mode("mentoring").value
    ('experiential', 'social')
    >>> ROUTES_DEFAULT.training_kind("bimbingan_teknis").value
    'teknis'
    >>> ROUTES_DEFAULT.training_kind("coaching") is None
    True
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Route
from asn_competency.domain.records import TrainingKind
from asn_competency.errors import ValidationError

__all__ = ["ROUTES_DEFAULT", "LearningMode", "RoutePolicy"]


class LearningMode(str, enum.Enum):
    """The three parts of the 10:20:70 blend."""

    FORMAL = "formal"
    """Classroom training, courses, e-learning, degree study (the 10)."""
    SOCIAL = "social"
    """Learning from others: coaching, mentoring, communities of practice (the 20)."""
    EXPERIENTIAL = "experiential"
    """Learning on the job: rotation, assignments, secondment, internships (the 70)."""


def _route(field: str, value: object) -> Route:
    return _validate.to_enum(Route, field)(value)


def _modes(value: Mapping[Any, Any]) -> Mapping[Route, LearningMode]:
    if not isinstance(value, Mapping):
        raise ValidationError("modes", "a mapping {route: formal, social or experiential}", value)
    out: dict[Route, LearningMode] = {}
    for k, v in value.items():
        route = _route("modes", k)
        out[route] = _validate.to_enum(LearningMode, f"modes[{route.value}]")(v)
    missing = [r.value for r in Route if r not in out]
    if missing:
        raise ValidationError("modes", "a mode for every route", f"none for {missing}")
    return _validate.FrozenMapping({r: out[r] for r in Route})


def _kinds(value: Mapping[Any, Any]) -> Mapping[Route, TrainingKind]:
    if not isinstance(value, Mapping):
        raise ValidationError("training_kinds", "a mapping {route: training kind}", value)
    out: dict[Route, TrainingKind] = {}
    for k, v in value.items():
        route = _route("training_kinds", k)
        out[route] = _validate.to_enum(TrainingKind, f"training_kinds[{route.value}]")(v)
    return _validate.FrozenMapping({r: out[r] for r in Route if r in out})


@attrs.frozen(kw_only=True, repr=False)
class RoutePolicy:
    """Per route: the part of the 10:20:70 blend it counts toward, and its IP ASN kind.

    Args:
        name: Policy name.
        version: Policy version.
        modes: ``{route: formal, social or experiential}``, one for every route.
        training_kinds: ``{route: training kind}`` for the routes the competency
            dimension of IP ASN counts (leadership, functional, technical,
            seminar, workshop, internship, course); other routes are left out.
        source: Where the table comes from and how sure we are.

    Raises:
        ValidationError: For an unknown route, mode or kind, or a route without a mode.

    Examples:
        >>> import attrs
        >>> mine = attrs.evolve(ROUTES_DEFAULT, name="e-learning-social", version="1",
        ...                     modes={**ROUTES_DEFAULT.modes, "e_learning": "social"})
        >>> mine.mode("e_learning").value
        'social'
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    modes: Mapping[Route, LearningMode] = attrs.field(converter=_modes)
    training_kinds: Mapping[Route, TrainingKind] = attrs.field(factory=dict, converter=_kinds)
    source: str = attrs.field(default="", repr=False)

    def mode(self, route: Route | str) -> LearningMode:
        """Return the part of the blend a route counts toward.

        Raises:
            ValidationError: If ``route`` is not a route.
        """
        return self.modes[_route("route", route)]

    def is_formal(self, route: Route | str) -> bool:
        """Return whether a route counts as formal learning (the 10)."""
        return self.mode(route) is LearningMode.FORMAL

    def training_kind(self, route: Route | str) -> TrainingKind | None:
        """Return the IP ASN training kind of a route, or ``None`` if it counts as none.

        Raises:
            ValidationError: If ``route`` is not a route.
        """
        return self.training_kinds.get(_route("route", route))


_SOCIAL = {Route.COACHING, Route.MENTORING, Route.KOMUNITAS_BELAJAR}


_EXPERIENTIAL = {
    Route.DETASERING,
    Route.PERTUKARAN,
    Route.MAGANG,
    Route.BIMBINGAN_DI_TEMPAT_KERJA,
    Route.PATOK_BANDING,
    Route.BELAJAR_MANDIRI,
    Route.ROTASI,
    Route.PENUGASAN_KHUSUS,
}


def _mode_of(route: Route) -> LearningMode:
    if route in _SOCIAL:
        return LearningMode.SOCIAL
    if route in _EXPERIENTIAL:
        return LearningMode.EXPERIENTIAL
    return LearningMode.FORMAL


ROUTES_DEFAULT = RoutePolicy(
    name="routes-10-20-70-default",
    version="2026.1",
    modes={r: _mode_of(r) for r in Route},
    training_kinds={
        Route.PELATIHAN_KEPEMIMPINAN: TrainingKind.KEPEMIMPINAN,
        Route.PELATIHAN_FUNGSIONAL: TrainingKind.FUNGSIONAL,
        Route.PELATIHAN_TEKNIS: TrainingKind.TEKNIS,
        Route.BIMBINGAN_TEKNIS: TrainingKind.TEKNIS,
        Route.SEMINAR: TrainingKind.SEMINAR,
        Route.WORKSHOP: TrainingKind.WORKSHOP,
        Route.MAGANG: TrainingKind.MAGANG,
        Route.KURSUS: TrainingKind.KURSUS,
    },
    source=(
        "Routes: Peraturan LAN 10/2018 (classical and non-classical training; checked); job "
        "rotation, special assignment and study assignment are the experiential routes the "
        "seed programmes name (Jambi) and agencies record. The 10:20:70 model is a policy "
        "model (Lombardo and Eichinger), not a rule (assumed). Which part each route counts "
        "toward is this library's reading (assumed): coaching, mentoring and communities of "
        "practice social; secondment, exchange, internship, workplace guidance, benchmarking, "
        "self-study, rotation and special assignment experiential; the rest formal. The IP "
        "ASN kinds follow the competency dimension's training types (assumed mapping)."
    ),
)
"""The library's reading of which part of 10:20:70 each route counts toward."""
