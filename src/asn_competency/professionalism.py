"""The civil-service professionalism index (Indeks Profesionalitas ASN, IP ASN).

The index scores one civil servant on four dimensions and adds them up to
0-100: qualification (education, at most 25), competency (training, at most
40), performance (the SKP score, at most 30) and discipline (sanctions in the
last five years, at most 5). The total falls in one of five bands, from Sangat
Tinggi (91-100) to Sangat Rendah (60 or less). Every point value lives in an
:class:`IpAsnPolicy`; :data:`IP_ASN_2018` follows PermenPAN-RB 38/2018 and
Peraturan BKN 8/2019 where they are known and documents where it is our reading.

Examples:
    >>> r = ip_asn_index(
    ...     qualification="s1_d4",
    ...     training=[TrainingRecord(kind="technical", jp=24),
    ...               TrainingRecord(kind="seminar", jp=8)],
    ...     performance_score=88,
    ...     discipline="none",
    ... )
    >>> r.qualification, r.competency, r.performance, r.discipline, r.total, r.band
    (15.0, 20.0, 25.0, 5.0, 65.0, 'Rendah')
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.employee import parse_nip
from asn_competency.errors import ValidationError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "IP_ASN_2018",
    "Education",
    "IpAsnBand",
    "IpAsnGroup",
    "IpAsnPolicy",
    "IpAsnResult",
    "IpAsnSummary",
    "Sanction",
    "TrainingKind",
    "TrainingRecord",
    "ip_asn_index",
    "ip_asn_summary",
]


class Education(str, enum.Enum):
    """Highest education completed, as the qualification dimension groups it."""

    S3 = "s3"
    S2 = "s2"
    S1_D4 = "s1_d4"
    D3 = "d3"
    D1_D2_SMA = "d1_d2_sma"
    LOWER = "lower"
    """Below senior secondary school (SMP, SD)."""


class TrainingKind(str, enum.Enum):
    """Kinds of competency development counted by the competency dimension."""

    LEADERSHIP = "leadership"
    """Diklat/pelatihan kepemimpinan (PIM, PKA, PKP)."""
    FUNCTIONAL = "functional"
    """Diklat fungsional for a functional position."""
    TECHNICAL = "technical"
    """Diklat/pelatihan teknis."""
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    INTERNSHIP = "internship"
    """Magang."""
    COURSE = "course"
    """Kursus."""


class Sanction(str, enum.Enum):
    """The heaviest disciplinary sanction in the last five years."""

    HEAVY = "heavy"
    MEDIUM = "medium"
    LIGHT = "light"
    NONE = "none"


def _to_kind(value: object) -> TrainingKind:
    return _validate.to_enum(TrainingKind, "kind")(value)


def _to_education(value: object) -> Education:
    return _validate.to_enum(Education, "qualification")(value)


def _to_sanction(value: object) -> Sanction:
    return _validate.to_enum(Sanction, "discipline")(value)


def _printed(value: float) -> Fraction:
    """Return a number exactly as it prints: 0.2 is 1/5, not the binary 0.2000000000000000111."""
    return Fraction(repr(float(value)))


def _records(training: object) -> tuple[TrainingRecord, ...]:
    return _validate.instances("training", training, TrainingRecord)


def _jp(value: object) -> float:
    return _validate.number_in_range("jp", value, low=0)


def _is_bool(_inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError(attribute.name, "True or False", value)


def _year(_inst: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError(attribute.name, "a year (a whole number) or None", value)


@attrs.frozen(kw_only=True)
class TrainingRecord:
    """One completed training or development activity.

    Args:
        kind: Leadership, functional, technical, seminar, workshop, internship or course.
        jp: Lesson hours (*jam pelajaran*), at least 0.
        fits_position: Whether it is the training the current position requires
            (counts for leadership and functional training).
        title: Title, for reports.
        year: Year completed, if known.

    Raises:
        ValidationError: If a field has the wrong type or is out of range;
            ``fits_position`` must be a bool (the text ``"no"`` would count as fitting).

    Examples:
        >>> TrainingRecord(kind="leadership", jp=120, title="PKA").kind
        <TrainingKind.LEADERSHIP: 'leadership'>
    """

    kind: TrainingKind = attrs.field(converter=_to_kind)
    jp: float = attrs.field(default=0.0, converter=_jp)
    fits_position: bool = attrs.field(default=True, validator=_is_bool)
    title: str = ""
    year: int | None = attrs.field(default=None, validator=_year)


def _qualification_points(value: Mapping[Any, object]) -> Mapping[Education, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("qualification_points", "a mapping {education: points}", value)
    points = {
        _to_education(k): _validate.number_in_range(f"qualification_points[{k}]", v, low=0) for k, v in value.items()
    }
    missing = [e.value for e in Education if e not in points]
    if missing:
        raise ValidationError("qualification_points", "points for every level", missing)
    return _validate.FrozenMapping({e: points[e] for e in Education})


def _discipline_points(value: Mapping[Any, object]) -> Mapping[Sanction, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("discipline_points", "a mapping {sanction: points}", value)
    points = {
        _to_sanction(k): _validate.number_in_range(f"discipline_points[{k}]", v, low=0) for k, v in value.items()
    }
    missing = [s.value for s in Sanction if s not in points]
    if missing:
        raise ValidationError("discipline_points", "points for every sanction", missing)
    return _validate.FrozenMapping({s: points[s] for s in Sanction})


def _bands(value: Iterable[IpAsnBand]) -> tuple[IpAsnBand, ...]:
    try:
        items = tuple(value)
    except TypeError:
        raise ValidationError("bands", "a sequence of IpAsnBand", value) from None
    for i, b in enumerate(items):
        if not isinstance(b, IpAsnBand):
            raise ValidationError(f"bands[{i}]", "an IpAsnBand", b)
    _validate.unique_ids("bands", [b.label for b in items])
    minimums = sorted(b.minimum for b in items)
    for low, high in itertools.pairwise(minimums):
        if low == high:
            # Two bands from one minimum: which one a total gets would depend on input order.
            raise ValidationError("bands", "a different minimum for each band", high)
    if minimums and minimums[0] != 0:
        raise ValidationError("bands", "a lowest band starting at 0", minimums[0])
    return tuple(sorted(items, key=lambda b: b.minimum))


def _steps(value: Iterable[object]) -> tuple[tuple[float, float], ...]:
    steps: list[tuple[float, float]] = []
    if not isinstance(value, Iterable):
        raise ValidationError("performance_steps", "a sequence of (threshold, points)", value)
    for i, step in enumerate(value):
        if not isinstance(step, (tuple, list)) or len(step) != 2:
            raise ValidationError(f"performance_steps[{i}]", "a (threshold, points) pair", step)
        threshold = _validate.number_in_range(f"performance_steps[{i}] threshold", step[0], low=0, high=100)
        points = _validate.number_in_range(f"performance_steps[{i}] points", step[1], low=0)
        steps.append((threshold, points))
    steps.sort()
    if steps and steps[0][0] != 0:
        raise ValidationError("performance_steps", "a first step at score 0", steps[0][0])
    return tuple(steps)


def _band_minimum(value: object) -> float:
    return _validate.number_in_range("minimum", value, low=0)


@attrs.frozen(kw_only=True)
class IpAsnBand:
    """One band of the total: its label and its printed lowest total.

    Args:
        label: ``"Sangat Tinggi"`` ... ``"Sangat Rendah"``.
        minimum: Lowest total in the band.
    """

    label: str = attrs.field(validator=_validate.non_empty)
    minimum: float = attrs.field(converter=_band_minimum)


_BANDS_2018 = (
    IpAsnBand(label="Sangat Rendah", minimum=0),
    IpAsnBand(label="Rendah", minimum=61),
    IpAsnBand(label="Sedang", minimum=71),
    IpAsnBand(label="Tinggi", minimum=81),
    IpAsnBand(label="Sangat Tinggi", minimum=91),
)


@attrs.frozen(kw_only=True)
class IpAsnPolicy:
    """Point values, maxima and bands of the professionalism index.

    Competency dimension, as scored here: leadership training that fits the
    position earns ``leadership_points`` once; functional training that fits it
    earns ``functional_points`` once; technical training of at least
    ``technical_min_jp`` lesson hours in total (added exactly, as the hours
    print) earns ``technical_points``; a
    seminar, workshop, internship or course earns ``development_points`` once.
    The sum is capped at ``competency_max``.

    Performance: the points of the highest step whose threshold the SKP score
    reaches (``performance_steps`` as ``(threshold, points)``). Bands likewise:
    a total gets the highest band whose printed minimum it reaches, so a
    fractional 90.5 is Tinggi, not Sangat Tinggi (the printed bands are whole
    numbers and leave 90-91 open).

    Args:
        name: Policy name.
        version: Policy version.
        qualification_points: Points per education level.
        leadership_points: Points for fitting leadership training.
        functional_points: Points for fitting functional training.
        technical_points: Points for enough technical training.
        technical_min_jp: Lesson hours of technical training needed.
        development_points: Points for a seminar, workshop, internship or course.
        competency_max: Cap of the competency dimension.
        performance_steps: ``(lowest SKP score, points)`` steps.
        discipline_points: Points per heaviest sanction.
        bands: Bands of the total: unique labels and minimums, the lowest at 0.
        source: The regulation or practice followed and how sure we are.

    Raises:
        ValidationError: If a point value is not a number >= 0, a table misses
            an education level or sanction, the performance steps do not start
            at score 0, or the bands repeat a label or a minimum or do not start at 0.
    """

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    qualification_points: Mapping[Education, float] = attrs.field(
        converter=_qualification_points, hash=False
    )
    leadership_points: float = 15.0
    functional_points: float = 15.0
    technical_points: float = 15.0
    technical_min_jp: float = 20.0
    development_points: float = 5.0
    competency_max: float = 40.0
    performance_steps: tuple[tuple[float, float], ...] = attrs.field(converter=_steps)
    discipline_points: Mapping[Sanction, float] = attrs.field(
        converter=_discipline_points, hash=False
    )
    bands: tuple[IpAsnBand, ...] = attrs.field(default=_BANDS_2018, converter=_bands)
    source: str = ""

    def __attrs_post_init__(self) -> None:
        for field in (
            "leadership_points",
            "functional_points",
            "technical_points",
            "technical_min_jp",
            "development_points",
            "competency_max",
        ):
            _validate.number_in_range(field, getattr(self, field), low=0)
        if not self.performance_steps:
            raise ValidationError("performance_steps", "at least one step", ())
        if not self.bands:
            raise ValidationError("bands", "at least one band", ())

    def performance_points(self, score: float) -> float:
        """Return the points for an SKP score.

        Raises:
            ValidationError: If ``score`` is not a number 0-100.

        Examples:
            >>> [IP_ASN_2018.performance_points(s) for s in (50, 50.5, 51, 75, 76, 91)]
            [1.0, 1.0, 5.0, 15.0, 25.0, 30.0]
        """
        score = _validate.number_in_range("performance_score", score, low=0, high=100)
        points = self.performance_steps[0][1]
        for threshold, value in self.performance_steps:
            if score >= threshold:
                points = value
        return points

    def band_for(self, total: float) -> str:
        """Return the band label of a total.

        Raises:
            ValidationError: If ``total`` is not a finite number >= 0 (NaN used to
                fall in the lowest band).

        Examples:
            >>> IP_ASN_2018.band_for(90.5), IP_ASN_2018.band_for(91), IP_ASN_2018.band_for(60)
            ('Tinggi', 'Sangat Tinggi', 'Sangat Rendah')
        """
        total = _validate.number_in_range("total", total, low=0)
        label = self.bands[0].label
        for b in self.bands:
            if total >= b.minimum:
                label = b.label
        return label

    def competency_points(self, training: Iterable[TrainingRecord]) -> float:
        """Return the competency dimension for a training history.

        Examples:
            >>> IP_ASN_2018.competency_points([
            ...     TrainingRecord(kind="leadership", jp=120),
            ...     TrainingRecord(kind="functional", jp=60),
            ...     TrainingRecord(kind="technical", jp=20),
            ...     TrainingRecord(kind="workshop", jp=4)])
            40.0
        """
        records = _records(training)
        points = 0.0
        if any(t.kind is TrainingKind.LEADERSHIP and t.fits_position for t in records):
            points += self.leadership_points
        if any(t.kind is TrainingKind.FUNCTIONAL and t.fits_position for t in records):
            points += self.functional_points
        # Added as the hours print (10.6 + 9.2 + 0.2 is 20), exactly: a float sum would
        # give 19.999999999999996 in one order of the records and 20.0 in another.
        technical_jp = sum(
            (_printed(t.jp) for t in records if t.kind is TrainingKind.TECHNICAL), Fraction(0)
        )
        if technical_jp >= _printed(self.technical_min_jp):
            points += self.technical_points
        if any(t.kind in _DEVELOPMENT for t in records):
            points += self.development_points
        return min(points, self.competency_max)


_DEVELOPMENT = frozenset(
    {TrainingKind.SEMINAR, TrainingKind.WORKSHOP, TrainingKind.INTERNSHIP, TrainingKind.COURSE}
)

IP_ASN_2018 = IpAsnPolicy(
    name="permenpanrb-38-2018",
    version="2018.1",
    qualification_points={
        Education.S3: 25,
        Education.S2: 20,
        Education.S1_D4: 15,
        Education.D3: 10,
        Education.D1_D2_SMA: 5,
        Education.LOWER: 1,
    },
    performance_steps=((0, 1), (51, 5), (61, 15), (76, 25), (91, 30)),
    discipline_points={Sanction.HEAVY: 1, Sanction.MEDIUM: 2, Sanction.LIGHT: 3, Sanction.NONE: 5},
    source=(
        "PermenPAN-RB 38/2018 and Peraturan BKN 8/2019. Checked: dimension weights 25/40/30/5, "
        "the bands (Sangat Tinggi 91-100, Tinggi 81-90, Sedang 71-80, Rendah 61-70, Sangat "
        "Rendah <= 60) and the S3 (25) and S2 (20) points. Seen in government software, "
        "consistent but unconfirmed: S1/D4 15, D3 10, D1/D2/SMA 5, lower 1; SKP steps <= 50: 1, "
        "51-60: 5, 61-75: 15, 76-90: 25, 91-100: 30; sanctions heavy 1, medium 2, light 3, "
        "none 5. Our reading: leadership 15 and functional 15 only when they fit the position, "
        "technical 15 for >= 20 JP in total, 5 once for any seminar, workshop, internship or "
        "course, capped at 40; a total or score between printed steps takes the lower one."
    ),
)
"""The professionalism index under PermenPAN-RB 38/2018 and Peraturan BKN 8/2019."""


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
            ...              discipline="none").explain()
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
    policy: IpAsnPolicy = IP_ASN_2018,
) -> IpAsnResult:
    """Score one civil servant's professionalism.

    Args:
        qualification: Highest education completed.
        training: Completed training and development that count for the period.
        performance_score: The SKP score, 0-100.
        discipline: The heaviest sanction in the last five years (``"none"`` if none).
        nip: The person's NIP, recorded in the result.
        group: A label to group results by in :func:`ip_asn_summary`.
        policy: Point values and bands.

    Returns:
        The four dimension scores, the total and its band.

    Raises:
        ValidationError: If the SKP score is outside 0-100, the education level or
            sanction is unknown, or a training entry is not a :class:`TrainingRecord`.

    Examples:
        >>> ip_asn_index(qualification="s2",
        ...              training=[TrainingRecord(kind="leadership", jp=200),
        ...                        TrainingRecord(kind="technical", jp=30),
        ...                        TrainingRecord(kind="course", jp=10)],
        ...              performance_score=91, discipline="none").total
        90.0
        >>> ip_asn_index(qualification="s2", training=[], performance_score=101,
        ...              discipline="none")
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'performance_score' must be a number 0-100 (got 101)
    """
    education = _to_education(qualification)
    sanction = _to_sanction(discipline)
    score = _validate.number_in_range("performance_score", performance_score, low=0, high=100)
    records = _records(training)
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
            ...                  discipline="none", group="Dukcapil")
            >>> ip_asn_summary([r]).to_dataframe()[["group", "count", "mean"]].values.tolist()
            [['Dukcapil', 1, 60.0]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows: list[dict[str, object]] = []
        for g in self.groups:
            row: dict[str, object] = {"group": g.group, "count": g.count, "mean": g.mean}
            row.update(dict(g.bands))
            rows.append(row)
        labels = [label for label, _ in self.groups[0].bands] if self.groups else []
        return pd.DataFrame(rows, columns=["group", "count", "mean", *labels])


def ip_asn_summary(
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
        ...                    discipline="none", group=g)
        ...       for q, s, g in [("s3", 95, "A"), ("s1_d4", 80, "A"), ("d3", 40, "B")]]
        >>> [(g.group, g.count, g.mean) for g in ip_asn_summary(rs).groups]
        [('A', 2, 52.5), ('B', 1, 16.0)]
        >>> dict(ip_asn_summary(rs).groups[0].bands)["Sangat Rendah"]
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
