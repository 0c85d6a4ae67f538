"""The questionnaire over HTTP: every step, Back and Change, errors, tampering,
privacy headers and query counts."""

import re
from html import unescape

import pytest
from django.test import Client, RequestFactory
from django_htmx.middleware import HtmxDetails

from nutrients.models import RiskFactor, Symptom, WarningSign
from nutrients.views.questionnaire import questionnaire

URL = "/questionnaire/"
ANSWERS = {
    "signs": ["none"],
    "symptoms": ["night-cramps"],
    "timing": ["night"],
    "diet": ["omnivore"],
    "age": ["none"],
    "circumstances": ["none"],
}
QUESTIONS = list(ANSWERS)
HEADINGS = {
    "signs": "Do you have any of these warning signs?",
    "symptoms": "Which leg symptoms do you have?",
    "timing": "When do your leg symptoms happen?",
    "diet": "Which best describes what you eat?",
    "age": "How old are you?",
    "circumstances": "Do any of these apply to you?",
    "check": "Check your answers",
    "result": "Nutrients to discuss with a doctor",
}
PROBLEM = "We could not read your answers"


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
    return re.findall(r'<h2 id="suggestion-([^"]+)"', response.text)


# The first page


def test_the_first_page_introduces_the_questionnaire_and_asks_about_warning_signs(client, content):
    page = client.get(URL)
    assert page.status_code == 200
    assert h1(page) == "Leg symptoms questionnaire"
    assert HEADINGS["signs"] in page.text
    assert 'action="/questionnaire/" method="post" novalidate' in page.text
    assert 'hx-post="/questionnaire/" hx-target="#questionnaire" hx-swap="outerHTML"' in page.text
    for sign in WarningSign.objects.all():
        offered = f'name="signs" value="{sign.slug}"' in page.text
        assert offered == (sign.urgency != WarningSign.Urgency.SOON), sign.slug
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
        ("signs", "symptoms"),
        ("symptoms", "timing"),
        ("timing", "diet"),
        ("diet", "age"),
        ("age", "circumstances"),
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


