"""The editors' content, fixtures/content.json: valid, complete, sourced, every page renders, and it
round-trips exactly."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.html import escape

from nutrients.content import CONTENT_FIXTURE
from nutrients.models import (
    CITED_CLAIMS,
    Caveat,
    Condition,
    Food,
    FoodSource,
    IntakeReference,
    Medicine,
    Nutrient,
    ReliefStrategy,
    RiskFactor,
    RiskFactorLink,
    Symptom,
    WarningSign,
)

CONTENT_MODELS = list(apps.get_app_config("nutrients").get_models())
ELEVEN_NUTRIENTS = {
    "magnesium",
    "calcium",
    "potassium",
    "phosphorus",
    "iron",
    "vitamin-d",
    "vitamin-b12",
    "thiamine",
    "folate",
    "vitamin-e",
    "vitamin-k",
}


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_fixture_object_passes_full_clean(editors_content, model):
    objects = list(model.objects.all())
    assert objects, f"no {model.__name__} in the fixture"
    for obj in objects:
        obj.full_clean()


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_object_is_found_by_its_natural_key(editors_content, model):
    for obj in model.objects.all():
        assert model.objects.get_by_natural_key(*obj.natural_key()) == obj


def test_all_thirteen_nutrients_are_published(editors_content):
    assert set(Nutrient.objects.published().values_list("slug", flat=True)) >= ELEVEN_NUTRIENTS | {
        "vitamin-b6",
        "copper",
    }


def test_b_vitamins_form_a_family(editors_content):
    family = set(Nutrient.objects.filter(family="B vitamins").values_list("slug", flat=True))
    assert family >= {"vitamin-b12", "thiamine", "folate"}


def test_every_nutrient_has_a_symptom_three_foods_a_source_and_a_daily_value(editors_content):
    for nutrient in Nutrient.objects.all():
        assert nutrient.symptom_links.exists(), nutrient
        assert nutrient.food_sources.count() >= 3, nutrient
        assert nutrient.sources.exists(), nutrient
        assert nutrient.intakes.filter(kind=IntakeReference.Kind.DV).exists(), nutrient


def test_every_symptom_links_to_a_nutrient(editors_content):
    assert not Symptom.objects.filter(nutrient_links__isnull=True).exists()


def test_every_number_has_a_source(editors_content):
    assert not FoodSource.objects.filter(amount__isnull=False, source__isnull=True).exists()
    assert not IntakeReference.objects.filter(source__isnull=True).exists()


def test_every_nutrient_is_graded_with_its_best_evidence_the_date_checked_and_a_source(editors_content):
    for nutrient in Nutrient.objects.all():
        assert nutrient.evidence_level in Nutrient.Evidence.values, nutrient
        assert nutrient.best_evidence.strip(), nutrient
        assert nutrient.evidence_checked_on, nutrient
        assert nutrient.evidence_citations.exists(), nutrient


def test_magnesium_and_vitamin_k_are_graded_from_their_trials(editors_content):
    magnesium = Nutrient.objects.get(slug="magnesium")
    assert magnesium.evidence_level == Nutrient.Evidence.NO_HELP
    assert magnesium.best_evidence == "Cochrane review, 2020, 11 trials"
    assert magnesium.evidence_citations.filter(source__slug="cochrane-magnesium-cramps-2020").exists()
    vitamin_k = Nutrient.objects.get(slug="vitamin-k")
    assert vitamin_k.evidence_level == Nutrient.Evidence.HELPS
    assert vitamin_k.best_evidence.startswith("One randomised trial, 2024")
    assert vitamin_k.evidence_citations.filter(source__url="https://pubmed.ncbi.nlm.nih.gov/39466236/").exists()


def test_nutrients_that_treat_their_own_shortage_are_graded_on_the_same_basis(editors_content):
    # Treating a proven shortage works for all of these, so it cannot set them apart: with no
    # trial in people without a shortage, each is "not studied".
    levels = dict(Nutrient.objects.values_list("slug", "evidence_level"))
    assert {levels[slug] for slug in ("vitamin-b12", "thiamine", "folate", "vitamin-e")} == {"unstudied"}


def test_the_about_page_writes_the_rubric_with_examples(client, editors_content):
    page = client.get("/about/").content.decode()
    for grade in Nutrient.Evidence.labels:
        assert grade in page
    assert "Cochrane review, 2020, 11 trials" in page and "one randomised trial, 2024" in page


def test_every_page_that_shows_a_grade_shows_the_same_grade(client, editors_content):
    compare = client.get("/compare/").content.decode()
    for nutrient in Nutrient.objects.all():
        page = client.get(nutrient.get_absolute_url()).content.decode()
        for text in (nutrient.get_evidence_level_display(), nutrient.best_evidence):
            assert text in page, (nutrient, text)
            assert text in compare, (nutrient, text)


def test_upper_limits_for_supplements_only_say_so(editors_content):
    for slug in ("magnesium", "folate", "vitamin-e"):
        assert IntakeReference.objects.filter(nutrient__slug=slug, kind="UL", supplements_only=True).exists(), slug


def test_advice_never_names_one_countrys_emergency_number():
    content = CONTENT_FIXTURE.read_text()
    for number in ("999", "911", "NHS 111", "A&E"):
        assert number not in content


def test_dumpdata_reproduces_the_fixture_exactly(editors_content, tmp_path):
    output = tmp_path / "content.json"
    call_command(
        "dumpdata", "nutrients", natural_foreign=True, natural_primary=True, indent=2, output=str(output), verbosity=0
    )
    assert output.read_text() == CONTENT_FIXTURE.read_text()


@pytest.mark.parametrize("model", list(CITED_CLAIMS), ids=lambda model: model.__name__)
def test_every_claim_cites_a_source(editors_content, model):
    attribute = CITED_CLAIMS[model]
    uncited = [str(claim) for claim in model.objects.all() if not getattr(claim, attribute).exists()]
    assert not uncited, f"{model.__name__} without a source: {uncited}"


def test_every_address_in_the_sitemap_answers_200(client, editors_content):
    """The crawl: every page of the editors' content renders."""
    sitemap = client.get("/sitemap.xml").text
    urls = [url.removeprefix("http://testserver") for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert "/nutrients/magnesium/" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_nutrient_page_numbers_its_citations_and_links_them_to_its_source_list(client, editors_content):
    page = client.get("/nutrients/magnesium/").content.decode()
    assert 'href="#source-1"' in page
    assert 'id="source-1"' in page
    assert "Magnesium for skeletal muscle cramps" in page


def test_the_b6_page_gives_both_upper_limits_and_the_nerve_warning(client, editors_content):
    page = client.get("/nutrients/vitamin-b6/").content.decode()
    assert "100 mg a day" in page and "12 mg a day" in page
    assert "nerve damage has been reported below 100 mg" in page


def test_every_page_that_suggests_a_b_complex_or_magnesium_product_warns_about_b6(client, editors_content):
    suggesting = Nutrient.objects.filter(supplement_notes__icontains="B-complex").exclude(slug="vitamin-b6")
    for nutrient in suggesting | Nutrient.objects.filter(slug="magnesium"):
        warning = nutrient.caveats.get(text__contains="B6")
        assert escape(warning.text) in client.get(nutrient.get_absolute_url()).content.decode(), nutrient
        assert "B6" not in nutrient.supplement_notes, f"{nutrient}: the B6 warning lives in its caveat only"


# Caveats: kept once, shown wherever what they concern is suggested.


def marked(page: str, url: str) -> bool:
    """Every mention of the food's link on the page carries a "Take care" mark before the next food."""
    mentions = page.split(f'href="{url}"')[1:]
    return bool(mentions) and all('class="caveat-marks"' in mention.split('href="/foods/')[0] for mention in mentions)


def search_answer(client, query: str) -> str:
    """Search's answer to a query such as "foods high in X", without the results below it (which link to pages)."""
    page = client.get("/search/", {"q": query}).content.decode()
    return page.split('"search-answer"')[1].split(">More about ")[0]


def test_the_harmful_suggestions_carry_their_caveats(editors_content):
    caveats = {caveat.slug: caveat for caveat in Caveat.objects.all()}
    potassium = caveats["potassium-kidneys-and-medicines"]
    assert {"hydration"} <= set(potassium.relief_strategies.values_list("slug", flat=True))
    assert {"ace-inhibitors-and-arbs", "spironolactone"} <= set(potassium.medicines.values_list("slug", flat=True))
    assert set(potassium.foods.all()) == {row.food for row in FoodSource.objects.filter(nutrient__slug="potassium")}
    warfarin = caveats["warfarin-vitamin-k"]
    assert set(warfarin.foods.all()) == {row.food for row in FoodSource.objects.filter(nutrient__slug="vitamin-k")}
    assert warfarin.relief_strategies.filter(slug="balanced-diet").exists()
    assert caveats["magnesium-kidneys"].nutrients.filter(slug="magnesium").exists()
    assert "local emergency number" in caveats["iron-and-children"].text
    assert caveats["supplements-and-your-medicines"].nutrients.count() >= 10


def test_caveat_text_that_moved_into_a_caveat_is_not_left_behind(editors_content):
    assert not ReliefStrategy.objects.filter(caution__icontains="warfarin").exists()
    assert not ReliefStrategy.objects.filter(caution__icontains="salt substitute").exists()
    assert "child" not in Nutrient.objects.get(slug="iron").signs_of_too_much
    assert "warfarin" not in Nutrient.objects.get(slug="vitamin-k").supplement_notes


def test_every_food_that_carries_a_warning_shows_it_on_every_page_that_lists_the_food(client, editors_content):
    food_list = client.get("/foods/").content.decode()
    compare = client.get("/compare/").content.decode()
    answers = [search_answer(client, f"foods high in {nutrient.name}") for nutrient in Nutrient.objects.published()]
    for food in Food.objects.published().filter(caveats__isnull=False).distinct():
        url = food.get_absolute_url()
        nutrient_pages = [
            client.get(nutrient.get_absolute_url()).content.decode()
            for nutrient in Nutrient.objects.published().filter(food_sources__food=food).distinct()
        ]
        for caveat in food.caveats.all():
            assert escape(caveat.text) in client.get(url).content.decode(), (food, caveat)
            listing = [compare, *answers]
            for page in [food_list, *nutrient_pages, *(page for page in listing if f'href="{url}"' in page)]:
                assert escape(caveat.text) in page, (food, caveat)
                assert marked(page, url), (food, caveat)


def test_the_questionnaire_result_marks_every_food_it_suggests_that_carries_a_warning(client, editors_content):
    from tests.test_questionnaire_view import answered, post

    symptoms = list(Symptom.objects.published().values_list("slug", flat=True))
    page = post(client, "check", **answered("check", symptoms=symptoms)).content.decode()
    shown = [food for food in Food.objects.filter(caveats__isnull=False).distinct() if food.get_absolute_url() in page]
    assert shown, "the result suggests no food with a caveat: pick other answers"
    for food in shown:
        assert marked(page, food.get_absolute_url()), food
        for caveat in food.caveats.all():
            assert escape(caveat.text) in page, (food, caveat)


def test_every_relief_strategy_and_medicine_shows_its_caveats(client, editors_content):
    relief = client.get("/relief/").content.decode()
    for caveat in Caveat.objects.filter(relief_strategies__isnull=False).distinct():
        assert escape(caveat.text) in relief, caveat
        for symptom in Symptom.objects.published().filter(relief_strategies__caveats=caveat).distinct():
            assert escape(caveat.text) in client.get(symptom.get_absolute_url()).content.decode(), (symptom, caveat)
    for medicine in Medicine.objects.published().filter(caveats__isnull=False).distinct():
        page = client.get(medicine.get_absolute_url()).content.decode()
        for caveat in medicine.caveats.all():
            assert escape(caveat.text) in page, (medicine, caveat)


# Medicines, conditions and red flags

MEDICINES = {
    "statins",
    "metformin",
    "acid-reducers",
    "loop-diuretics",
    "thiazide-diuretics",
    "ace-inhibitors-and-arbs",
    "spironolactone",
    "potassium-supplements",
    "warfarin",
    "levothyroxine",
    "antiepileptics",
    "isoniazid",
    "tetracycline-and-quinolone-antibiotics",
    "bisphosphonates",
    "nitrous-oxide",
}
CONDITIONS = {
    "deep-vein-thrombosis",
    "peripheral-artery-disease",
    "sciatica-and-cauda-equina",
    "diabetic-neuropathy",
    "statin-muscle-symptoms",
    "restless-legs-syndrome",
    "guillain-barre-syndrome",
    "compartment-syndrome",
    "refeeding-syndrome",
    "wernicke-encephalopathy",
}
RED_FLAGS = {
    "rhabdomyolysis": "emergency",
    "statin-muscle-symptoms": "today",
    "wernicke-encephalopathy": "emergency",
    "severe-low-calcium": "emergency",
    "high-potassium": "emergency",
    "compartment-syndrome": "emergency",
    "child-swallowed-iron": "emergency",
    "nitrous-oxide-nerve-damage": "today",
    "vitamin-d-too-much-emergency": "emergency",
    "diabetic-foot": "today",
    "restless-legs-iron": "soon",
}


def test_every_medicine_and_condition_the_issue_names_is_published(editors_content):
    assert set(Medicine.objects.published().values_list("slug", flat=True)) >= MEDICINES
    assert set(Condition.objects.published().values_list("slug", flat=True)) >= CONDITIONS


def test_every_medicine_links_to_a_nutrient_or_a_symptom_with_a_source(editors_content):
    for medicine in Medicine.objects.all():
        links = [*medicine.nutrient_links.all(), *medicine.symptom_links.all()]
        assert links, medicine
        assert all(link.citations.exists() and link.why for link in links), medicine


def test_every_condition_has_warning_signs_and_links_both_ways(editors_content):
    for condition in Condition.objects.all():
        assert condition.warning_signs.exists(), condition
        assert condition.sources.exists(), condition
        for sign in condition.warning_signs.all():
            assert condition in sign.conditions.all()
        for symptom in condition.symptoms.all():
            assert condition in symptom.conditions.all()
        assert condition.symptoms.exists(), condition


def test_the_missing_red_flags_exist_with_their_urgency_and_a_named_source(editors_content):
    for slug, urgency in RED_FLAGS.items():
        sign = WarningSign.objects.get(slug=slug)
        assert sign.urgency == urgency, slug
        assert sign.citations.filter(source__publisher__gt="").exists(), slug


def test_every_emergency_sign_says_call_your_local_emergency_number(editors_content):
    for sign in WarningSign.objects.filter(urgency=WarningSign.Urgency.EMERGENCY):
        assert "local emergency number" in sign.what_to_do, sign.slug


# The questionnaire's rules find these rows by their role, never by an editable slug:
# a missing row would silently drop a likelier cause or a diet's foods.


@pytest.mark.parametrize(
    ("model", "role"),
    [
        *((Condition, role) for role in Condition.Role.values if role),
        *((Medicine, role) for role in Medicine.Role.values if role),
        *((RiskFactor, role) for role in RiskFactor.Role.values if role),
        *((WarningSign, role) for role in WarningSign.Role.values if role),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_every_role_the_questionnaire_relies_on_has_its_row(editors_content, model, role):
    assert model.objects.filter(role=role).count() == 1


def test_every_urgent_warning_sign_has_a_short_yes_or_no_question(editors_content):
    for sign in WarningSign.objects.filter(urgency__in=["emergency", "today"]):
        assert sign.question.endswith("?") and len(sign.question) <= 150, sign.slug


def test_dark_urine_with_muscle_pain_asks_whether_a_statin_is_taken(editors_content):
    statin_signs = WarningSign.objects.filter(medicines__role=Medicine.Role.STATIN, urgency="emergency")
    assert [sign.follow_up for sign in statin_signs.exclude(follow_up="")] == ["Do you take a statin?"]
    for sign in WarningSign.objects.exclude(follow_up=""):  # a yes counts as taking the medicines that list it
        assert sign.follow_up.endswith("?") and sign.question and sign.medicines.exists(), sign.slug


def test_zinc_taken_raises_copper_with_a_source(editors_content):
    link = RiskFactorLink.objects.get(risk_factor__role=RiskFactor.Role.ZINC, nutrient__slug="copper")
    assert link.effect == RiskFactorLink.Effect.RAISES and link.citations.exists()


def test_every_emergency_sign_rules_out_heat_baths_exercise_and_stretching(editors_content):
    for sign in WarningSign.objects.filter(urgency="emergency"):
        unsafe = set(sign.unsafe_relief.values_list("slug", flat=True))
        assert {"heat", "epsom-salt-baths", "exercise", "stretching"} <= unsafe, sign.slug


def test_a_warning_sign_for_today_without_a_question_fails_validation(editors_content):
    sign = WarningSign.objects.filter(urgency="today").first()
    sign.question = ""
    with pytest.raises(ValidationError):
        sign.full_clean()
