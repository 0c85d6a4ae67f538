"""Clinical vignettes: people as careful visitors would answer, each with the urgency,
the likelier cause and the top nutrients a clinician would expect, written down before
the rules were run on them. They run the rules and the ranking on the site's real
content, without HTTP, through the same function the result page uses.

Urgency is what the result's opening sentence asks for: "emergency", "today",
"soon" (ask a doctor, no hurry), or "" (nothing to do).
"""

from dataclasses import dataclass, field

import pytest

from nutrients import questionnaire as rules
from nutrients import selectors
from nutrients.forms.questionnaire import QuestionnaireForm
from nutrients.models import Condition, WarningSign
from nutrients.views.questionnaire import result

from .factories import questionnaire_rows


@pytest.fixture(autouse=True)
def rows(content):
    questionnaire_rows()


# A careful visitor with no red flag, a slow start in both legs, a woman under 51 who eats
# meat, takes nothing and has no condition: each vignette changes what it needs.
DEFAULTS = {
    "emergency": ["none"],
    "today": ["none"],
    "followup": ["not-sure"],
    "legs": ["both"],
    "onset": ["weeks"],
    "walking": ["no"],
    "sex": ["female"],
    "age": ["under-51"],
    "pregnancy": ["no"],
    "diet": ["omnivore"],
    "medicines": ["none"],
    "conditions": ["none"],
    "supplements": ["none"],
    "circumstances": ["none"],
}
PHYSICAL = {"heat", "epsom-salt-baths", "exercise", "stretching"}


@dataclass(frozen=True)
class Vignette:
    who: str
    answers: dict
    urgency: str
    cause: str = ""  # the role of the first likelier cause, "b6" or "nitrous-oxide"; "" for none
    top: frozenset = frozenset()  # nutrients that must share the first place
    not_suggested: frozenset = frozenset()
    no_self_care: frozenset = field(default_factory=frozenset)
    also: frozenset = frozenset()  # nutrients that must be shown in full, whatever their place


def v(who, urgency, *, cause="", top=(), not_suggested=(), no_self_care=(), also=(), **answers):
    return Vignette(
        who, answers, urgency, cause, frozenset(top), frozenset(not_suggested), frozenset(no_self_care), frozenset(also)
    )


