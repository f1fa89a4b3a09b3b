"""Ratings by stage, quota, order, competence, stale writes, publication, appeals, progress, audit.

Rules: R-13 (cap shown before saving), R-50 (over quota), R-62/R-70 (order), R-86 (one level down),
R-88 (results after publication), R-81/R-89 (appeals), S-10 (progress and overdue days).
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def wf(province):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = province
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    User = get_user_model()

    def user(name, role, at):
        u = User.objects.create_user(username=name, password="pw")
        RoleAssignment.objects.create(user=u, role=role, organization=at)
        return u

    def subject(**kw):
        return Subject.objects.select_related("campaign", "person__workplace").get(campaign=campaign, **kw)

    return SimpleNamespace(
        **vars(P),
        campaign=campaign,
        subject=subject,
        member_subject=subject(person=P.member_a1, subject_type="PARTY_MEMBER"),
        sick_subject=subject(person=P.sick_a1, subject_type="PARTY_MEMBER"),
        leader_subject=subject(person=P.commune_secretary, subject_type="LEADER"),
        commune_committee_subject=subject(collective=P.commune_committee),
        commune_sc=user("commune_sc", Role.STANDING_COMMITTEE, P.commune_a1),
        district_a_sc=user("district_a_sc", Role.STANDING_COMMITTEE, P.district_a),
        district_b_sc=user("district_b_sc", Role.STANDING_COMMITTEE, P.district_b),
    )


def record(subject, stage, level, by, **kw):
    from xeploai.campaigns.decisions import rating_record

    subject.refresh_from_db()
    return rating_record(
        subject=subject, stage=stage, level=level, by=by, based_on_version=subject.state_version, **kw
    )


def test_r_13_preview_shows_the_cap_and_its_rule_before_saving(wf):
    from xeploai.campaigns.decisions import rating_preview
    from xeploai.campaigns.models import Rating

    preview = rating_preview(subject=wf.sick_subject, stage="PROPOSED", level=3)
    assert preview.max_level == 1
    assert [f.rule_id for f in preview.caps] == ["R-13"]
    assert any(rule == "R-13" and "Nghỉ ốm 120 ngày" in m.text for rule, m, _b in preview.messages)
    # Each message names the document and section it applies (issue 13 item 7).
    hd21 = "theo mục 6 phần II.B Hướng dẫn 21-HD/BTCTW ngày 18/10/2019"
    assert any(m.citation == hd21 for _r, m, _b in preview.messages)
    with pytest.raises(ValidationError, match=r"theo mục 6 phần II\.B Hướng dẫn 21-HD/BTCTW.*R-13"):
        record(wf.sick_subject, "PROPOSED", 3, wf.cell_a1_secretary)
    assert not Rating.objects.filter(subject=wf.sick_subject).exists()
    assert record(wf.sick_subject, "PROPOSED", 1, wf.cell_a1_secretary).level == 1


def test_stages_proposed_appraised_decided_by_their_roles(wf):
    record(wf.member_subject, "PROPOSED", 2, wf.cell_a1_secretary)
    with pytest.raises(ValidationError):
        record(wf.member_subject, "APPRAISED", 2, wf.cell_a1_secretary)  # S-16: the Organization Commission
    record(wf.member_subject, "APPRAISED", 2, wf.province_officer)
    with pytest.raises(ValidationError):
        record(wf.member_subject, "DECIDED", 2, wf.province_officer)  # appraising is not deciding
    assert record(wf.member_subject, "DECIDED", 2, wf.commune_sc).stage == "DECIDED"


def test_decision_needs_a_proposal_first(wf):
    with pytest.raises(ValidationError, match="đề xuất"):
        record(wf.member_subject, "DECIDED", 2, wf.commune_sc)


def test_a_page_shown_before_a_workbook_import_is_stale(wf, workbook):
    """A whole province's workbook writes no subject row, yet the page opened before it is refused."""
    from xeploai.campaigns.decisions import rating_record
    from xeploai.campaigns.models import Campaign, Rating
    from xeploai.campaigns.rating_import import ratings_import

    seen = wf.member_subject.state_version
    sheet = workbook([["Mã", "Giai đoạn", "Mức xếp loại"], ["P-MEM-A1", "Đề xuất", "HTT"]])
    result = ratings_import(campaign=Campaign.objects.get(pk=wf.campaign.pk), path_or_file=sheet)
    assert result.ok, result.errors
    with pytest.raises(ValidationError, match="đã được người khác thay đổi"):
        rating_record(subject=wf.member_subject, stage="PROPOSED", level=3, by=wf.cell_a1_secretary,
                      based_on_version=seen)  # fmt: skip
    assert list(Rating.objects.filter(subject=wf.member_subject).values_list("level", flat=True)) == [2]
    record(
        wf.member_subject, "PROPOSED", 3, wf.cell_a1_secretary, justification="Lý do"
    )  # reloaded: accepted
    assert Rating.objects.filter(subject=wf.member_subject).latest("pk").based_on_version == seen + 1


