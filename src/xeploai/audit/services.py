"""Record audit events (style example 5): call ``audit_record`` inside the transaction of the change.

One event per change, hash-chained to the one before (``xeploai.audit.chain``). Appends are serialized so
the chain never forks: on PostgreSQL by a transaction advisory lock (then the last row is locked);
SQLite's IMMEDIATE transactions (settings.py) already let one writer in at a time; and ``seq`` is unique,
so two appends that still raced would make one of them fail rather than fork the chain.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from xeploai.audit.chain import GENESIS, compute_hash, to_stored_precision
from xeploai.audit.context import current_context
from xeploai.audit.models import AuditEvent

MAX_LABEL = 255


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The instance's concrete fields as a JSON-safe dict: dates as ISO strings, foreign keys as ids.

    Keys are field names (``party_organization``, not ``party_organization_id``) so the page can show
    the field's label; many-to-many fields and ``exclude`` are left out.
    """
    skip = set(exclude)
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in skip:
            continue
        data[field.name] = _json_value(getattr(instance, field.attname))
    return data


def actor_display(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return (actor.get_full_name() or actor.get_username())[:MAX_LABEL]


def _normalize(value: Any) -> Any:
    """What the database will give back: JSON-encoded and decoded once, so the hash survives storage."""
    if value is None:
        return None
    return json.loads(json.dumps(_json_value(value), cls=DjangoJSONEncoder))


# The key of the PostgreSQL advisory lock that queues appends ("xaud").
APPEND_LOCK = 0x78617564


def _serialize_appends() -> None:
    """On PostgreSQL, wait for the transaction lock of appends before reading the last event.

    Locking the last row alone did not queue appends: a second append waiting on that row read it again
    once the first committed, got the same ``seq`` and failed on the unique index (a 500 under load,
    bench/bench_load.py). Once this lock is held, the next statement sees every committed event. The lock
    ends with the transaction; SQLite's IMMEDIATE transactions already let one writer in at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPEND_LOCK])


@transaction.atomic(savepoint=False)  # part of the caller's change: no savepoint round trips
def audit_record(
    *,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor: Any = None,
    ip: str | None = None,
    subject: models.Model | None = None,
    org_path: str = "",
    label: str = "",
) -> AuditEvent:
    """Append one event to the trail and return it.

    ``actor``/``ip`` default to the audit context (the current request, see ``AuditContextMiddleware``);
    outside any context (a management command) the event has no actor. ``subject`` (a campaigns.Subject)
    defaults to ``obj`` when ``obj`` is one, and ``org_path`` to the subject's path.
    """
    ctx = current_context()
    if actor is None and ctx is not None:
        actor = ctx.actor
    if ip is None and ctx is not None:
        ip = ctx.ip
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # AnonymousUser (a failed login, a public page): no actor
    if subject is None and obj is not None and obj._meta.label_lower == "campaigns.subject":
        subject = obj
    if not org_path and subject is not None:
        org_path = subject.org_path  # type: ignore[attr-defined]
    fields: dict[str, Any] = {
        "created_at": to_stored_precision(timezone.now()),  # what a dump and a restore keep
        "actor_id": actor.pk if actor is not None else None,
        "actor_name": actor_display(actor),
        "ip": ip or None,
        "action": action,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None and obj.pk is not None else "",
        "object_label": (label or (str(obj) if obj is not None else ""))[:MAX_LABEL],
        "subject_id": subject.pk if subject is not None else None,
        "org_path": org_path,
        "before": _normalize(before),
        "after": _normalize(after),
    }
    _serialize_appends()
    last = AuditEvent.objects.select_for_update().order_by("-seq").values("seq", "hash").first()
    fields["seq"] = last["seq"] + 1 if last else 1
    fields["prev_hash"] = last["hash"] if last else GENESIS
    fields["hash"] = compute_hash(fields["prev_hash"], fields)
    event = AuditEvent(**fields)
    event.save(force_insert=True)
    return event
