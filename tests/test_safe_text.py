"""Whatever an editor types, a <script> or an attribute trick, readers see as text."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from nutrients.models import Food, Nutrient, Symptom

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_TRICK = '" onmouseover="x'
PAYLOAD = SCRIPT + ATTRIBUTE_TRICK
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
PAGES = [
    "/nutrients/vitamin-b12/",
    "/symptoms/numbness/",
    "/foods/salmon/",
    "/nutrients/",
    "/symptoms/",
    "/foods/",
]


def editor_text_fields(model) -> list[str]:
    """Every field an editor types free text into (not slugs, addresses or choices)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, (models.SlugField, models.URLField))
        and not field.choices
    ]


@pytest.fixture
def hostile_text(content):
    """The payload in every text field of every row (with the row's id, so unique names stay unique)."""
    for model in apps.get_app_config("nutrients").get_models():
        fields = editor_text_fields(model)
        rows = list(model._base_manager.all())
        for row in rows:
            for name in fields:
                setattr(row, name, f"{PAYLOAD}{row.pk}")
        model._base_manager.bulk_update(rows, fields)


def test_the_payload_reaches_every_text_field_of_a_nutrient_symptom_and_food(hostile_text):
    for model, slug in ((Nutrient, "vitamin-b12"), (Symptom, "numbness"), (Food, "salmon")):
        row = model.objects.get(slug=slug)
        assert all(getattr(row, name).startswith(PAYLOAD) for name in editor_text_fields(model))
        assert len(editor_text_fields(model)) >= 4


@pytest.mark.parametrize("url", PAGES)
def test_reader_pages_show_markup_typed_by_an_editor_as_text(client, hostile_text, url):
    page = client.get(url)
    assert page.status_code == 200
    assert ESCAPED_SCRIPT in page.text
    assert SCRIPT not in page.text
    assert 'onmouseover="' not in page.text


def test_a_preview_shows_it_as_text_too(editor_client, hostile_text):
    page = editor_client.get("/preview/nutrients/vitamin-b12/")
    assert ESCAPED_SCRIPT in page.text
    assert SCRIPT not in page.text and 'onmouseover="' not in page.text


def test_no_reader_template_turns_autoescaping_off():
    for template in Path(settings.BASE_DIR, "templates", "nutrients").rglob("*.html"):
        text = template.read_text()
        assert "|safe" not in text and "autoescape off" not in text, template.name
