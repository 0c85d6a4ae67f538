"""The questionnaire over HTTP: every step, Back and Change, errors, tampering,
privacy headers and query counts.

What the view decided (the page, the answers carried, the ranking, the causes,
the self-care offered) is read from response.context; the markup is checked
where it is the point (headings, hidden fields, the error summary, htmx)."""

import re
from html import escape, unescape

import pytest
from django.test import Client, RequestFactory
from django_htmx.middleware import HtmxDetails

from nutrients import questionnaire as rules
from nutrients.models import (
    Food,
    IntakeReference,
    Medicine,
    Nutrient,
    ReliefStrategy,
    RiskFactor,
    Symptom,
    SymptomLink,
    WarningSign,
)
from nutrients.views.questionnaire import questionnaire
from tests import factories

URL = "/questionnaire/"
# A man who would rather not give his age, with night cramps and no red flag: every
# question but pregnancy is asked (cramps bring the walking question).
ANSWERS = {
    "emergency": ["none"],
    "today": ["none"],
    "symptoms": ["night-cramps"],
    "legs": ["both"],
    "onset": ["weeks"],
    "walking": ["no"],
    "sex": ["male"],
    "age": ["rather-not-say"],
    "diet": ["omnivore"],
    "medicines": ["none"],
    "conditions": ["none"],
    "supplements": ["none"],
    "circumstances": ["none"],
}
QUESTIONS = list(ANSWERS)
HEADINGS = {name: question.heading for name, question in rules.QUESTION.items()} | {
    "check": "Check your answers",
    "result": "Your result",
}
PROBLEM = "We could not read your answers"
NO_FLAGS = {"emergency": ["none"], "today": ["none"]}


def post(client, step, goto="next", *, htmx=False, **answers):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(URL, {"step": step, "goto": goto, **answers}, headers=headers)


def answered(until: str, **changes) -> dict:
    """The answers to every question before `until` ("check" for all of them)."""
    names = QUESTIONS if until not in QUESTIONS else QUESTIONS[: QUESTIONS.index(until)]
    return {name: ANSWERS[name] for name in names} | changes


def h1(response) -> str:
    return unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S)[1])).strip()


def hidden(response) -> list[tuple[str, str]]:
    """The hidden fields as rendered."""
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', response.text)


def shown(response) -> str:
    """The page the view chose: a question's name, "urgent", "check", "result" or "problem"."""
    return response.context["page"]


def carried(response) -> list[tuple[str, str]]:
    return response.context["carried"]


def chosen(response) -> set[str]:
    """The answers the question on the page shows as chosen."""
    return set(response.context["question"].chosen)


def offered(response) -> set[str]:
    return {option.value for _, options in response.context["question"].groups for option in options}


def summary(response) -> dict[str, list[str]]:
    """The check page's answers: each question asked, with the labels of its answers."""
    return {name: labels for name, _, labels in response.context["form"].summary()}


def suggestion_order(response) -> list[str]:
    return [row.nutrient.slug for row in response.context.get("suggestions", [])]


def cause_names(response) -> list[str]:
    return [cause.name for cause in response.context["causes"]]


def strategies(response) -> set[str]:
    return {strategy.slug for strategy in response.context["strategies"]}


def advice(response) -> str:
    return response.context["advice"].sentence


# The first page


def test_the_first_page_introduces_the_questionnaire_and_asks_about_warning_signs(client, content):
    page = client.get(URL)
    assert page.status_code == 200
    assert h1(page) == "Leg symptoms questionnaire"
    assert HEADINGS["emergency"] in page.text
    question = page.context["question"]
    assert (question.number, question.total) == (1, 12)
    assert "Question 1 of 12" in page.text
    assert 'action="/questionnaire/" method="post" novalidate' in page.text
    assert 'hx-post="/questionnaire/" hx-target="#questionnaire" hx-swap="outerHTML"' in page.text
    emergencies = WarningSign.objects.filter(urgency=WarningSign.Urgency.EMERGENCY)
    assert offered(page) == {sign.slug for sign in emergencies} | {"none"}
    for sign in emergencies:
        assert f'name="emergency" value="{sign.slug}"' in page.text
        assert escape(sign.question) in page.text
    assert 'value="none"' in page.text
    assert "not a diagnosis" in page.text


