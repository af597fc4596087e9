"""Who may succeed to a key position, and when a successor counts as ready.

:class:`SuccessionPolicy` names the eligibility rules of succession planning
(scope, feeder tiers, minimum rank, years in position, no barring sanction,
membership of the talent pool) with their numbers, and the JPM and gap
thresholds that make a candidate :class:`Readiness` ``ready_now``,
``ready_1_2_years`` or ``not_ready``. :data:`SUCCESSION_DEFAULT` is the
library's reading; talent management under PermenPAN-RB 3/2020 draws
successors from the talent pool, but the numbers here are set by no regulation
the library has checked.

Examples:
    >>> SUCCESSION_DEFAULT.readiness(85.0, 1.0).value
    'ready_now'
    >>> SUCCESSION_DEFAULT.readiness(72.5, 2.0).value
    'ready_1_2_years'
    >>> [t.value for t in SUCCESSION_DEFAULT.feeders_for("administrator")]
    ['administrator', 'ahli_muda', 'pengawas']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.position import Golongan, PositionTier
from asn_competency.domain.records import Sanction
from asn_competency.errors import ValidationError
from asn_competency.policies.nine_box import (
    TALENT_POOL_PERMENPANRB_3_2020,
    PoolLevel,
    TalentPoolPolicy,
)

__all__ = ["SUCCESSION_DEFAULT", "SUCCESSION_RULES", "Readiness", "SuccessionPolicy"]


class Readiness(str, enum.Enum):
    """How soon a candidate could take a key position."""

    READY_NOW = "ready_now"
    """Meets the standard closely enough to take the position now."""
    READY_1_2_YEARS = "ready_1_2_years"
    """Gaps that one or two years of development can close."""
    NOT_READY = "not_ready"
    """Gaps too large, or requirements not assessed."""

    @property
    def order(self) -> int:
        """0 for ready now, 1 for ready in 1-2 years, 2 for not ready (for sorting)."""
        return _ORDER[self]


_INF = float("inf")

_ORDER = {Readiness.READY_NOW: 0, Readiness.READY_1_2_YEARS: 1, Readiness.NOT_READY: 2}


SUCCESSION_RULES = (
    "same_agency",
    "tier",
    "not_incumbent",
    "rank",
    "years",
    "sanction",
    "talent_pool",
)
"""The built-in eligibility rules, in the order they are checked.

