"""Process rules: the term roll-up, turns inside a meeting, its length, the state-side steps, due dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xeploai.rules import (
    KH181_2023,
    QD366_2025,
    RULES,
    CollectiveKind,
    Level,
    MeetingRole,
    Step,
    SubjectType,
    Tier,
    check_deadline,
    check_meeting_length,
    check_meeting_order,
    check_steps,
    due_date,
    explain,
    get_ruleset,
    meeting_order,
    required_steps,
    term_level,
)
from xeploai.rules import CivilServiceCategory as Cat

X, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
CS, PM = SubjectType.CIVIL_SERVANT, SubjectType.PARTY_MEMBER

# --- the term roll-up (QĐ89) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "level"),
    [
        ((X, X, X, X, G), X),  # 4 years HTXS
        ((X, X, X, G, G), G),  # 3 only: HTT (at least 3 years HTT or above, none KHTNV)
        ((G, G, G, C, C), G),
        ((G, G, C, C, C), C),  # 2 years HTT or above only: HTNV
        ((X, X, X, X, N), X),  # one KHTNV year does not bar HTXS as the summary reads
        ((G, G, G, G, N), C),  # ... but bars HTT
        ((X, X, X, N, N), N),  # 2 years KHTNV: KHTNV, checked first
        ((C, C, C, N, N), N),
        ((C, N, N), N),
        ((C, C, N), None),  # too few years rated to say
        ((C, C), None),
        ((), None),
    ],
)
def test_r_44_term_level_table(years, level):
    assert term_level(years) is level


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(list(Level)), max_size=6), st.randoms(use_true_random=False))
def test_r_44_order_of_the_years_does_not_matter(years, rnd):
    shuffled = list(years)
    rnd.shuffle(shuffled)
    assert term_level(shuffled) is term_level(years)


# --- R-70c: turns inside a review meeting -----------------------------------------------------

COLL = ((SubjectType.COLLECTIVE, 1), MeetingRole.COLLECTIVE)
HEAD = ((SubjectType.LEADER, 2), MeetingRole.HEAD)
DEP = ((SubjectType.LEADER, 3), MeetingRole.DEPUTY)
MEM = ((SubjectType.PARTY_MEMBER, 4), MeetingRole.MEMBER)
MEM2 = ((SubjectType.PARTY_MEMBER, 5), MeetingRole.MEMBER)


def test_r_70c_collective_then_head_then_deputies_then_members():
    assert meeting_order([MEM, DEP, MEM2, HEAD, COLL]) == (COLL[0], HEAD[0], DEP[0], MEM[0], MEM2[0])
    assert check_meeting_order([COLL, HEAD, DEP, MEM, MEM2]) == ()


def test_r_70c_a_review_before_an_earlier_turn_is_refused():
    findings = check_meeting_order([COLL, DEP, HEAD, MEM])
    assert [(f.rule_id, f.params["subject"], f.blocking) for f in findings] == [("R-70c", DEP[0], True)]
    assert explain(findings[0]) == (
        "Chưa đến lượt kiểm điểm của cấp phó: người đứng đầu kiểm điểm trước"
        " (tập thể, người đứng đầu, cấp phó, rồi các thành viên) (R-70c)."
    )
    assert [f.params["subject"] for f in check_meeting_order([MEM, HEAD, COLL])] == [MEM[0], HEAD[0]]


# --- length of the meeting (HD43) -------------------------------------------------------


def test_r_93_qd366_meeting_lasts_a_day_two_for_the_provincial_standing_committee():
    assert check_meeting_length(QD366_2025, 1) == ()
    (short,) = check_meeting_length(QD366_2025, 0)
    assert (short.rule_id, short.code, short.blocking) == ("R-93", "flag.meeting_short", False)
    standing = {"tier": Tier.PROVINCE, "kind": CollectiveKind.STANDING_COMMITTEE}
    assert [f.params["needed"] for f in check_meeting_length(QD366_2025, 1, **standing)] == [2]
    assert check_meeting_length(QD366_2025, 2, **standing) == ()
    district = {"tier": Tier.DISTRICT, "kind": CollectiveKind.STANDING_COMMITTEE}
    assert check_meeting_length(QD366_2025, 1, **district) == ()
    assert check_meeting_length(KH181_2023, 0, **standing) == ()  # HD21 sets no length


# --- steps before a CBCCVC decision -----------------------------------------------

ALL = frozenset(Step)


def test_r_84_managing_public_employee_needs_the_party_committee_comment():
    kw = {"manager": True, "year": 2023}
    assert check_steps(KH181_2023, Cat.PUBLIC_EMPLOYEE, ALL, **kw) == ()
    (missing,) = check_steps(KH181_2023, Cat.PUBLIC_EMPLOYEE, ALL - {Step.PARTY_COMMITTEE_COMMENT}, **kw)
    assert (missing.rule_id, missing.params["step"], missing.blocking) == (
        "R-84",
        Step.PARTY_COMMITTEE_COMMENT,
        True,
    )
    assert explain(missing) == (
        "Chưa thực hiện bước “Ý kiến của cấp ủy đảng cùng cấp”: chưa quyết định xếp loại (R-84)."
    )
    assert check_steps(KH181_2023, Cat.PUBLIC_EMPLOYEE, frozenset(), manager=False, year=2023) == ()
    assert len(check_steps(QD366_2025, Cat.PUBLIC_EMPLOYEE, frozenset(), manager=True, year=2026)) == 4


def test_r_85_cadres_and_civil_servants_only_behind_the_switch():
    kw = {"manager": True, "year": 2023}
    assert check_steps(KH181_2023, Cat.CADRE, frozenset(), **kw) == ()
    warn = replace(KH181_2023, recalled_procedure="warn")
    findings = check_steps(warn, Cat.CADRE, frozenset(), **kw)
    assert [(f.rule_id, f.blocking, f.params["unconfirmed"]) for f in findings] == [("R-85", False, True)] * 4
    enforce = replace(KH181_2023, recalled_procedure="enforce")
    assert all(f.blocking for f in check_steps(enforce, Cat.CIVIL_SERVANT, frozenset(), **kw))
    steps = [s for s, _, _ in required_steps(enforce, Cat.CIVIL_SERVANT, manager=False, year=2023)]
    assert Step.PARTY_COMMITTEE_COMMENT not in steps  # the party committee's comment: leaders only
    nd335 = replace(QD366_2025, recalled_procedure="enforce")
    assert required_steps(nd335, Cat.CIVIL_SERVANT, manager=True, year=2026) == ()
    assert len(required_steps(nd335, Cat.CIVIL_SERVANT, manager=True, year=2025)) == 4


# --- due dates: S-10, R-90, R-91, R-92 --------------------------------------------------------


def test_r_90_civil_servants_classified_before_15_december():
    assert due_date(KH181_2023, CS, year=2023, category=Cat.PUBLIC_EMPLOYEE) == (date(2023, 12, 15), "R-90")
    # "trước ngày 15 tháng 12": 14/12 is in time, 15/12 itself is late.
    assert check_deadline(KH181_2023, CS, date(2023, 12, 14), year=2023, category=Cat.CADRE) == ()
    (late,) = check_deadline(KH181_2023, CS, date(2023, 12, 15), year=2023, category=Cat.CADRE)
    assert (late.rule_id, late.code, late.blocking) == ("R-90", "flag.late", False)
    assert explain(late) == "Quyết định ngày 15/12/2023: quá hạn, phải xong trước ngày 15/12/2023 (R-90)."


def test_r_90_own_working_year_the_head_decides_the_time():
    assert due_date(KH181_2023, CS, year=2023, category=Cat.PUBLIC_EMPLOYEE, own_working_year=True) is None
    kw = {"year": 2023, "category": Cat.PUBLIC_EMPLOYEE, "own_working_year": True}
    assert check_deadline(KH181_2023, CS, date(2023, 6, 30), **kw) == ()


def test_r_91_nd335_civil_servants_and_special_units():
    kw = {"category": Cat.CIVIL_SERVANT}
    assert due_date(QD366_2025, CS, year=2026, **kw) == (date(2026, 12, 15), "R-91")
    assert due_date(QD366_2025, CS, year=2026, own_working_year=True, **kw) == (date(2027, 1, 15), "R-91")
    special = {"year": 2026, "own_working_year": True, **kw}
    assert check_deadline(QD366_2025, CS, date(2027, 1, 14), **special) == ()
    assert [f.rule_id for f in check_deadline(QD366_2025, CS, date(2027, 1, 15), **special)] == ["R-91"]
    assert check_deadline(QD366_2025, CS, date(2026, 12, 14), year=2026, **kw) == ()
    assert [f.rule_id for f in check_deadline(QD366_2025, CS, date(2026, 12, 15), year=2026, **kw)] == [
        "R-91"
    ]
    assert due_date(QD366_2025, CS, year=2025, **kw) == (date(2025, 12, 15), "R-90")  # before ND335


def test_r_92_party_due_dates_come_only_from_the_plan():
    assert due_date(KH181_2023, PM, year=2023, tier=Tier.GRASSROOTS) == (date(2023, 10, 15), "S-10")
    assert due_date(QD366_2025, PM, year=2025, tier=Tier.GRASSROOTS) is None  # no central date verified
    assert check_deadline(QD366_2025, PM, date(2026, 3, 1), year=2025, tier=Tier.GRASSROOTS) == ()
    assert due_date(KH181_2023, PM, year=2023) is None  # tier unknown


def test_s_10_late_decision_is_flagged_not_refused():
    kw = {"year": 2023, "tier": Tier.DISTRICT}
    assert check_deadline(KH181_2023, SubjectType.ORGANIZATION, date(2023, 11, 29), **kw) == ()
    (late,) = check_deadline(KH181_2023, SubjectType.ORGANIZATION, date(2023, 11, 30), **kw)
    assert (late.rule_id, late.blocking, late.params["due"]) == ("S-10", False, date(2023, 11, 30))


# --- the plan ---------------------------------------------------------------------------


def test_r_99_the_plan_is_the_kh181_ruleset():
    rs = get_ruleset("kh181-2023")
    assert rs.legal_basis[0].startswith("Kế hoạch 181-KH/TU ngày 02/8/2023")
    assert rs.covers(2023)
    assert {i for i in RULES if i.startswith("S-")} <= rs.rule_ids
