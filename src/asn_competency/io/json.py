"""Serialization at the edge: JSON-able data and JSON text for every domain object.

The domain classes know nothing of serialization; this module configures a
:mod:`cattrs` converter for them. Dates become ISO strings, enums their values.
Loading is strict (``"3"`` is not a level, unknown keys are errors) and reports
every problem with its JSON path.

Examples:
    >>> from asn_competency import national_framework, CompetencyFramework
    >>> fw = national_framework()
    >>> data = to_data(fw)
    >>> data["competencies"][0]["id"], data["competencies"][0]["type"]
    ('MJ.INT', 'manajerial')
    >>> from_data(CompetencyFramework, data) == fw
    True
    >>> data["competencies"][3]["scale"]["levels"][0]["number"] = "one"
    >>> from_data(CompetencyFramework, data)
    Traceback (most recent call last):
    ...
    asn_competency.errors.DocumentError: <data>: 1 problem
      $.competencies[3].scale.levels[0].number: expected int (got 'one')
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import sys
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from asn_competency.compliance.columnar import JpStatus
from asn_competency.domain.assessment import AssessmentSource, CombinationRule
from asn_competency.domain.competency import CompetencyType
from asn_competency.domain.development import Route, RouteCategory
from asn_competency.domain.employee import EmploymentStatus, Gender
from asn_competency.domain.framework import FrameworkStatus
from asn_competency.domain.indicators import Direction, KirkpatrickLevel
from asn_competency.domain.mentoring import MentoringStatus
from asn_competency.domain.period import Frequency
from asn_competency.domain.position import Golongan, PositionKind, PositionTier
from asn_competency.domain.records import Sanction
from asn_competency.errors import AsnCompetencyError, DocumentError, Problem, ValidationError
from asn_competency.policies.compliance import SplitRule
from asn_competency.policies.development import CreditBasis
from asn_competency.policies.nine_box import Performance, PoolLevel, Potential
from asn_competency.policies.routes import LearningMode
from asn_competency.policies.succession import Readiness
from asn_competency.talent.succession import Move
from asn_competency.trends.gaps import TrendDirection

__all__ = [
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "make_converter",
    "parse_json",
    "read_json",
    "to_data",
]


T = TypeVar("T")


def _strict(kind: type, name: str) -> Callable[[object, type], object]:
    def structure(value: object, _type: type) -> object:
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            try:
                return float(value)
            except OverflowError:
                # JSON allows whole numbers of any size; a float field cannot hold them.
                raise ValidationError("value", "a number within the float range", value) from None
        if not ok:
            raise ValidationError("value", f"a JSON {name}", value)
        return value

    return structure


def _structure_date(value: object, _type: type) -> dt.date:
    if not isinstance(value, str):
        raise ValidationError("value", "an ISO date string YYYY-MM-DD", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError("value", "an ISO date string YYYY-MM-DD", value) from None


def _structure_golongan(value: object, _type: type) -> Golongan:
    if not isinstance(value, str):
        raise ValidationError("value", "a text such as 'III/a'", value)
    try:
        return Golongan(value)
    except ValidationError as e:
        # The path already ends in the field's name: do not name it twice.
        raise ValidationError("value", e.expected, e.got) from None


def _enum_value(member: enum.Enum) -> Any:
    return member.value


_ENUMS: tuple[type[enum.Enum], ...] = (
    AssessmentSource,
    CombinationRule,
    CompetencyType,
    CreditBasis,
    Direction,
    EmploymentStatus,
    FrameworkStatus,
    Frequency,
    Gender,
    JpStatus,
    KirkpatrickLevel,
    LearningMode,
    MentoringStatus,
    Move,
    Performance,
    PoolLevel,
    PositionKind,
    PositionTier,
    Potential,
    Readiness,
    Route,
    RouteCategory,
    Sanction,
    SplitRule,
    TrendDirection,
)


def make_converter(*, forbid_extra_keys: bool = True) -> cattrs.Converter:
    """Return a cattrs converter configured for the domain objects.

    Args:
        forbid_extra_keys: Treat unknown keys in a document as errors.

    Returns:
        A new converter; changing it does not affect others.
    """
    conv = cattrs.Converter(forbid_extra_keys=forbid_extra_keys, detailed_validation=True)
    conv.register_structure_hook(int, _strict(int, "integer"))
    conv.register_structure_hook(float, _strict(float, "number"))
    conv.register_structure_hook(str, _strict(str, "string"))
    conv.register_structure_hook(bool, _strict(bool, "boolean"))
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    for enum_type in _ENUMS:
        # Our enums subclass str, which cattrs would pass through unchanged.
        conv.register_unstructure_hook(enum_type, _enum_value)
    conv.register_structure_hook(Golongan, _structure_golongan)
    conv.register_unstructure_hook(Golongan, lambda g: g.value)
    # JSON has no sets: a set of routes or types becomes a sorted array (read back as a set).
    conv.register_unstructure_hook_factory(_is_set_type, functools.partial(_sets_as_arrays, conv))
    # Strings and objects are iterable too: without these checks 'abc' would read as
    # the list ['a', 'b', 'c'] and {"a": 1} as ['a'], and 3 would fail with Python's words.
    conv.register_structure_hook_factory(attrs.has, functools.partial(_objects_only, conv))
    conv.register_structure_hook_factory(_is_array_type, functools.partial(_arrays_only, conv))
    return conv


def _is_set_type(type_: object) -> bool:
    return (typing.get_origin(type_) or type_) in (set, frozenset)


def _sets_as_arrays(conv: cattrs.Converter, type_: object) -> Callable[[Any], list[Any]]:
    args = typing.get_args(type_)
    inner: Callable[[Any], Any] = conv.get_unstructure_hook(args[0]) if args else conv.unstructure

    def unstructure(value: Any) -> list[Any]:
        items = [inner(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))

    return unstructure


class _ShapeError(ValueError):
    """A document holds a value of the wrong JSON shape (an object or an array expected)."""

    def __init__(self, expected: str, got: object) -> None:
        super().__init__(expected)
        self.expected = expected
        self.got = type(got).__name__


def objects_only(inner: Callable[[Any, Any], Any]) -> Callable[[object, type], Any]:
    """Wrap a structure function so that anything but a JSON object is a named problem.

    A converter's own hook would read a string or a list through Python's error
    messages; this one reports ``expected a JSON object (got list)`` at the path.
    """

    def structure(value: object, type_: type) -> Any:
        if not isinstance(value, Mapping):
            raise _ShapeError("a JSON object", value)
        return inner(value, type_)

    return structure


def _objects_only(conv: cattrs.Converter, cls: type) -> Callable[[object, type], object]:
    return objects_only(conv.gen_structure_attrs_fromdict(cls))


def _is_array_type(type_: object) -> bool:
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    return origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis)


def _arrays_only(conv: cattrs.Converter, type_: object) -> Callable[[object, type], object]:
    inner: Callable[[Any, Any], object]
    if typing.get_origin(type_) is list:
        inner = list_structure_factory(type_, conv)  # type: ignore[arg-type]
    else:
        inner = homogenous_tuple_structure_factory(type_, conv)  # type: ignore[arg-type]

    def structure(value: object, hint: type) -> object:
        if not isinstance(value, list):
            raise _ShapeError("a JSON array", value)
        return inner(value, hint)

    return structure


_CONVERTER = make_converter()


def _message(exc: BaseException) -> tuple[str, str]:  # noqa: PLR0911 - one branch per error kind
    """Return (path suffix, message) for a leaf exception."""
    if isinstance(exc, ValidationError):
        suffix = "" if exc.field == "value" else f".{exc.field}"
        if exc.field == "value":
            expected = exc.expected
            if expected.startswith("a JSON "):
                expected = {"integer": "int", "number": "float", "string": "str"}.get(
                    expected[7:], expected[7:]
                )
            return suffix, f"expected {expected} (got {exc.got!r})"
        return suffix, f"must be {exc.expected} (got {exc.got!r})"
    if isinstance(exc, KeyError):
        return "", "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return "", f"unknown field(s) {sorted(exc.extra_fields)}"
    if isinstance(exc, _ShapeError):
        return "", f"expected {exc.expected} (got {exc.got})"
    if isinstance(exc, AttributeError):
        return "", "expected a JSON object"
    if isinstance(exc, AsnCompetencyError):
        return "", str(exc)
    if isinstance(exc, (ValueError, TypeError)):
        return "", str(exc)
    return "", f"{type(exc).__name__}: {exc}"


def _walk(exc: BaseException, path: str, out: list[Problem]) -> None:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                sub = f"{path}.{note.name}"
            elif isinstance(note, IterableValidationNote):
                sub = f"{path}[{note.index!r}]"
            else:  # pragma: no cover - cattrs only attaches the two note kinds above
                sub = path
            _walk(inner, sub, out)
        for inner in without:
            _walk(inner, path, out)
        return
    if isinstance(exc, cattrs.BaseValidationError):
        for inner in exc.exceptions:
            _walk(inner, path, out)
        return
    suffix, message = _message(exc)
    out.append(Problem(path + suffix, message))


def problems_of(exc: BaseException) -> list[Problem]:
    """Return every problem inside a structuring error, each with its JSON path."""
    out: list[Problem] = []
    _walk(exc, "$", out)
    return out


def to_data(obj: object, *, converter: cattrs.Converter | None = None) -> Any:
    """Return JSON-able data (dicts, lists, strings, numbers) for a domain object."""
    return (converter or _CONVERTER).unstructure(obj)


def from_data(
    cls: type[T],
    data: object,
    *,
    source: str = "<data>",
    converter: cattrs.Converter | None = None,
) -> T:
    """Build a domain object (or ``list[...]`` of them) from JSON-able data.

    Args:
        cls: The type to build, for example ``CompetencyFramework`` or ``list[Assessment]``.
        data: The data, as produced by :func:`to_data` or parsed from JSON.
        source: Name of the document, used in error messages.
        converter: A converter from :func:`make_converter`; the default one otherwise.

    Raises:
        DocumentError: Listing every problem with its path.
    """
    try:
        return (converter or _CONVERTER).structure(data, cls)
    except (
        cattrs.BaseValidationError,
        AsnCompetencyError,
        AttributeError,
        KeyError,
        TypeError,
        ValueError,
    ) as e:
        raise DocumentError(problems_of(e), source) from None


def dumps(obj: object, *, indent: int | None = 2) -> str:
    """Return JSON text for a domain object (keys in a stable order)."""
    return json.dumps(to_data(obj), indent=indent, ensure_ascii=False)


def parse_json(text: str | bytes, *, source: str = "<string>") -> Any:
    """Parse JSON text into plain data; every way it can fail is a DocumentError.

    Args:
        text: JSON text, or UTF-8 bytes.
        source: The file name (or other label) that error messages give.

    Returns:
        The dicts, lists, texts, numbers, booleans and ``None`` of the document.

    Raises:
        DocumentError: For text that is not JSON (with the line and column the
            parser gives), bytes that are not UTF-8, a whole number longer than
            Python's limit on digits, or arrays and objects nested too deeply.

    Examples:
        >>> parse_json('{"id": "MJ.INT", "levels": [1, 2]}')
        {'id': 'MJ.INT', 'levels': [1, 2]}
        >>> parse_json('{"id": }', source="kamus.json")
        Traceback (most recent call last):
        ...
        asn_competency.errors.DocumentError: kamus.json: 1 problem
          line 1, column 8: not valid JSON: Expecting value
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        problem = Problem(f"line {e.lineno}, column {e.colno}", f"not valid JSON: {e.msg}")
        raise DocumentError([problem], source) from None
    except UnicodeDecodeError as e:
        problem = Problem("$", f"not UTF-8 text: byte {e.start} cannot be decoded")
        raise DocumentError([problem], source) from None
    except ValueError:
        # A whole number longer than Python's limit on digits converted to an int.
        limit = sys.get_int_max_str_digits()
        problem = Problem("$", f"not valid JSON: a number of more than {limit} digits")
        raise DocumentError([problem], source) from None
    except RecursionError:
        problem = Problem("$", "not valid JSON: arrays or objects nested too deeply")
        raise DocumentError([problem], source) from None


def loads(cls: type[T], text: str | bytes, *, source: str = "<string>") -> T:
    """Parse JSON text into a domain object.

    Raises:
        DocumentError: If the text is not JSON (with line and column where the
            parser gives them) or has the wrong shape.
    """
    return from_data(cls, parse_json(text, source=source), source=source)


def load(cls: type[T], path: str | Path) -> T:
    """Read a JSON file into a domain object.

    Raises:
        DocumentError: If the file cannot be read, is not JSON, or has the wrong shape.
    """
    p = Path(path)
    return from_data(cls, read_json(p), source=str(p))


def read_json(path: Path) -> Any:
    """Read a JSON file into plain data (every JSON file reader of the package uses it).

    Raises:
        DocumentError: If the file cannot be read or is not JSON (see :func:`parse_json`).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise DocumentError([Problem("$", f"cannot read file: {e}")], str(path)) from None
    return parse_json(text, source=str(path))


def dump(obj: object, path: str | Path) -> None:
    """Write a domain object to a JSON file (UTF-8)."""
    Path(path).write_text(dumps(obj) + "\n", encoding="utf-8")