def test_stale_version_is_refused(wf):
    from xeploai.campaigns.decisions import rating_record
    from xeploai.campaigns.models import Rating

    seen = wf.member_subject.state_version
    record(wf.member_subject, "PROPOSED", 2, wf.cell_a1_secretary)  # someone else wrote meanwhile
    with pytest.raises(ValidationError, match="đã được người khác thay đổi"):
        rating_record(subject=wf.member_subject, stage="PROPOSED", level=3, by=wf.district_a_officer,
                      based_on_version=seen)  # fmt: skip
    assert list(Rating.objects.filter(subject=wf.member_subject).values_list("level", flat=True)) == [2]


def test_r_86_a_committee_cannot_decide_two_levels_down(wf):
    record(wf.member_subject, "PROPOSED", 2, wf.cell_a1_secretary)
    with pytest.raises(ValidationError, match="không quá một cấp"):
        record(wf.member_subject, "DECIDED", 2, wf.district_a_sc)  # district → commune → cell: two levels
    assert record(wf.member_subject, "DECIDED", 2, wf.commune_sc).level == 2  # one level up


def test_r_86_an_organization_is_not_decided_by_itself(wf):
    from xeploai.accounts.predicates import can_decide

    commune = wf.subject(organization=wf.commune_a1)
    assert not can_decide(wf.commune_sc, commune)
    assert can_decide(wf.district_a_sc, commune)
    assert not can_decide(wf.district_b_sc, commune)


def test_r_50_over_quota_decision_needs_justification(wf):
    from xeploai.campaigns.models import Rating

    # alone at HTXS, nobody at HTT: 0 allowed; over quota, a proposal too needs its reason (issue 12)
    record(wf.member_subject, "PROPOSED", 3, wf.cell_a1_secretary, justification="Đề xuất vượt tỷ lệ.")
    with pytest.raises(ValidationError) as exc:
        record(wf.member_subject, "DECIDED", 3, wf.commune_sc)
    assert "R-50" in exc.value.message_dict["justification"][0]
    assert not Rating.objects.filter(subject=wf.member_subject, stage="DECIDED").exists()
    rating = record(wf.member_subject, "DECIDED", 3, wf.commune_sc, justification="Thành tích đột xuất.")
    assert rating.justification == "Thành tích đột xuất."
    assert [f["rule_id"] for f in rating.findings if f["code"] == "quota.over"] == ["R-50"]


def test_r_50_over_quota_refused_without_the_competent_role(wf):
    from xeploai.campaigns.decisions import rating_record

    record(wf.member_subject, "PROPOSED", 3, wf.cell_a1_secretary, justification="Lý do")
    for user in (wf.province_officer, wf.district_a_officer, wf.district_b_sc):
        wf.member_subject.refresh_from_db()
        with pytest.raises(ValidationError):
            rating_record(subject=wf.member_subject, stage="DECIDED", level=3, by=user,
                          based_on_version=wf.member_subject.state_version,
                      justification="Lý do")  # fmt: skip


def test_r_50_quota_panel_shows_capacity_and_the_over_quota_list(wf):
    from xeploai.campaigns.decisions import quota_panel

    record(wf.member_subject, "PROPOSED", 3, wf.cell_a1_secretary, justification="Lý do")
    record(
        wf.subject(person=wf.secretary_a1, subject_type="PARTY_MEMBER"), "PROPOSED", 2, wf.cell_a1_secretary
    )
    (row,) = [r for r in quota_panel(campaign=wf.campaign, root=wf.commune_a1) if r.rule_id == "R-50"]
    assert (row.candidates, row.good, row.max_excellent, row.over_quota) == (1, 1, 0, 1)
    assert row.scope_label == "Đảng bộ xã A1"
    assert [code for _pk, code, *_ in row.over_list] == ["P-MEM-A1"]
    assert quota_panel(campaign=wf.campaign, root=wf.district_b) == []


def test_r_62_r_70_head_decided_before_the_unit_is_refused(wf):
    record(wf.commune_committee_subject, "PROPOSED", 2, wf.district_a_officer)
    record(wf.leader_subject, "PROPOSED", 2, wf.district_a_officer)
    with pytest.raises(ValidationError, match="R-62"):
        record(wf.leader_subject, "DECIDED", 2, wf.district_a_sc)
    record(wf.commune_committee_subject, "DECIDED", 2, wf.district_a_sc)
    assert record(wf.leader_subject, "DECIDED", 2, wf.district_a_sc).level == 2


