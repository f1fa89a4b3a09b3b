"""Caps and linkage checks: each rule id on both sides of its boundary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from xeploai.rules import (
    KH181_2023,
    QD366_2025,
    CivilServiceCategory,
    DisciplineFact,
    DisciplineForm,
    LeaveFact,
    Level,
    LevelCounts,
    RatingFacts,
    Side,
    StatusKind,
    SubjectType,
    check,
    check_ballot,
    check_many,
)

PM, CS, LD, CO, OR = (
    SubjectType.PARTY_MEMBER,
    SubjectType.CIVIL_SERVANT,
    SubjectType.LEADER,
    SubjectType.COLLECTIVE,
    SubjectType.ORGANIZATION,
)
EX, GOOD, DONE, KO = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
Y = 2023


def rules_of(result, blocking=None):
    return [f.rule_id for f in result.findings if blocking is None or f.blocking is blocking]


def disc(vid="v1", form=DisciplineForm.REPRIMAND, side=Side.PARTY, on=date(2023, 6, 1), **kw):
    return DisciplineFact(vid, form, side, on, **kw)


def sick(start, end, kind=StatusKind.SICK_LEAVE):
    return LeaveFact(kind, start, end)


# --- discipline -------------------------------------------------------------------------------


def test_r_33d_disciplined_in_the_year_is_not_completed():
    r = check(KH181_2023, RatingFacts(1, PM, GOOD, disciplines=(disc(),)), year=Y)
    assert r.max_level is KO
    assert rules_of(r) == ["R-33d"]
    assert r.findings[0].params["cap"] is KO
    assert r.findings[0].blocking


def test_r_33d_discipline_of_another_year_does_not_count():
    r = check(KH181_2023, RatingFacts(1, PM, GOOD, disciplines=(disc(on=date(2022, 12, 31)),)), year=Y)
    assert r.max_level is EX
    assert r.findings == ()


def test_r_33d_one_violation_counted_once_across_years():
    f = RatingFacts(1, PM, GOOD, disciplines=(disc("v9"),), counted_violations=frozenset({"v9"}))
    r = check(KH181_2023, f, year=Y)
    assert r.max_level is EX
    assert [(x.rule_id, x.code, x.blocking) for x in r.findings] == [
        ("R-33d", "discipline.already_counted", False)
    ]


def test_r_33d_hd21_has_no_self_remedied_exception():
    r = check(KH181_2023, RatingFacts(1, PM, GOOD, disciplines=(disc(self_remedied=True),)), year=Y)
    assert r.max_level is KO


def test_r_72_qd366_self_remedied_is_not_counted():
    remedied = disc(on=date(2025, 3, 1), self_remedied=True)
    r = check(QD366_2025, RatingFacts(1, PM, GOOD, disciplines=(remedied,), score=80), year=2025)
    assert r.max_level is GOOD
    assert ("R-72", "discipline.self_remedied") in [(f.rule_id, f.code) for f in r.findings]
    r = check(
        QD366_2025, RatingFacts(1, PM, GOOD, disciplines=(disc(on=date(2025, 3, 1)),), score=80), year=2025
    )
    assert r.max_level is KO
    assert "R-72" in rules_of(r, blocking=True)


def test_r_76_party_and_state_decisions_on_one_violation_give_one_finding():
    ds = (disc("v1", side=Side.PARTY), disc("v1", DisciplineForm.WARNING, Side.STATE, date(2023, 8, 1)))
    r = check(
        KH181_2023,
        RatingFacts(1, CS, GOOD, category=CivilServiceCategory.CIVIL_SERVANT, disciplines=ds),
        year=Y,
    )
    assert r.max_level is KO
    assert rules_of(r) == ["R-76"]


def test_r_76_violation_already_basis_of_khtnv_not_counted_again():
    f = RatingFacts(
        1,
        CS,
        GOOD,
        category=CivilServiceCategory.PUBLIC_EMPLOYEE,
        disciplines=(disc("v1", on=date(2023, 2, 1)),),
        counted_violations=frozenset({"v1"}),
    )
    assert check(KH181_2023, f, year=Y).max_level is EX
    assert check(KH181_2023, replace(f, counted_violations=frozenset()), year=Y).max_level is KO


def test_r_76_nd48_counts_discipline_outside_duties():
    f = RatingFacts(1, CS, GOOD, category=CivilServiceCategory.CADRE, disciplines=(disc(in_duties=False),))
    assert check(KH181_2023, f, year=Y).max_level is KO


def test_r_55_nd90_counts_only_violations_in_duties():
    nd90 = replace(KH181_2023, state_regime=lambda year, category: "nd90")
    f = RatingFacts(
        1, CS, GOOD, category=CivilServiceCategory.PUBLIC_EMPLOYEE, disciplines=(disc(in_duties=False),)
    )
    r = check(nd90, f, year=Y)
    assert r.max_level is EX
    assert [x.code for x in r.findings] == ["discipline.not_in_duties"]
    r = check(nd90, replace(f, disciplines=(disc(in_duties=True),)), year=Y)
    assert r.max_level is KO
    assert rules_of(r) == ["R-55"]


def test_r_59_nd335_reprimand_in_public_duties_is_not_completed_from_2026():
    f = RatingFacts(
        1,
        CS,
        GOOD,
        category=CivilServiceCategory.CIVIL_SERVANT,
        disciplines=(disc(on=date(2026, 5, 1)),),
        score=85,
    )
    r = check(QD366_2025, f, year=2026)
    assert r.max_level is KO
    assert rules_of(r, blocking=True) == ["R-59"]
    r = check(QD366_2025, replace(f, disciplines=(disc(on=date(2026, 5, 1), in_duties=False),)), year=2026)
    assert r.max_level is GOOD


def test_r_59_nd335_score_bands():
    f = RatingFacts(1, CS, EX, category=CivilServiceCategory.CIVIL_SERVANT)
    for score, level in [(90, EX), (89.99, GOOD), (70, GOOD), (69.99, DONE), (50, DONE), (49.99, KO)]:
        assert check(QD366_2025, replace(f, score=score), year=2026).max_level is level, score
    assert rules_of(check(QD366_2025, replace(f, score=None), year=2026)) == ["R-59"]


def test_r_57_qd366_organization_disciplined_unless_self_remedied():
    f = RatingFacts(1, OR, GOOD, disciplines=(disc(on=date(2025, 4, 1)),), score=95)
    assert check(QD366_2025, f, year=2025).max_level is KO
    assert rules_of(check(QD366_2025, f, year=2025), blocking=True) == ["R-57"]
    ok = replace(f, disciplines=(disc(on=date(2025, 4, 1), self_remedied=True),))
    assert check(QD366_2025, ok, year=2025).max_level is EX


def test_r_36_organization_disciplined_is_not_completed():
    r = check(KH181_2023, RatingFacts(1, OR, GOOD, disciplines=(disc(),)), year=Y)
    assert r.max_level is KO
    assert rules_of(r) == ["R-36"]


def test_r_36_self_remedied_organization_is_not_capped():
    r = check(KH181_2023, RatingFacts(1, OR, GOOD, disciplines=(disc(self_remedied=True),)), year=Y)
    assert r.max_level is EX
    assert [x.code for x in r.findings] == ["discipline.self_remedied"]


def test_r_40c_collective_disciplined_is_not_completed():
    r = check(KH181_2023, RatingFacts(1, CO, GOOD, disciplines=(disc(),)), year=Y)
    assert r.max_level is KO
    assert rules_of(r) == ["R-40c"]
    assert check(KH181_2023, RatingFacts(1, CO, GOOD), year=Y).max_level is EX


def test_r_40d_member_warned_makes_collective_not_completed():
    r = check(
        KH181_2023, RatingFacts(1, CO, GOOD, members_disciplined=(disc(form=DisciplineForm.WARNING),)), year=Y
    )
    assert r.max_level is KO
    assert rules_of(r) == ["R-40d"]


def test_r_40d_member_reprimanded_does_not_cap_collective():
    r = check(KH181_2023, RatingFacts(1, CO, GOOD, members_disciplined=(disc(),)), year=Y)
    assert r.max_level is EX
    assert r.findings == ()


def test_r_58_qd366_member_disciplined_bars_excellent_for_collective():
    # A violation unrelated to the collective's duties: R-58 bars HTXS, R-105 does not apply.
    f = RatingFacts(1, CO, EX, members_disciplined=(disc(on=date(2025, 2, 1), in_duties=False),), score=95)
    r = check(QD366_2025, f, year=2025)
    assert r.max_level is GOOD
    assert rules_of(r) == ["R-58"]
    assert check(QD366_2025, replace(f, members_disciplined=()), year=2025).max_level is EX


def test_r_58_score_bands_for_party_side():
    f = RatingFacts(1, PM, EX)
    for score, level in [(90, EX), (89.9, GOOD), (70, GOOD), (69.9, DONE), (50, DONE), (49.9, KO)]:
        r = check(QD366_2025, replace(f, score=score), year=2025)
        assert r.max_level is level, score
        assert all(x.rule_id == "R-58" for x in r.findings)


def test_r_58_subordinate_unit_disciplined_bars_excellent():
    f = RatingFacts(1, OR, EX, score=95, subordinates_disciplined=1)
    assert check(QD366_2025, f, year=2025).max_level is GOOD
    assert check(QD366_2025, replace(f, subordinates_disciplined=0), year=2025).max_level is EX


# --- leave --------------------------------------------------------------------------------------


def test_r_13_sick_leave_3_months_caps_at_completed():
    # "03 tháng" is three calendar months: 01/03 to 31/05 (92 days), not 90 days.
    r = check(
        KH181_2023, RatingFacts(1, PM, GOOD, leaves=(sick(date(2023, 3, 1), date(2023, 5, 31)),)), year=Y
    )
    assert r.max_level is DONE
    assert rules_of(r) == ["R-13"]
    assert r.findings[0].params["days"] == 92


def test_r_13_sick_leave_90_days_from_march_is_under_3_months():
    r = check(
        KH181_2023, RatingFacts(1, PM, GOOD, leaves=(sick(date(2023, 3, 1), date(2023, 5, 30)),)), year=Y
    )
    assert r.max_level is EX


def test_r_13_three_months_of_february_are_89_days():
    r = check(
        KH181_2023, RatingFacts(1, PM, GOOD, leaves=(sick(date(2023, 2, 1), date(2023, 4, 30)),)), year=Y
    )
    assert r.max_level is DONE
    short = RatingFacts(1, PM, GOOD, leaves=(sick(date(2023, 2, 1), date(2023, 4, 29)),))
    assert check(KH181_2023, short, year=Y).max_level is EX


def test_r_13_open_leave_is_counted_to_the_reference_date_not_31_december():
    f = RatingFacts(1, PM, GOOD, leaves=(sick(date(2023, 8, 1), None),))
    assert check(KH181_2023, f, year=Y).max_level is DONE  # to 31/12: five months
    assert check(KH181_2023, f, year=Y, reference=date(2023, 10, 14)).max_level is EX  # 75 days
    assert check(KH181_2023, f, year=Y, reference=date(2023, 11, 1)).max_level is DONE
    assert check_many(KH181_2023, [f], year=Y, reference=date(2023, 10, 14))[0].max_level is EX


def test_r_13_sick_leave_periods_are_summed_within_the_year():
    leaves = (
        sick(date(2022, 12, 1), date(2023, 1, 31)),
        sick(date(2023, 6, 1), date(2023, 7, 29)),
    )  # 31 + 59
    r = check(KH181_2023, RatingFacts(1, PM, GOOD, leaves=leaves), year=Y)
    assert r.max_level is DONE


def test_r_14_maternity_leave_is_a_non_blocking_flag():
    leaves = (sick(date(2023, 1, 1), date(2023, 6, 30), StatusKind.MATERNITY_LEAVE),)
    r = check(KH181_2023, RatingFacts(1, PM, EX, leaves=leaves), year=Y)
    assert r.max_level is EX
    assert [(x.rule_id, x.blocking) for x in r.findings] == [("R-14", False)]


def test_r_26_absence_3_months_caps_civil_servant_at_completed():
    f = RatingFacts(1, CS, GOOD, category=CivilServiceCategory.CIVIL_SERVANT)
    r = check(KH181_2023, replace(f, leaves=(sick(date(2023, 3, 1), date(2023, 5, 31)),)), year=Y)
    assert r.max_level is DONE
    assert rules_of(r) == ["R-26"]
    r = check(KH181_2023, replace(f, leaves=(sick(date(2023, 3, 1), date(2023, 5, 30)),)), year=Y)
    assert r.max_level is EX


def test_r_27_maternity_leave_flag_for_civil_servant():
    f = RatingFacts(
        1,
        CS,
        GOOD,
        category=CivilServiceCategory.PUBLIC_EMPLOYEE,
        leaves=(sick(date(2023, 2, 1), date(2023, 7, 31), StatusKind.MATERNITY_LEAVE),),
    )
    r = check(KH181_2023, f, year=Y)
    assert r.max_level is EX
    assert [(x.rule_id, x.blocking) for x in r.findings] == [("R-27", False)]


# --- party member ↔ CBCCVC ------------------------------------------------------------------------


def member_cs(level, proposed=EX, ruleset=KH181_2023):
    f = RatingFacts(1, PM, proposed, category=CivilServiceCategory.PUBLIC_EMPLOYEE, civil_service_level=level)
    return check(ruleset, f, year=Y)


def test_r_30_party_excellent_needs_civil_service_excellent():
    r = member_cs(GOOD)
    assert r.max_level is GOOD
    assert rules_of(r) == ["R-30"]
    assert r.findings[0].blocking
    assert member_cs(EX).max_level is EX


def test_r_33c_civil_service_not_completed_forces_party_not_completed():
    r = member_cs(KO, proposed=GOOD)
    assert r.max_level is KO
    assert rules_of(r) == ["R-33c"]
    assert member_cs(DONE, proposed=GOOD).max_level is GOOD


def test_r_60_off_by_default_party_may_exceed_civil_service_level():
    assert member_cs(DONE, proposed=GOOD).max_level is GOOD


def test_r_60_enforce_caps_party_at_civil_service_level():
    rs = replace(KH181_2023, party_not_above_civil_service="enforce")
    r = member_cs(DONE, proposed=GOOD, ruleset=rs)
    assert r.max_level is DONE
    assert "R-60" in rules_of(r, blocking=True)
    assert r.findings[-1].params["unconfirmed"] is True


def test_r_60_warn_flags_without_capping():
    rs = replace(KH181_2023, party_not_above_civil_service="warn")
    r = member_cs(DONE, proposed=GOOD, ruleset=rs)
    assert r.max_level is GOOD
    assert rules_of(r, blocking=False) == ["R-30", "R-60"]
    assert member_cs(DONE, proposed=DONE, ruleset=rs).findings[-1].rule_id == "R-30"


def test_r_70b_missing_civil_service_result_is_flagged():
    r = member_cs(None)
    assert r.max_level is EX
    assert [(x.rule_id, x.blocking) for x in r.findings] == [("R-70b", False)]


# --- collective, head, unit ----------------------------------------------------------------------


def test_r_61_collective_not_above_its_unit():
    r = check(KH181_2023, RatingFacts(1, CO, EX, unit_level=GOOD), year=Y)
    assert r.max_level is GOOD
    assert rules_of(r) == ["R-61"]
    assert r.findings[0].blocking
    assert check(KH181_2023, RatingFacts(1, CO, EX, unit_level=EX), year=Y).max_level is EX


def test_r_62_head_not_above_the_unit():
    # regulations.md §5 worked example: đảng ủy xã HTNV, its secretary proposes HTT -> HTNV.
    r = check(KH181_2023, RatingFacts(1, LD, GOOD, is_head=True, unit_level=DONE), year=Y)
    assert r.max_level is DONE
    assert rules_of(r) == ["R-62"]
    assert r.findings[0].blocking
    assert check(KH181_2023, RatingFacts(1, LD, GOOD, is_head=True, unit_level=GOOD), year=Y).ok


def test_r_62_deputy_is_not_capped_by_the_unit():
    assert check(KH181_2023, RatingFacts(1, LD, EX, is_head=False, unit_level=DONE), year=Y).max_level is EX


def test_r_18_incoming_head_exception_only_behind_switch():
    f = RatingFacts(1, LD, GOOD, is_head=True, unit_level=DONE, head_not_connected=True)
    assert check(KH181_2023, f, year=Y).max_level is DONE
    r = check(replace(KH181_2023, incoming_head_exception=True), f, year=Y)
    assert r.max_level is EX
    assert [(x.rule_id, x.blocking) for x in r.findings] == [("R-18", False)]


def test_r_66_leader_of_unit_not_completed_is_not_completed():
    r = check(KH181_2023, RatingFacts(1, LD, GOOD, unit_level=KO), year=Y)
    assert r.max_level is KO
    assert rules_of(r) == ["R-66"]
    assert check(KH181_2023, RatingFacts(1, LD, GOOD, unit_level=DONE), year=Y).max_level is EX


# --- targets ------------------------------------------------------------------------------------


def test_r_33b_under_half_of_targets_is_not_completed():
    r = check(KH181_2023, RatingFacts(1, PM, GOOD, targets_assigned=10, targets_met=4), year=Y)
    assert r.max_level is KO
    assert rules_of(r) == ["R-33b"]


def test_r_33b_exactly_half_is_not_under_half():
    assert (
        check(KH181_2023, RatingFacts(1, PM, GOOD, targets_assigned=10, targets_met=5), year=Y).findings == ()
    )


def test_r_37_organization_under_half_unless_force_majeure():
    f = RatingFacts(1, OR, GOOD, targets_assigned=9, targets_met=4)
    assert rules_of(check(KH181_2023, f, year=Y)) == ["R-37"]
    assert check(KH181_2023, replace(f, force_majeure=True), year=Y).findings == ()
    assert check(KH181_2023, replace(f, targets_met=5), year=Y).findings == ()


def test_r_40b_collective_under_half_or_key_target_missed():
    f = RatingFacts(1, CO, GOOD, targets_assigned=3, targets_met=1)
    assert rules_of(check(KH181_2023, f, year=Y)) == ["R-40b"]
    assert check(KH181_2023, replace(f, targets_met=2), year=Y).findings == ()
    r = check(KH181_2023, replace(f, targets_met=3, key_targets_missed=True), year=Y)
    assert r.max_level is KO
    assert [x.code for x in r.findings] == ["cap.key_targets_missed"]


# --- party organization thresholds ------------------------------------------------------------------


def org(counts, same=(), proposed=EX):
    return check(
        KH181_2023, RatingFacts(1, OR, proposed, member_counts=counts, same_level_levels=same), year=Y
    )


def test_r_34_nineteen_classified_fifteen_good_is_not_enough():
    # regulations.md §3.2: 22 members, 2 exempt, 1 new -> 19 classified, needs 16 at HTT or above.
    r = org(LevelCounts(completed=4, good=12, excellent=3))
    assert r.max_level is GOOD
    assert rules_of(r) == ["R-34"]
    assert r.findings[0].params["needed_good"] == 16
    assert r.findings[0].params["classified"] == 19


def test_r_34_nineteen_classified_sixteen_good_passes():
    assert org(LevelCounts(completed=3, good=13, excellent=3)).max_level is EX


def test_r_34_one_member_not_completed_bars_excellent():
    r = org(LevelCounts(not_completed=1, good=18))
    assert r.max_level is GOOD
    assert r.findings[0].params["not_completed"] == 1


def test_r_34_no_member_classified_bars_excellent():
    assert org(LevelCounts()).max_level is GOOD


def test_r_63_same_level_government_below_good_bars_excellent():
    counts = LevelCounts(good=10)
    r = org(counts, same=(GOOD, DONE))
    assert r.max_level is GOOD
    assert rules_of(r) == ["R-63"]
    assert org(counts, same=(GOOD, EX)).max_level is EX


def test_r_63_counts_from_levels():
    assert LevelCounts.of([KO, GOOD, GOOD, EX]) == LevelCounts(1, 0, 2, 1)


# --- ballot -------------------------------------------------------------------------------------


def test_r_83_ballot_off_by_default():
    assert check_ballot(KH181_2023, EX, votes_for=0, full_members=10) == ()


def test_r_83_ballot_thresholds_when_on():
    rs = replace(KH181_2023, ballot_step=True)
    assert check_ballot(rs, EX, votes_for=7, full_members=10) == ()
    assert check_ballot(rs, EX, votes_for=6, full_members=9) == ()  # exactly 2/3
    (f,) = check_ballot(rs, EX, votes_for=5, full_members=9)
    assert f.rule_id == "R-83"
    assert f.params["unconfirmed"] is True
    assert check_ballot(rs, GOOD, votes_for=6, full_members=10) == ()
    assert len(check_ballot(rs, GOOD, votes_for=5, full_members=10)) == 1  # exactly 1/2 is not more


# --- batch --------------------------------------------------------------------------------------


def test_r_13_check_many_equals_check():
    facts = [
        RatingFacts(1, PM, GOOD, leaves=(sick(date(2023, 1, 1), date(2023, 6, 1)),)),
        RatingFacts(2, CO, EX, unit_level=GOOD),
        RatingFacts(3, OR, EX, member_counts=LevelCounts(good=5)),
    ]
    assert check_many(KH181_2023, facts, year=Y) == [check(KH181_2023, f, year=Y) for f in facts]
