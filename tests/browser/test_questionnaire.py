"""The questionnaire in a real browser, with and without JavaScript: warning
signs first, Back and Change keep the answers, focus moves to each new
question, the result prints on one page, and no step has an accessibility
violation."""

import re

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible, assert_accessible_without_js

MARKER = "window.legwellMarker"
SYMPTOMS = "Which leg symptoms do you have?"
WALKING = "When I walk, easing off when I stop and rest"


def heading(page):
    return page.get_by_role("heading", level=1)


def press(page, button: str, *, then: str):
    """Press a button and wait for the page (or the swapped region) whose heading is `then`."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(heading(page)).to_have_text(then)


def answer_and_continue(page, labels: list[str], *, then: str):
    for label in labels:
        page.get_by_label(label, exact=True).check()
    press(page, "Continue", then=then)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_with_javascript_a_vegan_with_nerve_symptoms_walks_to_the_result_in_place(site, page):
    page.goto(site + "/questionnaire/")
    assert_accessible(page)
    page.evaluate(f"{MARKER} = 'no page load'")

    answer_and_continue(page, ["None of these"], then=SYMPTOMS)
    expect(heading(page)).to_be_focused()
    expect(page).to_have_title(f"{SYMPTOMS} | Legwell")
    assert_accessible(page)
    answer_and_continue(
        page, ["Numbness", "Tingling", "Balance and walking difficulty"], then="When do your leg symptoms happen?"
    )
    expect(heading(page)).to_be_focused()
    assert_accessible(page)
    answer_and_continue(page, ["At night or in bed"], then="Which best describes what you eat?")
    assert_accessible(page)
    answer_and_continue(page, ["Vegan: no animal foods at all"], then="How old are you?")
    assert_accessible(page)
    answer_and_continue(page, ["Younger, or I would rather not say"], then="Do any of these apply to you?")
    assert_accessible(page)
    answer_and_continue(page, ["None of these"], then="Check your answers")
    expect(heading(page)).to_be_focused()
    assert_accessible(page)

    page.get_by_role("button", name="Change symptoms").click()
    expect(heading(page)).to_have_text(SYMPTOMS)
    expect(page.get_by_label("Numbness", exact=True)).to_be_checked()
    expect(page.get_by_label("Tingling", exact=True)).to_be_checked()
    answer_and_continue(page, ["Restless legs"], then="Check your answers")
    expect(page.locator(".summary-list")).to_contain_text("Restless legs")

    press(page, "See the result", then="Nutrients to discuss with a doctor")
    expect(heading(page)).to_be_focused()
    expect(page.locator(".suggestion h2").first).to_have_text("Vitamin B12")
    assert_accessible(page)

    assert page.evaluate(MARKER) == "no page load"
    assert page.url == site + "/questionnaire/"  # no answer in the address
    assert page.evaluate("localStorage.length") == 0  # where htmx would keep its history snapshots
    stored = page.evaluate("JSON.stringify(Object.entries(sessionStorage))")  # htmx keeps only the path here
    assert "numbness" not in stored.lower() and "vegan" not in stored.lower()
    assert page.context.cookies() == []


def test_with_javascript_nothing_chosen_shows_the_error_summary_and_its_link_reaches_the_field(site, page):
    page.goto(site + "/questionnaire/")
    answer_and_continue(page, ["None of these"], then=SYMPTOMS)
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.name") == "symptoms"


def test_without_javascript_a_warning_sign_comes_first_and_back_keeps_every_answer(site, page_without_js):
    page = page_without_js
    page.goto(site + "/questionnaire/")
    assert_accessible_without_js(page)
    page.get_by_label(re.compile("^Pain and swelling in one leg")).check()
    press(page, "Continue", then="See a doctor today")
    expect(page.get_by_role("region", name="What you told us, and what to do")).to_contain_text("See a doctor today")
    assert_accessible_without_js(page)

    press(page, "Back", then="Do you have any of these warning signs?")
    expect(page.get_by_label(re.compile("^Pain and swelling in one leg"))).to_be_checked()
    assert_accessible_without_js(page)
    press(page, "Continue", then="See a doctor today")
    press(page, "Continue anyway", then=SYMPTOMS)

    press(page, "Continue", then=SYMPTOMS)
    expect(page.get_by_role("alert")).to_contain_text("Select the leg symptoms you have")
    assert_accessible_without_js(page)
    answer_and_continue(page, ["Leg cramps"], then="When do your leg symptoms happen?")
    answer_and_continue(page, [WALKING], then="Which best describes what you eat?")
    press(page, "Back", then="When do your leg symptoms happen?")
    expect(page.get_by_label(WALKING)).to_be_checked()
    press(page, "Back", then=SYMPTOMS)
    expect(page.get_by_label("Leg cramps", exact=True)).to_be_checked()
    press(page, "Continue", then="When do your leg symptoms happen?")
    press(page, "Continue", then="Which best describes what you eat?")
    answer_and_continue(page, ["I eat meat or fish"], then="How old are you?")
    answer_and_continue(page, ["I am 51 to 70 years old"], then="Do any of these apply to you?")
    answer_and_continue(page, ["I exercise hard or sweat a lot"], then="Check your answers")
    assert_accessible_without_js(page)

    press(page, "See the result", then="Nutrients to discuss with a doctor")
    expect(page.get_by_role("region", name="First, the warning signs you told us about")).to_be_visible()
    expect(page.get_by_role("region", name="Pain when you walk that eases with rest")).to_be_visible()
    assert_accessible_without_js(page)
    press(page, "Change your answers", then="Check your answers")
    expect(page.locator(".summary-list")).to_contain_text("I exercise hard or sweat a lot")
    assert page.context.cookies() == []


def the_result(page, site, *, sign: str = "", symptoms: list[str], timing: str, circumstances: list[str]):
    """Walk to the result for a vegan aged 71 or over, in either mode."""
    page.goto(site + "/questionnaire/")
    if sign:
        page.get_by_label(re.compile(f"^{sign}")).check()
        press(page, "Continue", then="See a doctor today")
        press(page, "Continue anyway", then=SYMPTOMS)
    else:
        answer_and_continue(page, ["None of these"], then=SYMPTOMS)
    answer_and_continue(page, symptoms, then="When do your leg symptoms happen?")
    answer_and_continue(page, [timing], then="Which best describes what you eat?")
    answer_and_continue(page, ["Vegan: no animal foods at all"], then="How old are you?")
    answer_and_continue(page, ["I am 71 or older"], then="Do any of these apply to you?")
    answer_and_continue(page, circumstances, then="Check your answers")
    press(page, "See the result", then="Nutrients to discuss with a doctor")


NERVE_SYMPTOMS = ["Numbness", "Tingling", "Balance and walking difficulty"]
LITTLE_SUN = "I spend little time outdoors in daylight, or usually keep my skin covered"


def test_even_a_busy_result_prints_as_one_clean_page(site, page):
    the_result(
        page,
        site,
        sign="Pain and swelling in one leg",
        symptoms=[*NERVE_SYMPTOMS, "Leg cramps", "Muscle weakness"],
        timing=WALKING,
        circumstances=[LITTLE_SUN, "I am pregnant"],
    )
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Change your answers")).to_be_hidden()
    expect(page.get_by_role("heading", name="Foods that fit a vegan diet").first).to_be_hidden()
    expect(page.get_by_text("Blood test for vitamin B12")).to_be_visible()
    expect(page.get_by_role("region", name="First, the warning signs you told us about")).to_be_visible()
    margin = {side: "1cm" for side in ("top", "right", "bottom", "left")}  # as a printer leaves
    for size in ("A4", "Letter"):
        assert pdf_pages(page.pdf(format=size, margin=margin)) == 1, size


def test_the_result_the_check_page_and_a_question_fit_a_320_pixel_phone(site, phone_page):
    the_result(phone_page, site, symptoms=NERVE_SYMPTOMS, timing="At night or in bed", circumstances=[LITTLE_SUN])
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(phone_page)
    press(phone_page, "Change your answers", then="Check your answers")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Change symptoms").click()
    expect(heading(phone_page)).to_have_text(SYMPTOMS)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(phone_page)


def test_questions_and_the_result_are_accessible_in_dark_mode(site, dark_page):
    dark_page.goto(site + "/questionnaire/")
    assert_accessible(dark_page)
    the_result(
        dark_page, site, symptoms=["Restless legs"], timing="During or after exercise", circumstances=["None of these"]
    )
    assert_accessible(dark_page)
    press(dark_page, "Change your answers", then="Check your answers")
    dark_page.get_by_role("button", name="Change age").click()
    expect(heading(dark_page)).to_have_text("How old are you?")
    assert_accessible(dark_page)


def test_a_tampered_form_shows_a_clear_message_in_the_browser(site, page_without_js):
    page = page_without_js
    page.goto(site + "/questionnaire/")
    page.locator("input[name=signs]").first.evaluate("input => { input.value = 'made-up'; input.checked = true; }")
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("We could not read your answers")
    assert_accessible_without_js(page)