def test_excluded_subject_cannot_be_rated_and_override_is_recorded(wf):
    from xeploai.audit.models import AuditEvent
    from xeploai.campaigns.decisions import subject_override

    with pytest.raises(ValidationError) as exc:
        subject_override(subject=wf.member_subject, by=wf.district_a_officer, override="EXCLUDED", reason="")
    assert "reason" in exc.value.message_dict
    s = subject_override(subject=wf.member_subject, by=wf.district_a_officer, override="EXCLUDED",
                         reason="Chuyển sinh hoạt tạm thời")  # fmt: skip
    assert (s.included, s.override_by, s.override_reason) == (
        False,
        wf.district_a_officer,
        "Chuyển sinh hoạt tạm thời",
    )
    with pytest.raises(ValidationError, match="không thuộc diện xếp loại"):
        record(wf.member_subject, "PROPOSED", 2, wf.cell_a1_secretary)
    event = AuditEvent.objects.get(action="subject.override")
    assert (event.before["override"], event.after["override"]) == ("", "EXCLUDED")
    with pytest.raises(ValidationError):
        subject_override(subject=wf.member_subject, by=wf.cell_a1_secretary, override="", reason="")


# --- publication and appeals ----------------------------------------------------------------------------


def _decide_member(wf, level=2):
    record(wf.member_subject, "PROPOSED", level, wf.cell_a1_secretary)
    record(wf.member_subject, "DECIDED", level, wf.commune_sc)


def test_r_88_results_invisible_to_the_member_before_publication(wf):
    from xeploai.accounts.predicates import can_see_results
    from xeploai.campaigns.decisions import is_published, results_publish

    _decide_member(wf)
    assert not is_published(wf.member_subject)
    assert not can_see_results(wf.cell_a1_member, wf.member_subject, published=False)
    assert can_see_results(wf.cell_a1_secretary, wf.member_subject, published=False)
    with pytest.raises(ValidationError, match="không có quyền công bố"):
        results_publish(campaign=wf.campaign, root=wf.commune_a1, by=wf.district_a_officer)
    seen = wf.member_subject.state_version  # its own version and the two rows (proposed, decided)
    result = results_publish(campaign=wf.campaign, root=wf.commune_a1, by=wf.commune_sc)
    assert result.subjects == [wf.member_subject.pk]
    assert is_published(wf.member_subject)
    published = wf.member_subject.ratings.filter(stage="PUBLISHED").get()
    assert (published.based_on_version, wf.member_subject.state_version) == (seen, seen + 1)
    assert can_see_results(wf.cell_a1_member, wf.member_subject, published=True)
    with pytest.raises(ValidationError, match="chưa công bố"):
        results_publish(campaign=wf.campaign, root=wf.commune_a1, by=wf.commune_sc)


def _published(wf):
    from xeploai.campaigns.decisions import results_publish

    _decide_member(wf)
    results_publish(campaign=wf.campaign, root=wf.commune_a1, by=wf.commune_sc)
    wf.member_subject.refresh_from_db()
    return wf.member_subject


def test_r_81_r_89_appeal_within_the_window_accepted_after_refused(wf):
    from xeploai.campaigns.appeals import appeal_lodge

    s = _published(wf)
    with pytest.raises(ValidationError, match="chưa được công bố"):
        appeal_lodge(subject=wf.subject(person=wf.secretary_a1, subject_type="PARTY_MEMBER"),
                     by=wf.superuser, text="x")  # fmt: skip
    late = timezone.now() + timedelta(days=wf.campaign.appeal_window_days + 1)
    with pytest.raises(ValidationError, match="quá thời hạn"):
        appeal_lodge(subject=s, by=wf.cell_a1_member, text="Đề nghị xem xét lại", now=late)
    with pytest.raises(ValidationError):
        appeal_lodge(subject=s, by=wf.cell_a1_secretary, text="Không phải của tôi")
    last_day = timezone.now() + timedelta(days=wf.campaign.appeal_window_days)
    appeal = appeal_lodge(subject=s, by=wf.cell_a1_member, text="Đề nghị xem xét lại", now=last_day)
    assert appeal.status == "OPEN"
    with pytest.raises(ValidationError, match="đang được xem xét"):
        appeal_lodge(subject=s, by=wf.cell_a1_member, text="Lần nữa")


