"""Reads of the audit trail, scoped to who may read them.

Who reads events: a superuser (everything), and users holding ORG_COMMISSION, STANDING_COMMITTEE or ADMIN
over the organization the event belongs to (``org_path`` in the role's subtree). Events without an
organization (a command that touched everything) are for the superuser only. The pages of one organization
or one subject ask the permission ``audit.read_events`` (``xeploai.accounts.predicates``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet

from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import user_scope
from xeploai.accounts.predicates import AUDIT_ROLES
from xeploai.audit.models import AuditEvent
from xeploai.registry.models import in_subtree, minimal_paths

# Fields of the audited objects that the personal-data policy governs: object type → field → policy field.
POLICY_FIELDS = {
    "registry.person": {
        "citizen_id": pd.CITIZEN_ID, "party_card_number": pd.PARTY_CARD, "birth_date": pd.BIRTH_DATE,
    },
    "registry.statusperiod": {"note": pd.STATUSES},
    "registry.discipline": {"note": pd.DISCIPLINE},
}


def audit_root_paths(user: AbstractBaseUser | AnonymousUser) -> list[str] | None:
    """Paths of the subtrees whose events ``user`` may read; None means everything (superuser)."""
    scope = user_scope(user)
    if scope.everything:
        return None
    return minimal_paths(g.path for g in scope.grants if g.role in AUDIT_ROLES)


def events_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[AuditEvent]:
    paths = audit_root_paths(user)
    events = AuditEvent.objects.select_related("subject")
    if paths is None:
        return events
    if not paths:
        return events.none()
    return events.filter(in_subtree("org_path", paths))


def events_in_subtree(*, path: str) -> QuerySet[AuditEvent]:
    """Every event of the subtree at ``path`` (the caller has checked the user may read it)."""
    return AuditEvent.objects.filter(in_subtree("org_path", path))


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    label: str
    before: Any
    after: Any


def _field_label(object_type: str, name: str) -> str:
    """The label of a changed field; a relation from another model (a campaign's "subjects") is named by
    that model's plural, as it has no label of its own."""
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    if field.auto_created and not field.concrete:
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


def _person_id(event: AuditEvent) -> int | None:
    if event.object_type == "registry.person":
        return int(event.object_id) if event.object_id.isdigit() else None
    for values in (event.after, event.before):
        if isinstance(values, dict) and isinstance(values.get("person"), int):
            return values["person"]
    return None


def event_changes(event: AuditEvent, reader: pd.Reader | None = None) -> list[Change]:
    """The fields that differ between ``before`` and ``after`` (every field for a creation or deletion).

    With ``reader`` (the personal-data policy of the user reading the page), the values of a person's
    governed fields are shown as that user may see them; the person hangs from the event's ``org_path``.
    """
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    governed = POLICY_FIELDS.get(event.object_type, {}) if reader is not None else {}
    levels = reader.levels(_person_id(event), [event.org_path]) if reader is not None and governed else {}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        old, new = before.get(key), after.get(key)
        if key in before and key in after and old == new:
            continue
        if key in governed:
            name = governed[key]
            old, new = pd.shown(name, old, levels[name]), pd.shown(name, new, levels[name])
        changes.append(Change(key, _field_label(event.object_type, key), old, new))
    return changes
