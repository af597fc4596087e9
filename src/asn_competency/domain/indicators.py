"""Indicators of programme effect and their measurements.

Examples:
    >>> ind = Indicator(id="waktu-ktp", name="Waktu layanan KTP-el", level=4,
    ...                 unit="minutes", direction="lower", baseline=60, target=30)
    >>> ind.improvement(60, 30)
    30.0
    >>> Measurement(indicator_id="waktu-ktp", subject="Disdukcapil", period="2024",
    ...             value=35, n=120).value
    35.0
"""

from __future__ import annotations

import enum

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError

__all__ = ["Direction", "Indicator", "KirkpatrickLevel", "Measurement", "to_kirkpatrick_level"]


class KirkpatrickLevel(enum.IntEnum):
    """Levels of training evaluation (Kirkpatrick 1-4, Phillips' ROI as 5)."""

    REACTION = 1
    LEARNING = 2
    BEHAVIOUR = 3
    RESULTS = 4
    ROI = 5


class Direction(str, enum.Enum):
    """Whether a higher or a lower value of an indicator is better."""

    HIGHER = "higher"
    LOWER = "lower"


def _as_finite_float(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` if it is not a finite real number.

    An int too large for a float (``10**400``) is not one: it has no float value.
    """
    if not isinstance(value, (int, float)) or not _validate.is_finite_real(value):
        return None
    return float(value)


def _finite_or_none(_inst: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is not None and _as_finite_float(value) is None:
        raise ValidationError(attribute.name, "a finite number or none", value)


def _float_or_none(value: object) -> float | None:
    number = _as_finite_float(value)
    return value if number is None else number  # type: ignore[return-value]


def to_kirkpatrick_level(value: object) -> KirkpatrickLevel:
    """Read a Kirkpatrick level from its number; refuse bools and floats.

    Raises:
        ValidationError: For anything that is not one of the levels.

    Examples:
        >>> to_kirkpatrick_level(3)
        <KirkpatrickLevel.BEHAVIOUR: 3>
    """
    # True == 1 and 4.0 == 4 as dict keys: without this check they would pass as levels.
    if isinstance(value, (bool, float)):
        choices = ", ".join(str(int(lv)) for lv in KirkpatrickLevel)
        raise ValidationError("level", f"one of {choices}", value)
    return _validate.to_enum(KirkpatrickLevel, "level")(value)


def _to_direction(value: object) -> Direction:
    return _validate.to_enum(Direction, "direction")(value)


@attrs.frozen(kw_only=True)
class Indicator:
    """Something measured to judge a programme.

    Args:
        id: Stable id.
        name: Name.
        level: Kirkpatrick level 1-5.
        unit: Unit of measure (``"minutes"``, ``"index 25-100"``, ``"%"``).
        direction: Whether higher or lower is better.
        baseline: Value before the programme, if known.
        target: Value the programme aims for, if set.
        source: Where the data comes from.
    """

    id: str = attrs.field(validator=_validate.identifier)
    name: str = attrs.field(validator=_validate.non_empty)
    level: KirkpatrickLevel = attrs.field(converter=to_kirkpatrick_level)
    unit: str = attrs.field(validator=_validate.non_empty)
    direction: Direction = attrs.field(default=Direction.HIGHER, converter=_to_direction)
    baseline: float | None = attrs.field(
        default=None, converter=_float_or_none, validator=_finite_or_none
    )
    target: float | None = attrs.field(
        default=None, converter=_float_or_none, validator=_finite_or_none
    )
    source: str = ""

    def improvement(self, before: float, after: float) -> float:
        """Return the change from ``before`` to ``after``, positive when it is better.

        Raises:
            ValidationError: If either value is not a finite number.
        """
        start = _to_float(before, "before")
        change = _to_float(after, "after") - start
        return change if self.direction is Direction.HIGHER else -change


def _to_float(value: object, field: str = "value") -> float:
    number = _as_finite_float(value)
    if number is None:
        raise ValidationError(field, "a finite number", value)
    return number


@attrs.frozen(kw_only=True)
class Measurement:
    """One value of an indicator for a subject (person, unit, agency) and period.

    Args:
        indicator_id: The indicator.
        subject: Who or what was measured.
        period: The period, for example ``"2024"`` or ``"2024-Q1"``.
        value: The measured value (finite).
        n: Number of observations behind the value (respondents, cases), at least 1.
        unit: Unit, if stated; must match the indicator's when checked.
    """

    indicator_id: str = attrs.field(validator=_validate.identifier)
    subject: str = attrs.field(validator=_validate.non_empty)
    period: str = attrs.field(validator=_validate.non_empty)
    value: float = attrs.field(converter=_to_float)
    n: int = attrs.field(default=1, validator=_validate.positive_int)
    unit: str = ""
