"""The edit screens editors use: a nutrient's links on one page with autocomplete,
help text on every field, validation in plain words, the review-age filter."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from nutrients.models import Food, FoodSource, IntakeReference, Nutrient, Source, Status
from tests.admin_pages import change_form_data, inline_row
from tests.conftest import approve_waiting

CONTENT_MODELS = list(apps.get_app_config("nutrients").get_models())


def change_url(obj) -> str:
    return reverse(f"admin:nutrients_{obj._meta.model_name}_change", args=[obj.pk])


def select_tag(page, name: str) -> str:
    return re.search(rf'<select[^>]*name="{re.escape(name)}"[^>]*>', page.text).group(0)


@pytest.fixture
def magnesium(content):
    return Nutrient.objects.get(slug="magnesium")


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_field_an_editor_fills_in_has_help_text(model):
    fields = [field for field in model._meta.get_fields() if field.concrete and not field.auto_created]
    assert fields
    assert [field.name for field in fields if not field.help_text] == []


def test_the_edit_screen_shows_the_help_text(editor_client, magnesium):
    page = editor_client.get(change_url(magnesium))
    assert "The last part of the page's address" in page.text  # admin renders help text unescaped


def test_a_nutrients_symptoms_foods_intakes_risk_groups_and_sources_are_on_its_page_with_autocomplete(
    editor_client, magnesium
):
    page = editor_client.get(change_url(magnesium))
    for name in (
        "symptom_links-__prefix__-symptom",
        "food_sources-__prefix__-food",
        "food_sources-__prefix__-source",
        "intakes-__prefix__-source",
        "risk_links-__prefix__-risk_factor",
        "related_links-__prefix__-related",
        "sources",
    ):
        assert "admin-autocomplete" in select_tag(page, name), name


def add_food_amount(client, nutrient, **row):
    page = client.get(change_url(nutrient))
    data = inline_row(change_form_data(page), "food_sources", **row)
    return client.post(change_url(nutrient), data)


@pytest.mark.parametrize(
    "unit, cited, message",
    [
        ("IU", True, "Magnesium is measured in mg, not IU."),
        ("mg", False, "Where does this number come from? Choose its source, or leave the amount empty."),
    ],
    ids=["a unit the nutrient does not use", "a number without a source"],
)
def test_a_food_amount_that_cannot_be_right_is_refused_in_plain_words(editor_client, magnesium, unit, cited, message):
    before = FoodSource.objects.count()
    source = {"source": Source.objects.first().pk} if cited else {}
    page = add_food_amount(
        editor_client,
        magnesium,
        food=Food.objects.get(slug="bananas").pk,
        preparation="mashed",
        serving="1 medium",
        amount="10",
        unit=unit,
        **source,
    )
    assert page.status_code == 200
    assert message in page.text
    assert FoodSource.objects.count() == before


def test_an_intake_without_a_source_is_questioned(editor_client, magnesium):
    page = editor_client.get(change_url(magnesium))
    data = inline_row(change_form_data(page), "intakes", kind="RDA", group="Test group", amount="10", unit="mg")
    page = editor_client.post(change_url(magnesium), data)
    assert "Where does this number come from? Choose its source." in page.text
    assert not IntakeReference.objects.filter(group="Test group").exists()


def test_a_food_named_without_any_amount_is_accepted(editor_client, magnesium, reviewer):
    page = add_food_amount(editor_client, magnesium, food=Food.objects.get(slug="bananas").pk, preparation="mashed")
    assert page.status_code == 302
    assert approve_waiting(reviewer), "a new food row on a published page waits for a clinical reviewer"
    assert FoodSource.objects.filter(nutrient=magnesium, food__slug="bananas", preparation="mashed").exists()


def test_the_review_filter_lists_pages_whose_review_is_over_a_year_old(editor_client, magnesium):
    today = timezone.localdate()
    Nutrient.objects.update(reviewed_on=today)
    Nutrient.objects.filter(slug="magnesium").update(reviewed_on=today - timedelta(days=366))
    Nutrient.objects.filter(slug="iron").update(reviewed_on=today - timedelta(days=365))
    page = editor_client.get(reverse("admin:nutrients_nutrient_changelist"), {"review": "overdue"})
    assert [nutrient.slug for nutrient in page.context["cl"].result_list] == ["magnesium"]
    assert "Review over a year old" in page.text


def test_the_review_filter_also_finds_pages_never_reviewed(editor_client):
    Food.objects.filter(slug="spinach").update(reviewed_on=None, status=Status.DRAFT)
    page = editor_client.get(reverse("admin:nutrients_food_changelist"), {"review": "never"})
    assert [food.slug for food in page.context["cl"].result_list] == ["spinach"]


def test_view_on_site_opens_the_preview_for_a_draft_and_the_reader_page_once_published(editor_client):
    spinach = Food.objects.get(slug="spinach")
    assert 'href="/foods/spinach/"' in editor_client.get(change_url(spinach)).text
    Food.objects.filter(pk=spinach.pk).update(status=Status.DRAFT)
    assert 'href="/preview/foods/spinach/"' in editor_client.get(change_url(spinach)).text
