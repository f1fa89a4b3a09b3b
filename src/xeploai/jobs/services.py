"""Start a job, in the request (``jobs.execution`` carries it out in the worker).

``job_start`` writes the row, records the request in the audit trail and enqueues ``jobs.tasks.run_job``
in one transaction: with the database backend the task row commits with the job, so the worker never
sees one without the other.
"""

from __future__ import annotations

import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from xeploai.audit.services import audit_record
from xeploai.jobs.models import ACTIVE, Job, JobKind
from xeploai.jobs.tasks import run_job
from xeploai.jobs.work import upload_dir
from xeploai.registry.models import Organization

OPENING_ALREADY = _("Đợt đánh giá “%(name)s” đang được mở: hãy chờ lần mở này xong rồi mới mở lại.")


def job_start(*, owner: Any, kind: str, organization: Organization | None = None, campaign: Any = None,
              params: dict[str, Any] | None = None) -> Job:
    """Queue one job for ``owner``; the caller has checked the permission for ``organization``."""
    days = int(getattr(settings, "XEPLOAI_JOB_FILE_DAYS", 7))
    with transaction.atomic():
        job = Job.objects.create(owner=owner, kind=kind, organization=organization, campaign=campaign,
                                 params=params or {}, expires_at=timezone.now() + timedelta(days=days))
        audit_record(action="job.started", obj=job, org_path=organization.path if organization else "",
                     label=job.get_kind_display(), after={"kind": kind, **(params or {})})
        run_job.using(backend=getattr(settings, "XEPLOAI_JOBS_BACKEND", "default")).enqueue(job.pk)
    job.refresh_from_db()  # an immediate backend (tests) has already run it
    return job


def active_open_job(campaign: Any) -> Job | None:
    """The job opening ``campaign`` that is still queued or running, if any (whoever asked for it)."""
    return Job.objects.filter(kind=JobKind.CAMPAIGN_OPEN, campaign=campaign, status__in=ACTIVE).first()


def campaign_open_start(*, campaign: Any, by: Any) -> Job:
    """Queue the opening of ``campaign`` (the caller checked the right to manage it); refuse a second one
    while one is queued or running: the campaign row is locked while we look, so two clicks queue one."""
    with transaction.atomic():
        type(campaign).objects.select_for_update().filter(pk=campaign.pk).first()
        if active_open_job(campaign) is not None:
            raise ValidationError(OPENING_ALREADY % {"name": campaign.name})
        return job_start(owner=by, kind=JobKind.CAMPAIGN_OPEN, organization=campaign.root, campaign=campaign)


def import_start(*, owner: Any, upload: UploadedFile, dry_run: bool) -> Job:
    """Keep the uploaded workbook where the worker reads it and queue its import (the caller checked the
    right to import and the size); the file is removed once the worker has read it."""
    token = uuid.uuid4().hex
    try:
        stored = get_valid_filename(Path(upload.name or "").name)
    except SuspiciousFileOperation:  # a name such as ".." keeps nothing usable
        stored = "du_lieu.xlsx"
    folder = upload_dir(owner.pk, token)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / stored, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    params = {"upload": token, "stored_name": stored, "filename": upload.name or stored, "dry_run": dry_run}
    try:
        return job_start(owner=owner, kind=JobKind.REGISTRY_IMPORT, params=params)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
