"""The site's own pages that are not content: error pages, robots.txt and the
web app manifest."""

import sys

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

BRAND_COLOR = "#005a8c"  # the header's colour in legwell.css


@require_safe
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain; charset=utf-8")


@require_safe
def web_manifest(request):
    manifest = {
        "name": "Legwell: nutrients and leg health",
        "short_name": "Legwell",
        "description": "Plain-language education about the nutrient shortages that can cause leg symptoms.",
        "start_url": reverse("nutrients:home"),
        "scope": reverse("nutrients:home"),
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": BRAND_COLOR,
        "icons": [
            {"src": static("favicon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {"src": static("icon-512.png"), "type": "image/png", "sizes": "512x512"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


# The site's own error pages. They use no database query, so they still work
# when the database is the problem.


def error_page(request, status, title, message):
    return TemplateResponse(request, "error.html", {"title": title, "message": message}, status=status).render()


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return error_page(request, 413, "Too much sent", "The form sent more than we accept. Please send less.")
    return error_page(request, 400, "Bad request", "The address or form had something we could not read.")


def permission_denied(request, exception=None):
    return error_page(request, 403, "Not allowed", "You do not have permission to see this page.")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a post without a valid token, such as a form left open for days."""
    return error_page(
        request,
        403,
        "Form expired",
        "We could not accept that form: it may have been open too long, or come from another site. "
        "Go back, reload the page and try again.",
    )


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        "Page not found",
        "We could not find that page. It may have moved, or the address may be mistyped.",
    )


def server_error(request):
    # Django calls this while handling the exception, so it can tell a database outage from a bug.
    if isinstance(sys.exception(), DatabaseError):
        response = error_page(
            request, 503, "Back soon", "We cannot reach our database just now. Please try again in a minute."
        )
        response["Retry-After"] = "60"
        return response
    return error_page(
        request, 500, "Something went wrong", "Sorry, there was a problem on our side. Please try again in a minute."
    )


def method_not_allowed(request, allowed: str):
    response = error_page(request, 405, "Not allowed", "This page cannot be used that way.")
    response["Allow"] = allowed
    return response


def sign_in_paused(request, original_response=None, credentials=None):
    """django-axes' lockout page (429), in the admin's design with the editors' header."""
    context = admin.site.each_context(request) | {
        "username": (credentials or {}).get("username") or request.POST.get("username", ""),
        "per_address": settings.SIGN_IN_FAILURES_PER_ADDRESS,
        "per_name": settings.SIGN_IN_FAILURES_PER_NAME,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)
