"""The questionnaire over HTTP: every step, Back and Change, errors, tampering,
privacy headers and query counts."""

import re
from html import escape, unescape

import pytest
from django.test import Client, RequestFactory
from django_htmx.middleware import HtmxDetails

from nutrients import questionnaire as rules
from nutrients.models import Medicine, RiskFactor, Symptom, SymptomLink, WarningSign
from nutrients.views.questionnaire import questionnaire

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
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', response.text)


def checked(response) -> list[str]:
    return re.findall(r'value="([^"]+)" checked', response.text)


def suggestion_order(response) -> list[str]:
    return re.findall(r'<h3 id="suggestion-([^"]+)"', response.text)


# The first page


def test_the_first_page_introduces_the_questionnaire_and_asks_about_warning_signs(client, content):
    page = client.get(URL)
    assert page.status_code == 200
    assert h1(page) == "Leg symptoms questionnaire"
    assert HEADINGS["emergency"] in page.text
    assert "Question 1 of 12" in page.text
    assert 'action="/questionnaire/" method="post" novalidate' in page.text
    assert 'hx-post="/questionnaire/" hx-target="#questionnaire" hx-swap="outerHTML"' in page.text
    for sign in WarningSign.objects.all():
        offered = f'name="emergency" value="{sign.slug}"' in page.text
        assert offered == (sign.urgency == WarningSign.Urgency.EMERGENCY), sign.slug
        if offered:
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
    assert h1(page) == HEADINGS[following]
    carried = hidden(page)
    assert ("step", following) in carried
    for name, values in answers.items():
        assert all((name, value) in carried for value in values)
    assert re.search(r"Question \d+ of \d+", page.text) or following == "check"


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
    assert h1(page) == HEADINGS["symptoms"]


def test_answers_are_hidden_from_error_reports(rf: RequestFactory, content):
    request = rf.post(URL, {"step": "emergency", "emergency": "none"})
    request.htmx = HtmxDetails(request)
    questionnaire(request)
    assert request.sensitive_post_parameters == "__ALL__"


def test_the_check_page_lists_every_answer_with_a_change_button(client, content):
    answers = answered("check", diet=["vegan"], symptoms=["numbness", "tingling"])
    page = post(client, "circumstances", **answers)
    assert h1(page) == "Check your answers"
    for name in QUESTIONS:
        assert (f'name="goto" value="{name}"' in page.text) == (name != "walking")  # numbness: not asked
    assert "I eat a vegan diet (no animal foods at all)" in page.text
    assert "<li>Numbness</li><li>Tingling</li>" in page.text


def test_the_result_ranks_vitamin_b12_first_for_a_vegan_with_nerve_symptoms(client, content):
    answers = answered("check", diet=["vegan"], symptoms=["numbness", "tingling", "balance-problems"])
    page = post(client, "check", **answers)
    assert h1(page) == "Your result"
    assert "Ask a doctor whether to check your vitamin B12 level" in page.text
    assert "Nutrients to discuss with a doctor" in page.text
    assert suggestion_order(page)[0] == "vitamin-b12"
    assert "You said you eat a vegan diet and have" in page.text
    assert "all are linked to vitamin B12." in page.text
    assert "Blood test for vitamin B12" in page.text
    assert "education, not a diagnosis" in page.text
    assert "Print or save this summary" in page.text
    assert "Foods that fit a vegan diet" in page.text
    assert "/foods/milk/" not in page.text and "/foods/salmon/" not in page.text


def test_the_result_shows_safety_notes_and_what_may_help(client, content):
    page = post(client, "check", **answered("check", symptoms=["night-cramps"]))
    assert suggestion_order(page)[0] == "magnesium"
    assert "counting supplements and fortified foods only, not food" in page.text  # magnesium's UL
    assert "What may help in the meantime" in page.text
    assert "/relief/#stretching" in page.text
    assert "See a doctor soon if you have" in page.text
    assert "<details" in page.text  # the detail is folded, not repeated for every nutrient
    assert re.search(r"Printed from Legwell, http://testserver/questionnaire/, on \d+ \w+ \d{4}", page.text)


def test_the_result_without_a_symptom_says_so_instead_of_ranking(client, content):
    page = post(client, "check", **answered("check", symptoms=["none"]))
    assert "You did not choose a leg symptom" in page.text
    assert suggestion_order(page) == []