VIGNETTES = [
    # Classic shortages: a nutrient is worth asking about, with no hurry.
    v(
        "vegan woman, 34, numb tingling feet and unsteady",
        "soon",
        top=["Vitamin B12"],
        symptoms=["numbness", "tingling", "balance-problems"],
        diet=["vegan"],
    ),
    v(
        "woman, 38, on metformin for polycystic ovaries, tingling feet",
        "soon",
        top=["Vitamin B12"],
        symptoms=["tingling", "numbness"],
        medicines=["metformin"],
    ),
    v(
        "man, 72, on an acid reducer for years, numb feet",
        "soon",
        top=["Vitamin B12"],
        symptoms=["numbness", "tingling"],
        sex=["male"],
        age=["age-71-plus"],
        medicines=["acid-reducers"],
    ),
    v(
        "woman, 44, heavy periods, restless legs at night",
        "soon",
        top=["Iron"],
        symptoms=["restless-legs"],
        circumstances=["heavy-periods"],
    ),
    v(
        "woman, 76, housebound, aching bones and muscles",
        "soon",
        top=["Vitamin D"],
        symptoms=["bone-pain", "muscle-aches"],
        age=["age-71-plus"],
        circumstances=["little-sun"],
    ),
    v(
        "woman, 29, told she has anaemia, heavy tired legs",
        "soon",
        top=["Iron"],
        symptoms=["leg-fatigue"],
        conditions=["diagnosed-anaemia"],
    ),
    v(
        "man, 50, drinks heavily, burning numb feet and weak legs",
        "soon",
        top=["Thiamine (B1)"],
        symptoms=["numbness", "nerve-pain", "muscle-weakness"],
        sex=["male"],
        conditions=["heavy-alcohol-use"],
    ),
    v("man, 40, night cramps only", "soon", top=["Magnesium"], symptoms=["night-cramps"], sex=["male"]),
    v("pregnant woman, 31, restless legs", "soon", top=["Iron"], symptoms=["restless-legs"], pregnancy=["yes"]),
    v(
        "vegetarian woman, 58, tingling feet",
        "soon",
        top=["Vitamin B12"],
        symptoms=["tingling"],
        age=["age-51-70"],
        diet=["vegetarian"],
    ),
    v(
        "man, 55, tingling feet: a reason meant for women does not lift calcium",
        "soon",
        top=["Vitamin B12"],
        symptoms=["tingling"],
        sex=["male"],
        age=["age-51-70"],
    ),
    v(
        "woman, 47, after weight-loss surgery, numb and unsteady",
        "soon",
        top=["Vitamin B12"],
        symptoms=["numbness", "balance-problems"],
        conditions=["weight-loss-surgery"],
    ),
    v(
        "man, 66, kidney disease, leg cramps: no potassium or magnesium",
        "soon",
        top=["Calcium"],
        not_suggested=["Potassium", "Magnesium", "Phosphorus"],
        symptoms=["leg-cramps"],
        sex=["male"],
        age=["age-51-70"],
        conditions=["kidney-disease"],
    ),
    v(
        "woman, 60, kidney disease, restless legs: iron, never magnesium",
        "soon",
        top=["Iron"],
        not_suggested=["Magnesium"],
        symptoms=["restless-legs"],
        age=["age-51-70"],
        conditions=["kidney-disease"],
    ),
    v(
        "woman, 45, after thyroid surgery, spasms and tingling fingers",
        "soon",
        top=["Calcium"],
        symptoms=["muscle-spasms", "tingling"],
        conditions=["neck-surgery"],
    ),
    v("woman, 35, no symptom at all", "", symptoms=["none"]),
    # The likelier cause comes first.
    v(
        "man, 62, on a statin, aching muscles",
        "today",
        cause=Condition.Role.STATIN_MUSCLE,
        symptoms=["muscle-aches"],
        sex=["male"],
        age=["age-51-70"],
        medicines=["statins"],
    ),
    v(
        "woman, 68, on a statin, weak legs and cramps",
        "today",
        cause=Condition.Role.STATIN_MUSCLE,
        symptoms=["muscle-weakness", "leg-cramps"],
        age=["age-51-70"],
        medicines=["statins"],
    ),
    v(
        "man, 59, diabetes, numb burning feet",
        "soon",
        cause=Condition.Role.DIABETIC_NEUROPATHY,
        symptoms=["numbness", "nerve-pain"],
        sex=["male"],
        age=["age-51-70"],
        conditions=["diabetes"],
        medicines=["metformin"],
    ),
    v(
        "woman, 52, diabetes but pain down one leg from the back",
        "soon",
        cause=Condition.Role.SCIATICA,
        symptoms=["nerve-pain", "numbness"],
        legs=["back"],
        age=["age-51-70"],
        conditions=["diabetes"],
    ),
    v(
        "man, 41, shooting pain down one leg from the buttock",
        "soon",
        cause=Condition.Role.SCIATICA,
        symptoms=["nerve-pain", "tingling"],
        legs=["back"],
        sex=["male"],
    ),
    v(
        "man, 70, calf cramps on walking that ease with rest",
        "soon",
        cause=Condition.Role.ARTERY_DISEASE,
        no_self_care=["heat", "epsom-salt-baths"],
        symptoms=["leg-cramps"],
        walking=["yes"],
        sex=["male"],
        age=["age-51-70"],
    ),
    v(
        "woman, 39, B-complex daily, tingling and numb feet",
        "soon",
        cause="b6",
        not_suggested=["Vitamin B6"],
        symptoms=["tingling", "numbness"],
        supplements=["b6"],
    ),
    v(
        "man, 22, uses nitrous oxide, numb and unsteady",
        "today",
        cause="nitrous-oxide",
        symptoms=["numbness", "balance-problems"],
        sex=["male"],
        medicines=["nitrous-oxide"],
    ),
    v(
        "man, 64, statin and walking pain: the statin first, the same day",
        "today",
        cause=Condition.Role.STATIN_MUSCLE,
        symptoms=["leg-cramps"],
        walking=["yes"],
        sex=["male"],
        age=["age-51-70"],
        medicines=["statins"],
    ),
    v("woman, 48, numb legs that came on within hours", "today", symptoms=["numbness"], onset=["sudden"]),
    v(
        "man, 45, zinc tablets daily for months, numb feet and unsteady: copper as well as B12",
        "soon",
        top=["Vitamin B12"],
        also=["Copper"],
        symptoms=["numbness", "balance-problems"],
        sex=["male"],
        supplements=["zinc"],
    ),
    # Red flags, one for every urgent sign the content has (the table below), then after "continue anyway".
    v(
        "man, 57, swollen warm painful calf, continues anyway",
        "today",
        no_self_care=PHYSICAL,
        symptoms=["leg-pain"],
        today=["dvt-one-leg"],
        sex=["male"],
        age=["age-51-70"],
    ),
    v(
        "woman, 71, leg suddenly cold and pale, continues anyway",
        "emergency",
        no_self_care=PHYSICAL,
        symptoms=["leg-pain", "numbness"],
        emergency=["acute-limb-ischemia"],
        age=["age-71-plus"],
    ),
    v(
        "man, 30, red hot spreading calf with fever",
        "emergency",
        no_self_care=PHYSICAL,
        symptoms=["leg-pain"],
        emergency=["cellulitis-sepsis"],
        sex=["male"],
    ),
    v(
        "man, 19, after a fracture, a tight calf and pain out of proportion",
        "emergency",
        no_self_care=PHYSICAL,
        symptoms=["leg-pain"],
        emergency=["compartment-syndrome"],
        sex=["male"],
    ),
    v(
        "man, 63, statin, cola-coloured urine and weak legs",
        "emergency",
        cause=Condition.Role.STATIN_MUSCLE,
        no_self_care=PHYSICAL,
        symptoms=["muscle-weakness", "muscle-aches"],
        emergency=["rhabdomyolysis"],
        sex=["male"],
        age=["age-51-70"],
        medicines=["statins"],
    ),
    v(
        "man, 66, cola-coloured urine and aching legs, answers yes to 'Do you take a statin?' and ticks no medicine",
        "emergency",
        cause=Condition.Role.STATIN_MUSCLE,
        no_self_care=PHYSICAL,
        symptoms=["muscle-aches", "muscle-weakness"],
        emergency=["rhabdomyolysis"],
        followup=["yes"],
        sex=["male"],
        age=["age-51-70"],
    ),
    v(
        "woman, 24, dark urine and sore legs after a hard workout, no statin",
        "emergency",
        no_self_care=PHYSICAL,
        symptoms=["muscle-aches"],
        emergency=["rhabdomyolysis"],
        followup=["no"],
    ),
    v(
        "woman, 25, eating again after anorexia, weak and breathless",
        "emergency",
        no_self_care=[*PHYSICAL, "balanced-diet", "hydration"],
        symptoms=["muscle-weakness"],
        emergency=["refeeding-syndrome"],
        conditions=["eating-again"],
    ),
    v(
        "man, 47, drinks heavily, confused and unsteady",
        "emergency",
        no_self_care=PHYSICAL,
        symptoms=["balance-problems"],
        emergency=["wernicke-encephalopathy"],
        sex=["male"],
        conditions=["heavy-alcohol-use"],
    ),
    v(
        "woman, 53, a week after thyroid surgery, tingling lips and hand spasms",
        "emergency",
        no_self_care=PHYSICAL,
        symptoms=["muscle-spasms", "tingling"],
        emergency=["severe-low-calcium"],
        age=["age-51-70"],
        conditions=["neck-surgery"],
    ),
    v(
        "man, 74, kidney disease and an ACE inhibitor, pounding heart and weak legs",
        "emergency",
        no_self_care=[*PHYSICAL, "hydration", "balanced-diet"],
        symptoms=["muscle-weakness"],
        emergency=["high-potassium"],
        sex=["male"],
        age=["age-71-plus"],
        conditions=["kidney-disease"],
        medicines=["ace-inhibitors-and-arbs"],
    ),
    v(
        "woman, 33, numb around the bottom with back pain",
        "emergency",
        cause=Condition.Role.SCIATICA,
        no_self_care=PHYSICAL,
        symptoms=["numbness", "nerve-pain"],
        emergency=["saddle-numbness"],
        legs=["back"],
    ),
    v(
        "man, 26, weakness creeping up both legs over two days",
        "today",
        no_self_care=PHYSICAL,
        symptoms=["muscle-weakness", "tingling"],
        today=["guillain-barre"],
        sex=["male"],
        onset=["days"],
    ),
    v(
        "man, 23, nitrous oxide, numb and can barely walk",
        "today",
        cause="nitrous-oxide",
        no_self_care=["heat", "exercise"],
        symptoms=["numbness", "balance-problems"],
        today=["nitrous-oxide-nerve-damage"],
        sex=["male"],
        medicines=["nitrous-oxide"],
    ),
]

