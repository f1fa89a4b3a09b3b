"""Refuse UPDATE and DELETE on the audit trail in the database itself, on PostgreSQL and SQLite alike.

TRUNCATE is left possible on PostgreSQL (it is how test databases are flushed); on SQLite a flush is a
DELETE, so a test that flushes (``transaction=True``) with audit rows must drop the triggers first.
"""

from django.db import migrations

PG_CREATE = """
CREATE OR REPLACE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;
DROP FUNCTION IF EXISTS audit_event_refuse();
"""
SQLITE_CREATE = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: DELETE refused'); END",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_event_no_update", "DROP TRIGGER IF EXISTS audit_event_no_delete"]


def _run(schema_editor, *, postgresql: list[str], sqlite: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    statements = postgresql if vendor == "postgresql" else sqlite if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql, None)  # no parameters: "%" is literal


def create_triggers(apps, schema_editor) -> None:
    _run(schema_editor, postgresql=[PG_CREATE], sqlite=SQLITE_CREATE)


def drop_triggers(apps, schema_editor) -> None:
    _run(schema_editor, postgresql=[PG_DROP], sqlite=SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
