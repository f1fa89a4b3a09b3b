"""Accounts and roles managed in the app ("Tài khoản và phân quyền"): create, grant, revoke, reset, lock.

An officer holding ``accounts.manage_accounts`` (COMMITTEE_OFFICER, ORG_COMMISSION or ADMIN) at an
organization manages its subtree: the people whose cell or workplace lies in it get accounts, its
organizations get roles. Every check is made here, on the server, whatever the page sent (a forged
organization or person id outside the subtree is refused with a ``PermissionDenied``). An account is
"inside" the officer's subtree when its person and every role it holds lie there: a commune officer
never resets the password of a province officer who also holds a role at the commune.

Passwords given by an officer are one-time: random, shown once by the page, and the account must change
them at the next login (``Account.must_change_password``, enforced by ``first_login.py``). Every change is
atomic and audited: creation, reset and deactivation here, grants and revocations by the role signals
(``audit/account_signals.py``), each with the organization path so the subtree's auditors read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xeploai.accounts.access import User, people_under, person_paths, user_scope
from xeploai.accounts.models import Account, Role, RoleAssignment
from xeploai.accounts.predicates import ACCOUNT_ROLES
from xeploai.audit.services import audit_record
from xeploai.lib.vietnamese import fold
from xeploai.registry.models import Organization, Person, minimal_paths

USERNAME_RE = re.compile(r"^[a-z0-9._-]{3,150}$")
# No look-alike characters (0/O, 1/l/I): the password is read off a screen and typed.
PASSWORD_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12
OUTSIDE = gettext_lazy("Ngoài phạm vi đơn vị bạn quản lý: không thực hiện được.")


@dataclass(frozen=True)
class Created:
    """An account just created (or reset) and its one-time password, to be shown once."""

    user: AbstractBaseUser
    password: str


def managed_paths(user: User) -> list[str] | None:
    """Tops of the subtrees whose accounts ``user`` manages; None: everything (superuser)."""
    scope = user_scope(user)
    if scope.everything:
        return None
    return minimal_paths(g.path for g in scope.grants if g.role in ACCOUNT_ROLES)


def covered(paths: list[str] | None, path: str | None) -> bool:
    return paths is None or bool(path) and any(path.startswith(p) for p in paths)  # type: ignore[union-attr]


def organizations_managed_by(user: User) -> QuerySet[Organization]:
    """The organizations on which ``user`` grants roles, in tree order."""
    paths = managed_paths(user)
    orgs = Organization.objects.all() if paths is None else Organization.objects.within_any(paths)
    return orgs.order_by("path")


def people_managed_by(user: User) -> QuerySet[Person]:
    """The people ``user`` may create an account for (their cell or workplace in the managed subtree)."""
    paths = managed_paths(user)
    if paths is None:
        return Person.objects.all()
    return people_under((), paths) if paths else Person.objects.none()


def accounts_managed_by(user: User) -> QuerySet[AbstractBaseUser]:
    """The users listed for ``user``: a person or a role in the managed subtree (superusers only to one)."""
    users = get_user_model().objects.all()
    paths = managed_paths(user)
    if paths is None:
        return users
    if not paths:
        return users.none()
    inside = Q(account__person__in=people_managed_by(user).values("pk")) | Q(
        role_assignments__organization__in=Organization.objects.within_any(paths).values("pk")
    )
    return users.filter(inside, is_superuser=False).distinct()


def check_manages(by: User, target: AbstractBaseUser) -> None:
    """Refuse unless ``target``'s person and every role lie in ``by``'s subtree (a superuser: any)."""
    paths = managed_paths(by)
    if paths is None:
        return
    account = (
        Account.objects.filter(user=target)
        .select_related("person__party_organization", "person__workplace")
        .first()
    )
    roles = list(RoleAssignment.objects.filter(user=target).values_list("organization__path", flat=True))
    person_ok = (
        account is None
        or account.person is None
        or any(covered(paths, p) for p in person_paths(account.person))
    )
    if getattr(target, "is_superuser", False) or not paths or not person_ok:
        raise PermissionDenied(OUTSIDE)
    if not all(covered(paths, p) for p in roles) or (
        not roles and (account is None or account.person is None)
    ):
        raise PermissionDenied(OUTSIDE)


def person_org_path(person: Person | None) -> str:
    """The path an account event is filed under (the person's cell, else workplace): its auditors read it."""
    if person is None:
        return ""
    return next((p for p in person_paths(person) if p), "")


def suggest_username(person: Person) -> str:
    """The person's name without diacritics, given name first ("an.nguyenvan"), made unique with a number."""
    words = fold(person.full_name).replace("đ", "d").split()
    base = ".".join([words[-1], "".join(words[:-1])]) if len(words) > 1 else (words[0] if words else "canhan")
    base = re.sub(r"[^a-z0-9.]", "", base) or "canhan"
    taken = set(get_user_model().objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    return next(f"{base}{n}" for n in range(2, len(taken) + 3) if f"{base}{n}" not in taken)


def one_time_password() -> str:
    return get_random_string(PASSWORD_LENGTH, PASSWORD_CHARS)


def clean_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_RE.match(name):
        raise ValidationError(
            _("Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và các dấu . _ - (3 đến 150 ký tự).")
        )
    if get_user_model().objects.filter(username=name).exists():
        raise ValidationError(_("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": name})
    return name


def account_create(*, by: User, person: Person, username: str = "") -> Created:
    """An account for ``person`` (in ``by``'s subtree, without one yet), with a one-time password."""
    if not people_managed_by(by).filter(pk=person.pk).exists():
        raise PermissionDenied(OUTSIDE)
    if Account.objects.filter(person=person).exists():
        raise ValidationError(_("%(name)s đã có tài khoản.") % {"name": person.full_name})
    name = clean_username(username or suggest_username(person))
    password = one_time_password()
    first, last = person.full_name.rsplit(" ", 1) if " " in person.full_name else ("", person.full_name)
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=name, password=password, first_name=first, last_name=last
            )
            Account.objects.create(user=user, person=person, must_change_password=True)
            audit_record(
                action="accounts.account.created",
                obj=user,
                label=person.full_name,
                after={"username": name, "person": person.code, "person_name": person.full_name},
                org_path=person_org_path(person),
            )
    except IntegrityError:  # the same person or username, created a moment ago by someone else
        raise ValidationError(_("Tài khoản vừa được tạo bởi người khác, xin tải lại trang.")) from None
    return Created(user=user, password=password)


def role_grant(*, by: User, user: AbstractBaseUser, role: str, organization: Organization) -> RoleAssignment:
    """Grant ``role`` at ``organization`` (in ``by``'s subtree) to ``user`` (an account of it); the role
    names the account's person, so their own subjects are theirs (R-81)."""
    paths = managed_paths(by)
    if role not in Role.values:
        raise ValidationError(_("Vai trò không hợp lệ."))
    if not covered(paths, organization.path):
        raise PermissionDenied(OUTSIDE)
    if role == Role.ADMIN and not (paths is None or any(g.role == Role.ADMIN for g in user_scope(by).grants)):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới giao được vai trò quản trị hệ thống."))
    check_manages(by, user)
    person_id = Account.objects.filter(user=user).values_list("person_id", flat=True).first()
    if role == Role.MEMBER and person_id is None:
        raise ValidationError(_("Vai trò đảng viên cần tài khoản gắn với một cá nhân trong danh mục."))
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, organization=organization, defaults={"person_id": person_id}
        )
    if not created:
        raise ValidationError(
            _("Tài khoản đã có vai trò %(role)s tại %(org)s.")
            % {"role": Role(role).label, "org": organization.name}
        )
    return assignment


