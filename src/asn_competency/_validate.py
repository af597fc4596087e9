"""Small attrs validators shared by the domain classes (private)."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import numbers
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs

from asn_competency.errors import ValidationError

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")


def is_identifier(value: object) -> bool:
    """Return whether ``value`` is a stable id: letters, digits, ``_ . : -``."""
    return isinstance(value, str) and _ID.match(value) is not None


def is_finite_real(value: object) -> bool:
    """Return whether ``value`` is a finite real number (NumPy scalars included), not a bool.

    An integer or fraction too large for a float (``10**400``) is not one.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def fsum_mean(values: Sequence[float]) -> float:
    """Return the mean of a non-empty sequence, summed without rounding drift.

    The mean never leaves ``[min, max]`` of the values (equal values give that
    value back exactly), and finite values whose sum overflows still have a mean.
    """
    lo, hi = min(values), max(values)
    if lo == hi:
        return float(lo)
    n = len(values)
    try:
        mean = math.fsum(values) / n
    except OverflowError:
        # Divide by a power of two >= n first (exact): the sum then stays finite.
        e = n.bit_length()
        mean = math.ldexp(math.fsum(math.ldexp(v, -e) for v in values) / n, e)
    return min(max(mean, float(lo)), float(hi))


def identifier(_inst: Any, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that ``value`` is a stable id: letters, digits, ``_ . : -``."""
    if not is_identifier(value):
        raise ValidationError(
            attribute.name, "an id of letters, digits, '_', '.', ':' or '-'", value
        )


def non_empty(_inst: Any, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that a text field is a non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(attribute.name, "a non-empty text", value)


def non_negative(_inst: Any, attribute: attrs.Attribute[float], value: float) -> None:
    """Check that a number is a finite value of at least 0 (one a float can hold)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise ValidationError(attribute.name, "a number >= 0", value)
    if not is_finite_real(value):
        raise ValidationError(attribute.name, "a finite number >= 0", value)


def positive_int(_inst: Any, attribute: attrs.Attribute[int], value: int) -> None:
    """Check that a count is a whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(attribute.name, "a whole number >= 1", value)


def date_or_none(_inst: Any, attribute: attrs.Attribute[dt.date | None], value: object) -> None:
    """Check that a value is a date or ``None``.

    A datetime is a date too, but cannot be compared with one, so it is refused.
    """
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise ValidationError(attribute.name, "a date (datetime.date) or none", value)


def text(_inst: Any, attribute: attrs.Attribute[str], value: object) -> None:
    """Check that a descriptive field is a text (empty if unknown)."""
    if not isinstance(value, str):
        raise ValidationError(attribute.name, "a text (empty if unknown)", value)


_LOADED_ON = dt.date.today()
"""A day that is never in the future: dates up to it need no clock."""


def not_after_today(_inst: Any, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    """Check that a date is not in the future (the clock is read only for recent dates)."""
    if value > _LOADED_ON and value > dt.date.today():
        raise ValidationError(attribute.name, f"a date not after today ({dt.date.today()})", value)


def end_not_before_start(start: dt.date | None, end: dt.date | None, field: str = "end") -> None:
    """Raise when a period ends before it starts."""
    if start is not None and end is not None and end < start:
        raise ValidationError(field, f"a date on or after the start {start.isoformat()}", end)


def unique_ids(field: str, ids: list[str] | tuple[str, ...]) -> None:
    """Raise when ``ids`` holds the same id twice."""
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValidationError(field, "unique ids", f"{i!r} appears twice")
        seen.add(i)


E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class FrozenMapping(Mapping[K, V], Generic[K, V]):
    """A read-only mapping for tables inside frozen policies.

    A policy constant is shared by every caller, so its tables must not change
    in place. Unlike ``types.MappingProxyType`` it can be pickled and deep-copied
    (policies travel inside results to worker processes and caches), it hashes
    when its values do, and it prints like the dict it holds.

    Examples:
        >>> m = FrozenMapping({"b": 2, "a": 1})
        >>> m["a"], list(m), m == {"a": 1, "b": 2}
        (1, ['b', 'a'], True)
        >>> m["c"] = 3
        Traceback (most recent call last):
        ...
        TypeError: 'FrozenMapping' object does not support item assignment
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data or {})

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __reduce__(self) -> tuple[type[FrozenMapping[K, V]], tuple[dict[K, V]]]:
        return (type(self), (self._data,))


def instances(field: str, value: object, kind: type[T]) -> tuple[T, ...]:
    """``value`` as a tuple of ``kind`` objects; a ValidationError names any other item.

    A text, bytes, a mapping or a single ``kind`` object is not a collection of them.
    """
    if isinstance(value, (str, bytes, Mapping, kind)) or not isinstance(value, Iterable):
        raise ValidationError(field, f"a collection of {kind.__name__} objects", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            raise ValidationError(f"{field}[{i}]", f"{article} {kind.__name__}", item)
    return items


def to_enum(cls: type[E], field: str) -> Callable[[object], E]:
    """Return an attrs converter that turns a value into ``cls`` or names the field."""

    def convert(value: object) -> E:
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(repr(m.value) for m in cls)
            raise ValidationError(field, f"one of {choices}", value) from None

    return convert


def is_finite_number(value: object) -> bool:
    """Return whether ``value`` is an int or float that is a finite float (not a bool)."""
    return isinstance(value, (int, float)) and is_finite_real(value)


def round_as_printed(value: float, decimals: int) -> float:
    """Round ``value`` as it prints, halves up: 69.35 -> 69.4 (``round`` gives 69.3).

    ``round`` works on the binary value (69.35 is stored as 69.34999...) and
    rounds halves to even; reports round the printed figure half up.
    """
    printed = decimal.Decimal(repr(float(value)))
    exponent = printed.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -decimals:
        return float(value)  # already has at most ``decimals`` places
    step = decimal.Decimal(1).scaleb(-decimals)
    return float(printed.quantize(step, rounding=decimal.ROUND_HALF_UP))


def finite_non_negative(field: str, value: object) -> float:
    # is_finite_real also refuses ints no float can hold (10**400) instead of overflowing.
    if not isinstance(value, (int, float)) or not is_finite_real(value) or value < 0:
        raise ValidationError(field, "a finite number >= 0", value)
    return float(value)


def number_in_range(field: str, value: object, *, low: float, high: float = math.inf) -> float:
    number = float(value) if is_finite_real(value) else math.nan  # type: ignore[arg-type]
    if not low <= number <= high:  # NaN lies in no range
        bounds = f"{low:g}-{high:g}" if math.isfinite(high) else f">= {low:g}"
        raise ValidationError(field, f"a number {bounds}", value)
    return number


def policy_repr(policy: object) -> str:
    """A policy's repr: its class, name and version (its tables would fill a screen).

    Examples:
        >>> from asn_competency.policies import PLANNING_DEFAULT
        >>> PLANNING_DEFAULT
        PlanningPolicy(name='AKPK-route-rules-default', version='2026.2')
    """
    name = getattr(policy, "name", None)
    version = getattr(policy, "version", None)
    return f"{type(policy).__name__}(name={name!r}, version={version!r})"
