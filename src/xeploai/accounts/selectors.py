"""Reads scoped to what a user may see: the subtrees of the organizations their roles are held at.

Thin names over ``xeploai.accounts.access.user_scope``, which reads the user's roles once per request.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from xeploai.accounts.access import organizations_visible_to, user_scope

__all__ = ["organizations_visible_to", "user_root_paths"]


def user_root_paths(user: AbstractBaseUser | AnonymousUser) -> list[str] | None:
    """Paths of the subtrees ``user`` may read; None means everything (superuser)."""
    scope = user_scope(user)
    return None if scope.everything else scope.root_paths
