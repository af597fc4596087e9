"""Every public type has a strategy, and every drawn object goes to JSON and back equal."""

import enum
import importlib
import inspect
import json
import pkgutil
import warnings
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import NonInteractiveExampleWarning

import asn_competency
from asn_competency import strategies as acst
from asn_competency.errors import DocumentError, ValidationError
from asn_competency.io.json import dumps, from_data, loads, to_data
from asn_competency.policies.matching import PairRule
from asn_competency.talent.eligibility import SuccessionRule

EDGES = ("asn_competency.cli", "asn_competency.demo", "asn_competency.plots")


def public_types() -> list[type]:
    """Every attrs class and enum that a module of the package lists in its ``__all__``."""
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(asn_competency.__path__, "asn_competency."):
        name = info.name
        if name.startswith(EDGES) or name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(name)
        for public in getattr(module, "__all__", []):
            obj = getattr(module, public)
            if (
                inspect.isclass(obj)
                and obj.__module__ == name
                and (attrs.has(obj) or issubclass(obj, enum.Enum))
            ):
                found[f"{name}.{public}"] = obj
    return [found[k] for k in sorted(found)]


TYPES = public_types()
# A PairRule or a SuccessionRule holds a Python function: JSON carries its name only
# (see docs/interchange.md).
NOT_DATA = {PairRule, SuccessionRule}
DATA_TYPES = [c for c in TYPES if c not in NOT_DATA]


def test_every_public_type_has_a_strategy() -> None:
    """A new public class without a strategy fails here."""
    missing = []
    for cls in TYPES:
        try:
            acst.from_type(cls)
        except ValidationError:
            missing.append(cls.__qualname__)
    assert missing == []


def test_from_type_refuses_other_types() -> None:
    """A type the library does not define has no strategy."""
    with pytest.raises(ValidationError, match="'cls' must be a public type"):
        acst.from_type(dict)


def data_of(obj: Any) -> Any:
    return json.loads(json.dumps(to_data(obj), allow_nan=False))


def check_round_trip(cls: type, obj: Any) -> None:
    """to_data, strict JSON text and back give an equal object (equal data for array holders)."""
    data = data_of(obj)
    back: Any = from_data(cls, data)
    assert data_of(back) == data
    if cls.__eq__ is not object.__eq__:  # type: ignore[comparison-overlap]
        assert back == obj
    assert data_of(loads(cls, dumps(obj))) == data


@pytest.mark.parametrize("cls", DATA_TYPES, ids=lambda c: c.__qualname__)
def test_an_object_of_each_type_round_trips(cls: type) -> None:
    """One drawn object of every type goes to JSON and back (the property test below
    draws many, of types it picks; this one draws each type once)."""
    with warnings.catch_warnings():
        # One object per type is all this test needs; the property test below shrinks.
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        obj: Any = acst.from_type(cls).example()
    check_round_trip(cls, obj)


@given(st.sampled_from(DATA_TYPES).flatmap(lambda c: st.tuples(st.just(c), acst.from_type(c))))
def test_every_public_type_round_trips_through_json(drawn: tuple[type, Any]) -> None:
    """Objects of every public type, drawn by the strategies, go to JSON and back equal."""
    check_round_trip(*drawn)


def test_a_pair_rule_is_written_by_name_and_not_read() -> None:
    """A rule's check is code: its name is recorded, loading it says why it cannot be."""
    rule = PairRule(name="same_gender")
    assert to_data(rule) == {"name": "same_gender"}
    with pytest.raises(DocumentError, match="a PairRule's check is a function"):
        from_data(PairRule, {"name": "same_gender"})


@given(acst.pair_rules(), acst.employees(), acst.mentee_needs())
def test_drawn_pair_rules_answer_for_any_pair(rule: PairRule, mentor: Any, need: Any) -> None:
    """The checks a drawn rule carries answer True or False for any mentor and need."""
    assert rule.check(mentor, need, None) in (True, False)


def test_a_succession_rule_is_written_by_name_and_not_read() -> None:
    """A succession rule's check is code: its name is recorded, loading it says why it cannot be."""
    rule = SuccessionRule(name="has_unit", check=lambda employee, position: True)
    assert to_data(rule) == {"name": "has_unit"}
    with pytest.raises(DocumentError, match="a SuccessionRule's check is a function"):
        from_data(SuccessionRule, {"name": "has_unit"})
