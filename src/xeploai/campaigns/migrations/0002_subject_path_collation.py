"""Give ``Subject.org_path`` the binary ("C") collation on PostgreSQL, like ``registry.Organization.path``.

Subtree filters are ranges on the path (org_path >= p AND org_path < p || ':'), which need byte order.
SQLite's default BINARY collation already is.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE campaigns_subject ALTER COLUMN org_path TYPE varchar(255) COLLATE "C"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE campaigns_subject ALTER COLUMN org_path TYPE varchar(255) COLLATE "default"'
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_campaign_subject_rating")]
    operations = [migrations.RunPython(forwards, backwards)]
