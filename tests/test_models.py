"""Rules the database and clean() enforce, so bad content cannot be saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nutrients.models import (
    CITED_CLAIMS,
    Condition,
    Food,
    FoodSource,
    IntakeReference,
    Medicine,
    Nutrient,
    RelatedNutrient,
    RiskFactor,
    Source,
    SymptomLink,
    WarningSign,
)
from tests import factories


@pytest.fixture
def magnesium(content):
    return Nutrient.objects.get(slug="magnesium")


@pytest.fixture
def source(content):
    return Source.objects.first()


def test_an_amount_in_a_unit_the_nutrient_does_not_use_is_refused(magnesium, source):
    link = FoodSource(
        nutrient=magnesium,
        food=Food.objects.first(),
        preparation="test",
        serving="1 cup",
        amount=Decimal(10),
        unit="IU",
        source=source,
    )
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert "measured in mg" in str(error.value)


def test_an_amount_without_a_source_is_refused(magnesium):
    link = FoodSource(
        nutrient=magnesium,
        food=Food.objects.first(),
        preparation="test",
        serving="1 cup",
        amount=Decimal(10),
        unit="mg",
    )
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert "source" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_a_food_link_without_any_amount_is_allowed(magnesium):
    FoodSource(nutrient=magnesium, food=Food.objects.first(), preparation="named only").full_clean()


def test_negative_amounts_are_refused_by_the_database(magnesium, source):
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakeReference.objects.create(
            nutrient=magnesium, kind="RDA", group="Test", amount=Decimal(-1), unit="mg", source=source
        )


def test_a_range_must_go_up(magnesium, source):
    intake = IntakeReference(
        nutrient=magnesium,
        kind="RDA",
        group="Test",
        amount=Decimal(10),
        amount_high=Decimal(5),
        unit="mg",
        source=source,
    )
    with pytest.raises(ValidationError):
        intake.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        intake.save()


def test_only_an_upper_limit_can_cover_supplements_only(magnesium, source):
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakeReference.objects.create(
            nutrient=magnesium,
            kind="RDA",
            group="Test",
            amount=Decimal(1),
            unit="mg",
            source=source,
            supplements_only=True,
        )


def test_a_supplements_only_upper_limit_must_say_what_it_counts(magnesium, source):
    limit = IntakeReference(
        nutrient=magnesium, kind="UL", group="Test", amount=Decimal(1), unit="mg", source=source, supplements_only=True
    )
    with pytest.raises(ValidationError) as error:
        limit.full_clean()
    assert "note" in error.value.message_dict


def test_a_vegan_food_must_be_vegetarian(content):
    with pytest.raises(IntegrityError), transaction.atomic():
        Food.objects.create(name="Test food", slug="test-food", category="fruit", is_vegan=True, is_vegetarian=False)


def test_link_strength_is_one_of_the_rubric_levels(magnesium):
    symptom_link = magnesium.symptom_links.first()
    symptom_link.strength = 7
    with pytest.raises(IntegrityError), transaction.atomic():
        symptom_link.save()


def test_a_nutrient_cannot_be_related_to_itself(magnesium):
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedNutrient.objects.create(nutrient=magnesium, related=magnesium, why="test")


def test_a_published_page_needs_a_review_date_and_reviewer(magnesium):
    magnesium.reviewed_on = None
    with pytest.raises(ValidationError):
        magnesium.full_clean()


def test_links_are_unique_per_pair(magnesium):
    existing = magnesium.symptom_links.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        SymptomLink.objects.create(nutrient=magnesium, symptom=existing.symptom, strength=1, why="again")


def test_only_a_sign_the_questionnaire_asks_can_have_a_follow_up(content):
    fields = {"slug": "x", "sign": "A sign.", "why_it_matters": "Why.", "what_to_do": "See a doctor soon."}
    sign = WarningSign(**fields, urgency="soon", follow_up="Do you take a statin?")
    with pytest.raises(ValidationError, match="follow-up"):
        sign.full_clean()
    WarningSign(**fields, urgency="emergency", question="Is it so?", follow_up="Do you take a statin?").full_clean()


@pytest.mark.parametrize("claims, citations", CITED_CLAIMS.items(), ids=lambda value: getattr(value, "__name__", value))
def test_a_claim_cites_each_source_once(source, claims, citations):
    citation_model = getattr(claims, citations).rel.related_model
    claim = claims.objects.first() or factories.caveat()  # the test content has no caveat
    citation_model.objects.get_or_create(claim=claim, source=source)
    with pytest.raises(IntegrityError), transaction.atomic():
        citation_model.objects.create(claim=claim, source=source, locator="another page")


@pytest.mark.parametrize(
    "model, name",
    [(RiskFactor, "risk factor"), (WarningSign, "warning sign"), (Medicine, "medicine"), (Condition, "condition")],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_only_one_row_may_have_each_role(content, model, name):
    first, second = model.objects.filter(role="")[:2]
    role = model.Role.values[1]  # the first after NONE
    model.objects.filter(role=role).update(role="")
    first.role = role
    first.save()
    second.role = role
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert f"Another {name} already has this role." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
