"""The public-satisfaction index (Survei Kepuasan Masyarakat, SKM / IKM).

A service unit asks the people it served to rate each element (*unsur*) of the
service on a scale of 1 to 4. The mean answer of an element is its *nilai
rata-rata* (NRR); the index is the weighted sum of the NRRs, on 1-4, and the
converted index multiplies it by 25, giving 25-100 and a grade A-D.

Published reports round at different points (weights of exactly 1/9 or the
printed 0.111 or 0.11, NRRs to 2-4 decimals, the weighted sum to 3 decimals
before multiplying by 25), so the same answers can print as 100.00 or as
99.90. :class:`SkmPolicy` names each of these choices; :func:`skm_index`
computes with exact fractions and rounds half up (as the reports do, never to
even) only where the policy says, so every variant is reproducible to the digit.

Examples:
    >>> r = skm_index([[4] * 9])
    >>> r.converted, r.grade, r.label
    (100.0, 'A', 'Sangat Baik')
    >>> skm_index([[4] * 9], policy=SKM_2017_PRINTED).converted
    99.9
    >>> r = skm_index(totals=[300] * 9, respondents=100)
    >>> r.index, r.converted, r.grade
    (3.0, 75.0, 'C')
"""

from __future__ import annotations

import decimal
import enum
import itertools
import math
import numbers
import sys
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from fractions import Fraction
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.errors import UnknownIdError, ValidationError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SKM_2004",
    "SKM_2004_PRINTED",
    "SKM_2017",
    "SKM_2017_PRINTED",
    "AnswerRule",
    "ElementScore",
    "ExcludedAnswer",
    "ExclusionReason",
    "GapRule",
    "GradeScale",
    "SkmBand",
    "SkmElement",
    "SkmPolicy",
    "SkmResult",
    "round_half_up",
    "skm_index",
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


class ExclusionReason(str, enum.Enum):
    """Why an answer was not counted."""

    MISSING = "missing"
    OUT_OF_RANGE = "out_of_range"


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


