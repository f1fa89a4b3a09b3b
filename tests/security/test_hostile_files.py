"""Hostile files: an upload size limit, workbooks that would exhaust memory, evidence of the wrong type.

Every hostile workbook is refused with a Vietnamese message naming the sheet, through the import page
(even as a dry run) and the ratings import, and nothing is written. The read runs in a child process
with a 1 GiB address-space limit to show that no file aborts the process.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
SHEET = "Ca_nhan"
# What each file is refused for (a fragment of the message).
REFUSALS = {
    "far_cell": "khai báo vùng dữ liệu XFD1048576",
    "far_cell_undeclared": "có dữ liệu đến dòng 1048576",
    "cell_at_cv200000": "có dữ liệu đến cột CV",
    "huge_string_300mb": "nén bất thường",
    "zip_bomb_64mb": "nén bất thường",
    "long_inline_cell": "ô B2: nội dung dài hơn 32767 ký tự",
    "long_shared_cell": "ô C3: nội dung dài hơn 32767 ký tự",
    "cells_without_references": "có dữ liệu đến cột AK",  # Ca_nhan has 16 columns now
}


def test_the_far_cell_file_is_the_small_one_of_the_issue(hostile_path):
    assert hostile_path("far_cell").stat().st_size < 2048


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_the_reader_refuses_each_hostile_workbook_naming_the_sheet(name, hostile_path):
    from xeploai.registry.workbook.importer import schema_columns
    from xeploai.registry.workbook.read import WorkbookFileError, read_workbook

    with pytest.raises(WorkbookFileError) as refused:
        read_workbook(hostile_path(name), columns_for=schema_columns)
    assert refused.value.sheet == SHEET
    assert f'Sheet "{SHEET}"' in refused.value.message
    assert REFUSALS[name] in refused.value.message


CHILD = """
import json, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import django
django.setup()
from xeploai.registry.workbook.importer import schema_columns
from xeploai.registry.workbook.read import WorkbookFileError, read_workbook
try:
    sheets = read_workbook(sys.argv[1], columns_for=schema_columns)
    print(json.dumps({"read": [s.name for s in sheets if s.read]}))
except WorkbookFileError as exc:
    print(json.dumps({"refused": exc.message, "sheet": exc.sheet}))
