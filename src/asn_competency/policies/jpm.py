"""Job Person Match (JPM): how a JPM percentage is read, and how competency types weigh in it.

:class:`JpmPolicy` names the categories and their cut-offs: the BKN mapping
(:data:`JPM_MAPPING_BKN`: Optimal >= 90, Cukup Optimal >= 78) and selection
(:data:`JPM_SELECTION_BKN`: Memenuhi Syarat >= 80, Masih Memenuhi Syarat >= 68)
categories, and those of PermenKKP 39/2023.

:class:`JpmWeightingPolicy` weighs technical competencies against managerial and
socio-cultural ones by the tier of the position, as the 2020 rule for functional
positions (JFKK) does (:data:`JPM_WEIGHTING_JFKK_2020`: Ahli Pertama 60/40, Ahli
Muda 50/50, Ahli Madya 40/60); that rule reads the result under the selection
categories of :data:`JPM_SELECTION_BKN`.

Examples:
    >>> JPM_MAPPING_BKN.category(85.0), JPM_SELECTION_BKN.category(85.0)
    ('Cukup Optimal', 'Memenuhi Syarat')
    >>> rows = [("teknis", 2, 4), ("manajerial", 4, 4)]  # (type, reached, required)
    >>> JPM_WEIGHTING_JFKK_2020.jpm("ahli_madya", rows)
    80.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from asn_competency import _validate
from asn_competency.domain.competency import CompetencyType
from asn_competency.domain.position import PositionTier
from asn_competency.errors import UnknownIdError, ValidationError

__all__ = [
    "JPM_KKP_39_2023_OTHERS",
    "JPM_KKP_39_2023_SENIOR",
    "JPM_MAPPING_BKN",
    "JPM_SELECTION_BKN",
    "JPM_WEIGHTING_JFKK_2020",
    "JpmPolicy",
    "JpmWeightingPolicy",
    "weighted_jpm",
]


def _bands(value: Iterable[Any]) -> tuple[tuple[str, float], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError("bands", "(label, minimum) pairs", value)
    out: list[tuple[str, float]] = []
    for i, band in enumerate(value):
        try:
            label, minimum = band
        except (TypeError, ValueError):
            raise ValidationError(f"bands[{i}]", "a pair (label, minimum)", band) from None
        if not isinstance(label, str) or not label.strip():
            raise ValidationError(f"bands[{i}].label", "a non-empty text", label)
        if not _validate.is_finite_number(minimum):
            raise ValidationError(f"bands[{i}].minimum", "a finite number", minimum)
        out.append((label, float(minimum)))
    return tuple(sorted(out, key=lambda b: -b[1]))


@attrs.frozen(kw_only=True, repr=False)
class JpmPolicy:
    """Categories of the Job Person Match: ordered bands, each with a lower bound.

    A JPM falls in the first band (highest minimum first) whose minimum it
    reaches. A value between two printed ranges (90.5 under "85-90 / >= 91") thus
    falls in the lower band, unless ``decimals`` rounds it first. Rounding is
    half up on the value as it prints, as reports round: with ``decimals=0``
    90.5 becomes 91, and with ``decimals=1`` 69.35 becomes 69.4.

    Args:
        name: Policy name.
        version: Policy version.
        bands: ``(label, minimum)`` pairs; kept sorted from the highest minimum.
            Labels and minimums are unique and the lowest minimum is 0, so that
            every JPM in ``0..cap`` has a category.
        cap: The largest JPM (100); a finite number.
        decimals: Round the JPM half up to this many decimals before comparing
            it with the minimums; ``None`` compares the exact value.
        source: The regulation or practice it follows and how sure we are.

    Raises:
        ValidationError: If the bands are empty, repeat a label or a minimum,
            or do not start at 0.

    Examples:
        >>> JPM_MAPPING_BKN.category(89.9), JPM_MAPPING_BKN.category(90)
        ('Cukup Optimal', 'Optimal')
        >>> JPM_SELECTION_BKN.category(67.99)
        'Kurang Memenuhi Syarat'
        >>> attrs.evolve(JPM_KKP_39_2023_SENIOR, decimals=0).category(90.5)
        'Optimal'
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    bands: tuple[tuple[str, float], ...] = attrs.field(converter=_bands)
    cap: float = attrs.field(default=100.0)
    decimals: int | None = attrs.field(default=None)
    source: str = attrs.field(default="", repr=False)

    @bands.validator
    def _check_bands(
        self, attribute: attrs.Attribute[object], value: tuple[tuple[str, float], ...]
    ) -> None:
        if not value:
            raise ValidationError("bands", "at least one (label, minimum) pair", value)
        _validate.unique_ids("bands", [label for label, _ in value])
        minimums = [m for _, m in value]
        if len(set(minimums)) != len(minimums):
            raise ValidationError("bands", "a different minimum for each band", minimums)
        if minimums[-1] != 0:
            raise ValidationError("bands", "a lowest minimum of 0", minimums[-1])

    @cap.validator
    def _check_cap(self, attribute: attrs.Attribute[float], value: float) -> None:
        if not _validate.is_finite_number(value) or not value > 0:
            raise ValidationError("cap", "a finite number > 0", value)
        if value < self.bands[0][1]:
            raise ValidationError("cap", f"at least the highest minimum {self.bands[0][1]}", value)

    @decimals.validator
    def _check_decimals(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError("decimals", "None or a whole number", value)
        if value is not None and value < 0:
            raise ValidationError("decimals", "None or a whole number >= 0", value)

    @property
    def labels(self) -> tuple[str, ...]:
        """The category labels, best first."""
        return tuple(label for label, _ in self.bands)

    def category(self, jpm: float) -> str:
        """Return the category of a JPM.

        Raises:
            ValidationError: If ``jpm`` is not a number in ``0..cap``.
        """
        if not _validate.is_finite_number(jpm) or not 0 <= jpm <= self.cap:
            raise ValidationError("jpm", f"a number in 0..{self.cap:g}", jpm)
        value = jpm if self.decimals is None else _validate.round_as_printed(jpm, self.decimals)
        for label, minimum in self.bands:
            if value >= minimum:
                return label
        raise AssertionError("unreachable: the lowest band starts at 0")  # pragma: no cover


JPM_MAPPING_BKN = JpmPolicy(
    name="JPM-mapping-BKN",
    version="2023.1",
    bands=(("Optimal", 90), ("Cukup Optimal", 78), ("Kurang Optimal", 0)),
    source=(
        "Competency-mapping categories of BKN assessment-centre practice (seen consistently in "
        "government software); Peraturan BRIN 3/2023 sets the same cut-offs (checked)."
    ),
)
"""JPM categories for competency mapping: Optimal >= 90, Cukup Optimal 78 to < 90, else Kurang."""


JPM_SELECTION_BKN = JpmPolicy(
    name="JPM-selection-BKN",
    version="2020.1",
    bands=(
        ("Memenuhi Syarat", 80),
        ("Masih Memenuhi Syarat", 68),
        ("Kurang Memenuhi Syarat", 0),
    ),
    source=(
        "Selection categories of BKN assessment-centre practice (seen consistently in government "
        "software); a 2020 rule for functional positions (JFKK) sets the same cut-offs (checked)."
    ),
)
"""JPM categories for selection: Memenuhi Syarat >= 80, Masih Memenuhi 68 to < 80, else Kurang."""


JPM_KKP_39_2023_SENIOR = JpmPolicy(
    name="JPM-PermenKKP-39-2023-JPT-AhliUtama",
    version="2023.1",
    bands=(("Optimal", 91), ("Cukup Optimal", 85), ("Kurang Optimal", 0)),
    source=(
        "PermenKKP 39/2023 cut-offs for JPT and Ahli Utama positions: >= 91, 85-90, < 85 "
        "(cut-offs checked; the labels are the mapping ones, assumed). A JPM between 90 and 91 "
        "falls in the middle band."
    ),
)
"""PermenKKP 39/2023 cut-offs for JPT and Ahli Utama: >= 91 / 85 to < 91 / < 85."""


JPM_KKP_39_2023_OTHERS = JpmPolicy(
    name="JPM-PermenKKP-39-2023-others",
    version="2023.1",
    bands=(("Optimal", 85), ("Cukup Optimal", 75), ("Kurang Optimal", 0)),
    source=(
        "PermenKKP 39/2023 cut-offs for positions other than JPT and Ahli Utama: >= 85, 75-84, "
        "< 75 (cut-offs checked; the labels are the mapping ones, assumed). A JPM between 84 and "
        "85 falls in the middle band."
    ),
)
"""PermenKKP 39/2023 cut-offs for other positions: >= 85 / 75 to < 85 / < 75."""


# --- weighting by competency type ------------------------------------------------------------


_SHARE_SUM_TOLERANCE = 1e-9


def _to_tier(value: object) -> PositionTier:
    return _validate.to_enum(PositionTier, "tier")(value)


def _shares(value: Mapping[Any, Any]) -> Mapping[PositionTier, tuple[float, float]]:
    if not isinstance(value, Mapping):
        raise ValidationError("shares", "a mapping {tier: (technical %, other %)}", value)
    out: dict[PositionTier, tuple[float, float]] = {}
    for key, pair in value.items():
        tier = _to_tier(key)
        field = f"shares[{tier.value}]"
        try:
            technical, other = pair
        except (TypeError, ValueError):
            raise ValidationError(field, "a pair (technical %, other %)", pair) from None
        for part in (technical, other):
            if not _validate.is_finite_number(part) or part < 0:
                raise ValidationError(field, "two finite percentages >= 0", pair)
        if abs(float(technical) + float(other) - 100.0) > _SHARE_SUM_TOLERANCE:
            raise ValidationError(field, "two percentages that add up to 100", pair)
        out[tier] = (float(technical), float(other))
    if not out:
        raise ValidationError("shares", "at least one tier", value)
    return _validate.FrozenMapping(dict(sorted(out.items(), key=lambda kv: kv[0].value)))


_N = TypeVar("_N")


@attrs.frozen(kw_only=True, repr=False)
class JpmWeightingPolicy:
    """How much technical competencies weigh against the others in the JPM, by tier.

    The requirements of a standard fall in two groups: technical (*teknis*) and
    managerial with socio-cultural (*manajerial* and *sosial kultural*). Each
    group's match is its own plain JPM, ``sum(min(level, required)) /
    sum(required)``; the weighted JPM is their mean weighted by the tier's
    shares::

        JPM = technical % x reached_T / required_T + other % x reached_O / required_O

    Within a group every level counts as in the plain JPM (the requirements'
    importance plays no part, as in the plain JPM). When a standard has
    requirements of one group only, the JPM is that group's plain JPM (the absent
    group's share goes to the present one: our reading, the rule assumes both).
    The result is capped at 100.

    Args:
        name: Policy name.
        version: Policy version.
        shares: ``{tier: (technical %, managerial and socio-cultural %)}``; each
            pair adds up to 100. Tiers left out are not weighted by this policy.
        source: The regulation it follows and how sure we are.

    Raises:
        ValidationError: For an unknown tier, a share that is negative or not a
            number, a pair that does not add up to 100, or no tier at all.

    Examples:
        >>> rows = [("teknis", 2, 4), ("manajerial", 4, 4)]
        >>> JPM_WEIGHTING_JFKK_2020.jpm("ahli_pertama", rows)
        70.0
        >>> JPM_WEIGHTING_JFKK_2020.shares_for("ahli_muda")
        (50.0, 50.0)
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    shares: Mapping[PositionTier, tuple[float, float]] = attrs.field(converter=_shares, hash=False)
    source: str = attrs.field(default="", repr=False)

    def covers(self, tier: PositionTier | str) -> bool:
        """Return whether the policy weighs the JPM of positions of ``tier``.

        Raises:
            ValidationError: If ``tier`` is not a tier.
        """
        return _to_tier(tier) in self.shares

    def shares_for(self, tier: PositionTier | str) -> tuple[float, float]:
        """Return ``(technical %, managerial and socio-cultural %)`` for a tier.

        Raises:
            ValidationError: If ``tier`` is not a tier.
            UnknownIdError: If the policy does not weigh that tier.
        """
        t = _to_tier(tier)
        if t not in self.shares:
            raise UnknownIdError("tier", t.value, f"JPM weighting {self.name!r}")
        return self.shares[t]

    @staticmethod
    def combine(  # noqa: PLR0917 - the formula's six terms, in its order
        technical_share: _N,
        technical_reached: _N,
        technical_required: _N,
        other_share: _N,
        other_reached: _N,
        other_required: _N,
    ) -> _N:
        """The weighted JPM of two non-empty groups, before the cap.

        Written with arithmetic operators only, so that it gives the same
        figures on floats and on NumPy arrays (the columnar path calls it too).

        Examples:
            >>> JpmWeightingPolicy.combine(40.0, 2.0, 4.0, 60.0, 4.0, 4.0)
            80.0
        """
        return (  # type: ignore[no-any-return]
            technical_share * technical_reached / technical_required  # type: ignore[operator]
            + other_share * other_reached / other_required  # type: ignore[operator]
        )

    def jpm(
        self,
        tier: PositionTier | str,
        rows: Iterable[tuple[CompetencyType | str, float, float]],
    ) -> float | None:
        """Return the weighted JPM of one person against one standard.

        Args:
            tier: The tier of the position whose standard it is.
            rows: One ``(competency type, reached, required)`` per requirement,
                where ``reached`` is ``min(level, required)``.

        Returns:
            The JPM in 0..100, or ``None`` for a standard without requirements.

        Raises:
            ValidationError: For an unknown tier or competency type, or a row
                that is not three such values with ``0 <= reached <= required``.
            UnknownIdError: If the policy does not weigh ``tier``.
        """
        share_t, share_o = self.shares_for(tier)
        sums = [0.0, 0.0, 0.0, 0.0]  # reached_T, required_T, reached_O, required_O
        convert = _validate.to_enum(CompetencyType, "type")
        for i, row in enumerate(rows):
            try:
                kind, reached, required = row
            except (TypeError, ValueError):
                raise ValidationError(
                    f"rows[{i}]", "(competency type, reached, required)", row
                ) from None
            group = 0 if convert(kind) is CompetencyType.TEKNIS else 2
            ok = _validate.is_finite_real(reached) and _validate.is_finite_real(required)
            if not ok or not 0 <= float(reached) <= float(required):
                raise ValidationError(f"rows[{i}]", "0 <= reached <= required", row)
            sums[group] += float(reached)
            sums[group + 1] += float(required)
        return weighted_jpm((share_t, share_o), *sums)


def weighted_jpm(
    shares: tuple[float, float],
    technical_reached: float,
    technical_required: float,
    other_reached: float,
    other_required: float,
) -> float | None:
    """The weighted JPM from the two groups' sums (``None`` when both are empty).

    The gap analyses call it with the sums they gather; see
    :class:`JpmWeightingPolicy` for the formula and the one-group case.

    Examples:
        >>> weighted_jpm((60.0, 40.0), 2.0, 4.0, 4.0, 4.0)
        70.0
        >>> weighted_jpm((60.0, 40.0), 0.0, 0.0, 3.0, 4.0)  # no technical requirement
        75.0
    """
    share_t, share_o = shares
    if technical_required > 0 and other_required > 0:
        value = JpmWeightingPolicy.combine(
            share_t, technical_reached, technical_required, share_o, other_reached, other_required
        )
    elif technical_required > 0:
        value = technical_reached * 100.0 / technical_required
    elif other_required > 0:
        value = other_reached * 100.0 / other_required
    else:
        return None
    return float(min(value, 100.0))


JPM_WEIGHTING_JFKK_2020 = JpmWeightingPolicy(
    name="JPM-weighting-JFKK-2020",
    version="2020.1",
    shares={
        PositionTier.AHLI_PERTAMA: (60, 40),
        PositionTier.AHLI_MUDA: (50, 50),
        PositionTier.AHLI_MADYA: (40, 60),
    },
    source=(
        "A 2020 rule for functional positions (JFKK): technical against managerial and "
        "socio-cultural competencies weigh 60/40 for Ahli Pertama, 50/50 for Ahli Muda and "
        "40/60 for Ahli Madya, read under the selection categories of JPM_SELECTION_BKN "
        "(checked). Each group's match as a plain JPM within the group, and a standard with "
        "one group only keeping that group's JPM: our reading."
    ),
)
"""The JFKK weighting: Ahli Pertama 60/40, Ahli Muda 50/50, Ahli Madya 40/60 (technical/other)."""