``same_agency``: at the agency level, the candidate works in the key position's
agency (not checked for the national pool); ``tier``: the candidate's tier is a
feeder tier of the key position's; ``not_incumbent``: the candidate does not
hold the key position; ``rank``: the candidate's PNS rank reaches the minimum for
the key position's tier; ``years``: the candidate has held their position for
the minimum whole years; ``sanction``: no barring disciplinary sanction on
record; ``talent_pool``: the candidate's nine-box box is in the pool of the
policy's level.
"""


def _tier(field: str) -> Any:
    return _validate.to_enum(PositionTier, field)


def _mapping(field: str, value: object) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(field, "a mapping {tier: value}", value)
    return value


def _feeders(value: Mapping[Any, Iterable[Any]]) -> Mapping[PositionTier, tuple[PositionTier, ...]]:
    out: dict[PositionTier, tuple[PositionTier, ...]] = {}
    for key, tiers in _mapping("feeders", value).items():
        tier = _tier("feeders")(key)
        field = f"feeders[{tier.value}]"
        if isinstance(tiers, (str, bytes)) or not isinstance(tiers, Iterable):
            raise ValidationError(field, "a collection of tiers", tiers)
        items = {_tier(field)(t) for t in tiers}
        out[tier] = tuple(sorted(items, key=lambda t: t.value))
    return _validate.FrozenMapping(dict(sorted(out.items(), key=lambda kv: kv[0].value)))


def _min_rank(value: Mapping[Any, Any]) -> Mapping[PositionTier, Golongan]:
    out: dict[PositionTier, Golongan] = {}
    for key, rank in _mapping("min_rank", value).items():
        tier = _tier("min_rank")(key)
        try:
            golongan = rank if isinstance(rank, Golongan) else Golongan(rank)
        except ValidationError:
            raise ValidationError(
                f"min_rank[{tier.value}]", "a PNS rank such as 'III/c'", rank
            ) from None
        if golongan.is_pppk:
            raise ValidationError(f"min_rank[{tier.value}]", "a PNS rank such as 'III/c'", rank)
        out[tier] = golongan
    return _validate.FrozenMapping(dict(sorted(out.items(), key=lambda kv: kv[0].value)))


def _min_years(value: Mapping[Any, Any]) -> Mapping[PositionTier, int]:
    out: dict[PositionTier, int] = {}
    for key, years in _mapping("min_years", value).items():
        tier = _tier("min_years")(key)
        if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years <= 60:
            raise ValidationError(f"min_years[{tier.value}]", "whole years 0-60", years)
        out[tier] = years
    return _validate.FrozenMapping(dict(sorted(out.items(), key=lambda kv: kv[0].value)))


def _sanctions(value: Iterable[Any]) -> tuple[Sanction, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("barring_sanctions", "a collection of sanctions", value)
    convert = _validate.to_enum(Sanction, "barring_sanctions")
    return tuple(sorted({convert(v) for v in value}, key=lambda s: s.value))


def _rules(value: Iterable[Any]) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("rules", f"names among {', '.join(SUCCESSION_RULES)}", value)
    items = set()
    for name in value:
        if name not in SUCCESSION_RULES:
            raise ValidationError("rules", f"names among {', '.join(SUCCESSION_RULES)}", name)
        items.add(name)
    return tuple(r for r in SUCCESSION_RULES if r in items)


def _to_level(value: object) -> PoolLevel:
    return _validate.to_enum(PoolLevel, "level")(value)


def _jpm(_inst: object, attribute: attrs.Attribute[float], value: object) -> None:
    if not _validate.is_finite_number(value) or not 0 <= value <= 100:  # type: ignore[operator]
        raise ValidationError(attribute.name, "a JPM in 0..100", value)


def _shortfall(_inst: object, attribute: attrs.Attribute[float], value: object) -> None:
    if not _validate.is_finite_number(value) or value < 0:  # type: ignore[operator]
        raise ValidationError(attribute.name, "a number of levels >= 0", value)


def _pool(_inst: object, attribute: attrs.Attribute[TalentPoolPolicy], value: object) -> None:
    if not isinstance(value, TalentPoolPolicy):
        raise ValidationError(attribute.name, "a TalentPoolPolicy", value)


@attrs.frozen(kw_only=True, repr=False)
class SuccessionPolicy:
    """The eligibility rules of succession and the thresholds of readiness.

    Eligibility: a person is a candidate for a key position when they pass every
    rule in ``rules`` (see :data:`SUCCESSION_RULES`). Readiness: with every
    requirement of the key position's standard assessed, a candidate is
    ``ready_now`` when the JPM reaches ``ready_now_jpm`` and no requirement
    falls short by more than ``ready_now_max_shortfall`` levels,
    ``ready_1_2_years`` when the JPM reaches ``ready_soon_jpm`` and no shortfall
    exceeds ``ready_soon_max_shortfall``, and ``not_ready`` otherwise.

    Args:
        name: Policy name.
        version: Policy version.
        level: The talent pool's level: ``instansi`` (candidates from the key
            position's agency) or ``nasional`` (from any agency).
        feeders: ``{key position tier: tiers its successors may hold}``; a tier
            left out has no successors. A feeder equal to the key tier is a
            rotation, any other a promotion.
        min_rank: ``{key position tier: lowest PNS rank}``; a tier left out has
            no minimum. A PPPK grade never reaches a PNS rank.
        min_years: ``{key position tier: whole years in the current position}``;
            a tier left out has no minimum.
        barring_sanctions: Sanctions (heaviest in the last five years) that bar
            a candidate.
        pool: Which nine-box boxes make the talent pool at each level.
        rules: The built-in rules applied (all by default).
        ready_now_jpm: Lowest JPM of a ready-now candidate.
        ready_now_max_shortfall: Largest shortfall (levels) of a ready-now candidate.
        ready_soon_jpm: Lowest JPM of a candidate ready in 1-2 years.
        ready_soon_max_shortfall: Largest shortfall of a candidate ready in 1-2 years.
        source: Where the numbers come from and how sure we are.

    Raises:
        ValidationError: For an unknown tier, rule, sanction or level, a rank that
            is not a PNS rank, years that are not whole, or readiness thresholds
            out of range or out of order (ready now must be the stricter).
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    level: PoolLevel = attrs.field(default=PoolLevel.INSTANSI, converter=_to_level)
    feeders: Mapping[PositionTier, tuple[PositionTier, ...]] = attrs.field(
        converter=_feeders, hash=False
    )
    min_rank: Mapping[PositionTier, Golongan] = attrs.field(
        factory=dict, converter=_min_rank, hash=False
    )
    min_years: Mapping[PositionTier, int] = attrs.field(
        factory=dict, converter=_min_years, hash=False
    )
    barring_sanctions: tuple[Sanction, ...] = attrs.field(
        default=(Sanction.SEDANG, Sanction.BERAT), converter=_sanctions
    )
    pool: TalentPoolPolicy = attrs.field(default=TALENT_POOL_PERMENPANRB_3_2020, validator=_pool)
    rules: tuple[str, ...] = attrs.field(default=SUCCESSION_RULES, converter=_rules)
    ready_now_jpm: float = attrs.field(default=80.0, validator=_jpm)
    ready_now_max_shortfall: float = attrs.field(default=1.0, validator=_shortfall)
    ready_soon_jpm: float = attrs.field(default=68.0, validator=_jpm)
    ready_soon_max_shortfall: float = attrs.field(default=2.0, validator=_shortfall)
    source: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        if self.ready_soon_jpm > self.ready_now_jpm:
            raise ValidationError(
                "ready_soon_jpm",
                f"at most ready_now_jpm ({self.ready_now_jpm:g})",
                self.ready_soon_jpm,
            )
        if self.ready_soon_max_shortfall < self.ready_now_max_shortfall:
            raise ValidationError(
                "ready_soon_max_shortfall",
                f"at least ready_now_max_shortfall ({self.ready_now_max_shortfall:g})",
                self.ready_soon_max_shortfall,
            )

    @property
    def pool_boxes(self) -> tuple[int, ...]:
        """The boxes of the talent pool at the policy's level, highest first."""
        return self.pool.boxes_for(self.level)

    @property
    def applied_rules(self) -> tuple[str, ...]:
        """The built-in rules this policy applies (``same_agency`` only at the agency level)."""
        return tuple(
            r for r in self.rules if r != "same_agency" or self.level is PoolLevel.INSTANSI
        )

    def feeders_for(self, tier: PositionTier | str) -> tuple[PositionTier, ...]:
        """Return the tiers whose holders may succeed to a position of ``tier``.

        Raises:
            ValidationError: If ``tier`` is not a tier.
        """
        return self.feeders.get(_tier("tier")(tier), ())

    def readiness(self, jpm: float | None, largest_shortfall: float) -> Readiness:
        """Return the readiness of a candidate with this JPM and largest shortfall.

        ``jpm`` is ``None`` when a requirement is not assessed: not ready.

        Raises:
            ValidationError: If ``jpm`` is not ``None`` or a number in 0..100, or the
                shortfall is not a number >= 0.
        """
        shortfall = largest_shortfall
        if not (type(shortfall) is float and 0.0 <= shortfall < _INF):  # the cheap common case
            shortfall = _validate.number_in_range("largest_shortfall", largest_shortfall, low=0)
        if jpm is None:
            return Readiness.NOT_READY
        value = jpm
        if not (type(value) is float and 0.0 <= value <= 100.0):
            value = _validate.number_in_range("jpm", jpm, low=0, high=100)
        if value >= self.ready_now_jpm and shortfall <= self.ready_now_max_shortfall:
            return Readiness.READY_NOW
        if value >= self.ready_soon_jpm and shortfall <= self.ready_soon_max_shortfall:
            return Readiness.READY_1_2_YEARS
        return Readiness.NOT_READY


