"""Browser tests: Playwright driving a real Chromium against live_server.

The browser is, in order: $LEGWELL_BROWSER, Debian's chromium-headless-shell,
Debian's chromium, or one Playwright downloaded. With none, the tests are
skipped with a message that says how to get one, except under CI=true, where
they fail.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

from bench.harness import CHROMIUM_ARGS
from nutrients.content import has_content, row_counts

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The old headless shell first: it is what Playwright itself runs headless,
# the same Blink, and on two cores it takes half the CPU of the full browser.
BROWSERS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
HOW_TO_GET_ONE = (
    "No browser for the browser tests. Install Debian's chromium-headless-shell "
    "(apt-get install chromium-headless-shell) or set LEGWELL_BROWSER to a Chromium executable."
)


def pytest_collection_modifyitems(items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def browser_path() -> str | None:
    for candidate in (os.environ.get("LEGWELL_BROWSER"), *BROWSERS):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own download, if there is one


def no_browser(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{HOW_TO_GET_ONE} ({reason})", pytrace=False)
    pytest.skip(f"{HOW_TO_GET_ONE} ({reason})")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        except Error as error:
            no_browser(str(error).splitlines()[0])
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def reader_server(django_db_setup, django_db_blocker):
    """A live server over the content loaded once for the session, for tests
    that only read. (pytest-django's live_server would flush and reload the
    whole content around every test.)"""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def site(reader_server, django_db_blocker, test_content_by_id):
    """The live site's address, for a test that changes nothing on the server.
    It fails a test that does change the content: use writable_site there."""
    with django_db_blocker.unblock():
        if not has_content():  # a test that writes emptied the database
            call_command("loaddata", test_content_by_id, verbosity=0)
        before = row_counts()
        with reader_server._live_server_modified_settings:
            yield reader_server.url
        assert row_counts() == before, "This test changes the content: give it writable_site."


@pytest.fixture
def writable_site(live_server, transactional_db, test_content_by_id):
    """The live site's address, with the test content loaded afresh, for a
    test that changes it: the database is emptied afterwards."""
    call_command("loaddata", test_content_by_id, verbosity=0)
    return live_server.url


def new_page(browser, **options):
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser):
    yield from new_page(browser)


@pytest.fixture
def page_without_js(browser):
    yield from new_page(browser, java_script_enabled=False)


@pytest.fixture
def dark_page(browser):
    yield from new_page(browser, color_scheme="dark")


@pytest.fixture
def phone_page(browser):
    yield from new_page(browser, viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
