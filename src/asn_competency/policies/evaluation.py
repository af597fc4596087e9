"""Evaluation policies: feedback scales, learning-gain bands and scorecard weights.

:class:`FeedbackScale` (:data:`LIKERT_1_5`) reads level-1 feedback;
:class:`LearningPolicy` (:data:`LEARNING_HAKE_1998`) bands Hake's normalized
gain; :class:`ScorecardPolicy` (:data:`SCORECARD_DEFAULT`) weighs the five
levels into one score and names its bands.

Examples:
    >>> LEARNING_HAKE_1998.band(0.7).value, LEARNING_HAKE_1998.band(0.71).value
    ('medium', 'high')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.indicators import KirkpatrickLevel, to_kirkpatrick_level
from asn_competency.errors import ValidationError

__all__ = [
    "LEARNING_HAKE_1998",
    "LIKERT_1_5",
    "REACTION_ITEMS",
    "SCORECARD_DEFAULT",
    "FeedbackScale",
    "GainBand",
    "LearningPolicy",
    "ScorecardPolicy",
]


_is_number = _validate.is_finite_real


REACTION_ITEMS = ("relevance", "satisfaction", "speaker")
"""The usual reaction items: relevance of the material to the job, overall
satisfaction, and the quality of the speaker (any other item id may be used)."""


# --------------------------------------------------------------------------- level 1


@attrs.frozen(kw_only=True)
class FeedbackScale:
    """A rating scale for reaction feedback.

    Args:
        name: Policy name.
        version: Policy version.
        minimum: Lowest score (a whole number).
        maximum: Highest score (a whole number above the minimum).
        favourable_from: Lowest score counted as favourable ("top box").
        source: Where the scale comes from and how sure we are.
    """

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    minimum: int = 1
    maximum: int = 5
    favourable_from: int = 4
    source: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        for field in ("minimum", "maximum", "favourable_from"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(field, "a whole number", value)
        if self.maximum <= self.minimum:
            raise ValidationError("maximum", f"above the minimum {self.minimum}", self.maximum)
        if not self.minimum <= self.favourable_from <= self.maximum:
            raise ValidationError(
                "favourable_from",
                f"a score in {self.minimum}..{self.maximum}",
                self.favourable_from,
            )

    @property
    def points(self) -> tuple[int, ...]:
        """Every score on the scale, lowest first."""
        return tuple(range(self.minimum, self.maximum + 1))

    def to_percent(self, mean: float) -> float:
        """Map a mean score onto 0-100 (minimum -> 0, maximum -> 100).

        Examples:
            >>> LIKERT_1_5.to_percent(4.0)
            75.0
        """
        return (mean - self.minimum) / (self.maximum - self.minimum) * 100.0


LIKERT_1_5 = FeedbackScale(
    name="likert-1-5",
    version="1",
    minimum=1,
    maximum=5,
    favourable_from=4,
    source=(
        "Five-point Likert scale as used in most post-training questionnaires of ASN "
        "training units; practice, not set by a regulation. Favourable = 4 or 5."
    ),
)
"""The default reaction scale: 1 (very poor) to 5 (very good), favourable from 4."""


# --------------------------------------------------------------------------- level 2


class GainBand(str, enum.Enum):
    """Hake's bands of normalized gain."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen(kw_only=True, repr=False)
class LearningPolicy:
    """Bands of normalized gain, the reliable-change threshold and the CI level.

    Args:
        name: Policy name.
        version: Policy version.
        high_from: The high/medium boundary of g.
        high_inclusive: Whether g equal to ``high_from`` is high (else medium).
        medium_from: The medium/low boundary of g.
        medium_inclusive: Whether g equal to ``medium_from`` is medium (else low).
        rci_critical: ``|RCI|`` above this flags a reliable change.
        confidence: Confidence level of the effect-size intervals.
        source: Where the numbers come from and how sure we are.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    high_from: float = 0.7
    high_inclusive: bool = False
    medium_from: float = 0.3
    medium_inclusive: bool = True
    rci_critical: float = 1.96
    confidence: float = 0.95
    source: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        for field in ("high_from", "medium_from", "rci_critical", "confidence"):
            if not _is_number(getattr(self, field)):
                raise ValidationError(field, "a finite number", getattr(self, field))
        if not self.medium_from < self.high_from:
            raise ValidationError(
                "high_from", f"above medium_from {self.medium_from}", self.high_from
            )
        if not self.rci_critical > 0:
            raise ValidationError("rci_critical", "a number > 0", self.rci_critical)
        if not 0 < self.confidence < 1:
            raise ValidationError("confidence", "a level in (0, 1)", self.confidence)

    def band(self, g: float) -> GainBand:
        """Return the band of a normalized gain.

        Examples:
            >>> LEARNING_HAKE_1998.band(0.7).value, LEARNING_HAKE_1998.band(0.71).value
            ('medium', 'high')
            >>> LEARNING_HAKE_1998.band(0.3).value, LEARNING_HAKE_1998.band(0.29).value
            ('medium', 'low')
        """
        if g > self.high_from or (self.high_inclusive and g == self.high_from):
            return GainBand.HIGH
        if g > self.medium_from or (self.medium_inclusive and g == self.medium_from):
            return GainBand.MEDIUM
        return GainBand.LOW


LEARNING_HAKE_1998 = LearningPolicy(
    name="hake-1998",
    version="1",
    source=(
        "Bands from Hake (1998): high g > 0.7, medium 0.3 <= g <= 0.7, low g < 0.3; "
        "sources differ on whether exactly 0.70 is high, so both boundaries are settings. "
        "RCI threshold 1.96 (two-sided 5 %) from Jacobson & Truax (1991)."
    ),
)
"""Hake's bands (0.7 is medium, 0.3 is medium), RCI > 1.96, 95 % intervals."""


