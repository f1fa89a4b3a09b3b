"""Citations: every rule id names its document and article, in each ruleset (issue 13 item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xeploai.rules import RULES, Finding, Level, all_rulesets, citation, cite, explain, explain_parts
from xeploai.rules.citations import CITATIONS

SNAPSHOT = Path(__file__).parent / "shared_rule_ids.txt"
# R-100 … R-108 (regulations.md §3.7) are cited even before they are implemented.
NEW_IDS = {f"R-{n}" for n in range(100, 109)}


def shared_ids() -> set[str]:
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    return {line.split()[0] for line in lines if line and not line.startswith("#")}


ALL_IDS = sorted(set(RULES) | shared_ids() | NEW_IDS)


@pytest.mark.parametrize("rs", all_rulesets(), ids=lambda rs: rs.code)
def test_every_rule_id_has_a_citation_in_every_ruleset(rs):
    missing = [rid for rid in ALL_IDS if citation(rid, rs.code) is None]
    assert missing == []
    assert rs.rule_ids <= set(CITATIONS[rs.code])


@pytest.mark.parametrize("rs", all_rulesets(), ids=lambda rs: rs.code)
def test_every_citation_names_a_document_in_words(rs):
    for rid in ALL_IDS:
        text = cite(rid, rs.code)
        assert text.startswith("theo "), rid
        assert "R-" not in text, rid
        assert "S-" not in text, rid


def test_citation_r_13_cites_the_section_of_hd21_in_2023():
    assert cite("R-13", "kh181-2023") == "theo mục 6 phần II.B Hướng dẫn 21-HD/BTCTW ngày 18/10/2019"


def test_citation_r_58_cites_article_11_of_qd366():
    assert cite("R-58", "qd366-2025") == "theo Điều 11 Quy định 366-QĐ/TW ngày 30/8/2025"


def test_citation_r_20_and_s_03_cite_qd366_article_5_under_qd366():
    assert cite("R-20", "qd366-2025") == "theo khoản 2 Điều 5 Quy định 366-QĐ/TW ngày 30/8/2025"
    assert cite("S-03", "qd366-2025").startswith("theo khoản 2 Điều 5 Quy định 366-QĐ/TW")
    assert cite("S-03", "kh181-2023").startswith("theo mục II.1.1 Kế hoạch 181-KH/TU ngày 02/8/2023")


def test_citation_r_30_point_a_of_hd21():
    assert cite("R-30", "kh181-2023") == (
        "theo điểm a tiểu mục 2.3 mục 2 phần II.B Hướng dẫn 21-HD/BTCTW ngày 18/10/2019"
    )


def test_citation_r_31_recalled_and_r_106_to_be_confirmed_say_so():
    assert cite("R-31", "kh181-2023").endswith("(chưa được xác nhận)")
    assert cite("R-106", "qd366-2025").endswith("(cần đối chiếu văn bản gốc)")
    assert "văn bản nguồn bị cắt" in cite("R-37", "kh181-2023")


def test_citation_r_72_old_party_text_under_qd366_is_marked_carried_over():
    text = cite("R-72", "qd366-2025")
    assert text.startswith("theo điểm d mục 4.3 khoản 4 Điều 12 Quy định 124-QĐ/TW ngày 04/10/2023")
    assert "áp dụng tiếp" in text
    assert "áp dụng tiếp" not in cite("R-58", "qd366-2025")


def test_citation_r_45_english_citation_translates_the_place():
    assert cite("R-45", "kh181-2023", lang="en") == (
        "under Article 4 of Nghị định 90/2020/NĐ-CP ngày 13/8/2020"
    )


def test_unknown_rule_or_ruleset_has_no_citation():
    assert cite("R-999", "kh181-2023") == ""
    assert citation("R-13", "nope") is None


def test_citation_r_13_explain_carries_the_citation_of_its_ruleset():
    f = Finding("R-13", "cap.sick_leave", {"cap": Level.COMPLETED, "days": 95, "months": 3})
    parts = explain_parts(f, ruleset="kh181-2023")
    assert parts.text == "Nghỉ ốm 95 ngày trong năm (từ 3 tháng trở lên): mức cao nhất là Hoàn thành nhiệm vụ"
    assert parts.citation == "theo mục 6 phần II.B Hướng dẫn 21-HD/BTCTW ngày 18/10/2019"
    assert parts.rule_id == "R-13"
    assert explain(f, ruleset="kh181-2023") == (
        "Nghỉ ốm 95 ngày trong năm (từ 3 tháng trở lên): mức cao nhất là Hoàn thành nhiệm vụ"
        " (theo mục 6 phần II.B Hướng dẫn 21-HD/BTCTW ngày 18/10/2019) (R-13)."
    )
    # Without a ruleset the sentence is as before.
    assert explain(f).endswith("Hoàn thành nhiệm vụ (R-13).")
