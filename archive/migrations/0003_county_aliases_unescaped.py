"""County aliases stored as Chinese text rather than \\u escapes, so that an admin search for
an alias finds its county on SQLite as it does on PostgreSQL (jsonb)."""

from django.db import migrations, models

import archive.models


def resave_aliases(apps, schema_editor):
    County = apps.get_model("archive", "County")
    counties = list(County.objects.all())
    County.objects.bulk_update(counties, ["aliases"], batch_size=200)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_load_divisions_and_topics"),
    ]

    operations = [
        migrations.AlterField(
            model_name="county",
            name="aliases",
            field=models.JSONField(
                blank=True,
                default=list,
                encoder=archive.models.UnescapedJSONEncoder,
                verbose_name="别名（简称、旧称）",
            ),
        ),
        migrations.RunPython(resave_aliases, migrations.RunPython.noop),
    ]