# --------------------------------------------------------------------------- scorecard


def _level_weights(value: Mapping[Any, float]) -> Mapping[KirkpatrickLevel, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("weights", "a mapping {level: weight}", value)
    out: dict[KirkpatrickLevel, float] = {}
    for k, v in value.items():
        try:
            level = to_kirkpatrick_level(k)
        except ValidationError:
            raise ValidationError("weights", "keys that are Kirkpatrick levels 1-5", k) from None
        out[level] = v
    return _validate.FrozenMapping(dict(sorted(out.items())))


def _bands(value: Iterable[tuple[float, str]]) -> tuple[tuple[float, str], ...]:
    out: list[tuple[float, str]] = []
    for v in value:
        try:
            item = tuple(v)
        except TypeError:
            raise ValidationError("bands", "(minimum score, label) pairs", v) from None
        if len(item) != 2 or not _is_number(item[0]) or not isinstance(item[1], str):
            raise ValidationError("bands", "(minimum score, label) pairs", item)
        minimum: Any = item[0]
        out.append((float(minimum), item[1]))
    return tuple(sorted(out, reverse=True))


@attrs.frozen(kw_only=True)
class ScorecardPolicy:
    """Weights of the Kirkpatrick levels, score bands and how level 5 is scored.

    Each level is scored on 0-100: level 1 the mean feedback mapped onto 0-100,
    level 2 Hake's gain of the means (clipped to 0-1) x 100, level 3 the share of
    (person, competency) pairs whose level rose, level 4 the mean target
    attainment (each clipped to 0-100), level 5 ``min(BCR / bcr_for_full_score, 1)``
    x 100.

    Args:
        name: Policy name.
        version: Policy version.
        weights: ``{level: weight}`` (kept read-only); a level without a weight
            does not count.
        bands: ``(minimum score, label)``; a score gets the label of the highest
            minimum it reaches (minimums inclusive); one band must start at 0.
        bcr_for_full_score: The BCR that earns level 5 a full score.
        source: Where the numbers come from and how sure we are.
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    weights: Mapping[KirkpatrickLevel, float] = attrs.field(converter=_level_weights, hash=False)
    bands: tuple[tuple[float, str], ...] = attrs.field(converter=_bands)
    bcr_for_full_score: float = 2.0
    source: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        for level, w in self.weights.items():
            if not _is_number(w) or w < 0:
                raise ValidationError(f"weights[{int(level)}]", "a finite weight >= 0", w)
        if not any(w > 0 for w in self.weights.values()):
            raise ValidationError("weights", "at least one weight > 0", dict(self.weights))
        if not self.bands or self.bands[-1][0] != 0:
            raise ValidationError("bands", "a band starting at 0", self.bands)
        for minimum, label in self.bands:
            if not 0 <= minimum <= 100:
                raise ValidationError(f"bands[{label}]", "a minimum in [0, 100]", minimum)
        if len({m for m, _ in self.bands}) != len(self.bands):
            raise ValidationError("bands", "distinct minimums", self.bands)
        if not _is_number(self.bcr_for_full_score) or not self.bcr_for_full_score > 0:
            raise ValidationError("bcr_for_full_score", "a number > 0", self.bcr_for_full_score)

    def weight(self, level: KirkpatrickLevel) -> float:
        """Return the weight of a level (0 when the policy gives none)."""
        return float(self.weights.get(level, 0.0))

    def band(self, score: float) -> str:
        """Return the label of a score.

        Examples:
            >>> SCORECARD_DEFAULT.band(80), SCORECARD_DEFAULT.band(79.99)
            ('Sangat Efektif', 'Efektif')
        """
        for minimum, label in self.bands:
            if score >= minimum:
                return label
        return self.bands[-1][1]


SCORECARD_DEFAULT = ScorecardPolicy(
    name="kirkpatrick-phillips-default",
    version="1",
    weights={
        KirkpatrickLevel.REACTION: 0.10,
        KirkpatrickLevel.LEARNING: 0.20,
        KirkpatrickLevel.BEHAVIOUR: 0.25,
        KirkpatrickLevel.RESULTS: 0.30,
        KirkpatrickLevel.ROI: 0.15,
    },
    bands=(
        (80.0, "Sangat Efektif"),
        (65.0, "Efektif"),
        (50.0, "Cukup Efektif"),
        (0.0, "Kurang Efektif"),
    ),
    bcr_for_full_score=2.0,
    source=(
        "No regulation sets a composite of Kirkpatrick levels for ASN training; these "
        "weights (rising with the level, as evaluation guides stress results over "
        "reaction), bands and the BCR of 2 for a full level-5 score are an unconfirmed, "
        "overridable default. The level labels follow the usual Indonesian wording."
    ),
)
"""Default scorecard: weights 10/20/25/30/15 %, bands at 80, 65 and 50 (unconfirmed)."""