def test_pain_on_walking_puts_artery_disease_first_then_the_nutrients_as_also_worth_checking(client, content):
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"], walking=["yes"]))
    assert "Your answers point first to peripheral artery disease (claudication), not a shortage" in page.text
    assert "More likely than a shortage" in page.text
    assert "Also worth checking" in page.text
    assert page.text.index("Peripheral artery disease") < page.text.index('id="nutrients-heading"')
    assert "/relief/#heat" not in page.text and "/relief/#epsom-salt-baths" not in page.text
    without = post(client, "check", **answered("check", symptoms=["leg-cramps"], walking=["no"]))
    assert "More likely than a shortage" not in without.text


def test_a_statin_user_with_aching_muscles_gets_the_statin_first_not_vitamin_d(client, content):
    page = post(client, "check", **answered("check", symptoms=["muscle-aches"], medicines=["statins"]))
    text = unescape(page.text)
    assert "Your answers point first to statin muscle symptoms and rhabdomyolysis" in text
    assert "Do not stop the statin on your own" in text
    assert text.index("More likely than a shortage") < text.index("Vitamin D")


def test_ties_are_shown_as_ties(client, content):
    links = SymptomLink.objects.filter(symptom__slug="leg-cramps")
    links.update(strength=SymptomLink.Strength.POSSIBLE)
    links.filter(pk__in=list(links.values_list("pk", flat=True)[:3])).update(strength=SymptomLink.Strength.STRONG)
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"]))
    # three nutrients are linked equally strongly: all three share the first place
    assert page.text.count('<li class="suggestion" value="1"') == 3
    first = re.findall(r'value="1" aria-labelledby="suggestion-[^"]+">\s*<h3[^>]*>.*?</h3>', page.text, re.S)
    assert all("(tied)" in heading for heading in first)


def test_a_reason_meant_for_women_is_not_given_to_a_man(client, content):
    man = post(client, "check", **answered("check", symptoms=["tingling"], age=["age-51-70"]))
    assert "Women in this age group" not in man.text
    woman = post(client, "check", **answered("check", symptoms=["tingling"], age=["age-51-70"], sex=["female"]))
    assert "Women in this age group" in woman.text


def test_kidney_disease_withholds_potassium_and_magnesium_and_says_why(client, content):
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"], conditions=["kidney-disease"]))
    order = suggestion_order(page)
    assert "potassium" not in order and "magnesium" not in order and "calcium" in order
    assert "Not suggested for you" in page.text
    assert "take no potassium supplement or salt substitute without your kidney doctor" in page.text


def test_the_result_repeats_the_warning_signs_the_visitor_continued_past(client, content):
    page = post(client, "check", **answered("check", today=["dvt-one-leg"], symptoms=["leg-pain"]))
    assert "First, the warning signs you told us about" in page.text
    assert "See a doctor today about the warning sign you told us about." in page.text
    assert WarningSign.objects.get(slug="dvt-one-leg").what_to_do in unescape(page.text)
    for unsafe in ("heat", "epsom-salt-baths", "exercise", "stretching"):
        assert f"/relief/#{unsafe}" not in page.text
    assert page.text.index("First, the warning signs") < page.text.index("Also worth checking")


# Warning signs


def test_an_emergency_sign_leads_to_a_page_that_says_to_call_the_emergency_number(client, content):
    page = post(client, "emergency", emergency=["cauda-equina", "rhabdomyolysis"])
    assert h1(page) == "Call your local emergency number now"
    text = unescape(page.text)
    assert WarningSign.objects.get(slug="cauda-equina").what_to_do in text
    assert text.index("Tell them:") < text.index(WarningSign.objects.get(slug="rhabdomyolysis").sign)
    assert "Say too if you take statins." in text  # the medicines linked to the sign, from their rows
    assert 'name="goto" value="next" class="secondary">Continue anyway</button>' in page.text


def test_a_sign_for_today_leads_to_a_page_that_says_to_see_a_doctor_today(client, content):
    page = post(client, "today", emergency=["none"], today=["dvt-one-leg"])
    assert h1(page) == "See a doctor today"


def test_continuing_past_the_warning_leads_to_the_symptoms_and_back_returns_to_the_signs(client, content):
    signs = {"emergency": ["none"], "today": ["dvt-one-leg"]}
    onward = post(client, "urgent", **signs)
    assert h1(onward) == HEADINGS["symptoms"]
    assert ("today", "dvt-one-leg") in hidden(onward)
    assert h1(post(client, "symptoms", "back", **signs)) == "See a doctor today"
    back = post(client, "urgent", "back", **signs)
    assert h1(back) == HEADINGS["today"]
    assert checked(back) == ["dvt-one-leg"]


def test_the_first_question_has_no_back_button(client, content):
    assert 'value="back"' not in client.get(URL).text