def test_the_first_page_is_an_ordinary_indexable_cacheable_page_without_a_cookie(client, content):
    page = client.get(URL)
    assert "noindex" not in page.text
    assert "X-Robots-Tag" not in page.headers
    assert page["Cache-Control"] == "no-cache"  # kept by the page cache and browsers, revalidated by ETag
    assert page["ETag"]
    assert not page.cookies
    assert "csrfmiddlewaretoken" not in page.text


def test_the_questionnaire_refuses_other_methods(client, content):
    assert client.put(URL).status_code == 405


# Walking through every step


@pytest.mark.parametrize(
    ("step", "following"),
    [
        ("emergency", "today"),
        ("today", "symptoms"),
        ("symptoms", "legs"),
        ("legs", "onset"),
        ("onset", "walking"),
        ("walking", "sex"),
        ("sex", "age"),
        ("age", "diet"),
        ("diet", "medicines"),
        ("medicines", "conditions"),
        ("conditions", "supplements"),
        ("supplements", "circumstances"),
        ("circumstances", "check"),
    ],
)
def test_continue_leads_to_the_next_question_carrying_every_answer_so_far(client, content, step, following):
    answers = answered(following)
    page = post(client, step, **answers)
    assert page.status_code == 200
    assert shown(page) == following
    for name, values in answers.items():
        assert all((name, value) in carried(page) for value in values)
    if following != "check":
        question = page.context["question"]
        assert 1 <= question.number <= question.total
        assert f"Question {question.number} of {question.total}" in page.text
    # The markup: each page under its own heading, the answers in hidden fields.
    assert h1(page) == HEADINGS[following]
    assert hidden(page) == [("step", following), *carried(page)]


