"""The programme scorecard: levels 1-5 in one composite score.

:func:`evaluate_programme` gathers whatever is available (reaction, learning,
behaviour, results, return) into a :class:`Scorecard` with a composite 0-100
score under a named, versioned
:class:`~asn_competency.policies.evaluation.ScorecardPolicy`. Missing levels
lower the stated confidence; the composite renormalises the weights of the
levels present instead of counting a missing level as zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.development import Programme
from asn_competency.domain.indicators import (
    Indicator,
    KirkpatrickLevel,
    Measurement,
    to_kirkpatrick_level,
)
from asn_competency.errors import ValidationError
from asn_competency.evaluation._stats import _count
from asn_competency.evaluation.behaviour import BehaviourResult
from asn_competency.evaluation.learning import LearningResult
from asn_competency.evaluation.reaction import ReactionSummary
from asn_competency.evaluation.results import (
    IndicatorAnalysis,
    IndicatorResult,
    _index_measurements,
    analyse_indicators,
)
from asn_competency.evaluation.returns import ReturnResult
from asn_competency.policies.evaluation import SCORECARD_DEFAULT, ScorecardPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LevelResult", "Scorecard", "evaluate_programme"]


# A finite real number, not a bool; an int too large for a float is not one.
_is_number = _validate.is_finite_real


_mean = _validate.fsum_mean


_LEVEL_NAMES = {
    KirkpatrickLevel.REACTION: "reaction",
    KirkpatrickLevel.LEARNING: "learning",
    KirkpatrickLevel.BEHAVIOUR: "behaviour",
    KirkpatrickLevel.RESULTS: "results",
    KirkpatrickLevel.ROI: "return",
}


@attrs.frozen(kw_only=True)
class LevelResult:
    """One Kirkpatrick level in a scorecard.

    Args:
        level: The level.
        name: Its name.
        available: Whether the level had data and a score.
        score: Its score on 0-100, if available.
        weight: The policy's weight.
        effective_weight: The weight renormalised over the available levels
            (0 when missing).
        contribution: ``effective_weight x score``: points of the composite.
        detail: What the score rests on, or why it is missing.
    """

    level: KirkpatrickLevel
    name: str
    available: bool
    score: float | None
    weight: float
    effective_weight: float
    contribution: float
    detail: str


@attrs.frozen(kw_only=True)
class Scorecard:
    """The evaluation of a programme across Kirkpatrick levels 1-5.

    Args:
        programme_id: The programme.
        title: Its title.
        policy: The scorecard policy used.
        levels: One entry per level 1-5.
        composite: Weighted score 0-100 over the available levels; ``None`` when
            no level that the policy weighs (weight > 0) has data.
        band: The label of the composite.
        confidence: Share of the total weight whose level had data (0-1).
        missing: What data was missing, one sentence each.
        indicators: Level 4 indicators with value, change and attainment.
        reaction: The level 1 input, if given.
        learning: The level 2 input, if given.
        behaviour: The level 3 input, if given.
        results: The level 4 analysis, if any.
        returns: The level 5 input, if given.
    """

    __repr__ = _validate.brief_repr(
        "programme_id", "composite", "band", "confidence", counts=("levels",)
    )
    _repr_html_ = _validate.html_summary(
        "programme_id",
        "title",
        "composite",
        "band",
        "confidence",
        table="levels",
        columns=("level", "name", "available", "score", "weight", "contribution"),
    )

    programme_id: str
    title: str
    policy: ScorecardPolicy
    levels: tuple[LevelResult, ...]
    composite: float | None
    band: str | None
    confidence: float
    missing: tuple[str, ...]
    indicators: tuple[IndicatorResult, ...] = ()
    reaction: ReactionSummary | None = None
    learning: LearningResult | None = None
    behaviour: BehaviourResult | None = None
    results: IndicatorAnalysis | None = None
    returns: ReturnResult | None = None

    def level(self, level: KirkpatrickLevel | int) -> LevelResult:
        """Return the entry of one level (1-5)."""
        return self.levels[int(to_kirkpatrick_level(level)) - 1]

    def explain(self) -> str:
        """Return a readable account of the score: each level's contribution and the gaps.

        Examples:
            >>> from asn_competency.domain.development import Programme
            >>> from asn_competency.evaluation.reaction import summarise_reaction
            >>> p = Programme(id="P1", title="Pelayanan prima")
            >>> card = evaluate_programme(p, reaction=summarise_reaction({"relevance": [4, 5]}))
            >>> print(card.explain().splitlines()[0])
            Programme P1 (Pelayanan prima): composite 87.5/100, Sangat Efektif
        """
        lines: list[str] = []
        if self.composite is None:
            lines.append(f"Programme {self.programme_id} ({self.title}): no level has data")
        else:
            lines.append(
                f"Programme {self.programme_id} ({self.title}): composite "
                f"{self.composite:.1f}/100, {self.band}"
            )
        lines.append(
            f"Policy {self.policy.name} v{self.policy.version}; confidence "
            f"{self.confidence:.0%} of the weight has data"
        )
        for lv in self.levels:
            if lv.available:
                lines.append(
                    f"  L{int(lv.level)} {lv.name}: score {lv.score:.1f} x weight "
                    f"{lv.effective_weight:.3f} = {lv.contribution:.1f} points ({lv.detail})"
                )
            else:
                lines.append(f"  L{int(lv.level)} {lv.name}: missing ({lv.detail})")
        for r in self.indicators:
            value = "not measured" if r.value is None else f"{r.value:g} {r.unit}"
            att = "" if r.attainment is None else f", {r.attainment:.0f} % of target"
            did = "" if r.did_improvement is None else f", DiD improvement {r.did_improvement:g}"
            other = (
                ""
                if r.level is KirkpatrickLevel.RESULTS
                else f" (a level-{int(r.level)} indicator, not scored)"
            )
            lines.append(f"  indicator {r.indicator_id}: {value}{att}{did}{other}")
        return "\n".join(lines)

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per Kirkpatrick level.

        Examples:
            >>> from asn_competency.domain.development import Programme
            >>> card = evaluate_programme(Programme(id="P1", title="Pelatihan"))
            >>> card.to_dataframe()[["level", "available"]].values.tolist()
            [[1, False], [2, False], [3, False], [4, False], [5, False]]
        """
        _lazy.require("pandas")

        columns = [f.name for f in attrs.fields(LevelResult)]
        rows = []
        for lv in self.levels:
            row = attrs.asdict(lv)
            row["level"] = int(lv.level)
            rows.append(row)
        frame: pd.DataFrame = _validate.typed_frame(rows, columns)
        return frame


