"""A job: one piece of long work a user asked for, run by the django-tasks worker (``jobs.tasks``).

The row carries what the progress page and the home page show (status, progress, the finished file,
a Vietnamese message on failure) and what the download checks again (owner, kind, organization,
campaign). Files live under MEDIA_ROOT/tep-tao/ and are served only through the download view; they
expire after ``XEPLOAI_JOB_FILE_DAYS`` days (``manage.py prune_jobs`` deletes them).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    DOCUMENTS_ZIP = "DOCUMENTS_ZIP", _("Tất cả văn bản (zip)")
    SUMMARY_DOCX = "SUMMARY_DOCX", _("Báo cáo (Word)")
    DECIDED_LIST_DOCX = "DECIDED_LIST_DOCX", _("Danh sách xếp loại (Word)")
    STATISTICS_XLSX = "STATISTICS_XLSX", _("Bảng thống kê (Excel)")
    REGISTRY_EXPORT = "REGISTRY_EXPORT", _("Dữ liệu tổ chức và đảng viên (Excel)")
    # Kinds that write no file: their outcome is kept in ``params["result"]`` and shown on a page.
    REGISTRY_IMPORT = "REGISTRY_IMPORT", _("Nhập dữ liệu từ tệp Excel")
    CAMPAIGN_OPEN = "CAMPAIGN_OPEN", _("Mở đợt đánh giá")
    YEAR_STATISTICS = "YEAR_STATISTICS", _("Thống kê cả năm")


class JobStatus(models.TextChoices):
    QUEUED = "QUEUED", _("Đang chờ")
    RUNNING = "RUNNING", _("Đang tạo")
    DONE = "DONE", _("Đã xong")
    FAILED = "FAILED", _("Không thành công")


FINISHED = (JobStatus.DONE, JobStatus.FAILED)
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
# What the progress page says while a job without a file runs (a file's job says "Đang tạo").
RUNNING_TEXT = {
    JobKind.REGISTRY_IMPORT: _("Đang kiểm tra và ghi dữ liệu"),
    JobKind.CAMPAIGN_OPEN: _("Đang mở đợt đánh giá"),
    JobKind.YEAR_STATISTICS: _("Đang tính số liệu"),
}


def job_upload_to(instance: Job, filename: str) -> str:
    """MEDIA_ROOT/tep-tao/<owner>/<job>-<name> (served only through the download view)."""
    return f"tep-tao/{instance.owner_id}/{instance.pk}-{filename}"


class Job(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"),
                              on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(_("loại"), max_length=32, choices=JobKind.choices)
    organization = models.ForeignKey("registry.Organization", verbose_name=_("tổ chức"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("đợt đánh giá"), null=True,
                                 blank=True, on_delete=models.CASCADE, related_name="+")
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=JobStatus.choices,
                              default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("đã làm"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    file = models.FileField(_("tệp"), upload_to=job_upload_to, blank=True, max_length=300)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))

    class Meta:
        verbose_name = _("tệp tạo trong nền")
        verbose_name_plural = _("tệp tạo trong nền")
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def makes_file(self) -> bool:
        return self.kind not in RUNNING_TEXT

    @property
    def status_text(self) -> str:
        if self.status == JobStatus.RUNNING and self.kind in RUNNING_TEXT:
            return str(RUNNING_TEXT[JobKind(self.kind)])
        return str(self.get_status_display())

    def expired(self, now: object | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())