def role_revoke(*, by: User, assignment: RoleAssignment) -> None:
    """Revoke a role held in ``by``'s subtree (the role signal audits it); never one's own officer role."""
    if not covered(managed_paths(by), assignment.organization.path):
        raise PermissionDenied(OUTSIDE)
    if assignment.user_id == by.pk and assignment.role in ACCOUNT_ROLES:
        raise ValidationError(_("Bạn không thể tự thu hồi quyền quản lý tài khoản của chính mình."))
    with transaction.atomic():
        assignment.delete()


def password_reset(*, by: User, user: AbstractBaseUser) -> Created:
    """A new one-time password for ``user`` (an account of ``by``'s subtree), to change at next login."""
    check_manages(by, user)
    password = one_time_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        account, _created = Account.objects.get_or_create(user=user)
        account.must_change_password = True
        account.save(update_fields=["must_change_password"])
        audit_record(
            action="accounts.password.reset",
            obj=user,
            label=user.get_full_name() or user.get_username(),
            after={"username": user.get_username()},
            org_path=person_org_path(account.person),
        )
    return Created(user=user, password=password)


def account_deactivate(*, by: User, user: AbstractBaseUser) -> None:
    """Lock ``user`` out (kept for the trail: its roles and events stay); not one's own account."""
    if user.pk == by.pk:
        raise ValidationError(_("Bạn không thể tự khóa tài khoản của chính mình."))
    check_manages(by, user)
    account = Account.objects.filter(user=user).select_related("person").first()
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            action="accounts.account.deactivated",
            obj=user,
            before={"is_active": True},
            after={"is_active": False},
            label=user.get_full_name() or user.get_username(),
            org_path=person_org_path(account.person if account else None),
        )
