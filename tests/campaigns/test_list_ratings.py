"""Rating a whole list (issue 12 item 2): one save, one transaction, one audit event, stale refusal,
the quota (R-50) shown and enforced with its justification, caps (R-13) refused, and "take the proposals".
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def lst(province):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = province
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    commune_sc = get_user_model().objects.create_user(username="commune_sc", password="pw")
    RoleAssignment.objects.create(user=commune_sc, role=Role.STANDING_COMMITTEE, organization=P.commune_a1)

    def member(person):
        return Subject.objects.get(campaign=campaign, person=person, subject_type="PARTY_MEMBER")

    return SimpleNamespace(
        **vars(P), campaign=campaign, commune_sc=commune_sc, member=member(P.member_a1),
        secretary=member(P.secretary_a1), sick=member(P.sick_a1),
    )  # fmt: skip


def rows_of(lst, user, stage, root=None):
    from xeploai.campaigns.list_ratings import list_rows

    rows, _truncated = list_rows(user=user, campaign=lst.campaign, root=root or lst.cell_a1, stage=stage)
    return rows


def save(lst, user, stage, levels, *, texts=None, rows=None, root=None):
    """Post the list as the page would: every row with the version it was loaded with."""
    from xeploai.campaigns.list_ratings import RowInput, list_save

    rows = rows if rows is not None else rows_of(lst, user, stage, root)
    texts = texts or {}
    inputs = {
        r.subject.pk: RowInput(levels.get(r.subject.pk), texts.get(r.subject.pk, ""), r.version) for r in rows
    }
    return list_save(campaign=lst.campaign, root=root or lst.cell_a1, stage=stage, by=user, inputs=inputs)


def list_events():
    from xeploai.audit.models import AuditEvent

    return AuditEvent.objects.filter(action__startswith="rating.list_")


def test_the_list_shows_each_subject_once_with_no_level_chosen_and_its_cap(lst):
    from xeploai.campaigns.list_ratings import list_check, row_caps

    rows = rows_of(lst, lst.cell_a1_secretary, "PROPOSED")
    pks = [r.subject.pk for r in rows]
    assert {lst.member.pk, lst.secretary.pk, lst.sick.pk} <= set(pks)
    assert len(pks) == len(set(pks))
    assert all(r.recorded is None for r in rows)
    row_caps(
        list_check(campaign=lst.campaign, root=lst.cell_a1, stage="PROPOSED", rows=rows, chosen={}), rows
    )
    sick = next(r for r in rows if r.subject.pk == lst.sick.pk)
    assert sick.max_level == 1
    assert [rule for rule, _text in sick.caps] == ["R-13"]


def test_one_save_is_one_transaction_and_one_audit_event_with_its_rows(lst):
    from xeploai.campaigns.models import Rating

    n = save(lst, lst.cell_a1_secretary, "PROPOSED", {lst.member.pk: 2, lst.secretary.pk: 2})
    assert n == 2
    assert dict(Rating.objects.filter(stage="PROPOSED").values_list("subject_id", "level")) == {
        lst.member.pk: 2, lst.secretary.pk: 2,
    }  # fmt: skip
    (event,) = list_events()
    assert event.action == "rating.list_proposed"
    assert event.actor_id == lst.cell_a1_secretary.pk
    assert event.after["rows"] == {
        str(lst.member.pk): {"level": 2, "justification": ""},
        str(lst.secretary.pk): {"level": 2, "justification": ""},
    }
    from xeploai.audit.models import AuditEvent

    assert not AuditEvent.objects.filter(action="rating.proposed").exists()  # not one event per row


def test_a_list_changed_since_it_was_loaded_is_refused_whole(lst):
    from xeploai.campaigns.decisions import rating_record
    from xeploai.campaigns.models import Rating

    rows = rows_of(lst, lst.cell_a1_secretary, "PROPOSED")
    lst.sick.refresh_from_db()
    rating_record(subject=lst.sick, stage="PROPOSED", level=1, by=lst.district_a_officer,
                  based_on_version=lst.sick.state_version)  # fmt: skip  # someone else, meanwhile
    with pytest.raises(ValidationError, match="Danh sách đã thay đổi") as exc:
        save(lst, lst.cell_a1_secretary, "PROPOSED", {lst.member.pk: 2}, rows=rows)
    assert "Ngô Thị Ốm" in exc.value.messages[0]  # names whose row changed
    assert not Rating.objects.filter(subject=lst.member).exists()
    assert not list_events().exists()
    assert save(lst, lst.cell_a1_secretary, "PROPOSED", {lst.member.pk: 2}) == 1  # reloaded: accepted


def test_r_50_over_quota_refused_without_justification_then_accepted_with_it(lst):
    from xeploai.campaigns.models import Rating

    levels = {lst.member.pk: 3, lst.secretary.pk: 3, lst.sick.pk: 1}  # 2 HTXS, 0 HTT: 0 allowed
    with pytest.raises(ValidationError) as exc:
        save(lst, lst.cell_a1_secretary, "PROPOSED", levels)
    errors = exc.value.message_dict
    assert set(errors) == {"__all__", f"row-{lst.member.pk}", f"row-{lst.secretary.pk}"}
    assert "R-50" in errors[f"row-{lst.member.pk}"][0]
    assert "lý do" in errors[f"row-{lst.member.pk}"][0]
    assert not Rating.objects.exists()
    assert not list_events().exists()
    texts = {lst.member.pk: "Thành tích đột xuất.", lst.secretary.pk: "Dẫn đầu phong trào."}
    assert save(lst, lst.cell_a1_secretary, "PROPOSED", levels, texts=texts) == 3
    assert Rating.objects.get(subject=lst.member).justification == "Thành tích đột xuất."


def test_r_13_a_row_above_its_cap_is_refused_even_with_a_justification(lst):
    from xeploai.campaigns.models import Rating

    with pytest.raises(ValidationError) as exc:
        save(lst, lst.cell_a1_secretary, "PROPOSED", {lst.sick.pk: 2, lst.member.pk: 2},
             texts={lst.sick.pk: "Lý do"})  # fmt: skip
    assert "R-13" in exc.value.message_dict[f"row-{lst.sick.pk}"][0]
    assert f"row-{lst.member.pk}" not in exc.value.message_dict
    assert not Rating.objects.exists()


def test_nothing_chosen_writes_nothing(lst):
    with pytest.raises(ValidationError, match="Chưa chọn mức"):
        save(lst, lst.cell_a1_secretary, "PROPOSED", {})


def test_take_the_proposals_as_decided_with_exceptions(lst):
    from xeploai.campaigns.list_ratings import take_previous
    from xeploai.campaigns.models import Rating

    save(lst, lst.cell_a1_secretary, "PROPOSED", {lst.member.pk: 2, lst.secretary.pk: 2, lst.sick.pk: 1})
    rows = rows_of(lst, lst.commune_sc, "DECIDED", root=lst.commune_a1)
    taken = take_previous(rows)
    assert taken == {lst.member.pk: 2, lst.secretary.pk: 2, lst.sick.pk: 1}
    taken[lst.secretary.pk] = 1  # the exception, changed before saving
    assert save(lst, lst.commune_sc, "DECIDED", taken, rows=rows, root=lst.commune_a1) == 3
    decided = dict(Rating.objects.filter(stage="DECIDED").values_list("subject_id", "level"))
    assert decided == {lst.member.pk: 2, lst.secretary.pk: 1, lst.sick.pk: 1}
    assert list_events().get(action="rating.list_decided").org_path == lst.commune_a1.path


def test_only_those_who_may_rate_the_stage_get_rows_and_may_save(lst):
    assert rows_of(lst, lst.cell_a1_secretary, "DECIDED") == []  # a cell secretary proposes only
    assert rows_of(lst, lst.district_b_officer, "PROPOSED") == []  # another district's subtree
    with pytest.raises(ValidationError, match="không thuộc danh sách"):
        save(lst, lst.district_b_officer, "PROPOSED", {lst.member.pk: 2},
             rows=rows_of(lst, lst.cell_a1_secretary, "PROPOSED"))  # fmt: skip


def test_one_quota_computation_for_the_form_the_list_and_the_quota_page(lst):
    """Issue 12: the form said "tối đa 0 … vượt 3" while the quota page said 2 for the same scope."""
    from xeploai.campaigns.decisions import quota_panel, rating_preview
    from xeploai.campaigns.list_ratings import list_check

    texts = {lst.member.pk: "Lý do"}
    save(lst, lst.cell_a1_secretary, "PROPOSED", {lst.secretary.pk: 2, lst.member.pk: 3}, texts=texts)
    save(lst, lst.commune_sc, "DECIDED", {lst.secretary.pk: 2}, root=lst.commune_a1)
    # At DECIDED the member has only its proposal: it still counts, as on the quota page.
    (panel,) = [r for r in quota_panel(campaign=lst.campaign, root=lst.commune_a1) if r.rule_id == "R-50"]
    lst.member.refresh_from_db()
    preview = rating_preview(subject=lst.member, stage="DECIDED", level=3)
    (finding,) = preview.over_quota
    rows = rows_of(lst, lst.commune_sc, "DECIDED", root=lst.commune_a1)
    check = list_check(
        campaign=lst.campaign, root=lst.commune_a1, stage="DECIDED", rows=rows, chosen={lst.member.pk: 3}
    )
    (listed,) = [r for r in check.quota if r.rule_id == "R-50"]
    assert (panel.candidates, panel.good, panel.max_excellent) == (1, 1, 0)
    assert (finding.params["candidates"], finding.params["good"], finding.params["max_excellent"]) == (
        1,
        1,
        0,
    )
    assert (listed.candidates, listed.good, listed.max_excellent, listed.over_quota) == (1, 1, 0, 1)


def test_single_subject_over_quota_proposal_needs_its_justification(lst):
    """Issue 12: "bắt buộc khi vượt tỷ lệ" was written on the form and enforced nowhere before a decision."""
    from xeploai.campaigns.decisions import rating_record

    with pytest.raises(ValidationError) as exc:
        rating_record(subject=lst.member, stage="PROPOSED", level=3, by=lst.cell_a1_secretary,
                      based_on_version=lst.member.state_version)  # fmt: skip
    assert "R-50" in exc.value.message_dict["justification"][0]
    rating = rating_record(subject=lst.member, stage="PROPOSED", level=3, by=lst.cell_a1_secretary,
                           based_on_version=lst.member.state_version, justification="Lý do")  # fmt: skip
    assert rating.justification == "Lý do"
