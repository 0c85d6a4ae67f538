"""The Editors group gets the same permissions on the new medicine and condition
models (and their link rows) as on every other content model."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nutrients.editors import sync_editors_group


def update_editors_group(apps, schema_editor):
    app_config = apps.get_app_config("nutrients")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    sync_editors_group(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("nutrients", "0005_medicines_and_conditions")]

    operations = [migrations.RunPython(update_editors_group, migrations.RunPython.noop)]
