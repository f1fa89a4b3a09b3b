"""Per-user API tokens: a random secret shown once, stored as its SHA-256 digest.

The token text is ``xl_<prefix>_<secret>``: the public ``prefix`` finds the row (indexed, unique), the
digest of the whole text is compared in constant time. A revoked token, or the token of an inactive user,
authenticates nobody.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=80)
    prefix = models.CharField(_("tiền tố"), max_length=12, unique=True)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (xl_{self.prefix}_…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
