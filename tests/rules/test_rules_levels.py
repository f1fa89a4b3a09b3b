"""Levels, grades and kinds: the ordinal scales of regulations.md §0.3."""

from __future__ import annotations

from datetime import date

from xeploai.rules import DisciplineForm, Grade, Level, OrgKind, add_months, has_full_months


def test_r_00a_four_levels_ordered_with_vietnamese_labels():
    assert [lv.short for lv in sorted(Level)] == ["KHTNV", "HTNV", "HTT", "HTXS"]
    assert Level.EXCELLENT.label == "Hoàn thành xuất sắc nhiệm vụ"
    assert Level.NOT_COMPLETED < Level.COMPLETED < Level.GOOD < Level.EXCELLENT
    assert min(Level.EXCELLENT, Level.COMPLETED) is Level.COMPLETED


def test_r_00b_four_grades_ordered():
    assert [g.label for g in sorted(Grade)] == ["Kém", "Trung bình", "Tốt", "Xuất sắc"]
    assert Grade.POOR < Grade.EXCELLENT


def test_r_40d_discipline_forms_ordered_by_severity():
    assert [f.severity for f in DisciplineForm] == [1, 2, 3, 4, 5, 6]
    assert DisciplineForm.WARNING.severity > DisciplineForm.REPRIMAND.severity
    assert DisciplineForm.EXPULSION.label == "Khai trừ"


def test_s_05_party_kinds():
    assert OrgKind.CELL.is_party
    assert not OrgKind.PEOPLES_COMMITTEE.is_party


def test_s_04_six_month_boundary_both_sides():
    assert has_full_months(date(2023, 4, 15), date(2023, 10, 15), 6)
    assert not has_full_months(date(2023, 4, 16), date(2023, 10, 15), 6)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2023, 3, 31), 6) == date(2023, 9, 30)
    # 31/03 + 6 months clamps to 30/09: counted to 30/09 is full, 29/09 is not.
    assert has_full_months(date(2023, 3, 31), date(2023, 9, 30), 6)
    assert not has_full_months(date(2023, 3, 31), date(2023, 9, 29), 6)


def test_kinds_sharing_a_value_keep_their_own_labels():
    # SubjectType.CIVIL_SERVANT (every CBCCVC) and CivilServiceCategory.CIVIL_SERVANT (công chức only)
    # are both "CIVIL_SERVANT"; a table keyed by the value alone gave both the same label.
    from xeploai.rules.kinds import CivilServiceCategory, SubjectType

    assert SubjectType.CIVIL_SERVANT.label == "Cán bộ, công chức, viên chức"
    assert CivilServiceCategory.CIVIL_SERVANT.label == "Công chức"


def test_every_kind_has_a_label():
    from xeploai.rules import kinds

    enums = (kinds.SubjectType, kinds.Tier, kinds.OrgKind, kinds.CollectiveKind, kinds.StatusKind)
    enums += (kinds.CivilServiceCategory, kinds.Side, kinds.DisciplineForm, kinds.ReasonCode, kinds.QuotaKind)
    for enum in enums:
        for member in enum:
            assert member.label, member
            assert member.label != member.value, member
