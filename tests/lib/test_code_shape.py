"""The shape of the code the house rules ask for: small functions, no import cycle, no private reach-in.

The layer contracts themselves are import-linter's (``make lint``, ``[tool.importlinter]`` in
pyproject.toml); these are the rules it does not check.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "xeploai"
MAX_FUNCTION_LINES = 60
# Public APIs that carry a leading underscore: Django's Model _meta API and default manager, and the
# named tuple's own methods (collections.namedtuple documents _make, _replace, _asdict, _fields).
PUBLIC_UNDERSCORED = frozenset(
    {"_meta", "_default_manager", "_base_manager"}
    | {"_make", "_replace", "_asdict", "_fields", "_field_defaults"}
)


def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(("xeploai", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
        found.append((name, ast.parse(path.read_text(encoding="utf-8"))))
    return found


MODULES = _modules()


def test_no_function_is_longer_than_sixty_lines():
    long = [
        f"{name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for name, tree in MODULES
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), imports inside functions included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycle_between_modules():
    assert _cycles(grimp.build_graph("xeploai")) == []


def _private_reach_ins(name: str, tree: ast.Module) -> list[str]:
    """``from xeploai.x import _y`` and ``module._y`` on a module imported from xeploai."""
    found, aliases = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and ((node.module or "").startswith("xeploai") or node.level):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{name}:{node.lineno} imports {alias.name}")
                aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            names = [a for a in node.names if a.name.startswith("xeploai")]
            aliases.update(a.asname or a.name.split(".")[0] for a in names)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and node.attr not in PUBLIC_UNDERSCORED
        ):
            found.append(f"{name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize(("name", "tree"), MODULES, ids=[name for name, _ in MODULES])
def test_no_private_name_is_used_across_modules(name, tree):
    assert _private_reach_ins(name, tree) == []
