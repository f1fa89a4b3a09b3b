"""Reads of the audit trail, scoped to who may read them.

Who reads events: a superuser (everything), and users holding ORG_COMMISSION, STANDING_COMMITTEE or ADMIN
over the organization the event belongs to (``org_path`` in the role's subtree). Events without an
organization (a command that touched everything) are for the superuser only. The pages of one organization
or one subject ask the permission ``audit.read_events`` (``xeploai.accounts.predicates``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from xeploai.accounts import personal_data as pd
from xeploai.accounts.access import user_scope
from xeploai.accounts.names import names_for
from xeploai.accounts.predicates import AUDIT_ROLES
from xeploai.audit.models import AuditEvent
from xeploai.audit.wording import action_label, field_label, shown_value
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
    """One changed value, in words: the field's label and the values before and after as users read them."""

    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class EventRow:
    """One line of an audit page: the event, its name in words, who did it (a person's name), what changed."""

    event: AuditEvent
    label: str
    actor: str
    changes: list[Change]


def _person_id(event: AuditEvent) -> int | None:
    if event.object_type == "registry.person":
        return int(event.object_id) if event.object_id.isdigit() else None
    for values in (event.after, event.before):
        if isinstance(values, dict) and isinstance(values.get("person"), int):
            return values["person"]
    return None


def event_changes(
    event: AuditEvent, reader: pd.Reader | None = None, names: dict[tuple[str, Any], str] | None = None
) -> list[Change]:
    """The fields that differ between ``before`` and ``after`` (every field for a creation or deletion).

    With ``reader`` (the personal-data policy of the user reading the page), the values of a person's
    governed fields are shown as that user may see them; the person hangs from the event's ``org_path``.
    ``names`` caches the names of linked records across the events of a page.
    """
    names = {} if names is None else names
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
        label = field_label(event.object_type, key)
        shown = (shown_value(event.object_type, key, v, names) for v in (old, new))
        changes.append(Change(key, label, *shown))
    return changes


def event_rows(events: Iterable[AuditEvent], reader: pd.Reader | None = None) -> list[EventRow]:
    """The events of a page in words: names of actors read in one query (a person's name when the account
    names one, else the account's name), linked records named once."""
    events = list(events)
    actors = names_for(e.actor_id for e in events if e.actor_id is not None)
    linked: dict[tuple[str, Any], str] = {}
    return [
        EventRow(
            e,
            action_label(e.action),
            actors.get(e.actor_id or 0) or e.actor_name,
            event_changes(e, reader, linked),
        )
        for e in events
    ]
