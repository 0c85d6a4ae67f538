"""The content fixture: valid, complete, sourced, and round-trips exactly."""

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from nutrients.content import CONTENT_FIXTURE
from nutrients.models import (
    Condition,
    FoodSource,
    IntakeReference,
    Medicine,
    Nutrient,
    RiskFactor,
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
def test_every_fixture_object_passes_full_clean(content, model):
    objects = list(model.objects.all())
    assert objects, f"no {model.__name__} in the fixture"
    for obj in objects:
        obj.full_clean()


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_object_is_found_by_its_natural_key(content, model):
    for obj in model.objects.all():
        assert model.objects.get_by_natural_key(*obj.natural_key()) == obj


def test_all_eleven_nutrients_are_published(content):
    assert set(Nutrient.objects.published().values_list("slug", flat=True)) >= ELEVEN_NUTRIENTS


def test_b_vitamins_form_a_family(content):
    family = set(Nutrient.objects.filter(family="B vitamins").values_list("slug", flat=True))
    assert family >= {"vitamin-b12", "thiamine", "folate"}


def test_every_nutrient_has_a_symptom_three_foods_a_source_and_a_daily_value(content):
    for nutrient in Nutrient.objects.all():
        assert nutrient.symptom_links.exists(), nutrient
        assert nutrient.food_sources.count() >= 3, nutrient
        assert nutrient.sources.exists(), nutrient
        assert nutrient.intakes.filter(kind=IntakeReference.Kind.DV).exists(), nutrient


def test_every_symptom_links_to_a_nutrient(content):
    assert not Symptom.objects.filter(nutrient_links__isnull=True).exists()


def test_every_number_has_a_source(content):
    assert not FoodSource.objects.filter(amount__isnull=False, source__isnull=True).exists()
    assert not IntakeReference.objects.filter(source__isnull=True).exists()


def test_supplement_evidence_is_graded_as_the_sources_grade_it(content):
    levels = dict(Nutrient.objects.values_list("slug", "evidence_level"))
    assert levels["magnesium"] == "mixed"
    assert levels["vitamin-b12"] == "strong"
    assert levels["vitamin-k"] == "emerging"


def test_upper_limits_for_supplements_only_say_so(content):
    for slug in ("magnesium", "folate", "vitamin-e"):
        assert IntakeReference.objects.filter(nutrient__slug=slug, kind="UL", supplements_only=True).exists(), slug


def test_advice_never_names_one_countrys_emergency_number(content):
    dump = io.StringIO()
    call_command("dumpdata", "nutrients", stdout=dump)
    for number in ("999", "911", "NHS 111", "A&E"):
        assert number not in dump.getvalue()


def test_dumpdata_reproduces_the_fixture_exactly(content, tmp_path):
    output = tmp_path / "content.json"
    call_command(
        "dumpdata", "nutrients", natural_foreign=True, natural_primary=True, indent=2, output=str(output), verbosity=0
    )
    assert output.read_text() == CONTENT_FIXTURE.read_text()


# The questionnaire's rules find these rows by their role, never by an editable slug:
# a missing row would silently drop a likelier cause or a diet's foods.


@pytest.mark.parametrize(
    ("model", "role"),
    [
        *((Condition, role) for role in Condition.Role.values if role),
        *((Medicine, role) for role in Medicine.Role.values if role),
        *((RiskFactor, role) for role in RiskFactor.Role.values if role),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_every_role_the_questionnaire_relies_on_has_its_row(content, model, role):
    assert model.objects.filter(role=role).count() == 1


def test_every_urgent_warning_sign_has_a_short_yes_or_no_question(content):
    for sign in WarningSign.objects.filter(urgency__in=["emergency", "today"]):
        assert sign.question.endswith("?") and len(sign.question) <= 150, sign.slug


def test_every_emergency_sign_rules_out_heat_baths_exercise_and_stretching(content):
    for sign in WarningSign.objects.filter(urgency="emergency"):
        unsafe = set(sign.unsafe_relief.values_list("slug", flat=True))
        assert {"heat", "epsom-salt-baths", "exercise", "stretching"} <= unsafe, sign.slug


def test_a_warning_sign_for_today_without_a_question_fails_validation(content):
    sign = WarningSign.objects.filter(urgency="today").first()
    sign.question = ""
    with pytest.raises(ValidationError):
        sign.full_clean()
