"""What a reader sees first on a phone (390 px) and a desktop (1280 px): the home
page's main call to action, key points first on medicine and condition pages,
a nutrient page's key points and warning signs in its first two screens,
what each food is best for, and the comparison table that fits or says it scrolls."""

import re

import pytest

from tests.browser.accessibility import assert_accessible

PHONE, DESKTOP = 390, 1280


def sized(browser, width: int, **options):
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 600 else 800},
        is_mobile=width < 600,
        has_touch=width < 600,
        **options,
    )
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["390px", "1280px"])
def reader(request, browser):
    page = sized(browser, request.param)
    yield page
    page.context.close()


def test_the_questionnaire_is_the_first_way_in_on_the_first_screen_and_search_the_second(site, reader):
    reader.goto(site + "/")
    links = reader.locator("main a")
    start = reader.get_by_role("link", name="Answer a few questions")
    assert links.first.inner_text() == start.inner_text()
    assert start.bounding_box()["y"] + start.bounding_box()["height"] <= reader.viewport_size["height"]
    search = reader.get_by_role("searchbox", name="Or search for a symptom, nutrient, food or medicine")
    assert start.bounding_box()["y"] < search.bounding_box()["y"] < reader.locator(".ways-in").bounding_box()["y"]
    assert reader.get_by_role("search").count() == 1  # the page's own search replaces the header's
    # The primary button stands out: a filled button, larger than body text.
    assert start.evaluate("a => getComputedStyle(a).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert_accessible(reader)


def test_the_ways_in_cards_start_with_their_heading_with_no_dead_space(site, reader):
    reader.goto(site + "/")
    gaps = reader.locator(".ways-in li").evaluate_all(
        "cards => cards.map(card => card.querySelector('h3').getBoundingClientRect().top"
        " - card.getBoundingClientRect().top)"
    )
    assert len(gaps) == 4
    assert all(gap <= 20 for gap in gaps), gaps  # the card's own padding, no heading margin above


CELLS_OUTSIDE = """() => [...document.querySelectorAll('.compare-wrap th, .compare-wrap td')]
  .filter((cell) => cell.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map((cell) => cell.textContent.trim().slice(0, 30))"""


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("query", ["", "?symptom=leg-cramps"], ids=["every nutrient", "by symptom"])
def test_on_a_desktop_the_comparison_table_is_never_clipped(site, browser, width, query):
    page = sized(browser, width)
    page.goto(site + "/compare/" + query)
    wrap = page.locator(".compare-wrap")
    assert wrap.evaluate("box => box.scrollWidth <= box.clientWidth + 1")
    assert page.evaluate(CELLS_OUTSIDE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not page.locator("#compare-scroll-hint").is_visible()  # nothing to scroll, nothing to say
    sort = page.get_by_label("Sort by")
    assert sort.evaluate("select => select.scrollWidth <= select.clientWidth")  # its choice is not cut off
    page.context.close()


@pytest.mark.parametrize("width", [700, 1024])
def test_where_the_table_scrolls_sideways_a_line_says_so_and_the_names_stay_in_place(site, browser, width):
    page = sized(browser, width)
    page.goto(site + "/compare/?symptom=leg-cramps")
    wrap = page.locator(".compare-wrap")
    assert wrap.evaluate("box => box.scrollWidth > box.clientWidth")
    hint = page.locator("#compare-scroll-hint")
    assert hint.is_visible() and "Scroll the table sideways" in hint.inner_text()
    assert wrap.get_attribute("aria-describedby") == "compare-scroll-hint"
    name = page.locator(".compare-wrap tbody th[scope=row]").first
    before = name.bounding_box()["x"]
    wrap.evaluate("box => { box.scrollLeft = 200; }")
    assert name.bounding_box()["x"] == before  # the first column is sticky
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()


def test_on_a_phone_each_nutrient_is_a_card_and_nothing_needs_scrolling(site, reader):
    reader.goto(site + "/compare/?symptom=leg-cramps")
    if reader.viewport_size["width"] == PHONE:
        assert reader.locator(".compare-wrap").evaluate("box => box.scrollWidth <= box.clientWidth")
        assert not reader.locator("#compare-scroll-hint").is_visible()
    assert_accessible(reader)


@pytest.mark.parametrize("url", ["/medicines/statins/", "/conditions/deep-vein-thrombosis/"])
def test_medicine_and_condition_pages_open_with_key_points_then_the_warning_signs(site, reader, url):
    reader.goto(site + url)
    points = reader.get_by_role("heading", name="Key points")
    assert points.bounding_box()["y"] < reader.viewport_size["height"] / 2
    assert points.bounding_box()["y"] < reader.locator(".warning-tiers").bounding_box()["y"]
    assert "When to see a doctor:" in reader.locator(".key-points").inner_text()


TWO_PHONE_SCREENS = 2 * 844


def bottom(locator) -> float:
    """How far below the top of the page the element ends."""
    return locator.evaluate("element => element.getBoundingClientRect().bottom + window.scrollY")


def test_every_nutrient_pages_key_points_and_warning_signs_fit_in_two_phone_screens(site, browser):
    page = sized(browser, PHONE)
    page.goto(site + "/nutrients/")
    urls = page.locator("main a[href^='/nutrients/']").evaluate_all("links => links.map(a => a.pathname)")
    assert len(urls) > 10
    for url in urls:
        page.goto(site + url)
        assert bottom(page.locator(".key-points")) < bottom(page.locator(".warning-tiers")) <= TWO_PHONE_SCREENS, url
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_a_nutrient_page_shows_every_emergency_sign_at_once_and_opens_the_other_tiers_on_request(
    site, browser, javascript
):
    page = sized(browser, PHONE, java_script_enabled=javascript)
    page.goto(site + "/nutrients/magnesium/")
    emergency = page.locator(".tier-emergency .tier-signs > li")
    assert emergency.count() > 10
    for sign in emergency.all():
        assert sign.is_visible() and bottom(sign) <= TWO_PHONE_SCREENS, sign.inner_text()
    folded = {urgency: page.locator(f".tier-{urgency}") for urgency in ("today", "soon")}
    for urgency, tier in folded.items():
        # A heading in its own right, so a screen reader's heading list finds every tier.
        heading = tier.get_by_role("heading", level=3)
        assert heading.is_visible() and bottom(heading) <= TWO_PHONE_SCREENS
        count = re.fullmatch(rf"See a doctor {urgency} if you have one of these (\d+) signs", heading.inner_text())
        signs = tier.locator(".tier-signs > li")
        assert signs.count() == int(count[1]) > 1
        assert not any(sign.is_visible() for sign in signs.all())
    for tier in folded.values():
        tier.locator("summary").first.click()
        assert all(sign.is_visible() for sign in tier.locator(".tier-signs > li").all())
    if javascript:
        assert_accessible(page)  # with both tiers open
    page.context.close()


def test_a_nutrient_page_prints_every_tier_of_warning_signs_open(site, page):
    page.goto(site + "/nutrients/magnesium/")
    page.emulate_media(media="print")
    signs = page.locator(".warning-tiers .tier-signs > li")
    assert page.locator(".tier-folded").count() == 2
    assert all(sign.is_visible() for sign in signs.all())


def test_each_food_card_says_what_the_food_is_best_for(site, reader):
    reader.goto(site + "/foods/")
    spinach = reader.locator(".card", has=reader.get_by_role("link", name="Spinach", exact=True))
    assert spinach.inner_text().count("Best for") == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "url", ["/", "/foods/", "/nutrients/magnesium/", "/medicines/statins/", "/conditions/deep-vein-thrombosis/"]
)
@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_changed_pages_have_no_accessibility_violations(site, browser, width, url, scheme):
    page = sized(browser, width, color_scheme=scheme)
    page.goto(site + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
    page.context.close()
