"""Run the worked examples in the rules modules' docstrings (each ruleset's specification)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import xeploai.rules

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(xeploai.rules.__path__, prefix="xeploai.rules.")
)


@pytest.mark.parametrize("name", MODULES)
def test_r_50_docstring_examples_hold(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, name


def test_s_03_ruleset_docstrings_have_worked_examples():
    from xeploai.rules.rulesets import kh181_2023, qd366_2025

    for module in (kh181_2023, qd366_2025):
        assert "Worked examples" in module.__doc__
        assert doctest.testmod(module).attempted >= 5
