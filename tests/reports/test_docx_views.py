"""All Word documents of a subtree from the statistics page, as one zip (issue 5 item 2; R-95), made in the
background (issue 12 item 5): the button queues a job, its page offers the file.

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


def _start(client, user, org):
    from django.urls import reverse

    client.force_login(user)
    return client.post(f"{reverse('reports:documents_zip')}?org={org.pk}")


@pytest.mark.django_db
def test_documents_zip_of_a_commune(client, province_campaign, job_file):
    from docx import Document

    p = province_campaign
    response = job_file(client, _start(client, p.district_a_officer, p.commune_a1))
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
    from xeploai.jobs.models import Job

    p = province_campaign
    assert _start(client, p.district_b_officer, p.commune_a1).status_code == 404
    assert _start(client, p.cell_a1_member, p.cell_a1).status_code == 403
    assert not Job.objects.exists()  # nothing queued for a refused request


@pytest.mark.django_db
def test_documents_zip_of_the_whole_province_has_no_size_limit(client, province_campaign, job_file):
    """The district zip used to be refused with a bare 413 above 2,000 documents; as a job it has no limit."""
    p = province_campaign
    response = job_file(client, _start(client, p.province_officer, p.province))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert {"ca-nhan/T.A.X1.C1/P-SEC-A1.docx", "ca-nhan/T.B.C1/P-TEA-B1.docx"} <= set(zf.namelist())


@pytest.mark.django_db
def test_statistics_page_offers_the_zip_as_a_button(client, province_campaign):
    from django.urls import reverse

    p = province_campaign
    client.force_login(p.district_a_officer)
    html = client.get(reverse("reports:statistics"), {"org": p.commune_a1.pk}).content.decode()
    query = f"campaign={p.campaign.pk}&amp;org={p.commune_a1.pk}&amp;stage=DECIDED"
    action = f'{reverse("reports:documents_zip")}?{query}'
    assert f'<form method="post" action="{action}"' in html
    assert "Tất cả văn bản (zip)" in html
