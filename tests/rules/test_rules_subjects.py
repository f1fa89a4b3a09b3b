"""Eligibility: who is reviewed and classified, with reason codes (S-01..S-10, R-10..R-25)."""

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
    LeaveFact,
    OrganizationFacts,
    OrgKind,
    PersonFacts,
    ReasonCode,
    StatusKind,
    StatusPeriod,
    SubjectType,
    Tier,
    decide_collective,
    decide_organization,
    decide_person,
    decide_subjects,
    explain,
)

REF = date(2023, 12, 31)
DEADLINE = date(2023, 10, 15)


def party(p: PersonFacts, ruleset=KH181_2023):
    (d,) = [x for x in decide_person(ruleset, p, reference=REF) if x.subject_type is SubjectType.PARTY_MEMBER]
    return d


def codes(decision) -> list[tuple[str, str]]:
    return [(r.code.value, r.rule_id) for r in decision.reasons]


# --- S-03 / S-07 / R-10 / R-20: party members ----------------------------------------------------


def test_s_03_exempt_member_not_reviewed_nor_classified():
    p = PersonFacts(1, statuses=(StatusPeriod(StatusKind.EXEMPT, date(2020, 1, 1)),), deadline=DEADLINE)
    d = party(p)
    assert (d.review, d.classify) == (False, False)
    assert codes(d) == [("EXEMPT", "S-03")]


def test_s_03_suspended_member_not_reviewed():
    p = PersonFacts(
        1,
        statuses=(StatusPeriod(StatusKind.SUSPENDED, date(2023, 5, 1), date(2023, 11, 1)),),
        deadline=DEADLINE,
    )
    d = party(p)
    assert (d.review, d.classify) == (False, False)
    assert codes(d) == [("SUSPENDED", "S-03")]


def test_s_03_status_ended_before_counting_date_does_not_exclude():
    # S-10 "trước ngày 15/10": counted to 14/10; a suspension in force that day still excludes.
    p = PersonFacts(1, statuses=(StatusPeriod(StatusKind.SUSPENDED, date(2023, 1, 1), date(2023, 10, 13)),))
    d = party(replace(p, deadline=DEADLINE))
    assert (d.review, d.classify, d.reasons) == (True, True, ())
    ends_on_14 = replace(
        p, statuses=(StatusPeriod(StatusKind.SUSPENDED, date(2023, 1, 1), date(2023, 10, 14)),)
    )
    assert party(replace(ends_on_14, deadline=DEADLINE)).classify is False


def test_s_03_new_member_not_reviewed_in_kh181():
    d = party(PersonFacts(1, admitted_on=date(2023, 4, 16), deadline=DEADLINE))
    assert (d.review, d.classify) == (False, False)
    assert codes(d) == [("NEW_MEMBER", "S-03")]
    assert d.reasons[0].params["full_on"] == date(2023, 10, 16)


def test_s_03_exactly_six_months_counts_as_full():
    # S-10 "trước ngày 15/10/2023" is exclusive: counted to 14/10/2023, so admitted 14/04/2023 is exactly
    # six months (full) and admitted 15/04/2023 is not.
    d = party(PersonFacts(1, admitted_on=date(2023, 4, 14), deadline=DEADLINE))
    assert (d.review, d.classify, d.reasons) == (True, True, ())
    assert party(PersonFacts(1, admitted_on=date(2023, 4, 15), deadline=DEADLINE)).classify is False


def test_s_07_committee_suspended_still_reviewed_and_classified():
    p = PersonFacts(1, statuses=(StatusPeriod(StatusKind.COMMITTEE_SUSPENDED, date(2023, 3, 1)),))
    d = party(p)
    assert (d.review, d.classify) == (True, True)
    assert codes(d) == [("COMMITTEE_SUSPENDED_STILL_REVIEWED", "S-03")]


def test_s_07_exempt_member_is_not_classified_either():
    p = PersonFacts(1, statuses=(StatusPeriod(StatusKind.EXEMPT, date(2020, 1, 1)),))
    assert party(p).classify is False
    assert party(PersonFacts(2)).classify is True


