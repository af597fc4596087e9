"""Serialization at the edge: JSON-able data and JSON text for every public object.

The domain classes know nothing of serialization; this module configures a
:mod:`cattrs` converter for them, and for the policies and the results of the
analyses. Loading is strict (``"3"`` is not a level, unknown keys are errors)
and reports every problem with its JSON path.

What :func:`to_data` gives is plain JSON (``json.dumps(..., allow_nan=False)``
takes it) and reads back equal:

- dates are ISO texts (``"2024-03-01"``), enums their values;
- an exact fraction (an SKM weight of 1/9) is a text that reads back to the same
  :class:`~fractions.Fraction`: ``"1/9"``, ``"111/1000"``, ``"3"``;
- a float that is not finite is a text: ``"NaN"``, ``"Infinity"``, ``"-Infinity"``;
- a set is an array (sorted, so the same set always gives the same text);
- a mapping keyed by texts is an object; one keyed by whole numbers (Kirkpatrick
  levels, box numbers) an object whose keys are those numbers as texts; any
  other mapping (keyed by pairs such as ``(performance, potential)``) an array
  of ``[key, value]`` pairs;
- a NumPy array is an array, with ``null`` where a float array holds NaN.

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

import collections.abc
import datetime as dt
import enum
import functools
import json
import math
import sys
import typing
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    list_structure_factory,
    mapping_structure_factory,
)
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
from asn_competency.policies.matching import PairRule
from asn_competency.policies.nine_box import Performance, PoolLevel, Potential
from asn_competency.policies.routes import LearningMode
from asn_competency.policies.succession import Readiness
from asn_competency.talent.eligibility import SuccessionRule
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
    def structure(value: object, type_: type) -> object:
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            # Enums of texts or numbers reach the hook of their base type.
            return _structure_enum(value, type_)
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


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    try:
        if not isinstance(value, bool):
            return type_(value)
    except ValueError:
        pass
    choices = ", ".join(repr(m.value) for m in type_)
    # No field name: the path names the field, and the message reads "must be one of".
    raise ValidationError("", f"one of {choices}", value)


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


def _plain_value(value: Any) -> Any:
    """A text or number as itself; an enum member of a text or number type as its value."""
    return value.value if isinstance(value, enum.Enum) else value


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
    conv = cattrs.Converter(
        forbid_extra_keys=forbid_extra_keys,
        detailed_validation=True,
        # JSON has arrays only: tuples (ids, pairs, bands) become lists.
        unstruct_collection_overrides={tuple: list},
    )
    conv.register_structure_hook(int, _strict(int, "integer"))
    conv.register_structure_hook(float, _strict(float, "number"))
    conv.register_structure_hook(str, _strict(str, "string"))
    conv.register_structure_hook(bool, _strict(bool, "boolean"))
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    for enum_type in _ENUMS:
        # Our enums subclass str, which cattrs would pass through unchanged.
        conv.register_unstructure_hook(enum_type, _enum_value)
    # Every other enum (of the policies and results) reaches the hook of its base type.
    conv.register_unstructure_hook(str, _plain_value)
    conv.register_unstructure_hook(int, _plain_value)
    conv.register_structure_hook(Golongan, _structure_golongan)
    conv.register_unstructure_hook(Golongan, lambda g: g.value)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_unstructure_hook(float, _unstructure_float)
    conv.register_structure_hook(float, _structure_float)
    conv.register_unstructure_hook_func(_is_ndarray, _unstructure_array)
    conv.register_unstructure_hook_factory(_is_set_type, functools.partial(_unstructure_set, conv))
    conv.register_structure_hook_factory(_is_set_type, functools.partial(_structure_set, conv))
    conv.register_unstructure_hook_factory(
        _is_mapping_type, functools.partial(_unstructure_mapping, conv)
    )
    conv.register_structure_hook_factory(
        _is_mapping_type, functools.partial(_structure_mapping, conv)
    )
    conv.register_structure_hook_func(lambda t: t is object, _structure_scalar)
    conv.register_unstructure_hook(PairRule, lambda rule: {"name": rule.name})
    conv.register_structure_hook(PairRule, _structure_pair_rule)
    conv.register_unstructure_hook(SuccessionRule, lambda rule: {"name": rule.name})
    conv.register_structure_hook(SuccessionRule, _structure_succession_rule)
    _register_columnar(conv)
    # Strings and objects are iterable too: without these checks 'abc' would read as
    # the list ['a', 'b', 'c'] and {"a": 1} as ['a'], and 3 would fail with Python's words.
    conv.register_structure_hook_factory(attrs.has, functools.partial(_objects_only, conv))
    conv.register_structure_hook_factory(_is_array_type, functools.partial(_arrays_only, conv))
    return conv


def _structure_fraction(value: object, _type: type) -> Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str) and value.strip() == value:
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            pass
    raise ValidationError("value", "an exact fraction as text such as '1/9' or '0.111'", value)


_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _unstructure_float(value: float) -> float | str:
    if math.isfinite(value):
        return value
    return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")


_plain_float = _strict(float, "number")


def _structure_float(value: object, type_: type) -> object:
    if isinstance(value, str) and value in _NON_FINITE:
        return _NON_FINITE[value]
    return _plain_float(value, type_)


def _structure_pair_rule(value: object, _type: type) -> PairRule:
    name = value.get("name") if isinstance(value, Mapping) else value
    raise ValidationError(
        "",
        "a rule built in Python: a PairRule's check is a function, which JSON does not carry"
        " (its name is written for the record)",
        name,
    )


def _structure_succession_rule(value: object, _type: type) -> SuccessionRule:
    name = value.get("name") if isinstance(value, Mapping) else value
    raise ValidationError(
        "",
        "a rule built in Python: a SuccessionRule's check is a function, which JSON does not"
        " carry (its name is written for the record)",
        name,
    )


def _structure_scalar(value: object, _type: type) -> object:
    """A field that records a value as it came (an excluded survey answer): any JSON scalar."""
    if isinstance(value, str) and value in _NON_FINITE:
        return _NON_FINITE[value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise ValidationError("value", "a JSON number, text, boolean or null", value)


def _is_ndarray(type_: object) -> bool:
    return isinstance(type_, type) and type_.__module__ == "numpy" and type_.__name__ == "ndarray"


def _unstructure_array(value: Any) -> list[Any]:
    items: list[Any] = value.tolist()
    if value.dtype.kind == "f":
        return _nan_as_none(items)
    if value.dtype.kind == "M":  # dates as day numbers since 1970-01-01
        return value.astype("datetime64[D]").astype("int64").tolist()  # type: ignore[no-any-return]
    return items


def _nan_as_none(items: list[Any]) -> list[Any]:
    return [_nan_as_none(v) if isinstance(v, list) else None if math.isnan(v) else v for v in items]


# The NumPy columns of the columnar classes: "f" floats (null is NaN), "i" whole numbers,
# "b" booleans, "d" day numbers since 1970-01-01 (read back as dates).
_COLUMN_KINDS: dict[str, dict[str, str]] = {
    "GapColumns": {
        **dict.fromkeys(("importance", "level"), "f"),
        **dict.fromkeys(("person", "competency", "required", "group"), "i"),
    },
    "ColumnarGaps": {
        **dict.fromkeys(("weighted_gap", "jpm"), "f"),
        **dict.fromkeys(("assessed", "not_assessed", "below", "mapping", "selection"), "i"),
    },
    "LedgerColumns": {
        **dict.fromkeys(("jp", "hours"), "f"),
        **dict.fromkeys(("person", "title", "route"), "i"),
        **dict.fromkeys(("start", "end"), "d"),
    },
    "ColumnarJp": {
        **dict.fromkeys(("target", "maximum", "counted", "short_by", "capped", "by_mode"), "f"),
        **dict.fromkeys(("status", "entries", "duplicates", "uncredited"), "i"),
        **dict.fromkeys(("pppk", "above_maximum"), "b"),
    },
}


def _register_columnar(conv: cattrs.Converter) -> None:
    """The columnar classes hold NumPy arrays: read back arrays, ``null`` in floats as NaN."""
    from asn_competency.compliance.columnar import ColumnarJp, LedgerColumns  # noqa: PLC0415
    from asn_competency.gaps.columnar import ColumnarGaps, GapColumns  # noqa: PLC0415 - numpy-free

    for cls in (GapColumns, ColumnarGaps, LedgerColumns, ColumnarJp):
        inner = conv.gen_structure_attrs_fromdict(cls)
        kinds = _COLUMN_KINDS[cls.__name__]

        def structure(
            value: object,
            type_: type,
            inner: Callable[[Any, Any], object] = inner,
            kinds: dict[str, str] = kinds,
        ) -> object:
            if not isinstance(value, Mapping):
                raise _ShapeError("a JSON object", value)
            data = {
                k: _typed_column(k, v, kinds[k]) if k in kinds and isinstance(v, list) else v
                for k, v in value.items()
            }
            return inner(data, type_)

        conv.register_structure_hook(cls, structure)


_KIND_TEXT = {"f": "numbers or null", "i": "whole numbers", "b": "booleans", "d": "whole numbers"}


def _column_item_ok(kind: str, v: object) -> bool:
    if kind == "b":
        return isinstance(v, bool)
    if isinstance(v, bool):
        return False
    if kind == "f":
        return v is None or isinstance(v, (int, float))
    return isinstance(v, int) and abs(v) < 2**63


def _typed_column(name: str, value: list[Any], kind: str) -> object:
    """A JSON list (or rows) as a NumPy array of ``kind``, or a ValidationError naming it."""
    import numpy as np  # noqa: PLC0415 - only the columnar classes need it

    try:
        grid = np.asarray(value, dtype=object)
    except ValueError:  # ragged rows
        raise ValidationError(name, "a column or rows of equal length", value) from None
    flat = grid.reshape(-1).tolist()
    bad = [v for v in flat if not _column_item_ok(kind, v)]
    if bad or any(isinstance(v, list) for v in flat):
        raise ValidationError(name, _KIND_TEXT[kind], bad[0] if bad else value)
    if kind == "f":
        return np.asarray([math.nan if v is None else v for v in flat], np.float64).reshape(
            grid.shape
        )
    if kind == "b":
        return np.asarray(flat, dtype=np.bool_).reshape(grid.shape)
    out = np.asarray(flat, dtype=np.int64).reshape(grid.shape)
    return out.astype("datetime64[D]") if kind == "d" else out


_SET_ORIGINS = (frozenset, set, collections.abc.Set, collections.abc.MutableSet)


def _is_set_type(type_: object) -> bool:
    return type_ in _SET_ORIGINS or typing.get_origin(type_) in _SET_ORIGINS


def _item_type(type_: object) -> Any:
    args = typing.get_args(type_)
    return args[0] if args else Any


def _unstructure_set(conv: cattrs.Converter, type_: object) -> Callable[[Any], list[Any]]:
    item = _item_type(type_)

    def unstructure(value: Any) -> list[Any]:
        items = [conv.unstructure(v, item) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))

    return unstructure


def _structure_set(conv: cattrs.Converter, type_: object) -> Callable[[object, type], object]:
    as_list: Any = list[_item_type(type_)]  # type: ignore[misc]

    def structure(value: object, _hint: type) -> object:
        if not isinstance(value, list):
            raise _ShapeError("a JSON array", value)
        return frozenset(conv.structure(value, as_list))

    return structure


_MAPPING_ORIGINS = (dict, Mapping, collections.abc.MutableMapping)


def _is_mapping_type(type_: object) -> bool:
    if type_ is dict:
        return True  # a mapping met at run time, without its key type
    return typing.get_origin(type_) in _MAPPING_ORIGINS


def _key_kind(key: object) -> str:
    """``text``: keys a JSON object holds as they are; ``number``: whole numbers; else ``pairs``."""
    if key is str or (isinstance(key, type) and issubclass(key, str)):
        return "text"
    if key is int or (isinstance(key, type) and issubclass(key, int) and key is not bool):
        return "number"
    return "pairs"


def _unstructure_mapping(conv: cattrs.Converter, type_: object) -> Callable[[Any], Any]:
    args = typing.get_args(type_)
    key_type, value_type = args if len(args) == 2 else (None, Any)

    def unstructure(value: Any) -> Any:
        kind = None if key_type is None else _key_kind(key_type)
        if kind is None:  # the key type comes from the keys themselves
            kinds = {_key_kind(type(k)) for k in value}
            kind = kinds.pop() if len(kinds) == 1 else "pairs"
        if kind == "text":
            return {conv.unstructure(k): conv.unstructure(v, value_type) for k, v in value.items()}
        if kind == "number":
            return {str(int(k)): conv.unstructure(v, value_type) for k, v in value.items()}
        return [
            [conv.unstructure(k, key_type or type(k)), conv.unstructure(v, value_type)]
            for k, v in value.items()
        ]

    return unstructure


def _structure_mapping(conv: cattrs.Converter, type_: object) -> Callable[[object, type], object]:
    args = typing.get_args(type_)
    key_type, value_type = args if len(args) == 2 else (Any, Any)
    kind = _key_kind(key_type)
    pair_list: Any = list[tuple[key_type, value_type]]  # type: ignore[valid-type]
    plain: Any = dict[key_type, value_type]  # type: ignore[valid-type]
    inner = mapping_structure_factory(plain, conv)

    def structure(value: object, _hint: type) -> object:
        if kind == "pairs":
            if not isinstance(value, list):
                raise _ShapeError("a JSON array of [key, value] pairs", value)
            return dict(conv.structure(value, pair_list))
        if not isinstance(value, Mapping):
            raise _ShapeError("a JSON object", value)
        if kind == "number":
            value = {_number_key(k): v for k, v in value.items()}
        return inner(value, plain)

    return structure


def _number_key(key: object) -> object:
    """A JSON object's key that stands for a whole number: ``"3"`` is 3."""
    if isinstance(key, str) and key.isascii() and key.lstrip("-").isdigit():
        return int(key)
    return key  # the key's own structure hook names it


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
        suffix = "" if exc.field in ("value", "") else f".{exc.field}"
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
