"""Kirkpatrick level 2, learning: paired pre- and post-test scores.

:func:`analyse_learning` reports Hake's normalized gain (both the gain of the
means and the mean of individual gains, which differ), the relative gain, the
Marx-Cummings normalized change, paired effect sizes with their variant named
(Cohen's dz and dav, Hedges' gz and gav, :func:`paired_effect_sizes`) and, given
a test reliability, the Jacobson-Truax reliable change index of each person.
The gain bands are a :class:`~asn_competency.policies.evaluation.LearningPolicy`.

Examples:
    >>> r = analyse_learning({"A": 20, "B": 80}, {"A": 60, "B": 85})
    >>> r.gain_of_means, r.band
    (0.45, 'medium')
    >>> r.mean_of_individual_gains
    0.375
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy, _validate
from asn_competency.errors import ValidationError
from asn_competency.evaluation._stats import (
    _LARGEST_UNSCALED_EXPONENT,
    _correlation,
    _ratio_of_differences,
    _sd,
    _unit_scale,
)
from asn_competency.policies.evaluation import LEARNING_HAKE_1998, LearningPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EffectSize",
    "LearningResult",
    "PersonChange",
    "analyse_learning",
    "paired_effect_sizes",
]


_is_number = _validate.is_finite_real


_mean = _validate.fsum_mean


@attrs.frozen(kw_only=True)
class PersonChange:
    """One participant's pre/post change.

    Args:
        person: The participant's id (NIP or label).
        pre: Pre-test score.
        post: Post-test score.
        gain: Hake's normalized gain ``(post - pre) / (max - pre)``; ``None`` at pre = max.
        relative_gain: ``(post - pre) / pre``; ``None`` at pre = 0.
        normalized_change: Marx-Cummings c; ``None`` when dropped (pre = post at an end).
        rci: Reliable change index; ``None`` without a reliability or a spread.
        reliable: Whether ``|rci|`` exceeds the policy's threshold.
    """

    person: str
    pre: float
    post: float
    gain: float | None
    relative_gain: float | None
    normalized_change: float | None
    rci: float | None
    reliable: bool


@attrs.frozen(kw_only=True)
class EffectSize:
    """A paired standardized mean difference, with its variant and interval named.

    Args:
        variant: ``"dz"``, ``"dav"``, ``"gz"`` or ``"gav"``.
        value: The effect size.
        ci_low: Lower bound of the interval.
        ci_high: Upper bound of the interval.
        confidence: The interval's confidence level.
        ci_method: How the interval was computed.
    """

    variant: str
    value: float
    ci_low: float | None
    ci_high: float | None
    confidence: float
    ci_method: str


@attrs.frozen(kw_only=True)
class LearningResult:
    """Level 2: how much participants learnt, in several named measures.

    Args:
        n: Number of pairs.
        minimum: Lowest possible score.
        maximum: Highest possible score.
        mean_pre: Mean pre-test score.
        mean_post: Mean post-test score.
        gain_of_means: Hake's ``<g> = (mean post - mean pre) / (max - mean pre)``;
            ``None`` when every pre-test is at the maximum.
        mean_of_individual_gains: Mean of the individual g over people with pre < max.
        excluded_at_max: People left out of the mean of individual gains because
            their pre-test was at the maximum (their g is undefined).
        band: Hake's band of ``gain_of_means``.
        relative_gain: ``(mean post - mean pre) / mean pre``; ``None`` at mean pre = 0.
        normalized_change: Mean Marx-Cummings c over people not dropped.
        dropped_from_change: People dropped from c (pre = post = max or = minimum).
        effect_sizes: dz, dav, gz, gav; empty with fewer than 2 pairs or no spread.
        reliability: Test reliability used for the RCI, if given.
        persons: One :class:`PersonChange` per person, sorted by person.
        policy: The policy used.
    """

    n: int
    minimum: float
    maximum: float
    mean_pre: float
    mean_post: float
    gain_of_means: float | None
    mean_of_individual_gains: float | None
    excluded_at_max: tuple[str, ...]
    band: str | None
    relative_gain: float | None
    normalized_change: float | None
    dropped_from_change: tuple[str, ...]
    effect_sizes: tuple[EffectSize, ...]
    reliability: float | None
    persons: tuple[PersonChange, ...]
    policy: LearningPolicy

    @property
    def reliable_improvers(self) -> tuple[str, ...]:
        """People whose reliable change is an improvement."""
        return tuple(p.person for p in self.persons if p.reliable and p.post > p.pre)

    @property
    def reliable_decliners(self) -> tuple[str, ...]:
        """People whose reliable change is a decline."""
        return tuple(p.person for p in self.persons if p.reliable and p.post < p.pre)

    def effect_size(self, variant: str) -> EffectSize | None:
        """Return the effect size of one variant, or ``None`` when it was not computed."""
        for e in self.effect_sizes:
            if e.variant == variant:
                return e
        return None

    @property
    def score(self) -> float | None:
        """The gain of the means on 0-100, clipped at 0 and 100 (for a scorecard)."""
        if self.gain_of_means is None:
            return None
        return min(max(self.gain_of_means, 0.0), 1.0) * 100.0

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person.

        Examples:
            >>> r = analyse_learning({"A": 40, "B": 100}, {"A": 70, "B": 100})
            >>> r.to_dataframe()[["person", "gain", "normalized_change"]].values.tolist()
            [['A', 0.5, 0.5], ['B', nan, nan]]
        """
        _lazy.require("pandas")

        columns = [
            "person",
            "pre",
            "post",
            "gain",
            "relative_gain",
            "normalized_change",
            "rci",
            "reliable",
        ]
        rows = [attrs.asdict(p) for p in self.persons]
        frame: pd.DataFrame = _validate.typed_frame(rows, columns)
        return frame


def _pairs(
    pre: Mapping[str, float] | Sequence[float],
    post: Mapping[str, float] | Sequence[float],
    minimum: float,
    maximum: float,
) -> list[tuple[str, float, float]]:
    if isinstance(pre, Mapping) != isinstance(post, Mapping):
        raise ValidationError(
            "post", "the same kind as pre (both mappings or both sequences)", type(post).__name__
        )
    if isinstance(pre, Mapping) and isinstance(post, Mapping):
        missing = sorted(set(pre) ^ set(post))
        if missing:
            side = "post" if missing[0] in pre else "pre"
            raise ValidationError(
                side, "a score for every person on both sides", f"no score for {missing[0]!r}"
            )
        keys = sorted(pre)
        raw: list[tuple[str, object, object]] = [(str(k), pre[k], post[k]) for k in keys]
    else:
        pre_s, post_s = list(pre), list(post)
        if len(pre_s) != len(post_s):
            raise ValidationError(
                "post", f"{len(pre_s)} scores, one per pre-test score", len(post_s)
            )
        width = len(str(len(pre_s)))
        raw = [
            (str(i + 1).zfill(width), a, b)
            for i, (a, b) in enumerate(zip(pre_s, post_s, strict=True))
        ]
    out: list[tuple[str, float, float]] = []
    for person, a, b in raw:
        checked: list[float] = []
        for side, v in (("pre", a), ("post", b)):
            if not _is_number(v) or not minimum <= float(v) <= maximum:  # type: ignore[arg-type]
                raise ValidationError(
                    f"{side}[{person}]", f"a score in [{minimum:g}, {maximum:g}]", v
                )
            checked.append(float(v))  # type: ignore[arg-type]
        out.append((person, checked[0], checked[1]))
    return out


def _marx_cummings(pre: float, post: float, minimum: float, maximum: float) -> float | None:
    if pre == post:
        return None if pre in (minimum, maximum) else 0.0
    if post > pre:
        return _ratio_of_differences(post, pre, maximum, pre)
    return _ratio_of_differences(post, pre, pre, minimum)


_NCT_METHOD = "noncentral t (scipy.stats.nct), df = n - 1"


_DZ_NORMAL_METHOD = "normal approximation, var = 1/n + d^2/(2n) (noncentral t did not converge)"


def _nct_interval(t: float, df: int, n: int, confidence: float) -> tuple[float, float]:
    """Invert the noncentral t: the ncp bounds at which t is the tail quantile, over sqrt(n).

    Raises ValueError (or ArithmeticError, or a warning turned into an error by the
    caller) when the distribution cannot be evaluated, for very large t.
    """
    # No type stubs for SciPy are installed.
    from scipy import optimize, stats  # type: ignore[import-untyped]  # noqa: PLC0415

    alpha = 1.0 - confidence

    def bound(p: float) -> float:
        def f(ncp: float) -> float:
            value = float(stats.nct.cdf(t, df, ncp)) - p
            if not math.isfinite(value):
                raise ValueError("noncentral t is not finite")
            return value

        width = 2.0 + abs(t)
        lo, hi = t - width, t + width
        for _ in range(60):
            if f(lo) >= 0:
                break
            lo -= width  # pragma: no cover - the first bracket almost always holds
        for _ in range(60):
            if f(hi) <= 0:
                break
            hi += width  # pragma: no cover - idem
        return float(optimize.brentq(f, lo, hi, xtol=1e-10))

    return bound(1 - alpha / 2) / math.sqrt(n), bound(alpha / 2) / math.sqrt(n)


def _dz_interval(dz: float, n: int, confidence: float) -> tuple[float, float, str]:
    """The dz interval by the noncentral t, or by the normal approximation if that fails."""
    import warnings  # noqa: PLC0415 - only needed here

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            lo, hi = _nct_interval(dz * math.sqrt(n), n - 1, n, confidence)
        return lo, hi, _NCT_METHOD
    except (ValueError, ArithmeticError, RuntimeWarning):
        z = statistics.NormalDist().inv_cdf(1 - (1 - confidence) / 2)
        se = math.sqrt(1 / n + dz**2 / (2 * n))
        return dz - z * se, dz + z * se, _DZ_NORMAL_METHOD


def paired_effect_sizes(
    pre: Sequence[float],
    post: Sequence[float],
    *,
    confidence: float = 0.95,
) -> tuple[EffectSize, ...]:
    """Return the paired effect sizes dz, dav, gz and gav with confidence intervals.

    Args:
        pre: Pre-test scores.
        post: Post-test scores, paired with ``pre`` by position.
        confidence: Level of the intervals.

    Returns:
        ``(dz, dav, gz, gav)``. ``dav`` has no interval when the pre/post
        correlation is undefined (a side without spread).

    Raises:
        ValidationError: For unequal lengths, fewer than 2 pairs, non-finite
            values, or differences without any spread.

    Notes:
        ``dz = mean(diff) / sd(diff)``; ``dav = mean(diff) / ((sd_pre + sd_post) / 2)``
        (Lakens 2013). Hedges' correction ``J = 1 - 3 / (4 (n - 1) - 1)`` gives
        ``gz = J dz`` and ``gav = J dav``; their intervals are J times those of d.
        The dz interval inverts the noncentral t distribution with n - 1 degrees
        of freedom (``scipy.stats.nct``; exact under normality); when that cannot
        be evaluated (a huge t, from nearly equal differences) the normal
        approximation ``var = 1/n + dz^2 / (2n)`` is used and named. The dav interval
        is a normal approximation with the matched-groups variance
        ``(1/n + dav^2 / (2n)) * 2 (1 - r)`` (Borenstein et al. 2009), r being
        the pre/post correlation.

    Examples:
        >>> es = paired_effect_sizes([50, 60, 70], [60, 75, 80])
        >>> [(e.variant, round(e.value, 4)) for e in es]
        [('dz', 4.0415), ('dav', 1.1433), ('gz', 2.3094), ('gav', 0.6533)]
    """
    if len(pre) != len(post):
        raise ValidationError("post", f"{len(pre)} scores, one per pre-test score", len(post))
    n = len(pre)
    if n < 2:
        raise ValidationError("pre", "at least 2 pairs for an effect size", n)
    for side, values in (("pre", pre), ("post", post)):
        for i, v in enumerate(values):
            if not _is_number(v):
                raise ValidationError(f"{side}[{i}]", "a finite number", v)
    # Effect sizes are ratios, unchanged when every score is scaled by one power of
    # two. Scores up to 2**1000 cannot overflow a difference, deviation or their
    # sums; larger ones are brought down to that size, which is exact for every
    # score that stays clear of the subnormal range.
    e = max(0, _unit_scale([float(v) for v in (*pre, *post)]) - _LARGEST_UNSCALED_EXPONENT)
    a = [math.ldexp(float(v), -e) for v in pre]
    b = [math.ldexp(float(v), -e) for v in post]
    diffs = [y - x for x, y in zip(a, b, strict=True)]
    mean_diff = _mean(diffs)
    sd_diff = _sd(diffs)
    if sd_diff == 0:
        raise ValidationError("post", "differences with some spread for dz", "all equal")
    sd_pre, sd_post = _sd(a), _sd(b)
    # sd_diff > 0 implies that at least one side has spread; the sum is divided
    # rather than halved first, so that a spread in the subnormal range stays > 0.
    spread_sum = sd_pre + sd_post
    if spread_sum == 0:
        raise ValidationError("post", "differences with some spread for dav", "all equal")
    j = 1.0 - 3.0 / (4.0 * (n - 1) - 1.0)
    dz = mean_diff / sd_diff
    dav = 2 * mean_diff / spread_sum
    dz_lo, dz_hi, nct_method = _dz_interval(dz, n, confidence)
    dav_lo: float | None = None
    dav_hi: float | None = None
    if sd_pre > 0 and sd_post > 0:
        r = _correlation(a, b)
        z = statistics.NormalDist().inv_cdf(1 - (1 - confidence) / 2)
        se = math.sqrt((1 / n + dav**2 / (2 * n)) * 2 * (1 - r))
        dav_lo, dav_hi = dav - z * se, dav + z * se
    normal_method = "normal approximation, var = (1/n + d^2/(2n)) * 2(1 - r)"

    def scaled(x: float | None) -> float | None:
        return None if x is None else j * x

    return (
        EffectSize(
            variant="dz",
            value=dz,
            ci_low=dz_lo,
            ci_high=dz_hi,
            confidence=confidence,
            ci_method=nct_method,
        ),
        EffectSize(
            variant="dav",
            value=dav,
            ci_low=dav_lo,
            ci_high=dav_hi,
            confidence=confidence,
            ci_method=normal_method,
        ),
        EffectSize(
            variant="gz",
            value=j * dz,
            ci_low=j * dz_lo,
            ci_high=j * dz_hi,
            confidence=confidence,
            ci_method=f"Hedges' J times {nct_method}",
        ),
        EffectSize(
            variant="gav",
            value=j * dav,
            ci_low=scaled(dav_lo),
            ci_high=scaled(dav_hi),
            confidence=confidence,
            ci_method=f"Hedges' J times {normal_method}",
        ),
    )