@attrs.frozen(kw_only=True)
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
        >>> SKM_2017.with_elements(
        ...     [SkmElement(code="U1", name="Persyaratan", weight=0.5),
        ...      SkmElement(code="U2", name="Prosedur", weight=0.4)],
        ...     name="dua-unsur", version="1")
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'weights' must be weights summing to 1 ...
    """

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
    source: str = ""

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
            >>> [str(w) for w in SKM_2017_PRINTED.applied_weights()[:2]]
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
            >>> base = [attrs.evolve(e, weight="1/10") for e in SKM_2017.elements]
            >>> p = SKM_2017.with_elements([*base, extra], name="unit-10", version="1")
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
            >>> SKM_2017.reweighted(w, name="u1-ganda", version="1").elements[0].weight
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
            >>> SKM_2017.band_for(76.605).grade
            'C'
            >>> attrs.evolve(SKM_2017, gap_rule="round").band_for(76.605).grade
            'B'
            >>> attrs.evolve(SKM_2017, gap_rule="upper").band_for(76.605).grade
            'B'
            >>> SKM_2017.band_for(3.0642, scale="index").grade
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

SKM_2017 = SkmPolicy(
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

SKM_2017_PRINTED = attrs.evolve(
    SKM_2017,
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

SKM_2004 = SkmPolicy(
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

SKM_2004_PRINTED = attrs.evolve(
    SKM_2004,
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


@attrs.frozen(kw_only=True)
class ElementScore:
    """The result for one element.

    Args:
        code: Element code.
        name: Element name.
        weight: The weight applied (after any rounding).
        total: Sum of the counted answers.
        answers: Number of counted answers.
        nrr: Mean answer (after any rounding).
        weighted: NRR x weight (after any rounding).
    """

    code: str
    name: str
    weight: float
    total: int
    answers: int
    nrr: float
    weighted: float


@attrs.frozen(kw_only=True)
class ExcludedAnswer:
    """An answer that was not counted, and why.

    Args:
        row: The respondent's row (0-based, in input order).
        element: The element code.
        value: The value found (``None`` when missing).
        reason: Missing or out of range.
    """

    row: int
    element: str
    value: object
    reason: ExclusionReason


@attrs.frozen(kw_only=True)
class SkmResult:
    """The index of one survey and how it was reached.

    Args:
        elements: One score per element, in questionnaire order.
        index: The index on 1-4.
        converted: The converted index (25-100 with exact weights).
        grade: The grade letter.
        label: The grade's label.
        in_band_gap: Whether the value fell outside every printed band: between two
            (placed by ``policy.gap_rule``) or, with printed weights summing below 1,
            under the table (24.975 for all answers 1 with weights 0.111; graded D).
        respondents: Respondents counted.
        excluded_respondents: Respondents left out under ``AnswerRule.EXCLUDE_RESPONDENT``.
        excluded: Every answer not counted (or that caused its respondent's exclusion).
        policy: The policy used.
    """

    elements: tuple[ElementScore, ...]
    index: float
    converted: float
    grade: str
    label: str
    in_band_gap: bool
    respondents: int
    excluded_respondents: int
    excluded: tuple[ExcludedAnswer, ...]
    policy: SkmPolicy = attrs.field(repr=lambda p: f"<SkmPolicy {p.name} {p.version}>")

    @property
    def excluded_answers(self) -> int:
        """Number of answers not counted."""
        return len(self.excluded)

    def nrr(self, code: str) -> float:
        """Return the NRR of one element.

        Raises:
            UnknownIdError: If the code is not an element of the survey.

        Examples:
            >>> skm_index(totals=[30] * 9, respondents=10).nrr("U3")
            3.0
        """
        for e in self.elements:
            if e.code == code:
                return e.nrr
        raise UnknownIdError("SKM element", code, f"policy {self.policy.name!r}")

    def explain(self) -> str:
        """Return one sentence with the index, the grade and what was left out.

        Examples:
            >>> skm_index(totals=[35] * 9, respondents=10).explain()
            'IKM 87.5 (index 3.5 on 1-4), grade B Baik, 10 respondents, 0 answers excluded, \
policy permenpanrb-14-2017 2017.1'
        """
        return (
            f"IKM {self.converted:g} (index {self.index:g} on 1-4), grade {self.grade} "
            f"{self.label}, {self.respondents} respondents, {self.excluded_answers} answers "
            f"excluded, policy {self.policy.name} {self.policy.version}"
        )

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per element, as a published SKM table.

        Examples:
            >>> df = skm_index(totals=[30] * 9, respondents=10).to_dataframe()
            >>> df[["code", "nrr"]].values.tolist()[:2]
            [['U1', 3.0], ['U2', 3.0]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        return pd.DataFrame(
            [attrs.asdict(e) for e in self.elements],
            columns=["code", "name", "weight", "total", "answers", "nrr", "weighted"],
        )


# --- computation -------------------------------------------------------------------------------


def _maybe_round(value: Fraction, decimals: int | None) -> Fraction:
    return value if decimals is None else round_half_up(value, decimals)


def _is_pandas_na(value: object) -> bool:
    """Return whether ``value`` is ``pandas.NA`` (nullable columns), without importing pandas."""
    pd = sys.modules.get("pandas")
    return pd is not None and value is getattr(pd, "NA", None)


def _classify(value: object, lo: int, hi: int) -> tuple[int | None, ExclusionReason | None]:
    """Return ``(answer, None)`` for a valid answer, else ``(None, reason)``."""
    if value is None:
        return None, ExclusionReason.MISSING
    if isinstance(value, decimal.Decimal):
        return _classify_decimal(value, lo, hi)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        missing = _is_pandas_na(value)
        return None, ExclusionReason.MISSING if missing else ExclusionReason.OUT_OF_RANGE
    answer = _whole_number(value)
    if answer is None and not isinstance(value, numbers.Rational) and math.isnan(value):
        return None, ExclusionReason.MISSING
    if answer is not None and lo <= answer <= hi:
        return answer, None
    return None, ExclusionReason.OUT_OF_RANGE


def _classify_decimal(
    value: decimal.Decimal, lo: int, hi: int
) -> tuple[int | None, ExclusionReason | None]:
    """Classify a Decimal answer (from a CSV reader or a database) like a float one."""
    if value.is_nan():
        return None, ExclusionReason.MISSING
    if value.is_finite() and value == value.to_integral_value() and lo <= value <= hi:
        return int(value), None
    return None, ExclusionReason.OUT_OF_RANGE


def _plain(value: object) -> object:
    """Return a plain Python value for the record of an excluded answer."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy" and getattr(value, "ndim", 0) == 0:
        value = item()
    if (isinstance(value, float) and math.isnan(value)) or _is_pandas_na(value):
        return None
    return value


def _reject(row: int, code: str, value: object, policy: SkmPolicy) -> ValidationError:
    return ValidationError(
        f"responses[{row}][{code}]",
        f"a whole answer {policy.scale_min}-{policy.scale_max}",
        _plain(value),
    )


def _wrong_width(row: int, got: int, policy: SkmPolicy) -> ValidationError:
    return ValidationError(
        f"responses[{row}]",
        f"{len(policy.elements)} answers, one per element {policy.codes[0]}..{policy.codes[-1]}",
        f"{got} answers",
    )


_Tally = tuple[list[int], list[int], int, int, list[ExcludedAnswer]]


_CHUNK = 65_536


def _is_row(row: object) -> bool:
    """Return whether ``row`` is an ordered sequence of answers (a list, tuple or 1-D array)."""
    if isinstance(row, (str, bytes, bytearray, Mapping, AbstractSet)):
        return False
    if hasattr(row, "__array__"):
        return getattr(row, "ndim", 1) == 1  # not a single 0-d value, nor a table
    return isinstance(row, Sequence)


class _Counter:
    """Running totals of a survey given as Python rows (private)."""

    def __init__(self, policy: SkmPolicy) -> None:
        self.policy = policy
        self.width = len(policy.elements)
        self.totals = [0] * self.width
        self.counts = [0] * self.width
        self.respondents = 0
        self.dropped = 0
        self.excluded: list[ExcludedAnswer] = []
        # Rows whose answers all hash like answers on the scale wait here; each chunk is then
        # type-checked in one pass (True and 3.0 hash like 1 and 3) and summed column-wise.
        self.waiting: list[Sequence[object]] = []
        self.waiting_at: list[int] = []

    def checked(self, r: int, row: Sequence[object]) -> None:
        """Count one row answer by answer, applying the policy's rule to bad answers."""
        p = self.policy
        values: list[int | None] = []
        bad: list[ExcludedAnswer] = []
        for code, value in zip(p.codes, row, strict=True):
            answer, reason = _classify(value, p.scale_min, p.scale_max)
            if reason is not None:
                if p.invalid_answers is AnswerRule.REJECT:
                    raise _reject(r, code, value, p)
                bad.append(ExcludedAnswer(row=r, element=code, value=_plain(value), reason=reason))
            values.append(answer)
        self.excluded.extend(bad)
        if bad and p.invalid_answers is AnswerRule.EXCLUDE_RESPONDENT:
            self.dropped += 1
            return
        self.respondents += 1
        for i, answer in enumerate(values):
            if answer is not None:
                self.totals[i] += answer
                self.counts[i] += 1

    def flush(self) -> None:
        """Sum the waiting rows if they hold only plain ints, else check them one by one."""
        waiting = self.waiting
        if frozenset({int}).issuperset(map(type, chain.from_iterable(waiting))):
            for i in range(self.width):
                self.totals[i] += sum(map(itemgetter(i), waiting))
                self.counts[i] += len(waiting)
            self.respondents += len(waiting)
        else:
            for r, row in zip(self.waiting_at, waiting, strict=True):
                self.checked(r, row)
        waiting.clear()
        self.waiting_at.clear()


def _tally_python(rows: Iterable[Sequence[object]], policy: SkmPolicy) -> _Tally:
    counter = _Counter(policy)
    allowed = frozenset(range(policy.scale_min, policy.scale_max + 1))
    for r, row in enumerate(rows):
        kind = type(row)
        if kind is not list and kind is not tuple and not _is_row(row):
            raise ValidationError(f"responses[{r}]", "a sequence of answers", row)
        if len(row) != counter.width:
            raise _wrong_width(r, len(row), policy)
        try:
            fast = allowed.issuperset(row)
        except TypeError:  # an unhashable answer, such as a list
            fast = False
        if fast:
            counter.waiting.append(row)
            counter.waiting_at.append(r)
            if len(counter.waiting) == _CHUNK:
                counter.flush()
        else:
            counter.flush()  # keeps row order for errors and exclusions
            counter.checked(r, row)
    counter.flush()
    return (
        counter.totals,
        counter.counts,
        counter.respondents,
        counter.dropped,
        counter.excluded,
    )


def _tally_numpy(data: Any, policy: SkmPolicy) -> _Tally:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    arr = np.asarray(data)
    if arr.dtype.kind not in "iuf":
        return _tally_python(arr.tolist(), policy)
    width = len(policy.elements)
    if arr.ndim != 2:
        raise ValidationError("responses", "a 2-D table (respondents x elements)", arr.shape)
    if arr.shape[1] != width:
        raise _wrong_width(0, int(arr.shape[1]), policy)
    lo, hi = policy.scale_min, policy.scale_max
    if arr.dtype.kind == "f":
        missing = np.isnan(arr)
        with np.errstate(invalid="ignore"):
            valid = (arr >= lo) & (arr <= hi) & (np.floor(arr) == arr)
    else:
        missing = np.zeros(arr.shape, dtype=bool)
        valid = (arr >= lo) & (arr <= hi)
    n = int(arr.shape[0])
    excluded: list[ExcludedAnswer] = []
    dropped = 0
    if bool(valid.all()):
        totals = arr.sum(axis=0, dtype=np.int64)
        counts = np.full(width, n, dtype=np.int64)
        respondents = n
    else:
        bad = np.argwhere(~valid)  # row-major order, like the Python path
        rule = policy.invalid_answers
        if rule is AnswerRule.REJECT:
            r, c = (int(x) for x in bad[0])
            raise _reject(r, policy.codes[c], arr[r, c], policy)
        for r, c in bad.tolist():
            reason = ExclusionReason.MISSING if missing[r, c] else ExclusionReason.OUT_OF_RANGE
            excluded.append(
                ExcludedAnswer(
                    row=r, element=policy.codes[c], value=_plain(arr[r, c]), reason=reason
                )
            )
        if rule is AnswerRule.EXCLUDE_ANSWER:
            clean = np.where(valid, arr, 0).astype(np.int64)
            totals = clean.sum(axis=0)
            counts = valid.sum(axis=0)
            respondents = n
        else:
            keep = valid.all(axis=1)
            respondents = int(keep.sum())
            dropped = n - respondents
            totals = arr[keep].astype(np.int64).sum(axis=0)
            counts = np.full(width, respondents, dtype=np.int64)
    return (
        [int(t) for t in totals],
        [int(c) for c in counts],
        respondents,
        dropped,
        excluded,
    )


def _whole_number(value: object) -> int | None:
    """Return ``value`` as an int if it is a whole number (300 or 300.0), else ``None``.

    A pandas sum over a column with gaps is a float (300.0), as answers may be (4.0).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    try:
        f = float(value)
    except OverflowError:
        return None
    return int(f) if f.is_integer() else None


def _tally_totals(totals: object, respondents: object, policy: SkmPolicy) -> _Tally:
    n = _whole_number(respondents)
    if n is None or n < 1:
        raise ValidationError("respondents", "a whole number >= 1", respondents)
    width = len(policy.elements)
    if isinstance(totals, Mapping):
        for code in sorted(map(str, totals)):
            if code not in policy.codes:
                raise UnknownIdError("SKM element", code, f"policy {policy.name!r}")
        missing = [c for c in policy.codes if c not in totals]
        if missing:
            raise ValidationError("totals", "a total for every element", f"missing {missing}")
        values = [totals[c] for c in policy.codes]
    elif isinstance(totals, Iterable) and not isinstance(totals, (str, bytes)):
        values = list(totals)
        if len(values) != width:
            raise ValidationError(
                "totals",
                f"{width} totals, one per element {policy.codes[0]}..{policy.codes[-1]}",
                f"{len(values)} totals",
            )
    else:
        raise ValidationError("totals", "a sequence or a mapping of element totals", totals)
    out: list[int] = []
    lo, hi = n * policy.scale_min, n * policy.scale_max
    for code, value in zip(policy.codes, values, strict=True):
        total = _whole_number(value)
        if total is None or not lo <= total <= hi:
            raise ValidationError(
                f"totals[{code}]", f"a whole number {lo}-{hi} for {n} respondents", _plain(value)
            )
        out.append(total)
    return out, [n] * width, n, 0, []


def _finish(tally: _Tally, policy: SkmPolicy) -> SkmResult:
    totals, counts, respondents, dropped, excluded = tally
    if respondents == 0:
        raise ValidationError("responses", "at least one respondent with valid answers", 0)
    weights = policy.applied_weights()
    scores: list[ElementScore] = []
    index = Fraction(0)
    for element, weight, total, count in zip(policy.elements, weights, totals, counts, strict=True):
        if count == 0:
            raise ValidationError(
                f"responses[*][{element.code}]", "at least one valid answer", "none"
            )
        nrr = _maybe_round(Fraction(total, count), policy.nrr_decimals)
        weighted = _maybe_round(nrr * weight, policy.weighted_nrr_decimals)
        index += weighted
        scores.append(
            ElementScore(
                code=element.code,
                name=element.name,
                weight=float(weight),
                total=total,
                answers=count,
                nrr=float(nrr),
                weighted=float(weighted),
            )
        )
    index = _maybe_round(index, policy.index_decimals)
    converted = _maybe_round(index * policy.conversion_factor, policy.converted_decimals)
    graded = converted if policy.grade_on is GradeScale.CONVERTED else index
    band = policy.band_for(graded)
    if policy.grade_on is GradeScale.CONVERTED:
        in_gap = not any(b.minimum <= graded <= b.maximum for b in policy.bands)
    else:
        in_gap = not any(b.index_minimum <= graded <= b.index_maximum for b in policy.bands)
    return SkmResult(
        elements=tuple(scores),
        index=float(index),
        converted=float(converted),
        grade=band.grade,
        label=band.label,
        in_band_gap=in_gap,
        respondents=respondents,
        excluded_respondents=dropped,
        excluded=tuple(excluded),
        policy=policy,
    )


def _in_policy_order(responses: Any, policy: SkmPolicy) -> Any:
    """Put a DataFrame whose columns are the element codes in the policy's order.

    Columns named ``U9, U1, ..., U8`` would otherwise be read by position, giving
    U1 the answers to U9. Other column names are read by position, as before.
    """
    columns = getattr(responses, "columns", None)
    if columns is None or not callable(getattr(responses, "to_numpy", None)):
        return responses
    names = list(columns)
    if (
        names != list(policy.codes)
        and all(isinstance(n, str) for n in names)
        and sorted(names) == sorted(policy.codes)
    ):
        return responses[list(policy.codes)]
    return responses


def skm_index(
    responses: Iterable[Sequence[object]] | Any | None = None,
    *,
    totals: Sequence[int] | Mapping[str, int] | None = None,
    respondents: int | None = None,
    policy: SkmPolicy = SKM_2017,
) -> SkmResult:
    """Compute the public-satisfaction index of one survey.

    Give either the answers (``responses``) or, as a summary table does, the
    total of the answers per element with the number of respondents.

    Args:
        responses: One row per respondent, one answer per element in the policy's
            order: an iterable of sequences, a 2-D NumPy array (computed vectorised)
            or a pandas DataFrame (whose columns, if they are the element codes, are
            read by name). ``None``, NaN or ``pandas.NA`` marks a missing answer.
        totals: Sum of the answers per element, in element order or as ``{code: total}``.
        respondents: Number of respondents behind ``totals``.
        policy: Elements, weights, rounding, bands and the rule for bad answers.

    Returns:
        The index, converted index, grade, per-element NRRs and what was excluded.

    Raises:
        ValidationError: If both or neither input is given; a row has the wrong
            number of answers; an answer is missing or outside the scale under
            ``AnswerRule.REJECT`` (the message names row, element and value); a
            total is impossible for the number of respondents; or no valid
            answer is left for an element.
        UnknownIdError: If ``totals`` names an element the policy does not have.

    Notes:
        O(respondents x elements). The final arithmetic is exact (fractions), so
        results do not depend on the order of respondents.

    Examples:
        A table of three respondents (each NRR checked by hand: U1 = (4+3+4)/3):

        >>> rows = [[4, 3, 3, 4, 3, 3, 4, 3, 3],
        ...         [3, 3, 4, 4, 3, 3, 4, 3, 2],
        ...         [4, 3, 3, 4, 3, 4, 4, 3, 3]]
        >>> r = skm_index(rows)
        >>> round(r.nrr("U1"), 4), round(r.converted, 2), r.grade
        (3.6667, 83.33, 'B')
        >>> skm_index(rows, policy=SKM_2017_PRINTED).converted
        83.25
        >>> skm_index([[4, 3, 3, 4, 3, 3, 4, 3, 5]])
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'responses[0][U9]' must be a whole answer 1-4 (got 5)
    """
    if (responses is None) == (totals is None):
        raise ValidationError(
            "responses", "either responses or totals with respondents, not both", "both or neither"
        )
    if totals is not None:
        tally = _tally_totals(totals, respondents, policy)
    else:
        if respondents is not None:
            raise ValidationError("respondents", "given only with totals", respondents)
        responses = _in_policy_order(responses, policy)
        to_numpy = getattr(responses, "to_numpy", None)
        if callable(to_numpy):
            responses = to_numpy()
        if hasattr(responses, "dtype") and hasattr(responses, "shape"):
            tally = _tally_numpy(responses, policy)
        elif isinstance(responses, Iterable) and not isinstance(responses, (str, bytes)):
            tally = _tally_python(responses, policy)
        else:
            raise ValidationError("responses", "rows of answers", responses)
    return _finish(tally, policy)
