"""Subject.decided_level: the level of the subject's latest DECIDED rating, filled for existing rows.

From now on ``campaigns.current`` keeps it whenever DECIDED rows are appended. The fill here is the same
definition (latest DECIDED row by id), written as one statement per database: PostgreSQL joins the
latest rows found with DISTINCT ON; SQLite looks each subject's latest row up in the (subject, stage, id)
index. Subjects without a DECIDED row keep None.
"""

from django.db import migrations, models

import xeploai.campaigns.models


def fill(apps, schema_editor):
    quote = schema_editor.quote_name
    subject = quote(apps.get_model("campaigns", "Subject")._meta.db_table)
    rating = quote(apps.get_model("campaigns", "Rating")._meta.db_table)
    if schema_editor.connection.vendor == "postgresql":
        sql = (
            f"UPDATE {subject} s SET decided_level = latest.level FROM ("
            f"SELECT DISTINCT ON (subject_id) subject_id, level FROM {rating} WHERE stage = 'DECIDED' "
            f"ORDER BY subject_id, id DESC) latest WHERE s.id = latest.subject_id"
        )
    else:
        sql = (
            f"UPDATE {subject} SET decided_level = (SELECT r.level FROM {rating} r "
            f"WHERE r.subject_id = {subject}.id AND r.stage = 'DECIDED' ORDER BY r.id DESC LIMIT 1) "
            f"WHERE id IN (SELECT subject_id FROM {rating} WHERE stage = 'DECIDED')"
        )
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0005_subject_fillfactor")]

    operations = [
        migrations.AddField(
            model_name="subject",
            name="decided_level",
            field=models.PositiveSmallIntegerField(
                blank=True, choices=xeploai.campaigns.models.level_choices, editable=False, null=True,
                verbose_name="mức đã quyết định",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
