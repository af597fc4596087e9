"""The professionalism index (IP ASN) by year: each group's mean and bands, and the change.

:func:`track_ip_asn` takes the IP ASN results of several years
(:func:`~asn_competency.evaluation.professionalism.ip_asn_index`, one per person
and year) and gives per group and year the number of people, the mean total and
its four dimensions and the band counts, and between consecutive years the
change of the mean. A group-year with fewer people than the
:class:`~asn_competency.policies.suppression.SuppressionPolicy` threshold is not
shown, and no change is computed across it. The competency dimension can come
from the development ledger
(:func:`~asn_competency.compliance.jp.training_records`).

Examples:
    >>> from asn_competency.trends.professionalism import _example
    >>> trend = _example()
    >>> [(p.year, p.count, p.mean) for p in trend.groups[0].points]
    [('2023', 5, 45.0), ('2024', 5, 60.0), ('2025', 5, 60.0)]
    >>> [(s.change, s.direction.value) for s in trend.groups[0].steps]
    [(15.0, 'improved'), (0.0, 'within_noise')]
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.evaluation.professionalism import IpAsnResult
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy
from asn_competency.trends._periods import ordered, pairs
from asn_competency.trends.gaps import TrendDirection, direction

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IpAsnPoint", "IpAsnSeries", "IpAsnStep", "IpAsnTrend", "track_ip_asn"]


@attrs.frozen(kw_only=True)
class IpAsnPoint:
    """One group in one year.

    Args:
        year: The year's (or period's) label.
        count: People scored.
        mean: Mean total (0-100).
        qualification: Mean qualification points.
        competency: Mean competency points.
        performance: Mean performance points.
        discipline: Mean discipline points.
        bands: ``(band, people)`` for every band of the policy, highest band first.
    """

    year: str
    count: int
    mean: float
    qualification: float
    competency: float
    performance: float
    discipline: float
    bands: tuple[tuple[str, int], ...]


@attrs.frozen(kw_only=True)
class IpAsnStep:
    """The change of a group's mean between two consecutive years.

    Args:
        from_year: The earlier year.
        to_year: The later year.
        change: Later mean minus earlier; ``None`` when either year is not shown.
        direction: Improved, worsened or unchanged; ``None`` likewise.
    """

    from_year: str
    to_year: str
    change: float | None
    direction: TrendDirection | None


@attrs.frozen(kw_only=True)
class IpAsnSeries:
    """One group across the years.

    Args:
        group: The group's label.
        points: One point per year in which the group is shown.
        steps: One step per pair of consecutive years.
    """

    group: str
    points: tuple[IpAsnPoint, ...]
    steps: tuple[IpAsnStep, ...]


@attrs.frozen(kw_only=True)
class IpAsnTrend:
    """IP ASN by group and year.

    Args:
        by: What the results were grouped by.
        years: The years, earliest first.
        groups: One series per group shown in at least one year, sorted by label.
        suppressed: How many group-years were too small to show.
        policy: The suppression policy applied.
    """

    by: str
    years: tuple[str, ...]
    groups: tuple[IpAsnSeries, ...]
    suppressed: int
    policy: SuppressionPolicy

    def group(self, label: str) -> IpAsnSeries:
        """Return one group's series.

        Raises:
            UnknownIdError: If no year shows that group.
        """
        for g in self.groups:
            if g.group == label:
                return g
        raise UnknownIdError("group", label, "the IP ASN trend")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per shown group and year.

        Examples:
            >>> _example().to_dataframe()[["group", "year", "mean"]].values.tolist()[0]
            ['Pelayanan', '2023', 45.0]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows = [
            {
                "group": g.group,
                **{k: v for k, v in attrs.asdict(p).items() if k != "bands"},
                **dict(p.bands),
            }
            for g in self.groups
            for p in g.points
        ]
        return pd.DataFrame(rows)


def _label_function(
    by: str | Callable[[IpAsnResult], str],
) -> tuple[Callable[[IpAsnResult], str], str]:
    if callable(by):
        return by, getattr(by, "__name__", "function")
    if by not in attrs.fields_dict(IpAsnResult) or by == "policy":
        raise ValidationError("by", "an attribute of IpAsnResult or a function", by)

    def label_of(r: IpAsnResult) -> str:
        value = getattr(r, by)
        return str(value.value) if isinstance(value, enum.Enum) else str(value)

    return label_of, by


def _point(year: str, members: list[IpAsnResult], labels: list[str], digits: int) -> IpAsnPoint:
    counts = dict.fromkeys(labels, 0)
    for r in members:
        counts[r.band] = counts.get(r.band, 0) + 1

    def mean(values: list[float]) -> float:
        return round(_validate.fsum_mean(values), digits)

    return IpAsnPoint(
        year=year,
        count=len(members),
        mean=mean([r.total for r in members]),
        qualification=mean([r.qualification for r in members]),
        competency=mean([r.competency for r in members]),
        performance=mean([r.performance for r in members]),
        discipline=mean([r.discipline for r in members]),
        bands=tuple(counts.items()),
    )


def _grouped(
    items: list[tuple[str, Iterable[IpAsnResult]]], label_of: Callable[[IpAsnResult], str]
) -> tuple[dict[str, dict[str, list[IpAsnResult]]], list[str]]:
    """Results by group and year, and the band labels (highest first); one band table only."""
    table: dict[str, dict[str, list[IpAsnResult]]] = {}
    bands = None
    for year, results in items:
        for i, r in enumerate(_validate.instances(f"years[{year}]", results, IpAsnResult)):
            if bands is None:
                bands = r.policy.bands
            elif r.policy.bands != bands:
                raise ValidationError(
                    f"years[{year}][{i}].policy.bands", "the bands of the first result", r.band
                )
            label = label_of(r)
            if not isinstance(label, str):
                raise ValidationError(f"by(years[{year}][{i}])", "a text label", label)
            table.setdefault(label, {}).setdefault(year, []).append(r)
    labels = [] if bands is None else [b.label for b in reversed(bands)]
    return table, labels


def _series(group: str, shown: dict[str, IpAsnPoint], years: list[str], digits: int) -> IpAsnSeries:
    steps = []
    for a, b in pairs(years):
        change: float | None = None
        way: TrendDirection | None = None
        if a in shown and b in shown:
            change = round(shown[b].mean - shown[a].mean, digits)
            way = direction(change, None, higher_is_better=True)
        steps.append(IpAsnStep(from_year=a, to_year=b, change=change, direction=way))
    return IpAsnSeries(
        group=group, points=tuple(shown[y] for y in years if y in shown), steps=tuple(steps)
    )


def track_ip_asn(
    years: Mapping[Any, Iterable[IpAsnResult]] | Iterable[tuple[Any, Iterable[IpAsnResult]]],
    *,
    by: str | Callable[[IpAsnResult], str] = "group",
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> IpAsnTrend:
    """Follow IP ASN by group across years.

    Args:
        years: ``{year: results}`` or ``(year, results)`` pairs; a year is an int,
            a :class:`~asn_competency.domain.period.Period` or a label.
        by: The result attribute to group by (``"group"``, ``"band"``,
            ``"education"``) or a function of a result returning a label.
        policy: The suppression threshold and rounding.

    Returns:
        One series per group, sorted by label.

    Raises:
        ValidationError: For a result of the wrong kind, a year given twice, a
            bad ``by``, or results under policies with different bands.
    """
    if not isinstance(policy, SuppressionPolicy):
        raise ValidationError("policy", "a SuppressionPolicy", policy)
    label_of, name = _label_function(by)
    items = ordered(years, "years")
    table, labels = _grouped(items, label_of)
    year_labels = [y for y, _ in items]
    hidden = 0
    series = []
    for group in sorted(table):
        shown: dict[str, IpAsnPoint] = {}
        for year in year_labels:
            members = table[group].get(year, [])
            if len(members) >= policy.min_group_size:
                shown[year] = _point(year, members, labels, policy.decimals)
            elif members:
                hidden += 1
        if shown:
            series.append(_series(group, shown, year_labels, policy.decimals))
    return IpAsnTrend(
        by=name, years=tuple(year_labels), groups=tuple(series), suppressed=hidden, policy=policy
    )


def _example() -> IpAsnTrend:
    """Five people of one unit over three years for the doctests."""
    from asn_competency.domain.records import TrainingRecord  # noqa: PLC0415
    from asn_competency.evaluation.professionalism import ip_asn_index  # noqa: PLC0415

    nips = [f"19900101201503100{i}" for i in range(1, 6)]
    course = [TrainingRecord(kind="teknis", jp=24)]

    def year(training: list[TrainingRecord]) -> list[IpAsnResult]:
        return [
            ip_asn_index(
                qualification="s1_d4",
                training=training,
                performance_score=80,
                discipline="tidak_ada",
                nip=n,
                group="Pelayanan",
            )
            for n in nips
        ]

    return track_ip_asn({2023: year([]), 2024: year(course), 2025: year(course)})
