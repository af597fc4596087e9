"""The civil-service professionalism index (Indeks Profesionalitas ASN, IP ASN).

The index scores one civil servant on four dimensions and adds them up to
0-100: qualification (education, at most 25), competency (training, at most
40), performance (the SKP score, at most 30) and discipline (sanctions in the
last five years, at most 5). The total falls in one of five bands, from Sangat
Tinggi (91-100) to Sangat Rendah (60 or less). Every point value lives in an
:class:`IpAsnPolicy`; :data:`IP_ASN_PERMENPANRB_38_2018` follows PermenPAN-RB 38/2018 and
Peraturan BKN 8/2019 where they are known and documents where it is our reading.

Examples:
    >>> r = ip_asn_index(
    ...     qualification="s1_d4",
    ...     training=[TrainingRecord(kind="teknis", jp=24),
    ...               TrainingRecord(kind="seminar", jp=8)],
    ...     performance_score=88,
    ...     discipline="tidak_ada",
    ... )
    >>> r.qualification, r.competency, r.performance, r.discipline, r.total, r.band
    (15.0, 20.0, 25.0, 5.0, 65.0, 'Rendah')
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.employee import parse_nip
from asn_competency.domain.records import (
    Education,
    Sanction,
    TrainingRecord,
)
from asn_competency.errors import ValidationError
from asn_competency.policies.ip_asn import IP_ASN_PERMENPANRB_38_2018, IpAsnPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IpAsnGroup", "IpAsnResult", "IpAsnSummary", "ip_asn_index", "summarise_ip_asn"]


@attrs.frozen(kw_only=True)
class IpAsnResult:
    """One person's professionalism index.

    Args:
        nip: The person's NIP, if given.
        group: A grouping label (unit, agency), if given.
        education: The education level scored.
        qualification: Qualification points (at most 25 under the default policy).
        competency: Competency points (at most 40).
        performance: Performance points (at most 30).
        discipline: Discipline points (at most 5).
        total: Sum of the four, 0-100.
        band: The band label.
        policy: The policy used.
    """

    nip: str | None
    group: str
    education: Education
    qualification: float
    competency: float
    performance: float
    discipline: float
    total: float
    band: str
    policy: IpAsnPolicy = attrs.field(repr=lambda p: f"<IpAsnPolicy {p.name} {p.version}>")

    def explain(self) -> str:
        """Return the four dimensions, the total and the band in one line.

        Examples:
            >>> ip_asn_index(qualification="s2", training=[], performance_score=92,
            ...              discipline="tidak_ada").explain()
            'kualifikasi 20 + kompetensi 0 + kinerja 30 + disiplin 5 = 55 (Sangat Rendah)'
        """
        return (
            f"kualifikasi {self.qualification:g} + kompetensi {self.competency:g} + "
            f"kinerja {self.performance:g} + disiplin {self.discipline:g} = "
            f"{self.total:g} ({self.band})"
        )


def _nip_or_none(value: str | None) -> str | None:
    return None if value is None else parse_nip(value).value


def ip_asn_index(
    *,
    qualification: Education | str,
    training: Iterable[TrainingRecord],
    performance_score: float,
    discipline: Sanction | str,
    nip: str | None = None,
    group: str = "",
    policy: IpAsnPolicy = IP_ASN_PERMENPANRB_38_2018,
) -> IpAsnResult:
    """Score one civil servant's professionalism.

    Args:
        qualification: Highest education completed.
        training: Completed training and development that count for the period.
        performance_score: The SKP score, 0-100.
        discipline: The heaviest sanction in the last five years (``"none"`` if none).
        nip: The person's NIP, recorded in the result.
        group: A label to group results by in :func:`summarise_ip_asn`.
        policy: Point values and bands.

    Returns:
        The four dimension scores, the total and its band.

    Raises:
        ValidationError: If the SKP score is outside 0-100, the education level or
            sanction is unknown, or a training entry is not a :class:`TrainingRecord`.

    Examples:
        >>> ip_asn_index(qualification="s2",
        ...              training=[TrainingRecord(kind="kepemimpinan", jp=200),
        ...                        TrainingRecord(kind="teknis", jp=30),
        ...                        TrainingRecord(kind="kursus", jp=10)],
        ...              performance_score=91, discipline="tidak_ada").total
        90.0
        >>> ip_asn_index(qualification="s2", training=[], performance_score=101,
        ...              discipline="tidak_ada")
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'performance_score' must be a number 0-100 (got 101)
    """
    education = _validate.to_enum(Education, "qualification")(qualification)
    sanction = _validate.to_enum(Sanction, "discipline")(discipline)
    score = _validate.number_in_range("performance_score", performance_score, low=0, high=100)
    records = _validate.instances("training", training, TrainingRecord)
    if not isinstance(group, str):
        raise ValidationError("group", "a text", group)
    q = float(policy.qualification_points[education])
    c = float(policy.competency_points(records))
    p = float(policy.performance_points(score))
    d = float(policy.discipline_points[sanction])
    total = q + c + p + d
    return IpAsnResult(
        nip=_nip_or_none(nip),
        group=group,
        education=education,
        qualification=q,
        competency=c,
        performance=p,
        discipline=d,
        total=total,
        band=policy.band_for(total),
        policy=policy,
    )


@attrs.frozen(kw_only=True)
class IpAsnGroup:
    """Summary of one group.

    Args:
        group: The group label.
        count: Number of people.
        mean: Mean total.
        bands: ``(band label, count)`` for every band of the policy, highest band first.
    """

    group: str
    count: int
    mean: float
    bands: tuple[tuple[str, int], ...]


@attrs.frozen(kw_only=True)
class IpAsnSummary:
    """Mean index and band distribution per group, sorted by group.

    Args:
        groups: One summary per group.
        by: What the results were grouped by.
    """

    groups: tuple[IpAsnGroup, ...]
    by: str

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per group with a column per band.

        Examples:
            >>> r = ip_asn_index(qualification="s3", training=[], performance_score=95,
            ...                  discipline="tidak_ada", group="Dukcapil")
            >>> summarise_ip_asn([r]).to_dataframe()[["group", "count", "mean"]].values.tolist()
            [['Dukcapil', 1, 60.0]]
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows: list[dict[str, object]] = []
        for g in self.groups:
            row: dict[str, object] = {"group": g.group, "count": g.count, "mean": g.mean}
            row.update(dict(g.bands))
            rows.append(row)
        labels = [label for label, _ in self.groups[0].bands] if self.groups else []
        return pd.DataFrame(rows, columns=["group", "count", "mean", *labels])


def summarise_ip_asn(
    results: Iterable[IpAsnResult],
    *,
    by: str | Callable[[IpAsnResult], str] = "group",
) -> IpAsnSummary:
    """Summarise results per group: how many, the mean total and how many in each band.

    Args:
        results: Results of :func:`ip_asn_index`.
        by: The result attribute to group by (``"group"``, ``"band"``, ``"education"``)
            or a function of a result returning a label.

    Returns:
        One summary per group, sorted by label; bands follow the results' policy.

    Raises:
        ValidationError: If ``by`` names no attribute of a result, a result is not
            an :class:`IpAsnResult`, a label is not a text, or the results come from
            policies with different bands (their counts could not be set side by side).

    Examples:
        >>> rs = [ip_asn_index(qualification=q, training=[], performance_score=s,
        ...                    discipline="tidak_ada", group=g)
        ...       for q, s, g in [("s3", 95, "A"), ("s1_d4", 80, "A"), ("d3", 40, "B")]]
        >>> [(g.group, g.count, g.mean) for g in summarise_ip_asn(rs).groups]
        [('A', 2, 52.5), ('B', 1, 16.0)]
        >>> dict(summarise_ip_asn(rs).groups[0].bands)["Sangat Rendah"]
        2
    """
    if not isinstance(results, Iterable):
        raise ValidationError("results", "a sequence of IpAsnResult", results)
    items = tuple(results)
    for i, r in enumerate(items):
        if not isinstance(r, IpAsnResult):
            raise ValidationError(f"results[{i}]", "an IpAsnResult", r)
    labels = [b.label for b in reversed(items[0].policy.bands)] if items else []
    for i, r in enumerate(items):
        if r.policy.bands != items[0].policy.bands:
            raise ValidationError(
                f"results[{i}].policy.bands",
                "the bands of results[0]",
                tuple((band.label, band.minimum) for band in r.policy.bands),
            )
    label_of: Callable[[IpAsnResult], str]
    if callable(by):
        label_of = by
        name = getattr(by, "__name__", "function")
    else:
        if by not in attrs.fields_dict(IpAsnResult) or by == "policy":
            raise ValidationError("by", "an attribute of IpAsnResult or a function", by)

        def label_of(r: IpAsnResult) -> str:
            value = getattr(r, by)
            return str(value.value) if isinstance(value, enum.Enum) else str(value)

        name = by
    grouped: dict[str, list[IpAsnResult]] = {}
    for i, r in enumerate(items):
        label = label_of(r)
        if not isinstance(label, str):
            raise ValidationError(f"by(results[{i}])", "a text label", label)
        grouped.setdefault(label, []).append(r)
    groups = []
    for key in sorted(grouped):
        members = grouped[key]
        counts = dict.fromkeys(labels, 0)
        for r in members:
            counts[r.band] = counts.get(r.band, 0) + 1
        groups.append(
            IpAsnGroup(
                group=key,
                count=len(members),
                mean=_validate.fsum_mean([r.total for r in members]),
                bands=tuple(counts.items()),
            )
        )
    return IpAsnSummary(groups=tuple(groups), by=name)