# Every urgent warning sign in the content, with the urgency a clinician expects for it.
RED_FLAGS = {
    "pulmonary-embolism": "emergency",
    "leg-swelling-chest-pain": "emergency",
    "acute-limb-ischemia": "emergency",
    "compartment-syndrome": "emergency",
    "rhabdomyolysis": "emergency",
    "cellulitis-sepsis": "emergency",
    "saddle-numbness": "emergency",
    "cauda-equina": "emergency",
    "stroke-numbness": "emergency",
    "wernicke-encephalopathy": "emergency",
    "severe-low-calcium": "emergency",
    "high-potassium": "emergency",
    "severe-low-potassium": "emergency",
    "magnesium-extremes": "emergency",
    "vitamin-d-too-much-emergency": "emergency",
    "refeeding-syndrome": "emergency",
    "child-swallowed-iron": "emergency",
    "dvt-one-leg": "today",
    "sudden-leg-swelling": "today",
    "sudden-leg-pain-injury": "today",
    "guillain-barre": "today",
    "statin-muscle-symptoms": "today",
    "nitrous-oxide-nerve-damage": "today",
    "diabetic-foot": "today",
    "cramp-lasting-long": "today",
    "vitamin-d-too-much": "today",
}


def outcome(answers: dict) -> dict:
    """The result page's context for these answers, as the view builds it."""
    data = DEFAULTS | answers
    if data["sex"] != ["female"] or data["age"] not in (["under-51"], ["rather-not-say"]):
        data.pop("pregnancy")
    if data.get("emergency") != ["none"]:
        data.pop("today")
    form = QuestionnaireForm({**data, "step": ["check"], "goto": ["next"]}, **selectors.questionnaire_options())
    route = form.route()
    assert route.page == "result", route
    visitor = form.visitor()
    return result(form, visitor=visitor) | {"visitor": visitor}


