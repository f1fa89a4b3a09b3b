"""The rules core imports nothing from Django nor from the rest of xeploai (architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import xeploai.rules

RULES_DIR = Path(xeploai.rules.__file__).parent
FORBIDDEN_TOP = {"django", "rules", "psycopg", "dj_database_url"}


def imported_modules(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            out.append((node.module or "", node.level))
    return out


def test_rules_core_imports_no_django_nor_other_xeploai_modules():
    files = sorted(RULES_DIR.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        for module, level in imported_modules(path):
            if level:
                # relative imports must stay inside xeploai.rules
                depth = len(path.relative_to(RULES_DIR).parts) - 1
                assert level <= depth + 1, f"{path}: relative import leaves rules/"
                continue
            top = module.split(".")[0]
            assert top not in FORBIDDEN_TOP, f"{path}: imports {module}"
            if top == "xeploai":
                assert module.startswith("xeploai.rules"), f"{path}: imports {module}"


def test_rules_core_never_calls_today():
    for path in RULES_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "today(" not in text, path
        assert ".now(" not in text, path
