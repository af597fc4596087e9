"""Competencies, their types and proficiency scales.

A :class:`Competency` is measured on a :class:`ProficiencyScale` of ordered
:class:`ProficiencyLevel` objects. The national managerial and socio-cultural
competencies use five levels; technical competencies are defined by each agency
and may use any scale.

Examples:
    >>> scale = ProficiencyScale.default()
    >>> [lvl.number for lvl in scale.levels]
    [1, 2, 3, 4, 5]
    >>> c = Competency(id="TK.ARSIP", name_id="Kearsipan", name_en="Records management",
    ...                type=CompetencyType.TEKNIS)
    >>> c.scale.validate_level(3, field="level")
    3
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError

__all__ = ["Competency", "CompetencyType", "ProficiencyLevel", "ProficiencyScale"]


class CompetencyType(str, enum.Enum):
    """The three competency types of the ASN competency standard."""

    TEKNIS = "teknis"
    """Technical: defined per agency and position."""
    MANAJERIAL = "manajerial"
    """Managerial: the eight national managerial competencies."""
    SOSIAL_KULTURAL = "sosial_kultural"
    """Socio-cultural: Perekat Bangsa."""


def _text(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise ValidationError(attribute.name, "a text (empty if none)", value)


@attrs.frozen(kw_only=True)
class ProficiencyLevel:
    """One level of a proficiency scale.

    Args:
        number: The level's position on the scale (0 is reserved for "not applicable").
        label: A short name for the level.
        descriptor: One sentence saying what a person at this level does.
    """

    number: int = attrs.field()
    label: str = attrs.field(validator=_validate.non_empty)
    descriptor: str = attrs.field(default="", validator=_text)

    @number.validator
    def _check_number(self, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError("number", "a whole number >= 0", value)


_DEFAULT_LABELS = (
    (1, "Level 1", "Applies the competency to own work with guidance."),
    (2, "Level 2", "Applies the competency independently and helps peers."),
    (3, "Level 3", "Applies the competency across a work unit."),
    (4, "Level 4", "Applies the competency across the organisation."),
    (5, "Level 5", "Applies the competency at national, strategic scope."),
)


def _levels(value: Iterable[Any]) -> tuple[ProficiencyLevel, ...]:
    if isinstance(value, (str, bytes, ProficiencyLevel)) or not isinstance(value, Iterable):
        raise ValidationError("levels", "a sequence of ProficiencyLevel objects", value)
    return tuple(value)


def _optional_level(
    _inst: object, attribute: attrs.Attribute[ProficiencyLevel | None], value: object
) -> None:
    if value is not None and not isinstance(value, ProficiencyLevel):
        raise ValidationError(attribute.name, "a ProficiencyLevel numbered 0, or none", value)


@attrs.frozen(kw_only=True)
class ProficiencyScale:
    """An ordered set of proficiency levels.

    Args:
        id: Stable id of the scale.
        levels: The levels, numbered 1, 2, ... without gaps, in increasing order.
        not_applicable: An optional level numbered 0 meaning "not applicable".

    Raises:
        ValidationError: If the levels are empty, not numbered 1..n in order, or
            the not-applicable level is not numbered 0.
    """

    id: str = attrs.field(default="default-1-5", validator=_validate.identifier)
    levels: tuple[ProficiencyLevel, ...] = attrs.field(converter=_levels)
    not_applicable: ProficiencyLevel | None = attrs.field(default=None, validator=_optional_level)

    @levels.validator
    def _check_levels(
        self, attribute: attrs.Attribute[tuple[ProficiencyLevel, ...]], value: tuple[object, ...]
    ) -> None:
        if not value:
            raise ValidationError("levels", "at least one level", value)
        for i, level in enumerate(value, start=1):
            if not isinstance(level, ProficiencyLevel):
                raise ValidationError(f"levels[{i - 1}]", "a ProficiencyLevel", level)
            if level.number != i:
                raise ValidationError(
                    f"levels[{i - 1}].number",
                    f"{i} (levels are numbered 1..n in order)",
                    level.number,
                )

    @not_applicable.validator
    def _check_na(
        self, attribute: attrs.Attribute[ProficiencyLevel | None], value: ProficiencyLevel | None
    ) -> None:
        if value is not None and value.number != 0:
            raise ValidationError("not_applicable.number", "0", value.number)

    @classmethod
    def default(cls) -> ProficiencyScale:
        """Return the generic 1-5 scale with short English descriptors."""
        return cls(
            levels=tuple(
                ProficiencyLevel(number=n, label=label, descriptor=d)
                for n, label, d in _DEFAULT_LABELS
            )
        )

    @property
    def minimum(self) -> int:
        """The lowest level number (always 1)."""
        return 1

    @property
    def maximum(self) -> int:
        """The highest level number."""
        return len(self.levels)

    def level(self, number: int) -> ProficiencyLevel:
        """Return the level numbered ``number``.

        Raises:
            ValidationError: If the scale has no such level.
        """
        whole = isinstance(number, int) and not isinstance(number, bool)
        if self.not_applicable is not None and whole and number == 0:
            return self.not_applicable
        self.validate_level(number, field="number")
        return self.levels[number - 1]

    def validate_level(self, value: int, *, field: str = "level", allow_na: bool = False) -> int:
        """Return ``value`` if it is a level of this scale, else raise.

        Args:
            value: The level number to check.
            field: The name to use in the error message.
            allow_na: Accept 0 when the scale has a not-applicable level.

        Raises:
            ValidationError: If ``value`` is not on the scale.
        """
        ok = not isinstance(value, bool) and isinstance(value, int)
        if ok and allow_na and self.not_applicable is not None and value == 0:
            return value
        if not ok or not 1 <= value <= self.maximum:
            raise ValidationError(field, f"a level in 1..{self.maximum}", value)
        return value


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    # A text is iterable too, but its letters are not competency ids.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("related_ids", "a collection of competency ids", value)
    items = tuple(value)
    for i in items:
        if not _validate.is_identifier(i):
            raise ValidationError("related_ids", "ids of letters, digits, '_', '.', ':' or '-'", i)
    return tuple(sorted(set(items)))


def _scale(_inst: object, attribute: attrs.Attribute[ProficiencyScale], value: object) -> None:
    if not isinstance(value, ProficiencyScale):
        raise ValidationError("scale", "a ProficiencyScale", value)


def _parent(_inst: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not _validate.is_identifier(value):
        raise ValidationError(
            "parent_id", "none or an id of letters, digits, '_', '.', ':' or '-'", value
        )


def _to_competency_type(value: object) -> CompetencyType:
    return _validate.to_enum(CompetencyType, "type")(value)


@attrs.frozen(kw_only=True)
class Competency:
    """A competency that people can be assessed on and developed in.

    Args:
        id: Stable id, for example ``"MJ.INT"``.
        name_id: Indonesian name.
        name_en: English name.
        type: Technical, managerial or socio-cultural.
        scale: The proficiency scale (1-5 by default).
        description: What the competency covers.
        parent_id: Id of the parent competency, for hierarchies of technical competencies.
        related_ids: Ids of related competencies (kept sorted and unique).
        level_descriptors: Per-level descriptors specific to this competency, if
            they differ from the scale's generic ones.
    """

    id: str = attrs.field(validator=_validate.identifier)
    name_id: str = attrs.field(validator=_validate.non_empty)
    name_en: str = attrs.field(default="", validator=_text)
    type: CompetencyType = attrs.field(converter=_to_competency_type)
    scale: ProficiencyScale = attrs.field(factory=ProficiencyScale.default, validator=_scale)
    description: str = attrs.field(default="", validator=_text)
    parent_id: str | None = attrs.field(default=None, validator=_parent)
    related_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids)

    def __attrs_post_init__(self) -> None:
        if self.parent_id == self.id:
            raise ValidationError("parent_id", "an id other than the competency's own", self.id)
        if self.id in self.related_ids:
            raise ValidationError("related_ids", "ids other than the competency's own", self.id)

    @property
    def name(self) -> str:
        """The English name when given, else the Indonesian one."""
        return self.name_en or self.name_id
