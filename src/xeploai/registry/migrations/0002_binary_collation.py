"""Give the tree path and the name sort key a binary ("C") collation on PostgreSQL.

Subtree queries are ranges on the path (path >= p AND path < p || ':') and people are ordered by the
hex of their ICU sort keys; both need byte order. SQLite's default BINARY collation already is.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, size in (
        ("registry_organization", "path", 255),
        ("registry_person", "name_sort", 400),
    ):
        schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar({size}) COLLATE "C"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, size in (
        ("registry_organization", "path", 255),
        ("registry_person", "name_sort", 400),
    ):
        schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar({size}) COLLATE "default"')


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
