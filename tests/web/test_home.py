"""The home page "Việc của tôi" and the top-bar menu that offers only what the user may open."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(personas):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    P.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=P.campaign)
    P.commune_sc = get_user_model().objects.create_user(username="commune_sc", password="pw")
    RoleAssignment.objects.create(user=P.commune_sc, role=Role.STANDING_COMMITTEE, organization=P.commune_a1)
    P.member = Subject.objects.get(campaign=P.campaign, person=P.member_a1, subject_type="PARTY_MEMBER")
    return P


def home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_member_sees_their_self_review_with_deadline_late_mark_and_link(site, client):
    body = home(client, site.cell_a1_member)
    assert "Viết bản tự kiểm điểm" in body
    assert reverse("campaigns:subject", args=[site.member.pk]) in body
    assert re.search(r"hạn \d\d/\d\d/\d{4}", body)  # the cell tier's deadline, dd/mm/yyyy
    assert "quá hạn" in body  # the 2023 deadlines have passed


def test_member_line_disappears_once_the_review_is_submitted(site, client):
    from xeploai.campaigns.models import Review, ReviewStatus

    Review.objects.create(subject=site.member, status=ReviewStatus.SUBMITTED)
    assert "Viết bản tự kiểm điểm" not in home(client, site.cell_a1_member)


def test_cell_secretary_sees_the_cells_proposals_linked_to_the_cells_list(site, client):
    body = home(client, site.cell_a1_secretary)
    assert "Đề xuất mức xếp loại của chi bộ" in body
    # Several subjects to propose: the line opens the cell's whole list (issue 12 item 2).
    assert reverse("campaigns:stage_list", args=[site.campaign.pk, site.cell_a1.pk, "de-xuat"]) in body
    assert reverse("submissions:home") + f"?org={site.cell_a1.pk}" in body


def test_standing_committee_sees_decisions_to_make(site, client):
    body = home(client, site.commune_sc)
    assert "Quyết định mức xếp loại" not in body  # nothing proposed yet
    from xeploai.campaigns.models import Rating

    Rating.objects.create(subject=site.member, stage="PROPOSED", level=2, based_on_version=1)
    assert "Quyết định mức xếp loại" in home(client, site.commune_sc)


def test_user_without_role_is_told_whom_to_ask(personas, client):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user(username="nobody", password="pw")
    assert "chưa được giao vai trò" in home(client, nobody)


def test_home_queries_do_not_grow_with_the_number_of_subjects(site, client):
    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Person

    def queries() -> int:
        client.force_login(site.commune_sc)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("web:home")).status_code == 200
        return len(ctx)

    before = queries()
    people = [
        Person.objects.create(code=f"P-NEW-{n}", full_name=f"Đảng viên {n}", party_organization=site.cell_a1)
        for n in range(5)
    ]
    extra = [Subject(**{f.attname: getattr(site.member, f.attname) for f in Subject._meta.concrete_fields
                        if f.attname not in ("id", "person_id")}, person_id=p.pk)
             for p in people]  # fmt: skip
    Subject.objects.bulk_create(extra)
    assert queries() == before


def test_the_tree_stays_reachable_from_the_menu(site, client):
    body = home(client, site.cell_a1_member)
    assert reverse("web:tree") in body
    client.force_login(site.cell_a1_member)
    assert client.get(reverse("web:tree")).status_code == 200


PERSONAS = ["superuser", "province_officer", "district_a_officer", "cell_a1_secretary", "cell_a1_member",
            "district_b_officer", "commune_sc"]  # fmt: skip


@pytest.mark.parametrize("who", PERSONAS)
def test_every_menu_link_answers_200_for_each_persona(site, client, who):
    body = home(client, getattr(site, who))
    nav = re.search(r'<nav class="mainnav".*?</nav>', body, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', nav)
    assert links
    for link in links:
        response = client.get(link, follow=True)
        assert response.status_code == 200, (who, link)


def test_member_menu_hides_pages_that_refuse_members(site, client):
    nav = re.search(r'<nav class="mainnav".*?</nav>', home(client, site.cell_a1_member), re.S).group(0)
    for name in ("campaigns:dashboard_home", "audit:index", "reports:statistics", "submissions:inbox"):
        assert reverse(name) not in nav


def _items(user, label):
    from xeploai.campaigns.work import work_items

    return [i for i in work_items(user, timezone.localdate()) if i.label == label]


def test_committee_officer_sees_the_proposals_of_their_subtree_linked_to_the_whole_list(site, client):
    """R-82: a committee officer proposes for its subtree: "Đề xuất" opens its unit's whole list."""
    body = home(client, site.district_a_officer)
    assert "Đề xuất mức xếp loại" in body
    assert reverse("campaigns:stage_list", args=[site.campaign.pk, site.district_a.pk, "de-xuat"]) in body
    from xeploai.campaigns.models import Rating, Subject

    subjects = Subject.objects.filter(campaign=site.campaign, classify=True).subtree(site.district_a)
    before = _items(site.district_a_officer, "Đề xuất mức xếp loại")[0].count
    assert before == subjects.count()
    Rating.objects.create(subject=site.member, stage="PROPOSED", level=2, based_on_version=1)
    assert _items(site.district_a_officer, "Đề xuất mức xếp loại")[0].count == before - 1


