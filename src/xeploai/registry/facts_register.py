"""Facts the rules need that are neither people nor units: review meetings, transfers, temporary party
activity and the competent level's conclusions (issue 13 item 6).

Each is entered on a page (the person's or the organization's "Thông tin phục vụ đánh giá") and imported
from its workbook sheet (docs/workbook.md); the bridge (``campaigns.recorded``) feeds them to the rules
core: the review meeting date counts the six months (S-04), a transfer asks for the old unit's comment
(R-16, R-28), temporary activity for the temporary cell's comment (R-17), a conclusion of degradation or
disunity caps at KHTNV (R-33a, R-40a, R-37). Loaded with the registry's models (``registry.models``
imports this module last), so the tables belong to the registry app.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from xeploai.lib.vietnamese import clean

PERSON, ORGANIZATION, COLLECTIVE = "registry.Person", "registry.Organization", "registry.Collective"


class TransferSide(models.TextChoices):
    """A party move (chuyển sinh hoạt đảng, R-16) or a move of workplace (chuyển công tác, R-28)."""

    PARTY = "PARTY", _("Chuyển sinh hoạt đảng")
    STATE = "STATE", _("Chuyển công tác")


class ReviewMeeting(models.Model):
    """The review meeting (hội nghị kiểm điểm) of an organization: the six months are counted to it (S-04)."""

    organization = models.ForeignKey(
        ORGANIZATION, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="review_meetings"
    )
    held_on = models.DateField(_("ngày họp kiểm điểm"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["organization", "-held_on"]
        verbose_name = _("hội nghị kiểm điểm")
        verbose_name_plural = _("hội nghị kiểm điểm")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "held_on"],
                name="review_meeting_unique_day",
                violation_error_message=_("Tổ chức đã có hội nghị kiểm điểm ngày này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.held_on:%d/%m/%Y})"


class Transfer(models.Model):
    """A move to the person's current cell or agency during the year (R-16, R-28)."""

    person = models.ForeignKey(
        PERSON, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="transfers"
    )
    side = models.CharField(_("loại"), max_length=8, choices=TransferSide.choices)
    moved_on = models.DateField(_("ngày đến đơn vị mới"))
    old_unit = models.CharField(_("đơn vị cũ"), max_length=255)
    old_unit_from = models.DateField(_("ngày đến đơn vị cũ"), null=True, blank=True)
    comment_received = models.BooleanField(_("đã nhận nhận xét của đơn vị cũ"), default=False)
    old_unit_exists = models.BooleanField(_("đơn vị cũ còn tồn tại"), default=True)

    class Meta:
        ordering = ["person", "-moved_on"]
        verbose_name = _("chuyển công tác, chuyển sinh hoạt")
        verbose_name_plural = _("chuyển công tác, chuyển sinh hoạt")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "side", "moved_on"],
                name="transfer_unique_day",
                violation_error_message=_("Cá nhân đã có lần chuyển cùng loại vào ngày này."),
            ),
            models.CheckConstraint(
                condition=Q(old_unit_from__isnull=True) | Q(old_unit_from__lte=F("moved_on")),
                name="transfer_old_unit_before_move",
                violation_error_message=_("Ngày đến đơn vị cũ không thể sau ngày đến đơn vị mới."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ← {self.old_unit}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.old_unit = clean(self.old_unit)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class TemporaryActivity(models.Model):
    """Temporary party activity (sinh hoạt đảng tạm thời) at another cell, over a period (R-17)."""

    person = models.ForeignKey(
        PERSON, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="temporary_activities"
    )
    cell = models.CharField(_("chi bộ sinh hoạt tạm thời"), max_length=255)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    comment_received = models.BooleanField(_("đã nhận nhận xét của chi bộ sinh hoạt tạm thời"), default=False)

    class Meta:
        ordering = ["person", "-start"]
        verbose_name = _("sinh hoạt đảng tạm thời")
        verbose_name_plural = _("sinh hoạt đảng tạm thời")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "start"],
                name="temporary_activity_unique_start",
                violation_error_message=_("Cá nhân đã có đợt sinh hoạt tạm thời từ ngày này."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="temporary_activity_end_after_start",
                violation_error_message=_('"Đến ngày" không thể trước "Từ ngày".'),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cell}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.cell = clean(self.cell)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Conclusion(models.Model):
    """The competent level's conclusion of degradation, "tự diễn biến", "tự chuyển hóa" (a person) or of
    internal disunity (a collective or an organization): R-33a, R-40a, R-37, R-57. Exactly one subject."""

    person = models.ForeignKey(
        PERSON,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conclusions",
        verbose_name=_("cá nhân"),
    )
    collective = models.ForeignKey(
        COLLECTIVE,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conclusions",
        verbose_name=_("tập thể"),
    )
    organization = models.ForeignKey(
        ORGANIZATION,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conclusions",
        verbose_name=_("tổ chức"),
    )
    concluded_on = models.DateField(_("ngày kết luận"))
    note = models.CharField(_("nội dung kết luận"), max_length=255, blank=True)

    class Meta:
        ordering = ["-concluded_on"]
        verbose_name = _("kết luận suy thoái, mất đoàn kết")
        verbose_name_plural = _("kết luận suy thoái, mất đoàn kết")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, collective__isnull=True, organization__isnull=True)
                    | Q(person__isnull=True, collective__isnull=False, organization__isnull=True)
                    | Q(person__isnull=True, collective__isnull=True, organization__isnull=False)
                ),
                name="conclusion_exactly_one_subject",
            ),
        ]

    def __str__(self) -> str:
        subject = self.person or self.collective or self.organization
        return f"{subject} ({self.concluded_on:%d/%m/%Y})"
