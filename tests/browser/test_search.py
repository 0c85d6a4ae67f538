"""Search in a real browser: live results as one types, the same by a plain submit, accessible."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible, assert_accessible_without_js


def results(page):
    return page.locator("#results")


def test_typing_shows_live_results_without_loading_a_new_page(site, page):
    page.goto(site + "/search/")
    page.evaluate("window.sameDocument = true")
    box = page.get_by_role("searchbox", name="Search nutrients, symptoms and foods")
    box.press_sequentially("cobalamin", delay=20)
    expect(results(page).get_by_role("link", name="Vitamin B12")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=cobalamin$"))
    assert page.evaluate("window.sameDocument") is True  # htmx swapped the results; no page load
    expect(page.get_by_role("status")).to_have_text("1 result for “cobalamin”")
    assert box.evaluate("element => element === document.activeElement")  # focus stays in the box

    box.fill("pins and needles")
    expect(results(page).get_by_role("link", name="Tingling")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=pins(\+|%20)and(\+|%20)needles$"))
    assert page.evaluate("window.sameDocument") is True


def test_back_after_live_search_shows_the_earlier_results(site, page):
    page.goto(site + "/search/")
    box = page.get_by_role("searchbox", name="Search nutrients, symptoms and foods")
    box.fill("bananas")
    expect(results(page).get_by_role("link", name="Bananas")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=bananas$"))
    box.fill("anaemia")
    expect(page).to_have_url(re.compile(r"q=anaemia$"))
    expect(results(page).get_by_role("link", name="Iron")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=bananas$"))
    expect(results(page).get_by_role("link", name="Bananas")).to_be_visible()


def test_a_weird_query_shows_its_message_in_place(site, page):
    page.goto(site + "/search/")
    page.get_by_role("searchbox", name="Search nutrients, symptoms and foods").fill("%%%")
    expect(results(page)).to_contain_text("Search with letters or numbers")
    expect(page.get_by_role("status")).to_contain_text("Search with letters or numbers")


def test_without_javascript_the_search_button_gives_the_same_results(site, page_without_js):
    page = page_without_js
    page.goto(site + "/search/")
    page.get_by_role("searchbox", name="Search nutrients, symptoms and foods").fill("night cramps")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=night\+cramps$"))
    expect(results(page).get_by_role("link").first).to_have_text("Night cramps")
    assert_accessible_without_js(page)


def test_the_header_search_box_takes_a_reader_from_any_page_to_results(site, page):
    page.goto(site + "/nutrients/magnesium/")
    box = page.get_by_role("search").get_by_role("searchbox", name="Search Legwell")
    box.fill("haemoglobin")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=haemoglobin$"))
    expect(results(page).get_by_role("link", name="Iron")).to_be_visible()


SEARCH_STATES = {
    "empty": "/search/",
    "results": "/search/?q=magnesium",
    "no results": "/search/?q=zzz",
    "error": "/search/?q=%25%25",
}


@pytest.mark.parametrize("url", SEARCH_STATES.values(), ids=SEARCH_STATES.keys())
def test_the_search_page_has_no_accessibility_violations(site, page, dark_page, url):
    for each in (page, dark_page):
        each.goto(site + url)
        assert_accessible(each)


def test_live_results_have_no_accessibility_violations(site, page):
    page.goto(site + "/search/")
    page.get_by_role("searchbox", name="Search nutrients, symptoms and foods").fill("vitamin d")
    expect(results(page).get_by_role("heading", name="Nutrients (1)")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("url", ["/", "/search/?q=cramps"])
def test_search_fits_a_320_pixel_phone(site, phone_page, url):
    phone_page.goto(site + url)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    box = phone_page.get_by_role("searchbox").first
    assert box.bounding_box()["width"] >= 150
    assert_accessible(phone_page)
