"""Lazy re-exports for the package and its subpackages (PEP 562).

A package's ``__init__`` maps each public name to the module that defines it;
the module is imported the first time the name is used, so that importing a
package costs almost nothing. Only :mod:`importlib` is imported here.
"""

import importlib
import sys
from collections.abc import Callable


def attach(
    package: str, names: dict[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return the ``__getattr__`` and ``__dir__`` of a package with lazy names.

    A name, once loaded, is stored in the package, so later uses cost nothing.

    Args:
        package: The package's ``__name__`` (already in ``sys.modules``).
        names: ``{public name: defining module}``.

    Examples:
        >>> import types
        >>> sys.modules["lazy_example"] = types.ModuleType("lazy_example")
        >>> getattr_, dir_ = attach("lazy_example", {"sqrt": "math"})
        >>> getattr_("sqrt")(9.0), "sqrt" in dir_()
        (3.0, True)
    """

    def __getattr__(name: str) -> object:  # noqa: N807 - the PEP 562 name
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the PEP 562 name
        return sorted(set(vars(sys.modules[package])) | set(names))

    return __getattr__, __dir__