def analyse_learning(
    pre: Mapping[str, float] | Sequence[float],
    post: Mapping[str, float] | Sequence[float],
    *,
    maximum: float = 100.0,
    minimum: float = 0.0,
    reliability: float | None = None,
    reference_sd: float | None = None,
    policy: LearningPolicy = LEARNING_HAKE_1998,
) -> LearningResult:
    """Analyse paired pre/post test scores (Kirkpatrick level 2).

    Args:
        pre: Pre-test scores, ``{person: score}`` or a sequence (people are then
            labelled ``"1"``, ``"2"``, ... zero-padded so that they sort).
        post: Post-test scores, of the same kind and people as ``pre``.
        maximum: Highest possible score.
        minimum: Lowest possible score.
        reliability: Reliability of the test (for example Cronbach's alpha or a
            test-retest r) in [0, 1); enables the reliable change index.
        reference_sd: Standard deviation for the RCI's standard error; by
            default the sample standard deviation of the pre-test.
        policy: Gain bands, RCI threshold and confidence level.

    Returns:
        A :class:`LearningResult`. The result does not depend on the order of
        the people in a mapping.

    Raises:
        ValidationError: For a score outside ``[minimum, maximum]`` (naming the
            person and the value), unequal lengths or people, no pairs, a
            reliability outside [0, 1) or a bad ``reference_sd``.

    Notes:
        Individual gain ``g = (post - pre) / (max - pre)`` is undefined at
        pre = max: such people are left out of the mean of individual gains and
        listed in ``excluded_at_max``; they still count in the gain of the means.
        Marx-Cummings ``c = (post - pre) / (max - pre)`` if post > pre,
        ``(post - pre) / (pre - min)`` if post < pre, 0 if equal, and the
        person is dropped when pre = post = max or pre = post = min.
        RCI (Jacobson & Truax 1991) ``= (post - pre) / S_diff`` with
        ``S_diff = sqrt(2) * SE`` and ``SE = sd_pre * sqrt(1 - reliability)``.
        Effect sizes: see :func:`paired_effect_sizes`; with fewer than 2 pairs or
        no spread the tuple is empty instead of raising.

    Examples:
        >>> r = analyse_learning([40, 50, 90], [70, 80, 85], reliability=0.9)
        >>> round(r.gain_of_means, 4), round(r.mean_of_individual_gains, 4)
        (0.4583, 0.2)
        >>> round(r.normalized_change, 4)
        0.3481
        >>> [p.reliable for p in r.persons]
        [True, True, False]
        >>> analyse_learning({"A": 40}, {"A": 105})
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'post[A]' must be a score in [0, 100] (got 105)
    """
    for field, value in (("maximum", maximum), ("minimum", minimum)):
        if not _is_number(value):
            raise ValidationError(field, "a finite number", value)
    if not maximum > minimum:
        raise ValidationError("maximum", f"above the minimum {minimum:g}", maximum)
    if reliability is not None and (not _is_number(reliability) or not 0 <= reliability < 1):
        raise ValidationError("reliability", "a number in [0, 1)", reliability)
    if reference_sd is not None and (not _is_number(reference_sd) or not reference_sd > 0):
        raise ValidationError("reference_sd", "a finite number > 0", reference_sd)
    pairs = _pairs(pre, post, float(minimum), float(maximum))
    if not pairs:
        raise ValidationError("pre", "at least one pair of scores", 0)
    pairs.sort(key=lambda p: p[0])
    n = len(pairs)
    lo, hi = float(minimum), float(maximum)
    a = [p[1] for p in pairs]
    b = [p[2] for p in pairs]
    mean_pre, mean_post = _mean(a), _mean(b)
    if reference_sd is not None:
        half_sd: float = float(reference_sd) / 2
    else:
        half_sd = _sd(a, halve=True) if n > 1 else 0.0
    # Half the RCI's standard error: finite for finite scores, and (y/2 - x/2) / half
    # is exactly (y - x) / S_diff whenever that difference does not overflow.
    half_s_diff = None
    if reliability is not None and half_sd > 0:
        half_s_diff = math.sqrt(2.0) * half_sd * math.sqrt(1.0 - reliability)

    persons: list[PersonChange] = []
    for person, x, y in pairs:
        rci = None if half_s_diff is None else (y / 2 - x / 2) / half_s_diff
        persons.append(
            PersonChange(
                person=person,
                pre=x,
                post=y,
                gain=None if x == hi else _ratio_of_differences(y, x, hi, x),
                relative_gain=None if x == 0 else _ratio_of_differences(y, x, x, 0.0),
                normalized_change=_marx_cummings(x, y, lo, hi),
                rci=rci,
                reliable=rci is not None and abs(rci) > policy.rci_critical,
            )
        )
    gains = [p.gain for p in persons if p.gain is not None]
    changes = [p.normalized_change for p in persons if p.normalized_change is not None]
    gain_of_means = (
        None if mean_pre == hi else _ratio_of_differences(mean_post, mean_pre, hi, mean_pre)
    )
    effect_sizes: tuple[EffectSize, ...] = ()
    if n >= 2:
        try:
            effect_sizes = paired_effect_sizes(a, b, confidence=policy.confidence)
        except ValidationError:
            effect_sizes = ()
    return LearningResult(
        n=n,
        minimum=lo,
        maximum=hi,
        mean_pre=mean_pre,
        mean_post=mean_post,
        gain_of_means=gain_of_means,
        mean_of_individual_gains=_mean(gains) if gains else None,
        excluded_at_max=tuple(p.person for p in persons if p.gain is None),
        band=None if gain_of_means is None else policy.band(gain_of_means).value,
        relative_gain=(
            None if mean_pre == 0 else _ratio_of_differences(mean_post, mean_pre, mean_pre, 0.0)
        ),
        normalized_change=_mean(changes) if changes else None,
        dropped_from_change=tuple(p.person for p in persons if p.normalized_change is None),
        effect_sizes=effect_sizes,
        reliability=None if reliability is None else float(reliability),
        persons=tuple(persons),
        policy=policy,
    )
