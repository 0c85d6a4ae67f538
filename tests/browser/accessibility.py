"""The axe-core accessibility check used by every browser test."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def assert_accessible(page):
    """axe-core finds no WCAG 2.2 A/AA violation (nor best-practice one) on the page as it is now."""
    # The same rules either way; only the violations come back with every node,
    # which makes each check two or three times faster on a long page.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()


def assert_accessible_without_js(page):
    """axe runs in JavaScript, and hangs in a page that has it switched off: check a copy of
    exactly what this page shows, in a page with JavaScript on the same site."""
    copy = page.context.browser.new_context().new_page()
    try:
        copy.goto(page.url)
        copy.set_content(page.content())
        assert_accessible(copy)
    finally:
        copy.context.close()