def cause_key(cause: rules.Cause, conditions: dict) -> str:
    if cause.name in conditions:
        return conditions[cause.name]
    return "b6" if "B6" in cause.name else "nitrous-oxide"


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[vignette.who for vignette in VIGNETTES])
def test_the_vignette_gets_the_urgency_cause_and_nutrients_a_clinician_expects(content, vignette):
    page = outcome(vignette.answers)
    conditions = {condition.name: condition.role for condition in Condition.objects.exclude(role="")}
    assert page["advice"].urgency == vignette.urgency, page["advice"].sentence
    first_cause = cause_key(page["causes"][0], conditions) if page["causes"] else ""
    assert first_cause == vignette.cause
    first_place = {row.nutrient.name for row in page["suggestions"] if row.place == 1}
    assert vignette.top <= first_place, [(row.nutrient.name, row.score) for row in page["suggestions"]]
    suggested = {row.nutrient.name for row in [*page["suggestions"], *page["also_linked"]]}
    assert not suggested & vignette.not_suggested
    assert vignette.also <= {row.nutrient.name for row in page["suggestions"]}
    offered = {strategy.slug for strategy in page["strategies"]}
    assert not offered & vignette.no_self_care


def test_there_are_at_least_thirty_vignettes():
    assert len(VIGNETTES) >= 30


def test_the_red_flag_table_covers_every_urgent_sign_in_the_content(content):
    urgent = WarningSign.objects.filter(urgency__in=["emergency", "today"])
    assert set(urgent.values_list("slug", flat=True)) == set(RED_FLAGS)


@pytest.mark.parametrize(("slug", "urgency"), RED_FLAGS.items())
def test_every_red_flag_is_asked_and_leads_to_its_urgency_with_no_self_care_it_rules_out(content, slug, urgency):
    question = "emergency" if urgency == "emergency" else "today"
    page = outcome({question: [slug], "symptoms": ["leg-pain"]})
    assert page["advice"].urgency == urgency
    sign = WarningSign.objects.get(slug=slug)
    assert sign.question
    offered = {strategy.slug for strategy in page["strategies"]}
    assert not offered & set(sign.unsafe_relief.values_list("slug", flat=True))
    if urgency == "emergency":
        assert not offered & PHYSICAL
