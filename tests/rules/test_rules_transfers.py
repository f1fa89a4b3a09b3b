"""Transfers, temporary activity, several posts, the year a discipline counts in, the ND48 transition.

Each rule id on both sides of its boundary (R-02, R-16, R-17, R-28, R-67, R-71, R-73, R-74, R-87, R-89b).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from xeploai.rules import (
    KH181_2023,
    QD366_2025,
    DisciplineFact,
    DisciplineForm,
    Level,
    RatingDetails,
    RatingFacts,
    Side,
    SubjectType,
    TransferFact,
    check,
    explain,
)
from xeploai.rules import CivilServiceCategory as Cat

PM, CS, LD, CO = (
    SubjectType.PARTY_MEMBER,
    SubjectType.CIVIL_SERVANT,
    SubjectType.LEADER,
    SubjectType.COLLECTIVE,
)
EX, GOOD, DONE, KO = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED


def found(result):
    return [(f.rule_id, f.code, f.blocking) for f in result.findings]


def moved(on, *, since=None, comment=False, exists=True, subject_type=PM, category=Cat.NONE, rs=KH181_2023):
    transfer = TransferFact(on, old_unit_from=since, old_unit_comment=comment, old_unit_exists=exists)
    f = RatingFacts(1, subject_type, GOOD, category=category, details=RatingDetails(transfer=transfer))
    return check(rs, f, year=on.year if on.year >= rs.valid_from_year else rs.valid_from_year)


# --- the old unit's comment after six months there -------------------------------


def test_r_16_six_months_at_the_old_cell_needs_its_comment():
    r = moved(date(2023, 7, 1))  # 01/01 to 01/07: exactly six months (the S-04 boundary)
    assert found(r) == [("R-16", "link.old_unit_comment_missing", True)]
    assert r.max_level is EX  # caps nothing
    assert not r.ok  # but refuses the decision
    assert explain(r.findings[0]) == (
        "Công tác ở đơn vị cũ từ 01/01/2023 đến 01/07/2023 (từ 06 tháng trở lên): cần có ý kiến nhận xét"
        " của đơn vị cũ trước khi xếp loại (R-16)."
    )
    assert moved(date(2023, 6, 30)).findings == ()


def test_r_16_counts_from_the_start_at_the_old_cell_within_the_year():
    assert found(moved(date(2023, 8, 1), since=date(2023, 2, 1))) == [
        ("R-16", "link.old_unit_comment_missing", True)
    ]
    assert moved(date(2023, 7, 31), since=date(2023, 2, 1)).findings == ()
    assert moved(date(2022, 12, 1), since=date(2020, 1, 1)).findings == ()  # moved before the year


def test_r_16_comment_received_or_old_cell_gone():
    assert moved(date(2023, 9, 1), comment=True).findings == ()
    r = moved(date(2023, 9, 1), exists=False)
    assert found(r) == [("R-16", "flag.old_unit_gone", False)]  # HD21 names no exception: flagged


def test_r_16_applies_to_leaders_and_in_qd366():
    assert found(moved(date(2023, 9, 1), subject_type=LD))[0][0] == "R-16"
    r = moved(date(2025, 9, 1), rs=QD366_2025)
    assert ("R-16", "link.old_unit_comment_missing", True) in found(r)


def test_r_28_civil_servant_transfer_needs_the_old_agency_comment_unless_it_is_gone():
    kw = {"subject_type": CS, "category": Cat.PUBLIC_EMPLOYEE}
    assert found(moved(date(2023, 7, 1), **kw)) == [("R-28", "link.old_unit_comment_missing", True)]
    assert moved(date(2023, 6, 30), **kw).findings == ()
    assert (
        moved(date(2023, 7, 1), exists=False, **kw).findings == ()
    )  # "trừ trường hợp cơ quan cũ đã giải thể"
    assert moved(date(2023, 7, 1), comment=True, **kw).findings == ()


# --- temporary party activity -----------------------------------------------------------


@pytest.mark.parametrize("rs", [KH181_2023, QD366_2025], ids=lambda r: r.code)
def test_r_17_temporary_cell_comment_is_needed(rs):
    year = rs.valid_from_year
    base = RatingFacts(1, PM, GOOD, score=80)
    r = check(rs, replace(base, details=RatingDetails(temporary_comment=False)), year=year)
    assert ("R-17", "link.temporary_comment_missing", True) in found(r)
    assert check(rs, replace(base, details=RatingDetails(temporary_comment=True)), year=year).ok
    assert check(rs, replace(base, details=RatingDetails()), year=year).ok


def test_r_17_only_for_the_party_member_subject():
    f = RatingFacts(1, LD, GOOD, details=RatingDetails(temporary_comment=False))
    assert check(KH181_2023, f, year=2023).findings == ()


# --- several posts ----------------------------------------------------------------------


def test_r_67_levels_that_differ_between_posts_go_to_the_competent_level():
    f = RatingFacts(1, LD, EX, details=RatingDetails(post_levels=(GOOD,)))
    r = check(KH181_2023, f, year=2023)
    assert found(r) == [("R-67", "flag.posts_differ", False)]
    assert r.max_level is EX
    assert explain(r.findings[0]) == (
        "Giữ nhiều chức vụ, mức xếp loại ở các nơi khác nhau (Hoàn thành xuất sắc nhiệm vụ,"
        " Hoàn thành tốt nhiệm vụ): cấp có thẩm quyền quyết định (R-67)."
    )
    same = replace(f, details=RatingDetails(post_levels=(EX, EX)))
    assert check(KH181_2023, same, year=2023).findings == ()


# --- discipline, R-74 -------------------------------------------------------------


def disc(vid="v", form=DisciplineForm.REPRIMAND, side=Side.PARTY, on=date(2023, 6, 1), **kw):
    return DisciplineFact(vid, form, side, on, **kw)


def test_r_71_third_child_reprimand_is_not_completed():
    # regulations.md §6: a reprimand for having a third child (population policy) → KHTNV that year.
    r = check(KH181_2023, RatingFacts(1, PM, GOOD, disciplines=(disc("third-child"),)), year=2023)
    assert r.max_level is KO
    assert check(KH181_2023, RatingFacts(1, PM, GOOD), year=2023).max_level is EX


# QĐ124 Art. 12(4.5) (R-73) on the 100-point scale: the qd366 ruleset with QĐ124's reading of a later
# discipline, for a campaign re-based on QĐ124.
QD124_READING = replace(QD366_2025, earlier_violation_rule="R-73", earlier_violation_counts_in="violation")


def test_r_73_later_discipline_counts_against_the_year_of_the_violation():
    # Violation in March 2025, party reprimand decided in February 2026 (the worked example, two years on).
    late = disc("v7", on=date(2026, 2, 1), violation_year=2025)
    f = RatingFacts(1, PM, GOOD, disciplines=(late,), score=95)
    in_2026 = check(QD124_READING, f, year=2026)
    assert found(in_2026) == [("R-73", "discipline.violation_year", False)]
    assert in_2026.max_level is EX
    assert "xem xét lại xếp loại năm 2025" in explain(in_2026.findings[0])
    in_2025 = check(QD124_READING, f, year=2025)  # the superior re-examines 2025
    assert found(in_2025) == [("R-73", "cap.discipline_violation_year", True)]
    assert in_2025.max_level is KO


def test_r_104_qd366_counts_a_later_discipline_at_the_current_review():
    # QĐ366 Art. 11 note (1): the same worked example counts in 2026, the year of the decision.
    late = disc("v7", on=date(2026, 2, 1), violation_year=2025)
    f = RatingFacts(1, PM, GOOD, disciplines=(late,), score=95)
    in_2026 = check(QD366_2025, f, year=2026)
    assert found(in_2026) == [("R-104", "cap.discipline_earlier_violation", True)]
    assert in_2026.max_level is KO
    assert "tính vào kỳ đánh giá hiện tại" in explain(in_2026.findings[0])
    assert "xem xét lại" not in explain(in_2026.findings[0])
    assert check(QD366_2025, f, year=2025).findings == ()  # 2025 is not re-examined
    remedied = replace(f, disciplines=(replace(late, self_remedied=True),))
    assert check(QD366_2025, remedied, year=2026).max_level is EX  # R-72's exception still holds
    counted = replace(f, counted_violations=frozenset({"v7"}))
    assert check(QD366_2025, counted, year=2026).max_level is EX  # one violation once


def test_r_73_same_year_violation_and_hd21_count_the_decision_year():
    same_year = disc("v8", on=date(2025, 9, 1), violation_year=2025)
    r = check(QD366_2025, RatingFacts(1, PM, GOOD, disciplines=(same_year,), score=80), year=2025)
    assert [f.rule_id for f in r.findings if f.blocking] == ["R-72"]
    late = disc("v9", on=date(2024, 2, 1), violation_year=2023)
    f = RatingFacts(1, PM, GOOD, disciplines=(late,))
    assert check(KH181_2023, f, year=2024).max_level is KO  # HD21: the year of the decision (R-33d)
    assert check(KH181_2023, f, year=2023).findings == ()


def test_r_73_state_side_counts_in_the_decision_year_unless_already_counted():
    # R-76 (ND48) on the state side of the same worked example.
    late = disc("v7", side=Side.STATE, on=date(2026, 2, 1), violation_year=2025)
    f = RatingFacts(1, CS, GOOD, category=Cat.PUBLIC_EMPLOYEE, disciplines=(late,))
    assert check(QD366_2025, f, year=2026).max_level is KO
    counted = replace(f, counted_violations=frozenset({"v7"}))
    assert check(QD366_2025, counted, year=2026).max_level is EX


def test_r_74_violation_at_the_old_agency_does_not_count_against_the_new_collective():
    old = disc("m1", on=date(2025, 5, 1), at_previous_unit=True)
    f = RatingFacts(1, CO, GOOD, members_disciplined=(old,), score=95)
    r = check(QD366_2025, f, year=2025)
    assert found(r) == [("R-74", "discipline.previous_unit", False)]
    assert r.max_level is EX
    here = replace(f, members_disciplined=(replace(old, at_previous_unit=False),))
    assert check(QD366_2025, here, year=2025).max_level is KO  # within the collective's duties
    unrelated = replace(f, members_disciplined=(replace(old, at_previous_unit=False, in_duties=False),))
    assert check(QD366_2025, unrelated, year=2025).max_level is GOOD  # a member disciplined bars HTXS


def test_r_74_the_person_still_counts_it_and_hd21_has_no_such_rule():
    old = disc("m1", on=date(2025, 5, 1), at_previous_unit=True)
    own = check(QD366_2025, RatingFacts(1, PM, GOOD, disciplines=(old,), score=95), year=2025)
    assert own.max_level is KO  # the individual was disciplined
    warned = replace(old, form=DisciplineForm.WARNING)
    collective = RatingFacts(1, CO, GOOD, members_disciplined=(warned,))
    assert check(KH181_2023, collective, year=2025).max_level is KO  # HD21: R-40d counts it


# --- ND48 transition --------------------------------------------------------------------


def test_r_02_classified_before_nd48_keeps_nd90():
    outside_duties = disc("v1", side=Side.STATE, on=date(2023, 6, 1), in_duties=False)
    f = RatingFacts(1, CS, GOOD, category=Cat.CADRE, disciplines=(outside_duties,))
    before = replace(f, details=RatingDetails(state_assessed_on=date(2023, 9, 14)))
    r = check(KH181_2023, before, year=2023)
    assert found(r) == [("R-02", "flag.earlier_law", False), ("R-55", "discipline.not_in_duties", False)]
    assert r.max_level is EX  # ND90: only a violation in performing duties counts
    on_the_day = replace(f, details=RatingDetails(state_assessed_on=date(2023, 9, 15)))
    assert [x[0] for x in found(check(KH181_2023, on_the_day, year=2023))] == ["R-76"]
    assert check(KH181_2023, f, year=2023).max_level is KO  # no date given: ND48


# --- R-87, R-89b ------------------------------------------------------------------------------


def test_r_87_targets_assigned_are_the_basis():
    assert check(KH181_2023, RatingFacts(1, PM, GOOD), year=2023).findings == ()  # none assigned
    f = RatingFacts(1, PM, GOOD, targets_assigned=4, targets_met=1)
    assert [x[0] for x in found(check(KH181_2023, f, year=2023))] == ["R-33b"]


@pytest.mark.parametrize(
    ("civil_service_level", "max_level", "rule"),
    [(None, EX, "R-70b"), (KO, KO, "R-33c"), (GOOD, GOOD, "R-30"), (EX, EX, None)],
)
def test_r_89b_civil_service_result_feeds_the_party_level(civil_service_level, max_level, rule):
    f = RatingFacts(1, PM, EX, category=Cat.PUBLIC_EMPLOYEE, civil_service_level=civil_service_level)
    r = check(KH181_2023, f, year=2023)
    assert r.max_level is max_level
    assert [x.rule_id for x in r.findings] == ([rule] if rule else [])
