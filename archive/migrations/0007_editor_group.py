"""The 编辑 (editor) group: may correct articles, bylines, reporters, topics and source pages, not users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "编辑"
# (model, actions): every model an editor works on; County is read-only reference data.
GRANTS = [
    ("article", ("view", "add", "change", "delete")),
    ("byline", ("view", "add", "change", "delete")),
    ("reporter", ("view", "add", "change", "delete")),
    ("topic", ("view", "change")),
    ("sourcepage", ("view", "change")),
    ("county", ("view",)),
    ("articleredirect", ("view",)),
    ("boundarycorrection", ("view",)),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; this one needs them now.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model, actions in GRANTS for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_editing_redirects_and_corrections"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
