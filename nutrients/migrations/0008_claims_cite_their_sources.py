"""Each warning sign's, medicine link's and relief strategy's source becomes its
first citation, before those single-source fields are removed; the Editors
group gets the same permissions on the citation models as on every other."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nutrients.editors import sync_editors_group

SINGLE_SOURCE = [
    ("WarningSign", "WarningSignCitation"),
    ("MedicineNutrientLink", "MedicineNutrientCitation"),
    ("MedicineSymptomLink", "MedicineSymptomCitation"),
]


def copy_sources(apps, schema_editor):
    for model_name, citation_name in SINGLE_SOURCE:
        citation = apps.get_model("nutrients", citation_name)
        citation.objects.bulk_create(
            citation(claim=claim, source_id=claim.source_id)
            for claim in apps.get_model("nutrients", model_name).objects.all()
        )
    strategy_citation = apps.get_model("nutrients", "ReliefStrategyCitation")
    for strategy in apps.get_model("nutrients", "ReliefStrategy").objects.prefetch_related("sources"):
        strategy_citation.objects.bulk_create(
            strategy_citation(claim=strategy, source=source) for source in strategy.sources.all()
        )


def update_editors_group(apps, schema_editor):
    app_config = apps.get_app_config("nutrients")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    sync_editors_group(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("nutrients", "0007_citations")]

    operations = [
        migrations.RunPython(copy_sources, migrations.RunPython.noop),
        migrations.RunPython(update_editors_group, migrations.RunPython.noop),
    ]
