"""Regenerate the re-export block of ``src/asn_competency/__init__.py``.

The package loads its submodules lazily (PEP 562). The names it re-exports are
those in each public submodule's ``__all__``; this script rewrites the static
import block (read by type checkers), the lazy name map and ``__all__`` from
them. Run it after adding a public name: ``python tools/gen_init.py``.
"""

from __future__ import annotations

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "asn_competency"
INIT = PACKAGE / "__init__.py"
# Modules whose public names are not re-exported at the top level.
PRIVATE = {"__init__", "__main__", "cli", "demo", "plots", "serialization", "strategies"}


def module_names() -> dict[str, list[str]]:
    """Map each public module to the names in its ``__all__``."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        name = path.stem
        if name.startswith("_") or name in PRIVATE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
                and isinstance(node.value, ast.List | ast.Tuple)
            ):
                found[name] = [str(e.value) for e in node.value.elts if isinstance(e, ast.Constant)]
    return found


def isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then functions, as ruff's RUF022 sorts."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def render(found: dict[str, list[str]]) -> tuple[str, str, str]:
    """The static imports, the lazy map and ``__all__`` as source text."""
    imports = []
    for module, names in sorted(found.items()):
        body = "".join(f"        {n},\n" for n in sorted(names, key=isort_key))
        imports.append(f"    from asn_competency.{module} import (\n{body}    )\n")
    everything = sorted(
        ((n, m) for m, names in found.items() for n in names), key=lambda p: isort_key(p[0])
    )
    seen: dict[str, str] = {}
    for n, m in everything:
        if n in seen:
            raise SystemExit(f"{n} is exported by both {seen[n]} and {m}")
        seen[n] = m
    lazy = "".join(f'    "{n}": "asn_competency.{m}",\n' for n, m in everything)
    all_ = "".join(f'    "{n}",\n' for n, _ in everything)
    return "".join(imports), lazy, all_


def main() -> None:
    """Rewrite the generated parts of ``__init__.py`` in place."""
    text = INIT.read_text(encoding="utf-8")
    imports, lazy, all_ = render(module_names())
    text = re.sub(
        r"(if TYPE_CHECKING:\n)(.*?)(\n__version__)",
        lambda m: m.group(1) + imports + m.group(3),
        text,
        count=1,
        flags=re.S,
    )
    text = re.sub(
        r"(_LAZY: dict\[str, str\] = \{\n)(.*?)(\}\n)",
        lambda m: m.group(1) + lazy + m.group(3),
        text,
        count=1,
        flags=re.S,
    )
    text = re.sub(
        r"(__all__ = \[\n)(.*?)(\]\n)",
        lambda m: m.group(1) + all_ + m.group(3),
        text,
        count=1,
        flags=re.S,
    )
    INIT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
