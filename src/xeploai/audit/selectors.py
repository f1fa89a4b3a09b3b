"""Reads of the audit trail, scoped to who may read them.

Who reads events: a superuser (everything), and users holding ORG_COMMISSION, STANDING_COMMITTEE or ADMIN
over the organization the event belongs to (``org_path`` in the role's subtree). Events without an
organization (a command that touched everything) are for the superuser only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet

from xeploai.accounts.access import user_scope
from xeploai.accounts.models import Role
from xeploai.audit.models import AuditEvent
from xeploai.registry.models import PATH_END, minimal_paths

AUDIT_ROLES = frozenset({Role.ORG_COMMISSION, Role.STANDING_COMMITTEE, Role.ADMIN})


def audit_root_paths(user: AbstractBaseUser | AnonymousUser) -> list[str] | None:
    """Paths of the subtrees whose events ``user`` may read; None means everything (superuser)."""
    scope = user_scope(user)
    if scope.everything:
        return None
    return minimal_paths(g.path for g in scope.grants if g.role in AUDIT_ROLES)


def may_read_audit(user: AbstractBaseUser | AnonymousUser, path: str) -> bool:
    return user_scope(user).has_role(AUDIT_ROLES, path)


def events_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[AuditEvent]:
    paths = audit_root_paths(user)
    events = AuditEvent.objects.select_related("subject")
    if paths is None:
        return events
    if not paths:
        return events.none()
    cond = Q()
    for p in paths:
        cond |= Q(org_path__gte=p, org_path__lt=p + PATH_END)
    return events.filter(cond)


def events_in_subtree(*, path: str) -> QuerySet[AuditEvent]:
    """Every event of the subtree at ``path`` (the caller has checked the user may read it)."""
    return AuditEvent.objects.filter(org_path__gte=path, org_path__lt=path + PATH_END)


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    label: str
    before: Any
    after: Any


def _field_label(object_type: str, name: str) -> str:
    try:
        model = apps.get_model(object_type)
        return str(model._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name


def event_changes(event: AuditEvent) -> list[Change]:
    """The fields that differ between ``before`` and ``after`` (every field for a creation or deletion)."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        old, new = before.get(key), after.get(key)
        if key in before and key in after and old == new:
            continue
        changes.append(Change(key, _field_label(event.object_type, key), old, new))
    return changes
