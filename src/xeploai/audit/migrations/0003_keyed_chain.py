"""Re-key the audit trail once: plain SHA-256 links become HMAC-SHA256 links with ``XEPLOAI_AUDIT_KEY``,
and each ``created_at`` is cut to the millisecond (ADR 0005).

The old chain is verified with the old scheme first; a broken chain is refused, naming the row, and
nothing is written (re-keying it would launder the change). The append-only triggers of migration 0002
are lifted and recreated inside this migration's transaction, on PostgreSQL and SQLite alike. Both
schemes are frozen here, so later changes to ``xeploai.audit.chain`` do not change what this step does.
"""

import datetime as dt
import hashlib
import hmac
import importlib
import json
from collections.abc import Callable

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "created_at", "actor_id", "actor_name", "ip", "action", "object_type", "object_id",
    "object_label", "subject_id", "org_path", "before", "after",
)
BATCH = 1000
Link = Callable[[str, dict], str]


def payload(row: dict, timespec: str) -> bytes:
    data = {name: row[name] for name in HASHED_FIELDS}
    data["created_at"] = data["created_at"].astimezone(dt.UTC).isoformat(timespec=timespec)
    data["ip"] = data["ip"] or None
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_link(prev_hash: str, row: dict) -> str:
    """The scheme before this migration: no key, timestamps to the microsecond."""
    return hashlib.sha256(prev_hash.encode() + payload(row, "microseconds")).hexdigest()


def keyed_link(prev_hash: str, row: dict) -> str:
    key = str(settings.XEPLOAI_AUDIT_KEY).encode()
    return hmac.new(key, prev_hash.encode() + payload(row, "milliseconds"), hashlib.sha256).hexdigest()


def batches(model):
    """The rows in ``seq`` order, a batch at a time (paged by ``seq``, so updates do not disturb it)."""
    last = 0
    while batch := list(model.objects.filter(seq__gt=last).order_by("seq")[:BATCH]):
        yield batch
        last = batch[-1].seq


def check(model, link: Link) -> None:
    prev_hash, expected = GENESIS, 1
    for batch in batches(model):
        for event in batch:
            row = {name: getattr(event, name) for name in HASHED_FIELDS}
            if event.seq != expected or event.prev_hash != prev_hash or link(prev_hash, row) != event.hash:
                raise RuntimeError(
                    f"audit_event: the chain is broken at seq {event.seq} (id {event.pk}); it is not re-keyed. "
                    "Restore the trail from a backup or investigate before migrating (docs/adr/0005)."
                )
            prev_hash, expected = event.hash, event.seq + 1


def rechain(model, schema_editor, link: Link) -> None:
    """Rewrite every link with ``link``: one parameterized UPDATE per row, sent as a batch (executemany)."""
    connection, prev_hash = schema_editor.connection, GENESIS
    sql = f"UPDATE {model._meta.db_table} SET created_at = %s, prev_hash = %s, hash = %s WHERE id = %s"
    for batch in batches(model):
        params = []
        for event in batch:
            event.created_at = event.created_at.replace(microsecond=event.created_at.microsecond // 1000 * 1000)
            row = {name: getattr(event, name) for name in HASHED_FIELDS}
            new_hash = link(prev_hash, row)
            created_at = connection.ops.adapt_datetimefield_value(event.created_at)
            params.append((created_at, prev_hash, new_hash, event.pk))
            prev_hash = new_hash
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def convert(apps, schema_editor, *, old: Link, new: Link) -> None:
    model = apps.get_model("audit", "AuditEvent")
    if not model.objects.exists():
        return
    check(model, old)
    triggers = importlib.import_module("xeploai.audit.migrations.0002_append_only_triggers")
    triggers.drop_triggers(apps, schema_editor)
    rechain(model, schema_editor, new)
    triggers.create_triggers(apps, schema_editor)


def forwards(apps, schema_editor) -> None:
    convert(apps, schema_editor, old=sha256_link, new=keyed_link)


def backwards(apps, schema_editor) -> None:
    convert(apps, schema_editor, old=keyed_link, new=sha256_link)


class Migration(migrations.Migration):
    atomic = True  # the triggers are never left lifted: a failure rolls everything back
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
