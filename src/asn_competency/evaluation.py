"""Programme evaluation at Kirkpatrick levels 3-5 and the programme scorecard.

Levels 1 and 2 (reaction, learning) live in :mod:`asn_competency.learning`. This
module adds:

- level 3, behaviour: :func:`analyse_behaviour` compares each person's combined
  competency level before and after a programme (people without an
  after-assessment are *missing*, never "no change");
- level 4, results: :func:`analyse_indicators` measures indicators such as
  service time or the SKM index against their baseline and target, aware of
  whether lower or higher is better, and against a comparison unit
  (difference-in-differences);
- level 5, return (Phillips): :func:`analyse_return` sets monetised benefits
  against costs (BCR, ROI %, cost per participant, per JP, per gap point closed);
- :func:`evaluate_programme` gathers whatever is available into a
  :class:`Scorecard` with a composite 0-100 score under a named, versioned
  :class:`ScorecardPolicy`. Missing levels lower the stated confidence; the
  composite renormalises the weights of the levels present instead of
  counting a missing level as zero.

Examples:
    >>> from asn_competency.indicators import Indicator, Measurement
    >>> ind = Indicator(id="waktu-dokumen", name="Waktu layanan dokumen", level=4,
    ...                 unit="minutes", direction="lower", baseline=60, target=30)
    >>> ms = [Measurement(indicator_id="waktu-dokumen", subject="Jambi", period="2024",
    ...                   value=30, unit="minutes")]
    >>> res = analyse_indicators([ind], ms, subject="Jambi", after="2024")
    >>> res.results[0].attainment
    100.0
    >>> r = analyse_return({"waktu_hemat": 150_000_000}, {"pelatihan": 100_000_000})
    >>> r.bcr, r.roi_pct
    (1.5, 50.0)
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.assessment import Assessment, CombinationPolicy, combine_assessments
from asn_competency.development import Programme
from asn_competency.employee import parse_nip
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.indicators import (
    Direction,
    Indicator,
    KirkpatrickLevel,
    Measurement,
    _to_kirkpatrick_level,
)
from asn_competency.learning import LearningResult, ReactionSummary, _ratio_of_differences

if TYPE_CHECKING:
    import pandas as pd


__all__ = [
    "SCORECARD_DEFAULT",
    "BehaviourChange",
    "BehaviourResult",
    "CompetencyChange",
    "IndicatorAnalysis",
    "IndicatorResult",
    "LevelResult",
    "PersonBehaviour",
    "ReturnResult",
    "Scorecard",
    "ScorecardPolicy",
    "analyse_behaviour",
    "analyse_indicators",
    "analyse_return",
    "evaluate_programme",
    "target_attainment",
]


# A finite real number, not a bool; an int too large for a float is not one.
_is_number = _validate.is_finite_real


def _count(n: int, one: str, many: str | None = None) -> str:
    """``1 person``, ``2 people``; ``many`` defaults to ``one + "s"``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


_mean = _validate.fsum_mean


# --------------------------------------------------------------------------- level 3


