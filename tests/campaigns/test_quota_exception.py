"""R-50h (QĐ366 Điều 11): the competent level raises a unit's HTXS share to 25 %, as a decision with its
reason: the service (competence, reason, ruleset, audit, revocation), the decision it lets through, and
the quota page by clicks."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _user(name, role, at):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import RoleAssignment

    u = get_user_model().objects.create_user(username=name, password="pw", first_name=name.title())
    RoleAssignment.objects.create(user=u, role=role, organization=at)
    return u


def _campaign(province, ruleset):
    from xeploai.campaigns.opening import campaign_create, campaign_open

    year = 2025 if ruleset == "qd366-2025" else 2023
    campaign = campaign_create(year=year, ruleset=ruleset, root=province.province)
    campaign_open(campaign=campaign)
    return campaign


@pytest.fixture
def q(province):
    """A QĐ366 campaign in which the grassroots organization of commune A1 has 1 HTXS and 4 HTT proposed:
    1 > 20 % × 4 (0 allowed), 1 ≤ 25 % × 4 (1 allowed)."""
    from xeploai.accounts.models import Role
    from xeploai.campaigns.models import Rating, Subject

    P = province
    campaign = _campaign(P, "qd366-2025")

    def member(person):
        return Subject.objects.get(campaign=campaign, person=person, subject_type="PARTY_MEMBER")

    for person in (P.secretary_a1, P.member_a2, P.commune_secretary, P.deputy):
        Rating.objects.create(subject=member(person), stage="PROPOSED", level=2, score=80, based_on_version=1)
    candidate = member(P.member_a1)
    Rating.objects.create(subject=candidate, stage="PROPOSED", level=3, score=95, based_on_version=1,
                          justification="Thành tích nổi bật")  # fmt: skip
    return SimpleNamespace(
        **vars(P),
        campaign=campaign,
        candidate=candidate,
        commune_sc=_user("commune_sc", Role.STANDING_COMMITTEE, P.commune_a1),
        district_b_sc=_user("district_b_sc", Role.STANDING_COMMITTEE, P.district_b),
    )


def _grant(q, by, reason="Đơn vị hoàn thành vượt kế hoạch, xử lý tốt nhiệm vụ đột xuất"):
    from xeploai.campaigns.quota_exceptions import quota_exception_grant

    return quota_exception_grant(
        campaign=q.campaign, organization=q.commune_a1, kind="PARTY_MEMBERS", by=by, reason=reason
    )


def _decide(q, justification=""):
    from xeploai.campaigns.decisions import rating_record

    q.candidate.refresh_from_db()
    return rating_record(
        subject=q.candidate, stage="DECIDED", level=3, by=q.commune_sc, score=95,
        based_on_version=q.candidate.state_version, justification=justification,
    )  # fmt: skip


def _row(q):
    from xeploai.campaigns.decisions import quota_panel

    (row,) = [r for r in quota_panel(campaign=q.campaign, root=q.commune_a1) if r.rule_id == "R-50e"]
    return row


# --- the service --------------------------------------------------------------------------------------


def test_r_50h_the_competent_standing_committee_raises_the_share_with_its_reason_audited(q):
    from xeploai.audit.models import AuditEvent

    decision = _grant(q, q.commune_sc)
    assert (decision.share_percent, decision.decided_by, decision.decided_by_name) == (
        25,
        q.commune_sc,
        "Commune_Sc",
    )
    event = AuditEvent.objects.get(action="quota_exception.granted")
    assert event.after["reason"].startswith("Đơn vị hoàn thành vượt kế hoạch")


def test_r_50h_refused_outside_the_competent_committee(q):
    from xeploai.campaigns.models import QuotaException

    for user in (q.district_b_sc, q.cell_a1_secretary, q.province_officer):
        with pytest.raises(ValidationError) as exc:
            _grant(q, user)
        assert "Đảng bộ xã A1" in exc.value.messages[0]
    assert not QuotaException.objects.exists()


def test_r_50h_a_reason_is_required(q):
    with pytest.raises(ValidationError) as exc:
        _grant(q, q.commune_sc, reason="  ")
    assert "lý do" in exc.value.message_dict["reason"][0]


def test_r_50h_refused_under_kh181(province):
    from xeploai.accounts.models import Role
    from xeploai.campaigns.quota_exceptions import quota_exception_grant

    campaign = _campaign(province, "kh181-2023")
    sc = _user("commune_sc", Role.STANDING_COMMITTEE, province.commune_a1)
    with pytest.raises(ValidationError) as exc:
        quota_exception_grant(
            campaign=campaign, organization=province.commune_a1, kind="PARTY_MEMBERS", by=sc, reason="Lý do"
        )
    assert "không cho phép nâng tỷ lệ" in exc.value.messages[0]


def test_r_50h_one_decision_per_scope_and_revocation_is_audited(q):
    from xeploai.audit.models import AuditEvent
    from xeploai.campaigns.models import QuotaException
    from xeploai.campaigns.quota_exceptions import quota_exception_revoke

    decision = _grant(q, q.commune_sc)
    with pytest.raises(ValidationError):
        _grant(q, q.commune_sc)
    with pytest.raises(ValidationError):
        quota_exception_revoke(decision=decision, by=q.district_b_sc)
    quota_exception_revoke(decision=decision, by=q.commune_sc)
    assert not QuotaException.objects.exists()
    assert AuditEvent.objects.get(action="quota_exception.revoked").before["reason"] == decision.reason


# --- the quota and the decision ---------------------------------------------------------------------


def test_r_50h_a_decision_over_20_percent_is_refused_without_the_exception(q):
    from xeploai.campaigns.models import Rating

    assert (_row(q).max_excellent, _row(q).over_quota) == (0, 1)
    with pytest.raises(ValidationError) as exc:
        _decide(q)
    assert "20%" in exc.value.message_dict["justification"][0]
    assert not Rating.objects.filter(subject=q.candidate, stage="DECIDED").exists()


def test_r_50h_a_decision_over_20_percent_is_accepted_with_the_exception(q):
    _grant(q, q.commune_sc)
    assert (_row(q).max_excellent, _row(q).over_quota) == (1, 0)
    rating = _decide(q)
    assert not [f for f in rating.findings if f["code"].startswith("quota.")]


def test_r_50h_over_the_raised_share_the_finding_gives_the_decision_and_its_reason(q):
    from xeploai.campaigns.decisions import join_explained, rating_preview
    from xeploai.campaigns.models import Rating, Subject

    _grant(q, q.commune_sc)
    second = Subject.objects.get(campaign=q.campaign, person=q.secretary_a1, subject_type="PARTY_MEMBER")
    Rating.objects.create(subject=second, stage="PROPOSED", level=3, score=95, based_on_version=2,
                          justification="Thành tích")  # fmt: skip
    # 2 HTXS and 3 HTT: at most 1 even at 25 %.
    preview = rating_preview(subject=q.candidate, stage="DECIDED", level=3, score=95)
    (finding,) = preview.over_quota
    assert finding.code == "quota.over_raised"
    text = join_explained(preview.over_quota, preview.ruleset)
    assert "tỷ lệ được nâng lên 25% theo quyết định của Commune_Sc" in text
    assert "lý do: Đơn vị hoàn thành vượt kế hoạch" in text


# --- the quota page -----------------------------------------------------------------------------------


def test_r_50h_quota_page_raise_then_revoke_by_clicks(q, client):
    client.force_login(q.commune_sc)
    url = reverse("campaigns:quota", args=[q.campaign.pk, q.commune_a1.pk])
    page = client.get(url).content.decode()
    assert 'id="quota-exceptions"' in page
    assert "Nâng tỷ lệ lên 25%" in page
    raise_url = reverse("campaigns:quota_raise", args=[q.campaign.pk, q.commune_a1.pk])
    assert f'action="{raise_url}"' in page
    data = {"family": "PARTY_MEMBERS", "organization": q.commune_a1.pk, "reason": ""}
    page = client.post(raise_url, data, follow=True).content.decode()
    assert "Hãy ghi lý do nâng tỷ lệ" in page
    data["reason"] = "Vượt kế hoạch năm"
    page = client.post(raise_url, data, follow=True).content.decode()
    assert "Tỷ lệ tối đa 25%" in page
    assert "Lý do: Vượt kế hoạch năm" in page
    assert "Thu hồi quyết định" in page
    from xeploai.campaigns.models import QuotaException

    decision = QuotaException.objects.get()
    revoke = reverse("campaigns:quota_revoke", args=[q.campaign.pk, q.commune_a1.pk, decision.pk])
    page = client.post(revoke, follow=True).content.decode()
    assert "Đã thu hồi quyết định nâng tỷ lệ" in page
    assert not QuotaException.objects.exists()


def test_r_50h_quota_page_offers_no_form_to_a_reader_who_is_not_competent(q, client):
    from xeploai.campaigns.models import QuotaException

    client.force_login(q.district_a_officer)
    url = reverse("campaigns:quota", args=[q.campaign.pk, q.commune_a1.pk])
    page = client.get(url).content.decode()
    assert 'id="quota-exceptions"' in page
    assert "Nâng tỷ lệ lên 25%" not in page.split('id="quota-exceptions"')[1]
    raise_url = reverse("campaigns:quota_raise", args=[q.campaign.pk, q.commune_a1.pk])
    data = {"family": "PARTY_MEMBERS", "organization": q.commune_a1.pk, "reason": "Lý do"}
    page = client.post(raise_url, data, follow=True).content.decode()
    assert "Chỉ ban thường vụ có thẩm quyền" in page
    assert not QuotaException.objects.exists()


def test_r_50h_messages_have_english_catalogue_entries():
    from django.utils import translation

    from xeploai.audit.wording import ACTION_LABELS
    from xeploai.campaigns import quota_exceptions as qe

    texts = [qe.NOT_ALLOWED, qe.NOT_COMPETENT, qe.REASON_REQUIRED, qe.NO_ORGANIZATION, qe.OUTSIDE, qe.ALREADY]
    texts += [ACTION_LABELS["quota_exception.granted"], ACTION_LABELS["quota_exception.revoked"]]
    with translation.override("en"):
        english = [str(t) for t in texts]
    assert english[2] == "Give the reason for raising the share (the unit's outstanding achievements)."
    for vi, en in zip(texts, english, strict=True):
        assert en != str(vi), en
