"""The questionnaire's flow as plain rules, without HTTP or a database: which page
each button leads to from each step, which questions are skipped, and the
progress line. One table: (step, answers, button, checking) -> (page, checking)."""

import pytest

from nutrients import questionnaire as rules
from nutrients.models import Condition, Medicine, RiskFactor, Symptom, WarningSign

MUSCLE = ["leg-cramps", "muscle-aches"]
NO_FLAGS = {"emergency": ["none"], "today": ["none"]}
SYMPTOM = NO_FLAGS | {"symptoms": ["numbness"]}
CRAMPS = NO_FLAGS | {"symptoms": ["leg-cramps"]}
ABOUT = {"legs": ["both"], "onset": ["weeks"], "sex": ["male"], "age": ["age-51-70"], "diet": ["omnivore"]}
REST = {"medicines": ["none"], "conditions": ["none"], "supplements": ["none"], "circumstances": ["none"]}
ALL = SYMPTOM | ABOUT | REST
EMERGENCY = {"emergency": ["rhabdomyolysis"]}
TODAY = {"emergency": ["none"], "today": ["dvt-one-leg"]}

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
]


@pytest.mark.parametrize(("step", "answers", "goto", "checking", "page", "still_checking"), FLOW)
def test_each_button_leads_to_the_page_the_flow_says(step, answers, goto, checking, page, still_checking):
    assert rules.navigate(step=step, goto=goto, checking=checking, answers=answers, muscle_symptoms=MUSCLE) == (
        page,
        still_checking,
    )


@pytest.mark.parametrize(
    ("answers", "pages"),
    [
        (NO_FLAGS | {"symptoms": ["none"]}, ("emergency", "today", "symptoms", "check", "result")),
        (EMERGENCY | {"symptoms": ["none"]}, ("emergency", "urgent", "symptoms", "check", "result")),
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
    assert rules.pages(answers=answers, muscle_symptoms=MUSCLE) == pages


def test_the_progress_line_counts_only_the_questions_this_visitor_is_asked():
    assert rules.progress(page="emergency", answers={}, muscle_symptoms=MUSCLE) == (1, 12)
    assert rules.progress(page="diet", answers=ALL, muscle_symptoms=MUSCLE) == (8, 12)
    woman = ALL | {"sex": ["female"], "age": ["under-51"], "symptoms": ["leg-cramps"]}
    assert rules.progress(page="diet", answers=woman, muscle_symptoms=MUSCLE) == (10, 14)


def test_questions_before_a_page_are_the_ones_asked_before_it():
    assert rules.questions_before(page="urgent", answers=EMERGENCY, muscle_symptoms=MUSCLE) == ("emergency",)
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


def test_tied_nutrients_are_named_together_in_the_advice():
    visitor = rules.Visitor(symptoms=(symptom("restless-legs"),))
    advice = rules.advice(visitor=visitor, causes=[], nutrients=["Iron", "Magnesium"])
    assert "iron and magnesium levels" in advice.sentence


def test_b6_from_supplements_comes_before_a_shortage_for_nerve_symptoms_only():
    nerve = rules.Visitor(symptoms=(symptom("tingling"),), supplements=frozenset({"b6"}))
    muscle = rules.Visitor(symptoms=(symptom("leg-cramps", Symptom.Category.MUSCLE),), supplements=frozenset({"b6"}))
    assert [cause.name for cause in rules.likelier_causes(visitor=nerve, conditions=[])] == ["Too much vitamin B6"]
    assert rules.likelier_causes(visitor=muscle, conditions=[]) == []


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
    assert rules.supplement_words(set()) == ""
