"""The questionnaire's flow as plain rules, without HTTP or a database: which page
each button leads to from each step, which questions are skipped, and the
progress line. One table: (step, answers, button, checking) -> (page, checking).
Then what the answers mean, on unsaved rows or on rows a test makes."""

import pytest

from nutrients import questionnaire as rules
from nutrients.models import Condition, Medicine, RiskFactor, Source, Symptom, WarningSign

MUSCLE = ["leg-cramps", "muscle-aches"]
# The signs with a follow-up question: dark urine with muscle pain asks "Do you take a statin?".
KNOWN = {"muscle_symptoms": MUSCLE, "follow_ups": ["rhabdomyolysis"]}
NO_FLAGS = {"emergency": ["none"], "today": ["none"]}
SYMPTOM = NO_FLAGS | {"symptoms": ["numbness"]}
CRAMPS = NO_FLAGS | {"symptoms": ["leg-cramps"]}
ABOUT = {"legs": ["both"], "onset": ["weeks"], "sex": ["male"], "age": ["age-51-70"], "diet": ["omnivore"]}
REST = {"medicines": ["none"], "conditions": ["none"], "supplements": ["none"], "circumstances": ["none"]}
ALL = SYMPTOM | ABOUT | REST
EMERGENCY = {"emergency": ["acute-limb-ischemia"]}
TODAY = {"emergency": ["none"], "today": ["dvt-one-leg"]}
DARK_URINE = {"emergency": ["rhabdomyolysis"]}
STATIN = DARK_URINE | {"followup": ["yes"]}

FLOW = [
    # step, answers so far (and on this page), button, checking -> page, checking
    ("emergency", {"emergency": ["none"]}, "next", False, "today", False),
    ("emergency", EMERGENCY, "next", False, "urgent", False),  # an emergency skips the same-day page
    ("today", NO_FLAGS, "next", False, "symptoms", False),
    ("today", TODAY, "next", False, "urgent", False),
    ("today", NO_FLAGS, "back", False, "emergency", False),
    ("urgent", EMERGENCY, "next", False, "symptoms", False),  # Continue anyway
    ("urgent", EMERGENCY, "back", False, "emergency", False),
    ("urgent", TODAY, "back", False, "today", False),
    ("symptoms", EMERGENCY | {"symptoms": ["none"]}, "back", False, "urgent", False),
    ("symptoms", NO_FLAGS | {"symptoms": ["none"]}, "next", False, "check", False),  # no symptom: nothing to rank
    ("symptoms", SYMPTOM, "next", False, "legs", False),
    ("onset", SYMPTOM | ABOUT, "next", False, "sex", False),  # numbness: walking cannot matter
    ("onset", CRAMPS | ABOUT, "next", False, "walking", False),  # cramps: it can
    ("sex", CRAMPS | ABOUT | {"walking": ["yes"]}, "back", False, "walking", False),
    ("age", SYMPTOM | ABOUT, "next", False, "diet", False),  # a man is not asked about pregnancy
    ("age", SYMPTOM | ABOUT | {"sex": ["female"], "age": ["under-51"]}, "next", False, "pregnancy", False),
    ("age", SYMPTOM | ABOUT | {"sex": ["female"], "age": ["age-71-plus"]}, "next", False, "diet", False),
    ("age", SYMPTOM | ABOUT | {"sex": ["female"], "age": ["rather-not-say"]}, "next", False, "pregnancy", False),
    ("diet", SYMPTOM | ABOUT | {"sex": ["female"], "age": ["under-51"]}, "back", False, "pregnancy", False),
    ("circumstances", ALL, "next", False, "check", False),
    ("check", ALL, "next", False, "result", False),
    ("check", ALL, "back", False, "circumstances", False),
    ("check", ALL, "medicines", False, "medicines", True),  # Change
    ("medicines", ALL, "next", True, "check", False),
    ("medicines", ALL, "back", True, "check", False),
    # A change that brings in new questions asks them before the check page.
    ("symptoms", NO_FLAGS | {"symptoms": ["leg-cramps"]} | ABOUT | REST, "next", True, "walking", True),
    ("walking", CRAMPS | ABOUT | REST | {"walking": ["no"]}, "next", True, "check", False),
    ("symptoms", NO_FLAGS | {"symptoms": ["numbness"]}, "next", True, "legs", True),
    # Changing to a warning sign shows the urgent page before the check page.
    ("today", ALL | {"today": ["dvt-one-leg"]}, "next", True, "urgent", True),
    ("urgent", ALL | {"today": ["dvt-one-leg"]}, "next", True, "check", False),
    ("result", ALL, "back", False, "check", False),
    # A sign with a follow-up asks it before the urgent page; one without never does.
    ("emergency", DARK_URINE, "next", False, "followup", False),
    (
        "emergency",
        DARK_URINE | {"emergency": ["rhabdomyolysis", "acute-limb-ischemia"]},
        "next",
        False,
        "followup",
        False,
    ),
    ("followup", STATIN, "next", False, "urgent", False),
    ("followup", DARK_URINE | {"followup": ["not-sure"]}, "next", False, "urgent", False),
    ("followup", STATIN, "back", False, "emergency", False),
    ("urgent", STATIN, "back", False, "followup", False),
    ("urgent", STATIN, "next", False, "symptoms", False),
    # Changing to that sign asks the follow-up, then shows the urgent page, then the check page.
    ("emergency", ALL | DARK_URINE, "next", True, "followup", True),
    ("followup", ALL | STATIN, "next", True, "urgent", True),
    ("emergency", ALL | STATIN, "next", True, "urgent", True),
    ("urgent", ALL | STATIN, "next", True, "check", False),
    ("check", ALL | STATIN, "followup", False, "followup", True),
]


