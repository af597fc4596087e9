"""Positions, position tiers and the competency standard each position requires.

Examples:
    >>> std = PositionStandard(position_id="DUKCAPIL.FO", framework_id="asn-national",
    ...     requirements=[Requirement(competency_id="MJ.PP", level=2, importance=3)])
    >>> std.required_level("MJ.PP")
    2
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.errors import UnknownIdError, ValidationError

__all__ = [
    "Golongan",
    "Position",
    "PositionKind",
    "PositionStandard",
    "PositionTier",
    "Requirement",
]


class PositionKind(str, enum.Enum):
    """Structural (leadership), administrative or functional position."""

    PIMPINAN_TINGGI = "pimpinan_tinggi"
    ADMINISTRASI = "administrasi"
    FUNGSIONAL = "fungsional"


class PositionTier(str, enum.Enum):
    """The tier (jenjang) of a position, used to set default required levels.

    ``seniority`` orders tiers within their track: 0 is the most junior.
    """

    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    AHLI_UTAMA = "ahli_utama"
    AHLI_MADYA = "ahli_madya"
    AHLI_MUDA = "ahli_muda"
    AHLI_PERTAMA = "ahli_pertama"
    PENYELIA = "penyelia"
    MAHIR = "mahir"
    TERAMPIL = "terampil"
    PEMULA = "pemula"

    @property
    def kind(self) -> PositionKind:
        """Whether the tier is a leadership, administrative or functional one."""
        if self.name.startswith("JPT"):
            return PositionKind.PIMPINAN_TINGGI
        if self in (PositionTier.ADMINISTRATOR, PositionTier.PENGAWAS, PositionTier.PELAKSANA):
            return PositionKind.ADMINISTRASI
        return PositionKind.FUNGSIONAL

    @property
    def seniority(self) -> int:
        """A rank comparable across tracks: 0 (entry) to 8 (JPT Utama)."""
        return _SENIORITY[self]


_SENIORITY: Mapping[PositionTier, int] = {
    PositionTier.PEMULA: 0,
    PositionTier.PELAKSANA: 1,
    PositionTier.TERAMPIL: 1,
    PositionTier.MAHIR: 2,
    PositionTier.AHLI_PERTAMA: 2,
    PositionTier.PENYELIA: 3,
    PositionTier.PENGAWAS: 3,
    PositionTier.AHLI_MUDA: 3,
    PositionTier.ADMINISTRATOR: 4,
    PositionTier.AHLI_MADYA: 5,
    PositionTier.JPT_PRATAMA: 5,
    PositionTier.AHLI_UTAMA: 6,
    PositionTier.JPT_MADYA: 7,
    PositionTier.JPT_UTAMA: 8,
}


_GOLONGAN = re.compile(r"^(I|II|III|IV)/([a-e])$")


_PPPK = re.compile(r"^([1-9]|1[0-7])$")


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@attrs.frozen
class Golongan:
    """A rank group: a PNS rank from ``I/a`` to ``IV/e``, or a PPPK grade from ``1`` to ``17``.

    Examples:
        >>> Golongan("III/b") < Golongan("III/c") < Golongan("IV/a")
        True
        >>> Golongan("III/b").rank
        12
    """

    value: str = attrs.field()

    @value.validator
    def _check(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not (_GOLONGAN.match(value) or _PPPK.match(value)):
            raise ValidationError(
                "golongan", "a PNS rank such as 'III/a' (I-IV, a-e) or a PPPK grade 1-17", value
            )

    @property
    def is_pppk(self) -> bool:
        """True for a PPPK grade (a number)."""
        return bool(_PPPK.match(self.value))

    @property
    def rank(self) -> int:
        """An order within the scheme: I/a is 1, IV/e is 20; PPPK grades are their number."""
        match = _GOLONGAN.match(self.value)
        if match is None:
            return int(self.value)
        return (_ROMAN[match.group(1)] - 1) * 5 + "abcde".index(match.group(2)) + 1

    def __lt__(self, other: Golongan) -> bool:
        if not isinstance(other, Golongan) or self.is_pppk != other.is_pppk:
            return NotImplemented
        return self.rank < other.rank

    def __str__(self) -> str:
        return self.value


def _to_position_tier(value: object) -> PositionTier:
    return _validate.to_enum(PositionTier, "tier")(value)


@attrs.frozen(kw_only=True)
class Position:
    """A position (jabatan) in an agency.

    Args:
        id: Stable id of the position.
        title: Position title, for example ``"Pengadministrasi Kependudukan"``.
        tier: The position's tier.
        agency: The agency (instansi or perangkat daerah) it belongs to.
        unit: The work unit.
    """

    id: str = attrs.field(validator=_validate.identifier)
    title: str = attrs.field(validator=_validate.non_empty)
    tier: PositionTier = attrs.field(converter=_to_position_tier)
    agency: str = attrs.field(default="", validator=_validate.text)
    unit: str = attrs.field(default="", validator=_validate.text)


@attrs.frozen(kw_only=True)
class Requirement:
    """The level one competency must reach in a position, and how much it matters.

    Args:
        competency_id: The competency.
        level: The required level (checked against the framework's scale by
            :meth:`PositionStandard.check_against`).
        importance: A weight of at least 0 (1 by default); gap scores weigh by it.
    """

    competency_id: str = attrs.field(validator=_validate.identifier)
    level: int = attrs.field(converter=_validate.plain, validator=_validate.positive_int)
    importance: float = attrs.field(
        default=1.0, converter=_validate.plain, validator=_validate.non_negative
    )


def _sorted_requirements(value: Iterable[Any]) -> tuple[Requirement, ...]:
    items = _validate.instances("requirements", value, Requirement)
    return tuple(sorted(items, key=lambda r: r.competency_id))


@attrs.frozen(kw_only=True)
class PositionStandard:
    """The competency standard of a position: a required level per competency.

    Args:
        position_id: The position this standard is for.
        framework_id: The framework whose competencies it names.
        requirements: One requirement per competency (sorted by competency id).

    Raises:
        ValidationError: If a competency appears twice.
    """

    position_id: str = attrs.field(validator=_validate.identifier)
    framework_id: str = attrs.field(validator=_validate.identifier)
    requirements: tuple[Requirement, ...] = attrs.field(converter=_sorted_requirements)

    @requirements.validator
    def _check(
        self, attribute: attrs.Attribute[tuple[Requirement, ...]], value: tuple[Requirement, ...]
    ) -> None:
        _validate.unique_ids("requirements", [r.competency_id for r in value])

    @property
    def competency_ids(self) -> tuple[str, ...]:
        """The competencies the standard names, sorted."""
        return tuple(r.competency_id for r in self.requirements)

    def requirement(self, competency_id: str) -> Requirement:
        """Return the requirement for one competency.

        Raises:
            UnknownIdError: If the standard does not name the competency.
        """
        for r in self.requirements:
            if r.competency_id == competency_id:
                return r
        raise UnknownIdError("competency", competency_id, f"standard {self.position_id!r}")

    def required_level(self, competency_id: str) -> int:
        """Return the level required for one competency."""
        return self.requirement(competency_id).level

    def check_against(self, framework: CompetencyFramework) -> None:
        """Check that every competency and level exists in ``framework``.

        Raises:
            UnknownIdError: If a competency is not in the framework.
            ValidationError: If a level is outside the competency's scale, or
                ``framework`` is not a framework.
        """
        if not isinstance(framework, CompetencyFramework):
            raise ValidationError("framework", "a CompetencyFramework", framework)
        for i, r in enumerate(self.requirements):
            comp = framework[r.competency_id]
            comp.scale.validate_level(r.level, field=f"requirements[{i}].level")
