"""Long work in the background (issue 12 item 5): a job queued on django-tasks' database backend, run by
the worker, its progress page, the download checked again (owner, permission, expiry, audit), the home
page's "Tệp đã tạo", and a failure shown in Vietnamese.

The test settings run jobs at once (immediate backend); the tests of the queue and the progress switch
to the database backend (django-tasks-db) and run ``manage.py db_worker --batch`` as ``make run`` runs it.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, settings, tmp_path):
    from xeploai.campaigns.opening import campaign_create, campaign_open

    settings.MEDIA_ROOT = tmp_path
    personas.campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=personas.campaign)
    return personas


@pytest.fixture
def queued(settings, monkeypatch):
    """Jobs wait in the database until ``run_worker()`` (the db_worker command, one batch) takes them."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.XEPLOAI_JOBS_BACKEND = "database"  # the second backend of the test settings
    # The worker closes stale connections between tasks; inside the test's transaction that would roll
    # it back, and the connection is fresh anyway.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run_worker() -> None:
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0",
                     "--backend", "database")

    return run_worker


def _start_zip(client, user, org):
    client.force_login(user)
    return client.post(f"{reverse('reports:documents_zip')}?org={org.pk}")


def _job_of(response):
    from xeploai.jobs.models import Job

    assert response.status_code == 302
    return Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_a_zip_waits_in_the_queue_with_a_progress_page_then_the_worker_makes_it(client, world, queued):
    from xeploai.jobs.models import JobStatus

    job = _job_of(_start_zip(client, world.district_a_officer, world.commune_a1))
    assert (job.status, job.percent, job.owner) == (JobStatus.QUEUED, 0, world.district_a_officer)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "<progress" in page
    assert "Đang chờ" in page
    assert f'hx-get="{reverse("jobs:detail", args=[job.pk])}" hx-trigger="every 1s"' in page  # polling

    queued()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.done == job.total == 6  # report, list, the commune's collective and 3 people's reviews
    assert job.filename == "van-ban-2023-T.A.X1.zip"
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment  # finished: the polling stops
    assert reverse("jobs:download", args=[job.pk]) in fragment
    assert "Tải tệp van-ban-2023-T.A.X1.zip" in fragment


def test_the_worker_claims_a_job_once(world, queued):
    from xeploai.jobs.execution import job_execute
    from xeploai.jobs.models import Job, JobKind, JobStatus
    from xeploai.jobs.services import job_start

    job = job_start(owner=world.district_a_officer, kind=JobKind.STATISTICS_XLSX,
                    organization=world.district_a, campaign=world.campaign)
    queued()
    finished = Job.objects.get(pk=job.pk)
    assert finished.status == JobStatus.DONE
    job_execute(job.pk)  # a second worker (or a retry) finds nothing left to do
    assert Job.objects.get(pk=job.pk).finished_at == finished.finished_at


def test_the_download_is_the_owners_and_audited(client, world, job_file):
    from xeploai.audit.models import AuditEvent

    response = _start_zip(client, world.district_a_officer, world.commune_a1)
    job = _job_of(response)
    download = job_file(client, response)
    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as zf:
        assert "01-danh-sach-xep-loai.docx" in zf.namelist()
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor_id, event.after["file"]) == (
        "report.downloaded", world.district_a_officer.pk, "van-ban.zip")
    assert event.after["rows"] == 6

    downloads = AuditEvent.objects.filter(action="report.downloaded").count()
    for other in (world.province_officer, world.district_b_officer):  # even one who sees the commune
        client.force_login(other)
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="report.downloaded").count() == downloads


def test_the_download_checks_the_permission_again(client, world):
    from xeploai.accounts.models import RoleAssignment
    from xeploai.audit.models import AuditEvent

    job = _job_of(_start_zip(client, world.district_a_officer, world.commune_a1))
    RoleAssignment.objects.filter(user=world.district_a_officer).delete()  # the role is taken away
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 403
    assert "Bạn không còn quyền tải tệp này" in response.content.decode()
    assert not AuditEvent.objects.filter(action="report.downloaded").exists()


def test_an_expired_file_is_refused_in_vietnamese(client, world):
    from django.utils import timezone

    from xeploai.jobs.models import Job

    job = _job_of(_start_zip(client, world.district_a_officer, world.commune_a1))
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 410
    assert "Tệp này đã hết hạn lưu từ ngày" in response.content.decode()


def test_home_lists_the_users_files(client, world):
    job = _job_of(_start_zip(client, world.district_a_officer, world.commune_a1))
    html = client.get(reverse("web:home")).content.decode()
    assert "Tệp đã tạo" in html
    assert "Tất cả văn bản (zip) — Đảng bộ xã A1" in html
    assert f'href="{reverse("jobs:download", args=[job.pk])}">Tải van-ban-2023-T.A.X1.zip' in html
    client.force_login(world.province_officer)  # someone else's home does not list it
    assert "van-ban-2023-T.A.X1.zip" not in client.get(reverse("web:home")).content.decode()


def test_a_failure_is_shown_in_vietnamese_without_a_trace(client, world, monkeypatch):
    from xeploai.jobs import runners
    from xeploai.jobs.models import JobKind, JobStatus

    def broken(job, path, progress):
        raise RuntimeError("disk full at /var/secret/path")

    monkeypatch.setitem(runners.RUNNERS, JobKind.DOCUMENTS_ZIP, broken)
    job = _job_of(_start_zip(client, world.district_a_officer, world.commune_a1))
    assert job.status == JobStatus.FAILED
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f"Không tạo được tệp do lỗi khi xử lý dữ liệu. Hãy thử lại; nếu vẫn không được, báo quản trị " \
           f"hệ thống (mã việc {job.pk})." in page
    assert "disk full" not in page
    assert "Traceback" not in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    home = client.get(reverse("web:home")).content.decode()
    assert "Không thành công" in home


def test_prune_jobs_deletes_expired_files_only(client, world):
    from django.core.management import call_command
    from django.utils import timezone

    from xeploai.jobs.models import Job

    old = _job_of(_start_zip(client, world.district_a_officer, world.commune_a1))
    fresh = _job_of(_start_zip(client, world.district_a_officer, world.cell_a1))
    Job.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    path = old.file.path
    call_command("prune_jobs", stdout=io.StringIO())
    assert list(Job.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not os.path.exists(path)
