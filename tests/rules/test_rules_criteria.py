"""Criteria caps from the rarer facts (``RatingDetails``): grades, tasks, unit targets, sub-units.

Each rule id on both sides of its boundary; RECALLED rules off by default, then under ``warn`` and
``enforce``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xeploai.rules import (
    KH181_2023,
    QD366_2025,
    DisciplineFact,
    DisciplineForm,
    Grade,
    Level,
    LevelCounts,
    RatingDetails,
    RatingFacts,
    Side,
    SubjectType,
    check,
    check_many,
    explain,
)
from xeploai.rules import CivilServiceCategory as Cat

PM, CS, LD, CO, OR = (
    SubjectType.PARTY_MEMBER,
    SubjectType.CIVIL_SERVANT,
    SubjectType.LEADER,
    SubjectType.COLLECTIVE,
    SubjectType.ORGANIZATION,
)
EX, GOOD, DONE, KO = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
XS, T, TB, K = Grade.EXCELLENT, Grade.GOOD, Grade.AVERAGE, Grade.POOR
WARN = replace(KH181_2023, recalled_criteria="warn")
ENFORCE = replace(KH181_2023, recalled_criteria="enforce")
QD124 = replace(KH181_2023, grade_regime="qd124")


def rated(subject_type, rs=KH181_2023, *, year=2023, proposed=EX, category=Cat.NONE, facts=None, **details):
    f = RatingFacts(1, subject_type, proposed, category=category, details=RatingDetails(**details))
    if facts:
        f = replace(f, **facts)
    return check(rs, f, year=year)


def found(result):
    return [
        (f.rule_id, f.code, f.params.get("cap"), f.blocking, bool(f.params.get("unconfirmed")))
        for f in result.findings
    ]


def rules_of(result):
    return [f.rule_id for f in result.findings]


def grades(*pairs):
    """``grades(XS, T)``: the first grade is the result criterion, the others are not."""
    return ((pairs[0], True), *((g, False) for g in pairs[1:]))


# --- party members: R-30(2), R-31, R-32, R-33, R-33a -------------------------------------------


def test_r_30_results_excellent_others_good_allow_excellent():
    r = rated(PM, grades=grades(XS, T, T))
    assert (r.max_level, r.findings) == (EX, ())


def test_r_30_a_result_criterion_only_good_caps_at_good():
    r = rated(PM, grades=grades(T, XS))
    assert found(r) == [("R-30", "cap.grades", GOOD, True, False)]
    assert explain(r.findings[0]) == (
        "Có tiêu chí được đánh giá mức Tốt: mức cao nhất là Hoàn thành tốt nhiệm vụ (R-30)."
    )


def test_r_31_all_criteria_good_only_behind_the_switch():
    r = rated(PM, grades=grades(XS, TB))
    assert found(r) == [("R-30", "cap.grades", GOOD, True, False)]  # off: only the sourced R-30
    r = rated(PM, WARN, grades=grades(XS, TB))
    assert found(r) == [("R-30", "cap.grades", GOOD, True, False), ("R-31", "cap.grades", DONE, False, True)]
    assert r.max_level is GOOD
    r = rated(PM, ENFORCE, grades=grades(XS, TB))
    assert found(r) == [("R-31", "cap.grades", DONE, True, True)]
    assert explain(r.findings[0]).endswith("(quy định chưa được xác nhận) (R-31).")
    assert rated(PM, ENFORCE, grades=grades(T, T)).max_level is GOOD  # all "Tốt": HTT holds


def test_r_32_a_poor_criterion_is_below_completed_only_behind_the_switch():
    assert rated(PM, grades=grades(XS, K)).max_level is GOOD
    r = rated(PM, ENFORCE, grades=grades(XS, K))
    assert found(r) == [("R-32", "cap.grades", KO, True, True)]
    assert rated(PM, ENFORCE, grades=grades(TB, TB)).max_level is DONE  # all "Trung bình": HTNV holds


@pytest.mark.parametrize(
    ("facts", "details", "rule"),
    [
        ({}, {"grades": grades(K)}, "R-32"),  # does not reach HTNV (RECALLED R-32, enforced here)
        ({}, {"degradation_concluded": True}, "R-33a"),
        ({"targets_assigned": 4, "targets_met": 1}, {}, "R-33b"),
        ({"category": Cat.PUBLIC_EMPLOYEE, "civil_service_level": KO}, {}, "R-33c"),
        (
            {"disciplines": (DisciplineFact("v", DisciplineForm.REPRIMAND, Side.PARTY, date(2023, 5, 1)),)},
            {},
            "R-33d",
        ),
    ],
)
def test_r_33_each_limb_gives_not_completed(facts, details, rule):
    r = check(
        ENFORCE, replace(RatingFacts(1, PM, GOOD, details=RatingDetails(**details)), **facts), year=2023
    )
    assert r.max_level is KO
    assert rule in rules_of(r)


def test_r_33_nothing_given_nothing_capped():
    assert rated(PM, ENFORCE).findings == ()


def test_r_33a_degradation_concluded_is_not_completed():
    r = rated(PM, proposed=DONE, degradation_concluded=True)
    assert found(r) == [("R-33a", "cap.degradation", KO, True, False)]
    assert rated(PM, proposed=DONE, degradation_concluded=False).findings == ()


# --- party organizations: R-34(2), R-35, R-36, R-37 -------------------------------------------


def test_r_34_organization_grades_results_excellent_others_good():
    assert rated(OR, grades=grades(XS, T)).findings == ()
    r = rated(OR, grades=grades(T, XS))
    assert found(r) == [("R-34", "cap.grades", GOOD, True, False)]


def test_r_35_organization_good_needs_results_good_only_behind_the_switch():
    assert found(rated(OR, grades=grades(TB, T))) == [("R-34", "cap.grades", GOOD, True, False)]
    assert found(rated(OR, ENFORCE, grades=grades(TB, T))) == [("R-35", "cap.grades", DONE, True, True)]
    assert rated(OR, ENFORCE, grades=grades(T, TB)).max_level is GOOD


def test_r_36_organization_with_a_poor_criterion_is_not_completed():
    assert found(rated(OR, grades=grades(XS, K))) == [("R-36", "cap.grades", KO, True, False)]
    assert rated(OR, grades=grades(XS, TB)).max_level is GOOD


def test_r_37_disunity_concluded_is_a_recalled_limb():
    assert rated(OR, degradation_concluded=True).findings == ()
    assert found(rated(OR, WARN, degradation_concluded=True)) == [
        ("R-37", "cap.degradation", KO, False, True)
    ]
    assert rated(OR, ENFORCE, degradation_concluded=True).max_level is KO


# --- leadership collectives: R-38(2), R-39, R-40, R-40a ---------------------------------------


def test_r_38_collective_grades_results_excellent_others_good():
    assert rated(CO, grades=grades(XS, T)).findings == ()
    assert found(rated(CO, grades=grades(T, XS))) == [("R-38", "cap.grades", GOOD, True, False)]


def test_r_39_collective_good_and_completed_only_behind_the_switch():
    assert rated(CO, grades=grades(XS, K)).max_level is GOOD
    assert found(rated(CO, ENFORCE, grades=grades(XS, K))) == [("R-39", "cap.grades", KO, True, True)]
    assert found(rated(CO, ENFORCE, grades=grades(TB, T))) == [("R-39", "cap.grades", DONE, True, True)]
    assert rated(CO, ENFORCE, grades=grades(T, TB)).max_level is GOOD


@pytest.mark.parametrize(
    ("facts", "details", "rule"),
    [
        ({}, {"degradation_concluded": True}, "R-40a"),
        ({"targets_assigned": 10, "targets_met": 4}, {}, "R-40b"),
        (
            {"disciplines": (DisciplineFact("c", DisciplineForm.REPRIMAND, Side.PARTY, date(2023, 5, 1)),)},
            {},
            "R-40c",
        ),
        (
            {
                "members_disciplined": (
                    DisciplineFact("m", DisciplineForm.WARNING, Side.PARTY, date(2023, 5, 1)),
                )
            },
            {},
            "R-40d",
        ),
    ],
)
def test_r_40_each_limb_gives_not_completed(facts, details, rule):
    r = check(
        KH181_2023, replace(RatingFacts(1, CO, GOOD, details=RatingDetails(**details)), **facts), year=2023
    )
    assert r.max_level is KO
    assert rules_of(r) == [rule]


def test_r_40a_disunity_concluded_is_not_completed():
    assert found(rated(CO, degradation_concluded=True)) == [("R-40a", "cap.degradation", KO, True, False)]
    assert rated(CO, degradation_concluded=False).findings == ()


# --- QĐ124 Art. 12: R-56 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject_grades", "max_level"),
    [
        (grades(XS, T), EX),
        (grades(T, T), GOOD),
        (grades(T, TB), GOOD),
        (grades(TB, T), DONE),
        (grades(TB, TB), DONE),
        (grades(XS, K), KO),
    ],
)
@pytest.mark.parametrize("subject_type", [CO, OR])
def test_r_56_qd124_grades_of_collectives(subject_grades, max_level, subject_type):
    r = rated(subject_type, QD124, grades=subject_grades)
    assert r.max_level is max_level
    assert set(rules_of(r)) <= {"R-56"}


def test_r_56_qd124_individual_excellent_needs_every_task_on_time_and_half_exceeded():
    assert rated(PM, QD124, tasks_total=10, tasks_exceeded=5).findings == ()
    assert found(rated(PM, QD124, tasks_total=10, tasks_exceeded=4)) == [
        ("R-56", "cap.tasks", GOOD, True, False)
    ]
    assert rated(PM, QD124, tasks_total=10, tasks_late=1, tasks_exceeded=5).max_level is GOOD
    assert rated(PM, tasks_total=10, tasks_exceeded=4).findings == ()  # HD21 has no such limb


def test_r_56_qd366_scores_instead_of_grades():
    r = rated(CO, QD366_2025, year=2025, grades=grades(K, K), facts={"score": 95})
    assert r.findings == ()


# --- individual leaders, R-66 -----------------------------------------------------


def test_r_42_leader_good_needs_every_task_on_time():
    assert rated(LD, tasks_total=10).findings == ()
    assert found(rated(LD, tasks_total=10, tasks_late=1)) == [("R-42", "cap.tasks", DONE, True, False)]


def test_r_42_unit_meets_every_target_80_percent_on_time():
    assert rated(LD, unit_targets=10, unit_targets_met=10, unit_targets_on_time=8).findings == ()
    r = rated(LD, unit_targets=10, unit_targets_met=10, unit_targets_on_time=7)
    assert found(r) == [("R-42", "cap.unit_targets", DONE, True, False)]
    assert rated(LD, unit_targets=10, unit_targets_met=9, unit_targets_on_time=9).max_level is DONE


def test_r_42_every_unit_under_direct_management_completed():
    assert rated(LD, subunit_counts=LevelCounts(0, 5, 0, 0)).findings == ()  # no 70 % HTT share in QĐ89
    r = rated(LD, subunit_counts=LevelCounts(1, 4, 5, 0))
    assert found(r) == [("R-42", "cap.subunits", DONE, True, False)]


def test_r_42_qd366_has_no_qd89_criteria():
    # QĐ366 judges the unit's targets and sub-units by R-106, not QĐ89; a leader's own tasks by R-58.
    r = rated(LD, QD366_2025, year=2025, unit_targets=10, unit_targets_met=9, facts={"score": 95})
    assert r.findings == ()
    r = rated(LD, QD366_2025, year=2025, tasks_total=10, tasks_late=9, facts={"score": 95})
    assert [f.rule_id for f in r.findings] == ["R-58"]


def test_r_43_leader_excellent_and_completed_mirror_cadres_only_behind_the_switch():
    unit = {
        "unit_targets": 10,
        "unit_targets_met": 10,
        "unit_targets_on_time": 10,
        "unit_targets_exceeded": 4,
    }
    assert rated(LD, **unit).findings == ()
    assert found(rated(LD, ENFORCE, **unit)) == [("R-43", "cap.unit_targets", GOOD, True, True)]
    assert found(rated(LD, ENFORCE, **{**unit, "unit_targets_exceeded": 5})) == []
    low = {**unit, "unit_targets_met": 7, "unit_targets_on_time": 7}
    assert found(rated(LD, **low)) == [("R-42", "cap.unit_targets", DONE, True, False)]
    assert found(rated(LD, ENFORCE, **low)) == [("R-43", "cap.unit_targets", KO, True, True)]
    assert rated(LD, ENFORCE, **{**low, "unit_targets_met": 8}).max_level is DONE  # 80 % > 70 %


@pytest.mark.parametrize("rs", [KH181_2023, QD366_2025], ids=lambda r: r.code)
def test_r_66_unit_under_direct_leadership_handled_for_corruption(rs):
    r = rated(LD, rs, year=rs.valid_from_year, unit_corruption=True, facts={"score": 95})
    assert found(r) == [("R-66", "cap.unit_corruption", KO, True, False)]
    assert rated(LD, rs, year=rs.valid_from_year, unit_corruption=False, facts={"score": 95}).findings == ()


# --- CBCCVC under ND90 / ND48: R-45..R-55, R-65 -----------------------------------------------

UNIT = {"unit_targets": 10, "unit_targets_met": 10, "unit_targets_on_time": 10, "unit_targets_exceeded": 5}


def state(rs=KH181_2023, *, category, year=2023, **details):
    return rated(CS, rs, year=year, category=category, **details)


def test_r_45_cadre_excellent_needs_half_of_the_unit_targets_exceeded():
    assert state(category=Cat.CADRE, **UNIT).findings == ()
    r = state(category=Cat.CADRE, **{**UNIT, "unit_targets_exceeded": 4})
    assert found(r) == [("R-45", "cap.unit_targets", GOOD, True, False)]


def test_r_45_cadre_excellent_needs_70_percent_of_units_good():
    assert state(category=Cat.CADRE, subunit_counts=LevelCounts(0, 3, 7, 0)).findings == ()
    r = state(category=Cat.CADRE, subunit_counts=LevelCounts(0, 4, 6, 0))
    assert found(r) == [("R-45", "cap.subunits", GOOD, True, False)]
    assert state(category=Cat.CADRE, subunit_counts=LevelCounts(1, 2, 7, 0)).max_level is GOOD


def test_r_46_cadre_good_needs_80_percent_on_time_only_behind_the_switch():
    late = {**UNIT, "unit_targets_on_time": 7}
    assert state(category=Cat.CADRE, **late).findings == ()
    assert found(state(WARN, category=Cat.CADRE, **late)) == [("R-46", "cap.unit_targets", DONE, False, True)]
    assert found(state(ENFORCE, category=Cat.CADRE, **late)) == [
        ("R-46", "cap.unit_targets", DONE, True, True)
    ]
    assert state(ENFORCE, category=Cat.CADRE, **{**UNIT, "unit_targets_on_time": 8}).findings == ()


def test_r_47_cadre_completed_needs_over_70_percent_only_behind_the_switch():
    seventy = {**UNIT, "unit_targets_met": 7}
    assert found(state(category=Cat.CADRE, **seventy)) == [("R-45", "cap.unit_targets", GOOD, True, False)]
    assert found(state(ENFORCE, category=Cat.CADRE, **seventy)) == [
        ("R-47", "cap.unit_targets", KO, True, True)
    ]
    assert state(ENFORCE, category=Cat.CADRE, **{**UNIT, "unit_targets_met": 8}).max_level is DONE


def test_r_48_cadre_other_limbs_only_behind_the_switch():
    assert state(category=Cat.CADRE, degradation_concluded=True, unit_corruption=True).findings == ()
    r = state(ENFORCE, category=Cat.CADRE, degradation_concluded=True, unit_corruption=True)
    assert found(r) == [
        ("R-48", "cap.degradation", KO, True, True),
        ("R-48", "cap.unit_corruption", KO, True, True),
    ]


def test_r_49_civil_servant_nd90_criteria_only_behind_the_switch():
    assert state(category=Cat.CIVIL_SERVANT, tasks_total=10, tasks_late=1).findings == ()
    r = state(ENFORCE, category=Cat.CIVIL_SERVANT, tasks_total=10, tasks_late=1)
    assert found(r) == [("R-49", "cap.tasks", DONE, True, True)]
    r = state(ENFORCE, category=Cat.CIVIL_SERVANT, tasks_total=10, tasks_late=3)
    assert found(r) == [("R-49", "cap.tasks", KO, True, True)]


def test_r_49_civil_servant_under_nd335_is_not_judged_by_nd90():
    rs = replace(QD366_2025, recalled_criteria="enforce")
    r = state(rs, category=Cat.CIVIL_SERVANT, year=2026, tasks_total=10, tasks_late=9)
    assert rules_of(r) == ["R-59"]  # the score is missing: the only finding
    assert state(rs, category=Cat.CIVIL_SERVANT, year=2025, tasks_total=10, tasks_late=9).max_level is KO


def test_r_51_public_employee_excellent_needs_half_of_tasks_exceeded():
    assert state(category=Cat.PUBLIC_EMPLOYEE, tasks_total=10, tasks_exceeded=5).findings == ()
    r = state(category=Cat.PUBLIC_EMPLOYEE, tasks_total=10, tasks_exceeded=4)
    assert found(r) == [("R-51", "cap.tasks", GOOD, True, False)]


def test_r_52_managing_public_employee_excellent():
    manager = {**UNIT, "subunit_counts": LevelCounts(0, 3, 7, 0), "tasks_total": 10}
    assert state(category=Cat.PUBLIC_EMPLOYEE, **manager).findings == ()  # own tasks need not be exceeded
    r = state(category=Cat.PUBLIC_EMPLOYEE, **{**manager, "unit_targets_exceeded": 4})
    assert found(r) == [("R-52", "cap.unit_targets", GOOD, True, False)]
    r = state(category=Cat.PUBLIC_EMPLOYEE, **{**manager, "subunit_counts": LevelCounts(0, 4, 6, 0)})
    assert found(r) == [("R-53", "cap.subunits", DONE, True, False)]  # HTT asks the same 70 % (R-53)


def test_r_53_public_employee_good_needs_every_task_on_time():
    assert found(state(category=Cat.PUBLIC_EMPLOYEE, tasks_total=10, tasks_late=1, tasks_exceeded=5)) == [
        ("R-53", "cap.tasks", DONE, True, False)
    ]
    assert state(category=Cat.PUBLIC_EMPLOYEE, **{**UNIT, "unit_targets_on_time": 8}).findings == ()
    r = state(category=Cat.PUBLIC_EMPLOYEE, **{**UNIT, "unit_targets_on_time": 7})
    assert found(r) == [("R-53", "cap.unit_targets", DONE, True, False)]


def test_r_54_public_employee_completed_at_most_20_percent_late():
    assert state(category=Cat.PUBLIC_EMPLOYEE, tasks_total=10, tasks_late=2).max_level is DONE
    r = state(category=Cat.PUBLIC_EMPLOYEE, tasks_total=10, tasks_late=3)
    assert found(r) == [("R-54", "cap.tasks", KO, True, False)]
    assert state(category=Cat.PUBLIC_EMPLOYEE, **{**UNIT, "unit_targets_met": 8}).max_level is DONE
    assert state(category=Cat.PUBLIC_EMPLOYEE, **{**UNIT, "unit_targets_met": 7}).max_level is KO
    assert state(category=Cat.PUBLIC_EMPLOYEE, subunit_counts=LevelCounts(3, 7, 0, 0)).max_level is DONE
    assert state(category=Cat.PUBLIC_EMPLOYEE, subunit_counts=LevelCounts(4, 6, 0, 0)).max_level is KO


def test_r_54_worked_example_managing_public_employee_completes_but_not_well():
    # regulations.md §3.5: 8 of 10 targets, 7 of them on time; 9 of 10 sub-units HTNV or above.
    r = state(
        category=Cat.PUBLIC_EMPLOYEE,
        unit_targets=10,
        unit_targets_met=8,
        unit_targets_on_time=7,
        subunit_counts=LevelCounts(1, 2, 7, 0),
    )
    assert r.max_level is DONE
    assert set(rules_of(r)) == {"R-53"}


@settings(max_examples=150, deadline=None)
@given(
    total=st.integers(1, 40),
    late=st.integers(0, 40),
    more=st.integers(1, 10),
    category=st.sampled_from([Cat.CADRE, Cat.CIVIL_SERVANT, Cat.PUBLIC_EMPLOYEE]),
    rs=st.sampled_from([KH181_2023, WARN, ENFORCE]),
)
def test_r_54_more_late_tasks_never_raise_the_level(total, late, more, category, rs):
    late = min(late, total)
    worse = min(late + more, total)
    a = state(rs, category=category, tasks_total=total, tasks_late=late)
    b = state(rs, category=category, tasks_total=total, tasks_late=worse)
    assert b.max_level <= a.max_level


def test_r_55_other_limbs_of_public_employees_only_behind_the_switch():
    assert state(category=Cat.PUBLIC_EMPLOYEE, degradation_concluded=True).findings == ()
    r = state(ENFORCE, category=Cat.PUBLIC_EMPLOYEE, degradation_concluded=True)
    assert found(r) == [("R-55", "cap.degradation", KO, True, True)]


def test_r_65_leader_levels_follow_the_unit_on_both_sides():
    units = LevelCounts(1, 4, 5, 0)  # one unit under direct management did not complete
    assert rated(LD, subunit_counts=units).max_level is DONE  # party side, QĐ89
    assert state(category=Cat.CADRE, subunit_counts=units).max_level is GOOD  # ND90 HTXS limb
    assert state(ENFORCE, category=Cat.CADRE, subunit_counts=units).max_level is DONE  # R-46 enforced
    assert rated(LD, subunit_counts=LevelCounts(0, 5, 5, 0)).findings == ()


# --- QĐ124 carried into qd366-2025, R-64 ------------------------------------------


def test_r_57_qd366_degradation_concluded_is_not_completed():
    for t in (PM, LD, CO, OR):
        r = rated(t, QD366_2025, year=2025, degradation_concluded=True, facts={"score": 95})
        assert found(r) == [("R-57", "cap.degradation", KO, True, False)], t


@pytest.mark.parametrize("subject_type", [CO, OR])
def test_r_57_over_20_percent_of_subordinate_units_disciplined(subject_type):
    def with_disciplined(n):
        facts = {"score": 95, "subordinates_disciplined": n}
        return rated(subject_type, QD366_2025, year=2025, subordinate_count=10, facts=facts)

    assert with_disciplined(2).max_level is not KO  # exactly 20 % is not "over"
    r = with_disciplined(3)
    assert r.max_level is KO
    assert ("R-57", "cap.subordinates_share", KO, True, False) in found(r)


def test_r_59_nd335_degradation_and_corruption_are_not_completed():
    r = state(
        QD366_2025, category=Cat.CIVIL_SERVANT, year=2026, degradation_concluded=True, facts={"score": 95}
    )
    assert found(r) == [("R-59", "cap.degradation", KO, True, False)]
    r = state(QD366_2025, category=Cat.CIVIL_SERVANT, year=2026, unit_corruption=True, facts={"score": 95})
    assert found(r) == [("R-59", "cap.unit_corruption", KO, True, False)]


def test_r_64_collective_and_the_discipline_of_members_and_subordinate_units():
    def member(form, in_duties=False):
        return (DisciplineFact("m", form, Side.PARTY, date(2025, 5, 1), in_duties=in_duties),)

    kh = KH181_2023
    assert (
        rated(CO, kh, facts={"members_disciplined": member(DisciplineForm.REPRIMAND)}, year=2025).findings
        == ()
    )
    r = rated(CO, kh, facts={"members_disciplined": member(DisciplineForm.WARNING)}, year=2025)
    assert r.max_level is KO  # HD21: a member warned or above (R-40d)
    r = rated(
        CO,
        QD366_2025,
        year=2025,
        facts={"score": 95, "members_disciplined": member(DisciplineForm.REPRIMAND)},
    )
    assert r.max_level is GOOD  # QĐ366: any member disciplined bars HTXS
    facts = {"score": 95, "members_disciplined": member(DisciplineForm.REPRIMAND, in_duties=True)}
    assert rated(CO, QD366_2025, year=2025, facts=facts).max_level is KO  # within its duties: R-105
    three = {"subordinates_disciplined": 3}
    assert rated(CO, kh, subordinate_count=10, facts=three).findings == ()  # HD21: no 20 % limb
    assert (
        rated(CO, QD366_2025, year=2025, subordinate_count=10, facts={**three, "score": 95}).max_level is KO
    )


# --- batch ------------------------------------------------------------------------------------


def test_r_53_check_many_equals_check_with_details():
    facts = [
        RatingFacts(
            1, CS, EX, category=Cat.PUBLIC_EMPLOYEE, details=RatingDetails(tasks_total=10, tasks_late=1)
        ),
        RatingFacts(2, PM, EX),
        RatingFacts(3, OR, EX, details=RatingDetails(grades=grades(T, K))),
        RatingFacts(4, LD, EX, details=RatingDetails(unit_corruption=True)),
    ]
    assert check_many(ENFORCE, facts, year=2023) == [check(ENFORCE, f, year=2023) for f in facts]
