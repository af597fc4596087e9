"""Small statistics shared by the evaluation levels (package-private).

Means, standard deviations and correlations that stay exact and finite for
scores of any size (values are brought to a common binary scale first), and a
ratio of differences that never overflows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from asn_competency import _validate

__all__ = []


_is_number = _validate.is_finite_real


_mean = _validate.fsum_mean


def _unit_scale(values: Sequence[float]) -> int:
    """The power of two that brings every value into [-1, 1] (0 for all zeros).

    Scaling by a power of two is exact, so sums and squares of the scaled values
    cannot overflow and round exactly as the unscaled ones would.
    """
    return math.frexp(max((abs(v) for v in values), default=0.0))[1]


_LARGEST_UNSCALED_EXPONENT = 1000


def _correlation(a: Sequence[float], b: Sequence[float]) -> float:
    """Pearson correlation of two sides that both have spread, clamped to [-1, 1].

    Each side is brought into [-1, 1] by its own power of two (the correlation
    does not change), so the products of deviations cannot overflow.
    """
    ea, eb = _unit_scale(a), _unit_scale(b)
    xs = [math.ldexp(v, -ea) for v in a]
    ys = [math.ldexp(v, -eb) for v in b]
    mx, my = _mean(xs), _mean(ys)
    dx = [x - mx for x in xs]
    dy = [y - my for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    # Both sums are those `_sd` found positive: the same scaled deviations.
    sxy = math.fsum(x * y for x, y in zip(dx, dy, strict=True))
    return max(min(sxy / math.sqrt(sxx) / math.sqrt(syy), 1.0), -1.0)


def _sd(values: Sequence[float], *, halve: bool = False) -> float:
    """Sample standard deviation (n - 1 in the denominator); needs two values.

    Equal values give exactly 0, not the rounding residue of their mean. Values
    whose squares would overflow are scaled first. The deviation of finite values
    is at most sqrt(2) times the largest of them in size, so it can exceed the
    largest float (OverflowError); half of it, with ``halve``, never does.
    """
    if min(values) == max(values):
        return 0.0
    e = _unit_scale(values)
    scaled = [math.ldexp(v, -e) for v in values]
    m = _mean(scaled)
    sd = math.sqrt(math.fsum((v - m) ** 2 for v in scaled) / (len(scaled) - 1))
    return math.ldexp(sd, e - halve)


def _ratio_of_differences(a: float, b: float, c: float, d: float) -> float:
    """``(a - b) / (c - d)`` for finite values and ``c != d``, also when a difference overflows.

    Halving is exact for all but subnormal numbers, so the halved differences
    give the same ratio; they are used only when a difference is infinite. The
    callers' numerators overflow only beside a denominator at least as large
    (a gain) or a term of size 2**1023 (a relative gain), never a subnormal one.
    """
    num, den = a - b, c - d
    if math.isfinite(num) and math.isfinite(den):
        return num / den
    return (a / 2 - b / 2) / (c / 2 - d / 2)


def _count(n: int, one: str, many: str | None = None) -> str:
    """``1 person``, ``2 people``; ``many`` defaults to ``one + "s"``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
