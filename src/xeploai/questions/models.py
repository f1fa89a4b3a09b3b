"""The questions channel of a campaign (S-17) and the record of deadline reminders sent (S-10).

S-17: "Difficulties are reported upward to the Thường trực / Ban Thường vụ Tỉnh ủy through the
Organization Commission": a committee asks, the Organization Commission or Standing Committee above it
answers, and the thread stays with the campaign. Who reads and answers: ``xeploai.questions.access``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    OPEN = "OPEN", _("Chờ trả lời")
    ANSWERED = "ANSWERED", _("Đã trả lời")
    CLOSED = "CLOSED", _("Đã đóng")


class Question(models.Model):
    """A question (vướng mắc) an organization asks upward during a campaign (S-17)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("đợt đánh giá"), on_delete=models.PROTECT,
        related_name="questions",
    )
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("tổ chức hỏi"), on_delete=models.PROTECT, related_name="+"
    )
    # The asking organization's path, copied for subtree filtering without a join.
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người hỏi"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("thời điểm hỏi"), auto_now_add=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """A reply in a question's thread."""

    question = models.ForeignKey(
        Question, verbose_name=_("câu hỏi"), on_delete=models.PROTECT, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người trả lời"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("nội dung trả lời"))
    created_at = models.DateTimeField(_("thời điểm trả lời"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")

    def __str__(self) -> str:
        return f"{self.question} — {self.author}"


class SentReminder(models.Model):
    """One deadline reminder e-mailed to one user on one day (S-10): a second run that day sends nothing."""

    deadline = models.ForeignKey(
        "campaigns.Deadline", verbose_name=_("thời hạn"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("ngày gửi"))
    days_before = models.PositiveSmallIntegerField(_("số ngày trước hạn"))
    email = models.EmailField(_("địa chỉ e-mail"))

    class Meta:
        ordering = ["-sent_on", "pk"]
        verbose_name = _("thư nhắc hạn đã gửi")
        verbose_name_plural = _("thư nhắc hạn đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "user", "sent_on"], name="sent_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} → {self.user} ({self.sent_on:%d/%m/%Y})"
