"""Reader pages: what a reader sees, which queries run, and what an unknown address gets."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.pages import CONTENT_PAGES
from nutrients.models import (
    URGENCY_ORDER,
    Condition,
    Food,
    FoodSource,
    IntakeReference,
    Medicine,
    Nutrient,
    ReliefStrategy,
    Source,
    Symptom,
    SymptomLink,
    WarningSign,
)
from nutrients.selectors import FOODS_PER_PAGE
from nutrients.templatetags.legwell import first_sentence, in_key_point, urgency_tiers, when_to_get_help
from tests import factories, rendered_again

PAGES = CONTENT_PAGES
# A nutrient page: itself, its links, the citations of each kind of claim, foods, its symptoms' warning signs,
# its published medical changes, and the caveats of the nutrient and of its foods with their sources.
MAX_QUERIES = 20


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_every_reader_page_answers_with_the_disclaimer_and_no_cookie(client, content, url):
    page = client.get(url)
    assert page.status_code == 200
    assert "Education, not diagnosis" in page.text
    assert not page.cookies
    assert "{#" not in page.text and "{%" not in page.text  # no template comment or tag shown as text


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
    assert magnesium.intakes.get(kind="UL").note in text  # what the upper limit counts
    assert "calculated" in text  # % DV worked out where the source did not print it
    for source in magnesium.sources.all():
        assert source.url in text
    assert "Reviewed by" in text and "Next review due" in text


def test_a_caution_is_not_a_reason_to_run_short_but_says_who_should_take_care(client, content):
    text = unescape(client.get("/nutrients/potassium/").text)
    who_runs_short = text.split("Who runs short:")[1].split("</li>")[0]
    assert "kidney disease" not in who_runs_short
    take_care = text.split('id="take-care">Who should take care</h3>')[1].split("</ul>")[0]
    assert "Kidney disease:" in take_care and "without your kidney doctor" in take_care


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
    assert 'class="warning-callout warning-tiers"' in page.text
    assert symptom.warning_signs.first().what_to_do in page.text


def test_a_symptom_page_lists_its_nutrients_strongest_link_first_then_by_name(client, content):
    links = SymptomLink.objects.filter(symptom__slug="leg-cramps", nutrient__status="published").select_related(
        "nutrient"
    )
    assert len({link.strength for link in links}) > 1
    expected = [link.nutrient for link in sorted(links, key=lambda link: (-link.strength, link.nutrient.name))]
    text = client.get("/symptoms/leg-cramps/").text
    listed = text[text.index("<h2>Nutrients linked to it</h2>") :]
    assert [listed.index(f'<a href="{n.get_absolute_url()}">') for n in expected] == sorted(
        listed.index(f'<a href="{n.get_absolute_url()}">') for n in expected
    )


TIER_HEADINGS = [
    "Call your local emergency number now if you have",
    "See a doctor today if you have",
    "See a doctor soon if you have",
]


def positions(text, needles):
    return [text.index(needle) for needle in needles]


def test_symptom_page_shows_warning_signs_in_tiers_emergency_first_before_any_nutrient(client, content):
    numbness = Symptom.objects.get(slug="numbness")
    text = unescape(client.get("/symptoms/numbness/").text)
    tiers = positions(text, TIER_HEADINGS)
    assert tiers == sorted(tiers)
    assert tiers[-1] < text.index("Nutrients linked to it")
    for sign in numbness.warning_signs.all():
        heading = TIER_HEADINGS[URGENCY_ORDER.index(sign.urgency)]
        following = [position for position in tiers if position > text.index(heading)]
        line = text.index(f"<summary>{sign.sign}</summary>")
        assert text.index(heading) < line < (following[0] if following else len(text)), sign.slug


def test_nutrient_page_shows_the_warning_signs_of_its_symptoms_in_tiers_before_its_foods(client, content):
    signs = WarningSign.objects.filter(symptoms__nutrient_links__nutrient__slug="magnesium").distinct()
    text = unescape(client.get("/nutrients/magnesium/").text)
    assert signs
    for sign in signs:
        assert text.count(f"<summary>{sign.sign}</summary>") == 1, sign.slug
        assert sign.what_to_do in text
    tiers = positions(text, TIER_HEADINGS)
    assert tiers == sorted(tiers)
    assert tiers[-1] < text.index('id="foods"')


def test_a_nutrient_page_keeps_every_emergency_sign_open_and_folds_the_other_tiers_under_their_count(client, content):
    """A nutrient page shows the signs of all its symptoms (magnesium has 28), so that its key points
    and warning signs fit in two screens of a phone, only the emergency tier is open."""
    signs = WarningSign.objects.filter(symptoms__nutrient_links__nutrient__slug="magnesium").distinct()
    counts = {urgency: signs.filter(urgency=urgency).count() for urgency in URGENCY_ORDER}
    assert all(count > 1 for count in counts.values())
    text = unescape(client.get("/nutrients/magnesium/").text)
    emergency = text.index('<section class="tier tier-emergency"')
    assert '<details class="tier tier-emergency' not in text
    for sign in signs.filter(urgency="emergency"):
        assert emergency < text.index(f"<summary>{sign.sign}</summary>") < text.index("</section>", emergency)
    for urgency, heading in zip(URGENCY_ORDER[1:], TIER_HEADINGS[1:], strict=True):
        folded = text.index(f'<details class="tier tier-{urgency} tier-folded">')
        summary = text[folded:].split("</summary>")[0]
        assert f"{heading} one of these {counts[urgency]} signs" in summary
        for sign in signs.filter(urgency=urgency):
            assert folded < text.index(f"<summary>{sign.sign}</summary>") < text.index("</ul>", folded)


@pytest.mark.parametrize("url", ["/symptoms/numbness/", "/medicines/statins/", "/conditions/deep-vein-thrombosis/"])
def test_other_pages_keep_every_tier_of_warning_signs_open(client, content, url):
    text = client.get(url).text
    assert "warning-tiers" in text
    assert "tier-folded" not in text and '<details class="tier' not in text


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "See a doctor soon if you have this sign"), (8, "See a doctor soon if you have one of these 8 signs")],
)
def test_a_folded_tiers_heading_says_how_many_signs_it_holds(count, expected):
    (tier,) = urgency_tiers([sign("soon", pk) for pk in range(count)])
    assert tier.counted_heading == expected


def test_a_warning_signs_detail_is_folded_below_its_one_line(client, content):
    sign = WarningSign.objects.exclude(detail="").filter(symptoms__slug="numbness").first()
    text = unescape(client.get("/symptoms/numbness/").text)
    summary = text.index(f"<summary>{sign.sign}</summary>")
    assert summary < text.index(sign.detail) < text.index("</details>", summary)


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


def test_a_note_repeated_on_many_intake_rows_is_printed_once_as_a_footnote(client, content):
    footnoted = IntakeReference.objects.filter(nutrient__slug="magnesium", supplements_only=False)
    notes = list(footnoted.values_list("note", flat=True))
    repeated = max(set(notes), key=notes.count)
    assert notes.count(repeated) > 1
    text = unescape(client.get("/nutrients/magnesium/").text)
    assert text.count(repeated) == 1
    number = list(dict.fromkeys(note for note in notes if note)).index(repeated) + 1
    assert text.count(f'href="#intake-note-{number}"') == notes.count(repeated)


def test_a_supplements_only_upper_limit_says_beside_it_what_it_counts_in_its_own_words(client, content):
    limit = IntakeReference.objects.get(nutrient__slug="magnesium", kind="UL", supplements_only=True)
    limit.note = "Covers magnesium from supplements and medicines, such as laxatives and antacids."
    limit.save()
    text = unescape(client.get("/nutrients/magnesium/").text)
    assert text.count(limit.note) == 2  # in the summary and beside the amount, not again as a footnote
    assert "fortified foods only" not in text


def test_foods_named_without_an_amount_are_listed_in_one_line_not_as_empty_rows(client, content):
    text = client.get("/nutrients/magnesium/").text
    assert '<td data-label="Amount" class="number"><span class="nowrap">no amount recorded' not in text
    unrecorded = FoodSource.objects.filter(nutrient__slug="magnesium", amount__isnull=True).select_related("food")
    assert unrecorded
    line = text[text.index("Also a source, with no amount recorded") :]
    for row in unrecorded:
        assert row.food.get_absolute_url() in line.split("</p>")[0]


@pytest.mark.parametrize(
    "url",
    [
        "/nutrients/magnesium/",
        "/symptoms/leg-cramps/",
        "/foods/spinach/",
        "/medicines/statins/",
        "/conditions/deep-vein-thrombosis/",
    ],
)
def test_detail_pages_open_with_key_points_before_the_detail(client, content, url):
    text = client.get(url).text
    key_points = text.index('id="key-points-heading"')
    assert key_points < text.index("<h2", text.index("</section>", key_points))
    assert key_points < min(text.index(marker) for marker in ("<table", "warning-tiers") if marker in text)


def key_points(text: str) -> str:
    """The key points as a reader reads them, without the markup."""
    section = text[text.index('id="key-points-heading"') :].split("</section>")[0]
    return unescape(re.sub(r"<[^>]+>", "", section))


def test_a_conditions_key_points_come_from_its_own_fields_the_most_urgent_help_first(client, content):
    condition = Condition.objects.get(slug="deep-vein-thrombosis")
    assert {sign.urgency for sign in condition.warning_signs.all()} == {"emergency", "today"}
    points = key_points(client.get(condition.get_absolute_url()).text)
    assert condition.summary in points
    assert first_sentence(condition.who_is_at_risk) in points
    assert first_sentence(condition.what_doctor_checks) in points
    help_first = "call your local emergency number now for an emergency sign; see a doctor today for a same-day sign"
    assert help_first in points
    assert points.index(help_first) < points.index("Who is at risk")


def test_a_medicines_key_points_name_what_it_does_to_nutrients_and_send_changes_to_its_prescriber(client, content):
    medicine = Medicine.objects.filter(nutrient_links__effect="lowers", warning_signs__isnull=False).first()
    points = key_points(client.get(medicine.get_absolute_url()).text)
    assert medicine.purpose in points
    for link in medicine.nutrient_links.filter(effect="lowers"):
        assert link.nutrient.name in points.split("lowers", 1)[1].split(".")[0]
    assert "do not stop or change it without the doctor or pharmacist who prescribed it" in points
    assert "look at the warning signs below" in points
    medicine.warning_signs.clear()
    page = rendered_again.get(client, medicine.get_absolute_url())
    assert "tell the doctor who prescribed it" in key_points(page.text)


def sign(urgency: str, pk: int) -> WarningSign:
    return WarningSign(pk=pk, urgency=urgency)


@pytest.mark.parametrize(
    ("urgencies", "expected"),
    [
        (
            ["today", "emergency"],
            "call your local emergency number now for an emergency sign; see a doctor today for a same-day sign",
        ),
        (["soon", "today"], "see a doctor today for a same-day sign; see a doctor soon for the others"),
        (["soon", "soon"], "see a doctor soon if you have one"),
        (["emergency"], "call your local emergency number now if you have one"),
    ],
)
def test_when_to_get_help_says_what_to_do_for_each_tier_most_urgent_first(urgencies, expected):
    assert when_to_get_help([sign(urgency, pk) for pk, urgency in enumerate(urgencies)]) == expected


def test_a_nutrient_pages_key_point_names_its_blood_test_in_the_editors_own_capitals(client, content):
    points = key_points(client.get("/nutrients/vitamin-d/").text)
    assert "ask about a blood test for vitamin D." in points


def test_an_editors_text_inside_a_key_point_is_its_first_sentence_without_its_full_stop():
    long = "Ferritin and transferrin saturation, with a blood count. For restless legs, a US guideline advises more."
    assert in_key_point(long) == "ferritin and transferrin saturation, with a blood count"
    assert in_key_point("Blood test for vitamin B12") == "blood test for vitamin B12"


def test_a_key_point_takes_the_first_sentence_of_an_editors_text():
    assert (
        first_sentence("More likely over 60, e.g. in hospital. Also in smokers.")
        == "More likely over 60, e.g. in hospital."
    )
    assert first_sentence("One sentence only.") == "One sentence only."


def test_a_food_page_says_what_the_food_is_best_for_each_nutrient_once(client, content):
    text = client.get("/foods/spinach/").text
    best = text[text.index("<strong>Best for</strong>") :].split("</li>")[0]
    assert best.count("Vitamin K") == 1


def a_published_food(name: str, **amounts) -> Food:
    """A new published food with these nutrients (by slug): an amount in the nutrient's own
    unit from the first source, or None for a food the sources name without one."""
    review = {"status": "published", "reviewed_on": "2026-01-01", "reviewer_name": "Test", "reviewer_role": "Tester"}
    food = Food.objects.create(
        name=name, slug=name.lower(), category="fruit", is_vegan=True, is_vegetarian=True, **review
    )
    for slug, amount in amounts.items():
        nutrient = Nutrient.objects.get(slug=slug)
        if amount is None:
            FoodSource.objects.create(nutrient=nutrient, food=food)
        else:
            FoodSource.objects.create(
                nutrient=nutrient,
                food=food,
                serving="1 cup",
                amount=amount,
                unit=nutrient.unit,
                source=Source.objects.first(),
            )
    return food


def food_card(text: str, food: Food) -> str:
    return text[text.index(f'<a href="{food.get_absolute_url()}">') :].split("</li>")[0]


def test_the_food_list_says_what_each_food_is_best_for_the_largest_share_of_the_daily_value_first(client, content):
    magnesium_dv = IntakeReference.objects.get(nutrient__slug="magnesium", kind="DV").amount
    iron_dv = IntakeReference.objects.get(nutrient__slug="iron", kind="DV").amount
    food = a_published_food("Testfruit", magnesium=magnesium_dv / 5, iron=iron_dv / 2, calcium=None)
    card = food_card(client.get("/foods/").text, food)
    assert "<strong>Best for</strong> Iron 50%, Magnesium 20%" in card
    assert "Calcium" not in card  # a food with amounts is listed by them
    named_only = a_published_food("Testberry", calcium=None)
    food_list = rendered_again.get(client, "/foods/").text
    assert "A source of Calcium; no amount recorded" in food_card(food_list, named_only)


def test_every_published_food_with_an_amount_shows_what_it_is_best_for(client, content):
    text = client.get("/foods/").text
    with_amounts = Food.objects.published().filter(nutrient_amounts__amount__isnull=False).distinct()
    assert with_amounts
    for food in with_amounts:
        assert "<strong>Best for</strong>" in food_card(text, food), food.name


def test_the_food_list_runs_five_queries_however_many_foods_amounts_and_caveats(
    client, content, django_assert_num_queries
):
    factories.caveat(foods=Food.objects.all())
    foods = Food.objects.published().count()
    # How many foods, the page's foods, their caveats, the caveats' sources, and their amounts.
    with django_assert_num_queries(5):
        client.get("/foods/")
    call_command("generate_content", times=5, verbosity=0)
    assert Food.objects.published().count() == 5 * foods
    with django_assert_num_queries(5):
        assert client.get("/foods/").status_code == 200


def test_a_long_food_list_comes_in_pages_each_with_what_its_foods_are_best_for(client, content, monkeypatch):
    monkeypatch.setattr("nutrients.selectors.FOODS_PER_PAGE", 8)
    foods = list(Food.objects.published().order_by("category", "name"))
    assert 16 < len(foods) <= 24
    first, second = client.get("/foods/"), client.get("/foods/?page=2")
    assert first.context["page"].object_list == foods[:8]
    assert second.context["page"].object_list == foods[8:16]
    assert all(food.best or food.unrecorded for food in second.context["page"].object_list)
    assert 'rel="next" href="?page=2"' in first.text
    assert 'rel="prev" href="/foods/"' in second.text
    assert 'rel="prev" href="/foods/?page=2"' in client.get("/foods/?page=3").text
    assert f"Page 2 of 3: foods 9 to 16 of {len(foods)}" in second.text


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?page=two", 400, "A page of the list is a whole number."),
        ("?page=0", 400, "The list&#x27;s pages start at 1."),
        ("?page=9", 404, "The list of foods has no page 9."),
    ],
)
def test_a_page_of_foods_that_does_not_exist_gets_a_clear_message(client, content, query, status, message):
    response = client.get("/foods/" + query)
    assert response.status_code == status
    assert message in response.text
    assert "The list of foods starts at /foods/." in response.text


def test_a_food_list_that_fits_one_page_has_no_page_links(client, content):
    assert Food.objects.published().count() <= FOODS_PER_PAGE
    assert "Pages of the list" not in client.get("/foods/").text


def test_relief_comes_in_the_order_editors_set_what_to_try_first_on_top(client, content):
    from nutrients.models import ReliefStrategy

    ReliefStrategy.objects.filter(slug="heat").update(rank=0)
    text = client.get("/relief/").text
    names = [strategy.name for strategy in ReliefStrategy.objects.all()]
    assert names[0] == "Heat"
    assert [text.index(f">{name}</h2>") for name in names] == sorted(text.index(f">{name}</h2>") for name in names)
    assert '<strong>What to try first:</strong> <a href="/relief/#heat">' in client.get("/symptoms/leg-cramps/").text


def test_about_page_says_how_the_questionnaire_decides_and_what_it_cannot_do(client, content):
    page = client.get("/about/")
    assert 'id="questionnaire"' in page.text
    assert "Warning signs first." in page.text
    assert "The likelier cause before any nutrient." in page.text
    assert "What it cannot do." in page.text


def test_each_relief_strategy_names_the_warning_signs_it_must_not_be_used_with(client, content):
    text = unescape(client.get("/relief/").text)
    heat = text.split('<h2 id="heat">')[1].split("</section>")[0]
    assert "Not with these warning signs: get help for them first" in heat
    unsafe = WarningSign.objects.filter(unsafe_relief__slug="heat")
    assert unsafe.filter(urgency="emergency").exists() and unsafe.filter(urgency="soon").exists()
    for sign in unsafe:
        assert sign.sign in heat
    first_soon = min(heat.index(sign.sign) for sign in unsafe.filter(urgency="soon"))
    assert all(heat.index(sign.sign) < first_soon for sign in unsafe.filter(urgency="emergency"))


# Caveats: one row in the content, shown wherever what it concerns appears.


def test_a_food_caveat_shows_on_the_food_page_the_food_list_and_every_nutrient_page_listing_the_food(client, content):
    spinach = Food.objects.get(slug="spinach")
    factories.caveat(applies_to="If you take warfarin", text="Keep the amount you eat steady.", foods=[spinach])
    assert "Keep the amount you eat steady." in client.get("/foods/spinach/").text
    lists = [client.get("/foods/").text]
    lists += [client.get(row.nutrient.get_absolute_url()).text for row in spinach.nutrient_amounts.all()]
    for page in lists:
        assert "Keep the amount you eat steady." in page
        assert '<a href="#caveat-1">1<span class="visually-hidden">: if you take warfarin</span></a>' in page


def test_a_nutrient_caveat_shows_on_its_page_beside_the_evidence(client, content):
    iron = Nutrient.objects.get(slug="iron")
    factories.caveat(applies_to="If children visit", text="Keep iron locked away.", nutrients=[iron])
    page = client.get("/nutrients/iron/").text
    assert page.index("Keep iron locked away.") < page.index('id="supplements"')
    assert 'class="caveat-marks">Take care <a href="#caveat-1">' in page


def test_a_relief_strategys_caveat_shows_with_its_numbered_sources(client, content):
    strategy = ReliefStrategy.objects.first()
    factories.caveat(text="Not with kidney disease.", relief_strategies=[strategy])
    page = client.get("/relief/").text
    section = page.split(f'id="{strategy.slug}"')[1].split("<section")[0]
    assert "Not with kidney disease." in section and 'href="#source-' in section


def test_caveats_add_no_queries_however_many_there_are(client, content):
    foods = list(Food.objects.all())
    factories.caveat(slug="one", foods=foods, nutrients=Nutrient.objects.all())
    before = query_counts(client)
    for number in range(5):
        factories.caveat(slug=f"more-{number}", foods=foods, nutrients=Nutrient.objects.all())
    assert query_counts(client) == before


def test_a_symptom_page_marks_the_relief_it_suggests_with_its_caveat(client, content):
    symptom = Symptom.objects.filter(relief_strategies__isnull=False).first()
    strategy = symptom.relief_strategies.first()
    factories.caveat(text="Not if told to limit fluids.", relief_strategies=[strategy])
    page = client.get(symptom.get_absolute_url()).text
    assert "Not if told to limit fluids." in page
    assert f'>{strategy.name}</a>: {strategy.summary} <span class="caveat-marks">' in unescape(page)
