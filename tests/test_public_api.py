import importlib
import inspect
import pkgutil
import subprocess
import sys
import typing

import attrs
import pytest

import asn_competency

SUBPACKAGES = (
    "domain",
    "policies",
    "gaps",
    "talent",
    "planning",
    "matching",
    "evaluation",
    "compliance",
    "trends",
    "io",
)


def isort_key(n: str) -> tuple[int, str]:
    # Constants, then classes, then functions (ruff RUF022's isort-style order).
    return (0 if n.isupper() else 1 if n[0].isupper() else 2, n)


def public_modules() -> list[str]:
    """Every module of the package whose name has no leading underscore."""
    found = []
    for info in pkgutil.walk_packages(asn_competency.__path__, "asn_competency."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return sorted(found)


def test_all_is_sorted_and_importable() -> None:
    """The top level's __all__ is sorted and every name exists."""
    names = asn_competency.__all__
    assert names == sorted(names, key=isort_key)
    for name in names:
        assert hasattr(asn_competency, name), name


def test_top_level_is_the_common_path() -> None:
    """The top level stays small: the domain, errors, named policies and main analyses."""
    assert 60 <= len(asn_competency.__all__) <= 90


def test_star_import() -> None:
    """`from asn_competency import *` works and brings the public names."""
    ns: dict[str, object] = {}
    exec("from asn_competency import *", ns)
    assert "national_framework" in ns
    assert "CompetencyFramework" in ns


@pytest.mark.parametrize("sub", SUBPACKAGES)
def test_subpackage_star_import(sub: str) -> None:
    """Every subpackage supports `from asn_competency.<sub> import *`."""
    ns: dict[str, object] = {}
    exec(f"from asn_competency.{sub} import *", ns)
    module = importlib.import_module(f"asn_competency.{sub}")
    assert set(module.__all__) <= set(ns)


def test_type_hints_resolve_on_public_classes() -> None:
    """typing.get_type_hints works on every public class of every subpackage."""
    for sub in SUBPACKAGES:
        module = importlib.import_module(f"asn_competency.{sub}")
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj):
                typing.get_type_hints(obj)
                if attrs.has(obj):
                    attrs.resolve_types(obj)


def test_domain_classes_are_frozen() -> None:
    """Every attrs class in a subpackage's public API is frozen."""
    for sub in SUBPACKAGES:
        module = importlib.import_module(f"asn_competency.{sub}")
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and attrs.has(obj):
                assert obj.__setattr__.__name__ == "_frozen_setattrs", (sub, name)


def test_every_module_name_is_reexported_by_its_subpackage() -> None:
    """Each public module's __all__ is re-exported by its subpackage, and by nothing else."""
    for name in public_modules():
        parts = name.split(".")
        if len(parts) != 3 or parts[1] not in SUBPACKAGES:
            continue
        module = importlib.import_module(name)
        package = importlib.import_module(".".join(parts[:2]))
        lazy: dict[str, str] = vars(package)["_LAZY"]
        for exported in module.__all__:
            assert lazy.get(exported) == name, (name, exported)


def test_top_level_names_load_from_their_defining_module() -> None:
    """The top level's lazy map points at the module that defines each name."""
    lazy: dict[str, str] = vars(asn_competency)["_LAZY"]
    for name, module_name in lazy.items():
        assert name in importlib.import_module(module_name).__all__, (name, module_name)


def test_unknown_names_raise_attribute_error() -> None:
    """A name that is not exported raises AttributeError naming the package."""
    with pytest.raises(AttributeError, match=r"'asn_competency\.gaps' has no attribute 'nope'"):
        importlib.import_module("asn_competency.gaps").nope  # noqa: B018


def test_dir_lists_the_lazy_names() -> None:
    """dir() shows names before they are loaded."""
    assert "analyse_gaps" in dir(importlib.import_module("asn_competency.gaps"))


def test_import_is_light() -> None:
    """Importing the package or a subpackage loads none of the heavy dependencies."""
    code = (
        "import sys, asn_competency, asn_competency.gaps, asn_competency.matching,"
        " asn_competency.io;"
        "print(sorted(m for m in ('numpy', 'scipy', 'pandas', 'networkx', 'cattrs')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_generated_init_files_are_current() -> None:
    """tools/gen_init.py would not change any __init__.py."""
    out = subprocess.run(
        [sys.executable, "tools/gen_init.py", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout


def test_import_graph_has_layers_and_no_cycles() -> None:
    """tools/check_layers.py finds no upward import, no cycle and no private import."""
    out = subprocess.run(
        [sys.executable, "tools/check_layers.py"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout
