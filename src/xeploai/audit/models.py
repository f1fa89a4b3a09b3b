"""The audit trail: one append-only, hash-chained row per change (architecture.md, "Every change is also an
audit event").

Rows are never updated or deleted: the model and its queryset refuse it in Python, and a database trigger
(migration 0002: PL/pgSQL on PostgreSQL, ``RAISE(ABORT)`` on SQLite) refuses it for raw SQL too. Each row
carries the hash of the previous row, so a row changed or removed behind the application's back is found
by ``manage.py verify_audit`` (``xeploai.audit.chain.verify_chain``).

``actor`` and ``subject`` are foreign keys without a database constraint and with ``DO_NOTHING``: deleting
a user or a subject must not touch the trail (that would be an UPDATE or DELETE), and the row keeps the
actor's name as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

REFUSED_UPDATE = _("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
REFUSED_DELETE = _("Nhật ký thay đổi chỉ được ghi thêm, không được xóa.")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: object) -> int:
        raise ValidationError(REFUSED_UPDATE)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(REFUSED_DELETE)


class AuditEvent(models.Model):
    """Who did what to which object, when, from where, with the values before and after."""

    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True, editable=False)
    created_at = models.DateTimeField(_("thời điểm"), editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=255, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    # Dotted, stable codes: "registry.person.changed", "campaign.opened", "rating.decided", …
    action = models.CharField(_("hành động"), max_length=80, db_index=True)
    object_type = models.CharField(_("loại đối tượng dữ liệu"), max_length=80, blank=True)
    object_id = models.CharField(_("mã đối tượng dữ liệu"), max_length=64, blank=True)
    object_label = models.CharField(_("đối tượng dữ liệu"), max_length=255, blank=True)
    subject = models.ForeignKey(
        "campaigns.Subject", verbose_name=_("đối tượng đánh giá"), null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    # Path of the organization the change belongs to: who may read the event is decided by subtree.
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        db_table = "audit_event"
        ordering = ["-seq"]
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_event_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_label}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValidationError(REFUSED_UPDATE)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError(REFUSED_DELETE)
