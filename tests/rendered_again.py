"""A reader page as readers get it after a change to the content.

The first reader after a change gets the previous page at once, and the site
renders the new one after sending it (stale-while-revalidate, legwell/cache.py);
the readers after that get the new one:

    rendered_again.get(client, "/nutrients/")     # with Django's test client
    rendered_again.goto(page, site + "/foods/")   # with a Playwright page
"""

import time

from legwell.cache import REFRESH_LOCK, shared

RENDER_SECONDS = 10


def get(client, url, **kwargs):
    # The test client closes each response once it has it, as a WSGI server
    # does once it has sent it: the new page is stored by then.
    client.get(url, **kwargs)
    return client.get(url, **kwargs)


def goto(page, url):
    page.goto(url)
    # The live server renders the new page in its own thread after sending the previous one.
    deadline = time.monotonic() + RENDER_SECONDS
    while shared.get(REFRESH_LOCK) and time.monotonic() < deadline:
        time.sleep(0.05)
    return page.goto(url)