def _subject_and_periods(
    programme: Programme, indicators: Sequence[Indicator], measurements: Sequence[Measurement]
) -> tuple[str, str | None, str] | None:
    ids = {i.id for i in indicators}
    subjects = sorted({m.subject for m in measurements if m.indicator_id in ids})
    if not subjects:
        return None
    if programme.owner in subjects:
        subject = programme.owner
    elif len(subjects) == 1:
        subject = subjects[0]
    else:
        raise ValidationError(
            "measurements",
            f"one subject, or the programme owner {programme.owner!r} among the subjects "
            "(or pass indicators=analyse_indicators(...))",
            subjects,
        )
    periods = sorted({m.period for m in measurements if m.subject == subject})
    before = periods[0] if len(periods) > 1 else None
    return subject, before, periods[-1]


def _check_kind(field: str, value: object, kind: type, hint: str) -> None:
    if value is not None and not isinstance(value, kind):
        raise ValidationError(field, f"a {kind.__name__} from {hint}", type(value).__name__)


def _level4_analysis(
    programme: Programme,
    indicators: IndicatorAnalysis | Sequence[Indicator] | None,
    measurements: Sequence[Measurement] | None,
) -> tuple[IndicatorAnalysis | None, bool]:
    """Return the level-4 analysis and whether raw indicators had no subject measured."""
    if isinstance(indicators, IndicatorAnalysis):
        if measurements is not None:
            raise ValidationError(
                "measurements", "none when indicators is an IndicatorAnalysis", "measurements"
            )
        return indicators, False
    if indicators is None:
        if measurements:
            raise ValidationError("indicators", "the indicators that the measurements are of", None)
        return None, False
    inds = list(indicators)
    ms = list(measurements or ())
    _index_measurements(inds, ms)  # kinds, unknown indicators and bad units, before use
    found = _subject_and_periods(programme, inds, ms)
    if found is None:
        return None, True
    subject, before, after = found
    return analyse_indicators(inds, ms, subject=subject, before=before, after=after), False