@pytest.mark.parametrize(("step", "answers", "goto", "checking", "page", "still_checking"), FLOW)
def test_each_button_leads_to_the_page_the_flow_says(step, answers, goto, checking, page, still_checking):
    assert rules.navigate(step=step, goto=goto, checking=checking, answers=answers, **KNOWN) == (
        page,
        still_checking,
    )


@pytest.mark.parametrize(
    ("answers", "pages"),
    [
        (NO_FLAGS | {"symptoms": ["none"]}, ("emergency", "today", "symptoms", "check", "result")),
        (EMERGENCY | {"symptoms": ["none"]}, ("emergency", "urgent", "symptoms", "check", "result")),
        (STATIN | {"symptoms": ["none"]}, ("emergency", "followup", "urgent", "symptoms", "check", "result")),
        # The same-day page is not seen after an emergency sign, so its follow-up is not asked either.
        (
            DARK_URINE | {"emergency": ["none"], "today": ["rhabdomyolysis"], "symptoms": ["none"]},
            ("emergency", "today", "followup", "urgent", "symptoms", "check", "result"),
        ),
        (
            ALL,
            (
                "emergency",
                "today",
                "symptoms",
                "legs",
                "onset",
                "sex",
                "age",
                "diet",
                "medicines",
                "conditions",
                "supplements",
                "circumstances",
                "check",
                "result",
            ),
        ),
    ],
)
def test_questions_that_cannot_change_the_result_are_skipped(answers, pages):
    assert rules.pages(answers=answers, **KNOWN) == pages


def test_the_progress_line_counts_only_the_questions_this_visitor_is_asked():
    assert rules.progress(page="emergency", answers={}, **KNOWN) == (1, 12)
    assert rules.progress(page="diet", answers=ALL, **KNOWN) == (8, 12)
    assert rules.progress(page="followup", answers=STATIN, **KNOWN) == (2, 12)  # no same-day page, a follow-up
    woman = ALL | {"sex": ["female"], "age": ["under-51"], "symptoms": ["leg-cramps"]}
    assert rules.progress(page="diet", answers=woman, **KNOWN) == (10, 14)


def test_questions_before_a_page_are_the_ones_asked_before_it():
    assert rules.questions_before(page="urgent", answers=EMERGENCY, **KNOWN) == ("emergency",)
    assert rules.questions_before(page="urgent", answers=STATIN, **KNOWN) == ("emergency", "followup")
    assert rules.questions_before(page="legs", answers=SYMPTOM) == ("emergency", "today", "symptoms")


def test_chosen_and_one_ignore_none_not_sure_and_rather_not_say():
    answers = {"medicines": ["not-sure"], "sex": ["rather-not-say"], "symptoms": ["numbness", "tingling"]}
    assert rules.chosen(answers, "medicines") == []
    assert rules.one(answers, "sex") == ""
    assert rules.chosen(answers, "symptoms") == ["numbness", "tingling"]


