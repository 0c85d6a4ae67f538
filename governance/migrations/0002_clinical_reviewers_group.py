"""The Clinical reviewers group, and what editors may do with governance rows."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nutrients.editors import sync_editors_group

REVIEWERS = "Clinical reviewers"


def permissions(apps, *codenames):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label__in=["nutrients", "governance"], codename__in=codenames
    )


def make_groups(apps, schema_editor):
    # Django makes permission rows only after the whole migrate run: make these apps' now.
    for label in ("nutrients", "governance"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    group = apps.get_model("auth", "Group")
    reviewers, _ = group.objects.get_or_create(name=REVIEWERS)
    content_views = [f"view_{model._meta.model_name}" for model in apps.get_app_config("nutrients").get_models()]
    reviewers.permissions.set(
        permissions(
            apps,
            *content_views,
            "approve_pendingrevision",
            "view_pendingrevision",
            "view_problemreport",
            "change_problemreport",
            "view_clinicalreviewer",
        )
    )
    sync_editors_group(apps=apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("nutrients", "0011_relief_strategy_order"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