# Back and Change keep the answers


def test_back_returns_to_the_previous_question_with_its_answers_kept(client, content):
    answers = answered("diet", symptoms=["leg-cramps", "tingling"], age=["age-51-70"])
    page = post(client, "diet", "back", **answers, diet=["vegan"])
    assert h1(page) == HEADINGS["age"]
    assert checked(page) == ["age-51-70"]
    carried = hidden(page)
    assert ("symptoms", "leg-cramps") in carried and ("symptoms", "tingling") in carried
    assert ("diet", "vegan") in carried  # what was chosen on the page left is kept too


def test_back_may_leave_the_current_question_unanswered(client, content):
    page = post(client, "legs", "back", **answered("legs"))
    assert h1(page) == HEADINGS["symptoms"]


def test_change_goes_to_the_question_and_continue_returns_to_the_check_page(client, content):
    answers = answered("check")
    change = post(client, "check", "symptoms", **answers)
    assert h1(change) == HEADINGS["symptoms"]
    assert checked(change) == ["night-cramps"]
    assert ("checking", "yes") in hidden(change)
    again = post(client, "symptoms", "next", checking="yes", **(answers | {"symptoms": ["restless-legs"]}))
    assert h1(again) == "Check your answers"
    assert "Restless legs" in again.text
    assert ("checking", "yes") not in hidden(again)


def test_back_from_a_changed_answer_returns_to_the_check_page(client, content):
    page = post(client, "diet", "back", checking="yes", **answered("check"))
    assert h1(page) == "Check your answers"


def test_changing_to_a_warning_sign_shows_the_warning_before_the_check_page(client, content):
    answers = answered("check") | {"emergency": ["stroke-numbness"]}
    urgent = post(client, "emergency", checking="yes", **answers)
    assert h1(urgent) == "Call your local emergency number now"
    assert h1(post(client, "urgent", checking="yes", **answers)) == "Check your answers"


def test_the_result_offers_to_change_the_answers(client, content):
    page = post(client, "result", "back", **answered("check"))
    assert h1(page) == "Check your answers"


# Errors a visitor can make


@pytest.mark.parametrize("step", QUESTIONS)
def test_nothing_chosen_shows_the_error_summary_linked_to_the_first_choice(client, content, step):
    page = post(client, step, **answered(step))
    assert page.status_code == 200
    assert "<title>Error: " in page.text
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', page.text, re.S)[0]
    assert "There is a problem" in summary
    anchor = re.search(r'href="#([^"]+)"', summary)[1]
    assert f'id="{anchor}"' in page.text
    assert f'id="{step}-error"' in page.text
    assert h1(page) == HEADINGS[step]


def test_none_of_these_with_a_symptom_asks_for_one_or_the_other(client, content):
    page = post(client, "symptoms", **answered("symptoms"), symptoms=["none", "numbness"])
    assert "Select the leg symptoms you have, or &#x27;None of these&#x27;, but not both" in page.text
    assert checked(page) == ["numbness", "none"]


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
    assert 'name="emergency" value="new-flag"' in page.text and "Is this a new red flag?" in page.text
    assert h1(post(client, "emergency", emergency=["new-flag"])) == "Call your local emergency number now"


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
    assert 'value="heavy-legs"' in symptoms.text
    assert 'value="draft-symptom"' not in symptoms.text
    circumstances = post(client, "supplements", **answered("circumstances"))
    assert "I work night shifts" in circumstances.text
    assert 'value="vegan"' not in circumstances.text  # diets are asked on their own


# A fixed number of queries


@pytest.mark.parametrize("step", QUESTIONS)
def test_each_step_runs_ten_queries(client, content, django_assert_max_num_queries, step):
    with django_assert_max_num_queries(10):
        post(client, step, **answered("check"))


def test_the_result_runs_a_fixed_number_of_queries_for_one_symptom_or_all(
    client, content, django_assert_max_num_queries
):
    every = list(Symptom.objects.values_list("slug", flat=True))
    with django_assert_max_num_queries(25):
        post(client, "check", **answered("check", symptoms=["night-cramps"]))
    with django_assert_max_num_queries(25):
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


def test_someone_with_diabetes_and_numb_feet_is_told_to_ask_for_a_foot_check(client, content):
    page = post(client, "check", **answered("check", symptoms=["numbness"], conditions=["diabetes"]))
    text = unescape(page.text)
    assert "Your answers point first to diabetic neuropathy" in text
    assert "ask for a foot check" in text
    assert "A simple blood test can check for diabetes" not in text.split('id="nutrients-heading"')[0]
