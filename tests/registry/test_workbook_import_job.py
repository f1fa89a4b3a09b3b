"""A large registry workbook is imported by a job (issue 12 item 5): the upload answers with the progress
page, the worker validates and writes it in one transaction, and the result page shows the counts, or the
errors by sheet, row and column with nothing written. A file under the threshold stays in the request."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.registry.models import Organization, Person
from xeploai.registry.workbook import import_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def importer(make_workbook, headers, settings, tmp_path):
    """An Organization Commission officer of the province (the root exists), files over 1 KB in a job."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.XEPLOAI_IMPORT_INLINE_MAX_KB = 1
    root = make_workbook(
        {
            "To_chuc": [headers["To_chuc"], ["DB_TINH", "Đảng bộ tỉnh", "Đảng bộ tỉnh", "Cấp tỉnh"]],
            "Ca_nhan": [headers["Ca_nhan"]],
        }
    )
    assert import_workbook(path_or_file=root).ok
    user = get_user_model().objects.create_user(username="bantochuc", password="x")
    RoleAssignment.objects.create(
        user=user, role=Role.ORG_COMMISSION, organization=Organization.objects.get(code="DB_TINH")
    )
    return user


@pytest.fixture
def queued(settings, monkeypatch):
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.XEPLOAI_JOBS_BACKEND = "database"
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)  # see tests/jobs/test_jobs.py

    def run_worker() -> None:
        call_command(
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
            "--backend",
            "database",
        )

    return run_worker


def _upload(client, path, name="Dữ liệu tỉnh.xlsx", **data):
    with open(path, "rb") as f:
        file = SimpleUploadedFile(name, f.read())
    assert file.size > 1024  # over the threshold of the test
    return client.post(reverse("workbook:upload"), {"file": file, **data})


def _job_of(response):
    from xeploai.jobs.models import Job

    assert response.status_code == 302, response.content.decode()[:300]
    return Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_a_large_workbook_is_imported_by_the_worker(
    client, importer, make_workbook, headers, small_province, queued, settings
):
    from xeploai.audit.models import AuditEvent
    from xeploai.jobs.models import JobStatus

    client.force_login(importer)
    job = _job_of(_upload(client, make_workbook({k: [headers[k], *v] for k, v in small_province.items()})))
    assert job.status == JobStatus.QUEUED
    assert "Đang chờ" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert Person.objects.count() == 0  # nothing written in the request

    queued()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert set(Person.objects.values_list("code", flat=True)) == {"CN001", "CN002"}
    finished = client.get(reverse("jobs:detail", args=[job.pk]))
    assert finished["Location"] == reverse("workbook:import_result", args=[job.pk])
    html = client.get(finished["Location"]).content.decode()
    assert "Đã nhập xong." in html
    assert "<td>Ca_nhan (" in html
    event = AuditEvent.objects.filter(action="registry.workbook.imported").latest("seq")
    assert event.actor_id == importer.pk  # audited as the officer who uploaded, in the worker
    assert not list((settings.MEDIA_ROOT / "tep-tao").rglob("*.xlsx"))  # the upload is not kept
    home = client.get(reverse("web:home")).content.decode()
    assert "Nhập dữ liệu từ tệp Excel" in home
    assert "Xem kết quả" in home


def test_a_large_workbook_with_errors_writes_nothing_and_names_the_place(
    client, importer, make_workbook, headers, small_province
):
    client.force_login(importer)
    small_province["Ca_nhan"][1][4] = "0123"
    job = _job_of(_upload(client, make_workbook({k: [headers[k], *v] for k, v in small_province.items()})))
    html = client.get(reverse("workbook:import_result", args=[job.pk])).content.decode()
    assert "Tệp Dữ liệu tỉnh.xlsx có 1 lỗi: chưa ghi gì." in html
    assert "<td>Ca_nhan</td><td>3</td>" in html
    assert "E – Số CCCD" in html
    assert "Số CCCD phải gồm đúng 12 chữ số." in html
    assert Person.objects.count() == 0
    assert Organization.objects.count() == 1


def test_the_result_is_the_uploaders_only(client, importer, make_workbook, headers, small_province):
    client.force_login(importer)
    job = _job_of(
        _upload(client, make_workbook({k: [headers[k], *v] for k, v in small_province.items()}), dry_run="1")
    )
    assert (
        "Kiểm tra xong, không có lỗi"
        in client.get(reverse("workbook:import_result", args=[job.pk])).content.decode()
    )
    assert Person.objects.count() == 0  # the dry run wrote nothing
    other = get_user_model().objects.create_superuser(username="khac", password="x")
    client.force_login(other)
    assert client.get(reverse("workbook:import_result", args=[job.pk])).status_code == 404


def test_a_small_workbook_is_still_imported_in_the_request(
    client, importer, make_workbook, headers, small_province, settings
):
    from xeploai.jobs.models import Job

    settings.XEPLOAI_IMPORT_INLINE_MAX_KB = 1024
    client.force_login(importer)
    response = _upload(client, make_workbook({k: [headers[k], *v] for k, v in small_province.items()}))
    assert response.status_code == 200
    assert "Đã nhập xong." in response.content.decode()
    assert not Job.objects.exists()


def test_an_upload_whose_job_never_ran_goes_with_the_expired_job(
    client, importer, make_workbook, headers, small_province, queued, settings
):
    import io
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from xeploai.jobs.models import Job

    client.force_login(importer)
    job = _job_of(_upload(client, make_workbook({k: [headers[k], *v] for k, v in small_province.items()})))
    assert list((settings.MEDIA_ROOT / "tep-tao").rglob("*.xlsx"))  # waiting for a worker that never comes
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(days=1))
    call_command("prune_jobs", stdout=io.StringIO())
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not list((settings.MEDIA_ROOT / "tep-tao").rglob("*.xlsx"))


def test_the_worker_checks_the_right_to_import_again(
    client, importer, make_workbook, headers, small_province, queued
):
    from xeploai.jobs.models import JobStatus

    client.force_login(importer)
    job = _job_of(_upload(client, make_workbook({k: [headers[k], *v] for k, v in small_province.items()})))
    RoleAssignment.objects.filter(user=importer).delete()  # the role is taken away while the file waits
    queued()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert Person.objects.count() == 0
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "bạn không còn quyền nhập dữ liệu từ tệp Excel. Chưa ghi gì." in page
