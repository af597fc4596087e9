"""Check the package's import graph: layers, cycles and private names.

Every ``import`` and ``from ... import`` in ``src/asn_competency`` counts, also
those inside functions and under ``TYPE_CHECKING``. The script reports:

- a module that imports from a higher layer (the layers are listed in ``LAYERS``);
- import cycles between modules (a package and its own ``__init__`` re-exports
  are not a cycle: a package's ``__init__`` only names its modules lazily);
- a private name (``_x``) taken from a module of another subpackage.

Run ``python tools/check_layers.py``; it exits 1 if anything is found, and its
last line is JSON with the counts. CI runs it.
"""

from __future__ import annotations

import ast
import json
import pathlib
import sys
from collections.abc import Iterator

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "asn_competency"

# Lowest first; a module may import from its own layer or any lower one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "_validate", "_lazy"),
    ("domain",),
    ("policies",),
    ("gaps", "talent", "planning", "matching", "evaluation", "compliance", "trends"),
    ("io", "plots", "report", "strategies", "demo", "cli", "__main__"),
)


def module_name(path: pathlib.Path) -> str:
    """The dotted name of a module file."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, pathlib.Path]:
    """Every module of the package by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(name: str) -> int | None:
    """The layer of a module (``None`` for the top-level package itself)."""
    parts = name.split(".")
    if len(parts) == 1:
        return None
    for i, layer in enumerate(LAYERS):
        if parts[1] in layer:
            return i
    raise SystemExit(f"{name}: its subpackage is in no layer; add it to LAYERS")


def imports(
    name: str, path: pathlib.Path, known: dict[str, pathlib.Path]
) -> Iterator[tuple[str, str | None]]:
    """Yield ``(imported module, imported name or None)`` for every import of a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound: dict[str, str] = {}  # local name -> package module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in known:
                    bound[alias.asname] = alias.name
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                whole = f"{base}.{alias.name}"
                if whole in known:
                    bound[alias.asname or alias.name] = whole
                    yield whole, None
                else:
                    yield base, alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            yield bound[node.value.id], node.attr


def resolve(target: str, known: dict[str, pathlib.Path]) -> str | None:
    """The package module an import refers to (``None`` for other libraries)."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def check() -> tuple[list[str], list[list[str]], list[str]]:
    """Return the layer violations, the cycles and the private imports."""
    known = modules()
    edges: dict[str, set[str]] = {}
    upward: list[str] = []
    private: list[str] = []
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        for target, imported in imports(name, path, known):
            module = resolve(target, known)
            if module is None or module in (name, "asn_competency"):
                continue
            if not (is_package and module.startswith(name + ".")):
                # A package's __init__ naming its own modules is not a dependency.
                edges.setdefault(name, set()).add(module)
            mine, theirs = layer_of(name), layer_of(module)
            if mine is not None and theirs is not None and theirs > mine:
                upward.append(f"{name} (layer {mine}) imports {module} (layer {theirs})")
            if (
                imported
                and imported.startswith("_")
                and not imported.startswith("__")
                and module.split(".")[:2] != name.split(".")[:2]
            ):
                private.append(f"{name} takes {imported} from {module}")
    return sorted(set(upward)), cycles(edges), sorted(set(private))


def main() -> None:
    """Print every finding and a JSON summary; exit 1 if there is any."""
    upward, loops, private = check()
    for line in upward:
        print("upward import:", line)
    for loop in loops:
        print("cycle:", " <-> ".join(loop))
    for line in private:
        print("private import:", line)
    summary = {
        "modules": len(modules()),
        "upward_imports": len(upward),
        "cycles": len(loops),
        "private_imports": len(private),
    }
    print(json.dumps(summary))
    sys.exit(1 if upward or loops or private else 0)


if __name__ == "__main__":
    main()
