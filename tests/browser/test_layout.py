"""Every page type fits a 320 px phone, a 390 px phone and a 1280 px desktop:
nothing scrolls sideways, and no number in a table is cut off."""

import pytest

PAGE_TYPES = {
    "home": "/",
    "nutrient list": "/nutrients/",
    "nutrient": "/nutrients/magnesium/",
    "nutrient with unverified amounts": "/nutrients/vitamin-b12/",
    "symptom list": "/symptoms/",
    "symptom": "/symptoms/numbness/",
    "food list": "/foods/",
    "food": "/foods/spinach/",
    "medicine": "/medicines/statins/",
    "condition": "/conditions/deep-vein-thrombosis/",
    "comparison table": "/compare/",
    "comparison by symptom": "/compare/?symptom=leg-cramps",
    "side by side": "/compare/?nutrients=magnesium&nutrients=vitamin-b12&nutrients=potassium&nutrients=calcium",
    "questionnaire": "/questionnaire/",
    "search": "/search/?q=cramps",
    "relief": "/relief/",
    "about": "/about/",
    "not found": "/nutrients/unobtainium/",
}
WIDTHS = [320, 390, 1280]

# The table cells holding a number that are not wholly inside the window, unless they
# sit in a scroll box that says, in words a reader can see, that it scrolls.
CUT_OFF_NUMBERS = """() => {
  const width = document.documentElement.clientWidth;
  const saysItScrolls = (cell) => {
    const box = cell.closest(".table-wrap");
    if (!box || box.scrollWidth <= box.clientWidth) return false;
    const hint = document.getElementById(box.getAttribute("aria-describedby") || "");
    return Boolean(hint && hint.checkVisibility() && /scroll/i.test(hint.textContent));
  };
  return [...document.querySelectorAll("td, th")]
    .filter((cell) => /\\d/.test(cell.textContent) && cell.checkVisibility())
    .filter((cell) => {
      const box = cell.getBoundingClientRect();
      return (box.left < -0.5 || box.right > width + 0.5) && !saysItScrolls(cell);
    })
    .map((cell) => cell.textContent.trim().slice(0, 40));
}"""


@pytest.fixture(params=WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def sized_page(request, browser):
    width = request.param
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=width < 600, has_touch=width < 600
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_page_scrolls_sideways_and_no_number_is_cut_off(site, sized_page, url):
    sized_page.goto(site + url)
    window = sized_page.evaluate("window.innerWidth")
    assert sized_page.evaluate("document.documentElement.scrollWidth") <= window
    assert sized_page.evaluate(CUT_OFF_NUMBERS) == []
