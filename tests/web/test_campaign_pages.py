"""Campaign pages end to end through the test client: the scenario of issue 4 and the htmx fragment.

cell secretary and member write reviews → district officer proposes → Organization Commission appraises →
standing committee decides over quota, is stopped, then justifies → results published → member sees them.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

REPORT = {
    "strengths": "Tốt", "limitations": "Chưa đều", "causes": "Chủ quan", "responsibility": "Bí thư",
    "self_party_level": "3",
}  # fmt: skip
CELL_GRADES = {f"criterion_{c}": "2" for c in ("principles", "targets", "party_building", "responsibility")}
MEMBER_GRADES = {f"criterion_{c}": "3" for c in ("politics", "duties", "pledge")}


@pytest.fixture
def site(personas, client):
    from django.contrib.auth import get_user_model

    from xeploai.accounts.models import Role, RoleAssignment
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    P = personas
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=P.province)
    campaign_open(campaign=campaign)
    sc = get_user_model().objects.create_user(username="commune_sc", password="pw")
    RoleAssignment.objects.create(user=sc, role=Role.STANDING_COMMITTEE, organization=P.commune_a1)
    P.commune_sc = sc
    P.campaign = campaign
    P.cell = Subject.objects.get(campaign=campaign, organization=P.cell_a1)
    P.member = Subject.objects.get(campaign=campaign, person=P.member_a1, subject_type="PARTY_MEMBER")
    return P


def as_(client, user):
    client.force_login(user)
    return client


def version(subject):
    subject.refresh_from_db()
    return str(subject.state_version)


def test_scenario_reviews_proposal_appraisal_over_quota_publication(site, client):
    member_url = reverse("campaigns:subject", args=[site.member.pk])
    # The member's review is not open before the cell's report (S-13).
    page = as_(client, site.cell_a1_member).get(member_url)
    assert page.status_code == 200
    assert 'id="review-waiting"' in page.content.decode()
    # The cell secretary submits the cell's report, then the member submits.
    r = as_(client, site.cell_a1_secretary).post(
        reverse("campaigns:review_submit", args=[site.cell.pk]), {**REPORT, **CELL_GRADES}
    )
    assert r.status_code == 302
    r = as_(client, site.cell_a1_member).post(
        reverse("campaigns:review_submit", args=[site.member.pk]), {**REPORT, **MEMBER_GRADES}
    )
    assert r.status_code == 302
    # The district officer proposes HTXS, the Organization Commission appraises: over quota at
    # every stage, so each writes the justification the form asks for (issue 12).
    over = "Thành tích đột xuất trong năm."
    r = as_(client, site.district_a_officer).post(
        reverse("campaigns:propose", args=[site.member.pk]), {"level": "3", "version": version(site.member)}
    )
    assert r.status_code == 200  # refused without it
    assert "R-50" in r.content.decode()
    r = as_(client, site.district_a_officer).post(
        reverse("campaigns:propose", args=[site.member.pk]),
        {"level": "3", "version": version(site.member), "justification": over},
    )
    assert r.status_code == 302
    r = as_(client, site.province_officer).post(
        reverse("campaigns:appraise", args=[site.member.pk]),
        {"level": "3", "version": version(site.member), "justification": over},
    )
    assert r.status_code == 302
    # The standing committee decides HTXS: over quota, stopped without justification.
    decide = reverse("campaigns:decide", args=[site.member.pk])
    r = as_(client, site.commune_sc).post(decide, {"level": "3", "version": version(site.member)})
    assert r.status_code == 200
    assert "R-50" in r.content.decode()
    r = client.post(
        decide, {"level": "3", "version": version(site.member), "justification": "Thành tích nổi bật"}
    )
    assert r.status_code == 302
    # Before publication the member sees only the self rating.
    body = as_(client, site.cell_a1_member).get(member_url).content.decode()
    assert 'id="results-hidden"' in body
    assert 'data-stage="DECIDED"' not in body
    publish = reverse("campaigns:publish", args=[site.campaign.pk, site.commune_a1.pk])
    # Publication asks first: what will be published, for how many, and that it cannot be undone.
    page = as_(client, site.commune_sc).get(publish).content.decode()
    assert 'id="publish-summary"' in page
    assert "không thể hoàn tác" in page
    assert "Hoàn thành xuất sắc nhiệm vụ" in page
    r = client.post(publish)  # no confirmation: the same question again, nothing published
    assert r.status_code == 200
    assert 'id="btn-publish-confirm"' in r.content.decode()
    assert 'data-stage="PUBLISHED"' not in as_(client, site.cell_a1_member).get(member_url).content.decode()
    r = as_(client, site.commune_sc).post(publish, {"confirm": "yes"})
    assert r.status_code == 302
    published_page = reverse("reports:publication", args=[site.commune_a1.pk])
    assert r["Location"] == f"{published_page}?campaign={site.campaign.pk}"
    # The member's home links to the published result (issue 12 item 7).
    home = as_(client, site.cell_a1_member).get(reverse("web:home")).content.decode()
    assert "Kết quả xếp loại đã công bố" in home
    assert reverse("campaigns:subject", args=[site.member.pk]) in home
    body = as_(client, site.cell_a1_member).get(member_url).content.decode()
    assert 'data-stage="DECIDED"' in body
    assert 'data-stage="PUBLISHED"' in body
    assert 'id="appeal-form"' in body


def test_r_13_allowed_level_fragment_shows_the_cap_before_saving(site, client):
    from xeploai.campaigns.models import Subject
    from xeploai.registry.models import Person, StatusPeriod

    sick = Person.objects.create(code="P-SICK", full_name="Ngô Thị Ốm", party_organization=site.cell_a1,
                                 admitted_on=date(2010, 1, 1))  # fmt: skip
    StatusPeriod.objects.create(person=sick, kind="SICK_LEAVE", start=date(2023, 2, 1), end=date(2023, 5, 31))
    from xeploai.campaigns.opening import campaign_open

    campaign_open(campaign=site.campaign)
    s = Subject.objects.get(campaign=site.campaign, person=sick)
    url = reverse("campaigns:allowed_level", args=[s.pk])
    r = as_(client, site.cell_a1_secretary).get(
        url, {"stage": "PROPOSED", "level": "3"}, HTTP_HX_REQUEST="true"
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert 'data-max-level="1"' in body
    assert 'data-rule="R-13"' in body
    assert "Nghỉ ốm 120 ngày" in body
    assert "<html" not in body  # a fragment, swapped by htmx
    ok = client.get(url, {"stage": "PROPOSED", "level": "1"}).content.decode()
    assert 'class="blocking"' not in ok


def test_stale_version_refused_with_a_message(site, client):
    old = version(site.member)
    as_(client, site.district_a_officer).post(
        reverse("campaigns:propose", args=[site.member.pk]), {"level": "2", "version": old}
    )
    r = client.post(reverse("campaigns:propose", args=[site.member.pk]), {"level": "1", "version": old})
    assert r.status_code == 200
    assert "đã được người khác thay đổi" in r.content.decode()  # in words, no version numbers


def test_campaign_create_prefills_deadlines_then_edit_and_open(personas, client):
    from xeploai.audit.models import AuditEvent
    from xeploai.campaigns.models import Campaign

    c = as_(client, personas.province_officer)
    form = {"year": "2023", "ruleset": "kh181-2023", "root": personas.province.pk, "appeal_window_days": "20"}
    r = c.post(reverse("campaigns:create"), form)
    campaign = Campaign.objects.get()
    assert r.status_code == 302
    assert campaign.appeal_window_days == 20
    grassroots = campaign.deadlines.get(tier="GRASSROOTS")
    assert grassroots.due_on == date(2023, 10, 15)  # S-10
    page = c.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert f'name="deadline_{grassroots.pk}"' in page
    assert 'value="15/10/2023"' in page  # dates read and written as dd/mm/yyyy
    data = {f"deadline_{d.pk}": d.due_on.strftime("%d/%m/%Y") for d in campaign.deadlines.all()}
    data[f"deadline_{grassroots.pk}"] = "32/10/2023"
    r = c.post(reverse("campaigns:deadlines", args=[campaign.pk]), data, follow=True)
    assert "Ngày không hợp lệ ở dòng “Cấp cơ sở" in r.content.decode()  # the place is named
    grassroots.refresh_from_db()
    assert grassroots.due_on == date(2023, 10, 15)  # nothing written
    data[f"deadline_{grassroots.pk}"] = "20/10/2023"
    c.post(reverse("campaigns:deadlines", args=[campaign.pk]), data)
    grassroots.refresh_from_db()
    assert grassroots.due_on == date(2023, 10, 20)
    c.post(reverse("campaigns:open", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == "OPEN"
    assert campaign.subjects.exists()
    assert {"campaign.created", "campaign.deadline_changed", "campaign.opened"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_campaign_reference_date_is_read_as_day_month_year_and_shown_again(personas, client, language):
    from xeploai.campaigns.models import Campaign

    c = as_(client, personas.province_officer)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    form = {"year": "2023", "ruleset": "kh181-2023", "root": personas.province.pk, "appeal_window_days": "15"}
    r = c.post(reverse("campaigns:create"), {**form, "reference_date": "01/12/2023"})
    assert r.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.reference_date == date(2023, 12, 1)  # 1 December, not 12 January
    page = c.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert '<dd id="campaign-reference-date">01/12/2023</dd>' in page
    campaign.delete()
    r = c.post(reverse("campaigns:create"), {**form, "reference_date": "15/12/2023"})
    assert r.status_code == 302
    assert Campaign.objects.get().reference_date == date(2023, 12, 15)


def test_organization_page_lists_subjects_with_reasons_and_override(site, client):
    from xeploai.campaigns.models import Subject

    url = reverse("campaigns:organization", args=[site.campaign.pk, site.cell_a1.pk])
    body = as_(client, site.district_a_officer).get(url).content.decode()
    assert "Chi ủy Chi bộ ấp 1" in body
    assert "dưới 3" in body  # S-02: SMALL_COLLECTIVE explained
    r = client.post(
        reverse("campaigns:override", args=[site.member.pk]), {"override": "EXCLUDED", "reason": ""}
    )
    assert r.status_code == 302
    assert Subject.objects.get(pk=site.member.pk).override == ""
    client.post(
        reverse("campaigns:override", args=[site.member.pk]), {"override": "EXCLUDED", "reason": "Chuyển đi"}
    )
    assert Subject.objects.get(pk=site.member.pk).override == "EXCLUDED"


def test_dashboard_shows_late_units_in_red_with_days(site, client):
    url = reverse("campaigns:dashboard", args=[site.campaign.pk, site.commune_a1.pk])
    body = as_(client, site.district_a_officer).get(url).content.decode()
    assert 'class="late"' in body  # the grassroots deadline 15/10/2023 has passed, nothing reviewed
    assert "Chi bộ ấp 1" in body
    up = reverse("campaigns:dashboard", args=[site.campaign.pk, site.district_a.pk])
    assert up in body  # drill back up


def test_campaign_page_lists_the_users_top_units_and_those_directly_under_them(site, client):
    """The province's officer reads the province and its districts (the ~500 communes of a real province
    made the page 220 kB; they are reached from the progress page); a district's officer its district and
    communes, never another district."""

    def units(user):  # noqa: ANN001, ANN202
        page = as_(client, user).get(reverse("campaigns:detail", args=[site.campaign.pk])).content.decode()
        table = page.split('id="campaign-organizations"', 1)[1].split("</table>", 1)[0]
        return set(re.findall(r"<tr><td>([^<]+)</td>", table))

    province = units(site.province_officer)
    assert {site.province.name, site.district_a.name, site.district_b.name} <= province
    assert site.commune_a1.name not in province
    district = units(site.district_a_officer)
    assert {site.district_a.name, site.commune_a1.name} <= district
    assert site.district_b.name not in district
    assert site.province.name not in district
    assert units(site.cell_a1_member) == set()  # a party member may open none of the lists: no 403 links


def test_dashboard_links_up_only_to_a_unit_the_user_may_open(site, client):
    """A commune's standing committee reads its commune's progress without a link up to the district,
    which it may not open (the link answered 404); every campaign link it is offered there opens."""
    url = reverse("campaigns:dashboard", args=[site.campaign.pk, site.commune_a1.pk])
    body = as_(client, site.commune_sc).get(url).content.decode()
    assert "Chi bộ ấp 1" in body
    up = reverse("campaigns:dashboard", args=[site.campaign.pk, site.district_a.pk])
    assert up not in body
    assert client.get(up).status_code == 404
    offered = set(re.findall(r'href="(/dot-danh-gia/\d+/to-chuc/\d+/[^"?]*)"', body))
    assert offered
    assert {link: client.get(link).status_code for link in offered} == dict.fromkeys(offered, 200)


def test_evidence_is_served_only_to_those_who_see_the_subject(site, client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xeploai.campaigns.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    f = SimpleUploadedFile("nghi-quyet.pdf", b"%PDF", content_type="application/pdf")
    r = as_(client, site.cell_a1_secretary).post(
        reverse("campaigns:evidence_add", args=[site.cell.pk]), {"title": "Nghị quyết", "file": f}
    )
    assert r.status_code == 302
    ev = Evidence.objects.get()
    url = reverse("campaigns:evidence_file", args=[ev.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF"
    assert as_(client, site.district_b_officer).get(url).status_code == 404
