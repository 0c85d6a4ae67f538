"""What browsers and search engines ask of the site itself: robots.txt and the web app manifest."""

from django.http import JsonResponse
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
