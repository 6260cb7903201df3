"""The layout keeps its shape: imports point one way, nothing imports in a circle, modules stay small.

Every ``import`` in the package is read with ``ast`` (those inside functions and under
``TYPE_CHECKING`` too) and checked against the layers of docs/architecture.md:

    problems, parallel, words  ->  content  ->  model  ->  render  ->  build  ->  preview, tools  ->  cli

A module may import its own layer and the layers before it, never one after it (preview and
tools never import each other), and no chain of imports may come back to where it started.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "prospectus"
LAYERS = {"problems": 0, "parallel": 0, "words": 0, "content": 1, "model": 2, "render": 3, "build": 4,
          "preview": 5, "tools": 5, "cli": 6, "__main__": 6, "__init__": 6}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> Iterator[tuple[str, int]]:
    """Every module of the package that ``path`` imports, anywhere in it, with the line."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            if target.startswith("prospectus"):
                while target not in known and "." in target:
                    target = target.rpartition(".")[0]
                yield target, node.lineno


def layer(name: str) -> tuple[int, str]:
    part = name.split(".")[1] if "." in name else "__init__"
    return LAYERS[part], part


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: {t for t, _line in imports(path, name, set(found))} - {name} for name, path in found.items()}


def wrong_way() -> list[str]:
    found = modules()
    bad = []
    for name, path in found.items():
        here, part = layer(name)
        for target, line in imports(path, name, set(found)):
            there, other = layer(target)
            if target == "prospectus" and name != "prospectus":
                continue  # the package itself (its version)
            if there > here or (there == here == 5 and other != part):
                bad.append(f"{path.relative_to(ROOT)}:{line}: {name} ({part}) imports {target} ({other})")
    return bad


def cycles() -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_imports_point_one_way() -> None:
    assert wrong_way() == []


def test_no_module_imports_itself_through_others() -> None:
    assert cycles() == []


def test_the_layout_is_small_and_by_layer() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    subpackages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert len(top) <= 10, top
    assert len(subpackages) >= 4, subpackages
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
    guide = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package in (p for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE):
        dotted = package.parent.relative_to(PACKAGE).as_posix()
        assert f"`{dotted}/`" in guide, f"docs/architecture.md does not name {dotted}/"


def test_no_choice_is_made_by_a_function_name() -> None:
    found = [f"{p.relative_to(ROOT)}:{n}" for p in PACKAGE.rglob("*.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "__name__" in line and "type(exc).__name__" not in line and '__name__ == "__main__"' not in line]
    assert found == []
