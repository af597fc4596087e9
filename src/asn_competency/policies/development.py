"""Development hours: the yearly JP rule (PP 11/2017) and the JP credited per route.

:class:`DevelopmentHoursPolicy` holds the 20 JP a PNS has a right to each year
and the JP cap of PPPK (:data:`DEVELOPMENT_HOURS_PP_11_2017`);
:class:`JpCreditPolicy` the JP credited for a non-classical activity and the
daily caps, as one regional system sets them (:data:`JP_CREDITS_REGIONAL`), and
whether a JP figure stated on a record or the table's credit comes first
(:class:`CreditBasis`).

Examples:
    >>> from asn_competency.domain.employee import EmploymentStatus
    >>> DEVELOPMENT_HOURS_PP_11_2017.minimum_jp[EmploymentStatus.PNS]
    20
    >>> JP_CREDITS_REGIONAL.credit("patok_banding")
    10.0
"""

from __future__ import annotations

import enum
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
    "CreditBasis",
    "DevelopmentHoursPolicy",
    "JpCreditPolicy",
]


class CreditBasis(str, enum.Enum):
    """Which JP a record of development gets when it states JP or hours and the table credits it."""

    STATED_FIRST = "stated_first"
    """The JP (or hours) stated on the record; the table's credit when it states none."""
    TABLE_FIRST = "table_first"
    """The table's credit for the route; the stated JP (or hours) when the table has none."""


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


def _to_basis(value: object) -> CreditBasis:
    return _validate.to_enum(CreditBasis, "basis")(value)


def _optional_amount(field: str, value: object) -> float | None:
    if value is None:
        return None
    return _validate.number_in_range(field, value, low=0)


@attrs.frozen(kw_only=True, repr=False)
class JpCreditPolicy:
    """JP credited per activity for routes whose hours are not counted directly.

    A record of development gets the JP it states (or its clock hours turned into
    JP), or the table's credit for its route, in the order ``basis`` says; a record
    with neither gets nothing. On a route with a daily cap, the JP a person gets
    for the route on one day never exceeds the cap (a record spanning several days
    spreads its JP evenly over them).

    Args:
        name: Policy name.
        version: Policy version.
        credits: ``{route: JP credited per activity}``.
        daily_caps: ``{route: most JP creditable per day}``.
        basis: Whether the stated JP or the table's credit comes first.
        source: Where the table comes from.

    Examples:
        >>> JP_CREDITS_REGIONAL.jp_of("seminar", jp=None, hours=None)
        4.0
        >>> JP_CREDITS_REGIONAL.jp_of("seminar", jp=8, hours=None)
        8.0
        >>> JP_CREDITS_REGIONAL.jp_of("rotasi", jp=None, hours=None) is None
        True
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    credits: Mapping[Route, float] = attrs.field(converter=_route_credits)
    daily_caps: Mapping[Route, float] = attrs.field(factory=dict, converter=_route_caps)
    basis: CreditBasis = attrs.field(default=CreditBasis.STATED_FIRST, converter=_to_basis)
    source: str = attrs.field(default="", repr=False)

    def jp_of(
        self,
        route: Route | str,
        *,
        jp: float | None,
        hours: float | None,
        minutes_per_jp: int = 45,
    ) -> float | None:
        """Return the JP one record gets before any daily cap, or ``None`` if it gets none.

        Args:
            route: The record's route.
            jp: The JP it states, if any.
            hours: The clock hours it states, if any (used when ``jp`` is not given).
            minutes_per_jp: The length of one JP in minutes.

        Raises:
            ValidationError: For an unknown route or a stated figure that is not a
                finite number >= 0.
        """
        r = _to_route(route)
        stated = _optional_amount("jp", jp)
        if stated is None:
            clock = _optional_amount("hours", hours)
            if clock is not None:
                stated = clock * 60.0 / minutes_per_jp
        table = self.credits.get(r)
        first, second = (
            (stated, table) if self.basis is CreditBasis.STATED_FIRST else (table, stated)
        )
        return first if first is not None else second

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
    basis=CreditBasis.STATED_FIRST,
    source=(
        "The credits and the two daily caps as one regional development system sets them "
        "(consistent; practice, not national law). That a JP figure stated on a record comes "
        "before the table's credit is this library's reading (assumed): the table fills in for "
        "records that state no JP or hours."
    ),
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
        source: Where the numbers come from and how sure we are of each.
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
    source: str = attrs.field(default="", repr=False)

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
    source=(
        "At least 20 JP of competency development a year for every PNS: PP 11/2017 Art. 203 "
        "(checked). PPPK: at most 24 JP a year during the contract, with no minimum; a common "
        "reading of the PPPK rules, unconfirmed (assumed). 1 JP = 45 minutes: widely used, "
        "unconfirmed (assumed). 10:20:70: a policy model, not a rule (assumed)."
    ),
)
"""At least 20 JP a year for every PNS (PP 11/2017); at most 24 JP for PPPK (a common reading)."""