def test_r_10_suspended_excluded_is_a_ruleset_switch():
    # HD16 excluded only exempt members; HD21 added suspended ones.
    p = PersonFacts(1, statuses=(StatusPeriod(StatusKind.SUSPENDED, date(2023, 5, 1)),))
    assert party(p).review is False
    hd16 = replace(KH181_2023, suspended_excluded=False, exclusion_rule="R-10")
    assert party(p, hd16).review is True


def test_r_19_qd132_reviews_suspended_members_without_classifying():
    p = PersonFacts(1, statuses=(StatusPeriod(StatusKind.SUSPENDED, date(2023, 5, 1)),), deadline=DEADLINE)
    qd132 = replace(KH181_2023, suspended_reviewed=True)
    d = party(p, qd132)
    assert (d.review, d.classify) == (True, False)  # reviewed (QĐ132), not classified (HD21, R-10)
    assert codes(d) == [("SUSPENDED", "R-19")]
    assert (
        explain(d.reasons[0]) == "Đảng viên bị đình chỉ sinh hoạt đảng: vẫn kiểm điểm, không xếp loại (R-19)."
    )
    assert (party(p).review, codes(party(p))) == (False, [("SUSPENDED", "S-03")])  # the 2023 plan
    exempt = PersonFacts(2, statuses=(StatusPeriod(StatusKind.EXEMPT, date(2020, 1, 1)),), deadline=DEADLINE)
    assert party(exempt, qd132).review is False  # QĐ132 still leaves the exempt out


def test_r_12_hd21_reviews_new_members_without_classifying():
    hd21 = replace(KH181_2023, new_members_reviewed=True, new_member_rule="R-12")
    d = party(PersonFacts(1, admitted_on=date(2023, 4, 16), deadline=DEADLINE), hd21)
    assert (d.review, d.classify) == (True, False)
    assert codes(d) == [("NEW_MEMBER", "R-12")]
    assert party(PersonFacts(1, admitted_on=date(2023, 4, 14), deadline=DEADLINE), hd21).classify is True


def test_r_20_qd366_excludes_exempt_and_new_members():
    p = PersonFacts(1, statuses=(StatusPeriod(StatusKind.EXEMPT, date(2020, 1, 1)),))
    assert codes(party(p, QD366_2025)) == [("EXEMPT", "R-20")]
    new = PersonFacts(2, admitted_on=date(2025, 7, 2), meeting_on=date(2026, 1, 1))
    d = party(new, QD366_2025)
    assert (d.review, d.classify, codes(d)) == (False, False, [("NEW_MEMBER", "R-20")])
    old = PersonFacts(3, admitted_on=date(2025, 7, 1), meeting_on=date(2026, 1, 1))
    assert party(old, QD366_2025).classify is True


# --- S-04 / S-10: the counting date --------------------------------------------------------------


def test_s_04_six_months_counted_to_the_meeting_date_first():
    p = PersonFacts(1, admitted_on=date(2023, 4, 20), meeting_on=date(2023, 10, 20), deadline=DEADLINE)
    d = party(p)
    assert d.counted_to == date(2023, 10, 20)
    assert d.classify is True


def test_s_04_without_meeting_counted_to_the_day_before_the_level_deadline():
    # S-10 "trước ngày 15/10": the fallback counting date is 14/10, the last day a meeting can be held.
    d = party(PersonFacts(1, admitted_on=date(2023, 4, 20), deadline=DEADLINE))
    assert d.counted_to == date(2023, 10, 14)
    assert d.classify is False
    assert decide_subjects(KH181_2023, [PersonFacts(1, deadline=DEADLINE)], reference=REF)[0].counted_to == (
        date(2023, 10, 14)
    )


def test_s_04_without_meeting_or_deadline_counted_to_the_reference():
    assert party(PersonFacts(1)).counted_to == REF


def test_s_10_deadlines_by_level():
    assert KH181_2023.deadline_for(Tier.GRASSROOTS, 2023) == date(2023, 10, 15)
    assert KH181_2023.deadline_for(Tier.DISTRICT, 2023) == date(2023, 11, 30)
    assert KH181_2023.deadline_for(Tier.PROVINCE, 2023) == date(2023, 12, 15)
    assert QD366_2025.deadline_for(Tier.GRASSROOTS, 2025) is None


