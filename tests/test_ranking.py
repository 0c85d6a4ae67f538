"""The questionnaire's ranking rules, as plain functions: personas on the site's
content, and the rules themselves on a few hand-made links."""

import pytest

from nutrients import ranking, selectors
from nutrients.models import (
    Food,
    FoodSource,
    IntakeReference,
    Medicine,
    MedicineNutrientLink,
    Nutrient,
    RiskFactor,
    RiskFactorLink,
    Symptom,
    SymptomLink,
)
from nutrients.ranking import Answers, rank


def ranked(*, symptoms=(), risk_factors=()) -> list[str]:
    """The slugs the site's content ranks for a persona, best first."""
    answers = Answers(symptoms=frozenset(symptoms), risk_factors=frozenset(risk_factors))
    links = selectors.answer_links(symptoms=answers.symptoms, risk_factors=answers.risk_factors)
    return [suggestion.nutrient.slug for suggestion in rank(answers=answers, **links)]


# Personas, on the site's own content.


def test_a_vegan_with_numbness_tingling_and_balance_trouble_gets_vitamin_b12_first(content):
    assert ranked(symptoms=["numbness", "tingling", "balance-problems"], risk_factors=["vegan"])[0] == "vitamin-b12"


def test_night_cramps_alone_put_magnesium_near_the_top(content):
    assert "magnesium" in ranked(symptoms=["night-cramps"])[:2]


def test_restless_legs_point_to_iron_first(content):
    assert ranked(symptoms=["restless-legs"])[0] == "iron"


def test_bone_pain_and_little_sun_point_to_vitamin_d_first(content):
    assert ranked(symptoms=["bone-pain"], risk_factors=["little-sun"])[0] == "vitamin-d"


def test_tired_legs_with_diagnosed_anaemia_put_iron_first(content):
    assert ranked(symptoms=["leg-fatigue"], risk_factors=["diagnosed-anaemia"])[0] == "iron"


def test_cramps_with_heavy_sweating_keep_the_electrolytes_on_top(content):
    top_three = ranked(symptoms=["leg-cramps"], risk_factors=["heavy-sweating"])[:3]
    assert set(top_three) == {"calcium", "magnesium", "potassium"}


def test_a_circumstance_alone_suggests_nothing(content):
    assert ranked(risk_factors=["vegan", "little-sun", "age-71-plus"]) == []


def test_a_circumstance_breaks_a_tie_between_equally_linked_nutrients(content):
    # Numbness links potassium and vitamin E equally (possible): name order puts potassium first,
    # and a condition that affects absorption (linked to vitamin E, not potassium) reverses them.
    plain = ranked(symptoms=["numbness"])
    assert plain.index("potassium") < plain.index("vitamin-e")
    with_absorption = ranked(symptoms=["numbness"], risk_factors=["absorption-conditions"])
    assert with_absorption.index("vitamin-e") < with_absorption.index("potassium")


# The rules, on hand-made links (no database).


def nutrient(pk: int, name: str) -> Nutrient:
    return Nutrient(id=pk, name=name, slug=name.lower(), unit="mg")


def symptom(name: str) -> Symptom:
    return Symptom(name=name, slug=name.lower())


def link(to: Nutrient, of: Symptom, strength: int) -> SymptomLink:
    return SymptomLink(nutrient=to, symptom=of, strength=strength, why=f"{of.name} and {to.name}")


def risk(to: Nutrient, slug: str, kind=RiskFactor.Kind.LIFE) -> RiskFactorLink:
    factor = RiskFactor(slug=slug, name=slug.replace("-", " ").capitalize(), kind=kind)
    return RiskFactorLink(nutrient=to, risk_factor=factor, why=f"{slug} and {to.name}")


ZINC, COPPER, BORON = nutrient(1, "Zinc"), nutrient(2, "Copper"), nutrient(3, "Boron")
CRAMPS, ACHES = symptom("Cramps"), symptom("Aches")


def test_the_score_adds_link_strengths_and_a_weight_per_circumstance():
    answers = Answers(symptoms={"cramps", "aches"}, risk_factors={"little-sun"})
    suggestions = rank(
        answers=answers,
        symptom_links=[link(ZINC, CRAMPS, 3), link(ZINC, ACHES, 2), link(COPPER, CRAMPS, 1)],
        risk_links=[risk(COPPER, "little-sun")],
    )
    assert [(row.nutrient.name, row.score) for row in suggestions] == [
        ("Zinc", 5),
        ("Copper", 1 + ranking.RISK_FACTOR_WEIGHT),
    ]


