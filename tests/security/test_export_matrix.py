"""Every export and download × every role, inside and outside its subtree: the status, the fields that
leave the server and the audit event (conventions.md §4.1: least privilege down the tree, identity
numbers, health and discipline are personal data; docs/adr/0004-personal-data-policy.md).

The place is the personas' province (tests/conftest.py). "Inside" roles are held at district_a, except
the cell secretary and the member (cell_a1, the member naming Lê Thị Cúc) and the standing committee
(commune_a1); "outside" roles at district_b / cell_b1. Reports are asked for cell_a1; the evidence file
is Lê Thị Cúc's; the report submission is district_a's, sent to the province.

Fields: Đặng Văn Ân (cell_a2, working at district A's people's committee) has a full citizen ID, a party
card, a birth date, a sick-leave note and a discipline note; Lê Thị Cúc (cell_a1) has a full citizen ID.
Whatever a role downloads, a full 12-digit citizen ID reaches it only where the policy shows it in full
(superuser, ADMIN, ORG_COMMISSION), and never one of district A's outside district A.

The lists' "export what I see" (web/listing.py) are asked for commune A1 (its subjects, progress and
comparison; the cell secretary and the member of cell A1 see no list of the commune: 404), for the
questions the user may read and for a search ("van") among the people the user may see.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ("ADMIN", "ORG_COMMISSION", "COMMITTEE_OFFICER", "CELL_SECRETARY", "SUPERVISOR", "ADVISORY_AGENCY",
         "STANDING_COMMITTEE", "MEMBER")  # fmt: skip
COLUMNS = ("anon", "root", *[f"in:{r}" for r in ROLES], *[f"out:{r}" for r in ROLES])

# download           method anon root | inside: ADM ORG COM SEC SUP ADV STC MEM | outside: the same roles
MATRIX = """
registry_export      POST   302  200    200 200 200 200 200 200 200 403    200 200 200 200 200 200 200 403
workbook_template    GET    302  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
statistics_xlsx      POST   302  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
summary_docx         POST   302  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
decided_list_docx    POST   302  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
documents_zip        POST   302  200    200 200 200 200 200 200 200 403    404 404 404 404 404 404 404 404
evidence_file        GET    302  200    200 200 200 200 200 200 200 200    404 404 404 404 404 404 404 404
submission_file      GET    302  200    200 200 200 404 200 200 404 404    404 404 404 404 404 404 404 404
subjects_xlsx        GET    302  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
progress_xlsx        GET    302  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
comparison_xlsx      GET    302  200    200 200 200 404 200 200 200 404    404 404 404 404 404 404 404 404
questions_xlsx       GET    302  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
search_xlsx          GET    302  200    200 200 200 200 200 200 200 200    200 200 200 200 200 200 200 200
"""
# Who sees a citizen ID / party card in full inside district A (the others see the last four digits).
FULL_IDS = {"root", "in:ADMIN", "in:ORG_COMMISSION"}
# Who sees the birth date and the notes of statuses and discipline in full (masked: the year, no note).
MASKED_DETAILS = {"in:SUPERVISOR", "in:ADVISORY_AGENCY", "in:STANDING_COMMITTEE"}
AUDITED = {
    "registry_export": "registry.exported", "statistics_xlsx": "report.downloaded",
    "summary_docx": "report.downloaded", "decided_list_docx": "report.downloaded",
    "documents_zip": "report.downloaded", "evidence_file": "evidence.downloaded",
    "submission_file": "report.downloaded", "subjects_xlsx": "list.exported",
    "progress_xlsx": "list.exported", "comparison_xlsx": "list.exported", "questions_xlsx": "list.exported",
    "search_xlsx": "list.exported",
}
CCCD_A2, CCCD_A1, CARD_A2 = "087090001234", "087190004321", "08701234567"
SICK_NOTE, DISCIPLINE_NOTE = "Điều trị bệnh mạn tính", "Vi phạm quy định về đất đai"
TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")


def _cases():
    for line in MATRIX.strip().splitlines():
        name, method, *codes = line.split()
        assert len(codes) == len(COLUMNS), name
        for column, code in zip(COLUMNS, codes, strict=True):
            yield pytest.param(name, method, column, int(code), id=f"{name}-{column}")


@pytest.fixture
def world(personas, settings, tmp_path):
    from django.core.files.base import ContentFile

    from xeploai.campaigns.models import Evidence, Review, Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.registry.models import Discipline, StatusPeriod
    from xeploai.reports.submissions import report_submit

    settings.MEDIA_ROOT = tmp_path
    p = personas
    p.member_a2.party_card_number = CARD_A2
    p.member_a2.save()
    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=p.province)
    campaign_open(campaign=campaign)
    StatusPeriod.objects.create(person=p.member_a2, kind="SICK_LEAVE", start=dt.date(2023, 2, 1),
                                end=dt.date(2023, 9, 1), note=SICK_NOTE)
    Discipline.objects.create(person=p.member_a2, form="REPRIMAND", side="PARTY",
                              decided_on=dt.date(2022, 5, 4), violation_year=2022, note=DISCIPLINE_NOTE)
    member = Subject.objects.get(campaign=campaign, person=p.member_a1, subject_type="PARTY_MEMBER")
    review = Review.objects.create(subject=member, author=p.cell_a1_member)
    evidence = Evidence(review=review, title="Giấy khen", content_type="application/pdf", size=18,
                        uploaded_by=p.cell_a1_member)
    evidence.file.save("giay-khen.pdf", ContentFile(b"%PDF-1.4 giay khen"), save=False)
    evidence.save()
    submission = report_submit(campaign=campaign, organization=p.district_a, by=p.district_a_officer,
                               on=dt.date(2023, 11, 20))
    return p, campaign, evidence, submission




# Made in the background (issue 12 item 5): the POST queues a job (run at once by the test settings) and
# the file is downloaded from the job; starting it is an audit event of its own, before the download's.
JOBS = {"registry_export", "statistics_xlsx", "summary_docx", "decided_list_docx", "documents_zip"}


def _request(client, name, world, job_file):
    p, campaign, evidence, submission = world
    report = f"?org={p.cell_a1.pk}&campaign={campaign.pk}"
    if name == "registry_export":
        return job_file(client, client.post(reverse("workbook:export")))
    if name == "workbook_template":
        return client.get(reverse("workbook:template"))
    if name == "statistics_xlsx":
        return job_file(client, client.post(reverse("reports:statistics_xlsx") + report))
    if name in ("summary_docx", "decided_list_docx"):
        kind = "bao-cao" if name == "summary_docx" else "danh-sach"
        return job_file(client, client.post(reverse("reports:document", args=[kind]) + report))
    if name == "documents_zip":
        return job_file(client, client.post(reverse("reports:documents_zip") + report))
    if name == "subjects_xlsx":  # "export what I see" of the lists (web/listing.py)
        url = reverse("campaigns:organization", args=[campaign.pk, p.commune_a1.pk])
        return client.get(url, {"xuat": "xlsx"})
    if name == "progress_xlsx":
        url = reverse("campaigns:dashboard", args=[campaign.pk, p.commune_a1.pk])
        return client.get(url, {"xuat": "xlsx"})
    if name == "comparison_xlsx":
        params = {"campaign": campaign.pk, "org": p.commune_a1.pk, "xuat": "xlsx"}
        return client.get(reverse("reports:comparison"), params)
    if name == "questions_xlsx":
        return client.get(reverse("questions:list"), {"xuat": "xlsx"})
    if name == "search_xlsx":
        return client.get(reverse("web:search"), {"q": "van", "xuat": "xlsx"})
    if name == "evidence_file":
        return client.get(reverse("campaigns:evidence_file", args=[evidence.pk]))
    return client.get(reverse("submissions:file", args=[submission.pk, "bao-cao"]))


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _text(data: bytes) -> str:
    """Every value a user can read in the file: cells of a workbook, text of a document, or the bytes."""
    from python_calamine import CalamineWorkbook

    if not data.startswith(b"PK"):
        return data.decode("utf-8", "replace")
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    if "xl/workbook.xml" in names:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return "\n".join(
            "\t".join(str(v) for v in row)
            for sheet in book.sheet_names for row in book.get_sheet_by_name(sheet).to_python()
        )
    if "word/document.xml" in names:
        return re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode())
    return "\n".join(_text(archive.read(n)) for n in names if n.endswith((".docx", ".xlsx", ".csv")))


def _example_citizen_id() -> str:
    from xeploai.registry.workbook.schema import PEOPLE

    return next(c.example for c in PEOPLE.columns if c.header == "Số CCCD")


@pytest.mark.parametrize(("name", "method", "column", "expected"), list(_cases()))
def test_export_matrix(world, client, column_user, job_file, name, method, column, expected):
    from xeploai.audit.models import AuditEvent

    user = column_user(column)
    if user is not None:
        client.force_login(user)
    before = AuditEvent.objects.count()
    response = _request(client, name, world, job_file)
    assert response.status_code == expected
    if expected != 200:
        assert AuditEvent.objects.count() == before
        return
    text = _text(_body(response)).replace(_example_citizen_id(), "")  # the instructions' made-up example
    if column not in FULL_IDS:
        assert not TWELVE_DIGITS.search(text), "a full citizen ID leaked"
        assert CARD_A2 not in text
    if column.startswith("out:"):
        assert CCCD_A2 not in text
        assert CCCD_A1 not in text
        assert "Đặng Văn Ân" not in text
    if column in MASKED_DETAILS:
        assert "02/03/1990" not in text
        assert "1990-03-02" not in text
        assert SICK_NOTE not in text
        assert DISCIPLINE_NOTE not in text
    if name in AUDITED:
        event = AuditEvent.objects.order_by("-seq").first()
        started = AuditEvent.objects.filter(action="job.started", actor=user).count() if name in JOBS else 0
        assert started == (1 if name in JOBS else 0)
        assert AuditEvent.objects.count() == before + 1 + started
        assert (event.action, event.actor_id) == (AUDITED[name], user.pk)
        assert isinstance(event.after["rows"], int)


@pytest.mark.parametrize("column", ["root", "in:ADMIN", "in:ORG_COMMISSION", "in:COMMITTEE_OFFICER",
                                    "in:SUPERVISOR", "in:CELL_SECRETARY"])
def test_registry_export_fields_by_role(world, client, column_user, job_file, column):
    """conventions.md §4.1: what each role's registry export holds of Đặng Văn Ân and Lê Thị Cúc."""
    client.force_login(column_user(column))
    text = _text(_body(job_file(client, client.post(reverse("workbook:export")))))
    if column == "in:CELL_SECRETARY":  # cell_a1 only: Lê Thị Cúc, masked; Đặng Văn Ân not at all
        assert "••••••••4321" in text
        assert CCCD_A1 not in text
        assert "Đặng Văn Ân" not in text
        return
    assert "Đặng Văn Ân" in text
    if column in FULL_IDS:
        assert CCCD_A2 in text
        assert CCCD_A1 in text
        assert CARD_A2 in text
    else:
        assert "••••••••1234" in text
        assert "•••••••4567" in text
    if column in MASKED_DETAILS:
        assert "\t1990\t" in text  # the year of birth only
    else:
        assert "1990-03-02" in text
        assert SICK_NOTE in text
        assert DISCIPLINE_NOTE in text


def test_documents_zip_self_review_birth_date_follows_the_policy(world, client, column_user, job_file):
    """conventions.md §4.1: the self-review in the zip prints the birth date as the reader may see it."""
    p, campaign, _evidence, _submission = world
    for column, expected in (("in:COMMITTEE_OFFICER", "02/03/1990"), ("in:SUPERVISOR", "1990")):
        client.force_login(column_user(column))
        params = f"?org={p.cell_a2.pk}&campaign={campaign.pk}"
        response = job_file(client, client.post(reverse("reports:documents_zip") + params))
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        review = next(n for n in archive.namelist() if n.endswith("P-MEM-A2.docx"))
        text = _text(archive.read(review))
        assert f"Ngày sinh: {expected}Chức vụ Đảng" in text
