"""Audit the accounts: logins, logouts, failed logins and lockouts, password changes, two-factor
devices added and removed, and role grants, changes and revocations.

Connected in ``AuditConfig.ready``; it listens to ``django.contrib.auth``'s and django-axes' signals and to
saves and deletes of users, TOTP devices and role assignments, so the admin, the pages and commands are all
covered. A password, its hash and an OTP code are never written. Attempts refused while a user name is
locked out at an address are not written one by one (an attacker could flood the trail with them): the
lockout is one event, and django-axes keeps its own counts.
Login events carry no organization, so only a superuser reads them; role events carry the organization
the role is held at, so the officers who read that subtree's trail see who was granted what there.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest

from xeploai.audit.context import client_ip
from xeploai.audit.services import audit_record

MAX_USERNAME = 150
_BEFORE_ATTR = "_audit_account_before"


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def _attempted_username(credentials: dict[str, Any] | None) -> str:
    """The user name typed at the login form (attacker's text: only ever shown escaped)."""
    value = (credentials or {}).get(get_user_model().USERNAME_FIELD) or ""
    return str(value)[:MAX_USERNAME]


def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    audit_record(action="accounts.login", obj=user, actor=user, ip=_ip(request), label=user.get_username())


def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        return
    audit_record(action="accounts.logout", obj=user, actor=user, ip=_ip(request), label=user.get_username())


def _refused_while_locked(request: HttpRequest | None) -> bool:
    """django-axes refused the attempt before checking the password (the user name is locked out)."""
    return (
        request is not None and bool(getattr(request, "axes_locked_out", False))
        and getattr(request, "axes_failures_since_start", None) is None
    )


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    if _refused_while_locked(request):
        return
    username = _attempted_username(credentials)
    audit_record(
        action="accounts.login.failed", after={"username": username}, ip=_ip(request), label=username
    )


def _locked_out(sender: Any, request: HttpRequest | None, username: str | None, ip_address: str | None,
                **_: Any) -> None:
    if _refused_while_locked(request):
        return  # the lockout itself was recorded when it began
    name = str(username or "")[:MAX_USERNAME]
    failures = getattr(request, "axes_failures_since_start", None)
    audit_record(
        action="accounts.login.locked_out", after={"username": name, "failures": failures},
        ip=ip_address or _ip(request), label=name,
    )


def _remember_password(sender: type[models.Model], instance: Any, raw: bool = False,
                       update_fields: Any = None, **_: Any) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    old = sender._base_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    setattr(instance, _BEFORE_ATTR, old)


def _password_saved(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw or created or not hasattr(instance, _BEFORE_ATTR):
        return
    old = instance.__dict__.pop(_BEFORE_ATTR)
    if old is not None and old != instance.password:
        audit_record(action="accounts.password.changed", obj=instance, label=instance.get_username())


def _remember_device(sender: type[models.Model], instance: Any, raw: bool = False, **_: Any) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).values_list("confirmed", flat=True).first()
    setattr(instance, _BEFORE_ATTR, bool(old))


def _device_fields(device: Any) -> dict[str, Any]:
    return {"user": device.user.get_username(), "device": device.name, "type": device._meta.label_lower}


def _device_saved(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw:
        return
    was_confirmed = instance.__dict__.pop(_BEFORE_ATTR, False)
    if instance.confirmed and (created or not was_confirmed):
        audit_record(action="accounts.2fa.device_added", obj=instance, after=_device_fields(instance),
                     label=instance.user.get_username())


def _device_deleted(sender: type[models.Model], instance: Any, **_: Any) -> None:
    if not instance.confirmed:
        return
    try:
        fields = _device_fields(instance)
    except ObjectDoesNotExist:  # the user is being deleted with their devices
        return
    audit_record(action="accounts.2fa.device_removed", obj=instance, before=fields, label=fields["user"])


def _role_fields(assignment: Any) -> dict[str, Any]:
    """Whom, which role, at which organization (and the person record the member role points to)."""
    org = assignment.organization
    return {
        "user": assignment.user.get_username(), "role": assignment.role,
        "role_label": str(assignment.get_role_display()), "organization": org.code,
        "organization_name": org.name, "person": assignment.person_id,
    }


def _remember_role(sender: type[models.Model], instance: Any, raw: bool = False, **_: Any) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    old = sender._base_manager.select_related("user", "organization").filter(pk=instance.pk).first()
    setattr(instance, _BEFORE_ATTR, _role_fields(old) if old is not None else None)


def _role_saved(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw:
        return
    before = None if created else instance.__dict__.pop(_BEFORE_ATTR, None)
    after = _role_fields(instance)
    if before == after:
        return
    verb = "granted" if created or before is None else "changed"
    audit_record(action=f"accounts.role.{verb}", obj=instance, before=before, after=after,
                 org_path=instance.organization.path)


def _role_deleted(sender: type[models.Model], instance: Any, **_: Any) -> None:
    try:
        before = _role_fields(instance)
        org_path = instance.organization.path
    except ObjectDoesNotExist:  # a cascade already removed the user or the organization row
        before, org_path = {"role": instance.role, "user_id": instance.user_id}, ""
    audit_record(action="accounts.role.revoked", obj=instance, before=before, org_path=org_path,
                 label=f"{before.get('user', instance.user_id)} — {before.get('role_label', instance.role)}")


def connect() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from xeploai.accounts.models import RoleAssignment

    user_model = get_user_model()
    uid = "audit.accounts."
    user_logged_in.connect(_logged_in, dispatch_uid=uid + "logged_in")
    user_logged_out.connect(_logged_out, dispatch_uid=uid + "logged_out")
    user_login_failed.connect(_login_failed, dispatch_uid=uid + "login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid=uid + "locked_out")
    pre_save.connect(_remember_password, sender=user_model, dispatch_uid=uid + "user.pre_save")
    post_save.connect(_password_saved, sender=user_model, dispatch_uid=uid + "user.post_save")
    pre_save.connect(_remember_device, sender=TOTPDevice, dispatch_uid=uid + "totp.pre_save")
    post_save.connect(_device_saved, sender=TOTPDevice, dispatch_uid=uid + "totp.post_save")
    post_delete.connect(_device_deleted, sender=TOTPDevice, dispatch_uid=uid + "totp.post_delete")
    pre_save.connect(_remember_role, sender=RoleAssignment, dispatch_uid=uid + "role.pre_save")
    post_save.connect(_role_saved, sender=RoleAssignment, dispatch_uid=uid + "role.post_save")
    post_delete.connect(_role_deleted, sender=RoleAssignment, dispatch_uid=uid + "role.post_delete")
