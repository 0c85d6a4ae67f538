"""Reader pages: what a reader sees, which queries run, and what an unknown address gets."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nutrients.models import Food, FoodSource, Nutrient, Symptom

PAGES = {
    "home": "/",
    "nutrient list": "/nutrients/",
    "nutrient": "/nutrients/magnesium/",
    "symptom list": "/symptoms/",
    "symptom": "/symptoms/restless-legs/",
    "food list": "/foods/",
    "food": "/foods/spinach/",
    "medicine list": "/medicines/",
    "medicine": "/medicines/statins/",
    "condition list": "/conditions/",
    "condition": "/conditions/peripheral-artery-disease/",
    "relief": "/relief/",
    "about": "/about/",
}
MAX_QUERIES = 10


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_every_reader_page_answers_with_the_disclaimer_and_no_cookie(client, content, url):
    page = client.get(url)
    assert page.status_code == 200
    assert "Education, not diagnosis" in page.text
    assert not page.cookies


def test_home_offers_the_ways_in(client, content):
    page = client.get("/")
    for way_in in ("/nutrients/", "/symptoms/", "/foods/"):
        assert f'href="{way_in}"' in page.text


def test_nutrient_list_groups_vitamins_and_minerals(client, content):
    page = client.get("/nutrients/")
    assert '<h2 id="vitamins">Vitamins</h2>' in page.text
    assert '<h2 id="minerals">Minerals</h2>' in page.text
    for nutrient in Nutrient.objects.published():
        assert nutrient.get_absolute_url() in page.text


def test_nutrient_page_shows_everything_a_reader_needs(client, content):
    magnesium = Nutrient.objects.get(slug="magnesium")
    page = client.get("/nutrients/magnesium/")
    text = page.text
    assert magnesium.summary in text
    assert "Mixed" in text  # the supplement evidence, in words
    for link in magnesium.symptom_links.all():
        assert link.symptom.get_absolute_url() in text
    for amount in magnesium.food_sources.select_related("food"):
        assert amount.food.get_absolute_url() in text
    assert "Recommended Dietary Allowance" in text
    assert "from supplements and fortified foods only" in text  # the UL caveat
    assert "calculated" in text  # % DV worked out where the source did not print it
    for source in magnesium.sources.all():
        assert source.url in text
    assert "Last reviewed on" in text


def test_percent_daily_value_is_calculated_from_the_label_daily_value(client, content):
    row = FoodSource.objects.filter(
        nutrient__slug="magnesium", amount__isnull=False, amount_high__isnull=True, printed_percent_dv__isnull=True
    ).first()
    daily_value = row.nutrient.intakes.get(kind="DV").amount
    expected = round(row.amount * 100 / daily_value)
    page = client.get("/nutrients/magnesium/")
    assert f"{expected}%" in page.text


def test_symptom_page_links_nutrients_with_strength_and_boxes_its_warning_signs(client, content):
    symptom = Symptom.objects.filter(warning_signs__isnull=False).first()
    page = client.get(symptom.get_absolute_url())
    for link in symptom.nutrient_links.all():
        assert link.nutrient.get_absolute_url() in page.text
        assert f"{link.get_strength_display()} link" in page.text
    assert 'class="warning-callout"' in page.text
    assert symptom.warning_signs.first().what_to_do in page.text


def test_food_page_lists_nutrients_and_diet_marks(client, content):
    spinach = Food.objects.get(slug="spinach")
    page = client.get("/foods/spinach/")
    assert "vegan" in page.text
    for amount in spinach.nutrient_amounts.select_related("nutrient"):
        assert amount.nutrient.get_absolute_url() in page.text


def test_about_page_explains_the_rubric_privacy_and_how_to_report(client, content):
    page = client.get("/about/")
    for anchor in ("rubric", "privacy", "accessibility", "disclaimer", "report", "sources"):
        assert f'id="{anchor}"' in page.text


@pytest.mark.parametrize("url", ["/nutrients/unobtainium/", "/symptoms/nope/", "/foods/nope/", "/no-such-page/"])
def test_unknown_addresses_get_the_sites_own_404_page(client, content, url):
    page = client.get(url)
    assert page.status_code == 404
    assert "Page not found" in page.text
    assert 'href="/nutrients/"' in page.text


def test_drafts_are_hidden_from_readers(client, content):
    food = FoodSource.objects.filter(nutrient__slug="vitamin-k").first().food
    Nutrient.objects.filter(slug="vitamin-k").update(status="draft")
    assert client.get("/nutrients/vitamin-k/").status_code == 404
    assert "/nutrients/vitamin-k/" not in client.get("/nutrients/").text
    assert "/nutrients/vitamin-k/" not in client.get(food.get_absolute_url()).text


def test_editor_text_is_escaped(client, content):
    Nutrient.objects.filter(slug="iron").update(summary='<script>alert("x")</script>')
    page = client.get("/nutrients/iron/")
    assert '<script>alert("x")</script>' not in page.text
    assert "&lt;script&gt;" in page.text


def query_counts(client):
    counts = {}
    for name, url in PAGES.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def test_each_page_runs_the_same_few_queries_with_ten_times_the_content(client, content):
    before = query_counts(client)
    call_command("generate_content", times=10, verbosity=0)
    assert Nutrient.objects.count() >= 100
    after = query_counts(client)
    assert after == before
    assert max(after.values()) <= MAX_QUERIES


@pytest.mark.parametrize("url", ["/", "/nutrients/magnesium/", "/compare/", "/search/?q=iron", "/healthz"])
def test_head_requests_from_link_checkers_and_load_balancers_are_answered(client, content, url):
    page = client.head(url)
    assert page.status_code == 200
    assert page.content == b""


def test_other_methods_are_refused(client, content):
    assert client.post("/nutrients/magnesium/").status_code == 405


def test_about_page_says_how_the_questionnaire_decides_and_what_it_cannot_do(client, content):
    page = client.get("/about/")
    assert 'id="questionnaire"' in page.text
    assert "Warning signs first." in page.text
    assert "The likelier cause before any nutrient." in page.text
    assert "What it cannot do." in page.text
