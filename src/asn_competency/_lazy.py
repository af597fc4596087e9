"""Lazy re-exports, optional dependencies and the package version.

A package's ``__init__`` maps each public name to the module that defines it;
the module is imported the first time the name is used, so that importing a
package costs almost nothing. Only :mod:`importlib` is imported here.

:func:`require` imports an optional dependency or says which extra installs
it; :func:`package_version` reads the installed version from the package
metadata (``pyproject.toml`` is its one source).
"""

import importlib
import sys
from collections.abc import Callable

from asn_competency.errors import MissingExtraError

DISTRIBUTION = "asn-competency"
"""The name the package is installed under."""

EXTRAS: dict[str, str] = {
    "pandas": "pandas",
    "matplotlib": "plots",
    "hypothesis": "strategies",
    "openpyxl": "excel",
    "python_calamine": "excel",
    "pyarrow": "arrow",
}
"""The extra that installs each optional dependency (by top-level module)."""


def require(module: str) -> None:
    """Import an optional dependency, or say which extra installs it.

    Args:
        module: A top-level module name listed in :data:`EXTRAS`.

    Raises:
        MissingExtraError: If the module is not installed; the message gives
            the ``pip install "asn-competency[extra]"`` command.

    Examples:
        >>> require("pandas")
        >>> EXTRAS["pyarrow"]
        'arrow'
    """
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name != module:
            raise  # the dependency is there but one of its own imports is missing
        extra = EXTRAS[module]
        raise MissingExtraError(module, extra) from None


def package_version() -> str:
    """The installed version of asn-competency (``0+unknown`` when run from a bare source tree).

    Examples:
        >>> package_version().count(".") >= 2
        True
    """
    from importlib import metadata  # noqa: PLC0415 - only when the version is asked for

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # pragma: no cover - the tests run installed
        return "0+unknown"


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
        if name == "__version__" and package == "asn_competency":
            return package_version()
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the PEP 562 name
        return sorted(set(vars(sys.modules[package])) | set(names))

    return __getattr__, __dir__
