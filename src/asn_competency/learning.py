"""Training evaluation at Kirkpatrick levels 1 and 2: reaction and learning.

Level 1 (reaction) asks whether participants found a course satisfying, relevant
to their job and well taught, and whether they came: :func:`summarize_reaction`
turns feedback on a Likert scale into per-item means and distributions, and an
optional :class:`~asn_competency.development.Programme` into participation,
attendance and completion rates.

Level 2 (learning) compares paired pre- and post-test scores.
:func:`analyse_learning` reports Hake's normalized gain (both the gain of the
means and the mean of individual gains, which differ), the relative gain, the
Marx-Cummings normalized change, paired effect sizes with their variant named
(Cohen's dz and dav, Hedges' gz and gav) and, given a test reliability, the
Jacobson-Truax reliable change index of each person.

Examples:
    >>> r = analyse_learning({"A": 20, "B": 80}, {"A": 60, "B": 85})
    >>> r.gain_of_means, r.band
    (0.45, 'medium')
    >>> r.mean_of_individual_gains
    0.375
    >>> summarize_reaction({"relevance": [4, 5, 3]}).overall_mean
    4.0
"""

from __future__ import annotations

import enum
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _validate
from asn_competency.development import Programme
from asn_competency.errors import UnknownIdError, ValidationError

if TYPE_CHECKING:
    import pandas as pd


__all__ = [
    "LEARNING_HAKE_1998",
    "LIKERT_1_5",
    "REACTION_ITEMS",
    "EffectSize",
    "FeedbackScale",
    "GainBand",
    "ItemSummary",
    "LearningPolicy",
    "LearningResult",
    "PersonChange",
    "ReactionSummary",
    "analyse_learning",
    "paired_effect_sizes",
    "summarize_reaction",
]

REACTION_ITEMS = ("relevance", "satisfaction", "speaker")
"""The usual reaction items: relevance of the material to the job, overall
satisfaction, and the quality of the speaker (any other item id may be used)."""


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
    source: str = ""

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


@attrs.frozen(kw_only=True)
class ItemSummary:
    """Statistics of one feedback item.

    Args:
        item: The item id (for example ``"relevance"``).
        n: Number of responses.
        mean: Mean score.
        sd: Sample standard deviation; ``None`` for a single response.
        distribution: ``(score, count)`` for every point of the scale, lowest first.
        favourable_share: Share of responses at or above the scale's favourable score.
    """

    item: str
    n: int
    mean: float
    sd: float | None
    distribution: tuple[tuple[int, int], ...]
    favourable_share: float


@attrs.frozen(kw_only=True)
class ReactionSummary:
    """Level 1: what participants thought of a programme and whether they took part.

    Args:
        scale: The feedback scale used.
        items: One summary per item, sorted by item id.
        overall_mean: Unweighted mean of the item means; ``None`` without feedback.
        invited: People invited, if known.
        enrolled: People enrolled (unique NIPs), if a programme was given.
        participation_rate: ``enrolled / invited`` when both are known.
        attendance_rate: Mean attendance share over all enrolments.
        completion_rate: Share of enrolments completed.
    """

    scale: FeedbackScale
    items: tuple[ItemSummary, ...]
    overall_mean: float | None
    invited: int | None = None
    enrolled: int | None = None
    participation_rate: float | None = None
    attendance_rate: float | None = None
    completion_rate: float | None = None

    @property
    def score(self) -> float | None:
        """The overall mean on 0-100 (scale minimum -> 0); ``None`` without feedback."""
        if self.overall_mean is None:
            return None
        return self.scale.to_percent(self.overall_mean)

    def item(self, item: str) -> ItemSummary:
        """Return the summary of one item.

        Raises:
            UnknownIdError: If no responses were given for the item.
        """
        for s in self.items:
            if s.item == item:
                return s
        raise UnknownIdError("feedback item", item, "reaction summary")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per item with n, mean, sd, favourable share and counts per score.

        Examples:
            >>> s = summarize_reaction({"relevance": [4, 5], "speaker": [3, 3]})
            >>> s.to_dataframe()[["item", "mean", "count_3"]].values.tolist()
            [['relevance', 4.5, 0], ['speaker', 3.0, 2]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        points = self.scale.points
        columns = ["item", "n", "mean", "sd", "favourable_share"] + [f"count_{p}" for p in points]
        rows: list[dict[str, object]] = []
        for s in self.items:
            row: dict[str, object] = {
                "item": s.item,
                "n": s.n,
                "mean": s.mean,
                "sd": s.sd,
                "favourable_share": s.favourable_share,
            }
            row.update({f"count_{p}": c for p, c in s.distribution})
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)


