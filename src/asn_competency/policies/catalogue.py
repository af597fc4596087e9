"""The list of every policy the library ships, for readers and for tools."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from asn_competency._validate import FrozenMapping

__all__ = ["policy_catalogue"]

_MODULES = (
    "combination",
    "compliance",
    "development",
    "evaluation",
    "ip_asn",
    "jpm",
    "matching",
    "mentoring",
    "nine_box",
    "planning",
    "potential",
    "required_levels",
    "routes",
    "skm",
    "succession",
    "suppression",
    "trends",
)


def policy_catalogue() -> Mapping[str, object]:
    """Return every named policy instance the library ships, by constant name.

    A policy is a module-level constant (an upper-case name) of
    :mod:`asn_competency.policies` whose class name ends in ``Policy``. Each has a
    ``name`` that results record, and most a ``source`` that says where their
    numbers come from and how sure we are of them.

    Returns:
        A read-only ``{constant name: policy}``, sorted by name.

    Examples:
        >>> catalogue = policy_catalogue()
        >>> catalogue["SKM_PERMENPANRB_14_2017"].name
        'permenpanrb-14-2017'
        >>> "PLANNING_DEFAULT" in catalogue
        True
    """
    found: dict[str, object] = {}
    for name in _MODULES:
        module = importlib.import_module(f"asn_competency.policies.{name}")
        for attr in module.__all__:
            value = getattr(module, attr)
            if attr.isupper() and type(value).__name__.endswith("Policy"):
                found[attr] = value
    return FrozenMapping(dict(sorted(found.items())))
