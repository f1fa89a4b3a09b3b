"""All Word documents of a subtree from the statistics page, as one zip (issue 5 item 2; R-95).

Same access as the other report downloads: outside the user's subtree → 404, a MEMBER role → 403.
"""

from __future__ import annotations

import io
import zipfile

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
        reverse("reports:documents_zip")
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


def _zip(client, user, org):
    from django.urls import reverse

    client.force_login(user)
    return client.get(reverse("reports:documents_zip"), {"org": org.pk})


@pytest.mark.django_db
def test_documents_zip_of_a_commune(client, province_campaign):
    from docx import Document

    p = province_campaign
    response = _zip(client, p.district_a_officer, p.commune_a1)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="van-ban-2023-T.A.X1.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert {"00-bao-cao-tong-hop.docx", "01-danh-sach-xep-loai.docx", "tap-the/COL-A1.docx",
                "ca-nhan/T.A.X1.C1/P-SEC-A1.docx"} <= set(names)
        assert not [n for n in names if "T.B" in n]  # nothing of Huyện B
        review = Document(io.BytesIO(zf.read("ca-nhan/T.A.X1.C1/P-SEC-A1.docx")))
        assert "BẢN KIỂM ĐIỂM CÁ NHÂN" in [para.text for para in review.paragraphs]


@pytest.mark.django_db
def test_documents_zip_outside_the_subtree_or_for_a_member(client, province_campaign):
    p = province_campaign
    assert _zip(client, p.district_b_officer, p.commune_a1).status_code == 404
    assert _zip(client, p.cell_a1_member, p.cell_a1).status_code == 403


@pytest.mark.django_db
def test_documents_zip_refuses_a_subtree_too_large_for_one_request(client, province_campaign, monkeypatch):
    from xeploai.web.views import reports

    monkeypatch.setattr(reports, "ZIP_MAX_DOCUMENTS", 3)
    response = _zip(client, province_campaign.district_a_officer, province_campaign.commune_a1)
    assert response.status_code == 413
    text = response.content.decode()
    assert "Đảng bộ xã A1 có 12 văn bản, quá 3 văn bản cho một lần tải" in text
    assert "export_documents" in text


@pytest.mark.django_db
def test_statistics_page_links_the_zip(client, province_campaign):
    from django.urls import reverse

    p = province_campaign
    client.force_login(p.district_a_officer)
    html = client.get(reverse("reports:statistics"), {"org": p.commune_a1.pk}).content.decode()
    assert f'{reverse("reports:documents_zip")}?campaign={p.campaign.pk}&amp;org={p.commune_a1.pk}' in html
    assert "Tất cả văn bản (zip)" in html
