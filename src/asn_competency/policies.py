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


def _tier_levels(value: Mapping[object, int]) -> Mapping[PositionTier, int]:
    return {PositionTier(k): v for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}


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
        """
        t = PositionTier(tier)
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

        Examples:
            >>> from asn_competency import national_framework
            >>> std = REQUIRED_LEVELS_2017.standard_for("KASI", "pengawas", national_framework())
            >>> {r.level for r in std.requirements}, len(std.requirements)
            ({2}, 9)
        """
        level = self.level_for(tier)
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


def _route_credits(value: Mapping[object, float]) -> Mapping[Route, float]:
    return {Route(k): float(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}


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
    daily_caps: Mapping[Route, float] = attrs.field(factory=dict, converter=_route_credits)
    source: str = ""

    @credits.validator
    def _check(self, attribute: attrs.Attribute[object], value: Mapping[Route, float]) -> None:
        for route, jp in value.items():
            if not jp >= 0:
                raise ValidationError(f"credits[{route.value}]", "JP >= 0", jp)

    def credit(self, route: Route | str) -> float:
        """Return the JP credited for one activity on ``route``.

        Raises:
            UnknownIdError: If the table has no entry for the route.
        """
        r = Route(route)
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
    minimum_jp: Mapping[EmploymentStatus, float] = attrs.field(factory=dict)
    maximum_jp: Mapping[EmploymentStatus, float] = attrs.field(factory=dict)
    minutes_per_jp: int = attrs.field(default=45, validator=_validate.positive_int)
    blend: Mapping[str, float] = attrs.field(
        factory=lambda: {"formal": 0.1, "social": 0.2, "experiential": 0.7}
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
