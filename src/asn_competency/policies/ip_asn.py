"""The professionalism index (IP ASN) rule: PermenPAN-RB 38/2018.

:class:`IpAsnPolicy` holds the four dimensions' points and weights
(qualification 25, competency 40, performance 30, discipline 5) and the bands
(:data:`IP_ASN_PERMENPANRB_38_2018`).

Examples:
    >>> [b.label for b in IP_ASN_PERMENPANRB_38_2018.bands][:2]
    ['Sangat Rendah', 'Rendah']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.records import (
    Education,
    Sanction,
    TrainingKind,
    TrainingRecord,
)
from asn_competency.errors import ValidationError

__all__ = ["IP_ASN_PERMENPANRB_38_2018", "IpAsnBand", "IpAsnPolicy"]


def _printed(value: float) -> Fraction:
    """Return a number exactly as it prints: 0.2 is 1/5, not the binary 0.2000000000000000111."""
    return Fraction(repr(float(value)))


def _qualification_points(value: Mapping[Any, object]) -> Mapping[Education, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("qualification_points", "a mapping {education: points}", value)
    points = {
        _validate.to_enum(Education, "qualification")(k): _validate.number_in_range(
            f"qualification_points[{k}]", v, low=0
        )
        for k, v in value.items()
    }
    missing = [e.value for e in Education if e not in points]
    if missing:
        raise ValidationError("qualification_points", "points for every level", missing)
    return _validate.FrozenMapping({e: points[e] for e in Education})


def _discipline_points(value: Mapping[Any, object]) -> Mapping[Sanction, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("discipline_points", "a mapping {sanction: points}", value)
    points = {
        _validate.to_enum(Sanction, "discipline")(k): _validate.number_in_range(
            f"discipline_points[{k}]", v, low=0
        )
        for k, v in value.items()
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
        threshold = _validate.number_in_range(
            f"performance_steps[{i}] threshold", step[0], low=0, high=100
        )
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


@attrs.frozen(kw_only=True, repr=False)
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

    __repr__ = _validate.policy_repr

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
    source: str = attrs.field(default="", repr=False)

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
            >>> policy = IP_ASN_PERMENPANRB_38_2018
            >>> [policy.performance_points(s) for s in (50, 50.5, 51, 75, 76, 91)]
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
            >>> policy = IP_ASN_PERMENPANRB_38_2018
            >>> policy.band_for(90.5), policy.band_for(91), policy.band_for(60)
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
            >>> IP_ASN_PERMENPANRB_38_2018.competency_points([
            ...     TrainingRecord(kind="kepemimpinan", jp=120),
            ...     TrainingRecord(kind="fungsional", jp=60),
            ...     TrainingRecord(kind="teknis", jp=20),
            ...     TrainingRecord(kind="workshop", jp=4)])
            40.0
        """
        records = _validate.instances("training", training, TrainingRecord)
        points = 0.0
        if any(t.kind is TrainingKind.KEPEMIMPINAN and t.fits_position for t in records):
            points += self.leadership_points
        if any(t.kind is TrainingKind.FUNGSIONAL and t.fits_position for t in records):
            points += self.functional_points
        # Added as the hours print (10.6 + 9.2 + 0.2 is 20), exactly: a float sum would
        # give 19.999999999999996 in one order of the records and 20.0 in another.
        technical_jp = sum(
            (_printed(t.jp) for t in records if t.kind is TrainingKind.TEKNIS), Fraction(0)
        )
        if technical_jp >= _printed(self.technical_min_jp):
            points += self.technical_points
        if any(t.kind in _DEVELOPMENT for t in records):
            points += self.development_points
        return min(points, self.competency_max)


_DEVELOPMENT = frozenset(
    {TrainingKind.SEMINAR, TrainingKind.WORKSHOP, TrainingKind.MAGANG, TrainingKind.KURSUS}
)


IP_ASN_PERMENPANRB_38_2018 = IpAsnPolicy(
    name="permenpanrb-38-2018",
    version="2018.1",
    qualification_points={
        Education.S3: 25,
        Education.S2: 20,
        Education.S1_D4: 15,
        Education.D3: 10,
        Education.D1_D2_SMA: 5,
        Education.SD_SMP: 1,
    },
    performance_steps=((0, 1), (51, 5), (61, 15), (76, 25), (91, 30)),
    discipline_points={
        Sanction.BERAT: 1,
        Sanction.SEDANG: 2,
        Sanction.RINGAN: 3,
        Sanction.TIDAK_ADA: 5,
    },
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