def _summarize_item(item: str, scores: Iterable[object], scale: FeedbackScale) -> ItemSummary:
    if not _validate.is_identifier(item):
        raise ValidationError(
            "responses", "item ids of letters, digits, '_', '.', ':' or '-'", item
        )
    values: list[int] = []
    for i, v in enumerate(scores):
        if (
            isinstance(v, bool)
            or not isinstance(v, numbers.Integral)
            or not scale.minimum <= int(v) <= scale.maximum
        ):
            raise ValidationError(
                f"responses[{item}][{i}]",
                f"a whole number in {scale.minimum}..{scale.maximum}",
                v,
            )
        values.append(int(v))
    if not values:
        raise ValidationError(f"responses[{item}]", "at least one response", 0)
    counts = dict.fromkeys(scale.points, 0)
    for v in values:
        counts[v] += 1
    favourable = sum(c for p, c in counts.items() if p >= scale.favourable_from)
    return ItemSummary(
        item=item,
        n=len(values),
        mean=_mean([float(v) for v in values]),
        sd=_sd([float(v) for v in values]) if len(values) > 1 else None,
        distribution=tuple(counts.items()),
        favourable_share=favourable / len(values),
    )


def summarize_reaction(
    responses: Mapping[str, Iterable[int]],
    *,
    programme: Programme | None = None,
    invited: int | None = None,
    scale: FeedbackScale = LIKERT_1_5,
) -> ReactionSummary:
    """Summarise reaction feedback and, optionally, participation in a programme.

    Args:
        responses: ``{item id: scores}``, for example ``{"relevance": [4, 5, 3]}``
            (see :data:`REACTION_ITEMS`); may be empty when only participation is wanted.
        programme: The programme; gives the number enrolled (unique NIPs), the
            attendance rate (mean of :attr:`Enrolment.attendance` over enrolments)
            and the completion rate (share of enrolments completed).
        invited: People invited; with a programme gives the participation rate.
        scale: The rating scale (1-5 Likert by default).

    Returns:
        A :class:`ReactionSummary`; rates that cannot be computed are ``None``.

    Raises:
        ValidationError: For a score outside the scale or not a whole number, an
            item without responses, a bad item id, ``invited`` below 1 or below
            the number enrolled.

    Examples:
        >>> s = summarize_reaction({"relevance": [5, 4, 4, 2], "speaker": [5, 5, 4, 4]})
        >>> s.item("relevance").mean, s.item("relevance").favourable_share
        (3.75, 0.75)
        >>> s.overall_mean, s.score
        (4.125, 78.125)
        >>> summarize_reaction({"relevance": [6]})
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'responses[relevance][0]' must be a whole number in 1..5 (got 6)
    """  # noqa: E501
    items = tuple(_summarize_item(k, responses[k], scale) for k in sorted(responses))
    overall = _mean([s.mean for s in items]) if items else None
    if invited is not None and (
        isinstance(invited, bool) or not isinstance(invited, int) or invited < 1
    ):
        raise ValidationError("invited", "a whole number >= 1", invited)
    enrolled = attendance = completion = participation = None
    if programme is not None:
        enrolled = len(programme.participants)
        if programme.enrolments:
            attendance = _mean([e.attendance for e in programme.enrolments])
            completion = sum(e.completed for e in programme.enrolments) / len(programme.enrolments)
        if invited is not None:
            if invited < enrolled:
                raise ValidationError(
                    "invited", f"at least the {enrolled} people enrolled", invited
                )
            participation = enrolled / invited
    return ReactionSummary(
        scale=scale,
        items=items,
        overall_mean=overall,
        invited=invited,
        enrolled=enrolled,
        participation_rate=participation,
        attendance_rate=attendance,
        completion_rate=completion,
    )


# --------------------------------------------------------------------------- level 2


class GainBand(str, enum.Enum):
    """Hake's bands of normalized gain."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen(kw_only=True)
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

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    high_from: float = 0.7
    high_inclusive: bool = False
    medium_from: float = 0.3
    medium_inclusive: bool = True
    rci_critical: float = 1.96
    confidence: float = 0.95
    source: str = ""

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
            [['A', 0.5, 0.5], ['B', None, None]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

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
        return pd.DataFrame(rows, columns=columns, dtype=object)


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

    from scipy import stats  # noqa: PLC0415 - keep `import asn_competency` light

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            lo, hi = _nct_interval(dz * math.sqrt(n), n - 1, n, confidence)
        return lo, hi, _NCT_METHOD
    except (ValueError, ArithmeticError, RuntimeWarning):
        z = float(stats.norm.ppf(1 - (1 - confidence) / 2))
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
    # sd_diff > 0 implies that at least one side has spread, so sd_av > 0.
    sd_av = (sd_pre + sd_post) / 2
    j = 1.0 - 3.0 / (4.0 * (n - 1) - 1.0)
    dz = mean_diff / sd_diff
    dav = mean_diff / sd_av
    dz_lo, dz_hi, nct_method = _dz_interval(dz, n, confidence)
    dav_lo: float | None = None
    dav_hi: float | None = None
    if sd_pre > 0 and sd_post > 0:
        r = _correlation(a, b)
        from scipy import stats  # noqa: PLC0415 - keep `import asn_competency` light

        z = float(stats.norm.ppf(1 - (1 - confidence) / 2))
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