@attrs.frozen(kw_only=True)
class BehaviourChange:
    """One person's change in one competency across a programme.

    Args:
        nip: The person.
        competency_id: The competency.
        before: Combined level from assessments up to the programme start.
        after: Combined level from assessments after the programme end.
        status: ``"improved"``, ``"unchanged"``, ``"declined"``, ``"missing_after"``,
            ``"missing_before"`` or ``"missing_both"``.
    """

    nip: str
    competency_id: str
    before: float | None
    after: float | None
    status: str

    @property
    def change(self) -> float | None:
        """``after - before``; ``None`` unless both sides were assessed."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@attrs.frozen(kw_only=True)
class CompetencyChange:
    """Summary of one competency across the people evaluated.

    Args:
        competency_id: The competency.
        assessed_both: People assessed before and after.
        missing_after: People assessed before only.
        missing_before: People assessed after only (or neither).
        mean_change: Mean change over people assessed on both sides.
        share_improved: Share of those people whose level rose.
    """

    competency_id: str
    assessed_both: int
    missing_after: int
    missing_before: int
    mean_change: float | None
    share_improved: float | None


@attrs.frozen(kw_only=True)
class PersonBehaviour:
    """Summary of one person across the competencies evaluated.

    Args:
        nip: The person.
        assessed_both: Competencies assessed before and after.
        missing_after: Competencies assessed before only.
        mean_change: Mean change over the competencies assessed on both sides.
        improved: Competencies whose level rose.
    """

    nip: str
    assessed_both: int
    missing_after: int
    mean_change: float | None
    improved: int


@attrs.frozen(kw_only=True)
class BehaviourResult:
    """Level 3: change in assessed competency levels across a programme.

    Args:
        start: Assessments on or before this day count as *before*.
        end: Assessments after this day count as *after*.
        policy_name: The combination policy used on each side.
        changes: One entry per person and competency, sorted by (NIP, competency).
        by_competency: One summary per competency, sorted by id.
        ignored_during: Assessments dated inside the programme (after ``start``,
            on or before ``end``), which count on neither side.
    """

    start: dt.date
    end: dt.date
    policy_name: str
    changes: tuple[BehaviourChange, ...]
    by_competency: tuple[CompetencyChange, ...]
    ignored_during: int

    @property
    def paired(self) -> tuple[BehaviourChange, ...]:
        """The changes with both sides assessed."""
        return tuple(c for c in self.changes if c.change is not None)

    @property
    def by_person(self) -> tuple[PersonBehaviour, ...]:
        """One summary per person, sorted by NIP."""
        groups: dict[str, list[BehaviourChange]] = {}
        for c in self.changes:
            groups.setdefault(c.nip, []).append(c)
        out: list[PersonBehaviour] = []
        for nip in sorted(groups):
            group = groups[nip]
            diffs = [c.change for c in group if c.change is not None]
            out.append(
                PersonBehaviour(
                    nip=nip,
                    assessed_both=len(diffs),
                    missing_after=sum(c.status == "missing_after" for c in group),
                    mean_change=_mean(diffs) if diffs else None,
                    improved=sum(d > 0 for d in diffs),
                )
            )
        return tuple(out)

    @property
    def people_assessed_both(self) -> int:
        """People with at least one competency assessed before and after."""
        return len({c.nip for c in self.paired})

    @property
    def missing_after(self) -> tuple[str, ...]:
        """People with a competency assessed before but not after, sorted."""
        return tuple(sorted({c.nip for c in self.changes if c.status == "missing_after"}))

    @property
    def mean_change(self) -> float | None:
        """Mean change over every (person, competency) assessed on both sides."""
        paired = self.paired
        return _mean([c.change for c in paired if c.change is not None]) if paired else None

    @property
    def share_improved(self) -> float | None:
        """Share of the paired (person, competency) whose level rose."""
        paired = self.paired
        if not paired:
            return None
        return sum(c.status == "improved" for c in paired) / len(paired)

    @property
    def points_gained(self) -> float:
        """Sum of the level rises (declines not netted): a proxy for gap points closed."""
        return math.fsum(max(c.change or 0.0, 0.0) for c in self.changes)

    @property
    def score(self) -> float | None:
        """The share improved on 0-100 (for a scorecard)."""
        share = self.share_improved
        return None if share is None else share * 100.0

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person and competency.

        Examples:
            >>> import datetime as dt
            >>> from asn_competency.assessment import Assessment
            >>> nip = "199001012015031001"
            >>> a = [Assessment(nip=nip, competency_id="MJ.PP", level=2,
            ...                 assessed_on=dt.date(2024, 1, 5)),
            ...      Assessment(nip=nip, competency_id="MJ.PP", level=3,
            ...                 assessed_on=dt.date(2024, 9, 1))]
            >>> df = analyse_behaviour(a, start=dt.date(2024, 3, 1)).to_dataframe()
            >>> df[["before", "after", "change", "status"]].values.tolist()
            [[2.0, 3.0, 1.0, 'improved']]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = ["nip", "competency_id", "before", "after", "change", "status"]
        rows = [
            {
                "nip": c.nip,
                "competency_id": c.competency_id,
                "before": c.before,
                "after": c.after,
                "change": c.change,
                "status": c.status,
            }
            for c in self.changes
        ]
        return pd.DataFrame(rows, columns=columns, dtype=object)


def _status(before: float | None, after: float | None) -> str:
    if before is None:
        return "missing_both" if after is None else "missing_before"
    if after is None:
        return "missing_after"
    if after > before:
        return "improved"
    return "declined" if after < before else "unchanged"


def _split_by_date(
    assessments: Iterable[Assessment], start: dt.date, end: dt.date
) -> tuple[list[Assessment], list[Assessment], int]:
    """Assessments on or before ``start``, those after ``end``, and the count in between."""
    before: list[Assessment] = []
    after: list[Assessment] = []
    during = 0
    for i, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise ValidationError(f"assessments[{i}]", "an Assessment", a)
        if a.assessed_on <= start:
            before.append(a)
        elif a.assessed_on > end:
            after.append(a)
        else:
            during += 1
    return before, after, during


def _by_competency(changes: Sequence[BehaviourChange]) -> tuple[CompetencyChange, ...]:
    groups: dict[str, list[BehaviourChange]] = {}
    for c in changes:
        groups.setdefault(c.competency_id, []).append(c)
    by_comp: list[CompetencyChange] = []
    for comp in sorted(groups):
        group = groups[comp]
        diffs = [c.change for c in group if c.change is not None]
        by_comp.append(
            CompetencyChange(
                competency_id=comp,
                assessed_both=len(diffs),
                missing_after=sum(c.status == "missing_after" for c in group),
                missing_before=sum(c.status in ("missing_before", "missing_both") for c in group),
                mean_change=_mean(diffs) if diffs else None,
                share_improved=sum(d > 0 for d in diffs) / len(diffs) if diffs else None,
            )
        )
    return tuple(by_comp)


def _check_behaviour_inputs(nips: object, competency_ids: object, programme: object) -> None:
    for field, ids in (("nips", nips), ("competency_ids", competency_ids)):
        # One text is an iterable of letters: 'MJ.PP' would read as 'M', 'J', '.', 'P'.
        if isinstance(ids, str):
            raise ValidationError(field, "a collection of ids, not one text", ids)
    if programme is not None and not isinstance(programme, Programme):
        raise ValidationError("programme", "a Programme", programme)


def _check_combination(combination: object) -> None:
    if combination is not None and not isinstance(combination, CombinationPolicy):
        raise ValidationError("combination", "a CombinationPolicy or none", combination)


def analyse_behaviour(
    assessments: Iterable[Assessment],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    nips: Iterable[str] | None = None,
    competency_ids: Iterable[str] | None = None,
    programme: Programme | None = None,
    combination: CombinationPolicy | None = None,
) -> BehaviourResult:
    """Compare competency levels assessed before and after a programme (level 3).

    Args:
        assessments: Assessments of any people, in any order.
        start: First day of the programme; assessments on or before it are *before*.
        end: Last day of the programme; assessments after it are *after*
            (default: ``start``). Assessments in between are ignored and counted.
        nips: The people to evaluate (usually the participants); people without
            any assessment are reported as missing. Default: everyone assessed.
        competency_ids: The competencies to evaluate (usually the programme's
            targets). Default: every competency assessed for the person, and
            for a person never assessed every competency assessed for anyone.
        programme: Supplies what is not passed: ``start`` and ``end`` from its
            period, ``nips`` from its participants, ``competency_ids`` from the
            competencies its activities target (when there are any).
        combination: How several assessments on one side combine into one level
            (:func:`~asn_competency.assessment.combine_assessments`; latest wins
            by default).

    Returns:
        A :class:`BehaviourResult`, independent of the order of the assessments.

    Raises:
        ValidationError: For no start date (neither given nor in the programme),
            an end before the start, a bad NIP or competency id.

    Examples:
        >>> import datetime as dt
        >>> from asn_competency.assessment import Assessment
        >>> a, b = "199001012015031001", "199202022016042002"
        >>> data = [
        ...     Assessment(nip=a, competency_id="MJ.PP", level=2, assessed_on=dt.date(2024, 1, 5)),
        ...     Assessment(nip=a, competency_id="MJ.PP", level=3, assessed_on=dt.date(2024, 9, 1)),
        ...     Assessment(nip=b, competency_id="MJ.PP", level=2, assessed_on=dt.date(2024, 1, 5)),
        ... ]
        >>> r = analyse_behaviour(data, start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 5))
        >>> r.people_assessed_both, r.mean_change, r.share_improved, r.missing_after
        (1, 1.0, 1.0, ('199202022016042002',))

        A programme supplies its period, participants and targeted competencies:

        >>> from asn_competency.development import Activity, Enrolment, Programme, Target
        >>> act = Activity(id="PP", title="Pelayanan prima", route="workshop", jp=24,
        ...                targets=[Target(competency_id="MJ.PP")])
        >>> prog = Programme(id="P", title="Pelayanan prima", activities=[act],
        ...                  start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 5),
        ...                  enrolments=[Enrolment(nip=a, activity_id="PP")])
        >>> [c.status for c in analyse_behaviour(data, programme=prog).changes]
        ['improved']
    """
    _check_behaviour_inputs(nips, competency_ids, programme)
    _check_combination(combination)
    if programme is not None:
        start = start if start is not None else programme.start
        end = end if end is not None else programme.end
        nips = nips if nips is not None else programme.participants
        targeted = sorted({c for a in programme.activities for c in a.competency_ids})
        if competency_ids is None and targeted:
            competency_ids = targeted
    if start is None:
        raise ValidationError("start", "a date, or a programme with a start date", None)
    if end is None:
        end = start
    for field, day in (("start", start), ("end", end)):
        # A datetime is a date too, but cannot be compared with the assessment dates.
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise ValidationError(field, "a date (datetime.date)", day)
    _validate.end_not_before_start(start, end)
    before_side, after_side, during = _split_by_date(assessments, start, end)
    policy = combination or CombinationPolicy()
    before = combine_assessments(before_side, policy=policy)
    after = combine_assessments(after_side, policy=policy)
    comps: tuple[str, ...] | None = None
    if competency_ids is not None:
        comps = tuple(sorted(set(competency_ids)))
        for c in comps:
            if not _validate.is_identifier(c):
                raise ValidationError("competency_ids", "competency ids", c)
    seen: dict[str, set[str]] = {}
    for nip, comp in (*before, *after):
        seen.setdefault(nip, set()).add(comp)
    people = sorted(seen) if nips is None else sorted({parse_nip(n).value for n in nips})
    # A person never assessed is missing in every competency of the data, not left out.
    anyone = sorted({comp for assessed in seen.values() for comp in assessed})
    changes: list[BehaviourChange] = []
    for nip in people:
        for comp in comps if comps is not None else sorted(seen.get(nip, anyone)):
            b = before.get((nip, comp))
            f = after.get((nip, comp))
            lb = None if b is None else b.level
            la = None if f is None else f.level
            changes.append(
                BehaviourChange(
                    nip=nip, competency_id=comp, before=lb, after=la, status=_status(lb, la)
                )
            )
    return BehaviourResult(
        start=start,
        end=end,
        policy_name=policy.name,
        changes=tuple(changes),
        by_competency=_by_competency(changes),
        ignored_during=during,
    )


# --------------------------------------------------------------------------- level 4


def target_attainment(
    indicator: Indicator, value: float, *, baseline: float | None = None
) -> float | None:
    """Return how far a value has come from the baseline to the target, in percent.

    For a lower-is-better indicator it is ``(baseline - value) / (baseline - target)``
    x 100, for a higher-is-better one ``(value - baseline) / (target - baseline)``
    x 100: 0 at the baseline, 100 at the target, above 100 beyond it, negative
    when the value moved the wrong way.

    Args:
        indicator: The indicator (its direction, baseline and target).
        value: The value reached.
        baseline: Baseline to use instead of the indicator's own.

    Returns:
        The attainment, or ``None`` without a baseline or a target, or when the
        target equals the baseline.

    Raises:
        ValidationError: If the target lies on the worse side of the baseline, or
            ``value`` or ``baseline`` is not a finite number.

    Examples:
        >>> ind = Indicator(id="skm", name="Indeks SKM", level=4, unit="index 25-100",
        ...                 direction="higher", baseline=76, target=84)
        >>> target_attainment(ind, 82)
        75.0
        >>> lower = Indicator(id="waktu", name="Waktu layanan", level=4, unit="minutes",
        ...                   direction="lower", baseline=60, target=30)
        >>> target_attainment(lower, 45)
        50.0
    """
    if not isinstance(indicator, Indicator):
        raise ValidationError("indicator", "an Indicator", indicator)
    for field, number in (("value", value), ("baseline", baseline)):
        if number is not None and not _is_number(number):
            raise ValidationError(field, "a finite number", number)
    base = indicator.baseline if baseline is None else float(baseline)
    target = indicator.target
    if base is None or target is None or base == target:
        return None
    if indicator.improvement(base, target) < 0:
        raise ValidationError(
            f"indicators[{indicator.id}].target",
            f"on the better side of the baseline {base:g} ({indicator.direction.value} is better)",
            target,
        )
    return _ratio_of_differences(float(value), base, target, base) * 100.0


@attrs.frozen(kw_only=True)
class IndicatorResult:
    """One indicator before and after a programme.

    Args:
        indicator_id: The indicator.
        name: Its name.
        unit: Its unit.
        level: Its Kirkpatrick level.
        direction: Whether higher or lower is better.
        baseline: The baseline used for attainment (the indicator's own, else
            the measured value before).
        target: The target, if set.
        before: Value measured for the subject in the before period.
        value: Value measured for the subject in the after period.
        change: ``value - reference``, the reference being ``before`` if measured,
            else the baseline.
        improvement: ``change`` with its sign flipped for lower-is-better, so
            positive is always better.
        attainment: Target attainment in percent (see :func:`target_attainment`).
        comparison_before: The comparison unit's value before.
        comparison_after: The comparison unit's value after.
        did: Difference-in-differences, ``(treated after - before) - (comparison
            after - before)``, raw.
        did_improvement: ``did`` sign-normalised: positive means the subject
            improved more than the comparison unit.
    """

    indicator_id: str
    name: str
    unit: str
    level: KirkpatrickLevel
    direction: Direction
    baseline: float | None
    target: float | None
    before: float | None
    value: float | None
    change: float | None
    improvement: float | None
    attainment: float | None
    comparison_before: float | None = None
    comparison_after: float | None = None
    did: float | None = None
    did_improvement: float | None = None


@attrs.frozen(kw_only=True)
class IndicatorAnalysis:
    """Level 4: indicators of one subject between two periods.

    Args:
        subject: The unit the programme served.
        comparison: The comparison unit, if any.
        before_period: The period before, if any.
        after_period: The period after.
        results: One entry per indicator, sorted by id.
    """

    subject: str
    comparison: str | None
    before_period: str | None
    after_period: str
    results: tuple[IndicatorResult, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """Indicators without a value for the subject in the after period."""
        return tuple(r.indicator_id for r in self.results if r.value is None)

    @property
    def score(self) -> float | None:
        """Mean target attainment of the level-4 (results) indicators, each clipped to 0-100.

        Indicators of other Kirkpatrick levels are reported but not scored here;
        ``None`` when no level-4 indicator has an attainment.
        """
        values = [
            min(max(r.attainment, 0.0), 100.0)
            for r in self.results
            if r.attainment is not None and r.level is KirkpatrickLevel.RESULTS
        ]
        return _mean(values) if values else None

    def result(self, indicator_id: str) -> IndicatorResult:
        """Return the result of one indicator.

        Raises:
            UnknownIdError: If the indicator was not analysed.
        """
        for r in self.results:
            if r.indicator_id == indicator_id:
                return r
        raise UnknownIdError("indicator", indicator_id, "indicator analysis")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per indicator.

        Examples:
            >>> ind = Indicator(id="skm", name="Indeks SKM", level=4, unit="index",
            ...                 baseline=76, target=84)
            >>> m = [Measurement(indicator_id="skm", subject="Kendari", period="2024", value=80)]
            >>> df = analyse_indicators([ind], m, subject="Kendari", after="2024").to_dataframe()
            >>> df[["indicator_id", "value", "attainment"]].values.tolist()
            [['skm', 80.0, 50.0]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [f.name for f in attrs.fields(IndicatorResult)]
        rows = []
        for r in self.results:
            row = attrs.asdict(r)
            row["level"] = int(r.level)
            row["direction"] = r.direction.value
            rows.append(row)
        return pd.DataFrame(rows, columns=columns, dtype=object)


def _index_measurements(
    indicators: Sequence[Indicator], measurements: Iterable[Measurement]
) -> tuple[dict[str, Indicator], dict[tuple[str, str, str], float]]:
    by_id: dict[str, Indicator] = {}
    for ind in indicators:
        if not isinstance(ind, Indicator):
            raise ValidationError("indicators", "Indicator objects", ind)
        if ind.id in by_id:
            raise ValidationError("indicators", "unique ids", f"{ind.id!r} appears twice")
        by_id[ind.id] = ind
    values: dict[tuple[str, str, str], float] = {}
    for i, m in enumerate(measurements):
        if not isinstance(m, Measurement):
            raise ValidationError(f"measurements[{i}]", "a Measurement", m)
        known = by_id.get(m.indicator_id)
        if known is None:
            raise UnknownIdError("indicator", m.indicator_id, f"measurements[{i}]")
        if m.unit and m.unit != known.unit:
            raise ValidationError(
                f"measurements[{i}].unit",
                f"the unit {known.unit!r} of indicator {known.id!r} (one unit per indicator)",
                m.unit,
            )
        key = (m.indicator_id, m.subject, m.period)
        if key in values:
            raise ValidationError(
                f"measurements[{i}]",
                "one measurement per indicator, subject and period",
                "/".join(key) + " twice",
            )
        values[key] = m.value
    return by_id, values


def analyse_indicators(
    indicators: Sequence[Indicator],
    measurements: Iterable[Measurement],
    *,
    subject: str,
    after: str,
    before: str | None = None,
    comparison: str | None = None,
) -> IndicatorAnalysis:
    """Measure indicators of a subject against baseline, target and a comparison unit.

    Args:
        indicators: The indicators (unique ids).
        measurements: Their measurements for any subjects and periods.
        subject: The unit the programme served (for example ``"Disdukcapil Kendari"``).
        after: The period after the programme.
        before: The period before; when not given (or not measured), change and
            attainment use the indicator's baseline.
        comparison: A unit that did not take part; with ``before`` gives
            difference-in-differences.

    Returns:
        An :class:`IndicatorAnalysis`, results sorted by indicator id.

    Raises:
        UnknownIdError: For a measurement of an indicator not listed.
        ValidationError: For a measurement in another unit than its indicator
            (naming the indicator and both units), two measurements of the same
            indicator, subject and period, duplicate indicators, a comparison
            equal to the subject, or a target on the worse side of the baseline.

    Examples:
        >>> ind = Indicator(id="waktu", name="Waktu layanan", level=4, unit="minutes",
        ...                 direction="lower", target=30)
        >>> ms = [Measurement(indicator_id="waktu", subject=s, period=p, value=v)
        ...       for s, p, v in [("A", "2023", 60), ("A", "2024", 30),
        ...                       ("B", "2023", 62), ("B", "2024", 56)]]
        >>> r = analyse_indicators([ind], ms, subject="A", before="2023", after="2024",
        ...                        comparison="B").result("waktu")
        >>> r.change, r.improvement, r.attainment, r.did, r.did_improvement
        (-30.0, 30.0, 100.0, -24.0, 24.0)
    """
    for field, period in (("subject", subject), ("after", after)):
        if not isinstance(period, str):
            raise ValidationError(field, "a text", period)
    for field, optional in (("before", before), ("comparison", comparison)):
        if optional is not None and not isinstance(optional, str):
            raise ValidationError(field, "a text or none", optional)
    if comparison is not None and comparison == subject:
        raise ValidationError(
            "comparison", f"a unit other than the subject {subject!r}", comparison
        )
    by_id, values = _index_measurements(indicators, measurements)
    results: list[IndicatorResult] = []
    for ind_id in sorted(by_id):
        ind = by_id[ind_id]
        pre = None if before is None else values.get((ind_id, subject, before))
        post = values.get((ind_id, subject, after))
        reference = pre if pre is not None else ind.baseline
        baseline = ind.baseline if ind.baseline is not None else pre
        change = None if post is None or reference is None else post - reference
        attainment = None
        if post is not None:
            attainment = target_attainment(ind, post, baseline=baseline)
        elif baseline is not None:
            target_attainment(ind, baseline, baseline=baseline)  # check the target's side
        c_pre = c_post = did = did_imp = None
        if comparison is not None:
            c_pre = None if before is None else values.get((ind_id, comparison, before))
            c_post = values.get((ind_id, comparison, after))
            if None not in (pre, post, c_pre, c_post):
                did = (post - pre) - (c_post - c_pre)  # type: ignore[operator]
                did_imp = did if ind.direction is Direction.HIGHER else -did
        results.append(
            IndicatorResult(
                indicator_id=ind_id,
                name=ind.name,
                unit=ind.unit,
                level=ind.level,
                direction=ind.direction,
                baseline=baseline,
                target=ind.target,
                before=pre,
                value=post,
                change=change,
                improvement=(
                    None
                    if change is None
                    else (change if ind.direction is Direction.HIGHER else -change)
                ),
                attainment=attainment,
                comparison_before=c_pre,
                comparison_after=c_post,
                did=did,
                did_improvement=did_imp,
            )
        )
    return IndicatorAnalysis(
        subject=subject,
        comparison=comparison,
        before_period=before,
        after_period=after,
        results=tuple(results),
    )


# --------------------------------------------------------------------------- level 5


@attrs.frozen(kw_only=True)
class ReturnResult:
    """Level 5 (Phillips): monetised benefits against costs.

    Args:
        benefits: ``(item, amount)`` pairs, sorted by item.
        costs: ``(item, amount)`` pairs, sorted by item.
        total_benefits: Sum of the benefits.
        total_costs: Sum of the costs (> 0).
        bcr: Benefit-cost ratio, ``benefits / costs``.
        roi_pct: ``(benefits - costs) / costs x 100``.
        participants: Number of participants, if known.
        cost_per_participant: ``costs / participants``.
        jp_total: Learning hours delivered (participant-JP), if known.
        cost_per_jp: ``costs / jp_total``.
        gap_points_closed: Competency-gap points closed, if known.
        cost_per_gap_point: ``costs / gap_points_closed``.
    """

    benefits: tuple[tuple[str, float], ...]
    costs: tuple[tuple[str, float], ...]
    total_benefits: float
    total_costs: float
    bcr: float
    roi_pct: float
    participants: int | None = None
    cost_per_participant: float | None = None
    jp_total: float | None = None
    cost_per_jp: float | None = None
    gap_points_closed: float | None = None
    cost_per_gap_point: float | None = None

    @property
    def net_benefit(self) -> float:
        """``benefits - costs``."""
        return self.total_benefits - self.total_costs

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per benefit or cost item (``kind`` is ``"benefit"`` or ``"cost"``).

        Examples:
            >>> r = analyse_return({"b": 3.0}, {"a": 2.0})
            >>> r.to_dataframe().values.tolist()
            [['benefit', 'b', 3.0], ['cost', 'a', 2.0]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows = [("benefit", k, v) for k, v in self.benefits] + [
            ("cost", k, v) for k, v in self.costs
        ]
        return pd.DataFrame(rows, columns=["kind", "item", "amount"])


def _amounts(field: str, value: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, Mapping):
        raise ValidationError(field, "a mapping {item: amount}", value)
    for k in value:
        if not isinstance(k, str):
            raise ValidationError(field, "items named by text", k)
    out: list[tuple[str, float]] = []
    for k in sorted(value):
        v = value[k]
        if not _is_number(v) or v < 0:
            raise ValidationError(f"{field}[{k}]", "a finite amount >= 0", v)
        out.append((k, float(v)))
    return tuple(out)


def _total(field: str, amounts: tuple[tuple[str, float], ...]) -> float:
    """The exact sum of the amounts, or a ValidationError when it exceeds the float range."""
    try:
        return math.fsum(v for _, v in amounts)
    except OverflowError:  # fsum of finite amounts raises rather than return inf
        raise ValidationError(
            field, f"amounts whose total is at most {sys.float_info.max:g}", "a larger total"
        ) from None


def _per(total: float, count: float | None) -> float | None:
    if count is None or count <= 0:
        return None
    try:
        return total / count
    except OverflowError:
        # A count beyond the float range (an int such as 10**400): the share is 0.0.
        return 0.0


def analyse_return(
    benefits: Mapping[str, float],
    costs: Mapping[str, float],
    *,
    programme: Programme | None = None,
    participants: int | None = None,
    jp_total: float | None = None,
    gap_points_closed: float | None = None,
) -> ReturnResult:
    """Compute the Phillips return on a programme (Kirkpatrick level 5).

    Args:
        benefits: Monetised benefits in rupiah, ``{item: amount}`` (each >= 0).
        costs: Fully loaded costs in rupiah, ``{item: amount}`` (each >= 0, total > 0).
        programme: Gives the participants (unique NIPs) and the participant-JP
            delivered (every enrolment, completed or not) when not passed.
        participants: Number of participants.
        jp_total: Learning hours delivered, summed over participants.
        gap_points_closed: Competency-gap points closed, for example
            :attr:`BehaviourResult.points_gained`.

    Returns:
        A :class:`ReturnResult`; a ratio whose denominator is unknown or 0 is ``None``.

    Raises:
        ValidationError: For an item name that is not text, a negative or
            non-finite amount, a total beyond the float range, benefits without
            any cost (total cost 0), or a negative count.

    Examples:
        >>> r = analyse_return({"hemat_waktu": 90e6, "kurang_komplain": 30e6},
        ...                    {"pelatih": 50e6, "waktu_peserta": 30e6},
        ...                    participants=40, jp_total=40 * 24, gap_points_closed=32)
        >>> r.bcr, r.roi_pct, r.cost_per_participant, r.cost_per_gap_point
        (1.5, 50.0, 2000000.0, 2500000.0)
        >>> analyse_return({"hemat_waktu": 1e6}, {})
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'costs' must be a total > 0 to set the benefits against (got 0.0)
    """  # noqa: E501
    b = _amounts("benefits", benefits)
    c = _amounts("costs", costs)
    total_b = _total("benefits", b)
    total_c = _total("costs", c)
    if total_c <= 0:
        raise ValidationError("costs", "a total > 0 to set the benefits against", total_c)
    for field, value in (("jp_total", jp_total), ("gap_points_closed", gap_points_closed)):
        if value is not None and (not _is_number(value) or value < 0):
            raise ValidationError(field, "a finite number >= 0", value)
    if participants is not None and (
        isinstance(participants, bool) or not isinstance(participants, int) or participants < 0
    ):
        raise ValidationError("participants", "a whole number >= 0", participants)
    if programme is not None:
        if not isinstance(programme, Programme):
            raise ValidationError("programme", "a Programme", programme)
        if participants is None:
            participants = len(programme.participants)
        if jp_total is None:
            jp_total = math.fsum(programme.jp_by_person(completed_only=False).values())
    return ReturnResult(
        benefits=b,
        costs=c,
        total_benefits=total_b,
        total_costs=total_c,
        bcr=total_b / total_c,
        roi_pct=(total_b - total_c) / total_c * 100.0,
        participants=participants,
        cost_per_participant=_per(total_c, participants),
        jp_total=None if jp_total is None else float(jp_total),
        cost_per_jp=_per(total_c, jp_total),
        gap_points_closed=None if gap_points_closed is None else float(gap_points_closed),
        cost_per_gap_point=_per(total_c, gap_points_closed),
    )


# --------------------------------------------------------------------------- scorecard


def _level_weights(value: Mapping[Any, float]) -> Mapping[KirkpatrickLevel, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("weights", "a mapping {level: weight}", value)
    out: dict[KirkpatrickLevel, float] = {}
    for k, v in value.items():
        try:
            level = _to_kirkpatrick_level(k)
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

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    weights: Mapping[KirkpatrickLevel, float] = attrs.field(converter=_level_weights, hash=False)
    bands: tuple[tuple[float, str], ...] = attrs.field(converter=_bands)
    bcr_for_full_score: float = 2.0
    source: str = ""

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
        return self.levels[int(_to_kirkpatrick_level(level)) - 1]

    def explain(self) -> str:
        """Return a readable account of the score: each level's contribution and the gaps.

        Examples:
            >>> from asn_competency.development import Programme
            >>> from asn_competency.learning import summarize_reaction
            >>> p = Programme(id="P1", title="Pelayanan prima")
            >>> card = evaluate_programme(p, reaction=summarize_reaction({"relevance": [4, 5]}))
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
            >>> from asn_competency.development import Programme
            >>> card = evaluate_programme(Programme(id="P1", title="Pelatihan"))
            >>> card.to_dataframe()[["level", "available"]].values.tolist()
            [[1, False], [2, False], [3, False], [4, False], [5, False]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [f.name for f in attrs.fields(LevelResult)]
        rows = []
        for lv in self.levels:
            row = attrs.asdict(lv)
            row["level"] = int(lv.level)
            rows.append(row)
        return pd.DataFrame(rows, columns=columns, dtype=object)


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
        reaction: Level 1, from :func:`~asn_competency.learning.summarize_reaction`.
        learning: Level 2, from :func:`~asn_competency.learning.analyse_learning`.
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
        >>> from asn_competency.development import Programme
        >>> from asn_competency.learning import analyse_learning, summarize_reaction
        >>> p = Programme(id="PP-2024", title="Pelayanan prima", owner="Kendari")
        >>> card = evaluate_programme(
        ...     p,
        ...     reaction=summarize_reaction({"relevance": [4, 4, 5, 3]}),
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
    _check_kind("reaction", reaction, ReactionSummary, "summarize_reaction")
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
