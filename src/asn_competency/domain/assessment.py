"""Competency assessments and the current level they add up to.

An :class:`Assessment` is one assessed level of one competency of one person,
with its date and source (assessment centre, test, supervisor, peer, self). Several
assessments of one competency become one :class:`CurrentLevel` by a
:class:`CombinationRule` (see :func:`asn_competency.gaps.levels.combine_assessments`
and :class:`asn_competency.policies.combination.CombinationPolicy`).
:func:`check_assessments` checks assessments against a framework's competencies
and scales.

Examples:
    >>> import datetime as dt
    >>> a = Assessment(nip="199107202019031004", competency_id="MJ.KOM", level=3,
    ...                assessed_on=dt.date(2024, 3, 1), source="supervisor")
    >>> a.key, a.source.value
    (('199107202019031004', 'MJ.KOM'), 'supervisor')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import parse_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.errors import UnknownIdError, ValidationError

__all__ = ["Assessment", "AssessmentSource", "CombinationRule", "CurrentLevel", "check_assessments"]


class AssessmentSource(str, enum.Enum):
    """Who or what produced an assessment."""

    ASSESSMENT_CENTRE = "assessment_centre"
    TEST = "test"
    SUPERVISOR = "supervisor"
    PEER = "peer"
    SELF = "self"


_SMALL = 2**1000
"""Whole levels below this are held exactly enough by a float: no further check."""


_SEEN_LIMIT = 65_536
"""Texts remembered per check below; a full memory is emptied, so it stays bounded."""

_NIPS: dict[str, str] = {}
_IDS: set[str] = set()


def _nip(value: str) -> str:
    # A person's NIP repeats in each of their assessments: parse each text once.
    if type(value) is str:
        known = _NIPS.get(value)
        if known is not None:
            return known
        if len(_NIPS) >= _SEEN_LIMIT:
            _NIPS.clear()
        _NIPS[value] = known = parse_nip(value).value
        return known
    return parse_nip(value).value


def _competency_id(inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    # A few competency ids recur in every assessment: check each text once.
    if type(value) is str and value in _IDS:
        return
    _validate.identifier(inst, attribute, value)
    if type(value) is str:
        if len(_IDS) >= _SEEN_LIMIT:
            _IDS.clear()
        _IDS.add(value)


_to_source = _validate.to_enum(AssessmentSource, "source")


def _to_assessment_source(value: object) -> AssessmentSource:
    if type(value) is AssessmentSource:
        return value
    return _to_source(value)


def _date(_inst: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    # A datetime is a date too, but cannot be compared with one.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(attribute.name, "a date (datetime.date)", value)


@attrs.frozen(kw_only=True)
class Assessment:
    """One assessed level of one competency of one person.

    Args:
        nip: The person's NIP.
        competency_id: The competency assessed.
        level: The level found (checked against the scale by :func:`check_assessments`).
        assessed_on: The date of the assessment; not in the future.
        source: Assessment centre, test, supervisor, peer or self.
        assessor: Who assessed, if known.
        evidence: A reference to the evidence (report number, file, link).

    Raises:
        ValidationError: If the level is not a whole number >= 0, or the date is
            not a date (a datetime is not one) or is in the future.
    """

    nip: str = attrs.field(converter=_nip)
    competency_id: str = attrs.field(validator=_competency_id)
    level: int = attrs.field()
    assessed_on: dt.date = attrs.field(validator=[_date, _validate.not_after_today])
    source: AssessmentSource = attrs.field(
        default=AssessmentSource.ASSESSMENT_CENTRE,
        converter=_to_assessment_source,
    )
    assessor: str = ""
    evidence: str = ""

    @level.validator
    def _check_level(self, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is int and 0 <= value < _SMALL:  # the common case, checked cheaply
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError("level", "a whole number >= 0", value)
        if not _validate.is_finite_real(value):
            raise ValidationError("level", "a whole number >= 0 that a float can hold", value)

    @property
    def key(self) -> tuple[str, str]:
        """``(nip, competency_id)``: what the assessment is of."""
        return (self.nip, self.competency_id)

    @classmethod
    def factory(cls) -> Callable[..., Assessment]:
        """Return a constructor for many assessments, as fast as a file reader needs.

        It takes the same arguments as :class:`Assessment` (positional or by
        keyword) and runs the same converters and validators, but each distinct
        value of ``nip``, ``competency_id``, ``level``, ``assessed_on`` and
        ``source`` is converted and checked once and then reused: a file of a
        million rows names a few thousand people, competencies and dates. Memory
        stays bounded (each cache holds at most 32,768 values).

        Examples:
            >>> import datetime as dt
            >>> make = Assessment.factory()
            >>> a = make("199107202019031004", "MJ.KOM", 3, dt.date(2024, 3, 1))
            >>> a == Assessment(nip="199107202019031004", competency_id="MJ.KOM",
            ...                 level=3, assessed_on=dt.date(2024, 3, 1))
            True
        """
        return _Factory(cls)


class CombinationRule(str, enum.Enum):
    """How several assessments of one competency become one current level."""

    LATEST = "latest"
    """The most recent assessment; same-day ties go to the higher-priority source."""
    HIGHEST = "highest"
    """The highest level ever assessed."""
    SOURCE_PRIORITY = "source_priority"
    """The most recent assessment from the highest-priority source present."""
    RECENCY_WEIGHTED = "recency_weighted"
    """A mean weighted by source weight and by exponential decay with age."""


@attrs.frozen(kw_only=True)
class CurrentLevel:
    """The combined current level of one competency of one person, with provenance.

    Args:
        nip: The person.
        competency_id: The competency.
        level: The combined level (a whole number except under the recency-weighted rule).
        rule: The rule that produced it.
        policy_name: The name of the policy used.
        based_on: The assessments considered, oldest first.
        decisive: The assessments that set the level (all of them for the weighted rule).
    """

    nip: str
    competency_id: str
    level: float
    rule: CombinationRule
    policy_name: str
    based_on: tuple[Assessment, ...]
    decisive: tuple[Assessment, ...]

    @property
    def assessed_on(self) -> dt.date:
        """The date of the newest decisive assessment."""
        return max(a.assessed_on for a in self.decisive)

    def explain(self) -> str:
        """Return one sentence saying how the level was reached."""
        used = ", ".join(
            f"{a.source.value} {a.assessed_on.isoformat()} level {a.level}" for a in self.decisive
        )
        return f"level {self.level:g} by rule {self.rule.value!r} from {used}"


def check_assessments(
    assessments: Iterable[Assessment],
    framework: CompetencyFramework,
    *,
    known_nips: Iterable[str] | None = None,
) -> None:
    """Check assessments against a framework and, optionally, a list of people.

    Raises:
        UnknownIdError: For an unknown competency or an unknown person.
        ValidationError: For a level outside the competency's scale, an item that
            is not an :class:`Assessment`, or a framework or ``known_nips`` of the
            wrong kind (a known NIP may be written with spaces).

    Examples:
        >>> import datetime as dt
        >>> from asn_competency import national_framework
        >>> bad = Assessment(nip="199001012015031001", competency_id="MJ.KOM", level=7,
        ...                  assessed_on=dt.date(2024, 1, 2))
        >>> try:
        ...     check_assessments([bad], national_framework())
        ... except ValidationError as e:
        ...     print(e)
        'assessments[0].level' must be a level in 1..5 (got 7)
    """
    if not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework", framework)
    nips: set[str] | None = None
    if known_nips is not None:
        if isinstance(known_nips, (str, bytes)) or not isinstance(known_nips, Iterable):
            raise ValidationError("known_nips", "a collection of NIPs or none", known_nips)
        # Written with spaces or without, a NIP is the same person.
        nips = {parse_nip(n, field=f"known_nips[{i}]").value for i, n in enumerate(known_nips)}
    for i, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise ValidationError(f"assessments[{i}]", "an Assessment", a)
        comp = framework[a.competency_id]
        comp.scale.validate_level(a.level, field=f"assessments[{i}].level", allow_na=True)
        if nips is not None and a.nip not in nips:
            raise UnknownIdError("employee", a.nip, f"assessments[{i}]")


_CACHE_LIMIT = 32_768
"""Distinct values remembered per field; a full cache is emptied, so memory stays bounded."""


class _Factory:
    """The constructor :meth:`Assessment.factory` returns.

    The checked fields' converters and validators are attrs' own (read from
    ``attrs.fields``), so the factory checks exactly what ``__init__`` checks; a
    test compares the two on drawn and hostile values. The object is then filled
    as attrs' generated ``__init__`` fills a frozen instance.
    """

    def __init__(self, cls: type[Assessment]) -> None:
        self.cls = cls
        self.fields: tuple[attrs.Attribute[Any], ...] = tuple(attrs.fields(cls)[:5])
        self.caches: tuple[dict[Any, Any], ...] = tuple({} for _ in self.fields)

    def check(self, i: int, raw: object) -> Any:
        """Run field ``i``'s converter and validator on ``raw``; remember the result."""
        field = self.fields[i]
        value = raw if field.converter is None else field.converter(raw)  # type: ignore[operator]
        if field.validator is not None:
            field.validator(None, field, value)
        cache = self.caches[i]
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[raw] = value
        return value

    def __call__(  # noqa: PLR0917 - positional on purpose: the hot path of large files
        self,
        nip: str,
        competency_id: str,
        level: int,
        assessed_on: dt.date,
        source: AssessmentSource | str = AssessmentSource.ASSESSMENT_CENTRE,
        assessor: str = "",
        evidence: str = "",
    ) -> Assessment:
        c_nip, c_cid, c_level, c_date, c_source = self.caches
        try:
            v_nip = c_nip.get(nip)
            v_cid = c_cid.get(competency_id)
            v_level = c_level.get(level)
            v_date = c_date.get(assessed_on)
            v_source = c_source.get(source)
        except TypeError:  # an unhashable value: the plain constructor names it
            return self.cls(
                nip=nip,
                competency_id=competency_id,
                level=level,
                assessed_on=assessed_on,
                source=source,
                assessor=assessor,
                evidence=evidence,
            )
        if v_nip is None:
            v_nip = self.check(0, nip)
        if v_cid is None:
            v_cid = self.check(1, competency_id)
        if v_level is None or type(v_level) is not type(level):
            v_level = self.check(2, level)
        if v_date is None or type(v_date) is not type(assessed_on):
            v_date = self.check(3, assessed_on)
        if v_source is None:
            v_source = self.check(4, source)
        obj = object.__new__(self.cls)
        setter = object.__setattr__
        setter(obj, "nip", v_nip)
        setter(obj, "competency_id", v_cid)
        setter(obj, "level", v_level)
        setter(obj, "assessed_on", v_date)
        setter(obj, "source", v_source)
        setter(obj, "assessor", assessor)
        setter(obj, "evidence", evidence)
        return obj