# What the answers mean, on unsaved rows


def sign(slug, urgency):
    return WarningSign(slug=slug, urgency=urgency, sign=slug, what_to_do=f"Do {slug}")


def test_the_most_urgent_sign_decides():
    assert rules.most_urgent([sign("a", "today"), sign("b", "emergency")]) == "emergency"
    assert rules.most_urgent([sign("a", "today"), sign("b", "soon")]) == "today"
    assert rules.most_urgent([sign("b", "soon")]) == ""
    assert rules.most_urgent([]) == ""


def symptom(slug, category=Symptom.Category.NERVE):
    return Symptom(slug=slug, name=slug.replace("-", " ").capitalize(), category=category)


def test_the_advice_puts_a_warning_sign_before_everything():
    visitor = rules.Visitor(signs=(sign("x", "emergency"),), symptoms=(symptom("numbness"),))
    advice = rules.advice(visitor=visitor, causes=[], nutrients=["Vitamin B12"])
    assert advice == rules.Advice(
        "Call your local emergency number now about the warning sign you told us about.", "emergency"
    )


def test_the_advice_sends_a_sudden_start_to_a_doctor_today():
    visitor = rules.Visitor(symptoms=(symptom("numbness"),), onset="sudden")
    assert rules.advice(visitor=visitor, causes=[], nutrients=["Vitamin B12"]).urgency == "today"


def test_the_advice_names_the_likelier_cause_before_any_nutrient():
    cause = rules.Cause(name="Sciatica", why="", what_to_do="Contact a doctor soon.", urgency="soon")
    visitor = rules.Visitor(symptoms=(symptom("nerve-pain"),), legs="back")
    advice = rules.advice(visitor=visitor, causes=[cause], nutrients=["Vitamin B12"])
    assert advice.sentence == "Your answers point first to sciatica, not a shortage: contact a doctor soon."


def test_a_condition_comes_first_in_the_visitors_terms_then_its_own_words_and_sources(db):
    aches = Symptom.objects.create(slug="aches", name="Aches", category="muscle")
    Condition.objects.filter(role=Condition.Role.STATIN_MUSCLE).delete()
    statin_muscle = Condition.objects.create(
        slug="statin-muscle",
        name="Statin muscle symptoms",
        differs_from_shortage="The aches started after starting a statin.",
        role=Condition.Role.STATIN_MUSCLE,
    )
    statin_muscle.symptoms.add(aches)
    statin_muscle.sources.add(
        Source.objects.create(slug="nhs", title="NHS statins", publisher="P", url="https://x.org")
    )
    statins = Medicine(name="Statins", role=Medicine.Role.STATIN)
    visitor = rules.Visitor(symptoms=(aches,), medicines=(statins,))
    [cause] = rules.likelier_causes(visitor=visitor, conditions=[statin_muscle])
    assert cause.why == "You take a statin and have aches. The aches started after starting a statin."
    assert [source.title for source in cause.sources] == ["NHS statins"]


def test_tied_nutrients_are_named_together_in_the_advice():
    visitor = rules.Visitor(symptoms=(symptom("restless-legs"),))
    advice = rules.advice(visitor=visitor, causes=[], nutrients=["Iron", "Magnesium"])
    assert "iron and magnesium levels" in advice.sentence


def test_b6_from_supplements_comes_before_a_shortage_only_for_the_symptoms_its_sign_lists(db):
    tingling, cramps = Symptom.objects.create(slug="pins", name="Pins", category="nerve"), symptom("leg-cramps")
    b6 = WarningSign.objects.create(
        slug="too-much-b6",
        sign="Tingling feet while taking vitamin B6.",
        condition="nerve damage from too much vitamin B6",
        why_it_matters="B6 supplements can damage nerves.",
        what_to_do="Stop the products with B6 and see a doctor soon.",
        urgency="soon",
        role=WarningSign.Role.B6_TOO_MUCH,
    )
    b6.symptoms.add(tingling)
    b6.citations.create(
        source=Source.objects.create(slug="b6-alert", title="B6 alert", publisher="P", url="https://x.org")
    )
    causes = rules.likelier_causes(
        visitor=rules.Visitor(symptoms=(tingling,), supplements=frozenset({"b6"})), conditions=[], signs=[b6]
    )
    assert [(cause.name, cause.what_to_do, cause.urgency) for cause in causes] == [
        ("Nerve damage from too much vitamin B6", "Stop the products with B6 and see a doctor soon.", "soon")
    ]
    assert causes[0].why == "You take vitamin B6 and have pins. B6 supplements can damage nerves."
    assert [source.title for source in causes[0].sources] == ["B6 alert"]
    for visitor in (
        rules.Visitor(symptoms=(cramps,), supplements=frozenset({"b6"})),
        rules.Visitor(symptoms=(tingling,), supplements=frozenset({"magnesium"})),
    ):
        assert rules.likelier_causes(visitor=visitor, conditions=[], signs=[b6]) == []


