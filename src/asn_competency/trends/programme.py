"""A programme's scorecard in every period of its evaluation, not only before and after.

:func:`track_programme` evaluates a programme once per period
(:func:`~asn_competency.evaluation.scorecard.evaluate_programme`): each period
gets the level 1-3 and 5 results measured in it, and level 4 compares each
period's indicators with the first period (so attainment accumulates from the
start of the programme). Between consecutive periods it gives the change of the
composite score; the indicators' own period-by-period changes are in
:func:`~asn_competency.trends.indicators.track_indicators`, whose result comes
along.

Examples:
    >>> from asn_competency.trends.programme import _example
    >>> trend = _example()
    >>> [(c.period, round(c.scorecard.composite, 1)) for c in trend.cards]
    [('2023', 21.9), ('2024', 53.1), ('2025', 86.2)]
    >>> [round(s.change, 1) for s in trend.steps]
    [31.2, 33.1]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from asn_competency.domain.development import Programme
from asn_competency.domain.indicators import Indicator, Measurement
from asn_competency.domain.period import Period
from asn_competency.errors import ValidationError
from asn_competency.evaluation.behaviour import BehaviourResult
from asn_competency.evaluation.learning import LearningResult
from asn_competency.evaluation.reaction import ReactionSummary
from asn_competency.evaluation.results import analyse_indicators
from asn_competency.evaluation.returns import ReturnResult
from asn_competency.evaluation.scorecard import Scorecard, evaluate_programme
from asn_competency.policies.evaluation import SCORECARD_DEFAULT, ScorecardPolicy
from asn_competency.trends._periods import ordered
from asn_competency.trends.gaps import TrendDirection, direction
from asn_competency.trends.indicators import IndicatorTrend, track_indicators

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PeriodScorecard", "ProgrammeStep", "ProgrammeTrend", "track_programme"]


T = TypeVar("T")


@attrs.frozen(kw_only=True)
class PeriodScorecard:
    """The programme's scorecard in one period.

    Args:
        period: The period.
        scorecard: The scorecard with the results of that period.
    """

    period: str
    scorecard: Scorecard


@attrs.frozen(kw_only=True)
class ProgrammeStep:
    """The change of the composite score between two consecutive periods.

    Args:
        from_period: The earlier period.
        to_period: The later period.
        change: Later composite minus earlier; ``None`` when either has none.
        direction: Improved, worsened or unchanged; ``None`` likewise.
    """

    from_period: str
    to_period: str
    change: float | None
    direction: TrendDirection | None


@attrs.frozen(kw_only=True)
class ProgrammeTrend:
    """A programme evaluated in every period.

    Args:
        programme_id: The programme.
        title: Its title.
        periods: The periods, in order.
        cards: One scorecard per period.
        steps: One step per pair of consecutive periods.
        indicators: The indicators of the subject across the periods, if any.
    """

    programme_id: str
    title: str
    periods: tuple[str, ...]
    cards: tuple[PeriodScorecard, ...]
    steps: tuple[ProgrammeStep, ...]
    indicators: IndicatorTrend | None

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per period: composite, band, confidence and the change.

        Examples:
            >>> _example().to_dataframe()[["period", "band"]].values.tolist()[0]
            ['2023', 'Kurang Efektif']
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows = []
        for i, c in enumerate(self.cards):
            step = self.steps[i - 1] if i else None
            rows.append(
                {
                    "period": c.period,
                    "composite": c.scorecard.composite,
                    "band": c.scorecard.band,
                    "confidence": c.scorecard.confidence,
                    "change": None if step is None else step.change,
                }
            )
        return pd.DataFrame(rows)


def _by_period(value: Mapping[Any, T] | None, field: str) -> dict[str, T]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(field, "a mapping {period: result}", value)
    return dict(ordered(value, field))


def track_programme(
    programme: Programme,
    *,
    periods: Sequence[Period | int | str] | None = None,
    reaction: Mapping[Any, ReactionSummary] | None = None,
    learning: Mapping[Any, LearningResult] | None = None,
    behaviour: Mapping[Any, BehaviourResult] | None = None,
    indicators: Sequence[Indicator] = (),
    measurements: Sequence[Measurement] = (),
    returns: Mapping[Any, ReturnResult] | None = None,
    subject: str | None = None,
    comparison: str | None = None,
    policy: ScorecardPolicy = SCORECARD_DEFAULT,
) -> ProgrammeTrend:
    """Evaluate a programme in each period and follow its composite score.

    Args:
        programme: The programme.
        periods: The periods; by default every period that has a result or a
            measurement of the subject. They sort by date when every label is a
            period, else as texts.
        reaction: Level 1 results by period.
        learning: Level 2 results by period.
        behaviour: Level 3 results by period.
        indicators: The level 4 indicators.
        measurements: Their measurements.
        returns: Level 5 results by period.
        subject: The unit the indicators are measured for; the programme's owner
            by default.
        comparison: A comparison unit for difference-in-differences.
        policy: The scorecard's weights and bands.

    Returns:
        One scorecard per period and the changes between them.

    Raises:
        ValidationError: For arguments of the wrong kind, a period given twice,
            or no period at all.
    """
    if not isinstance(programme, Programme):
        raise ValidationError("programme", "a Programme", programme)
    levels: dict[str, dict[str, Any]] = {
        "reaction": _by_period(reaction, "reaction"),
        "learning": _by_period(learning, "learning"),
        "behaviour": _by_period(behaviour, "behaviour"),
        "returns": _by_period(returns, "returns"),
    }
    unit = programme.owner if subject is None else subject
    inds = list(indicators)
    ms = list(measurements)
    if periods is None:
        found = {lab for table in levels.values() for lab in table}
        found.update(m.period for m in ms if isinstance(m, Measurement) and m.subject == unit)
        labels = [lab for lab, _ in ordered([(p, None) for p in sorted(found)], "periods")]
    else:
        labels = [lab for lab, _ in ordered([(p, None) for p in periods], "periods")]
    if not labels:
        raise ValidationError("periods", "at least one period", 0)
    cards = []
    for label in labels:
        analysis = None
        if inds:
            first = labels[0] if label != labels[0] else None
            analysis = analyse_indicators(
                inds, ms, subject=unit, after=label, before=first, comparison=comparison
            )
        card = evaluate_programme(
            programme,
            reaction=levels["reaction"].get(label),
            learning=levels["learning"].get(label),
            behaviour=levels["behaviour"].get(label),
            indicators=analysis,
            returns=levels["returns"].get(label),
            policy=policy,
        )
        cards.append(PeriodScorecard(period=label, scorecard=card))
    steps = []
    for a, b in itertools.pairwise(cards):
        ca, cb = a.scorecard.composite, b.scorecard.composite
        change = None if ca is None or cb is None else cb - ca
        way = None if change is None else direction(change, None, higher_is_better=True)
        steps.append(
            ProgrammeStep(from_period=a.period, to_period=b.period, change=change, direction=way)
        )
    trend = (
        track_indicators(inds, ms, subject=unit, periods=labels, comparison=comparison)
        if inds
        else None
    )
    return ProgrammeTrend(
        programme_id=programme.id,
        title=programme.title,
        periods=tuple(labels),
        cards=tuple(cards),
        steps=tuple(steps),
        indicators=trend,
    )


def _example() -> ProgrammeTrend:
    """A programme evaluated in three years for the doctests."""
    from asn_competency.evaluation.reaction import summarise_reaction  # noqa: PLC0415

    prog = Programme(id="PP", title="Pelayanan prima", owner="Dukcapil")
    ind = Indicator(
        id="waktu-ktp",
        name="Waktu layanan KTP-el",
        level=4,
        unit="minutes",
        direction="lower",
        baseline=60,
        target=30,
    )
    ms = [
        Measurement(indicator_id="waktu-ktp", subject="Dukcapil", period=p, value=v)
        for p, v in (("2023", 60), ("2024", 45), ("2025", 33))
    ]
    reaction = {
        2023: summarise_reaction({"relevance": [4, 5]}),
        2024: summarise_reaction({"relevance": [3, 4]}),
        2025: summarise_reaction({"relevance": [4, 4]}),
    }
    return track_programme(prog, reaction=reaction, indicators=[ind], measurements=ms)