def test_s_04_month_end_start_clamps_to_last_day():
    # 31/08 + 6 months = 29/02/2024 (leap year): counted to 28/02 not full, to 29/02 full.
    p = PersonFacts(1, admitted_on=date(2023, 8, 31))
    assert party(replace(p, meeting_on=date(2024, 2, 28))).classify is False
    assert party(replace(p, meeting_on=date(2024, 2, 29))).classify is True


# --- S-08 / R-25: CBCCVC ------------------------------------------------------------------------


def civil(p: PersonFacts, ruleset=KH181_2023, reference=REF):
    (d,) = [
        x
        for x in decide_person(ruleset, p, reference=reference)
        if x.subject_type is SubjectType.CIVIL_SERVANT
    ]
    return d


@pytest.mark.parametrize("category", [c for c in CivilServiceCategory if c is not CivilServiceCategory.NONE])
def test_s_08_every_category_is_classified(category):
    d = civil(PersonFacts(1, is_party_member=False, category=category))
    assert (d.review, d.classify) == (True, True)


def test_s_08_no_category_is_no_civil_servant_subject():
    assert [d.subject_type for d in decide_person(KH181_2023, PersonFacts(1), reference=REF)] == [
        SubjectType.PARTY_MEMBER
    ]


def test_r_25_worked_under_six_months_reviewed_not_classified():
    p = PersonFacts(1, category=CivilServiceCategory.PUBLIC_EMPLOYEE, employed_from=date(2023, 6, 16))
    d = civil(replace(p, meeting_on=date(2023, 12, 15)))
    assert (d.review, d.classify) == (True, False)
    assert codes(d) == [("WORKED_UNDER_6_MONTHS", "R-25")]


def test_r_25_exactly_six_months_worked_is_classified():
    p = PersonFacts(1, category=CivilServiceCategory.PUBLIC_EMPLOYEE, employed_from=date(2023, 6, 15))
    assert civil(replace(p, meeting_on=date(2023, 12, 15))).classify is True


def test_r_25_maternity_leave_does_not_count_as_absence():
    leave = LeaveFact(StatusKind.MATERNITY_LEAVE, date(2023, 1, 1), date(2023, 7, 31))
    p = PersonFacts(1, category=CivilServiceCategory.CIVIL_SERVANT, leaves=(leave,))
    assert civil(p).classify is True


def test_r_25_absences_shift_the_start_of_the_six_months():
    # Counted to 31/12: absent 01/01..30/06 (181 days) leaves 01/07..31/12, under six full months on the
    # S-04 boundary; absent to 29/06 (180 days) works from 30/06, six months.
    long = LeaveFact(StatusKind.SICK_LEAVE, date(2023, 1, 1), date(2023, 6, 30))
    short = LeaveFact(StatusKind.SICK_LEAVE, date(2023, 1, 1), date(2023, 6, 29))
    p = PersonFacts(1, category=CivilServiceCategory.CIVIL_SERVANT)
    assert civil(replace(p, leaves=(long,))).classify is False
    assert civil(replace(p, leaves=(short,))).classify is True


def test_r_25_start_of_work_and_absences_are_tested_together():
    # Started 01/03, 120 days of sick leave, counted to 14/12 (R-90 "trước ngày 15/12"): each alone is
    # within six months, together they leave under six months worked.
    p = PersonFacts(
        1,
        category=CivilServiceCategory.CIVIL_SERVANT,
        employed_from=date(2023, 3, 1),
        deadline=date(2023, 12, 15),
        leaves=(LeaveFact(StatusKind.SICK_LEAVE, date(2023, 4, 1), date(2023, 7, 29)),),  # 120 days
    )
    d = civil(p)
    assert (d.review, d.classify) == (True, False)
    assert codes(d) == [("WORKED_UNDER_6_MONTHS", "R-25")]
    assert d.reasons[0].params["absent_days"] == 120
    assert civil(replace(p, leaves=())).classify is True
    assert civil(replace(p, employed_from=None)).classify is True
    # Leave before the start of work is not an absence from it.
    before = LeaveFact(StatusKind.SICK_LEAVE, date(2023, 1, 1), date(2023, 2, 28))
    assert civil(replace(p, leaves=(before,))).classify is True