def test_r_81_superior_re_evaluates_and_history_is_kept(wf):
    from xeploai.campaigns.appeals import appeal_lodge, appeal_resolve
    from xeploai.campaigns.decisions import is_published
    from xeploai.campaigns.models import Rating

    s = _published(wf)
    appeal = appeal_lodge(subject=s, by=wf.cell_a1_member, text="Tôi đủ điều kiện HTT")
    s.refresh_from_db()
    # the committee that decided is not the superior
    with pytest.raises(ValidationError, match="cấp trên trực tiếp"):
        appeal_resolve(
            appeal=appeal, by=wf.commune_sc, resolution="x", new_level=1, based_on_version=s.state_version
        )
    appeal = appeal_resolve(appeal=appeal, by=wf.district_a_sc, resolution="Có vi phạm chưa khắc phục",
                            new_level=1, based_on_version=s.state_version)  # fmt: skip
    assert (appeal.status, appeal.new_level, appeal.resolved_by) == ("CHANGED", 1, wf.district_a_sc)
    history = list(Rating.objects.filter(subject=s).order_by("pk").values_list("stage", "level"))
    assert history == [("PROPOSED", 2), ("DECIDED", 2), ("PUBLISHED", 2), ("DECIDED", 1), ("PUBLISHED", 1)]
    assert is_published(s)


def test_appeal_upheld_writes_no_new_level(wf):
    from xeploai.campaigns.appeals import appeal_lodge, appeal_resolve
    from xeploai.campaigns.models import Rating

    s = _published(wf)
    appeal = appeal_lodge(subject=s, by=wf.cell_a1_member, text="Xem lại")
    s.refresh_from_db()
    appeal = appeal_resolve(appeal=appeal, by=wf.district_a_sc, resolution="Giữ nguyên", new_level=None,
                            based_on_version=s.state_version)  # fmt: skip
    assert appeal.status == "UPHELD"
    assert Rating.objects.filter(subject=s).count() == 3


# --- progress (S-10) ------------------------------------------------------------------------------------


def test_s_10_progress_counts_and_overdue_days(wf):
    from xeploai.campaigns.models import Review
    from xeploai.campaigns.progress import progress_rows

    _decide_member(wf)
    Review.objects.create(subject=wf.member_subject, status="SUBMITTED")
    own, rows = progress_rows(campaign=wf.campaign, root=wf.commune_a1, on=date(2023, 10, 20))
    by_name = {r.name: r for r in rows}
    cell = by_name["Chi bộ ấp 1"]
    # cell_a1: its organization subject, the chi ủy (not reviewed: 2 members), 7 party members (S-03 cases)
    assert (cell.total, cell.to_review, cell.reviewed, cell.to_classify, cell.decided) == (9, 5, 1, 5, 1)
    assert cell.due_on == date(2023, 10, 15)  # below grassroots: the grassroots deadline (S-10)
    assert cell.overdue_days == 5
    assert own is not None
    assert own.total == 2  # the commune itself and its executive committee
    _own, before = progress_rows(campaign=wf.campaign, root=wf.commune_a1, on=date(2023, 10, 15))
    assert all(r.overdue_days == 0 for r in before)
    assert [r.name for r in rows][0] in {"Chi bộ ấp 1", "Chi bộ ấp 2"}  # late units first


def test_progress_is_one_grouped_query_whatever_the_number_of_children(wf, django_assert_max_num_queries):
    from xeploai.campaigns.progress import progress_rows

    with django_assert_max_num_queries(3):
        progress_rows(campaign=wf.campaign, root=wf.province, on=date(2023, 12, 1))


# --- audit ----------------------------------------------------------------------------------------------


def test_every_write_is_audited_with_its_author(wf):
    from xeploai.audit.models import AuditEvent
    from xeploai.campaigns.appeals import appeal_lodge
    from xeploai.campaigns.decisions import opinion_add

    first = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    s = _published(wf)
    opinion_add(subject=s, by=wf.cell_a1_secretary, source="CELL_COMMITTEE", text="Tốt")
    appeal_lodge(subject=s, by=wf.cell_a1_member, text="Xem lại")
    events = AuditEvent.objects.filter(seq__gt=first).order_by("seq")
    actions = list(events.values_list("action", "actor__username"))
    assert actions == [
        ("rating.proposed", "cell_a1_secretary"),
        ("rating.decided", "commune_sc"),
        ("rating.published", "commune_sc"),
        ("opinion.added", "cell_a1_secretary"),
        ("appeal.lodged", "cell_a1_member"),
    ]
    decided = AuditEvent.objects.get(action="rating.decided")
    assert decided.subject_id == s.pk
    assert decided.after["level"] == 2
