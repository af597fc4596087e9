"""Ordering period labels and telling a change from noise (package-private)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from asn_competency.domain.period import Period
from asn_competency.errors import ValidationError

__all__: list[str] = []


T = TypeVar("T")


def label_of(value: object, field: str) -> str:
    """A period given as a Period, a year or a text, as its label."""
    if isinstance(value, Period):
        return value.label
    if isinstance(value, int) and not isinstance(value, bool):
        return Period.year(value).label
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValidationError(field, "a period: a Period, a year or a label", value)


def _order_key(labels: list[str]) -> Any:
    try:
        keys = {lab: Period.parse(lab).sort_key for lab in labels}
    except ValidationError:
        return lambda lab: lab  # labels that are not periods sort as texts
    return lambda lab: keys[lab]


def ordered(items: Mapping[Any, T] | Iterable[tuple[Any, T]], field: str) -> list[tuple[str, T]]:
    """``(label, value)`` pairs sorted by period (by text when a label is not a period).

    Raises:
        ValidationError: For a label that is no period or text, or one given twice.
    """
    if isinstance(items, Mapping):
        pairs_in: Iterable[tuple[Any, T]] = items.items()
    elif isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise ValidationError(field, "a mapping {period: data} or (period, data) pairs", items)
    else:
        pairs_in = items
    out: list[tuple[str, T]] = []
    seen: set[str] = set()
    for item in pairs_in:
        if not isinstance(item, tuple) or len(item) != 2:
            raise ValidationError(field, "(period, data) pairs", item)
        label = label_of(item[0], f"{field} period")
        if label in seen:
            raise ValidationError(field, "each period once", f"{label!r} twice")
        seen.add(label)
        out.append((label, item[1]))
    key = _order_key([lab for lab, _ in out])
    return sorted(out, key=lambda p: key(p[0]))


def pairs(labels: list[str]) -> list[tuple[str, str]]:
    """Consecutive ``(earlier, later)`` labels."""
    return list(itertools.pairwise(labels))
