"""The public-satisfaction survey rule (SKM): elements, weights, bands and rounding.

:class:`SkmPolicy` names the elements (:class:`SkmElement`), their weights, the
grade bands (:class:`SkmBand`) on the converted or the index scale, how a value
in a gap between bands is read (:class:`GapRule`), how invalid answers are
handled (:class:`AnswerRule`) and each rounding step. Shipped:
:data:`SKM_PERMENPANRB_14_2017` (exact 1/9 weights),
:data:`SKM_PERMENPANRB_14_2017_PRINTED` (0.111 and 3-decimal rounding, as many
reports print), and the 14-element rule of KEP/25/M.PAN/2/2004 in both forms.
:func:`round_half_up` rounds exact fractions as reports do.

Examples:
    >>> len(SKM_PERMENPANRB_14_2017.elements), SKM_PERMENPANRB_14_2017.elements[0].weight
    (9, Fraction(1, 9))
"""

from __future__ import annotations

import decimal
import enum
import itertools
import math
import numbers
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.errors import UnknownIdError, ValidationError

__all__ = [
    "SKM_KEPMENPAN_25_2004",
    "SKM_KEPMENPAN_25_2004_PRINTED",
    "SKM_PERMENPANRB_14_2017",
    "SKM_PERMENPANRB_14_2017_PRINTED",
    "AnswerRule",
    "GapRule",
    "GradeScale",
    "SkmBand",
    "SkmElement",
    "SkmPolicy",
    "round_half_up",
]


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    """Round an exact value to ``decimals`` places, halves away from zero.

    Indonesian reports round 76.605 to 76.61 and 2.675 to 2.68; Python's
    :func:`round` rounds halves to even and works on binary floats, so it can
    disagree. The rounding here is exact.

    Args:
        value: The exact value.
        decimals: Places to keep, at least 0.

    Returns:
        The rounded value, still exact.

    Examples:
        >>> round_half_up(Fraction("76.605"), 2)
        Fraction(7661, 100)
        >>> float(round_half_up(Fraction("2.675"), 2)), round(2.675, 2)
        (2.68, 2.67)
        >>> round_half_up(Fraction(-5, 2), 0)
        Fraction(-3, 1)
    """
    scale = 10**decimals
    scaled = abs(value) * scale
    rounded = Fraction(math.floor(scaled + Fraction(1, 2)), scale)
    return rounded if value >= 0 else -rounded


def _exact(value: object, field: str) -> Fraction:
    """Return ``value`` as an exact fraction; floats are read as they print (0.111)."""
    if isinstance(value, bool):
        raise ValidationError(field, "a number or a fraction such as '1/9'", value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(field, "a finite number", value)
        return Fraction(repr(float(value)))  # float(): NumPy scalars repr differently
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational):
        # Other real scalars (NumPy float32, float16): read as they print, 0.111 not
        # the float32 value 0.11100000143051147.
        try:
            return Fraction(str(value))
        except (ValueError, OverflowError):  # nan, inf
            raise ValidationError(field, "a finite number", value) from None
    if not isinstance(value, (int, str, Fraction, numbers.Rational, decimal.Decimal)):
        raise ValidationError(field, "a number or a fraction such as '1/9'", value)
    try:
        return Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):  # Decimal("Infinity")
        raise ValidationError(field, "a number or a fraction such as '1/9'", value) from None


def _weight(value: object) -> Fraction:
    return _exact(value, "weight")


def _bound(value: object) -> Fraction:
    return _exact(value, "band bound")


def _tolerance(value: object) -> Fraction:
    return _exact(value, "weight_tolerance")


