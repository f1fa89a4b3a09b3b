"""Keep docs/rules.md true: every rule of the shared documents has a row, functions resolve, tests exist.

Four tables: the rules core (functions import from ``xeploai.rules``, tests are in ``tests/rules``), the
workflow of the campaign pages (kept true by ``tests/campaigns/test_workflow_rules_doc.py``, which needs
Django), the rest of the system, and the rules a machine cannot check. The rules suite runs without
Django, so a row outside the core is checked by reading its module's source, not by importing it.
"""

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
SRC = ROOT / "src" / "xeploai"
RULES_DIR = Path(xeploai.rules.__file__).parent
SHARED = ROOT.parent / "shared" / "domain"
SHARED_DOCS = ("regulations.md", "plan-2023.md")
SNAPSHOT = Path(__file__).parent / "shared_rule_ids.txt"
ID_RE = re.compile(r"\b([RS]-\d{2,3}[a-z]?)\b")  # R-100..R-108 have three digits

CORE = "## Table"
WORKFLOW = "## Workflow rules enforced by the campaign pages"
OUTSIDE = "## Rules implemented outside the core"
MANUAL = "## Rules a machine cannot check"


def section_rows(heading: str, width: int) -> dict[str, list[str]]:
    """Return the rows of the table under ``heading``, by rule id."""
    text = DOC.read_text(encoding="utf-8")
    assert f"\n{heading}\n" in text, heading
    body = text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == width and ID_RE.fullmatch(cells[0]):
            assert cells[0] not in rows, f"{cells[0]}: two rows in {heading!r}"
            rows[cells[0]] = cells
    return rows


def doc_rows() -> dict[str, list[str]]:
    return section_rows(CORE, 5)


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
        if path.name == "citations.py":  # cites every shared id by design, wherever it is implemented
            continue
        ids |= set(ID_RE.findall(path.read_text(encoding="utf-8")))
    return ids


def snapshot() -> dict[str, str]:
    """Return the ids of the shared documents with their status (SOURCED or RECALLED)."""
    out = {}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rule_id, status = line.split()
            out[rule_id] = status
    return out


def shared_ids(text: str) -> dict[str, str]:
    """Read the ids and statuses of one shared document, as the snapshot's header says."""
    out: dict[str, str] = {}
    pattern = re.compile(r"^- ([RS]-\d{2,3}[a-z]?)\b(.*?)(?=^- [RS]-\d{2}|^#|^Worked|^\| |\Z)", re.S | re.M)
    for m in pattern.finditer(text):
        found = re.search(r"\b(SOURCED|RECALLED)\b", m.group(2))
        status = found.group(1) if found else "SOURCED"
        if out.get(m.group(1)) != "SOURCED":  # R-70 has a stub paragraph and a full one
            out[m.group(1)] = status
    return out


ROWS = doc_rows()
WORKFLOW_ROWS = section_rows(WORKFLOW, 6)
OUTSIDE_ROWS = section_rows(OUTSIDE, 5)
MANUAL_ROWS = section_rows(MANUAL, 5)
TESTS = collect_test_names()
SOURCE = snapshot()
ALL_ROWS = {**WORKFLOW_ROWS, **MANUAL_ROWS, **OUTSIDE_ROWS, **ROWS}


# --- every rule of the shared documents ---------------------------------------------------------


def test_doc_every_rule_of_the_shared_documents_has_a_row():
    missing = sorted(set(SOURCE) - set(ALL_ROWS), key=lambda i: (i[0], len(i), i))
    assert not missing, f"no row in docs/rules.md for {', '.join(missing)}"


def test_doc_the_id_list_is_the_shared_documents_own():
    if not all((SHARED / name).exists() for name in SHARED_DOCS):
        pytest.skip(f"the shared documents are not at {SHARED}")
    found: dict[str, str] = {}
    for name in SHARED_DOCS:
        found.update(shared_ids((SHARED / name).read_text(encoding="utf-8")))
    found["R-82"] = "SOURCED"  # the snapshot's header says why
    assert found == SOURCE, "update tests/rules/shared_rule_ids.txt from the shared documents"


def test_doc_a_rule_is_in_one_table_only_apart_from_the_workflow_one():
    core, outside, manual = set(ROWS), set(OUTSIDE_ROWS), set(MANUAL_ROWS)
    assert not core & outside
    assert not core & manual
    assert not outside & manual


@pytest.mark.parametrize("rule_id", sorted(ALL_ROWS))
def test_doc_row_status_agrees_with_the_shared_documents(rule_id):
    status = ALL_ROWS[rule_id][-1]
    expected = SOURCE.get(rule_id)
    if expected is None:  # a limb of a rule (R-33b …) or an id of the core only
        return
    assert status.startswith(expected), (rule_id, status)
    if expected == "RECALLED":
        assert "unconfirmed" in status, rule_id


# --- the core table -----------------------------------------------------------------------------


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


# --- rules implemented outside the core ---------------------------------------------------------


def module_source(module: str) -> Path:
    """Return the file of ``xeploai.<module>`` (a module or a package's ``__init__``)."""
    base = SRC.joinpath(*module.split("."))
    path = base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"
    assert path.exists(), module
    return path


def defines(path: Path, qualname: str) -> bool:
    """Say whether ``qualname`` (``name`` or ``Class.name``) is defined at the top of ``path``."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    for part in qualname.split("."):
        names: dict[str, ast.stmt] = {}
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names[node.name] = node
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names.update({t.id: node for t in targets if isinstance(t, ast.Name)})
        found = names.get(part)
        if found is None:
            return False
        body = found.body if isinstance(found, ast.ClassDef) else []
    return True


def function_names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}


@pytest.mark.parametrize("rule_id", sorted(OUTSIDE_ROWS))
def test_doc_outside_row_functions_exist_cite_the_rule_and_tests_exist(rule_id):
    cells = OUTSIDE_ROWS[rule_id]
    functions = re.findall(r"`([\w.]+):([\w.]+)`", cells[2])
    assert functions, rule_id
    cited = False
    for module, qualname in functions:
        assert not module.startswith("rules"), f"{rule_id}: a core function belongs in the core table"
        path = module_source(module)
        assert defines(path, qualname), (rule_id, module, qualname)
        cited = cited or bool(re.search(rf"(?<![\w-]){re.escape(rule_id)}(?![\w])", path.read_text("utf-8")))
    assert cited, f"{rule_id} is not cited in any module of its row"
    tests = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", cells[3])
    assert tests, rule_id
    for path, name in tests:
        assert name in function_names_in(ROOT / path), (rule_id, path, name)


# --- rules a machine cannot check ---------------------------------------------------------------


@pytest.mark.parametrize("rule_id", sorted(MANUAL_ROWS))
def test_doc_manual_row_says_where_the_user_meets_it_and_why(rule_id):
    _id, rule, where, why, _status = MANUAL_ROWS[rule_id]
    paths = re.findall(r"`((?:src|docs|tests)/[\w/.-]+)`", where)
    assert paths, f"{rule_id}: name the file where the user meets the rule"
    for path in paths:
        assert (ROOT / path).exists(), (rule_id, path)
    assert rule, rule_id
    assert len(why) > 20, f"{rule_id}: say why no code decides it"
