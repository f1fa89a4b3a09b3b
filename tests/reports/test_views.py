"""The statistics page and its downloads: the tables, the subtree restriction, the query count (R-95).

Until ``xeploai.web.urls`` includes ``xeploai.web.urls_reports`` at ``bao-cao/``, these tests use this
module as the URLconf (the project's URLs plus the report URLs).
"""

from __future__ import annotations

import io

import pytest
from django.urls import include, path

urlpatterns = [
    path("bao-cao/", include("xeploai.web.urls_reports")),
    path("", include("xeploai.urls")),
]


@pytest.fixture(autouse=True)
def _report_urls(settings):
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("reports:statistics")
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


def _get(client, user, **params):
    from django.urls import reverse

    client.force_login(user)
    return client.get(reverse("reports:statistics"), params)


@pytest.mark.django_db
def test_statistics_page_shows_the_tables_of_the_users_root(client, province_campaign):
    p = province_campaign
    response = _get(client, p.district_a_officer)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["org"] == p.district_a
    members = response.context["stats"].section("party_members").total
    assert members.total == 8
    assert "50,0 %" in html  # HTT of the members of Huyện A, Vietnamese decimal comma
    assert "Miễn công tác và sinh hoạt đảng" in html
    assert "Đảng bộ xã A1" in html  # the by-unit table lists the direct subordinates


@pytest.mark.django_db
def test_statistics_page_outside_the_subtree_is_404(client, province_campaign):
    p = province_campaign
    assert _get(client, p.district_b_officer, org=p.district_a.pk).status_code == 404
    assert _get(client, p.district_b_officer, org=p.district_b.pk).status_code == 200


@pytest.mark.django_db
def test_statistics_page_refuses_a_member_role(client, province_campaign):
    p = province_campaign
    assert _get(client, p.cell_a1_member, org=p.cell_a1.pk).status_code == 403


@pytest.mark.django_db
def test_statistics_page_needs_login(client, province_campaign):
    from django.urls import reverse

    response = client.get(reverse("reports:statistics"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_statistics_page_falls_back_to_a_campaign_covering_the_organization(client, province_campaign):
    from datetime import date

    from xeploai.campaigns.models import Campaign

    p = province_campaign
    other = Campaign.objects.create(year=2023, ruleset="kh181-2023", name="Huyện B", root=p.district_b,
                                    reference_date=date(2023, 12, 15))
    response = _get(client, p.province_officer, campaign=other.pk, org=p.district_a.pk)
    assert response.status_code == 200
    assert response.context["campaign"] == p.campaign
    assert [c.pk for c in response.context["campaigns"]] == [p.campaign.pk]


@pytest.mark.django_db
def test_statistics_page_query_count_does_not_grow_with_the_subtree(
    client, province_campaign, django_assert_num_queries
):
    from django.urls import reverse

    p = province_campaign
    client.force_login(p.province_officer)
    url = reverse("reports:statistics")
    # session, user, role assignments, organization, campaigns, statistics (2), picker (2), then the
    # session saved again (its idle expiry pushed forward: savepoint, UPDATE, release)
    with django_assert_num_queries(12):
        assert client.get(url, {"org": p.province.pk}).status_code == 200
    with django_assert_num_queries(12):
        assert client.get(url, {"org": p.cell_a1.pk}).status_code == 200


@pytest.mark.django_db
def test_xlsx_download(client, province_campaign, job_file):
    from django.urls import reverse
    from openpyxl import load_workbook

    p = province_campaign
    client.force_login(p.district_a_officer)
    response = job_file(client, client.post(f'{reverse("reports:statistics_xlsx")}?org={p.district_a.pk}'))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-2023-T.A.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book["02 Đảng viên"]["A1"].value == "ĐẢNG BỘ TỈNH THỬ NGHIỆM"
    other = client.post(f'{reverse("reports:statistics_xlsx")}?org={p.district_b.pk}')
    assert other.status_code == 404


@pytest.mark.django_db
def test_word_downloads(client, province_campaign, job_file):
    from django.urls import reverse
    from docx import Document

    p = province_campaign
    client.force_login(p.district_a_officer)
    for kind, title in (("bao-cao", "BÁO CÁO"), ("danh-sach", "DANH SÁCH")):
        url = f'{reverse("reports:document", args=[kind])}?org={p.district_a.pk}'
        response = job_file(client, client.post(url))
        assert response.status_code == 200
        assert title in [para.text for para in Document(io.BytesIO(response.content)).paragraphs]
    other = f'{reverse("reports:document", args=["khac"])}?org={p.district_a.pk}'
    assert client.post(other).status_code == 404