def test_the_first_page_is_served_from_the_page_cache_the_second_time(client, content, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200


def test_no_step_is_ever_kept_in_the_cache(client, content, django_assert_num_queries):
    post(client, "signs", **answered("symptoms"))
    with django_assert_num_queries(3):
        post(client, "signs", **answered("symptoms"))


def test_every_step_after_the_first_is_private(client, content):
    page = post(client, "signs", **answered("symptoms"))
    assert "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in page.text
    assert not page.cookies
    assert "csrfmiddlewaretoken" not in page.text
    assert 'hx-history="false"' in page.text


def test_the_questionnaire_accepts_a_post_without_a_csrf_token(content):
    strict = Client(enforce_csrf_checks=True)
    page = post(strict, "signs", **answered("symptoms"))
    assert page.status_code == 200
    assert h1(page) == HEADINGS["symptoms"]


def test_answers_are_hidden_from_error_reports(rf: RequestFactory, content):
    request = rf.post(URL, {"step": "signs", "signs": "none"})
    request.htmx = HtmxDetails(request)
    questionnaire(request)
    assert request.sensitive_post_parameters == "__ALL__"


def test_the_check_page_lists_every_answer_with_a_change_button(client, content):
    page = post(client, "circumstances", **answered("check", diet=["vegan"], symptoms=["numbness", "tingling"]))
    assert h1(page) == "Check your answers"
    for name in QUESTIONS:
        assert f'name="goto" value="{name}"' in page.text
    assert "Vegan: no animal foods at all" in page.text
    assert "<li>Numbness</li><li>Tingling</li>" in page.text


def test_the_result_ranks_vitamin_b12_first_for_a_vegan_with_nerve_symptoms(client, content):
    answers = answered("check", diet=["vegan"], symptoms=["numbness", "tingling", "balance-problems"])
    page = post(client, "check", **answers)
    assert h1(page) == "Nutrients to discuss with a doctor"
    assert suggestion_order(page)[0] == "vitamin-b12"
    assert "You said you eat a vegan diet and have" in page.text
    assert "all are linked to vitamin B12." in page.text
    assert "Blood test for vitamin B12" in page.text
    assert "This is not a diagnosis" in page.text
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


def test_the_result_without_a_symptom_says_so_instead_of_ranking(client, content):
    page = post(client, "check", **answered("check", symptoms=["none"]))
    assert "You did not choose a leg symptom" in page.text
    assert suggestion_order(page) == []


def test_pain_on_walking_that_eases_with_rest_brings_the_circulation_warning(client, content):
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"], timing=["walking"]))
    assert "Pain when you walk that eases with rest" in page.text
    assert "peripheral artery disease" in page.text
    without = post(client, "check", **answered("check", symptoms=["leg-cramps"], timing=["night"]))
    assert "Pain when you walk that eases with rest" not in without.text


def test_the_result_repeats_the_warning_signs_the_visitor_continued_past(client, content):
    page = post(client, "check", **answered("check", signs=["dvt-one-leg"]))
    assert "First, the warning signs you told us about" in page.text
    assert WarningSign.objects.get(slug="dvt-one-leg").what_to_do in unescape(page.text)


# Warning signs


def test_an_emergency_sign_leads_to_a_page_that_says_to_call_the_emergency_number(client, content):
    page = post(client, "signs", signs=["cauda-equina", "dvt-one-leg"])
    assert h1(page) == "Call your local emergency number now"
    assert WarningSign.objects.get(slug="cauda-equina").what_to_do in unescape(page.text)
    assert 'name="goto" value="next">Continue anyway</button>' in page.text


def test_a_sign_for_today_leads_to_a_page_that_says_to_see_a_doctor_today(client, content):
    page = post(client, "signs", signs=["dvt-one-leg"])
    assert h1(page) == "See a doctor today"


def test_continuing_past_the_warning_leads_to_the_symptoms_and_back_returns_to_the_signs(client, content):
    onward = post(client, "urgent", signs=["dvt-one-leg"])
    assert h1(onward) == HEADINGS["symptoms"]
    assert ("signs", "dvt-one-leg") in hidden(onward)
    assert h1(post(client, "symptoms", "back", signs=["dvt-one-leg"])) == "See a doctor today"
    back = post(client, "urgent", "back", signs=["dvt-one-leg"])
    assert h1(back) == HEADINGS["signs"]
    assert checked(back) == ["dvt-one-leg"]
    assert 'value="back"' not in back.text  # the first question has nothing before it


# Back and Change keep the answers


def test_back_returns_to_the_previous_question_with_its_answers_kept(client, content):
    answers = answered("diet", symptoms=["numbness", "tingling"], timing=["rest"])
    page = post(client, "diet", "back", **answers, diet=["vegan"])
    assert h1(page) == HEADINGS["timing"]
    assert checked(page) == ["rest"]
    carried = hidden(page)
    assert ("symptoms", "numbness") in carried and ("symptoms", "tingling") in carried
    assert ("diet", "vegan") in carried  # what was chosen on the page left is kept too


def test_back_may_leave_the_current_question_unanswered(client, content):
    page = post(client, "timing", "back", **answered("timing"))
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
    answers = answered("check") | {"signs": ["stroke-numbness"]}
    urgent = post(client, "signs", checking="yes", **answers)
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
    page = post(client, "timing", htmx=True, **answered("timing"))
    assert page.status_code == 200
    assert "<html" not in page.text
    assert page.text.lstrip().startswith("<title>Error: When do your leg symptoms happen? | Legwell</title>")
    assert 'class="error-summary" role="alert"' in page.text


def test_htmx_gets_only_the_question_region_with_its_title_and_focus_target(client, content):
    page = post(client, "signs", htmx=True, **answered("symptoms"))
    assert "<html" not in page.text
    assert '<div id="questionnaire" class="questionnaire" hx-history="false">' in page.text
    assert 'tabindex="-1" data-focus-after-swap>Which leg symptoms do you have?</h1>' in page.text
    assert "HX-Request" in page["Vary"]
    assert "no-store" in page["Cache-Control"]


# Tampering: a clear 400, never a 500


TAMPERED = {
    "unknown symptom": {"step": "timing", **answered("timing", symptoms=["unobtainium"])},
    "repeated symptom": {"step": "timing", **answered("timing", symptoms=["numbness", "numbness"])},
    "two diets": {"step": "age", **answered("age", diet=["vegan", "vegetarian"])},
    "repeated step": {"step": ["signs", "symptoms"], "signs": ["none"]},
    "unknown step": {"step": "payment", **answered("check")},
    "unknown button": {"step": "signs", "goto": "delete", "signs": ["none"]},
    "no step": answered("check"),
    "missing earlier answer": {"step": "diet", **answered("diet", symptoms=[])},
    "none with a sign, carried": {"step": "symptoms", "signs": ["none", "dvt-one-leg"], "symptoms": ["numbness"]},
    "huge value": {"step": "symptoms", "signs": ["x" * 100_000]},
    "binary value": {"step": "symptoms", "signs": ["\x00\xff\ufffd"]},
    "result without answers": {"step": "check", "signs": ["none"]},
    "soon sign offered nowhere": {"step": "symptoms", "signs": ["claudication"]},
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
    page = client.post(URL, b"step=signs&signs=\xff\xfe\x00", content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400
    assert PROBLEM in page.text


def test_too_many_fields_get_a_clear_400(client, content):
    body = "&".join(f"signs=s{number}" for number in range(2000))
    page = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400
    assert PROBLEM in page.text


def test_a_body_too_large_gets_a_clear_400(client, content, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    page = client.post(URL, "step=signs&signs=" + "x" * 5000, content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400
    assert PROBLEM in page.text


def test_a_broken_multipart_body_gets_a_clear_400(client, content):
    page = client.generic("POST", URL, b"--x\r\nbroken", content_type="multipart/form-data; boundary=")
    assert page.status_code == 400


def test_tampering_logs_no_answer(client, content, caplog):
    caplog.set_level("DEBUG")
    client.post(URL, {"step": "symptoms", "signs": ["none"], "symptoms": ["private-answer"]})
    client.post(URL, {"step": "timing", "signs": ["none"], "symptoms": ["numbness"]})
    assert "private-answer" not in caplog.text
    assert "numbness" not in caplog.text


# Content from admin shows up


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
    symptoms = post(client, "signs", signs=["none"])
    assert 'value="heavy-legs"' in symptoms.text
    assert 'value="draft-symptom"' not in symptoms.text
    circumstances = post(client, "age", **answered("circumstances"))
    assert "I work night shifts" in circumstances.text
    assert 'value="vegan"' not in circumstances.text  # diets are asked on their own


# A fixed number of queries


@pytest.mark.parametrize("step", QUESTIONS)
def test_each_step_runs_three_queries(client, content, django_assert_max_num_queries, step):
    with django_assert_max_num_queries(3):
        post(client, step, **answered("check"))


def test_the_result_runs_at_most_ten_queries_for_one_symptom_or_all(client, content, django_assert_max_num_queries):
    every = list(Symptom.objects.values_list("slug", flat=True))
    with django_assert_max_num_queries(11):  # one more: the sources of the "see a doctor soon" signs
        post(client, "check", **answered("check", symptoms=["night-cramps"]))
    with django_assert_max_num_queries(11):  # one more: the sources of the "see a doctor soon" signs
        post(client, "check", **answered("check", symptoms=every, timing=["walking"], circumstances=["little-sun"]))


# Ways in


def test_the_home_page_and_the_navigation_lead_to_the_questionnaire(client, content):
    home = client.get("/")
    assert re.search(r'<h3><a href="/questionnaire/">Answer a few questions</a></h3>', home.text)
    page = client.get(URL)
    assert '<a href="/questionnaire/" aria-current="page">Questionnaire</a>' in page.text
    assert "/questionnaire/</loc>" in client.get("/sitemap.xml").text  # people search for it