_Score = tuple[float | None, str]


def _reaction_score(reaction: ReactionSummary | None) -> _Score:
    if reaction is None:
        return None, "no reaction data"
    if reaction.score is None or reaction.overall_mean is None:
        return None, "no feedback responses"
    part = (
        ""
        if reaction.participation_rate is None
        else f", participation {reaction.participation_rate:.0%}"
    )
    return (
        reaction.score,
        f"mean feedback {reaction.overall_mean:.2f} on "
        f"{reaction.scale.minimum}-{reaction.scale.maximum}{part}",
    )


def _learning_score(learning: LearningResult | None) -> _Score:
    if learning is None:
        return None, "no pre/post test"
    if learning.score is None or learning.gain_of_means is None:
        return None, "every pre-test at the maximum"
    return (
        learning.score,
        f"gain of the means <g> = {learning.gain_of_means:.2f} ({learning.band}), n = {learning.n}",
    )


def _behaviour_score(behaviour: BehaviourResult | None) -> _Score:
    if behaviour is None:
        return None, "no assessments before and after"
    share = behaviour.share_improved
    if behaviour.score is None or share is None:
        return None, "nobody assessed both before and after"
    return (
        behaviour.score,
        f"{share:.0%} of {_count(len(behaviour.paired), 'assessed pair')} improved, "
        f"{_count(len(behaviour.missing_after), 'person', 'people')} not yet reassessed",
    )


def _results_score(analysis: IndicatorAnalysis | None, *, no_subject: bool) -> _Score:
    if analysis is None:
        return None, ("no indicator measured for a subject" if no_subject else "no indicators")
    if analysis.score is None:
        return None, "no level-4 indicator has a value, baseline and target"
    n_att = sum(
        r.attainment is not None and r.level is KirkpatrickLevel.RESULTS for r in analysis.results
    )
    return (
        analysis.score,
        f"mean target attainment over {n_att} indicator(s) of {analysis.subject}",
    )


def _return_score(returns: ReturnResult | None, policy: ScorecardPolicy) -> _Score:
    if returns is None:
        return None, "no monetised benefits and costs"
    return (
        min(returns.bcr / policy.bcr_for_full_score, 1.0) * 100.0,
        f"BCR {returns.bcr:.2f}, ROI {returns.roi_pct:.0f} %",
    )


