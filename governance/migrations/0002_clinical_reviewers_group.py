"""The Clinical reviewers group, and what editors may do with governance rows."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from governance.groups import sync_reviewers_group
from governance.models import CLINICAL_REVIEWERS_GROUP
from nutrients.editors import sync_editors_group


def make_groups(apps, schema_editor):
    # Django makes permission rows only after the whole migrate run: make these apps' now.
    for label in ("nutrients", "governance"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    sync_reviewers_group(apps=apps)
    sync_editors_group(apps=apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CLINICAL_REVIEWERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("nutrients", "0011_relief_strategy_order"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