"""


@pytest.mark.parametrize("name", ["far_cell", "far_cell_undeclared", "cell_at_cv200000", "huge_string_300mb"])
def test_no_hostile_workbook_aborts_a_process_limited_to_1_gib(name, hostile_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DJANGO_SETTINGS_MODULE": "xeploai.settings_test"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(hostile_path(name)), str(1024**3)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["sheet"] == SHEET
    assert REFUSALS[name] in answer["refused"]


def test_an_ordinary_workbook_is_still_read(tmp_path):
    import xlsxwriter

    from xeploai.registry.workbook.importer import schema_columns
    from xeploai.registry.workbook.read import read_workbook

    path = tmp_path / "ok.xlsx"
    book = xlsxwriter.Workbook(path)
    book.add_worksheet("Huong_dan").write(0, 0, "chỉ dẫn, không đọc")
    ws = book.add_worksheet(SHEET)
    ws.write_row(0, 0, ["Mã cá nhân", "Họ và tên"])
    ws.write_row(1, 0, ["P1", "Nguyễn Văn A"])
    ws.write_blank(500, 60, None, book.add_format({"bold": True}))  # formatting far out is no value
    book.close()
    instructions, sheet = read_workbook(path, columns_for=schema_columns)
    assert (instructions.name, instructions.read, instructions.header) == ("Huong_dan", False, [])
    assert (sheet.name, sheet.header[:2], sheet.rows[0][:2]) == (
        SHEET,
        ["Mã cá nhân", "Họ và tên"],
        ["P1", "Nguyễn Văn A"],
    )


def _counts() -> tuple[int, ...]:
    from xeploai.audit.models import AuditEvent
    from xeploai.registry.models import Organization, Person

    # A large file is imported by a job, whose request is audited ("job.started"); nothing else may be.
    events = AuditEvent.objects.exclude(action="job.started")
    return Organization.objects.count(), Person.objects.count(), events.count()


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_the_import_page_refuses_each_hostile_workbook_and_writes_nothing(
    name, dry_run, hostile_path, personas, client
):
    client.force_login(personas.superuser)  # a login is an audit event of its own: count after it
    before = _counts()
    upload = SimpleUploadedFile("tep.xlsx", hostile_path(name).read_bytes())
    data = {"file": upload, **({"dry_run": "1"} if dry_run else {})}
    response = client.post(reverse("workbook:upload"), data, follow=True)  # a large one: through its job
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<td>{SHEET}</td>" in page
    assert REFUSALS[name] in page.replace("&quot;", '"')
    assert _counts() == before


@pytest.mark.django_db
def test_the_ratings_import_goes_through_the_same_guard(hostile_path, personas):
    from xeploai.campaigns.models import Rating
    from xeploai.campaigns.opening import campaign_create, campaign_open
    from xeploai.campaigns.rating_import import ratings_import

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    campaign.refresh_from_db()
    result = ratings_import(campaign=campaign, path_or_file=hostile_path("far_cell_undeclared"))
    [error] = result.errors
    assert error.sheet == SHEET
    assert "có dữ liệu đến dòng 1048576" in error.message
    assert not Rating.objects.exists()


# --- the upload size limit ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_over_the_upload_limit_gets_the_vietnamese_413_page(personas, client, settings):
    settings.XEPLOAI_UPLOAD_MAX_MB = 1
    client.force_login(personas.superuser)  # a login is an audit event of its own: count after it
    before = _counts()
    upload = SimpleUploadedFile("lon.xlsx", b"PK" + b"\0" * (2 * 1024 * 1024))
    response = client.post(reverse("workbook:upload"), {"file": upload, "dry_run": "1"})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Tệp quá lớn" in page
    assert "giới hạn 1 MB" in page
    assert _counts() == before


@pytest.mark.django_db
def test_a_request_under_the_limit_reaches_the_form(personas, client, settings):
    settings.XEPLOAI_UPLOAD_MAX_MB = 1
    client.force_login(personas.superuser)
    upload = SimpleUploadedFile("nho.xlsx", b"not a workbook")
    response = client.post(reverse("workbook:upload"), {"file": upload, "dry_run": "1"})
    assert response.status_code == 200
    assert "Tối đa 1 MB" in response.content.decode()
    assert "không phải là sổ tính Excel" in response.content.decode()


# --- evidence -------------------------------------------------------------------------------------


@pytest.fixture
def cell_subject(personas):
    from xeploai.campaigns.models import Subject
    from xeploai.campaigns.opening import campaign_create, campaign_open

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    return Subject.objects.get(campaign=campaign, organization=personas.cell_a1)


def _docx_bytes() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00 an executable renamed", "không phải là tệp PDF"),
        ("anh.png", b"<html><script>alert(1)</script></html>", "không phải là tệp PNG"),
        ("bien-ban.docx", b"%PDF-1.4 a pdf renamed", "không phải là tệp DOCX"),
        ("bang.xlsx", _docx_bytes(), "không phải là tệp XLSX"),
        ("macro.docm", _docx_bytes(), "không thuộc loại được nhận"),
        ("cu.doc", b"\xd0\xcf\x11\xe0 an old Word file", "không thuộc loại được nhận"),
    ],
)
def test_evidence_of_the_wrong_type_is_refused_and_nothing_is_stored(
    filename, content, message, cell_subject, personas, client, settings, tmp_path
):
    from xeploai.campaigns.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.cell_a1_secretary)
    upload = SimpleUploadedFile(filename, content)
    response = client.post(
        reverse("campaigns:evidence_add", args=[cell_subject.pk]), {"title": "Minh chứng", "file": upload}
    )
    assert message in response.content.decode()
    assert not Evidence.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content"),
    [("a.pdf", b"%PDF-1.7\n"), ("a.png", b"\x89PNG\r\n\x1a\n...."), ("a.jpg", b"\xff\xd8\xff\xe0..."),
     ("a.docx", _docx_bytes())],
)  # fmt: skip
def test_evidence_of_the_type_its_name_says_is_stored(
    filename, content, cell_subject, personas, client, settings, tmp_path
):
    from xeploai.campaigns.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.cell_a1_secretary)
    upload = SimpleUploadedFile(filename, content)
    response = client.post(
        reverse("campaigns:evidence_add", args=[cell_subject.pk]), {"title": "Minh chứng", "file": upload}
    )
    assert response.status_code == 302
    assert Evidence.objects.get().file.read() == content


@pytest.mark.django_db
def test_evidence_over_its_size_limit_is_refused(
    cell_subject, personas, client, settings, tmp_path, monkeypatch
):
    from xeploai.campaigns import reviews
    from xeploai.campaigns.models import Evidence

    monkeypatch.setattr(reviews, "EVIDENCE_MAX_BYTES", 1024)
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.cell_a1_secretary)
    upload = SimpleUploadedFile("lon.pdf", b"%PDF" + b"x" * 2048)
    response = client.post(
        reverse("campaigns:evidence_add", args=[cell_subject.pk]), {"title": "Minh chứng", "file": upload}
    )
    assert "lớn hơn" in response.content.decode()
    assert not Evidence.objects.exists()