def _decimals(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 12:
        raise ValidationError(attribute.name, "none or a whole number of decimals 0-12", value)


def _band_decimals(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Unlike the other rounding points, GapRule.ROUND always rounds: None is no choice.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 12:
        raise ValidationError(attribute.name, "a whole number of decimals 0-12", value)


@attrs.frozen(kw_only=True)
class SkmElement:
    """One element (*unsur*) of the survey and its weight.

    Args:
        code: Stable code, for example ``"U1"``.
        name: The element's name (``"Persyaratan"``).
        weight: Its weight; exact (``Fraction(1, 9)``, ``"1/9"``) or as printed (``0.111``).

    Examples:
        >>> SkmElement(code="U1", name="Persyaratan", weight="1/9").weight
        Fraction(1, 9)
        >>> SkmElement(code="U1", name="Persyaratan", weight=0.111).weight
        Fraction(111, 1000)
    """

    code: str = attrs.field(validator=_validate.identifier)
    name: str = attrs.field(validator=_validate.non_empty)
    weight: Fraction = attrs.field(converter=_weight)

    @weight.validator
    def _check_weight(self, attribute: attrs.Attribute[Fraction], value: Fraction) -> None:
        if value <= 0:
            raise ValidationError(f"weight of {self.code}", "a weight > 0", float(value))


@attrs.frozen(kw_only=True)
class SkmBand:
    """One grade and its range, on the converted scale (25-100) and on the 1-4 scale.

    Args:
        grade: The grade letter (``"A"``).
        label: Its label (``"Sangat Baik"``).
        minimum: Printed lowest converted value of the band.
        maximum: Printed highest converted value of the band.
        index_minimum: Printed lowest value on 1-4.
        index_maximum: Printed highest value on 1-4.
    """

    grade: str = attrs.field(validator=_validate.identifier)
    label: str = attrs.field(validator=_validate.non_empty)
    minimum: Fraction = attrs.field(converter=_bound)
    maximum: Fraction = attrs.field(converter=_bound)
    index_minimum: Fraction = attrs.field(converter=_bound)
    index_maximum: Fraction = attrs.field(converter=_bound)

    def __attrs_post_init__(self) -> None:
        if self.maximum < self.minimum:
            raise ValidationError(
                f"band {self.grade}", "a maximum >= its minimum", float(self.maximum)
            )
        if self.index_maximum < self.index_minimum:
            raise ValidationError(
                f"band {self.grade}",
                "an index_maximum >= its index_minimum",
                float(self.index_maximum),
            )


class AnswerRule(str, enum.Enum):
    """What to do with an answer that is missing or not a whole number 1-4."""

    REJECT = "reject"
    """Raise :class:`~asn_competency.errors.ValidationError` naming row, element and value."""
    EXCLUDE_ANSWER = "exclude_answer"
    """Leave that answer out; the element's NRR is the mean of the answers given."""
    EXCLUDE_RESPONDENT = "exclude_respondent"
    """Leave the whole respondent out."""


class GapRule(str, enum.Enum):
    """Where a value between two printed bands (76.605: above 76.60, below 76.61) goes."""

    LOWER = "lower"
    """A band needs its printed minimum: 76.605 is C under SKM 2017."""
    UPPER = "upper"
    """A band holds everything up to its printed maximum: 76.605 is B."""
    ROUND = "round"
    """Round half up to ``band_decimals`` first, then as :attr:`LOWER`: 76.605 -> 76.61, B."""


class GradeScale(str, enum.Enum):
    """Which printed band table sets the grade."""

    CONVERTED = "converted"
    """The 25-100 table (the one reports quote)."""
    INDEX = "index"
    """The 1-4 table."""


def _elements(value: Iterable[SkmElement]) -> tuple[SkmElement, ...]:
    return _validate.instances("elements", value, SkmElement)


def _bands(value: Iterable[SkmBand]) -> tuple[SkmBand, ...]:
    items = _validate.instances("bands", value, SkmBand)
    ordered = tuple(sorted(items, key=lambda b: (b.minimum, b.index_minimum, b.grade)))
    for low, high in itertools.pairwise(ordered):
        # Both tables are searched in this one order, so it must be the order of both.
        if not (low.minimum < high.minimum and low.index_minimum < high.index_minimum):
            raise ValidationError(
                "bands",
                "bands in the same increasing order on both scales (25-100 and 1-4)",
                f"{low.grade} and {high.grade}",
            )
    return ordered


def _to_answer_rule(value: object) -> AnswerRule:
    return _validate.to_enum(AnswerRule, "invalid_answers")(value)


def _to_gap_rule(value: object) -> GapRule:
    return _validate.to_enum(GapRule, "gap_rule")(value)


def _to_grade_scale(value: object) -> GradeScale:
    return _validate.to_enum(GradeScale, "grade_on")(value)


def _fmt(value: Fraction) -> str:
    return format(float(value), ".6g")


@attrs.frozen(kw_only=True, repr=False)
class SkmPolicy:
    """The elements, weights, rounding points and bands of one way of computing SKM.

    The computation runs in this order, rounding half up where a ``*_decimals``
    field is set and keeping exact values where it is ``None``:

    1. weight of each element (``weight_decimals``: ``None`` exact 1/9, 3 -> 0.111, 2 -> 0.11);
    2. NRR = total of answers / number of answers (``nrr_decimals``);
    3. weighted NRR = NRR x weight (``weighted_nrr_decimals``);
    4. index = sum of weighted NRRs, on 1-4 (``index_decimals``, reports often use 3);
    5. converted = index x ``conversion_factor`` (``converted_decimals``);
    6. grade from the band table chosen by ``grade_on``, values between two
       printed bands placed by ``gap_rule``.

    Args:
        name: Policy name, recorded in results.
        version: Policy version.
        elements: The survey elements in questionnaire order (unique codes).
        weight_tolerance: How far the weights (as entered) may sum from 1.
        weight_decimals: Rounding of each weight before use.
        nrr_decimals: Rounding of each NRR.
        weighted_nrr_decimals: Rounding of each NRR x weight.
        index_decimals: Rounding of the index on 1-4 before conversion.
        converted_decimals: Rounding of the converted index.
        conversion_factor: Factor from the 1-4 index to the converted index (25).
        scale_min: Lowest valid answer.
        scale_max: Highest valid answer.
        bands: Grades with their printed ranges.
        grade_on: Which table (25-100 or 1-4) sets the grade.
        gap_rule: Where values between printed bands go.
        band_decimals: Places for :attr:`GapRule.ROUND`.
        invalid_answers: What to do with missing or out-of-range answers.
        source: The regulation or practice followed and how sure we are.

    Raises:
        ValidationError: If codes repeat, a weight is not positive, the
            weights do not sum to 1 within ``weight_tolerance``, or the bands are
            not in one increasing order on both scales.

    Examples:
        >>> SKM_PERMENPANRB_14_2017.with_elements(
        ...     [SkmElement(code="U1", name="Persyaratan", weight=0.5),
        ...      SkmElement(code="U2", name="Prosedur", weight=0.4)],
        ...     name="dua-unsur", version="1")
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'weights' must be weights summing to 1 ...
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    elements: tuple[SkmElement, ...] = attrs.field(converter=_elements)
    weight_tolerance: Fraction = attrs.field(default=Fraction(1, 100), converter=_tolerance)
    weight_decimals: int | None = attrs.field(default=None, validator=_decimals)
    nrr_decimals: int | None = attrs.field(default=None, validator=_decimals)
    weighted_nrr_decimals: int | None = attrs.field(default=None, validator=_decimals)
    index_decimals: int | None = attrs.field(default=None, validator=_decimals)
    converted_decimals: int | None = attrs.field(default=None, validator=_decimals)
    conversion_factor: int = 25
    scale_min: int = 1
    scale_max: int = 4
    bands: tuple[SkmBand, ...] = attrs.field(converter=_bands)
    grade_on: GradeScale = attrs.field(default=GradeScale.CONVERTED, converter=_to_grade_scale)
    gap_rule: GapRule = attrs.field(default=GapRule.LOWER, converter=_to_gap_rule)
    band_decimals: int = attrs.field(default=2, validator=_band_decimals)
    invalid_answers: AnswerRule = attrs.field(default=AnswerRule.REJECT, converter=_to_answer_rule)
    source: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.elements:
            raise ValidationError("elements", "at least one element", ())
        _validate.unique_ids("elements", [e.code for e in self.elements])
        if not self.bands:
            raise ValidationError("bands", "at least one band", ())
        _validate.unique_ids("bands", [b.grade for b in self.bands])
        if self.weight_tolerance < 0:
            raise ValidationError("weight_tolerance", "a number >= 0", float(self.weight_tolerance))
        total = sum((e.weight for e in self.elements), Fraction(0))
        if abs(total - 1) > self.weight_tolerance:
            shown = ", ".join(f"{e.code}={_fmt(e.weight)}" for e in self.elements)
            raise ValidationError(
                "weights",
                f"weights summing to 1 within {_fmt(self.weight_tolerance)}",
                f"{shown} summing to {_fmt(total)}",
            )
        for field in ("scale_min", "scale_max", "conversion_factor"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValidationError(field, "a whole number >= 1", value)
        if self.scale_max <= self.scale_min:
            raise ValidationError(
                "scale_max", f"more than scale_min {self.scale_min}", self.scale_max
            )
        if self.scale_max * self.conversion_factor > 2**1000:
            # Results are floats: a larger top of the converted scale would overflow.
            raise ValidationError(
                "conversion_factor",
                f"a factor that keeps scale_max x factor within {2**1000:.3g}",
                self.conversion_factor,
            )

    @property
    def codes(self) -> tuple[str, ...]:
        """The element codes in questionnaire order."""
        return tuple(e.code for e in self.elements)

    def applied_weights(self) -> tuple[Fraction, ...]:
        """Return each element's weight after ``weight_decimals`` rounding.

        Examples:
            >>> [str(w) for w in SKM_PERMENPANRB_14_2017_PRINTED.applied_weights()[:2]]
            ['111/1000', '111/1000']
        """
        if self.weight_decimals is None:
            return tuple(e.weight for e in self.elements)
        return tuple(round_half_up(e.weight, self.weight_decimals) for e in self.elements)

    def with_elements(
        self, elements: Iterable[SkmElement], *, name: str, version: str
    ) -> SkmPolicy:
        """Return a copy with other elements (added, removed or reweighted).

        Examples:
            >>> extra = SkmElement(code="U10", name="Layanan daring", weight="1/10")
            >>> base = [attrs.evolve(e, weight="1/10") for e in SKM_PERMENPANRB_14_2017.elements]
            >>> p = SKM_PERMENPANRB_14_2017.with_elements(
            ...     [*base, extra], name="unit-10", version="1")
            >>> p.codes[-1], len(p.elements)
            ('U10', 10)
        """
        return attrs.evolve(self, name=name, version=version, elements=tuple(elements))

    def reweighted(self, weights: Mapping[str, object], *, name: str, version: str) -> SkmPolicy:
        """Return a copy with new weights for the named elements.

        Args:
            weights: ``{code: weight}``; elements not named keep their weight.
            name: Name of the new policy.
            version: Its version.

        Raises:
            UnknownIdError: If a code is not an element of this policy.
            ValidationError: If the new weights do not sum to 1.

        Examples:
            >>> w = {"U1": "1/5", "U2": "1/10", **{f"U{i}": "1/10" for i in range(3, 10)}}
            >>> p = SKM_PERMENPANRB_14_2017.reweighted(w, name="u1-ganda", version="1")
            >>> p.elements[0].weight
            Fraction(1, 5)
        """
        if not isinstance(weights, Mapping):
            raise ValidationError("weights", "a mapping {code: weight}", weights)
        for code in sorted(weights, key=str):
            if code not in self.codes:
                raise UnknownIdError("SKM element", str(code), f"policy {self.name!r}")
        elements = [
            attrs.evolve(e, weight=weights[e.code]) if e.code in weights else e
            for e in self.elements
        ]
        return self.with_elements(elements, name=name, version=version)

    def band_for(
        self, value: float | Fraction, *, scale: GradeScale | str | None = None
    ) -> SkmBand:
        """Return the band of a value under this policy's gap rule.

        Args:
            value: A converted value (25-100) or, with ``scale="index"``, a 1-4 value.
            scale: The table to use; by default ``grade_on``.

        Examples:
            >>> SKM_PERMENPANRB_14_2017.band_for(76.605).grade
            'C'
            >>> attrs.evolve(SKM_PERMENPANRB_14_2017, gap_rule="round").band_for(76.605).grade
            'B'
            >>> attrs.evolve(SKM_PERMENPANRB_14_2017, gap_rule="upper").band_for(76.605).grade
            'B'
            >>> SKM_PERMENPANRB_14_2017.band_for(3.0642, scale="index").grade
            'C'
        """
        table = self.grade_on if scale is None else _to_grade_scale(scale)
        v = _exact(value, "value")

        def low(b: SkmBand) -> Fraction:
            return b.minimum if table is GradeScale.CONVERTED else b.index_minimum

        def high(b: SkmBand) -> Fraction:
            return b.maximum if table is GradeScale.CONVERTED else b.index_maximum

        if self.gap_rule is GapRule.UPPER:
            for b in self.bands:
                if v <= high(b):
                    return b
            return self.bands[-1]
        if self.gap_rule is GapRule.ROUND:
            v = round_half_up(v, self.band_decimals)
        chosen = self.bands[0]
        for b in self.bands:
            if low(b) <= v:
                chosen = b
        return chosen


_U2017 = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, mekanisme dan prosedur"),
    ("U3", "Waktu penyelesaian"),
    ("U4", "Biaya/tarif"),
    ("U5", "Produk spesifikasi jenis pelayanan"),
    ("U6", "Kompetensi pelaksana"),
    ("U7", "Perilaku pelaksana"),
    ("U8", "Penanganan pengaduan, saran dan masukan"),
    ("U9", "Sarana dan prasarana"),
)


_BANDS_2017 = (
    SkmBand(grade="D", label="Tidak Baik", minimum="25.00", maximum="64.99",
            index_minimum="1.00", index_maximum="2.5996"),
    SkmBand(grade="C", label="Kurang Baik", minimum="65.00", maximum="76.60",
            index_minimum="2.60", index_maximum="3.064"),
    SkmBand(grade="B", label="Baik", minimum="76.61", maximum="88.30",
            index_minimum="3.0644", index_maximum="3.532"),
    SkmBand(grade="A", label="Sangat Baik", minimum="88.31", maximum="100.00",
            index_minimum="3.5324", index_maximum="4.00"),
)  # fmt: skip


SKM_PERMENPANRB_14_2017 = SkmPolicy(
    name="permenpanrb-14-2017",
    version="2017.1",
    elements=tuple(SkmElement(code=c, name=n, weight=Fraction(1, 9)) for c, n in _U2017),
    bands=_BANDS_2017,
    source=(
        "PermenPAN-RB 14/2017: nine elements, answers 1-4, weight 1/9 each, bands A 88.31-100, "
        "B 76.61-88.30, C 65.00-76.60, D 25.00-64.99 and the 1-4 table [checked]. "
        "Index x 25 is consistent practice. Exact weights and no intermediate rounding: a "
        "one-respondent all-4 survey gives 100. Values between printed bands go to the lower "
        "band (a grade needs its printed minimum): our reading, overridable with gap_rule."
    ),
)
"""SKM under PermenPAN-RB 14/2017, computed exactly (weights 1/9, no intermediate rounding)."""


SKM_PERMENPANRB_14_2017_PRINTED = attrs.evolve(
    SKM_PERMENPANRB_14_2017,
    name="permenpanrb-14-2017-printed",
    version="2017.1",
    weight_decimals=3,
    nrr_decimals=3,
    index_decimals=3,
    converted_decimals=2,
    source=(
        "PermenPAN-RB 14/2017 as many published reports compute it: weight printed as 0.111, "
        "NRR to 3 decimals, index to 3 decimals before x 25, converted value to 2 decimals, "
        "all rounded half up. A one-respondent all-4 survey prints 99.90. Typical practice, "
        "not the regulation's arithmetic."
    ),
)
"""SKM 2017 with the rounding of typical published reports (0.111, 3-decimal NRR and index)."""


_U2004 = (
    ("U1", "Prosedur pelayanan"),
    ("U2", "Persyaratan pelayanan"),
    ("U3", "Kejelasan petugas pelayanan"),
    ("U4", "Kedisiplinan petugas pelayanan"),
    ("U5", "Tanggung jawab petugas pelayanan"),
    ("U6", "Kemampuan petugas pelayanan"),
    ("U7", "Kecepatan pelayanan"),
    ("U8", "Keadilan mendapatkan pelayanan"),
    ("U9", "Kesopanan dan keramahan petugas"),
    ("U10", "Kewajaran biaya pelayanan"),
    ("U11", "Kepastian biaya pelayanan"),
    ("U12", "Kepastian jadwal pelayanan"),
    ("U13", "Kenyamanan lingkungan"),
    ("U14", "Keamanan pelayanan"),
)


_BANDS_2004 = (
    SkmBand(grade="D", label="Tidak Baik", minimum="25.00", maximum="43.75",
            index_minimum="1.00", index_maximum="1.75"),
    SkmBand(grade="C", label="Kurang Baik", minimum="43.76", maximum="62.50",
            index_minimum="1.76", index_maximum="2.50"),
    SkmBand(grade="B", label="Baik", minimum="62.51", maximum="81.25",
            index_minimum="2.51", index_maximum="3.25"),
    SkmBand(grade="A", label="Sangat Baik", minimum="81.26", maximum="100.00",
            index_minimum="3.26", index_maximum="4.00"),
)  # fmt: skip


SKM_KEPMENPAN_25_2004 = SkmPolicy(
    name="kep-25-m-pan-2-2004",
    version="2004.1",
    elements=tuple(SkmElement(code=c, name=n, weight=Fraction(1, 14)) for c, n in _U2004),
    bands=_BANDS_2004,
    source=(
        "KEP/25/M.PAN/2/2004 (replaced by PermenPAN-RB 14/2017, kept to compare old reports): "
        "14 elements, weight 1/14, bands D 25.00-43.75, C 43.76-62.50, B 62.51-81.25 "
        "[checked]; A 81.26-100 inferred; the 1-4 table (1.00-1.75, 1.76-2.50, 2.51-3.25, "
        "3.26-4.00) and the element names as commonly quoted [unconfirmed]."
    ),
)
"""SKM under the 2004 rule (14 elements, exact weights 1/14, the old bands)."""


SKM_KEPMENPAN_25_2004_PRINTED = attrs.evolve(
    SKM_KEPMENPAN_25_2004,
    name="kep-25-m-pan-2-2004-printed",
    weight_decimals=3,
    nrr_decimals=3,
    index_decimals=3,
    converted_decimals=2,
    source=(
        "KEP/25/M.PAN/2/2004 as reports computed it: weight printed as 0.071, NRR and index "
        "to 3 decimals, converted value to 2, half up. Typical practice [unconfirmed]."
    ),
)
"""SKM 2004 with the printed weight 0.071 and report rounding."""
