"""Required levels by position tier (PermenPAN-RB 38/2017): the default standards.

:class:`RequiredLevelPolicy` gives each position tier one required level for
every managerial and socio-cultural competency and builds a position's
:class:`~asn_competency.domain.position.PositionStandard` from it
(:data:`REQUIRED_LEVELS_PERMENPANRB_38_2017`; a common reading, overridable).

Examples:
    >>> from asn_competency.policies.national import national_framework
    >>> std = REQUIRED_LEVELS_PERMENPANRB_38_2017.standard_for(
    ...     "KASI.PELAYANAN", "pengawas", national_framework())
    >>> std.required_level("MJ.KOM")
    2
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.competency import CompetencyType
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.position import PositionStandard, PositionTier, Requirement
from asn_competency.errors import UnknownIdError, ValidationError

__all__ = ["REQUIRED_LEVELS_PERMENPANRB_38_2017", "RequiredLevelPolicy"]


def _to_tier(value: object) -> PositionTier:
    return _validate.to_enum(PositionTier, "tier")(value)


def _tier_levels(value: Mapping[Any, int]) -> Mapping[PositionTier, int]:
    if not isinstance(value, Mapping):
        raise ValidationError("levels", "a mapping {tier: level}", value)
    out = {_to_tier(k): v for k, v in value.items()}
    return _validate.FrozenMapping({t: out[t] for t in sorted(out, key=lambda t: t.value)})


@attrs.frozen(kw_only=True, repr=False)
class RequiredLevelPolicy:
    """Default required level of the managerial and socio-cultural competencies by tier.

    Args:
        name: Policy name.
        version: Policy version.
        levels: ``{tier: level}``; tiers without an entry have no default.
        source: The regulation or practice it follows and how sure we are.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    levels: Mapping[PositionTier, int] = attrs.field(converter=_tier_levels)
    source: str = attrs.field(default="", repr=False)

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
            >>> policy = REQUIRED_LEVELS_PERMENPANRB_38_2017
            >>> std = policy.standard_for("KASI", "pengawas", national_framework())
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


REQUIRED_LEVELS_PERMENPANRB_38_2017 = RequiredLevelPolicy(
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
