"""Development hours: the yearly JP rule (PP 11/2017) and the JP credited per route.

:class:`DevelopmentHoursPolicy` holds the 20 JP a PNS has a right to each year
and the JP cap of PPPK (:data:`DEVELOPMENT_HOURS_PP_11_2017`);
:class:`JpCreditPolicy` the JP credited for a non-classical activity and the
daily caps, as one regional system sets them (:data:`JP_CREDITS_REGIONAL`).

Examples:
    >>> from asn_competency.domain.employee import EmploymentStatus
    >>> DEVELOPMENT_HOURS_PP_11_2017.minimum_jp[EmploymentStatus.PNS]
    20
    >>> JP_CREDITS_REGIONAL.credit("patok_banding")
    10.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.development import Route
from asn_competency.domain.employee import EmploymentStatus
from asn_competency.errors import UnknownIdError, ValidationError

__all__ = [
    "DEVELOPMENT_HOURS_PP_11_2017",
    "JP_CREDITS_REGIONAL",
    "DevelopmentHoursPolicy",
    "JpCreditPolicy",
]


def _to_route(value: object) -> Route:
    return _validate.to_enum(Route, "route")(value)


def _route_table(field: str, value: Mapping[Any, float]) -> Mapping[Route, float]:
    """``{route: JP}`` with every route known and every JP a finite number >= 0."""
    if not isinstance(value, Mapping):
        raise ValidationError(field, "a mapping {route: JP}", value)
    out: dict[Route, float] = {}
    for k, jp in value.items():
        route = _to_route(k)
        if not _validate.is_finite_real(jp) or not jp >= 0:
            raise ValidationError(f"{field}[{route.value}]", "JP, a finite number >= 0", jp)
        out[route] = float(jp)
    return _validate.FrozenMapping({r: out[r] for r in sorted(out, key=lambda r: r.value)})


def _route_credits(value: Mapping[Any, float]) -> Mapping[Route, float]:
    return _route_table("credits", value)


def _route_caps(value: Mapping[Any, float]) -> Mapping[Route, float]:
    return _route_table("daily_caps", value)


@attrs.frozen(kw_only=True, repr=False)
class JpCreditPolicy:
    """JP credited per activity for routes whose hours are not counted directly.

    Args:
        name: Policy name.
        version: Policy version.
        credits: ``{route: JP credited per activity}``.
        daily_caps: ``{route: most JP creditable per day}``.
        source: Where the table comes from.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    credits: Mapping[Route, float] = attrs.field(converter=_route_credits)
    daily_caps: Mapping[Route, float] = attrs.field(factory=dict, converter=_route_caps)
    source: str = attrs.field(default="", repr=False)

    def credit(self, route: Route | str) -> float:
        """Return the JP credited for one activity on ``route``.

        Raises:
            UnknownIdError: If the table has no entry for the route.
            ValidationError: If ``route`` is not a route.
        """
        r = _to_route(route)
        try:
            return self.credits[r]
        except KeyError:
            raise UnknownIdError("route", r.value, f"policy {self.name!r}") from None


JP_CREDITS_REGIONAL = JpCreditPolicy(
    name="regional-jp-credit-table",
    version="1",
    credits={
        Route.PERTUKARAN: 20,
        Route.MAGANG: 20,
        Route.DETASERING: 20,
        Route.PATOK_BANDING: 10,
        Route.WORKSHOP: 5,
        Route.SEMINAR: 4,
        Route.KURSUS: 4,
        Route.BIMBINGAN_TEKNIS: 4,
        Route.PELATIHAN_JARAK_JAUH: 4,
        Route.PEMBELAJARAN_ALAM_TERBUKA: 4,
        Route.E_LEARNING: 3,
        Route.COACHING: 2,
        Route.MENTORING: 2,
        Route.BELAJAR_MANDIRI: 2,
        Route.KOMUNITAS_BELAJAR: 2,
    },
    daily_caps={Route.BELAJAR_MANDIRI: 2, Route.KOMUNITAS_BELAJAR: 2},
    source="As one regional development system credits activities (practice, not national law).",
)
"""JP credits per activity as one regional system sets them; replace with your own table."""


def _status_hours(field: str, value: Mapping[Any, float]) -> Mapping[EmploymentStatus, float]:
    """``{status: JP}`` with every status known and every JP a finite number >= 0 (a copy)."""
    if not isinstance(value, Mapping):
        raise ValidationError(field, "a mapping {status: JP}", value)
    out: dict[EmploymentStatus, float] = {}
    for k, jp in value.items():
        status = _validate.to_enum(EmploymentStatus, field)(k)
        if not _validate.is_finite_real(jp) or not jp >= 0:
            raise ValidationError(f"{field}[{status.value}]", "JP, a finite number >= 0", jp)
        out[status] = jp
    return _validate.FrozenMapping(out)


def _minimum_jp(value: Mapping[Any, float]) -> Mapping[EmploymentStatus, float]:
    return _status_hours("minimum_jp", value)


def _maximum_jp(value: Mapping[Any, float]) -> Mapping[EmploymentStatus, float]:
    return _status_hours("maximum_jp", value)


def _shares(value: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("blend", "shares for formal, social and experiential", value)
    for k, share in value.items():
        if not _validate.is_finite_real(share) or not 0 <= share <= 1:
            raise ValidationError(f"blend[{k}]", "a share in [0, 1]", share)
    return _validate.FrozenMapping(value)


@attrs.frozen(kw_only=True)
class DevelopmentHoursPolicy:
    """Yearly development hours: the minimum for PNS and the maximum for PPPK.

    Args:
        name: Policy name.
        version: Policy version.
        minimum_jp: ``{status: minimum JP a year}``.
        maximum_jp: ``{status: maximum JP a year}``.
        minutes_per_jp: Length of one JP in minutes.
        blend: Target shares of formal, social and experiential learning (10:20:70).
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    minimum_jp: Mapping[EmploymentStatus, float] = attrs.field(factory=dict, converter=_minimum_jp)
    maximum_jp: Mapping[EmploymentStatus, float] = attrs.field(factory=dict, converter=_maximum_jp)
    minutes_per_jp: int = attrs.field(default=45, validator=_validate.positive_int)
    blend: Mapping[str, float] = attrs.field(
        factory=lambda: {"formal": 0.1, "social": 0.2, "experiential": 0.7}, converter=_shares
    )

    @blend.validator
    def _check_blend(self, attribute: attrs.Attribute[object], value: Mapping[str, float]) -> None:
        if set(value) != {"formal", "social", "experiential"}:
            raise ValidationError(
                "blend", "shares for formal, social and experiential", dict(value)
            )
        if abs(sum(value.values()) - 1) > 1e-9:
            raise ValidationError("blend", "shares summing to 1", sum(value.values()))


DEVELOPMENT_HOURS_PP_11_2017 = DevelopmentHoursPolicy(
    name="PP-11-2017-development-hours",
    version="2017.1",
    minimum_jp={EmploymentStatus.PNS: 20},
    maximum_jp={EmploymentStatus.PPPK: 24},
)
"""At least 20 JP a year for every PNS (PP 11/2017); at most 24 JP for PPPK (a common reading)."""
