"""Audit pages: who may read the events of a subtree or a subject (403/404 otherwise), what they show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.audit.context import audit_context
from xeploai.audit.services import audit_record
from xeploai.campaigns.models import Campaign, Subject

pytestmark = pytest.mark.urls("audit_test_urls")


@pytest.fixture
def trail(personas):
    """A standing-committee user of district A, a subject in cell A1, and events at three places."""
    from django.contrib.auth import get_user_model

    p = personas
    p.district_a_standing = get_user_model().objects.create_user(
        username="district_a_standing", password="pw"
    )
    RoleAssignment.objects.create(
        user=p.district_a_standing, role=Role.STANDING_COMMITTEE, organization=p.district_a
    )
    campaign = Campaign.objects.create(
        year=2023,
        ruleset="kh181_2023",
        name="Đợt 2023",
        root=p.province,
        reference_date=dt.date(2023, 12, 15),
    )
    p.subject_a1 = Subject.objects.create(
        campaign=campaign,
        subject_type="PARTY_MEMBER",
        person=p.member_a1,
        unit=p.cell_a1,
        org_path=p.cell_a1.path,
        review=True,
        classify=True,
        counted_to=dt.date(2023, 10, 15),
    )
    with audit_context(actor=p.cell_a1_secretary, ip="10.1.1.1"):
        audit_record(action="rating.proposed", obj=p.subject_a1, before=None, after={"level": 2})
    audit_record(
        action="rating.decided",
        obj=p.subject_a1,
        before={"level": 2},
        after={"level": 3},
        actor=p.province_officer,
        ip="10.9.9.9",
    )
    audit_record(
        action="registry.person.changed",
        org_path=p.cell_b1.path,
        label="Nguyễn Văn An",
        before={"positions": ""},
        after={"positions": "Hiệu trưởng bí mật"},
    )
    return p


def get(client, user, name, target=None):
    client.force_login(user)
    url = reverse(f"audit:{name}", args=[target.pk] if target is not None else [])
    return client.get(url)


# (user, page, target, status): audit roles read their subtree; others 403 inside, 404 outside.
MATRIX = [
    ("superuser", "organization", "district_b", 200),
    ("province_officer", "organization", "province", 200),
    ("province_officer", "organization", "district_b", 200),
    ("district_a_standing", "organization", "district_a", 200),
    ("district_a_standing", "organization", "cell_a1", 200),
    ("district_a_standing", "organization", "district_b", 404),
    ("district_a_standing", "organization", "province", 404),
    ("district_a_officer", "organization", "district_a", 403),
    ("cell_a1_secretary", "organization", "cell_a1", 403),
    ("cell_a1_member", "organization", "cell_a1", 403),
    ("district_b_officer", "organization", "district_a", 404),
    ("province_officer", "subject", "subject_a1", 200),
    ("district_a_standing", "subject", "subject_a1", 200),
    ("cell_a1_secretary", "subject", "subject_a1", 403),
    ("district_b_officer", "subject", "subject_a1", 404),
    ("province_officer", "index", None, 200),
    ("cell_a1_secretary", "index", None, 403),
]


@pytest.mark.parametrize(("user", "page", "target", "status"), MATRIX)
def test_permission_matrix(client, trail, user, page, target, status):
    response = get(client, getattr(trail, user), page, getattr(trail, target) if target else None)
    assert response.status_code == status


def test_anonymous_is_sent_to_login(client, trail):
    response = client.get(reverse("audit:organization", args=[trail.province.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_subtree_page_shows_who_when_where_and_the_diff(client, trail):
    response = get(client, trail.district_a_standing, "organization", trail.district_a)
    html = response.content.decode()
    assert "Quyết định mức xếp loại" in html  # the event in words, its code in small print
    assert '<small class="rule-id"><code>rating.decided</code></small>' in html
    assert "province_officer" in html  # an account without a name or a person: its username
    assert "10.9.9.9" in html
    assert "<del>Hoàn thành tốt nhiệm vụ</del> → <ins>Hoàn thành xuất sắc nhiệm vụ</ins>" in html
    # An event of district B is not in district A's trail.
    assert "Hiệu trưởng bí mật" not in html


def test_index_shows_only_the_users_subtrees(client, trail):
    html = get(client, trail.district_a_standing, "index").content.decode()
    assert "rating.proposed" in html
    assert "Hiệu trưởng bí mật" not in html
    assert "Hiệu trưởng bí mật" in get(client, trail.province_officer, "index").content.decode()


def test_subject_page_lists_only_that_subjects_events(client, trail):
    html = get(client, trail.province_officer, "subject", trail.subject_a1).content.decode()
    assert "rating.proposed" in html
    assert "rating.decided" in html
    assert "registry.person.changed" not in html


def test_htmx_request_gets_the_rows_only(client, trail):
    client.force_login(trail.province_officer)
    response = client.get(reverse("audit:index"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<table" in html
    assert "<html" not in html


def test_admin_shows_the_trail_read_only(client, trail):
    client.force_login(trail.superuser)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    event = trail.subject_a1  # any event of the subject
    from xeploai.audit.models import AuditEvent

    pk = AuditEvent.objects.filter(subject_id=event.pk).values_list("pk", flat=True).first()
    assert client.post(f"/admin/audit/auditevent/{pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=pk).exists()


def test_a_publication_event_is_shown_with_the_subjects_label(client, trail):
    """The publication's after-values name a reverse relation (a campaign's subjects): the page used to
    answer 500 (AttributeError: 'ManyToOneRel' object has no attribute 'verbose_name')."""
    from xeploai.campaigns.models import Campaign, Subject

    campaign = Campaign.objects.get()
    audit_record(
        action="results.published", obj=campaign, org_path=trail.province.path, actor=trail.province_officer,
        before=None, after={"organization": trail.province.pk, "subjects": {str(trail.subject_a1.pk): 3}},
    )
    response = get(client, trail.superuser, "organization", trail.province)
    assert response.status_code == 200
    assert str(Subject._meta.verbose_name_plural) in response.content.decode()


def test_audit_page_reads_in_words_names_local_time_and_values(client, trail):
    """Issue 12 item 7: the actor's person name, local time dd/mm/yyyy HH:MM, values in words, no JSON."""
    from zoneinfo import ZoneInfo

    from xeploai.audit.models import AuditEvent
    from xeploai.audit.services import snapshot
    from xeploai.campaigns.models import Appeal

    appeal = Appeal.objects.create(
        subject=trail.subject_a1, lodged_by=trail.cell_a1_member, text="Xin xem lại",
        lodged_at=dt.datetime(2023, 12, 20, 3, 30, tzinfo=dt.UTC),
    )  # fmt: skip
    with audit_context(actor=trail.cell_a1_member, ip="10.2.2.2"):
        audit_record(action="appeal.lodged", obj=appeal, subject=trail.subject_a1, after=snapshot(appeal))
    event = AuditEvent.objects.get(action="appeal.lodged")
    html = get(client, trail.province_officer, "subject", trail.subject_a1).content.decode()
    assert "Gửi kiến nghị" in html
    assert "Lê Thị Cúc" in html  # the member's registry name, not the login "cell_a1_member"
    assert "cell_a1_member" not in html
    local = event.created_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y %H:%M")
    assert local in html
    assert "20/12/2023 10:30" in html  # a moment in the values: local time too
    assert str(trail.subject_a1) in html  # a linked record by its name, not its id
    assert "Đang xem xét" in html  # a choice by its label
    table = html[html.index('<table class="list audit">') :]
    assert "{&quot;" not in table  # never raw JSON
    assert '{"' not in table
