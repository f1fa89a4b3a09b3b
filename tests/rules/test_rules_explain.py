"""Explanations: every code has a Vietnamese and an English sentence (table style)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import xeploai.rules
from xeploai.rules import Finding, Level, Reason, ReasonCode, explain
from xeploai.rules.explain import TEMPLATES

RULES_DIR = Path(xeploai.rules.__file__).parent
CODE_RE = re.compile(r'"((?:cap|flag|link|discipline|score|quota|order|ballot)\.[a-z_]+)"')

# code | params | Vietnamese sentence
TABLE = [
    (
        Finding("R-62", "cap.head_above_unit", {"cap": Level.COMPLETED, "unit_level": Level.COMPLETED}),
        "Người đứng đầu không được cao hơn mức của đơn vị (Hoàn thành nhiệm vụ): mức cao nhất là"
        " Hoàn thành nhiệm vụ (R-62).",
    ),
    (
        Reason(
            ReasonCode.NEW_MEMBER,
            "S-03",
            {
                "admitted_on": date(2023, 4, 16),
                "counted_to": date(2023, 10, 15),
                "full_on": date(2023, 10, 16),
            },
        ),
        "Mới kết nạp ngày 16/04/2023, tính đến ngày 15/10/2023 chưa đủ 06 tháng (đủ vào ngày 16/10/2023):"
        " không xếp loại (S-03).",
    ),
    (
        Finding(
            "R-60", "cap.party_above_civil_service", {"civil_service_level": Level.GOOD, "unconfirmed": True}
        ),
        "Mức đảng viên không cao hơn mức cán bộ, công chức, viên chức (Hoàn thành tốt nhiệm vụ)"
        " (quy định chưa được xác nhận) (R-60).",
    ),
]


@pytest.mark.parametrize(("item", "sentence"), TABLE)
def test_r_62_explain_table(item, sentence):
    assert explain(item) == sentence


def test_r_13_explain_english():
    f = Finding("R-13", "cap.sick_leave", {"cap": Level.COMPLETED, "days": 90, "months": 3})
    assert explain(f, lang="en") == (
        "Sick leave of 90 days in the year (3 months or more): the highest level is completed (HTNV) (R-13)."
    )


def test_s_03_every_code_in_the_core_has_both_templates():
    used = set()
    for path in RULES_DIR.rglob("*.py"):
        used |= set(CODE_RE.findall(path.read_text(encoding="utf-8")))
    used |= {c.value for c in ReasonCode}
    missing = used - set(TEMPLATES)
    assert not missing
    assert all(vi and en for vi, en in TEMPLATES.values())
