"""PostgreSQL: tell the planner how many distinct cells and workplaces people have.

ANALYZE estimates the number of distinct values of a column from a sample; for ``party_organization_id``
and ``workplace_id`` (a few dozen people each) it found 32,486 where the nation demo has 126,592, so a
province's people (``party_organization_id IN (…its 3,500 organizations…)``) looked like a sixth of the
table and were read by a sequential scan (1.9 s) instead of the index (0.19 s). A negative ``n_distinct``
is a fraction of the rows: -0.05 gives, for a province's organizations (half of them committees and agencies
with nobody attached), estimates within a quarter of the rows found (72,000 for 88,000; -0.02 still gave
350,000 and the sequential scan).
It takes effect at the next ANALYZE (the demo loader runs one). Nothing on SQLite.
"""

from django.db import migrations

COLUMNS = ("party_organization_id", "workplace_id")


def forwards(apps, schema_editor):  # noqa: ANN001, ARG001
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE registry_person ALTER COLUMN {column} SET (n_distinct = -0.05)")


def backwards(apps, schema_editor):  # noqa: ANN001, ARG001
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE registry_person ALTER COLUMN {column} RESET (n_distinct)")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_binary_collation")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
