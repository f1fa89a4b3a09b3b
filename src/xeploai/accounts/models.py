"""Users' roles, each scoped to an organization's subtree."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user may do inside the subtree of the organization the role is held at."""

    MEMBER = "MEMBER", _("Đảng viên")
    CELL_SECRETARY = "CELL_SECRETARY", _("Bí thư chi bộ")
    COMMITTEE_OFFICER = "COMMITTEE_OFFICER", _("Cán bộ cấp ủy (cơ sở, cấp huyện)")
    ORG_COMMISSION = "ORG_COMMISSION", _("Cán bộ Ban Tổ chức")
    SUPERVISOR = "SUPERVISOR", _("Ủy viên Ban Thường vụ phụ trách")
    STANDING_COMMITTEE = "STANDING_COMMITTEE", _("Ban Thường vụ")
    ADVISORY_AGENCY = "ADVISORY_AGENCY", _("Cơ quan tham mưu, giúp việc")
    ADMIN = "ADMIN", _("Quản trị hệ thống")


class RoleAssignment(models.Model):
    """A user holds ``role`` over ``organization`` and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=24, choices=Role.choices)
    organization = models.ForeignKey(
        "registry.Organization", verbose_name=_("phạm vi (tổ chức)"), on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    person = models.ForeignKey(
        "registry.Person", verbose_name=_("cá nhân (với vai trò đảng viên)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="role_assignments",
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organization"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"


class Account(models.Model):
    """What the app keeps about a user beyond Django's: the registry person the account belongs to (so an
    officer sees whose account it is and the account lists by subtree) and whether the password given by
    an officer (one-time) must be changed at the next login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE,
        related_name="account",
    )
    person = models.OneToOneField(
        "registry.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="account",
    )
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return str(self.user)
