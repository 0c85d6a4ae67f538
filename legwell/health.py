"""/healthz and /readyz, for load balancers, answered before any other middleware runs.

/healthz is liveness: cheap, one query, for a probe every few seconds.
/readyz is readiness: whether this server can serve readers right now
(its database holds the content, its cache works, its static files are
collected), so a broken node is taken out of the pool.
"""

import secrets

from django.apps import apps
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe

# The files every page links to.
STATIC_FILES = ("legwell.css", "legwell.js")


def plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain")


@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return plain("database unavailable", status=503)
    return plain("ok")


def database_problem() -> str | None:
    """An empty or wrong database answers SELECT 1 too: look for the content."""
    try:
        tables = set(connection.introspection.table_names())
        if any(model._meta.db_table not in tables for model in apps.get_models()):
            return "unmigrated"
        if not apps.get_model("nutrients", "Nutrient").objects.published().exists():
            return "empty"
    except DatabaseError:
        return "unavailable"
    return None


def cache_problem() -> str | None:
    """Pages render without the cache, but slowly: a write and a read tell whether it works."""
    if isinstance(cache, DummyCache):  # development caches nothing
        return None
    token = secrets.token_hex(8)
    try:
        cache.set("readyz", token, 10)
        return None if cache.get("readyz") == token else "unavailable"
    except Exception:  # each backend raises its own kinds of error
        return "unavailable"


def static_problem() -> str | None:
    try:
        for name in STATIC_FILES:
            staticfiles_storage.url(name)  # raises when collectstatic's manifest lacks it
    except ValueError:
        return "missing"
    return None


CHECKS = {"database": database_problem, "cache": cache_problem, "static": static_problem}


@require_safe
def readyz(request):
    """200 "ready", or 503 with one line a failed check: its name and one word, no detail."""
    failed = [f"{name} {problem}" for name, check in CHECKS.items() if (problem := check())]
    if failed:
        return plain("\n".join(failed), status=503)
    return plain("ready")


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware runs.

    Load balancers probe each server by its IP address and over plain HTTP.
    Placed first, this answers them before SecurityMiddleware would redirect
    to HTTPS and before CommonMiddleware validates the Host header against
    ALLOWED_HOSTS (which holds the public name, not every server's address),
    and without touching sessions or users, so the probe stays fast.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if probe := PROBES.get(request.path_info):
            return probe(request)
        return self.get_response(request)
