"""People's names for users: what pages show instead of a username (issue 12 item 7).

A user who holds the MEMBER role names a person of the registry: that person's full name is shown.
Otherwise the account's full name, then its username (an account without a name, e.g. a test or a
system account). ``names_for`` reads the names of many users in one query (the audit page, a list).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from .access import user_scope
from .models import RoleAssignment

_CACHE_ATTR = "_xeploai_person_name"


def _registry_names(user_ids: Iterable[int]) -> dict[int, str]:
    """The registry name of each user that has a MEMBER role naming a person (first assignment wins)."""
    rows = (
        RoleAssignment.objects.filter(user_id__in=list(user_ids), person__isnull=False)
        .order_by("pk")
        .values_list("user_id", "person__full_name")
    )
    names: dict[int, str] = {}
    for user_id, full_name in rows:
        names.setdefault(user_id, full_name)
    return names


def account_name(user: Any) -> str:
    """The account's full name, else its username; "" for no user."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def person_name(user: Any) -> str:
    """The name to show for ``user``: the registry person's name, else the full name, else the username."""
    if user is None or not getattr(user, "pk", None):
        return ""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # The request's scope (read once for the menu and every permission) carries the persons' names.
        named = [g for g in user_scope(user).grants if g.person_name]
        first = min(named, key=lambda g: g.assignment_id or 0) if named else None
        cached = (first.person_name if first else "") or account_name(user)
        setattr(user, _CACHE_ATTR, cached)
    return str(cached)


def names_for(user_ids: Iterable[int]) -> dict[int, str]:
    """The shown name of each user id (registry name, else full name, else username), in two queries."""
    ids = {i for i in user_ids if i is not None}
    names = _registry_names(ids)
    missing = ids - set(names)
    for user in get_user_model().objects.filter(pk__in=missing):
        names[user.pk] = account_name(user)
    return names