def test_r_25_not_applied_to_part_time_workers_and_employees():
    for cat in (CivilServiceCategory.PART_TIME, CivilServiceCategory.EMPLOYEE):
        p = PersonFacts(1, category=cat, employed_from=date(2023, 11, 1))
        assert civil(p).classify is True
        assert decide_subjects(KH181_2023, [p], reference=REF)[-1].classify is True
    cadre = PersonFacts(1, category=CivilServiceCategory.CADRE, employed_from=date(2023, 11, 1))
    assert civil(cadre).classify is False


def test_r_25_person_has_three_subject_roles():
    p = PersonFacts(1, category=CivilServiceCategory.CADRE, is_leader=True)
    assert [d.subject_type for d in decide_person(KH181_2023, p, reference=REF)] == [
        SubjectType.PARTY_MEMBER,
        SubjectType.CIVIL_SERVANT,
        SubjectType.LEADER,
    ]


# --- S-01 / S-02 / S-06 / R-11 / R-22: collectives ---------------------------------------------------


def coll(kind, tier, members=5, ruleset=KH181_2023, **kw):
    return decide_collective(ruleset, CollectiveFacts(1, kind, tier, members, **kw), reference=REF)


def test_s_01_grassroots_executive_committee_reviewed():
    d = coll(CollectiveKind.EXECUTIVE_COMMITTEE, Tier.GRASSROOTS)
    assert (d.review, d.classify) == (True, True)


def test_s_01_kind_not_listed_at_tier_is_not_a_subject():
    d = coll(CollectiveKind.COUNCIL_STANDING, Tier.GRASSROOTS)
    assert (d.review, d.classify) == (False, False)
    assert codes(d) == [("NOT_A_SUBJECT_KIND", "S-01")]


def test_s_01_other_collective_reviewed_only_when_named_by_district():
    assert coll(CollectiveKind.OTHER, Tier.GRASSROOTS).review is False
    d = coll(CollectiveKind.OTHER, Tier.GRASSROOTS, named_by_district=True)
    assert (d.review, d.classify) == (True, False)


def test_s_02_collective_of_two_not_reviewed():
    d = coll(CollectiveKind.CELL_COMMITTEE, Tier.BELOW_GRASSROOTS, members=2)
    assert (d.review, d.classify) == (False, False)
    assert codes(d) == [("SMALL_COLLECTIVE", "S-02")]


def test_s_02_collective_of_three_reviewed():
    assert coll(CollectiveKind.CELL_COMMITTEE, Tier.BELOW_GRASSROOTS, members=3).review is True


# QĐ124 Art. 5(1) at provincial scope; a grassroots committee without a standing committee reviews
# its executive committee (the plan's grassroots list has only the executive committee).
R_21 = [
    (CollectiveKind.STANDING_COMMITTEE, Tier.PROVINCE),
    (CollectiveKind.STANDING_COMMITTEE, Tier.DISTRICT),
    (CollectiveKind.EXECUTIVE_COMMITTEE, Tier.GRASSROOTS),
    (CollectiveKind.PARTY_DELEGATION, Tier.PROVINCE),
    (CollectiveKind.PARTY_AFFAIRS_COMMITTEE, Tier.PROVINCE),
    (CollectiveKind.ADVISORY_LEADERSHIP, Tier.PROVINCE),
    (CollectiveKind.ADVISORY_LEADERSHIP, Tier.DISTRICT),
]


@pytest.mark.parametrize(("kind", "tier"), R_21)
@pytest.mark.parametrize("ruleset", [KH181_2023, QD366_2025], ids=lambda r: r.code)
def test_r_21_qd124_collectives_are_reviewed(kind, tier, ruleset):
    assert coll(kind, tier, ruleset=ruleset).review is True


def test_r_22_qd366_has_no_minimum_collective_size():
    d = coll(CollectiveKind.EXECUTIVE_COMMITTEE, Tier.GRASSROOTS, members=2, ruleset=QD366_2025)
    assert (d.review, d.classify) == (True, True)