def evaluate_programme(
    programme: Programme,
    *,
    reaction: ReactionSummary | None = None,
    learning: LearningResult | None = None,
    behaviour: BehaviourResult | None = None,
    indicators: IndicatorAnalysis | Sequence[Indicator] | None = None,
    measurements: Sequence[Measurement] | None = None,
    returns: ReturnResult | None = None,
    policy: ScorecardPolicy = SCORECARD_DEFAULT,
) -> Scorecard:
    """Evaluate a programme across Kirkpatrick levels 1-5 into a scorecard.

    Args:
        programme: The programme evaluated.
        reaction: Level 1, from :func:`~asn_competency.evaluation.reaction.summarise_reaction`.
        learning: Level 2, from :func:`~asn_competency.evaluation.learning.analyse_learning`.
        behaviour: Level 3, from :func:`analyse_behaviour`.
        indicators: Level 4: an :class:`IndicatorAnalysis` from
            :func:`analyse_indicators` (full control: subject, periods,
            comparison unit), or the indicators themselves together with
            ``measurements``; the subject is then the programme's owner (or the
            only subject measured), the after period the latest one measured and
            the before period the earliest, if there are two or more.
        measurements: Measurements of ``indicators`` when those are raw indicators.
        returns: Level 5, from :func:`analyse_return`.
        policy: Weights, bands and level-5 scoring.

    Returns:
        A :class:`Scorecard`. The composite is the weighted mean of the scores of
        the levels that have data, the weights renormalised over those levels;
        missing levels are listed and lower ``confidence``, the share of the
        total weight that had data. They never count as a score of zero.

    Raises:
        ValidationError: For inputs of the wrong kind, measurements without
            indicators, or level-4 data errors (see :func:`analyse_indicators`).
        UnknownIdError: For a measurement of an unknown indicator.

    Examples:
        >>> from asn_competency.domain.development import Programme
        >>> from asn_competency.evaluation.learning import analyse_learning
        >>> from asn_competency.evaluation.reaction import summarise_reaction
        >>> p = Programme(id="PP-2024", title="Pelayanan prima", owner="Kendari")
        >>> card = evaluate_programme(
        ...     p,
        ...     reaction=summarise_reaction({"relevance": [4, 4, 5, 3]}),
        ...     learning=analyse_learning([50, 60, 40], [80, 80, 70]),
        ... )
        >>> round(card.composite, 2), card.band, round(card.confidence, 2)
        (60.56, 'Cukup Efektif', 0.3)
        >>> [lv.available for lv in card.levels]
        [True, True, False, False, False]
    """
    if not isinstance(programme, Programme):
        raise ValidationError("programme", "a Programme", programme)
    if not isinstance(policy, ScorecardPolicy):
        raise ValidationError("policy", "a ScorecardPolicy", policy)
    _check_kind("reaction", reaction, ReactionSummary, "summarise_reaction")
    _check_kind("learning", learning, LearningResult, "analyse_learning")
    _check_kind("behaviour", behaviour, BehaviourResult, "analyse_behaviour")
    _check_kind("returns", returns, ReturnResult, "analyse_return")
    analysis, no_subject = _level4_analysis(programme, indicators, measurements)
    scores = {
        KirkpatrickLevel.REACTION: _reaction_score(reaction),
        KirkpatrickLevel.LEARNING: _learning_score(learning),
        KirkpatrickLevel.BEHAVIOUR: _behaviour_score(behaviour),
        KirkpatrickLevel.RESULTS: _results_score(analysis, no_subject=no_subject),
        KirkpatrickLevel.ROI: _return_score(returns, policy),
    }
    # Shares of the weights do not change when every weight is scaled by the power
    # of two that brings the largest into [0.5, 1): exact, so the shares round as
    # before, and the scaled weights sum to less than 5 whatever their size.
    exponent = math.frexp(max(policy.weight(lv) for lv in KirkpatrickLevel))[1]
    scaled = {lv: math.ldexp(policy.weight(lv), -exponent) for lv in KirkpatrickLevel}
    total_weight = math.fsum(scaled.values())
    available_weight = math.fsum(scaled[lv] for lv, (s, _) in scores.items() if s is not None)
    levels: list[LevelResult] = []
    missing: list[str] = []
    for lv in KirkpatrickLevel:
        score, detail = scores[lv]
        w = policy.weight(lv)
        available = score is not None
        eff = scaled[lv] / available_weight if available and available_weight > 0 else 0.0
        levels.append(
            LevelResult(
                level=lv,
                name=_LEVEL_NAMES[lv],
                available=available,
                score=score,
                weight=w,
                effective_weight=eff,
                contribution=eff * score if score is not None else 0.0,
                detail=detail,
            )
        )
        if not available:
            missing.append(f"level {int(lv)} ({_LEVEL_NAMES[lv]}): {detail}")
    if analysis is not None:
        missing.extend(
            f"indicator {i}: no value for {analysis.subject} in {analysis.after_period}"
            for i in analysis.missing
        )
    composite = None
    if available_weight > 0:
        composite = min(max(math.fsum(lv.contribution for lv in levels), 0.0), 100.0)
    return Scorecard(
        programme_id=programme.id,
        title=programme.title,
        policy=policy,
        levels=tuple(levels),
        composite=composite,
        band=None if composite is None else policy.band(composite),
        confidence=available_weight / total_weight,
        missing=tuple(missing),
        indicators=() if analysis is None else analysis.results,
        reaction=reaction,
        learning=learning,
        behaviour=behaviour,
        results=analysis,
        returns=returns,
    )
