"""No combination of answers, buttons or tampering makes the questionnaire answer with a 5xx."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutrients.questionnaire import PAGES

from .factories import questionnaire_rows

URL = "/questionnaire/"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Values the pages offer (slugs from the site's content), so that many
# examples get past the first check and reach later pages and the result.
OFFERED = {
    "step": list(PAGES),
    "goto": ["next", "back", "emergency", "today", "followup", "symptoms", "walking", "sex", "pregnancy", "medicines"],
    "checking": ["yes"],
    "emergency": ["none", "rhabdomyolysis", "cauda-equina"],
    "today": ["none", "dvt-one-leg", "statin-muscle-symptoms"],
    "followup": ["not-sure", "yes", "no"],
    "symptoms": ["none", "night-cramps", "numbness", "tingling", "restless-legs", "leg-cramps", "leg-fatigue"],
    "legs": ["not-sure", "both", "one", "back"],
    "onset": ["not-sure", "sudden", "days", "weeks"],
    "walking": ["not-sure", "yes", "no"],
    "sex": ["rather-not-say", "female", "male"],
    "age": ["rather-not-say", "under-51", "age-51-70", "age-71-plus"],
    "pregnancy": ["rather-not-say", "yes", "no"],
    "diet": ["rather-not-say", "omnivore", "vegetarian", "vegan"],
    "medicines": ["none", "not-sure", "statins", "metformin", "nitrous-oxide"],
    "conditions": ["none", "rather-not-say", "diabetes", "kidney-disease", "heavy-alcohol-use"],
    "supplements": ["none", "rather-not-say", "b6", "zinc", "magnesium"],
    "circumstances": ["none", "rather-not-say", "little-sun", "heavy-periods", "heavy-sweating"],
}
NO_CHOICE = ("none", "not-sure", "rather-not-say")
ONE_ANSWER = ("step", "goto", "checking", "followup", "legs", "onset", "walking", "sex", "age", "pregnancy", "diet")
JUNK = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.binary(max_size=20).map(lambda raw: raw.decode("latin-1")),
    st.sampled_from(["claudication", "NONE", "vitamin-b12", "x" * 5000, "%00", "' OR 1=1 --", "signs"]),
)


def offered_or_junk(name: str):
    return st.lists(st.one_of(st.sampled_from(OFFERED[name]), JUNK), max_size=4)


QUESTIONS = [name for name in OFFERED if name not in ("step", "goto", "checking")]


def answer(name: str):
    """An answer a page could send: "none" (or similar), or some of the other choices (one for a one-answer field)."""
    values = [value for value in OFFERED[name] if value not in NO_CHOICE]
    most = 1 if name in ONE_ANSWER else 3
    chosen = st.lists(st.sampled_from(values), min_size=1, max_size=most, unique=True)
    nothing = [value for value in OFFERED[name] if value in NO_CHOICE]
    return st.one_of(chosen, st.sampled_from(nothing).map(lambda value: [value])) if nothing else chosen


def left_blank(form: dict):
    """The same form with at most one question left unanswered, as a visitor might."""
    return st.sampled_from([None, *QUESTIONS]).map(lambda blank: {k: [] if k == blank else v for k, v in form.items()})


PLAUSIBLE = st.fixed_dictionaries(
    {name: answer(name) for name in OFFERED} | {"checking": st.sampled_from([[], ["yes"]])}
).flatmap(left_blank)
NAMES = st.one_of(st.sampled_from(list(OFFERED)), st.text(max_size=10).map(lambda name: name.replace("\x00", "")))
TAMPERED = st.lists(NAMES, max_size=10, unique=True).flatmap(
    lambda names: st.fixed_dictionaries(
        {name: offered_or_junk(name) if name in OFFERED else st.lists(JUNK, max_size=2) for name in names}
    )
)


@pytest.fixture
def rows(content):
    """The follow-up after dark urine, the B6 sign's role and zinc, once for all of a test's examples."""
    questionnaire_rows()


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:500]
    assert response.status_code in (200, 400)


@FUZZ
@given(form=PLAUSIBLE, htmx=st.booleans())
def test_any_combination_of_offered_answers_gets_a_page_or_a_clear_400(client, rows, form, htmx):
    response = client.post(URL, form, headers={"HX-Request": "true"} if htmx else {})
    assert_no_server_error(response)


@FUZZ
@given(form=TAMPERED)
def test_any_tampered_form_gets_a_page_or_a_clear_400(client, rows, form):
    assert_no_server_error(client.post(URL, form))


@FUZZ
@given(
    body=st.binary(max_size=300),
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "text/plain", "application/json"]
    ),
)
def test_any_raw_body_gets_a_page_or_a_clear_400(client, content, body, content_type):
    assert_no_server_error(client.generic("POST", URL, body, content_type=content_type))
