"""The editors' admin stays fast as the content grows: each edit screen and list
runs a fixed handful of queries, an edit screen is the same size with ten times
the nutrients and foods, and link rows are still added on a page's own screen."""

import json
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from nutrients.models import Food, FoodSource, Nutrient, RiskFactor, RiskFactorLink, Source, Symptom, SymptomLink
from tests.admin_pages import change_form_data, inline_row
from tests.conftest import approve_waiting

PAGES = {"nutrient": "magnesium", "symptom": "leg-cramps", "food": "spinach", "riskfactor": "vegan"}
LINK_LISTS = ["symptomlink", "foodsource", "intakereference", "riskfactorlink", "relatednutrient"]
# The session, the user and their second factor, the editor's permissions, the
# page's latest revision (for ContentForm), the page and each of its inlines.
# A nutrient's screen: one more for the sources of its supplement evidence, one for a change waiting for review.
MAX_QUERIES = 19


def admin_url(model_name: str, view: str, *args) -> str:
    return reverse(f"admin:nutrients_{model_name}_{view}", args=args)


def change_url(obj) -> str:
    return admin_url(obj._meta.model_name, "change", obj.pk)


def screens() -> dict[str, str]:
    urls = {}
    for model_name, slug in PAGES.items():
        urls[f"{model_name} change"] = change_url(apps.get_model("nutrients", model_name).objects.get(slug=slug))
    for model_name in [*PAGES, *LINK_LISTS]:
        urls[f"{model_name} list"] = admin_url(model_name, "changelist")
    urls["food autocomplete"] = (
        "/admin/autocomplete/?app_label=nutrients&model_name=foodsource&field_name=food&term=spin"
    )
    return urls


@dataclass(frozen=True)
class Screen:
    queries: int
    size: int
    filter_choices: int  # how many choices a list's filter sidebar offers


def measure(client) -> dict[str, Screen]:
    measured = {}
    for name, url in screens().items():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200, name
        changelist = page.context and page.context.get("cl")
        choices = sum(len(list(spec.choices(changelist))) for spec in changelist.filter_specs) if changelist else 0
        measured[name] = Screen(len(queries), len(page.content), choices)
    return measured


def test_edit_screens_and_lists_stay_fast_and_small_with_ten_times_the_content(editor_client):
    before = measure(editor_client)
    nutrients, foods = Nutrient.objects.count(), Food.objects.count()
    call_command("generate_content", times=10, verbosity=0)
    assert Nutrient.objects.count() >= 10 * nutrients and Food.objects.count() >= 10 * foods
    # More than one admin list page (100 rows) of each.
    assert Nutrient.objects.count() > 100 and Food.objects.count() > 100
    after = measure(editor_client)

    too_many = {
        name: (before[name].queries, screen.queries)
        for name, screen in after.items()
        if screen.queries > min(before[name].queries, MAX_QUERIES)
    }
    assert too_many == {}
    for name, screen in after.items():
        if name.endswith("change"):
            assert screen.size <= before[name].size * 1.01, name  # no menu of every food or nutrient
        assert screen.filter_choices == before[name].filter_choices, name  # no filter listing every nutrient


def option(obj) -> str:
    return f'<option value="{obj.pk}" selected>{obj}</option>'


def test_each_row_names_what_it_links_to(editor_client):
    magnesium = Nutrient.objects.get(slug="magnesium")
    page = editor_client.get(change_url(magnesium)).text
    for link in magnesium.food_sources.select_related("food", "source"):
        assert option(link.food) in page
        if link.source:
            assert option(link.source) in page
    for link in magnesium.symptom_links.select_related("symptom"):
        assert option(link.symptom) in page


def test_an_editor_adds_a_symptom_to_a_nutrient_on_the_nutrients_page(editor_client, reviewer):
    magnesium = Nutrient.objects.get(slug="magnesium")
    symptom = Symptom.objects.exclude(nutrient_links__nutrient=magnesium).first()
    data = inline_row(
        change_form_data(editor_client.get(change_url(magnesium))),
        "symptom_links",
        symptom=symptom.pk,
        strength=SymptomLink.Strength.POSSIBLE,
        why="Added in a test.",
    )
    assert editor_client.post(change_url(magnesium), data).status_code == 302
    assert approve_waiting(reviewer), "a new symptom link waits for a clinical reviewer"
    assert SymptomLink.objects.get(nutrient=magnesium, symptom=symptom).why == "Added in a test."
    assert option(symptom) in editor_client.get(change_url(magnesium)).text


