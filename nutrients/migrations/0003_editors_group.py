"""The Editors group, with permission to curate content and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nutrients.editors import EDITORS_GROUP, sync_editors_group


def create_editors_group(apps, schema_editor):
    # Django makes permission rows only after the whole migrate run, so on a
    # fresh database they do not exist yet: make this app's now.
    app_config = apps.get_app_config("nutrients")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    sync_editors_group(apps=apps)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("nutrients", "0002_help_text_on_every_field"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