def test_the_first_chosen_sign_with_a_follow_up_asks_it():
    plain, statin = sign("a", "emergency"), WarningSign(slug="b", urgency="emergency", follow_up="Do you take X?")
    assert rules.follow_up_sign([plain, statin]) == statin
    assert rules.follow_up_sign([plain]) is None


def test_pregnancy_and_supplements_taken_bring_in_the_risk_factors_of_their_role():
    answers = {"pregnancy": ["yes"], "supplements": ["zinc", "b6"]}
    assert rules.answered_roles(answers) == {"pregnancy", "zinc", "vitamin-b6"}
    assert rules.answered_roles({"pregnancy": ["no"], "supplements": ["magnesium"]}) == set()


def test_the_urgent_page_says_which_of_a_signs_medicines_the_visitor_takes(db):
    dark_urine = WarningSign.objects.create(slug="dark-urine", sign="Dark urine.", urgency="emergency")
    statins, fibrates = Medicine.objects.create(slug="s", name="S"), Medicine.objects.create(slug="f", name="F")
    dark_urine.medicines.add(statins, fibrates)
    told = rules.told(rules.Visitor(signs=(dark_urine,), medicines=(statins,)))
    assert told == [rules.Told(sign=dark_urine, taken=(statins,), maybe=(fibrates,))]
    told = rules.told(rules.Visitor(signs=(dark_urine,), not_taken=(statins,)))
    assert told == [rules.Told(sign=dark_urine, taken=(), maybe=(fibrates,))]


@pytest.mark.parametrize(
    ("role", "visitor", "points_to_it"),
    [
        (Condition.Role.SCIATICA, rules.Visitor(legs="back"), True),
        (Condition.Role.SCIATICA, rules.Visitor(legs="one"), False),
        (Condition.Role.ARTERY_DISEASE, rules.Visitor(walking=True), True),
        (Condition.Role.ARTERY_DISEASE, rules.Visitor(walking=False), False),
        (Condition.Role.STATIN_MUSCLE, rules.Visitor(medicines=(Medicine(role="statin"),)), True),
        (Condition.Role.STATIN_MUSCLE, rules.Visitor(medicines=(Medicine(role=""),)), False),
        (Condition.Role.DIABETIC_NEUROPATHY, rules.Visitor(risk_factors=(RiskFactor(role="diabetes"),)), True),
        (
            Condition.Role.DIABETIC_NEUROPATHY,
            rules.Visitor(risk_factors=(RiskFactor(role="diabetes"),), legs="one"),
            False,
        ),
    ],
)
def test_each_likelier_cause_needs_the_answer_that_points_to_it(role, visitor, points_to_it):
    reason = rules.why_condition(role=role, visitor=visitor, symptoms=[symptom("numbness")])
    assert bool(reason) == points_to_it


def test_a_woman_is_asked_about_pregnancy_only_under_51():
    base = SYMPTOM | {"sex": ["female"]}
    assert rules.is_asked(name="pregnancy", answers=base | {"age": ["under-51"]})
    assert not rules.is_asked(name="pregnancy", answers=base | {"age": ["age-51-70"]})
    assert not rules.is_asked(name="pregnancy", answers=SYMPTOM | {"sex": ["male"], "age": ["under-51"]})


def test_the_supplements_a_visitor_takes_read_as_a_sentence():
    assert rules.supplement_words({"magnesium", "b6"}) == "vitamin B6 and magnesium"
    assert rules.supplement_words({"zinc", "b6", "potassium"}) == "vitamin B6, potassium and zinc"
    assert rules.supplement_words(set()) == ""
