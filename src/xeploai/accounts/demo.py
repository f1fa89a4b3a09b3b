"""The demo's accounts: users and role assignments for the organizations of the registry's demo data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection

from xeploai.accounts.models import RoleAssignment
from xeploai.registry.demo.generator import DemoAccount
from xeploai.registry.demo.load import PASSWORD, AccountHooks, ShownAccount
from xeploai.registry.models import Organization

DEMO_USER_PREFIXES = ("bithu.", "danguy.", "dangvien.", "huyenuy.")
DEMO_USERS = ("bantochuc", "thuongvu")


def create_demo_accounts(accounts: list[DemoAccount]) -> tuple[ShownAccount, ...]:
    """Create (or reset) the demo users and their role assignments; one password hash for all."""
    User = get_user_model()
    password = make_password(PASSWORD)
    codes = [a.organization_code for a in accounts]
    org_ids = dict(Organization.objects.filter(code__in=codes).values_list("code", "pk"))
    out = []
    for account in accounts:
        user, _created = User.objects.get_or_create(username=account.username)
        user.password = password
        user.save(update_fields=["password"])
        RoleAssignment.objects.get_or_create(
            user=user,
            role=account.role,
            organization_id=org_ids[account.organization_code],
            defaults={"person_id": account.person_id},
        )
        out.append(ShownAccount(account.username, account.role, account.organization_code))
    return tuple(out)


def clear_demo_accounts() -> None:
    """Delete every role assignment (they point into the registry) and the demo users (``--replace``)."""
    table = connection.ops.quote_name(RoleAssignment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a table name, no user input
    User = get_user_model()
    for prefix in DEMO_USER_PREFIXES:
        User.objects.filter(username__startswith=prefix).delete()
    User.objects.filter(username__in=DEMO_USERS).delete()


DEMO_ACCOUNT_HOOKS = AccountHooks(clear=clear_demo_accounts, create=create_demo_accounts)
