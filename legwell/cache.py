"""Whole-page caching for reader pages, invalidated by a content version.

Views marked @cached_page are stored whole by PageCacheMiddleware in
Django's cache, each with the content version it was rendered under. Any
change to the content stores a new version (see nutrients/signals.py), so
the very next request to any process or host sharing the cache sees its page
is out of date: readers get the previous page while one process renders the
new one, and editors get the new one at once. A change readers must never be
shown the previous page for (a medical change a clinical reviewer approved)
also stores a new "fresh since" value: no page rendered before it is served
again, stale or not. Nothing ever calls cache.clear(), which would wipe a
Redis that other things share.

Pages with a query string (comparisons, searches) can be many, and a search
says something about a reader's health, so they are kept only in each
process's memory, briefly: never in Redis or on disk.

The cache only ever makes pages faster: any error from its backend (Redis
down, the cache directory full or read-only) is taken as a miss, and the page
is rendered from the database (see SharedCache).
"""

import gzip
import hashlib
import logging
import re
import secrets
import time
from functools import partial, wraps
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.forms import MultipleChoiceField
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag

VERSION_KEY = "content-version"
# Changed when no page rendered before a change may be served, even stale.
FRESH_SINCE_KEY = "content-fresh-since"
PAGE_TIMEOUT = 60 * 60 * 24
# Pages for a query string, in this process's memory: at most this many, this long.
QUERY_PAGE_TIMEOUT = 60 * 10
QUERY_PAGE_ENTRIES = 1000
# Longer query strings are never cached or even looked up: no reader page
# needs one, and hashing junk costs time.
MAX_QUERY_LENGTH = 512
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# How long a process waits for another that is rendering the same page: as
# long as gunicorn lets a request run.
RENDER_WAIT_SECONDS = 30
# Held while one process renders a stale page again: one for every page
# and version, as an edit saves many rows, each a new version.
REFRESH_LOCK = "refreshing"
# A broken cache is logged at most once in this many seconds per process.
FAULT_LOG_INTERVAL = 60

logger = logging.getLogger(__name__)


class SharedCache:
    """Django's default cache, where an error from the backend is a miss.

    get() gives None and add() False, as for a missing key, and set() and
    delete() do nothing, so a reader gets the page rendered from the
    database and an editor's save goes through. The error is logged once an
    interval, not once a request.
    """

    def __init__(self):
        self.logged_at = None
        # Keys of new values the cache refused, stored again before the next read.
        self.unsaved = set()

    def call(self, operation: str, *args, **kwargs):
        try:
            return True, getattr(cache, operation)(*args, **kwargs)
        except Exception as error:  # each backend raises its own kinds of error
            now = time.monotonic()
            if self.logged_at is None or now - self.logged_at >= FAULT_LOG_INTERVAL:
                self.logged_at = now
                logger.error("The cache failed (%r); pages are rendered without it.", error)
            return False, None

    def get(self, key):
        return self.call("get", key)[1]

    def add(self, key, value, timeout) -> bool:
        return bool(self.call("add", key, value, timeout)[1])

    def set(self, key, value, timeout) -> bool:
        return self.call("set", key, value, timeout)[0]

    def delete(self, key) -> None:
        self.call("delete", key)


shared = SharedCache()


def content_version() -> str | None:
    """The current content version, or None when the cache cannot say (pages
    are then neither looked up nor stored)."""
    for key in list(shared.unsaved):
        store_new_value(key)
    version = shared.get(VERSION_KEY)
    if version is None:
        # add() keeps a version another process stored first; read back the winner.
        shared.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = shared.get(VERSION_KEY)
    return version


def store_new_value(key: str) -> None:
    """Store a new random value under key.

    A random value rather than cache.incr(): Django's file and local-memory
    incr() is a read then a write, so two processes bumping at once could
    both write the same number; two random values never collide, and a
    value lost to eviction is never reused either. A value the cache
    refuses is stored again before this process next reads a page, so an
    edit made while the cache was down still shows once it is back.
    """
    if shared.set(key, secrets.token_hex(8), timeout=None):
        shared.unsaved.discard(key)
    else:
        shared.unsaved.add(key)


