"""Delete the jobs whose files have expired, with their files: ``manage.py prune_jobs`` (run it daily).

An import job's uploaded workbook is removed by the worker once read; one whose job never ran (no worker)
goes with the job."""

import shutil

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from xeploai.jobs.models import Job, JobKind
from xeploai.jobs.work import upload_dir


class Command(BaseCommand):
    help = _("Xoá các tệp tạo trong nền đã hết hạn lưu.")

    def handle(self, *args: object, **options: object) -> None:
        expired = Job.objects.filter(expires_at__lte=timezone.now())
        count = 0
        for job in expired.iterator():
            if job.file:
                job.file.delete(save=False)
            if job.kind == JobKind.REGISTRY_IMPORT and job.params.get("upload"):
                shutil.rmtree(upload_dir(job.owner_id, job.params["upload"]), ignore_errors=True)
            job.delete()
            count += 1
        self.stdout.write(_("Đã xoá %(count)s tệp hết hạn.") % {"count": count})
