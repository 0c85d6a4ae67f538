"""A reader browsing in a real browser: links work both ways, pages are accessible."""

import pytest
from playwright.sync_api import expect

from bench.pages import CONTENT_PAGES, NOT_FOUND
from tests.browser.accessibility import assert_accessible

PAGE_TYPES = {**CONTENT_PAGES, "report a problem": "/report/?page=/nutrients/magnesium/", "not found": NOT_FOUND}


def test_a_reader_walks_from_home_to_a_nutrient_a_symptom_a_food_and_back(site, page):
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Nutrients").click()
    page.get_by_role("link", name="Vitamin B12").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vitamin B12")

    page.locator("#symptoms").locator("xpath=following-sibling::ul[1]").get_by_role("link", name="Numbness").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Numbness")
    page.get_by_role("link", name="Vitamin B12", exact=True).first.click()

    page.get_by_role("table").get_by_role("link").first.click()
    page.wait_for_url("**/foods/**")
    food_heading = page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name="Vitamin B12").count() == 1

    page.go_back()
    assert page.get_by_role("heading", level=1).inner_text() == "Vitamin B12"
    page.go_forward()
    assert page.get_by_role("heading", level=1).inner_text() == food_heading


def test_the_skip_link_is_the_first_stop_for_a_keyboard(site, page):
    page.goto(site + "/nutrients/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Focus outlines the control, never paints a whole region yellow.
    assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_has_no_accessibility_violations_in_light_mode(site, page, url):
    page.goto(site + url)
    assert_accessible(page)


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_has_no_accessibility_violations_in_dark_mode(site, dark_page, url):
    dark_page.goto(site + url)
    assert dark_page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert_accessible(dark_page)


@pytest.mark.parametrize("url", ["/", "/nutrients/magnesium/", "/foods/spinach/", "/symptoms/restless-legs/"])
def test_pages_fit_a_320_pixel_phone_without_sideways_scrolling(site, phone_page, url):
    phone_page.goto(site + url)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(phone_page)


def test_pages_make_no_third_party_request(site, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for url in ("/", "/nutrients/magnesium/"):
        page.goto(site + url)
    assert requested
    assert all(address.startswith(site) for address in requested), requested


def test_the_csp_blocks_nothing_the_site_itself_uses(site, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(site + "/nutrients/magnesium/")
    page.wait_for_load_state("networkidle")
    assert problems == []
