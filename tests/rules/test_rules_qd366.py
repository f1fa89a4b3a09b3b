"""QĐ366, HD43, KL198 and ND335 as written (issue 13): each rule on both sides of its boundary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from xeploai.rules import (
    KH181_2023,
    QD366_2025,
    CivilServiceCategory,
    CollectiveFacts,
    CollectiveKind,
    DisciplineFact,
    DisciplineForm,
    LeaveFact,
    Level,
    LevelCounts,
    OrganizationFacts,
    OrgKind,
    QuotaItem,
    QuotaKind,
    RatingDetails,
    RatingFacts,
    Side,
    StatusKind,
    SubjectType,
    Tier,
    check,
    check_many,
    decide_collective,
    decide_organization,
    explain,
    quarter_due_date,
    solve_quota,
    solve_state_rate,
)

PM, CS, LD, CO, OR = (
    SubjectType.PARTY_MEMBER,
    SubjectType.CIVIL_SERVANT,
    SubjectType.LEADER,
    SubjectType.COLLECTIVE,
    SubjectType.ORGANIZATION,
)
EX, GOOD, DONE, KO = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
Cat = CivilServiceCategory
RS = QD366_2025


def found(result):
    return [(f.rule_id, f.code, f.blocking) for f in result.findings]


def tasks(total, late=0, exceeded=0, **kw):
    return RatingDetails(tasks_total=total, tasks_late=late, tasks_exceeded=exceeded, **kw)


# --- the score at every stage ---------------------------------------------------------------


def test_r_58_score_carried_from_the_previous_stage_is_checked_at_decision():
    # Self-scored 55, decided HTXS with no score of its own: the carried score caps at HTNV.
    decided = RatingFacts(1, PM, EX, score=55, score_carried=True)
    r = check(RS, decided, year=2025)
    assert r.max_level is DONE
    assert found(r) == [("R-58", "cap.score_band_carried", True)]
    assert "điểm của bước trước là 55" in explain(r.findings[0])
    assert check(RS, replace(decided, proposed=DONE), year=2025).ok
    assert check(RS, replace(decided, score=90), year=2025).ok


@pytest.mark.parametrize(
    ("score", "level"), [(49.99, KO), (50, DONE), (69.99, DONE), (70, GOOD), (89.99, GOOD), (90, EX)]
)
def test_r_58_bands_hold_for_every_subject_type(score, level):
    for st in (PM, LD, CO, OR):
        assert check(RS, RatingFacts(1, st, EX, score=score), year=2025).max_level is level


def test_r_58_no_score_at_any_stage_is_a_non_blocking_finding():
    r = check(RS, RatingFacts(1, PM, EX), year=2025)
    assert found(r) == [("R-58", "score.missing", False)]


# --- task conditions ------------------------------------------------------------------------


def test_r_58_excellent_needs_every_task_on_time_and_30_percent_exceeded():
    ok = RatingFacts(1, PM, EX, score=95, details=tasks(10, exceeded=3))
    assert check(RS, ok, year=2025).ok
    r = check(RS, replace(ok, details=tasks(10, exceeded=2)), year=2025)
    assert r.max_level is GOOD
    assert found(r) == [("R-58", "cap.tasks_qd366", True)]
    assert r.findings[0].params["exceeded"] == 2


def test_r_58_good_needs_every_task_on_time():
    f = RatingFacts(1, PM, GOOD, score=95, details=tasks(10, late=1, exceeded=5))
    assert check(RS, f, year=2025).max_level is DONE
    assert check(RS, replace(f, details=tasks(10, late=0)), year=2025).ok


def test_r_58_completed_allows_at_most_20_percent_late():
    f = RatingFacts(1, PM, DONE, score=95, details=tasks(10, late=2))
    assert check(RS, f, year=2025).max_level is DONE  # exactly 20 %
    r = check(RS, replace(f, details=tasks(10, late=3)), year=2025)
    assert r.max_level is KO
    assert found(r) == [("R-58", "cap.tasks_qd366", True)]


def test_r_58_task_conditions_bind_leaders_collectives_and_organizations():
    for st in (LD, CO, OR):
        f = RatingFacts(1, st, EX, score=95, details=tasks(10, late=1))
        assert check(RS, f, year=2025).max_level is DONE, st
    # No tasks recorded: nothing to judge. The 2023 ruleset has no such conditions.
    assert check(RS, RatingFacts(1, PM, EX, score=95, details=tasks(0)), year=2025).ok
    assert check(KH181_2023, RatingFacts(1, OR, EX, details=tasks(10, late=1)), year=2023).ok


# --- a later discipline counts now ---------------------------------------------------------


def test_r_104_collective_member_disciplined_later_counts_at_the_current_review():
    late = DisciplineFact("m", DisciplineForm.REPRIMAND, Side.PARTY, date(2026, 3, 1), violation_year=2025)
    f = RatingFacts(1, CO, EX, score=95, members_disciplined=(late,))
    assert check(RS, f, year=2026).max_level is KO  # R-105 in 2026, the year of the decision
    assert check(RS, f, year=2025).findings == ()


# --- a member disciplined within the collective's duties -------------------------------------


def test_r_105_member_reprimanded_within_the_collectives_duties_makes_it_not_completed():
    d = DisciplineFact("m", DisciplineForm.REPRIMAND, Side.PARTY, date(2025, 5, 1))
    f = RatingFacts(1, CO, GOOD, score=95, members_disciplined=(d,))
    r = check(RS, f, year=2025)
    assert r.max_level is KO
    assert ("R-105", "cap.member_disciplined_in_duties", True) in found(r)
    assert "trong thực hiện nhiệm vụ của tập thể" in explain(r.findings[-1])


def test_r_105_not_at_a_previous_unit_nor_unrelated_to_the_duties():
    d = DisciplineFact("m", DisciplineForm.REPRIMAND, Side.PARTY, date(2025, 5, 1))
    f = RatingFacts(1, CO, GOOD, score=95)
    previous = replace(f, members_disciplined=(replace(d, at_previous_unit=True),))
    assert check(RS, previous, year=2025).max_level is EX
    unrelated = replace(f, members_disciplined=(replace(d, in_duties=False),))
    assert check(RS, unrelated, year=2025).max_level is GOOD  # R-58 still bars HTXS
    counted = replace(f, members_disciplined=(d,), counted_violations=frozenset({"m"}))
    assert check(RS, counted, year=2025).max_level is EX
    # HD21 (2023): a reprimand of a member does not cap the collective (R-40d needs a warning).
    assert check(KH181_2023, RatingFacts(1, CO, GOOD, members_disciplined=(d,)), year=2025).ok


# --- KHTNV limbs of collectives and leaders, behind a switch --------------------------------


ENFORCE = replace(RS, unit_limbs="enforce")


def test_r_106_unit_under_70_percent_of_its_tasks():
    f = RatingFacts(1, CO, GOOD, score=95, details=RatingDetails(unit_tasks_total=10, unit_tasks_done=7))
    assert check(ENFORCE, f, year=2025).ok
    short = replace(f, details=RatingDetails(unit_tasks_total=10, unit_tasks_done=6))
    r = check(ENFORCE, short, year=2025)
    assert r.max_level is KO
    assert found(r) == [("R-106", "cap.unit_tasks_share", True)]
    assert r.findings[0].params["unconfirmed"] is True


def test_r_106_warn_by_default_off_caps_nothing():
    short = RatingFacts(1, LD, GOOD, score=95, details=RatingDetails(unit_tasks_total=10, unit_tasks_done=6))
    r = check(RS, short, year=2025)
    assert r.max_level is EX
    assert found(r) == [("R-106", "cap.unit_tasks_share", False)]
    assert explain(r.findings[0]).endswith("(quy định chưa được xác nhận) (R-106).")
    assert check(replace(RS, unit_limbs="off"), short, year=2025).findings == ()
    assert check(KH181_2023, replace(short, score=None), year=2023).findings == ()


def test_r_106_basic_targets_and_subordinate_units_over_half_not_completed():
    basic = RatingFacts(1, CO, GOOD, score=95, details=RatingDetails(basic_targets_missed=True))
    assert [f.code for f in check(ENFORCE, basic, year=2025).findings] == ["cap.basic_targets_missed"]
    half = replace(basic, details=RatingDetails(subunit_counts=LevelCounts(2, 2, 0, 0)))
    assert check(ENFORCE, half, year=2025).ok  # exactly half is not "over 50 %"
    over = replace(basic, details=RatingDetails(subunit_counts=LevelCounts(3, 2, 0, 0)))
    assert check(ENFORCE, over, year=2025).max_level is KO


def test_r_106_leader_over_half_low_confidence_votes():
    f = RatingFacts(1, LD, GOOD, score=95, details=RatingDetails(confidence_votes=10, confidence_low=5))
    assert check(ENFORCE, f, year=2025).ok
    low = replace(f, details=RatingDetails(confidence_votes=10, confidence_low=6))
    assert found(check(ENFORCE, low, year=2025)) == [("R-106", "cap.low_confidence", True)]
    # A collective has no confidence vote: the limb is the leader's only.
    assert check(ENFORCE, replace(low, subject_type=CO), year=2025).ok


# --- long leave evaluated on the work done ---------------------------------------------------


def sick(start, end):
    return LeaveFact(StatusKind.SICK_LEAVE, start, end)


def test_r_107_three_months_of_sick_leave_no_longer_caps_a_party_member():
    f = RatingFacts(1, PM, GOOD, score=95, leaves=(sick(date(2025, 3, 1), date(2025, 6, 30)),))
    r = check(RS, f, year=2025)
    assert r.max_level is EX
    assert found(r) == [("R-107", "flag.work_done", False)]
    assert "kết quả công việc thực tế" in explain(r.findings[0])
    # Under QĐ124/HD21 (kh181-2023) the same leave caps at HTNV.
    assert check(KH181_2023, replace(f, score=None), year=2023).max_level is EX  # leave in 2025, not 2023
    in_2023 = RatingFacts(1, PM, GOOD, leaves=(sick(date(2023, 3, 1), date(2023, 6, 30)),))
    assert check(KH181_2023, in_2023, year=2023).max_level is DONE


def test_r_107_civil_servants_keep_r_26_under_nd48_and_not_under_nd335():
    leave = (sick(date(2025, 3, 1), date(2025, 6, 30)),)
    cs = RatingFacts(1, CS, GOOD, category=Cat.CIVIL_SERVANT, leaves=leave)
    r25 = check(RS, cs, year=2025)  # 2025: ND90/ND48, R-26 stays
    assert r25.max_level is DONE
    assert [f.rule_id for f in r25.findings] == ["R-26"]
    leave26 = (sick(date(2026, 3, 1), date(2026, 6, 30)),)
    r26 = check(RS, replace(cs, leaves=leave26, score=95), year=2026)  # ND335: time worked
    assert r26.max_level is EX
    assert found(r26) == [("R-91", "flag.work_done", False)]
    cadre = replace(cs, category=Cat.CADRE, leaves=leave26)
    assert check(RS, cadre, year=2026).max_level is DONE  # cán bộ are not under ND335


# --- R-50g: công chức under ND335, from 2026 ----------------------------------------------------------


def quota_items(category):
    return [QuotaItem(i, EX, ("agency", category)) for i in range(3)] + [
        QuotaItem(10 + i, GOOD, ("agency", category)) for i in range(7)
    ]


def test_r_50g_binds_cong_chuc_under_nd335_from_2026_only():
    def over(year, category):
        res = solve_quota(
            RS, QuotaKind.CIVIL_SERVANTS, quota_items(category), year=year, category=lambda i: i.scope[1]
        )
        return [f.rule_id for r in res.values() for f in r.findings]

    assert over(2026, Cat.CIVIL_SERVANT) == ["R-50g"]  # 3 HTXS of 10: at most 1
    assert over(2025, Cat.CIVIL_SERVANT) == []  # ND90/ND48: no 20 % quota, only R-50f
    assert over(2026, Cat.PUBLIC_EMPLOYEE) == []  # viên chức are not under ND335
    assert over(2026, Cat.PART_TIME) == []
    within = [QuotaItem(1, EX, "a")] + [QuotaItem(10 + i, GOOD, "a") for i in range(5)]
    res = solve_quota(RS, QuotaKind.CIVIL_SERVANTS, within, year=2026, category=lambda i: Cat.CIVIL_SERVANT)
    assert res["a"].findings == ()


# --- R-50f: only once the party rate exists ------------------------------------------------------------


def test_r_50f_waits_for_the_party_members_rate():
    items = [QuotaItem(1, EX, "a"), QuotaItem(2, GOOD, "a")]
    rates = {"a": (0, 10)}
    (f,) = solve_state_rate(RS, items, party_rates=rates)["a"].findings
    assert (f.code, f.blocking) == ("quota.state_rate_over", True)
    (f,) = solve_state_rate(RS, items, party_rates=rates, party_pending={"a": 3})["a"].findings
    assert (f.rule_id, f.code, f.blocking) == ("R-50f", "quota.party_rate_pending", False)
    assert "Còn 3 đảng viên" in explain(f)
    (f,) = solve_state_rate(RS, items, party_rates=rates, party_pending={"a": 0})["a"].findings
    assert f.blocking


# --- R-11 merger switch, R-21 commune standing committee ------------------------------------------------


REF25 = date(2025, 12, 31)


def test_r_11_units_formed_by_the_2025_reorganization_are_classified_in_2025():
    org = OrganizationFacts(1, OrgKind.GRASSROOTS_COMMITTEE, Tier.GRASSROOTS, established_on=date(2025, 7, 1))
    assert decide_organization(RS, org, reference=REF25).classify is True
    off = replace(RS, reorganized_units_classified=False)
    d = decide_organization(off, org, reference=REF25)
    assert (d.classify, d.reasons[0].rule_id) == (False, "R-11")
    # A unit set up later, not by the reorganization, is still new; flagged, it is classified.
    later = replace(org, established_on=date(2025, 8, 1))
    assert decide_organization(RS, later, reference=REF25).classify is False
    assert decide_organization(RS, replace(later, reorganized=True), reference=REF25).classify is True
    assert decide_organization(KH181_2023, org, reference=REF25).classify is False


def test_r_11_merger_switch_covers_collectives():
    c = CollectiveFacts(
        1, CollectiveKind.EXECUTIVE_COMMITTEE, Tier.GRASSROOTS, 9, established_on=date(2025, 7, 1)
    )
    assert decide_collective(RS, c, reference=REF25).classify is True
    off = replace(RS, reorganized_units_classified=False)
    assert decide_collective(off, c, reference=REF25).classify is False


def test_r_21_commune_party_committee_standing_committee_is_a_subject():
    c = CollectiveFacts(1, CollectiveKind.STANDING_COMMITTEE, Tier.GRASSROOTS, 7)
    d = decide_collective(RS, c, reference=REF25)
    assert (d.review, d.classify) == (True, True)
    old = decide_collective(KH181_2023, c, reference=date(2023, 12, 31))
    assert (old.review, old.classify) == (False, False)


def test_r_21_no_district_tier_assumed():
    # QĐ366 fixes no deadline by tier; the two-tier province has no district level to wait for.
    assert all(RS.deadline_for(t, 2025) is None for t in Tier)
    # The commune's collectives are grassroots subjects of the province directly.
    for kind in (CollectiveKind.PEOPLES_COMMITTEE_LEADERSHIP, CollectiveKind.FRONT_STANDING):
        c = CollectiveFacts(1, kind, Tier.GRASSROOTS, 5, established_on=date(2025, 7, 1))
        assert decide_collective(RS, c, reference=REF25).classify is True


# --- quarters --------------------------------------------------------------------------


def test_r_100_qd366_evaluates_by_term_year_quarter_and_when_needed():
    assert all(RS.evaluates(p) for p in ("TERM", "YEAR", "QUARTER", "AD_HOC"))
    assert not KH181_2023.evaluates("QUARTER")


def test_r_101_quarter_results_before_the_15th_of_its_last_month():
    assert quarter_due_date(RS, 2026, 1) == (date(2026, 3, 15), "R-101")
    assert quarter_due_date(RS, 2026, 4) == (date(2026, 12, 15), "R-101")
    assert quarter_due_date(KH181_2023, 2023, 1) is None
    with pytest.raises(ValueError):
        quarter_due_date(RS, 2026, 5)


# --- CBCCVC-only rules, the batch ------------------------------------------------------------------


def test_r_30_cbccvc_links_not_applied_to_part_time_workers_and_employees():
    for cat in (Cat.PART_TIME, Cat.EMPLOYEE):
        pm = RatingFacts(1, PM, EX, category=cat, civil_service_level=KO)
        assert check(KH181_2023, pm, year=2023).ok, cat  # no R-33c, no R-70b wait
        d = DisciplineFact("v", DisciplineForm.REPRIMAND, Side.STATE, date(2023, 5, 1))
        cs = RatingFacts(1, CS, EX, category=cat, disciplines=(d,))
        assert check(KH181_2023, cs, year=2023).findings == ()  # R-76 is for CBCCVC
    pm = RatingFacts(1, PM, EX, category=Cat.PUBLIC_EMPLOYEE, civil_service_level=KO)
    assert check(KH181_2023, pm, year=2023).max_level is KO


def test_r_58_check_many_equals_check_under_qd366():
    facts = [
        RatingFacts(1, PM, EX, score=55, score_carried=True),
        RatingFacts(2, CO, EX, score=95, details=tasks(10, late=3)),
        RatingFacts(3, PM, GOOD, score=95, leaves=(sick(date(2025, 8, 1), None),)),
    ]
    ref = date(2025, 10, 14)
    assert check_many(RS, facts, year=2025, reference=ref) == [
        check(RS, f, year=2025, reference=ref) for f in facts
    ]