_T = PositionTier

SUCCESSION_DEFAULT = SuccessionPolicy(
    name="succession-default",
    version="2026.1",
    level=PoolLevel.INSTANSI,
    feeders={
        _T.JPT_UTAMA: (_T.JPT_UTAMA, _T.JPT_MADYA),
        _T.JPT_MADYA: (_T.JPT_MADYA, _T.JPT_PRATAMA, _T.AHLI_UTAMA),
        _T.JPT_PRATAMA: (_T.JPT_PRATAMA, _T.ADMINISTRATOR, _T.AHLI_MADYA),
        _T.ADMINISTRATOR: (_T.ADMINISTRATOR, _T.PENGAWAS, _T.AHLI_MUDA),
        _T.PENGAWAS: (_T.PENGAWAS, _T.PELAKSANA, _T.AHLI_PERTAMA),
        _T.AHLI_UTAMA: (_T.AHLI_UTAMA, _T.AHLI_MADYA),
        _T.AHLI_MADYA: (_T.AHLI_MADYA, _T.AHLI_MUDA),
        _T.AHLI_MUDA: (_T.AHLI_MUDA, _T.AHLI_PERTAMA),
        _T.PENYELIA: (_T.PENYELIA, _T.MAHIR),
        _T.MAHIR: (_T.MAHIR, _T.TERAMPIL),
    },
    min_rank={
        _T.JPT_MADYA: "IV/c",
        _T.JPT_PRATAMA: "IV/b",
        _T.ADMINISTRATOR: "III/c",
        _T.PENGAWAS: "III/b",
    },
    min_years={
        _T.JPT_MADYA: 2,
        _T.JPT_PRATAMA: 2,
        _T.ADMINISTRATOR: 3,
        _T.PENGAWAS: 4,
    },
    barring_sanctions=(Sanction.SEDANG, Sanction.BERAT),
    pool=TALENT_POOL_PERMENPANRB_3_2020,
    source=(
        "Successors drawn from the talent pool (boxes 7-9 at the agency level): PermenPAN-RB "
        "3/2020 practice (consistent). Feeder tiers (the tier below, the functional tier that "
        "career rules pair with it, and the same tier for rotation), minimum ranks (JPT Madya "
        "IV/c, JPT Pratama IV/b, Administrator III/c, Pengawas III/b) and years in position "
        "(2, 2, 3, 4) as PP 11/2017 (amended by PP 17/2020) is commonly quoted: assumed, not "
        "checked against the text; confirm them. A moderate or heavy sanction in the last five "
        "years bars (our reading of 'no serious sanction'). Readiness thresholds (ready now: "
        "JPM >= 80, the selection cut-off, and no gap above 1 level; ready in 1-2 years: "
        "JPM >= 68 and no gap above 2 levels, one level closed a year): our reading."
    ),
)
"""The library's reading: agency pool, feeder tiers, PP 11/2017 minimums as commonly quoted."""