def bump_content_version() -> None:
    """Every cached page is out of date from now on: readers get the previous
    one while it is rendered again."""
    store_new_value(VERSION_KEY)


def refuse_previous_pages() -> None:
    """No page rendered before now is served again, not even once while it is
    rendered again: for a change every reader must see at once (a medical
    change approved, a backup restored). The next reader of each page waits
    for it to be rendered."""
    store_new_value(FRESH_SINCE_KEY)
    bump_content_version()


# Only this process reads and writes it, so it never fails as a shared cache can.
query_pages = LocMemCache(
    "legwell-query-pages", {"TIMEOUT": QUERY_PAGE_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": QUERY_PAGE_ENTRIES}}
)


class Stored(NamedTuple):
    version: str
    compressed: bytes
    headers: dict
    # The "fresh since" value when it was rendered (last, so pages stored before it had one still load).
    fresh_since: str | None = None


def may_serve_stale(stale: Stored) -> bool:
    """Whether a page stored under an earlier version may still be served while
    it is rendered again: only if no change since refused previous pages."""
    return stale.fresh_since == shared.get(FRESH_SINCE_KEY)


def page_key(request) -> str:
    """The page's key: the same for every content version, which the stored page carries."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = [
        request.build_absolute_uri(request.path),
        query,
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def is_storable(request, response) -> bool:
    """Only an impersonal page: nothing that set a cookie, read the session,
    rendered a CSRF token or asked not to be stored."""
    session = getattr(request, "session", None)
    return (
        not response.cookies
        and not (session is not None and session.accessed)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def cached_page(view=None, *, form=None):
    """Mark a view's pages for PageCacheMiddleware to store whole: @cached_page
    directly above the view function, or @cached_page(form=TheForm) for a
    page that reads its query string with that form.

    A query string with a parameter the page does not read is redirected to
    the address without it, and one with a single-value parameter repeated to
    the address with the value the page reads: the page would be the same, so
    junk can neither make every request a full render nor fill the cache. Errors the view
    raises (404) are answered by the error handlers, never marked, so never
    stored, and nor is any page but a 200.
    """
    if view is None:
        return lambda view: cached_page(view, form=form)
    fields = form.base_fields if form else {}
    several = {name for name, field in fields.items() if isinstance(field, MultipleChoiceField)}

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        repeated = any(len(values) > 1 for name, values in request.GET.lists() if name not in several)
        if repeated or not set(request.GET) <= set(fields):
            # The form reads the last of repeated values: the address says so.
            kept = [
                (name, values if name in several else values[-1:])
                for name, values in request.GET.lists()
                if name in fields
            ]
            return HttpResponsePermanentRedirect(request.path + (f"?{urlencode(kept, doseq=True)}" if kept else ""))
        response = view(request, *args, **kwargs)
        response.page_cache = True
        return response

    return wrapper


def from_cache(request, stored: Stored) -> HttpResponse:
    """A stored page: gzipped as stored for a client that accepts it (every
    browser does), unzipped for one that does not, and answered with a 304
    when the browser has it already. Reader pages hold no secret (no CSRF
    token, nothing from a session), so compressing them is safe."""
    response = HttpResponse(headers=stored.headers)
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response.content = stored.compressed
        response["Content-Encoding"] = "gzip"
        # Another representation of the same page: a weak ETag, as Django's GZipMiddleware gives.
        response["ETag"] = f"W/{response['ETag']}"
    else:
        response.content = gzip.decompress(stored.compressed)
    response["Content-Length"] = len(response.content)
    if request.method == "HEAD":
        response.content = b""  # the headers, Content-Length included, as for GET
    return get_conditional_response(request, etag=response["ETag"], response=response)


def rendered_elsewhere(key: str, lock: str, version: str) -> Stored | None:
    """The page another process is rendering right now, once it is stored.

    Right after an edit, a page nobody has stored yet would otherwise be
    rendered by every worker that gets a request for it, all at the same
    time. None when no one is rendering it, or it never came.
    """
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while shared.get(lock) and time.monotonic() < deadline:
        time.sleep(0.05)
        stored = shared.get(key)
        if stored is not None and stored.version == version:
            return stored
    return None


class PageCacheMiddleware:
    """Serves marked pages whole from the cache, with an ETag browsers revalidate.

    It sits after SecurityMiddleware, the CSP middleware and WhiteNoise, so
    every page it serves still gets their headers and static files never wait
    for it; and before sessions, users, CSRF and URL resolving, which a cached
    page does not need. What it stores is the response as those inner layers
    finished it, their headers included, compressed once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
            return self.get_response(request)
        version = content_version()
        if version is None:  # the shared cache is down: render every page
            return self.get_response(request)
        key = page_key(request)
        if request.GET:
            stored = query_pages.get(key)
            if stored is not None and stored.version == version:
                return from_cache(request, stored)
            return self.render(request, version, key, query_pages)
        stored = shared.get(key)
        if stored is not None and stored.version == version:
            return from_cache(request, stored)
        return self.render_once(request, version, key, stale=stored)

    def render_once(self, request, version: str, key: str, stale: Stored | None):
        """Render the page here, unless another process is already rendering it
        (then wait for theirs); or, when there is a previous version, serve
        that and render the new one after it is sent (stale-while-revalidate).

        After an edit every stored page is stale at once. Readers then get the
        previous versions, the reader whose request starts a new render too,
        and the site renders the new ones one page at a time, so at most one
        worker is busy rendering and nobody waits for it. An editor (signed
        in) never gets a stale page: they render or wait for the page with
        their change. A change that refused previous pages (see
        refuse_previous_pages) is seen by every reader at once too.
        """
        if stale is not None and settings.SESSION_COOKIE_NAME not in request.COOKIES and may_serve_stale(stale):
            response = from_cache(request, stale)
            if shared.add(REFRESH_LOCK, True, RENDER_WAIT_SECONDS):
                # The WSGI server closes the response once it has sent it: Django runs
                # a response's resource closers then, as it does to close a file it served.
                response._resource_closers.append(partial(self.refresh, request, version, key))
            return response
        lock = f"{key}:{version}:rendering"
        if not shared.add(lock, True, RENDER_WAIT_SECONDS):
            if (theirs := rendered_elsewhere(key, lock, version)) is not None:
                return from_cache(request, theirs)
        try:
            return self.render(request, version, key, shared, replacing=stale is not None)
        finally:
            shared.delete(lock)

    def refresh(self, request, version: str, key: str) -> None:
        """Render and store a stale page, after its previous version was sent. A
        view that fails is logged as any is, and readers keep the previous page."""
        try:
            self.render(request, version, key, shared, replacing=True)
        finally:
            shared.delete(REFRESH_LOCK)

    def render(self, request, version: str, key: str, store, replacing: bool = False):
        # Read before rendering: a page rendered from data older than a refusal is refused too.
        fresh_since = shared.get(FRESH_SINCE_KEY) if store is shared else None
        response = self.get_response(request)
        if replacing and response.status_code != 200 and response.status_code < 500:
            # The page is gone (unpublished, deleted, moved): no reader gets it again.
            # After a server error readers keep the previous page.
            store.delete(key)
        if not getattr(response, "page_cache", False) or response.status_code != 200 or response.streaming:
            return response
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Accept-Encoding"])
        set_response_etag(response)
        if not is_storable(request, response):
            return get_conditional_response(request, etag=response["ETag"], response=response)
        stored = Stored(version, gzip.compress(response.content, mtime=0), dict(response.headers), fresh_since)
        store.set(key, stored, QUERY_PAGE_TIMEOUT if request.GET else PAGE_TIMEOUT)
        return from_cache(request, stored)
