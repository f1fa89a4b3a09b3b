"""Reads scoped to what a user may see: the subtrees of the organizations their roles are held at."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from xeploai.registry.models import Organization, OrganizationQuerySet


def user_root_paths(user: AbstractBaseUser | AnonymousUser) -> list[str] | None:
    """Paths of the subtrees ``user`` may read; None means everything (superuser)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:  # type: ignore[union-attr]
        return None
    paths = sorted(
        set(user.role_assignments.values_list("organization__path", flat=True))  # type: ignore[union-attr]
    )
    # Drop paths already covered by a shorter one, so the range conditions stay few.
    kept: list[str] = []
    for p in paths:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def organizations_visible_to(user: AbstractBaseUser | AnonymousUser) -> OrganizationQuerySet:
    """The organizations ``user`` may read."""
    paths = user_root_paths(user)
    if paths is None:
        return Organization.objects.all()
    return Organization.objects.within_any(paths)
