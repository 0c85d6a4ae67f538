"""Whole-page caching for reader pages, invalidated by a content version.

Every reader page is stored whole in Django's cache under a key that holds
the current content version. Any change to the content stores a new version
(see signals.py), so the very next request to any process or host sharing
the cache looks up new keys and renders fresh pages; the old entries simply
expire. Nothing ever calls cache.clear(), which would wipe a Redis that
other things share.
"""

import hashlib
import secrets
from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

VERSION_KEY = "content-version"
PAGE_TIMEOUT = 60 * 60 * 24
# Longer query strings are never cached or even looked up: no reader page
# needs one, and hashing junk costs time.
MAX_QUERY_LENGTH = 512


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() keeps a version another process stored first; read back the winner.
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    """Store a new random version, so every cached page is missed from now on.

    A random value rather than cache.incr(): Django's file and local-memory
    incr() is a read then a write, so two processes bumping at once could
    both write the same number; two random values never collide, and a
    version lost to eviction is never reused either.
    """
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def page_key(request) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = [
        request.build_absolute_uri(request.path),
        query,
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{content_version()}:{digest}"


def allow_query_caching(response, form):
    """Let the page cache keep a response to a query string, once the page's own
    form has validated every parameter in it (so junk cannot fill the cache)."""
    response.cacheable_query = form.is_valid() and set(form.data) <= set(form.fields)
    return response


def is_storable(request, response) -> bool:
    """Only a complete, impersonal 200 page: nothing that set a cookie, read the
    session, rendered a CSRF token or asked not to be stored."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.accessed)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
        and (not request.GET or getattr(response, "cacheable_query", False))
    )


def cached_page(view):
    """Serve a reader page whole from the cache, with an ETag browsers revalidate.

    Put it directly above the view function (inside @require_GET and
    @vary_on_headers). Errors raised by the view (404) pass straight through,
    so error pages are never stored.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = cache.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200 or response.streaming:
                return response
            patch_cache_control(response, no_cache=True)
            set_response_etag(response)
            if is_storable(request, response):
                cache.set(key, (response.content, dict(response.headers)), PAGE_TIMEOUT)
        else:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapper
