"""The questionnaire in a real browser, with and without JavaScript: red flags first,
the urgent page, Back (in the page and, with JavaScript, the browser's own) and
Change keep the answers, focus moves to each new question, the result fits a
phone and prints on one page, and no step has an accessibility violation."""

import re

import pytest
from playwright.sync_api import expect

from nutrients.models import WarningSign
from tests.browser.accessibility import assert_accessible, assert_accessible_without_js

MARKER = "window.legwellMarker"
EMERGENCY = "Do any of these apply to you right now?"
TODAY = "Do any of these apply to you today?"
SYMPTOMS = "Which leg symptoms do you have?"
VEGAN = "I eat a vegan diet (no animal foods at all)"
DVT = "Is one leg suddenly swollen, warm and painful?"
NERVE_SYMPTOMS = ["Numbness", "Tingling", "Balance and walking difficulty"]
LITTLE_SUN = "I spend little time outdoors in daylight, or usually keep my skin covered"


def heading(page):
    return page.get_by_role("heading", level=1)


def press(page, button: str, *, then: str):
    """Press a button and wait for the page (or the swapped region) whose heading is `then`."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(heading(page)).to_have_text(then)


def answer_and_continue(page, labels: list[str], *, then: str, check=None):
    for label in labels:
        page.get_by_label(label, exact=True).check()
    press(page, "Continue", then=then)
    if check:
        check(page)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def walk(page, *, symptoms, today="No, none of these", walking=None, sex="Female", age="I am under 51", **rest):
    """From the first page to the check page, checking accessibility on every step."""
    steps = [
        (["No, none of these"], TODAY),
        ([today], "See a doctor today" if today != "No, none of these" else SYMPTOMS),
    ]
    if today != "No, none of these":
        steps.append(([], SYMPTOMS))
    steps += [
        (symptoms, "Is it in one leg or both?"),
        ([rest.get("legs", "Both legs")], "How did it start?"),
        (
            [rest.get("onset", "Over weeks or longer")],
            "Does it come on when you walk, and ease when you stop and rest?" if walking else "What is your sex?",
        ),
    ]
    if walking:
        steps.append(([walking], "What is your sex?"))
    steps += [([sex], "How old are you?")]
    pregnancy = sex == "Female" and age == "I am under 51"
    steps.append(([age], "Are you pregnant?" if pregnancy else "Which best describes what you eat?"))
    if pregnancy:
        steps.append(([rest.get("pregnant", "No")], "Which best describes what you eat?"))
    steps += [
        ([rest.get("diet", "I eat meat or fish")], "Do you take any of these medicines?"),
        (rest.get("medicines", ["None of these"]), "Do you have any of these conditions?"),
        (rest.get("conditions", ["None of these"]), "Do you already take any of these supplements?"),
        (rest.get("supplements", ["None of these"]), "Do any of these apply to you?"),
        (rest.get("circumstances", ["None of these"]), "Check your answers"),
    ]
    for labels, then in steps:
        if labels:
            answer_and_continue(page, labels, then=then)
        else:
            press(page, "Continue anyway", then=then)
        assert_accessible(page)


def test_with_javascript_a_vegan_walks_to_the_result_in_place_and_the_browsers_back_keeps_the_answers(site, page):
    page.goto(site + "/questionnaire/")
    expect(page.get_by_text("Question 1 of 12")).to_be_visible()
    assert_accessible(page)
    page.evaluate(f"{MARKER} = 'no page load'")
    walk(page, symptoms=NERVE_SYMPTOMS, diet=VEGAN, age="I am 71 or older", circumstances=[LITTLE_SUN])
    expect(heading(page)).to_be_focused()
    press(page, "See the result", then="Your result")
    expect(heading(page)).to_be_focused()
    expect(page.locator(".advice")).to_contain_text("vitamin B12")
    expect(page.locator(".suggestion h3").first).to_contain_text("Vitamin B12")
    assert_accessible(page)

    page.go_back()  # the browser's own Back button
    expect(heading(page)).to_have_text("Check your answers")
    expect(page.locator(".summary-list")).to_contain_text("Numbness")
    page.go_back()
    expect(heading(page)).to_have_text("Do any of these apply to you?")
    expect(page.get_by_label(LITTLE_SUN)).to_be_checked()
    assert_accessible(page)
    page.go_forward()
    expect(heading(page)).to_have_text("Check your answers")
    press(page, "See the result", then="Your result")  # the restored page still posts, with its answers
    expect(page.locator(".suggestion h3").first).to_contain_text("Vitamin B12")

    assert page.evaluate(MARKER) == "no page load"
    assert page.url == site + "/questionnaire/"  # no answer in the address
    assert page.evaluate("localStorage.length") == 0
    stored = page.evaluate("JSON.stringify(Object.entries(sessionStorage))")
    assert "numbness" not in stored.lower() and "vegan" not in stored.lower()
    assert page.context.cookies() == []


def test_with_javascript_nothing_chosen_shows_the_error_summary_and_its_link_reaches_the_field(site, page):
    page.goto(site + "/questionnaire/")
    answer_and_continue(page, ["No, none of these"], then=TODAY)
    answer_and_continue(page, ["No, none of these"], then=SYMPTOMS)
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.name") == "symptoms"


def test_with_javascript_an_emergency_leads_with_what_to_do_and_continue_anyway_is_secondary(site, page):
    page.goto(site + "/questionnaire/")
    page.get_by_label("Is your urine dark brown or red, with muscle pain or weakness?").check()
    press(page, "Continue", then="Call your local emergency number now")
    expect(page.locator(".urgent-now")).to_contain_text("Tell them:")
    assert "secondary" in page.get_by_role("button", name="Continue anyway").get_attribute("class")
    assert_accessible(page)
    page.go_back()
    expect(page.get_by_label("Is your urine dark brown or red, with muscle pain or weakness?")).to_be_checked()


DARK_URINE = "Is your urine dark brown or red, with muscle pain or weakness?"
STATIN = "Do you take a statin?"


@pytest.fixture
def statin_follow_up(site, django_db_blocker):
    """The site, its dark-urine sign asking "Do you take a statin?" (the frozen test content
    predates the follow-up), put back as it was afterwards."""
    with django_db_blocker.unblock():
        signs = WarningSign.objects.filter(slug="rhabdomyolysis")
        before = signs.get().follow_up
        signs.update(follow_up=STATIN)
    yield site
    with django_db_blocker.unblock():
        signs.update(follow_up=before)


def test_with_javascript_dark_urine_asks_about_a_statin_and_the_urgent_page_names_it(statin_follow_up, page):
    page.goto(statin_follow_up + "/questionnaire/")
    answer_and_continue(page, [DARK_URINE], then=STATIN)
    expect(page.get_by_text("Question 2 of 12")).to_be_visible()
    assert_accessible(page)
    answer_and_continue(page, ["Yes"], then="Call your local emergency number now")
    expect(page.locator(".urgent-tell")).to_contain_text("Say that you take statins.")
    expect(page.get_by_role("link", name="Statin muscle symptoms and rhabdomyolysis")).to_be_visible()
    assert_accessible(page)
    page.go_back()  # the browser's own Back button
    expect(heading(page)).to_have_text(STATIN)
    expect(page.get_by_label("Yes", exact=True)).to_be_checked()


def test_without_javascript_no_statin_keeps_statins_off_what_to_tell_them(statin_follow_up, page_without_js):
    page = page_without_js
    page.goto(statin_follow_up + "/questionnaire/")
    answer_and_continue(page, [DARK_URINE], then=STATIN)
    press(page, "Continue", then=STATIN)
    expect(page.get_by_role("alert")).to_contain_text("Select yes or no, or select 'I'm not sure'")
    assert_accessible_without_js(page)
    answer_and_continue(page, ["No"], then="Call your local emergency number now")
    expect(page.locator(".urgent-tell")).not_to_contain_text("statin")
    press(page, "Back", then=STATIN)
    expect(page.get_by_label("No", exact=True)).to_be_checked()
    answer_and_continue(page, ["I'm not sure"], then="Call your local emergency number now")
    expect(page.locator(".urgent-tell")).to_contain_text("Say too if you take statins.")
    press(page, "Continue anyway", then=SYMPTOMS)


def test_without_javascript_a_red_flag_then_continue_anyway_offers_no_unsafe_self_care(site, page_without_js):
    page = page_without_js
    page.goto(site + "/questionnaire/")
    assert_accessible_without_js(page)
    answer_and_continue(page, ["No, none of these"], then=TODAY)
    answer_and_continue(page, [DVT], then="See a doctor today")
    expect(page.locator(".urgent-now")).to_contain_text("Tell them:")
    assert_accessible_without_js(page)
    press(page, "Back", then=TODAY)
    expect(page.get_by_label(DVT)).to_be_checked()
    press(page, "Continue", then="See a doctor today")
    press(page, "Continue anyway", then=SYMPTOMS)
    press(page, "Continue", then=SYMPTOMS)
    expect(page.get_by_role("alert")).to_contain_text("Select the leg symptoms you have")
    assert_accessible_without_js(page)
    answer_and_continue(page, ["Leg cramps", "Leg pain"], then="Is it in one leg or both?")
    answer_and_continue(page, ["One leg"], then="How did it start?")
    press(page, "Back", then="Is it in one leg or both?")
    expect(page.get_by_label("One leg", exact=True)).to_be_checked()
    press(page, "Continue", then="How did it start?")
    answer_and_continue(
        page, ["Over a few days"], then="Does it come on when you walk, and ease when you stop and rest?"
    )
    answer_and_continue(page, ["Yes"], then="What is your sex?")
    answer_and_continue(page, ["Male"], then="How old are you?")
    answer_and_continue(page, ["I am 51 to 70 years old"], then="Which best describes what you eat?")
    answer_and_continue(page, ["I eat meat or fish"], then="Do you take any of these medicines?")
    answer_and_continue(page, ["I'm not sure which medicines I take"], then="Do you have any of these conditions?")
    answer_and_continue(page, ["I'd rather not say"], then="Do you already take any of these supplements?")
    answer_and_continue(page, ["None of these"], then="Do any of these apply to you?")
    answer_and_continue(page, ["I exercise hard or sweat a lot"], then="Check your answers")
    assert_accessible_without_js(page)

    press(page, "See the result", then="Your result")
    expect(page.locator(".advice")).to_have_text("See a doctor today about the warning sign you told us about.")
    expect(page.get_by_role("region", name="First, the warning signs you told us about")).to_be_visible()
    expect(page.get_by_role("region", name="More likely than a shortage")).to_contain_text("Peripheral artery disease")
    for unsafe in ("Heat", "Epsom salt baths", "Regular exercise", "Stretching"):
        expect(page.get_by_role("link", name=unsafe, exact=True)).to_have_count(0)
    assert_accessible_without_js(page)
    press(page, "Change your answers", then="Check your answers")
    expect(page.locator(".summary-list")).to_contain_text("I exercise hard or sweat a lot")
    assert page.context.cookies() == []


def test_even_a_busy_result_prints_as_one_clean_page_with_the_date_and_address(site, page):
    page.goto(site + "/questionnaire/")
    walk(
        page,
        today=DVT,
        symptoms=[*NERVE_SYMPTOMS, "Leg cramps", "Muscle weakness"],
        walking="Yes",
        diet=VEGAN,
        medicines=["Statins", "Metformin"],
        conditions=["I have diabetes"],
        supplements=["Vitamin B6, or a B-complex or magnesium product that contains it"],
        circumstances=[LITTLE_SUN],
    )
    press(page, "See the result", then="Your result")
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Change your answers")).to_be_hidden()
    expect(page.get_by_role("heading", name="Foods that fit a vegan diet").first).to_be_hidden()
    expect(
        page.get_by_text(re.compile(r"Printed from Legwell, http://.+/questionnaire/, on \d+ \w+ \d{4}"))
    ).to_be_visible()
    expect(page.get_by_role("region", name="First, the warning signs you told us about")).to_be_visible()
    margin = {side: "1cm" for side in ("top", "right", "bottom", "left")}  # as a printer leaves
    for size in ("A4", "Letter"):
        assert pdf_pages(page.pdf(format=size, margin=margin)) == 1, size


def test_on_a_phone_what_to_do_is_on_the_first_screen_and_nothing_scrolls_sideways(site, phone_page):
    page = phone_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/questionnaire/")
    walk(
        page, symptoms=["Muscle aches"], walking="No", sex="Male", age="I am 51 to 70 years old", medicines=["Statins"]
    )
    press(page, "See the result", then="Your result")
    box = page.locator(".advice").bounding_box()
    assert box["y"] + box["height"] <= 844
    expect(page.locator(".advice")).to_contain_text("statin")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    press(page, "Change your answers", then="Check your answers")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Change symptoms").click()
    expect(heading(page)).to_have_text(SYMPTOMS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)


def test_questions_and_the_result_are_accessible_in_dark_mode(site, dark_page):
    dark_page.goto(site + "/questionnaire/")
    assert_accessible(dark_page)
    walk(dark_page, symptoms=["Restless legs"], conditions=["I have kidney disease"])
    press(dark_page, "See the result", then="Your result")
    expect(dark_page.get_by_role("region", name="Not suggested for you")).to_contain_text("Magnesium")
    assert_accessible(dark_page)


def test_a_tampered_form_shows_a_clear_message_in_the_browser(site, page_without_js):
    page = page_without_js
    page.goto(site + "/questionnaire/")
    page.locator("input[name=emergency]").first.evaluate("input => { input.value = 'made-up'; input.checked = true; }")
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("We could not read your answers")
    assert_accessible_without_js(page)
