"""load_content fills an empty database and never overwrites an editor's work."""

import io

from django.apps import apps
from django.core.management import call_command

from nutrients.models import Nutrient, Source


def row_counts():
    return {model.__name__: model.objects.count() for model in apps.get_app_config("nutrients").get_models()}


def run_load_content():
    output = io.StringIO()
    call_command("load_content", stdout=output)
    return output.getvalue()


def test_load_content_skips_a_database_with_content_and_keeps_edits(editors_content):
    nutrient = Nutrient.objects.get(slug="magnesium")
    nutrient.summary = "Edited by an editor."
    nutrient.save()
    counts = row_counts()

    message = run_load_content()

    assert "skipped" in message
    assert Nutrient.objects.get(slug="magnesium").summary == "Edited by an editor."
    assert row_counts() == counts


def test_load_content_fills_an_empty_database(editors_content):
    counts = row_counts()
    # Links first: sources are protected while anything cites them.
    for model in reversed(list(apps.get_app_config("nutrients").get_models())):
        model.objects.all().delete()
    assert not Source.objects.exists()

    message = run_load_content()

    assert "Loaded" in message
    assert row_counts() == counts