def test_an_editor_adds_an_amount_of_a_nutrient_on_the_foods_page(editor_client, reviewer):
    spinach = Food.objects.get(slug="spinach")
    b12 = Nutrient.objects.get(slug="vitamin-b12")
    source = Source.objects.first()
    assert not spinach.nutrient_amounts.filter(nutrient=b12).exists()
    data = inline_row(
        change_form_data(editor_client.get(change_url(spinach))),
        "nutrient_amounts",
        nutrient=b12.pk,
        preparation="raw",
        serving="1 cup",
        amount="0.5",
        unit="mcg",
        source=source.pk,
    )
    assert editor_client.post(change_url(spinach), data).status_code == 302
    assert approve_waiting(reviewer), "a new amount waits for a clinical reviewer"
    added = FoodSource.objects.get(food=spinach, nutrient=b12)
    assert (added.amount, added.source) == (Decimal("0.5"), source)
    assert editor_client.get("/foods/spinach/").status_code == 200


def test_a_refused_row_keeps_the_food_the_editor_chose(editor_client):
    magnesium = Nutrient.objects.get(slug="magnesium")
    bananas = Food.objects.get(slug="bananas")
    data = change_form_data(editor_client.get(change_url(magnesium)))
    row = next(i for i in range(int(data["food_sources-TOTAL_FORMS"])) if data.get(f"food_sources-{i}-amount"))
    data[f"food_sources-{row}-food"] = bananas.pk
    data[f"food_sources-{row}-unit"] = "IU"  # magnesium is measured in mg
    page = editor_client.post(change_url(magnesium), data)
    assert "Magnesium is measured in mg, not IU." in page.text
    chosen = re.search(rf'<select name="food_sources-{row}-food".*?</select>', page.text, re.S).group(0)
    assert option(bananas) in chosen


def test_the_food_autocomplete_finds_foods_by_name(editor_client):
    page = editor_client.get(screens()["food autocomplete"])
    names = [result["text"] for result in json.loads(page.content)["results"]]
    assert "Spinach" in names


# A risk factor can apply to every nutrient: its page links to its links.


@pytest.fixture
def vegan(content):
    return RiskFactor.objects.get(slug="vegan")


def links_on(page) -> dict[str, str]:
    """The risk factor page's links to its nutrient links, by their text."""
    found = re.findall(r'<a href="(/admin/nutrients/riskfactorlink/[^"]*)">([^<]+)</a>', page.text)
    return {text: href for href, text in found}


def test_a_risk_factors_page_counts_its_nutrients_and_lists_them_a_click_away(editor_client, vegan):
    page = editor_client.get(change_url(vegan))
    count = vegan.nutrient_links.count()
    assert f"Linked to {count} nutrients." in page.text
    assert "nutrient_links-TOTAL_FORMS" not in page.text  # no row per nutrient
    listed = editor_client.get(links_on(page)["See and edit the links"]).context["cl"].result_list
    assert sorted(link.pk for link in listed) == sorted(vegan.nutrient_links.values_list("pk", flat=True))


def test_an_editor_links_another_nutrient_from_a_risk_factors_page(editor_client, vegan, reviewer):
    nutrient = Nutrient.objects.exclude(risk_links__risk_factor=vegan).first()
    add_url = links_on(editor_client.get(change_url(vegan)))["link another nutrient"]
    add_page = editor_client.get(add_url)
    assert option(vegan) in add_page.text
    data = {**change_form_data(add_page), "nutrient": nutrient.pk, "why": "Added in a test."}
    assert editor_client.post(add_url, data).status_code == 200, "a link without a source is refused"
    data["citations-0-source"] = Source.objects.first().pk
    assert editor_client.post(add_url, data).status_code == 302
    assert approve_waiting(reviewer), "a new claim with its source waits for a clinical reviewer"
    assert RiskFactorLink.objects.get(risk_factor=vegan, nutrient=nutrient).why == "Added in a test."


def test_a_deleted_risk_factor_is_recovered_with_its_nutrient_links(editor_client, vegan, reviewer):
    links = set(vegan.nutrient_links.values_list("nutrient__slug", "why"))
    assert editor_client.post(admin_url("riskfactor", "delete", vegan.pk), {"post": "yes"}).status_code == 302
    assert approve_waiting(reviewer), "deleting it takes its links: a clinical reviewer approves that"
    assert not RiskFactorLink.objects.filter(risk_factor_id=vegan.pk).exists()
    deleted = Version.objects.get_deleted(RiskFactor).get(object_id=str(vegan.pk))
    recover_url = admin_url("riskfactor", "recover", deleted.pk)
    assert editor_client.post(recover_url, change_form_data(editor_client.get(recover_url))).status_code == 302
    assert approve_waiting(reviewer), "so does bringing them back"
    assert set(RiskFactor.objects.get(slug="vegan").nutrient_links.values_list("nutrient__slug", "why")) == links


def test_the_link_lists_find_a_nutrients_links_by_searching_its_name(editor_client):
    page = editor_client.get(admin_url("foodsource", "changelist"), {"q": "magnesium"})
    found = page.context["cl"].result_list
    assert {link.nutrient.slug for link in found} == {"magnesium"}
    assert len(found) == FoodSource.objects.filter(nutrient__slug="magnesium").count()
    assert "Search by food or nutrient name" in page.text
