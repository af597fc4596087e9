import importlib
import inspect
import typing

import attrs

import asn_competency


def test_all_is_sorted_and_importable() -> None:
    """__all__ is sorted and every name exists."""
    names = asn_competency.__all__

    def isort_key(n: str) -> tuple[int, str]:
        # Constants, then classes, then functions (ruff RUF022's isort-style order).
        return (0 if n.isupper() else 1 if n[0].isupper() else 2, n)

    assert names == sorted(names, key=isort_key)
    for name in names:
        assert hasattr(asn_competency, name), name


def test_star_import() -> None:
    """`from asn_competency import *` works and brings the public names."""
    ns: dict[str, object] = {}
    exec("from asn_competency import *", ns)
    assert "national_framework" in ns
    assert "CompetencyFramework" in ns


def test_type_hints_resolve_on_public_classes() -> None:
    """typing.get_type_hints works on every public class."""
    for name in asn_competency.__all__:
        obj = getattr(asn_competency, name)
        if inspect.isclass(obj):
            typing.get_type_hints(obj)
            if attrs.has(obj):
                attrs.resolve_types(obj)


def test_domain_classes_are_frozen() -> None:
    """Every attrs class in the public API is frozen."""
    for name in asn_competency.__all__:
        obj = getattr(asn_competency, name)
        if inspect.isclass(obj) and attrs.has(obj):
            assert obj.__setattr__.__name__ == "_frozen_setattrs", name


def test_every_submodule_name_is_reexported() -> None:
    """Each module behind the lazy map re-exports its whole ``__all__``."""
    lazy: dict[str, str] = vars(asn_competency)["_LAZY"]
    for module_name in sorted(set(lazy.values())):
        module = importlib.import_module(module_name)
        for name in module.__all__:
            assert lazy.get(name) == module_name, (module_name, name)