def test_s_06_district_council_standing_reviewed_not_classified():
    d = coll(CollectiveKind.COUNCIL_STANDING, Tier.DISTRICT)
    assert (d.review, d.classify) == (True, False)
    assert codes(d) == [("NOT_A_SUBJECT_KIND", "S-06")]


def test_s_06_provincial_youth_union_standing_classified_other_mass_orgs_not():
    assert coll(CollectiveKind.MASS_ORG_STANDING, Tier.PROVINCE, youth_union=True).classify is True
    assert coll(CollectiveKind.MASS_ORG_STANDING, Tier.PROVINCE).classify is False


def test_r_11_collective_under_six_months_reviewed_not_classified():
    d = coll(
        CollectiveKind.EXECUTIVE_COMMITTEE,
        Tier.GRASSROOTS,
        established_on=date(2023, 4, 16),
        deadline=DEADLINE,
    )
    assert (d.review, d.classify) == (True, False)
    assert codes(d) == [("NEW_UNIT", "R-11")]


def test_r_11_collective_exactly_six_months_classified():
    d = coll(
        CollectiveKind.EXECUTIVE_COMMITTEE,
        Tier.GRASSROOTS,
        established_on=date(2023, 4, 14),
        deadline=DEADLINE,
    )
    assert d.classify is True


# --- S-05 / R-11: organizations -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        OrgKind.DISTRICT_COMMITTEE,
        OrgKind.GRASSROOTS_COMMITTEE,
        OrgKind.GRASSROOTS_CELL,
        OrgKind.SUB_COMMITTEE,
        OrgKind.CELL,
    ],
)
def test_s_05_party_organizations_classified(kind):
    d = decide_organization(KH181_2023, OrganizationFacts(1, kind, Tier.GRASSROOTS), reference=REF)
    assert (d.review, d.classify) == (True, True)


def test_s_05_peoples_committee_is_not_a_party_subject():
    d = decide_organization(
        KH181_2023, OrganizationFacts(1, OrgKind.PEOPLES_COMMITTEE, Tier.GRASSROOTS), reference=REF
    )
    assert (d.review, d.classify) == (False, False)
    assert codes(d) == [("NOT_A_SUBJECT_KIND", "S-05")]


def test_r_11_new_cell_not_classified_old_cell_classified():
    new = OrganizationFacts(
        1, OrgKind.CELL, Tier.BELOW_GRASSROOTS, established_on=date(2023, 4, 16), deadline=DEADLINE
    )
    old = replace(new, established_on=date(2023, 4, 14))
    assert decide_organization(KH181_2023, new, reference=REF).reasons[0].code is ReasonCode.NEW_UNIT
    assert decide_organization(KH181_2023, old, reference=REF).classify is True


# --- batch ------------------------------------------------------------------------------------


def test_s_03_batch_matches_single_decisions():
    facts = [
        PersonFacts(1, admitted_on=date(2023, 4, 16), deadline=DEADLINE),
        PersonFacts(2, category=CivilServiceCategory.CIVIL_SERVANT, employed_from=date(2023, 9, 1)),
        PersonFacts(3, statuses=(StatusPeriod(StatusKind.EXEMPT, date(2020, 1, 1)),), is_leader=True),
        CollectiveFacts(4, CollectiveKind.CELL_COMMITTEE, Tier.BELOW_GRASSROOTS, 2),
        OrganizationFacts(5, OrgKind.CELL, Tier.BELOW_GRASSROOTS),
    ]
    batch = decide_subjects(KH181_2023, facts, reference=REF)
    single = [
        *decide_person(KH181_2023, facts[0], reference=REF),
        *decide_person(KH181_2023, facts[1], reference=REF),
        *decide_person(KH181_2023, facts[2], reference=REF),
        decide_collective(KH181_2023, facts[3], reference=REF),
        decide_organization(KH181_2023, facts[4], reference=REF),
    ]
    assert batch == single


def test_r_15_collective_not_reviewed_is_not_classified_either():
    d = coll(CollectiveKind.EXECUTIVE_COMMITTEE, Tier.GRASSROOTS, members=2)
    assert (d.review, d.classify) == (False, False)
    assert coll(CollectiveKind.EXECUTIVE_COMMITTEE, Tier.GRASSROOTS, members=3).classify is True
