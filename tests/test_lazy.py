"""Optional dependencies name their extra; the version comes from the package metadata."""

import sys
from importlib import metadata

import pytest

import asn_competency
from asn_competency import _lazy
from asn_competency.errors import MissingExtraError


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing optional module raises an error that gives the pip command."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    with pytest.raises(MissingExtraError) as info:
        _lazy.require("pyarrow")
    assert str(info.value) == 'pyarrow is not installed: pip install "asn-competency[arrow]"'
    assert isinstance(info.value, ModuleNotFoundError)
    assert info.value.extra == "arrow"


def test_a_broken_dependency_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """A module that is there but fails on its own missing import keeps its error."""

    def broken(name: str) -> None:
        raise ModuleNotFoundError("No module named 'inner'", name="inner")

    monkeypatch.setattr("importlib.import_module", broken)
    with pytest.raises(ModuleNotFoundError, match="inner"):
        _lazy.require("pandas")


def test_the_version_is_the_installed_one() -> None:
    """One source of the version: pyproject.toml, through the package metadata."""
    assert asn_competency.__version__ == metadata.version("asn-competency")
