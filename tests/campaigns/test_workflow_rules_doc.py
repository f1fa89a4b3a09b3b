"""Keep the workflow table of docs/rules.md true (the rules core's table has its own test in tests/rules).

Every row's functions import from ``xeploai``, every test it names exists in the file it names, and each
rule's id is cited in one of its functions' modules. Needs Django set up (the campaigns app's modules
import models), not a database or a browser.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"
HEADING = "## Workflow rules enforced by the campaign pages"
ID_RE = re.compile(r"[RS]-\d{2}[a-z]?")
EXPECTED = {"S-13", "S-14", "S-15", "R-81", "R-82", "R-83", "R-86", "R-88", "R-89"}


def workflow_rows() -> dict[str, list[str]]:
    text = DOC.read_text(encoding="utf-8")
    assert HEADING in text
    rows = {}
    for line in text.split(HEADING, 1)[1].split("\n## ", 1)[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and ID_RE.fullmatch(cells[0]):
            rows[cells[0]] = cells
    return rows


ROWS = workflow_rows()


def test_workflow_table_has_a_row_for_each_rule_the_pages_enforce():
    assert set(ROWS) == EXPECTED


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_workflow_row_functions_import_cite_the_rule_and_tests_exist(rule_id):
    cells = ROWS[rule_id]
    functions = re.findall(r"`([\w.]+):(\w+)`", cells[2])
    assert functions, rule_id
    cited = False
    for module, name in functions:
        mod = importlib.import_module(f"xeploai.{module}")
        assert callable(getattr(mod, name)), (rule_id, module, name)
        cited = cited or re.search(rf"\b{rule_id}\b", Path(mod.__file__).read_text(encoding="utf-8"))
    assert cited, f"{rule_id} is not cited in any module of its row"
    tests = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", cells[4])
    assert tests, rule_id
    for path, name in tests:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert name in names, (rule_id, path, name)