def test_within_a_tie_the_order_is_by_name_only_to_be_stable():
    suggestions = rank(
        answers=Answers(symptoms={"cramps"}),
        symptom_links=[link(ZINC, CRAMPS, 2), link(BORON, CRAMPS, 2), link(COPPER, CRAMPS, 2)],
        risk_links=[],
    )
    assert [row.nutrient.name for row in suggestions] == ["Boron", "Copper", "Zinc"]


def test_links_to_answers_not_given_count_for_nothing():
    suggestions = rank(
        answers=Answers(symptoms={"cramps"}),
        symptom_links=[link(ZINC, ACHES, 3), link(COPPER, CRAMPS, 1)],
        risk_links=[risk(ZINC, "little-sun"), risk(COPPER, "pregnancy")],
    )
    assert [(row.nutrient.name, row.score) for row in suggestions] == [("Copper", 1)]


def test_no_symptom_means_no_suggestion():
    assert (
        rank(
            answers=Answers(risk_factors={"little-sun"}),
            symptom_links=[link(ZINC, CRAMPS, 3)],
            risk_links=[risk(ZINC, "little-sun")],
        )
        == []
    )


def test_the_reasons_list_the_strongest_symptom_first_then_the_circumstances():
    [suggestion] = rank(
        answers=Answers(symptoms={"cramps", "aches"}, risk_factors={"pregnancy"}),
        symptom_links=[link(ZINC, ACHES, 1), link(ZINC, CRAMPS, 3)],
        risk_links=[risk(ZINC, "pregnancy")],
    )
    assert [(reason.answer, reason.strength) for reason in suggestion.reasons] == [
        ("Cramps", "Strong"),
        ("Aches", "Possible"),
        ("Pregnancy", ""),
    ]


@pytest.mark.parametrize(
    ("symptoms", "factors", "sentence"),
    [
        (
            ["Numbness"],
            [("Vegan diet", RiskFactor.Kind.DIET)],
            "You said you eat a vegan diet and have numbness: both are linked to vitamin B12.",
        ),
        (["Numbness"], [], "You said you have numbness: it is linked to vitamin B12."),
        (
            ["Numbness", "Tingling", "Balance problems"],
            [],
            "You said you have numbness, tingling and balance problems: all are linked to vitamin B12.",
        ),
        (
            ["Numbness", "Tingling"],
            [("Vegan diet", RiskFactor.Kind.DIET), ("Age 71 and over", RiskFactor.Kind.AGE)],
            "You said you eat a vegan diet, have numbness and tingling, and told us about age 71 and over: "
            "all are linked to vitamin B12.",
        ),
    ],
)
def test_the_sentence_says_which_answers_point_to_the_nutrient(symptoms, factors, sentence):
    risk_factors = [RiskFactor(name=name, kind=kind) for name, kind in factors]
    assert ranking.because(nutrient="Vitamin B12", symptoms=symptoms, risk_factors=risk_factors) == sentence


def food(pk: int, name: str, *, vegan=False) -> Food:
    return Food(id=pk, name=name, is_vegan=vegan, is_vegetarian=vegan)


def test_foods_fit_the_diet_richest_first_and_prefer_a_recorded_amount():
    zinc = ZINC
    oysters, beans, seeds = food(1, "Oysters"), food(2, "Beans", vegan=True), food(3, "Seeds", vegan=True)
    sources = [
        FoodSource(nutrient=zinc, food=oysters, amount=30, unit="mg"),
        FoodSource(nutrient=zinc, food=beans, amount=None),
        FoodSource(nutrient=zinc, food=seeds, amount=2, unit="mg"),
        FoodSource(nutrient=zinc, food=beans, amount=1, unit="mg", preparation="canned"),
    ]
    assert [(row.food.name, row.amount) for row in ranking.foods_for(nutrient=zinc, sources=sources, diet="vegan")] == [
        ("Seeds", 2),
        ("Beans", 1),
    ]
    assert ranking.foods_for(nutrient=zinc, sources=sources, diet="omnivore")[0].food == oysters


