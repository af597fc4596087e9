"""Personnel records that the professionalism index (IP ASN) reads.

The highest :class:`Education`, the competency development done
(:class:`TrainingRecord` of a :class:`TrainingKind`) and the heaviest
disciplinary :class:`Sanction` of the last five years. The index itself is
:func:`asn_competency.evaluation.professionalism.ip_asn_index`; its points and
bands are :class:`asn_competency.policies.ip_asn.IpAsnPolicy`.

Examples:
    >>> TrainingRecord(kind="teknis", jp=24, title="Bimtek SIAK").kind
    <TrainingKind.TEKNIS: 'teknis'>
    >>> Sanction("tidak_ada"), Education("s1_d4")
    (<Sanction.TIDAK_ADA: 'tidak_ada'>, <Education.S1_D4: 's1_d4'>)
"""

from __future__ import annotations

import enum

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError

__all__ = ["Education", "Sanction", "TrainingKind", "TrainingRecord"]


class Education(str, enum.Enum):
    """Highest education completed, as the qualification dimension groups it."""

    S3 = "s3"
    S2 = "s2"
    S1_D4 = "s1_d4"
    D3 = "d3"
    D1_D2_SMA = "d1_d2_sma"
    SD_SMP = "sd_smp"
    """Below senior secondary school (SMP, SD)."""


class TrainingKind(str, enum.Enum):
    """Kinds of competency development counted by the competency dimension."""

    KEPEMIMPINAN = "kepemimpinan"
    """Diklat/pelatihan kepemimpinan (PIM, PKA, PKP)."""
    FUNGSIONAL = "fungsional"
    """Diklat fungsional for a functional position."""
    TEKNIS = "teknis"
    """Diklat/pelatihan teknis."""
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    MAGANG = "magang"
    """Magang."""
    KURSUS = "kursus"
    """Kursus."""


class Sanction(str, enum.Enum):
    """The heaviest disciplinary sanction in the last five years."""

    BERAT = "berat"
    SEDANG = "sedang"
    RINGAN = "ringan"
    TIDAK_ADA = "tidak_ada"


def _to_kind(value: object) -> TrainingKind:
    return _validate.to_enum(TrainingKind, "kind")(value)


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
        >>> TrainingRecord(kind="kepemimpinan", jp=120, title="PKA").kind
        <TrainingKind.KEPEMIMPINAN: 'kepemimpinan'>
    """

    kind: TrainingKind = attrs.field(converter=_to_kind)
    jp: float = attrs.field(default=0.0, converter=_jp)
    fits_position: bool = attrs.field(default=True, validator=_is_bool)
    title: str = ""
    year: int | None = attrs.field(default=None, validator=_year)
