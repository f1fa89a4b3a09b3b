"""Reports sent upward (S-10): submit, inbox scoping, return with comments (history kept), accept, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _submit(p, org, user, **kw):
    from xeploai.reports.submissions import report_submit

    return report_submit(campaign=p.campaign, organization=org, by=user, on=dt.date(2023, 11, 20), **kw)


@pytest.mark.django_db
def test_s10_committee_officer_submits_the_generated_documents(province_campaign):
    import io

    import openpyxl
    from docx import Document

    from xeploai.audit.models import AuditEvent

    p = province_campaign
    sub = _submit(p, p.district_a, p.district_a_officer, note="Kèm theo biểu thống kê")
    assert (sub.status, sub.revision, sub.recipient) == ("SUBMITTED", 1, p.province)
    text = "\n".join(par.text for par in Document(sub.summary_document.open("rb")).paragraphs)
    assert "Đảng bộ huyện A" in text
    book = openpyxl.load_workbook(io.BytesIO(sub.statistics_workbook.open("rb").read()))
    assert len(book.sheetnames) >= 5
    event = AuditEvent.objects.get(action="report.submitted")
    assert event.object_id == str(sub.pk)
    assert event.org_path == p.district_a.path


@pytest.mark.django_db
def test_s10_only_the_committees_officers_submit(province_campaign):
    p = province_campaign
    with pytest.raises(PermissionDenied):
        _submit(p, p.cell_a1, p.cell_a1_member)  # a MEMBER
    with pytest.raises(PermissionDenied):
        _submit(p, p.commune_a1, p.district_a_officer)  # an officer of the district, not of the commune
    with pytest.raises(PermissionDenied):
        _submit(p, p.district_a, p.district_b_officer)  # another district
    with pytest.raises(PermissionDenied):
        _submit(p, p.district_a, p.province_officer)  # the superior does not submit for its subordinate
    assert _submit(p, p.cell_a1, p.cell_a1_secretary).recipient == p.commune_a1
    with pytest.raises(ValidationError, match="không có cấp ủy cấp trên"):
        _submit(p, p.province, p.superuser)


@pytest.mark.django_db
def test_s10_inbox_is_scoped_to_the_superior_side(province_campaign):
    from xeploai.reports.submissions import inbox_for

    p = province_campaign
    district = _submit(p, p.district_a, p.district_a_officer)
    cell = _submit(p, p.cell_a1, p.cell_a1_secretary)
    assert set(inbox_for(p.province_officer)) == {district, cell}
    assert set(inbox_for(p.district_a_officer)) == {cell}  # not its own report
    assert set(inbox_for(p.district_b_officer)) == set()
    assert set(inbox_for(p.cell_a1_secretary)) == set()


@pytest.mark.django_db
def test_s10_return_with_comments_keeps_history_and_resubmission_is_a_new_revision(province_campaign):
    from xeploai.audit.models import AuditEvent
    from xeploai.reports.submissions import report_accept, report_return, submissions_of

    p = province_campaign
    first = _submit(p, p.district_a, p.district_a_officer)
    with pytest.raises(ValidationError, match="đang chờ"):
        _submit(p, p.district_a, p.district_a_officer)
    with pytest.raises(PermissionDenied):
        report_return(submission=first, by=p.district_a_officer, comment="Tự trả lại")
    with pytest.raises(ValidationError, match="ghi rõ ý kiến"):
        report_return(submission=first, by=p.province_officer, comment="  ")
    report_return(submission=first, by=p.province_officer, comment="Bổ sung số liệu chi bộ ấp 2.")
    second = _submit(p, p.district_a, p.district_a_officer)
    history = submissions_of(campaign=p.campaign, organization=p.district_a)
    assert [(s.revision, s.status, s.review_comment) for s in history] == [
        (1, "RETURNED", "Bổ sung số liệu chi bộ ấp 2."), (2, "SUBMITTED", ""),
    ]
    report_accept(submission=second, by=p.province_officer)
    with pytest.raises(ValidationError, match="không còn chờ"):
        report_return(submission=second, by=p.province_officer, comment="Muộn")
    with pytest.raises(ValidationError, match="đã được cấp trên tiếp nhận"):
        _submit(p, p.district_a, p.district_a_officer)
    events = AuditEvent.objects.filter(action__startswith="report.").order_by("seq")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["report.submitted", "report.returned", "report.submitted", "report.accepted"]


@pytest.mark.django_db
def test_s10_submission_dates_count_the_first_pending_or_accepted_revision(province_campaign):
    from xeploai.campaigns.models import Deadline, DeadlineKind
    from xeploai.reports.models import ReportSubmission
    from xeploai.reports.submissions import report_return, submission_dates

    p = province_campaign
    Deadline.objects.create(campaign=p.campaign, tier="DISTRICT", kind=DeadlineKind.REVIEW_AND_REPORT,
                            due_on=dt.date(2023, 11, 30))
    Deadline.objects.create(campaign=p.campaign, tier="GRASSROOTS", kind=DeadlineKind.REVIEW_AND_REPORT,
                            due_on=dt.date(2023, 10, 15))
    tz = dt.timezone(dt.timedelta(hours=7))
    first = _submit(p, p.district_a, p.district_a_officer)
    ReportSubmission.objects.filter(pk=first.pk).update(submitted_at=dt.datetime(2023, 11, 25, 9, tzinfo=tz))
    report_return(submission=first, by=p.province_officer, comment="Thiếu biểu")
    second = _submit(p, p.district_a, p.district_a_officer)
    ReportSubmission.objects.filter(pk=second.pk).update(submitted_at=dt.datetime(2023, 12, 5, 9, tzinfo=tz))
    rows = {r.name: r for r in submission_dates(p.campaign, p.province, on=dt.date(2023, 12, 10))}
    a = rows["Đảng bộ huyện A"]
    assert (a.submitted_on, a.due_on, a.days_late, a.status, a.revisions) == (
        dt.date(2023, 12, 5), dt.date(2023, 11, 30), 5, "SUBMITTED", 2
    )
    b = rows["Đảng bộ huyện B"]
    assert (b.submitted_on, b.days_late) == (None, 10)  # nothing sent: counted to the given day
    assert rows["Chi bộ Trường Tiểu học B"].days_late == (dt.date(2023, 12, 10) - dt.date(2023, 10, 15)).days
    assert "Đảng bộ tỉnh Thử Nghiệm" not in rows  # the root reports above the system


@pytest.mark.django_db
def test_s10_pages_submit_inbox_return(client, province_campaign):
    from django.urls import reverse

    from xeploai.reports.models import ReportSubmission

    p = province_campaign
    client.force_login(p.district_a_officer)
    page = client.get(reverse("submissions:home"), {"org": p.district_a.pk})
    assert page.status_code == 200
    assert "Gửi báo cáo lên cấp trên" in page.content.decode()
    response = client.post(reverse("submissions:create"),
                           {"org": p.district_a.pk, "campaign": p.campaign.pk, "note": "Kính gửi"})
    assert response.status_code == 302
    sub = ReportSubmission.objects.get()
    detail = reverse("submissions:detail", args=[sub.pk])
    # The sender reads it but has no return/accept buttons; posting anyway is refused.
    assert "Trả lại để hoàn thiện" not in client.get(detail).content.decode()
    refused = client.post(reverse("submissions:return", args=[sub.pk]), {"comment": "x"})
    assert refused.status_code == 403
    # Outside the subtree: 404 for the submission, its files and the actions.
    client.force_login(p.district_b_officer)
    assert client.get(detail).status_code == 404
    assert client.get(reverse("submissions:file", args=[sub.pk, "bao-cao"])).status_code == 404
    assert client.post(reverse("submissions:accept", args=[sub.pk])).status_code == 404
    assert "Đảng bộ huyện A" not in client.get(reverse("submissions:inbox")).content.decode()
    # The superior: inbox, file, return with a comment shown in the history.
    client.force_login(p.province_officer)
    assert "Đảng bộ huyện A" in client.get(reverse("submissions:inbox")).content.decode()
    file = client.get(reverse("submissions:file", args=[sub.pk, "thong-ke"]))
    assert file.status_code == 200
    assert b"".join(file.streaming_content)[:2] == b"PK"
    client.post(reverse("submissions:return", args=[sub.pk]), {"comment": "Bổ sung phụ lục"})
    html = client.get(detail).content.decode()
    assert "Bổ sung phụ lục" in html
    assert 'data-status="RETURNED"' in html