def test_appeal_line_counts_only_the_open_appeals_the_committee_resolves(site, client):
    """R-81: the committee above the deciding one resolves: the district (two levels above the cell), not
    the commune; a resolved appeal is no longer work to do."""
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Appeal, AppealStatus

    district_sc = get_user_model().objects.create_user(username="district_sc", password="pw")
    sc = Role.STANDING_COMMITTEE
    RoleAssignment.objects.create(user=district_sc, role=sc, organization=site.district_a)
    lodged = {"subject": site.member, "lodged_by": site.cell_a1_member, "lodged_at": timezone.now()}
    Appeal.objects.create(**lodged, text="Đã xong", status=AppealStatus.UPHELD, resolution="Giữ nguyên")
    assert _items(district_sc, "Giải quyết kiến nghị") == []  # only a resolved appeal
    Appeal.objects.create(**lodged, text="Xem xét lại")
    assert [i.count for i in _items(district_sc, "Giải quyết kiến nghị")] == [1]
    assert "Giải quyết kiến nghị" in home(client, district_sc)
    assert _items(site.commune_sc, "Giải quyết kiến nghị") == []  # it decided: it does not resolve
    Appeal.objects.filter(status=AppealStatus.OPEN).update(status=AppealStatus.CHANGED)
    assert "Giải quyết kiến nghị" not in home(client, district_sc)


def test_the_top_bar_names_the_person_not_the_login(site, client):
    """Issue 12 item 7: the registry person's name, never the username."""
    site.cell_a1_member.first_name, site.cell_a1_member.last_name = "", ""
    site.cell_a1_member.save(update_fields=["first_name", "last_name"])
    body = home(client, site.cell_a1_member)
    who = re.search(r'<div class="who">.*?</strong>', body, re.S).group(0)
    assert site.member_a1.full_name in who
    assert "cell_a1_member" not in who


def test_committee_officer_sees_the_collective_reviews_of_their_own_unit(site, client):
    """S-13: the committee writes the review (Mẫu 01) of its party organization and its collectives; the
    line counts those of its own unit not yet submitted and opens the unit's page."""
    from xeploai.campaigns.models import Review, ReviewStatus, Subject

    label = "Kiểm điểm tập thể của cấp ủy, tổ chức đảng"
    own = Subject.objects.filter(campaign=site.campaign, org_path=site.district_a.path, review=True,
                                 subject_type__in=["ORGANIZATION", "COLLECTIVE"])  # fmt: skip
    assert own.exists()
    assert [i.count for i in _items(site.district_a_officer, label)] == [own.count()]
    body = home(client, site.district_a_officer)
    assert reverse("campaigns:organization", args=[site.campaign.pk, site.district_a.pk]) in body
    Review.objects.create(subject=own.first(), status=ReviewStatus.SUBMITTED)
    left = own.count() - 1
    assert [i.count for i in _items(site.district_a_officer, label)] == ([left] if left else [])


def test_a_committee_above_a_campaigns_root_is_led_to_the_root_not_to_its_own_unit(personas, client):
    """A campaign of one district seen from the province: the province's line opens the district's list in
    that campaign (its own organization is not in the campaign: that link answered 404)."""
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Rating, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.district_a)
    campaign_open(campaign=campaign)
    district = Subject.objects.get(campaign=campaign, organization=P.district_a, subject_type="ORGANIZATION")
    # the district's organization is decided by the province, one level above it
    Rating.objects.create(subject=district, stage="PROPOSED", level=2, based_on_version=1)
    province_sc = get_user_model().objects.create_user(username="province_sc", password="pw")
    RoleAssignment.objects.create(user=province_sc, role=Role.STANDING_COMMITTEE, organization=P.province)
    body = home(client, province_sc)
    (item,) = _items(province_sc, "Quyết định mức xếp loại")
    assert item.args[:2] == (campaign.pk, P.district_a.pk)
    wanted = reverse(item.route, args=item.args)
    assert wanted in body
    assert client.get(wanted).status_code == 200


def test_decisions_line_counts_only_what_the_committee_decides(site, client):
    """R-86: one level down at most: a cell's member proposed is the commune's decision (the cell is one
    level below it), not the district's (two levels below)."""
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Rating

    district_sc = get_user_model().objects.create_user(username="district_sc", password="pw")
    sc = Role.STANDING_COMMITTEE
    RoleAssignment.objects.create(user=district_sc, role=sc, organization=site.district_a)
    Rating.objects.create(subject=site.member, stage="PROPOSED", level=2, based_on_version=1)
    assert [i.count for i in _items(site.commune_sc, "Quyết định mức xếp loại")] == [1]
    assert _items(district_sc, "Quyết định mức xếp loại") == []
