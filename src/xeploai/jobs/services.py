"""Start a job, in the request (``jobs.execution`` carries it out in the worker).

``job_start`` writes the row, records the request in the audit trail and enqueues ``jobs.tasks.run_job``
in one transaction: with the database backend the task row commits with the job, so the worker never
sees one without the other.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from xeploai.audit.services import audit_record
from xeploai.jobs.models import Job
from xeploai.jobs.tasks import run_job
from xeploai.registry.models import Organization


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
