"""Carry out a job in the worker.

``job_execute`` claims a queued job once (a second worker, or a retry, finds nothing to claim), writes
the file (or, for a job without one, keeps its outcome in ``params["result"]``), and records the outcome;
the runner acts as the job's owner (the audit events it records name them). A refusal the user must read
(``JobRefused``: a closed campaign, say) becomes the job's message as it is; any other error becomes a
Vietnamese message on the job and the full trace goes to the log only, never to the user.
"""

from __future__ import annotations

import logging
import os
import tempfile
from typing import Any

from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from xeploai.audit.context import audit_context
from xeploai.jobs.models import Job, JobStatus
from xeploai.jobs.runners import RUNNERS, JobRefused, Output

log = logging.getLogger(__name__)
PROGRESS_EVERY = 25  # write the progress row every 25 documents, not after each one


def _claim(job_id: int) -> Job | None:
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING)
    if not claimed:
        return None
    return Job.objects.select_related("owner", "organization__parent", "campaign").get(pk=job_id)


def _progress(job: Job) -> Any:
    def report(done: int, total: int) -> None:
        if done == total or done % PROGRESS_EVERY == 0:
            Job.objects.filter(pk=job.pk).update(done=done, total=total)
    return report


def _finish(job: Job, output: Output, path: str) -> None:
    if output.filename:
        with open(path, "rb") as handle:
            job.file.save(output.filename, File(handle), save=False)
    job.filename, job.rows = output.filename, output.rows
    job.status, job.finished_at = JobStatus.DONE, timezone.now()
    job.done = job.total = max(job.total, 1)
    job.save(update_fields=["file", "filename", "rows", "status", "finished_at", "done", "total", "params"])


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, finished_at=timezone.now(), error=message)


def job_execute(job_id: int) -> None:
    """Run the job ``job_id`` if it is still queued; mark it DONE with its file, or FAILED with a message."""
    job = _claim(job_id)
    if job is None:
        return
    fd, path = tempfile.mkstemp(suffix=".part")
    os.close(fd)
    try:
        with audit_context(actor=job.owner):
            output = RUNNERS[job.kind](job, path, _progress(job))
        job.refresh_from_db(fields=["done", "total"])
        _finish(job, output, path)
    except JobRefused as exc:
        _fail(job, exc.message)
    except Exception:  # noqa: BLE001 - any failure becomes a message for the user, the trace goes to the log
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, _("Không tạo được tệp do lỗi khi xử lý dữ liệu. Hãy thử lại; nếu vẫn không được, báo "
                     "quản trị hệ thống (mã việc %(id)s).") % {"id": job.pk})
    finally:
        os.unlink(path)