def test_details_give_each_suggestion_only_its_own_foods_and_upper_limits():
    zinc, copper = ZINC, COPPER
    suggestions = [ranking.Suggestion(nutrient=zinc, score=3), ranking.Suggestion(nutrient=copper, score=1)]
    limits = [IntakeReference(nutrient=zinc, kind="UL", amount=40, unit="mg")]
    ranking.add_details(
        suggestions=suggestions,
        diet="omnivore",
        upper_limits=limits,
        food_sources=[FoodSource(nutrient=copper, food=food(4, "Liver"), amount=10, unit="mg")],
    )
    assert (suggestions[0].foods, suggestions[0].upper_limits) == ([], limits)
    assert [row.food.name for row in suggestions[1].foods] == ["Liver"]
    assert suggestions[1].upper_limits == []


# Medicines, conditions, cautions, whom a reason fits, and ties (no database).


def medicine_link(to: Nutrient, slug: str, strength: int, effect="lowers") -> MedicineNutrientLink:
    return MedicineNutrientLink(
        nutrient=to, medicine=Medicine(slug=slug, name=slug.capitalize()), strength=strength, effect=effect, why="x"
    )


def test_a_medicine_that_lowers_a_nutrient_raises_it_by_its_strength():
    suggestions = rank(
        answers=Answers(symptoms={"cramps"}, medicines={"metformin"}),
        symptom_links=[link(ZINC, CRAMPS, 3), link(COPPER, CRAMPS, 3)],
        risk_links=[],
        medicine_links=[medicine_link(COPPER, "metformin", 2), medicine_link(ZINC, "metformin", 3, "interacts")],
    )
    assert [(row.nutrient.name, row.score) for row in suggestions] == [("Copper", 5), ("Zinc", 3)]
    assert suggestions[0].sentence == "You said you have cramps and take metformin: both are linked to copper."


def test_a_health_condition_weighs_as_much_as_the_strongest_symptom_link_it_lifts():
    answers = Answers(symptoms={"cramps"}, risk_factors={"drinking"})
    suggestions = rank(
        answers=answers,
        symptom_links=[link(ZINC, CRAMPS, 3), link(COPPER, CRAMPS, 1)],
        risk_links=[risk(ZINC, "drinking", RiskFactor.Kind.HEALTH), risk(COPPER, "drinking", RiskFactor.Kind.HEALTH)],
    )
    assert [(row.nutrient.name, row.score) for row in suggestions] == [("Zinc", 6), ("Copper", 2)]


def test_a_caution_keeps_a_nutrient_out_of_the_ranking():
    caution = risk(ZINC, "kidney-disease", RiskFactor.Kind.HEALTH)
    caution.effect = RiskFactorLink.Effect.CAUTION
    answers = Answers(symptoms={"cramps"}, risk_factors={"kidney-disease"})
    suggestions = rank(
        answers=answers, symptom_links=[link(ZINC, CRAMPS, 3), link(COPPER, CRAMPS, 1)], risk_links=[caution]
    )
    assert [row.nutrient.name for row in suggestions] == ["Copper"]
    assert ranking.cautions(answers=answers, risk_links=[caution]) == [caution]


def test_a_reason_meant_for_women_counts_only_for_a_woman():
    women = risk(ZINC, "age-51-70", RiskFactor.Kind.AGE)
    women.sex = RiskFactorLink.Sex.FEMALE
    for sex, score in (("female", 4), ("male", 3), ("", 3)):
        answers = Answers(symptoms={"cramps"}, risk_factors={"age-51-70"}, sex=sex)
        [suggestion] = rank(answers=answers, symptom_links=[link(ZINC, CRAMPS, 3)], risk_links=[women])
        assert suggestion.score == score


def test_equal_scores_share_a_place_and_are_marked_tied():
    suggestions = rank(
        answers=Answers(symptoms={"cramps"}),
        symptom_links=[link(ZINC, CRAMPS, 2), link(BORON, CRAMPS, 2), link(COPPER, CRAMPS, 1)],
        risk_links=[],
    )
    assert [(row.nutrient.name, row.place, row.tied) for row in suggestions] == [
        ("Boron", 1, True),
        ("Zinc", 1, True),
        ("Copper", 2, False),
    ]