def test_the_first_page_is_served_from_the_page_cache_the_second_time(client, content, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200


def test_no_step_is_ever_kept_in_the_cache(client, content, django_assert_num_queries):
    post(client, "today", **answered("symptoms"))
    with django_assert_num_queries(10):
        post(client, "today", **answered("symptoms"))


def test_every_step_after_the_first_is_private(client, content):
    page = post(client, "today", **answered("symptoms"))
    assert "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in page.text
    assert not page.cookies
    assert "csrfmiddlewaretoken" not in page.text
    assert 'hx-history="false"' in page.text


def test_the_questionnaire_accepts_a_post_without_a_csrf_token(content):
    strict = Client(enforce_csrf_checks=True)
    page = post(strict, "today", **answered("symptoms"))
    assert page.status_code == 200
    assert shown(page) == "symptoms"


def test_answers_are_hidden_from_error_reports(rf: RequestFactory, content):
    request = rf.post(URL, {"step": "emergency", "emergency": "none"})
    request.htmx = HtmxDetails(request)
    questionnaire(request)
    assert request.sensitive_post_parameters == "__ALL__"


def test_the_check_page_lists_every_answer_with_a_change_button(client, content):
    answers = answered("check", diet=["vegan"], symptoms=["numbness", "tingling"])
    page = post(client, "circumstances", **answers)
    assert shown(page) == "check"
    rows = summary(page)
    assert list(rows) == [name for name in QUESTIONS if name != "walking"]  # numbness: not asked
    for name in QUESTIONS:
        assert (f'name="goto" value="{name}"' in page.text) == (name in rows)
    assert rows["diet"] == ["I eat a vegan diet (no animal foods at all)"]
    assert rows["symptoms"] == ["Numbness", "Tingling"]
    assert "<li>Numbness</li><li>Tingling</li>" in page.text


def test_the_result_ranks_vitamin_b12_first_for_a_vegan_with_nerve_symptoms(client, content):
    answers = answered("check", diet=["vegan"], symptoms=["numbness", "tingling", "balance-problems"])
    page = post(client, "check", **answers)
    assert shown(page) == "result"
    assert advice(page).startswith("Ask a doctor whether to check your vitamin B12 level")
    assert not page.context["causes"] and not page.context["visitor"].signs
    assert "Nutrients to discuss with a doctor" in page.text
    assert suggestion_order(page)[0] == "vitamin-b12"
    first = page.context["suggestions"][0]
    assert first.sentence.startswith("You said you eat a vegan diet and have")
    assert first.sentence.endswith("all are linked to vitamin B12.")
    assert "Blood test for vitamin B12" in page.text
    assert "education, not a diagnosis" in page.text
    assert "Print or save this summary" in page.text
    assert "Foods that fit a vegan diet" in page.text
    foods = {source.food for row in page.context["suggestions"] for source in row.foods}
    assert foods and all(food.is_vegan for food in foods)
    assert "/foods/milk/" not in page.text and "/foods/salmon/" not in page.text


def test_the_result_shows_safety_notes_and_what_may_help(client, content):
    page = post(client, "check", **answered("check", symptoms=["night-cramps"]))
    assert suggestion_order(page)[0] == "magnesium"
    upper_limit = IntakeReference.objects.get(nutrient__slug="magnesium", kind="UL")
    limits = page.context["suggestions"][0].upper_limits
    assert any(limit.supplements_only for limit in limits)  # magnesium's UL
    assert f"{upper_limit.group}): 350 mg a day. {upper_limit.note}" in unescape(page.text)  # and what it counts
    assert "stretching" in strategies(page)
    assert "What may help in the meantime" in page.text
    assert "/relief/#stretching" in page.text
    assert page.context["soon_signs"]
    assert "See a doctor soon if you have" in page.text
    assert "<details" in page.text  # the detail is folded, not repeated for every nutrient
    assert re.search(r"Printed from Legwell, http://testserver/questionnaire/, on \d+ \w+ \d{4}", page.text)


def test_the_result_without_a_symptom_says_so_instead_of_ranking(client, content):
    page = post(client, "check", **answered("check", symptoms=["none"]))
    assert suggestion_order(page) == [] and page.context["also_linked"] == []
    assert advice(page) == "You told us about no leg symptom, so there is nothing to suggest."
    assert "You did not choose a leg symptom" in page.text


def test_pain_on_walking_puts_artery_disease_first_then_the_nutrients_as_also_worth_checking(client, content):
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"], walking=["yes"]))
    assert advice(page).startswith(
        "Your answers point first to peripheral artery disease (claudication), not a shortage"
    )
    assert cause_names(page)[0] == "Peripheral artery disease (claudication)"
    assert suggestion_order(page)
    assert "More likely than a shortage" in page.text
    assert "Also worth checking" in page.text
    assert page.text.index("Peripheral artery disease") < page.text.index('id="nutrients-heading"')
    assert not strategies(page) & {"heat", "epsom-salt-baths"}
    assert "/relief/#heat" not in page.text and "/relief/#epsom-salt-baths" not in page.text
    without = post(client, "check", **answered("check", symptoms=["leg-cramps"], walking=["no"]))
    assert cause_names(without) == []
    assert "More likely than a shortage" not in without.text


def test_a_statin_user_with_aching_muscles_gets_the_statin_first_not_vitamin_d(client, content):
    page = post(client, "check", **answered("check", symptoms=["muscle-aches"], medicines=["statins"]))
    assert advice(page).startswith("Your answers point first to statin muscle symptoms and rhabdomyolysis")
    assert cause_names(page)[0] == "Statin muscle symptoms and rhabdomyolysis"
    text = unescape(page.text)
    assert "Do not stop the statin on your own" in text
    assert text.index("More likely than a shortage") < text.index("Vitamin D")


def test_ties_are_shown_as_ties(client, content):
    links = SymptomLink.objects.filter(symptom__slug="leg-cramps")
    links.update(strength=SymptomLink.Strength.POSSIBLE)
    links.filter(pk__in=list(links.values_list("pk", flat=True)[:3])).update(strength=SymptomLink.Strength.STRONG)
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"]))
    # three nutrients are linked equally strongly: all three share the first place
    first = [row for row in page.context["suggestions"] if row.place == 1]
    assert len(first) == 3 and all(row.tied for row in first)
    assert page.text.count('<li class="suggestion" value="1"') == 3
    assert page.text.count('<span class="tie">(tied)</span>') == sum(row.tied for row in page.context["suggestions"])


def test_a_reason_meant_for_women_is_not_given_to_a_man(client, content):
    def reasons(page) -> str:
        return " ".join(reason.why for row in page.context["suggestions"] for reason in row.reasons)

    man = post(client, "check", **answered("check", symptoms=["tingling"], age=["age-51-70"]))
    assert "Women in this age group" not in reasons(man)
    assert "Women in this age group" not in man.text
    woman = post(client, "check", **answered("check", symptoms=["tingling"], age=["age-51-70"], sex=["female"]))
    assert "Women in this age group" in reasons(woman)


def test_kidney_disease_withholds_potassium_and_magnesium_and_says_why(client, content):
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"], conditions=["kidney-disease"]))
    order = suggestion_order(page) + [row.nutrient.slug for row in page.context["also_linked"]]
    assert "potassium" not in order and "magnesium" not in order and "calcium" in order
    assert {link.nutrient.slug for link in page.context["cautions"]} >= {"potassium", "magnesium"}
    assert "Not suggested for you" in page.text
    assert "take no potassium supplement or salt substitute without your kidney doctor" in page.text


def test_the_result_repeats_the_warning_signs_the_visitor_continued_past(client, content):
    page = post(client, "check", **answered("check", today=["dvt-one-leg"], symptoms=["leg-pain"]))
    assert [sign.slug for sign in page.context["visitor"].signs] == ["dvt-one-leg"]
    assert advice(page) == "See a doctor today about the warning sign you told us about."
    assert "First, the warning signs you told us about" in page.text
    assert "See a doctor today about the warning sign you told us about." in page.text
    assert WarningSign.objects.get(slug="dvt-one-leg").what_to_do in unescape(page.text)
    assert not strategies(page) & {"heat", "epsom-salt-baths", "exercise", "stretching"}
    for unsafe in ("heat", "epsom-salt-baths", "exercise", "stretching"):
        assert f"/relief/#{unsafe}" not in page.text
    assert page.text.index("First, the warning signs") < page.text.index("Also worth checking")


# Warning signs


def test_an_emergency_sign_leads_to_a_page_that_says_to_call_the_emergency_number(client, content):
    page = post(client, "emergency", emergency=["cauda-equina", "rhabdomyolysis"])
    assert (shown(page), page.context["urgency"]) == ("urgent", WarningSign.Urgency.EMERGENCY)
    assert h1(page) == "Call your local emergency number now"
    text = unescape(page.text)
    assert WarningSign.objects.get(slug="cauda-equina").what_to_do in text
    assert text.index("Tell them:") < text.index(WarningSign.objects.get(slug="rhabdomyolysis").sign)
    assert "Say too if you take statins." in text  # the medicines linked to the sign, from their rows
    assert 'name="goto" value="next" class="secondary">Continue anyway</button>' in page.text


# The follow-up: dark urine with muscle pain asks "Do you take a statin?", and the urgent page uses the answer.
DARK_URINE = {"emergency": ["rhabdomyolysis"]}


def test_dark_urine_with_muscle_pain_asks_one_follow_up_before_the_urgent_page(client, content):
    factories.questionnaire_rows()
    page = post(client, "emergency", **DARK_URINE)
    assert h1(page) == "Do you take a statin?"
    assert "Question 2 of 12" in page.text
    assert [value for value in re.findall(r'name="followup" value="([^"]+)"', page.text)] == ["yes", "no", "not-sure"]
    assert h1(post(client, "followup", **DARK_URINE)) == "Do you take a statin?"  # an answer is required
    assert h1(post(client, "followup", "back", **DARK_URINE)) == HEADINGS["emergency"]
    assert h1(post(client, "emergency", emergency=["cauda-equina"])) == "Call your local emergency number now"


def test_a_statin_taken_makes_the_urgent_page_name_it_and_the_statin_emergency(client, content):
    factories.questionnaire_rows()
    page = post(client, "followup", **DARK_URINE, followup=["yes"])
    text = unescape(page.text)
    assert h1(page) == "Call your local emergency number now"
    sign = WarningSign.objects.get(slug="rhabdomyolysis")
    assert f"{sign.sign} Say that you take statins." in text
    assert sign.detail in text  # the sign's own words on a statin
    assert '<a href="/conditions/statin-muscle-symptoms/">Statin muscle symptoms and rhabdomyolysis</a>' in text
    assert ("followup", "yes") in hidden(page)


def test_no_statin_leaves_statins_off_the_urgent_page_and_not_sure_asks_to_mention_them(client, content):
    factories.questionnaire_rows()
    no = unescape(post(client, "followup", **DARK_URINE, followup=["no"]).text)
    assert "statin" not in no.split("Tell them:")[1].split("</ul>")[0].lower()
    not_sure = unescape(post(client, "followup", **DARK_URINE, followup=["not-sure"]).text)
    assert "Say too if you take statins." in not_sure
    assert "Statin muscle symptoms and rhabdomyolysis" not in not_sure


def test_a_statin_taken_puts_the_statin_first_in_the_result_and_shows_on_the_check_page(client, content):
    factories.questionnaire_rows()
    answers = answered("check", **DARK_URINE, followup=["yes"], symptoms=["muscle-aches"])
    answers.pop("today")
    check = unescape(post(client, "circumstances", **answers).text)
    assert "<dt>Do you take a statin?</dt>" in check
    result = unescape(post(client, "check", **answers).text)
    assert "Call your local emergency number now about the warning sign you told us about." in result
    assert result.index("Statin muscle symptoms and rhabdomyolysis") < result.index("Also worth checking")
    assert "You take a statin and have muscle aches." in result


def test_a_sign_for_today_leads_to_a_page_that_says_to_see_a_doctor_today(client, content):
    page = post(client, "today", emergency=["none"], today=["dvt-one-leg"])
    assert (shown(page), page.context["urgency"]) == ("urgent", WarningSign.Urgency.TODAY)
    assert h1(page) == "See a doctor today"


def test_continuing_past_the_warning_leads_to_the_symptoms_and_back_returns_to_the_signs(client, content):
    signs = {"emergency": ["none"], "today": ["dvt-one-leg"]}
    onward = post(client, "urgent", **signs)
    assert shown(onward) == "symptoms"
    assert ("today", "dvt-one-leg") in carried(onward)
    warning = post(client, "symptoms", "back", **signs)
    assert (shown(warning), warning.context["urgency"]) == ("urgent", WarningSign.Urgency.TODAY)
    back = post(client, "urgent", "back", **signs)
    assert shown(back) == "today"
    assert chosen(back) == {"dvt-one-leg"}


def test_the_first_question_has_no_back_button(client, content):
    assert 'value="back"' not in client.get(URL).text


# Back and Change keep the answers


def test_back_returns_to_the_previous_question_with_its_answers_kept(client, content):
    answers = answered("diet", symptoms=["leg-cramps", "tingling"], age=["age-51-70"])
    page = post(client, "diet", "back", **answers, diet=["vegan"])
    assert shown(page) == "age"
    assert chosen(page) == {"age-51-70"}
    assert ("symptoms", "leg-cramps") in carried(page) and ("symptoms", "tingling") in carried(page)
    assert ("diet", "vegan") in carried(page)  # what was chosen on the page left is kept too


def test_back_may_leave_the_current_question_unanswered(client, content):
    page = post(client, "legs", "back", **answered("legs"))
    assert shown(page) == "symptoms"


def test_change_goes_to_the_question_and_continue_returns_to_the_check_page(client, content):
    answers = answered("check")
    change = post(client, "check", "symptoms", **answers)
    assert shown(change) == "symptoms"
    assert chosen(change) == {"night-cramps"}
    assert ("checking", "yes") in carried(change)
    again = post(client, "symptoms", "next", checking="yes", **(answers | {"symptoms": ["restless-legs"]}))
    assert shown(again) == "check"
    assert summary(again)["symptoms"] == ["Restless legs"]
    assert "Restless legs" in again.text
    assert ("checking", "yes") not in carried(again)


def test_back_from_a_changed_answer_returns_to_the_check_page(client, content):
    page = post(client, "diet", "back", checking="yes", **answered("check"))
    assert shown(page) == "check"


def test_changing_to_a_warning_sign_shows_the_warning_before_the_check_page(client, content):
    answers = answered("check") | {"emergency": ["stroke-numbness"]}
    urgent = post(client, "emergency", checking="yes", **answers)
    assert (shown(urgent), urgent.context["urgency"]) == ("urgent", WarningSign.Urgency.EMERGENCY)
    assert shown(post(client, "urgent", checking="yes", **answers)) == "check"


def test_the_result_offers_to_change_the_answers(client, content):
    page = post(client, "result", "back", **answered("check"))
    assert shown(page) == "check"


# Errors a visitor can make


@pytest.mark.parametrize("step", QUESTIONS)
def test_nothing_chosen_shows_the_error_summary_linked_to_the_first_choice(client, content, step):
    page = post(client, step, **answered(step))
    assert page.status_code == 200
    assert shown(page) == step and page.context["question"].error
    assert "<title>Error: " in page.text
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', page.text, re.S)[0]
    assert "There is a problem" in summary
    anchor = re.search(r'href="#([^"]+)"', summary)[1]
    assert f'id="{anchor}"' in page.text
    assert f'id="{step}-error"' in page.text


def test_none_of_these_with_a_symptom_asks_for_one_or_the_other(client, content):
    page = post(client, "symptoms", **answered("symptoms"), symptoms=["none", "numbness"])
    assert page.context["question"].error == "Select the leg symptoms you have, or 'None of these', but not both"
    assert "Select the leg symptoms you have, or &#x27;None of these&#x27;, but not both" in page.text
    assert chosen(page) == {"numbness", "none"}


def test_an_error_under_htmx_swaps_in_the_question_with_its_summary(client, content):
    page = post(client, "legs", htmx=True, **answered("legs"))
    assert page.status_code == 200
    assert "<html" not in page.text
    assert page.text.lstrip().startswith("<title>Error: Is it in one leg or both? | Legwell</title>")
    assert 'class="error-summary" role="alert"' in page.text


def test_htmx_gets_only_the_question_region_with_its_title_and_focus_target(client, content):
    page = post(client, "today", htmx=True, **answered("symptoms"))
    assert "<html" not in page.text
    assert '<div id="questionnaire" class="questionnaire" hx-history="false">' in page.text
    assert 'tabindex="-1" data-focus-after-swap>Which leg symptoms do you have?</h1>' in page.text
    assert "HX-Request" in page["Vary"]
    assert "no-store" in page["Cache-Control"]


# Tampering: a clear 400, never a 500


TAMPERED = {
    "unknown symptom": {"step": "legs", **answered("legs", symptoms=["unobtainium"])},
    "repeated symptom": {"step": "legs", **answered("legs", symptoms=["numbness", "numbness"])},
    "two diets": {"step": "medicines", **answered("medicines", diet=["vegan", "vegetarian"])},
    "repeated step": {"step": ["emergency", "symptoms"], "emergency": ["none"]},
    "unknown step": {"step": "payment", **answered("check")},
    "unknown button": {"step": "emergency", "goto": "delete", "emergency": ["none"]},
    "no step": answered("check"),
    "missing earlier answer": {"step": "diet", **answered("diet", symptoms=[])},
    "none with a sign, carried": {"step": "symptoms", "emergency": ["none", "rhabdomyolysis"], "today": ["none"]},
    "huge value": {"step": "symptoms", "emergency": ["x" * 100_000]},
    "binary value": {"step": "symptoms", "emergency": ["\x00\xff\ufffd"]},
    "result without answers": {"step": "check", "emergency": ["none"]},
    "soon sign offered nowhere": {"step": "today", "emergency": ["none"], "today": ["claudication"]},
    "same-day sign as an emergency": {"step": "today", "emergency": ["dvt-one-leg"]},
    "a page this visitor never sees": {"step": "pregnancy", **answered("pregnancy")},
    "urgent page without a sign": {"step": "urgent", "emergency": ["none"], "today": ["none"]},
    "change to a question not asked": {"step": "check", "goto": "pregnancy", **answered("check")},
}


@pytest.mark.parametrize("data", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_tampered_form_gets_a_clear_400(client, content, data):
    page = client.post(URL, data)
    assert page.status_code == 400
    assert shown(page) == "problem"
    assert PROBLEM in page.text
    assert 'href="/questionnaire/"' in page.text
    assert "no-store" in page["Cache-Control"]


def test_a_tampered_form_under_htmx_swaps_in_the_message(client, content):
    page = client.post(URL, {"step": "nowhere"}, headers={"HX-Request": "true"})
    assert page.status_code == 400
    assert "<html" not in page.text
    assert PROBLEM in page.text


def test_a_body_that_is_not_utf8_gets_a_clear_400(client, content):
    page = client.post(URL, b"step=emergency&emergency=\xff\xfe\x00", content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400
    assert PROBLEM in page.text


def test_too_many_fields_get_a_clear_400(client, content):
    body = "&".join(f"emergency=s{number}" for number in range(2000))
    page = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400
    assert PROBLEM in page.text


def test_a_body_too_large_gets_a_clear_400(client, content, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    page = client.post(URL, "step=emergency&emergency=" + "x" * 5000, content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400
    assert PROBLEM in page.text


def test_a_broken_multipart_body_gets_a_clear_400(client, content):
    page = client.generic("POST", URL, b"--x\r\nbroken", content_type="multipart/form-data; boundary=")
    assert page.status_code == 400


def test_tampering_logs_no_answer(client, content, caplog):
    caplog.set_level("DEBUG")
    client.post(URL, {"step": "symptoms", **NO_FLAGS, "symptoms": ["private-answer"]})
    client.post(URL, {"step": "legs", **NO_FLAGS, "symptoms": ["numbness"]})
    assert "private-answer" not in caplog.text
    assert "numbness" not in caplog.text


# Content from admin shows up


def test_a_red_flag_an_editor_adds_in_admin_is_asked(client, content):
    WarningSign.objects.create(
        slug="new-flag",
        sign="A new flag.",
        question="Is this a new red flag?",
        why_it_matters="x",
        what_to_do="Call your local emergency number.",
        urgency=WarningSign.Urgency.EMERGENCY,
    )
    page = client.get(URL)
    assert "new-flag" in offered(page)
    assert 'name="emergency" value="new-flag"' in page.text and "Is this a new red flag?" in page.text
    urgent = post(client, "emergency", emergency=["new-flag"])
    assert (shown(urgent), urgent.context["urgency"]) == ("urgent", WarningSign.Urgency.EMERGENCY)


def test_a_symptom_or_circumstance_an_editor_adds_is_offered(client, content):
    Symptom.objects.create(
        name="Heavy legs",
        slug="heavy-legs",
        category=Symptom.Category.ENERGY,
        description="Legs feel heavy.",
        status="published",
        reviewed_on="2026-01-01",
        reviewer_name="A",
        reviewer_role="B",
    )
    Symptom.objects.create(name="Draft symptom", slug="draft-symptom", category="nerve", description="x")
    RiskFactor.objects.create(
        name="Night shifts",
        slug="night-shifts",
        kind=RiskFactor.Kind.LIFE,
        question="I work night shifts",
        description="x",
    )
    symptoms = post(client, "today", **NO_FLAGS)
    assert "heavy-legs" in offered(symptoms) and "draft-symptom" not in offered(symptoms)
    assert 'value="heavy-legs"' in symptoms.text
    circumstances = post(client, "supplements", **answered("circumstances"))
    assert "night-shifts" in offered(circumstances)
    assert "vegan" not in offered(circumstances)  # diets are asked on their own
    assert "I work night shifts" in circumstances.text


# A fixed number of queries


@pytest.mark.parametrize("step", QUESTIONS)
def test_each_step_runs_ten_queries(client, content, django_assert_max_num_queries, step):
    with django_assert_max_num_queries(10):
        post(client, step, **answered("check"))


def test_the_result_runs_a_fixed_number_of_queries_for_one_symptom_or_all(
    client, content, django_assert_max_num_queries
):
    every = list(Symptom.objects.values_list("slug", flat=True))
    # Six of them load the caveats of the nutrients, foods and relief strategies, each with its sources.
    with django_assert_max_num_queries(32):
        post(client, "check", **answered("check", symptoms=["night-cramps"]))
    with django_assert_max_num_queries(32):
        every_answer = answered(
            "check",
            symptoms=every,
            walking=["yes"],
            circumstances=["little-sun"],
            medicines=list(Medicine.objects.values_list("slug", flat=True)),
            conditions=["diabetes", "kidney-disease"],
            today=["dvt-one-leg"],
        )
        post(client, "check", **every_answer)


# Ways in


def test_the_home_page_and_the_navigation_lead_to_the_questionnaire(client, content):
    home = client.get("/")
    assert re.search(
        r'<a class="button button-start" href="/questionnaire/"[^>]*>Answer a few questions</a>', home.text
    )
    page = client.get(URL)
    assert '<a href="/questionnaire/" aria-current="page">Questionnaire</a>' in page.text
    assert "/questionnaire/</loc>" in client.get("/sitemap.xml").text  # people search for it


def test_each_timing_answer_counts_in_the_result(client, content):
    results = {
        onset: unescape(post(client, "check", **answered("check", symptoms=["numbness"], onset=[onset])).text)
        for onset in ("sudden", "days", "weeks")
    }
    assert results["sudden"].count("See a doctor today: leg symptoms that start suddenly") == 1
    less_likely = "with symptoms that started over a few days these are less likely"
    assert less_likely in results["days"] and less_likely not in results["weeks"]


def test_zinc_taken_lifts_copper_and_says_why_with_its_source(client, content):
    factories.questionnaire_rows()
    answers = answered("check", symptoms=["numbness", "balance-problems"])
    without, with_zinc = post(client, "check", **answers), post(client, "check", **answers | {"supplements": ["zinc"]})
    copper = [
        [row.score for row in page.context["suggestions"] if row.nutrient.slug == "copper"]
        for page in (without, with_zinc)
    ]
    assert copper[1][0] > copper[0][0]
    text = unescape(with_zinc.text)
    assert "<strong>Zinc supplements</strong>: High intakes of zinc interfere with copper absorption." in text
    assert "You already take zinc." in text


def test_b6_taken_puts_its_nerve_damage_first_in_the_sign_s_words_whatever_its_slug(client, content):
    factories.questionnaire_rows()
    WarningSign.objects.filter(role=WarningSign.Role.B6_TOO_MUCH).update(slug="renamed-by-an-editor")
    sign = WarningSign.objects.get(role=WarningSign.Role.B6_TOO_MUCH)
    page = post(client, "check", **answered("check", symptoms=["tingling"], supplements=["b6"]))
    text = unescape(page.text)
    assert "Your answers point first to nerve damage from too much vitamin B6" in text
    assert f"You take vitamin B6 and have tingling. {sign.why_it_matters}" in text
    assert sign.what_to_do in text
    assert "Health Sciences Authority, Singapore" in text  # the sign's source
    assert "vitamin-b6" not in suggestion_order(page)
    assert "<strong>Vitamin B6</strong> (vitamin B6 supplements): You already take it" in text  # not suggested


def test_someone_with_diabetes_and_numb_feet_is_told_to_ask_for_a_foot_check(client, content):
    page = post(client, "check", **answered("check", symptoms=["numbness"], conditions=["diabetes"]))
    assert advice(page).startswith("Your answers point first to diabetic neuropathy")
    assert cause_names(page)[0].startswith("Diabetic neuropathy")
    text = unescape(page.text)
    assert "ask for a foot check" in text
    assert "A simple blood test can check for diabetes" not in text.split('id="nutrients-heading"')[0]


def test_the_result_shows_the_caveats_of_the_nutrients_and_foods_it_suggests(client, content):
    magnesium = Nutrient.objects.get(slug="magnesium")
    factories.caveat(slug="kidneys", text="Not with kidney disease.", nutrients=[magnesium])
    factories.caveat(slug="warfarin", text="Keep greens steady.", foods=Food.objects.filter(slug="spinach"))
    hydration = ReliefStrategy.objects.filter(symptoms__slug="night-cramps")
    factories.caveat(slug="fluids", text="Not if told to limit fluids.", relief_strategies=hydration)
    page = post(client, "check", **answered("check", symptoms=["night-cramps"])).text
    assert "Not with kidney disease." in page and "Keep greens steady." in page
    assert "Not if told to limit fluids." in page
    assert "Before you start, read" in page
