"""Facts recorded in the registry reach the rules core end to end (issue 13 item 6): each rule fires on one
side of its boundary and not on the other, through open_campaign and the campaign's check.

The 2023 campaign (kh181-2023): grassroots deadline 15/10/2023 (counted to 14/10), district 30/11/2023
(counted to 29/11). S-04, R-25, R-33d, R-76, R-16, R-28, R-17, R-33a, R-37, R-40b, R-66, R-106.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_of(run):  # noqa: ANN001
    """Open the campaign of ``year`` (creating it once) and return it."""
    from xeploai.campaigns.models import Campaign

    def _open(year: int = 2023, ruleset: str = "kh181-2023") -> Any:
        run("open_campaign", year=year, ruleset=ruleset)
        return Campaign.objects.get(year=year)

    return _open


def _subject(campaign: Any, person: Any = None, st: str = "PARTY_MEMBER", **kw: Any) -> Any:
    from xeploai.campaigns.models import Subject

    if person is not None:
        kw["person"] = person
    return Subject.objects.get(campaign=campaign, subject_type=st, **kw)


def _findings(campaign: Any, subject: Any) -> dict[str, Any]:
    """The DECIDED row of ``subject``: its cap and its findings by code."""
    from xeploai.campaigns.checking import ratings_check

    row = next(r for r in ratings_check(campaign=campaign, stage="DECIDED") if r.subject_id == subject.pk)
    return {"max": row.max_level, **{f.code: f for f in row.findings}}


def test_s_04_six_months_are_counted_to_the_cells_review_meeting(province, campaign_of):
    from xeploai.registry.models import Person, ReviewMeeting

    cell, admitted = province.cell_a1, date(2023, 4, 10)
    member = Person.objects.create(
        code="P-APR", full_name="Cao Văn Tư", party_organization=cell, admitted_on=admitted
    )
    subject = _subject(campaign_of(), member)  # no meeting: counted to 14/10/2023, six months reached
    assert (subject.classify, subject.counted_to) == (True, date(2023, 10, 14))
    meeting = ReviewMeeting.objects.create(organization=province.cell_a1, held_on=date(2023, 10, 9))
    subject = _subject(campaign_of(), member)  # 10/04 + 6 months = 10/10, after the meeting of 09/10
    assert (subject.classify, subject.counted_to, subject.reasons) == (False, date(2023, 10, 9), "NEW_MEMBER")
    ReviewMeeting.objects.filter(pk=meeting.pk).update(held_on=date(2023, 10, 10))
    subject = _subject(campaign_of(), member)  # exactly six months on the meeting day
    assert (subject.classify, subject.counted_to) == (True, date(2023, 10, 10))


def test_r_25_the_start_of_work_is_recorded_and_counts(province, campaign_of):
    from xeploai.registry.models import Person

    Person.objects.filter(pk=province.staff_a.pk).update(civil_service_category="CIVIL_SERVANT")
    assert _subject(campaign_of(), province.staff_a, "CIVIL_SERVANT").classify  # no start recorded
    Person.objects.filter(pk=province.staff_a.pk).update(employed_from=date(2023, 5, 30))
    subject = _subject(campaign_of(), province.staff_a, "CIVIL_SERVANT")
    assert (subject.classify, subject.reasons) == (False, "WORKED_UNDER_6_MONTHS")  # 30/11 > 29/11
    Person.objects.filter(pk=province.staff_a.pk).update(employed_from=date(2023, 5, 29))
    assert _subject(campaign_of(), province.staff_a, "CIVIL_SERVANT").classify  # 29/11: six months


def test_r_33d_a_violation_counted_in_an_earlier_year_is_not_counted_again(province, campaign_of, rate):
    from xeploai.registry.models import Discipline
    from xeploai.rules import Level

    d = Discipline.objects.create(
        person=province.member_a1, form="REPRIMAND", side="PARTY", decided_on=date(2023, 3, 1),
        violation_year=2022, violation_ref="VP-01",
    )  # fmt: skip
    campaign = campaign_of()
    rate(campaign, province.member_a1, Level.GOOD)
    subject = _subject(campaign, province.member_a1)
    assert _findings(campaign, subject)["max"] == Level.NOT_COMPLETED  # disciplined in the year
    Discipline.objects.filter(pk=d.pk).update(counted_before=True)
    found = _findings(campaign, subject)
    assert found["max"] == Level.EXCELLENT
    assert "discipline.already_counted" in found


def test_r_16_a_party_transfer_after_six_months_needs_the_old_cells_comment(province, campaign_of, rate):
    from xeploai.registry.models import Transfer
    from xeploai.rules import Level

    campaign = campaign_of()
    rate(campaign, province.member_a1, Level.GOOD)
    subject = _subject(campaign, province.member_a1)
    t = Transfer.objects.create(
        person=province.member_a1, side="PARTY", moved_on=date(2023, 6, 30), old_unit="Chi bộ cũ"
    )
    assert "link.old_unit_comment_missing" not in _findings(campaign, subject)  # under six months there
    Transfer.objects.filter(pk=t.pk).update(moved_on=date(2023, 7, 1))  # 01/01 to 01/07: six months
    found = _findings(campaign, subject)["link.old_unit_comment_missing"]
    assert (found.rule_id, found.blocking) == ("R-16", True)
    Transfer.objects.filter(pk=t.pk).update(comment_received=True)
    assert "link.old_unit_comment_missing" not in _findings(campaign, subject)


def test_r_28_a_state_transfer_counts_for_the_civil_servant_role_only(province, campaign_of, rate):
    from xeploai.registry.models import Person, Transfer
    from xeploai.rules import Level

    Person.objects.filter(pk=province.member_a2.pk).update(civil_service_category="CIVIL_SERVANT")
    Transfer.objects.create(
        person=province.member_a2, side="STATE", moved_on=date(2023, 8, 1), old_unit="Sở Nội vụ"
    )
    campaign = campaign_of()
    rate(campaign, province.member_a2, Level.GOOD, role="CIVIL_SERVANT")
    rate(campaign, province.member_a2, Level.GOOD)
    state = _findings(campaign, _subject(campaign, province.member_a2, "CIVIL_SERVANT"))
    assert state["link.old_unit_comment_missing"].rule_id == "R-28"
    assert "link.old_unit_comment_missing" not in _findings(campaign, _subject(campaign, province.member_a2))


def test_r_17_temporary_activity_needs_the_temporary_cells_comment(province, campaign_of, rate):
    from xeploai.registry.models import TemporaryActivity
    from xeploai.rules import Level

    campaign = campaign_of()
    rate(campaign, province.member_a1, Level.GOOD)
    subject = _subject(campaign, province.member_a1)
    stay = TemporaryActivity.objects.create(
        person=province.member_a1, cell="Chi bộ Công ty X", start=date(2022, 3, 1), end=date(2022, 12, 31)
    )
    assert "link.temporary_comment_missing" not in _findings(campaign, subject)  # not in the year
    TemporaryActivity.objects.filter(pk=stay.pk).update(end=date(2023, 1, 1))
    assert _findings(campaign, subject)["link.temporary_comment_missing"].rule_id == "R-17"
    TemporaryActivity.objects.filter(pk=stay.pk).update(comment_received=True)
    assert "link.temporary_comment_missing" not in _findings(campaign, subject)


def test_r_33a_a_conclusion_of_degradation_in_the_year_caps_at_not_completed(province, campaign_of, rate):
    from xeploai.registry.models import Conclusion
    from xeploai.rules import Level

    campaign = campaign_of()
    rate(campaign, province.member_a1, Level.GOOD)
    subject = _subject(campaign, province.member_a1)
    c = Conclusion.objects.create(person=province.member_a1, concluded_on=date(2022, 12, 31))
    assert _findings(campaign, subject)["max"] == Level.EXCELLENT  # concluded in an earlier year: no cap
    Conclusion.objects.filter(pk=c.pk).update(concluded_on=date(2023, 1, 1))
    found = _findings(campaign, subject)
    assert found["max"] == Level.NOT_COMPLETED
    assert found["cap.degradation"].rule_id == "R-33a"


def test_r_40a_a_conclusion_of_disunity_caps_the_collective(province, campaign_of, rate):
    from xeploai.registry.models import Conclusion
    from xeploai.rules import Level

    campaign = campaign_of()
    rate(campaign, province.commune_committee, Level.GOOD)
    subject = _subject(campaign, st="COLLECTIVE", collective=province.commune_committee)
    assert "cap.degradation" not in _findings(campaign, subject)
    Conclusion.objects.create(collective=province.commune_committee, concluded_on=date(2023, 9, 1))
    assert _findings(campaign, subject)["cap.degradation"].rule_id == "R-40a"


def test_r_37_the_organizations_targets_under_half_cap_it(province, campaign_of, rate):
    from xeploai.registry.models import Target
    from xeploai.rules import Level

    campaign = campaign_of()
    rate(campaign, province.cell_a1, Level.COMPLETED)
    subject = _subject(campaign, st="ORGANIZATION", organization=province.cell_a1)
    for i, met in enumerate((True, True, False, False, None)):  # the last one not assessed yet
        Target.objects.create(organization=province.cell_a1, year=2023, name=f"Chỉ tiêu {i}", met=met)
    assert "cap.targets_under_half" not in _findings(campaign, subject)  # 2 of 4: exactly half
    Target.objects.filter(organization=province.cell_a1, name="Chỉ tiêu 1").update(met=False)
    found = _findings(campaign, subject)["cap.targets_under_half"]  # 1 of 4
    assert (found.rule_id, found.params["met"], found.params["assigned"]) == ("R-37", 1, 4)


def test_r_40b_a_basic_target_missed_is_a_key_target_missed(province, campaign_of, rate):
    from xeploai.registry.models import Target
    from xeploai.rules import Level

    campaign = campaign_of()
    rate(campaign, province.commune_committee, Level.GOOD)
    subject = _subject(campaign, st="COLLECTIVE", collective=province.commune_committee)
    Target.objects.create(organization=province.commune_a1, year=2023, name="Thu ngân sách", met=True)
    Target.objects.create(organization=province.commune_a1, year=2023, name="Hộ nghèo", met=False)
    assert "cap.key_targets_missed" not in _findings(campaign, subject)  # 1 of 2, no basic target missed
    Target.objects.filter(name="Hộ nghèo").update(is_basic=True)
    assert _findings(campaign, subject)["cap.key_targets_missed"].rule_id == "R-40b"


def test_r_66_a_deputy_follows_the_unit_they_lead_and_waits_for_it(province, campaign_of, rate):
    from xeploai.registry.models import Person
    from xeploai.rules import Level

    Person.objects.filter(pk=province.deputy.pk).update(
        managing_committee=province.district_a, led_unit=province.cell_a1
    )
    campaign = campaign_of()
    rate(campaign, province.deputy, Level.GOOD, role="LEADER")
    deputy = _subject(campaign, province.deputy, "LEADER")
    waiting = _findings(campaign, deputy)["order.individual_before_collective"]  # the unit first
    assert waiting.blocking
    rate(campaign, province.cell_a1, Level.COMPLETED)
    found = _findings(campaign, deputy)
    assert "order.individual_before_collective" not in found
    assert "cap.unit_not_completed" not in found
    rate(campaign, province.cell_a1, Level.NOT_COMPLETED)
    found = _findings(campaign, deputy)
    assert found["max"] == Level.NOT_COMPLETED
    assert found["cap.unit_not_completed"].rule_id == "R-66"


def test_r_106_confidence_votes_and_unit_tasks_reach_the_leader(province, campaign_of, rate):
    from xeploai.registry.models import ConfidenceVote, Target, Task
    from xeploai.rules import Level

    campaign = campaign_of(2025, "qd366-2025")
    rate(campaign, province.commune_secretary, Level.GOOD, role="LEADER")
    leader = _subject(campaign, province.commune_secretary, "LEADER")
    vote = ConfidenceVote.objects.create(person=province.commune_secretary, year=2025, voters=10, low=5)
    assert "cap.low_confidence" not in _findings(campaign, leader)  # half is not over half
    ConfidenceVote.objects.filter(pk=vote.pk).update(low=6)
    found = _findings(campaign, leader)["cap.low_confidence"]
    assert (found.rule_id, found.params["low"], found.params["votes"]) == ("R-106", 6, 10)
    for i in range(10):  # the commune's tasks: 7 of 10 done is 70 %, not under it
        Task.objects.create(
            organization=province.commune_a1, title=f"Việc {i}", assigned_on=date(2025, 1, 5),
            due_on=date(2025, 6, 30), done_on=date(2025, 6, 1) if i < 7 else None,
        )  # fmt: skip
    assert "cap.unit_tasks_share" not in _findings(campaign, leader)
    Task.objects.filter(title="Việc 6").update(done_on=None)
    assert _findings(campaign, leader)["cap.unit_tasks_share"].params["done"] == 6
    assert "cap.basic_targets_missed" not in _findings(campaign, leader)
    Target.objects.create(
        organization=province.commune_a1, year=2025, name="Hộ nghèo", met=False, is_basic=True
    )
    assert _findings(campaign, leader)["cap.basic_targets_missed"].rule_id == "R-106"


def test_r_76_the_state_side_does_not_count_a_violation_already_counted(province, campaign_of, rate):
    from xeploai.registry.models import Discipline, Person
    from xeploai.rules import Level

    Person.objects.filter(pk=province.member_a2.pk).update(civil_service_category="CIVIL_SERVANT")
    d = Discipline.objects.create(
        person=province.member_a2, form="WARNING", side="STATE", decided_on=date(2023, 4, 1),
        violation_year=2022, violation_ref="VP-02",
    )  # fmt: skip
    campaign = campaign_of()
    rate(campaign, province.member_a2, Level.GOOD, role="CIVIL_SERVANT")
    subject = _subject(campaign, province.member_a2, "CIVIL_SERVANT")
    assert _findings(campaign, subject)["max"] == Level.NOT_COMPLETED
    Discipline.objects.filter(pk=d.pk).update(counted_before=True)
    assert "discipline.already_counted" in _findings(campaign, subject)


def test_the_scoped_preview_reads_the_recorded_facts_as_the_full_check_does(province, campaign_of, rate):
    """The preview of one rating reads only that subject's scope: the recorded facts must reach it too."""
    import copy

    from xeploai.campaigns.checking import evaluate_stage
    from xeploai.campaigns.decisions import rating_preview
    from xeploai.campaigns.facts import campaign_subjects, latest_levels
    from xeploai.campaigns.ruleset_plan import ruleset_of
    from xeploai.campaigns.snapshot import registry_snapshot
    from xeploai.registry.models import Conclusion, Person, Target, Transfer
    from xeploai.rules import Level

    P = province
    Person.objects.filter(pk=P.deputy.pk).update(managing_committee=P.district_a, led_unit=P.cell_a1)
    Transfer.objects.create(person=P.member_a1, side="PARTY", moved_on=date(2023, 7, 1), old_unit="Chi bộ cũ")
    Conclusion.objects.create(person=P.member_a2, concluded_on=date(2023, 5, 1))
    for i, met in enumerate((True, False, False, False)):
        Target.objects.create(organization=P.cell_a1, year=2023, name=f"Chỉ tiêu {i}", met=met)
    campaign = campaign_of()
    rate(campaign, P.cell_a1, Level.NOT_COMPLETED, stage="PROPOSED")
    snap = registry_snapshot(root=campaign.root, reference=campaign.reference_date)
    subjects, levels = campaign_subjects(campaign), latest_levels(campaign)
    cases = {
        "cap.unit_not_completed": _subject(campaign, P.deputy, "LEADER"),
        "link.old_unit_comment_missing": _subject(campaign, P.member_a1),
        "cap.degradation": _subject(campaign, P.member_a2),
        "cap.targets_under_half": _subject(campaign, st="ORGANIZATION", organization=P.cell_a1),
    }
    for code, subject in cases.items():
        preview = rating_preview(subject=subject, stage="PROPOSED", level=Level.GOOD)
        mine = copy.deepcopy(levels)
        mine.setdefault(subject.pk, {})["PROPOSED"] = (Level.GOOD, None)
        full = evaluate_stage(ruleset_of(campaign), campaign, snap, subjects, mine, "PROPOSED")[subject.pk]
        assert code in {f.code for f in preview.findings}, code
        assert (preview.max_level, sorted(f.code for f in preview.findings)) == (
            full.max_level, sorted(f.code for f in full.findings),
        ), code  # fmt: skip
