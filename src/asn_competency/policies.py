"""Versioned policies: every regulatory number the library uses, in replaceable objects.

Regulations change and regions set their own rules, so each threshold or table
lives in a frozen policy object with a ``name`` and a ``version``. Functions take
a policy argument that defaults to the national one shown here; pass another
(built directly or with :func:`attrs.evolve`) to change a rule.

Examples:
    >>> import attrs
    >>> REQUIRED_LEVELS_2017.level_for(PositionTier.ADMINISTRATOR)
    3
    >>> alt = attrs.evolve(REQUIRED_LEVELS_2017, name="jpt-madya-4", version="1",
    ...     levels={**REQUIRED_LEVELS_2017.levels, PositionTier.JPT_MADYA: 4})
    >>> alt.level_for("jpt_madya")
    4
    >>> JP_CREDITS_REGIONAL.credit(Route.E_LEARNING)
    3.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.competency import CompetencyType
from asn_competency.development import Route
from asn_competency.employee import EmploymentStatus
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.framework import CompetencyFramework
from asn_competency.position import PositionStandard, PositionTier, Requirement

__all__ = [
    "DEVELOPMENT_HOURS_PP11_2017",
    "JP_CREDITS_REGIONAL",
    "REQUIRED_LEVELS_2017",
    "DevelopmentHoursPolicy",
    "JpCreditPolicy",
    "RequiredLevelPolicy",
]


def _to_tier(value: object) -> PositionTier:
    return _validate.to_enum(PositionTier, "tier")(value)


def _to_route(value: object) -> Route:
    return _validate.to_enum(Route, "route")(value)


def _tier_levels(value: Mapping[Any, int]) -> Mapping[PositionTier, int]:
    if not isinstance(value, Mapping):
        raise ValidationError("levels", "a mapping {tier: level}", value)
    out = {_to_tier(k): v for k, v in value.items()}
    return _validate.FrozenMapping({t: out[t] for t in sorted(out, key=lambda t: t.value)})


@attrs.frozen(kw_only=True)
class RequiredLevelPolicy:
    """Default required level of the managerial and socio-cultural competencies by tier.

    Args:
        name: Policy name.
        version: Policy version.
        levels: ``{tier: level}``; tiers without an entry have no default.
        source: The regulation or practice it follows and how sure we are.
    """

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    levels: Mapping[PositionTier, int] = attrs.field(converter=_tier_levels)
    source: str = ""

    @levels.validator
    def _check(self, attribute: attrs.Attribute[object], value: Mapping[PositionTier, int]) -> None:
        for tier, level in value.items():
            if isinstance(level, bool) or not isinstance(level, int) or level < 1:
                raise ValidationError(f"levels[{tier.value}]", "a level >= 1", level)

    def level_for(self, tier: PositionTier | str) -> int:
        """Return the default level for a tier.

        Raises:
            UnknownIdError: If the policy sets no level for the tier.
            ValidationError: If ``tier`` is not a tier.
        """
        t = _to_tier(tier)
        try:
            return self.levels[t]
        except KeyError:
            raise UnknownIdError("tier", t.value, f"policy {self.name!r}") from None

    def standard_for(
        self,
        position_id: str,
        tier: PositionTier | str,
        framework: CompetencyFramework,
        *,
        importance: float = 1.0,
    ) -> PositionStandard:
        """Build a standard requiring the tier's level in every non-technical competency.

        Raises:
            UnknownIdError: If the policy sets no level for the tier.
            ValidationError: If ``tier`` is not a tier or ``framework`` not a framework.

        Examples:
            >>> from asn_competency import national_framework
            >>> std = REQUIRED_LEVELS_2017.standard_for("KASI", "pengawas", national_framework())
            >>> {r.level for r in std.requirements}, len(std.requirements)
            ({2}, 9)
        """
        level = self.level_for(tier)
        if not isinstance(framework, CompetencyFramework):
            raise ValidationError("framework", "a CompetencyFramework", framework)
        reqs = [
            Requirement(
                competency_id=c.id,
                level=min(level, c.scale.maximum),
                importance=importance,
            )
            for c in framework
            if c.type is not CompetencyType.TEKNIS
        ]
        return PositionStandard(
            position_id=position_id, framework_id=framework.id, requirements=reqs
        )


REQUIRED_LEVELS_2017 = RequiredLevelPolicy(
    name="PermenPANRB-38-2017-common-reading",
    version="2017.1",
    levels={
        PositionTier.JPT_UTAMA: 5,
        PositionTier.JPT_MADYA: 5,
        PositionTier.JPT_PRATAMA: 4,
        PositionTier.ADMINISTRATOR: 3,
        PositionTier.PENGAWAS: 2,
        PositionTier.PELAKSANA: 1,
        PositionTier.AHLI_UTAMA: 5,
        PositionTier.AHLI_MADYA: 4,
        PositionTier.AHLI_MUDA: 3,
        PositionTier.AHLI_PERTAMA: 2,
        PositionTier.PEMULA: 1,
    },
    source=(
        "One common reading of PermenPAN-RB 38/2017 (unconfirmed; sources differ on JPT Madya, "
        "4 or 5; Terampil, Mahir and Penyelia unknown)."
    ),
)
"""Default required levels by tier: an overridable reading, not the law."""


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


@attrs.frozen(kw_only=True)
class JpCreditPolicy:
    """JP credited per activity for routes whose hours are not counted directly.

    Args:
        name: Policy name.
        version: Policy version.
        credits: ``{route: JP credited per activity}``.
        daily_caps: ``{route: most JP creditable per day}``.
        source: Where the table comes from.
    """

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    credits: Mapping[Route, float] = attrs.field(converter=_route_credits)
    daily_caps: Mapping[Route, float] = attrs.field(factory=dict, converter=_route_caps)
    source: str = ""

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


DEVELOPMENT_HOURS_PP11_2017 = DevelopmentHoursPolicy(
    name="PP-11-2017-development-hours",
    version="2017.1",
    minimum_jp={EmploymentStatus.PNS: 20},
    maximum_jp={EmploymentStatus.PPPK: 24},
)
"""At least 20 JP a year for every PNS (PP 11/2017); at most 24 JP for PPPK (a common reading)."""
