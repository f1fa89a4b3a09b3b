"""Delete the jobs whose files have expired, with their files: ``manage.py prune_jobs`` (run it daily)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from xeploai.jobs.models import Job


class Command(BaseCommand):
    help = _("Xoá các tệp tạo trong nền đã hết hạn lưu.")

    def handle(self, *args: object, **options: object) -> None:
        expired = Job.objects.filter(expires_at__lte=timezone.now())
        count = 0
        for job in expired.iterator():
            if job.file:
                job.file.delete(save=False)
            job.delete()
            count += 1
        self.stdout.write(_("Đã xoá %(count)s tệp hết hạn.") % {"count": count})
