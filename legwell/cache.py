"""Whole-page caching for reader pages, invalidated by a content version.

Views marked @cached_page are stored whole by PageCacheMiddleware in
Django's cache, under a key that holds the current content version. Any change to the content stores a new version
(see nutrients/signals.py), so the very next request to any process or host sharing
the cache looks up new keys and renders fresh pages; the old entries simply
expire. Nothing ever calls cache.clear(), which would wipe a Redis that
other things share.

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
from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag

VERSION_KEY = "content-version"
PAGE_TIMEOUT = 60 * 60 * 24
# Pages for a query string (searches, comparisons) can be many: keep them briefly.
QUERY_PAGE_TIMEOUT = 60 * 10
# Longer query strings are never cached or even looked up: no reader page
# needs one, and hashing junk costs time.
MAX_QUERY_LENGTH = 512
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# How long a process waits for another that is rendering the same page: as
# long as gunicorn lets a request run.
RENDER_WAIT_SECONDS = 30
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
        # A version bump the cache refused, tried again before the next read.
        self.bump_pending = False

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
    if shared.bump_pending:
        bump_content_version()
    version = shared.get(VERSION_KEY)
    if version is None:
        # add() keeps a version another process stored first; read back the winner.
        shared.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = shared.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    """Store a new random version, so every cached page is missed from now on.

    A random value rather than cache.incr(): Django's file and local-memory
    incr() is a read then a write, so two processes bumping at once could
    both write the same number; two random values never collide, and a
    version lost to eviction is never reused either. A bump the cache
    refuses is tried again before this process next reads a page, so an
    edit made while the cache was down still shows once it is back.
    """
    shared.bump_pending = not shared.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def page_key(request) -> str | None:
    """The page's key under the current content version; None when the cache cannot say what that is."""
    version = content_version()
    if version is None:
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = [
        request.build_absolute_uri(request.path),
        query,
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{version}:{digest}"


def query_validated(request, response) -> bool:
    """Whether the page's own form, passed to its template as `form`, read the
    query string and found every parameter in it known and valid."""
    form = (getattr(response, "context_data", None) or {}).get("form")
    return form is not None and form.is_bound and form.is_valid() and set(request.GET) <= set(form.fields)


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
        and (not request.GET or response.query_validated)
    )


def cached_page(view):
    """Mark a view's pages for PageCacheMiddleware to store whole. Put it
    directly above the view function. Errors the view raises (404) are
    answered by the error handlers, never marked, so never stored; a page with
    a query string is stored only when its form validated all of it, so junk
    parameters cannot fill the cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache = True
        response.query_validated = query_validated(request, response)
        return response

    return wrapper


def from_cache(request, compressed: bytes, headers: dict) -> HttpResponse:
    """A stored page: gzipped as stored for a client that accepts it (every
    browser does), unzipped for one that does not. Reader pages hold no secret
    (no CSRF token, nothing from a session), so compressing them is safe."""
    response = HttpResponse(headers=headers)
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response.content = compressed
        response["Content-Encoding"] = "gzip"
        # Another representation of the same page: a weak ETag, as Django's GZipMiddleware gives.
        response["ETag"] = f"W/{response['ETag']}"
    else:
        response.content = gzip.decompress(compressed)
    response["Content-Length"] = len(response.content)
    return response


def rendered_elsewhere(key: str):
    """The page another process is rendering right now, once it is stored.

    After an edit every page is missed at once; without this, each worker
    that gets a request for a slow page would render it too, all at the same
    time. None when no one is rendering it, or it never came.
    """
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while shared.get(f"{key}:rendering") and time.monotonic() < deadline:
        time.sleep(0.05)
        if (stored := shared.get(key)) is not None:
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
        if request.method != "GET" or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
            return self.get_response(request)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        stored = shared.get(key) or rendered_elsewhere(key)
        if stored is None:
            shared.add(f"{key}:rendering", True, RENDER_WAIT_SECONDS)
            try:
                response = self.get_response(request)
                if not getattr(response, "page_cache", False) or response.status_code != 200 or response.streaming:
                    return response
                patch_cache_control(response, no_cache=True)
                patch_vary_headers(response, ["Accept-Encoding"])
                set_response_etag(response)
                if not is_storable(request, response):
                    return get_conditional_response(request, etag=response["ETag"], response=response)
                stored = (gzip.compress(response.content, mtime=0), dict(response.headers))
                shared.set(key, stored, QUERY_PAGE_TIMEOUT if request.GET else PAGE_TIMEOUT)
            finally:
                shared.delete(f"{key}:rendering")
        response = from_cache(request, *stored)
        return get_conditional_response(request, etag=response["ETag"], response=response)
