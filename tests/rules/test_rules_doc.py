"""Keep docs/rules.md true: ids cited in code have rows, functions import, tests exist."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import xeploai.rules
from xeploai.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"
RULES_DIR = Path(xeploai.rules.__file__).parent
ID_RE = re.compile(r"\b([RS]-\d{2}[a-z]?)\b")


def doc_rows() -> dict[str, list[str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and ID_RE.fullmatch(cells[0]):
            rows[cells[0]] = cells
    return rows


def collect_test_names() -> set[str]:
    names = set()
    for path in Path(__file__).parent.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names.add(node.name)
    return names


def code_ids() -> set[str]:
    ids = set()
    for path in RULES_DIR.rglob("*.py"):
        ids |= set(ID_RE.findall(path.read_text(encoding="utf-8")))
    return ids


ROWS = doc_rows()
TESTS = collect_test_names()


def test_doc_every_rule_id_cited_in_code_has_a_row():
    assert not code_ids() - set(ROWS)


def test_doc_rows_and_catalog_agree_on_ids_and_status():
    assert set(ROWS) == set(RULES)
    for rule_id, cells in ROWS.items():
        assert cells[4].startswith(RULES[rule_id][0].value), rule_id
        if RULES[rule_id][0].value == "RECALLED":
            assert "unconfirmed" in cells[4], rule_id


@pytest.mark.parametrize("rule_id", sorted(ROWS))
def test_doc_each_row_function_imports_and_tests_exist(rule_id):
    cells = ROWS[rule_id]
    functions = re.findall(r"`([\w.]+):([\w.]+)`", cells[2])
    assert functions, rule_id
    for module, qualname in functions:
        obj: object = importlib.import_module(f"xeploai.rules.{module}")
        for part in qualname.split("."):
            obj = getattr(obj, part)
        assert callable(obj), (rule_id, module, qualname)
    tests = re.findall(r"`(test_\w+)`", cells[3])
    assert tests, rule_id
    prefix = "test_" + rule_id.lower().replace("-", "_") + "_"
    for name in tests:
        assert name in TESTS, (rule_id, name)
        assert name.startswith(prefix), (rule_id, name)
    assert {t for t in TESTS if t.startswith(prefix)} <= set(tests), f"{rule_id}: add new tests to the row"
