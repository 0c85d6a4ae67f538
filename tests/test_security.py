"""Security a reader or editor gets from every response: headers, a strict
Content Security Policy that the admin works under, no cookies for readers,
and the site's own error pages."""

import re

import pytest
from django.urls import URLPattern, get_resolver, reverse

from nutrients import selectors
from nutrients.models import Food, Nutrient, Symptom

ADMIN_PAGES = ["/admin/", "/admin/nutrients/nutrient/", "/admin/nutrients/nutrient/add/"]


# The one page that sets a cookie, the CSRF token its form needs, and only for a reader who opens it
# (tests/test_problem_reports.py checks that).
SETS_A_COOKIE = {"report"}


def reader_urls() -> list[str]:
    """Every page in the nutrients app that takes no argument, one of each
    detail page, robots.txt and the manifest."""
    patterns = get_resolver().url_patterns[0].url_patterns  # the include("nutrients.urls")
    simple = [
        reverse(f"nutrients:{pattern.name}")
        for pattern in patterns
        if isinstance(pattern, URLPattern) and not pattern.pattern.converters and pattern.name not in SETS_A_COOKIE
    ]
    details = [
        reverse(name, args=[model.objects.published().first().slug])
        for name, model in (("nutrients:nutrient", Nutrient), ("nutrients:symptom", Symptom), ("nutrients:food", Food))
    ]
    return [*simple, *details, reverse("robots_txt"), reverse("manifest")]


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "nonce-" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_every_reader_page_sends_the_security_headers_and_no_cookie(client, content):
    for url in reader_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


def test_htmx_requests_and_pages_served_from_the_cache_get_the_same(client, content):
    for url in reader_urls():
        for headers in ({"HX-Request": "true"}, {}, {}):  # the last comes from the cache
            response = client.get(url, headers=headers)
            assert_security_headers(response)
            assert not response.cookies, url


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_send_the_same_strict_policy(staff_client, content, url):
    response = staff_client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I),  # inline script
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle=", re.I),
    re.compile(r"\son[a-z]+=", re.I),  # event-handler attributes
    re.compile(r"javascript:", re.I),
]


def inline_code(html: str) -> list[str]:
    return [match.group(0) for pattern in INLINE for match in pattern.finditer(html)]


def test_reader_pages_hold_nothing_the_policy_would_block(client, content):
    # script-src 'self' with no nonce: any inline script or style would be
    # blocked, and pages with no nonce can be cached whole.
    for url in reader_urls():
        assert inline_code(client.get(url).text) == [], url


@pytest.mark.parametrize("url", [*ADMIN_PAGES, "/admin/nutrients/nutrient/{pk}/change/"])
def test_admin_pages_hold_nothing_the_policy_would_block(staff_client, content, url):
    html = staff_client.get(url.format(pk=Nutrient.objects.get(slug="magnesium").pk)).text
    assert inline_code(html) == []


def test_hsts_asks_for_a_year_with_subdomains_and_preload_over_https(client, content, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_a_request_for_an_unknown_host_gets_the_sites_own_400_page(client, content):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "Bad request" in response.text
    assert "Education, not diagnosis" in response.text


def test_an_editor_without_permission_gets_the_sites_own_403_page(client, content, django_user_model):
    editor = django_user_model.objects.create_user("reader-only", password="a-long-test-password", is_staff=True)
    client.force_login(editor)
    response = client.get("/admin/nutrients/nutrient/add/")
    assert response.status_code == 403
    assert "Not allowed" in response.text


def test_an_unknown_address_gets_the_sites_own_404_page(client, content):
    response = client.get("/nutrients/unobtainium/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_a_crash_gets_the_sites_own_500_page_without_details(client, content, monkeypatch):
    def crash():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "published_nutrients", crash)
    client.raise_request_exception = False
    response = client.get("/nutrients/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret internals" not in response.text


def test_a_post_without_a_csrf_token_gets_the_sites_own_403_page(content):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Form expired" in response.text
    assert "Education, not diagnosis" in response.text


def test_a_method_a_page_does_not_take_gets_the_sites_own_405_page_with_the_right_allow(client, content):
    response = client.put("/questionnaire/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert "cannot be used that way" in response.text
    assert client.delete("/nutrients/")["Allow"] == "GET, HEAD"


def test_a_body_too_large_gets_the_sites_own_413_page(client, content, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/admin/login/", {"username": "x" * 2000, "password": "b"})
    assert response.status_code == 413
    assert "Too much sent" in response.text


def test_an_address_too_long_gets_the_sites_own_414_page(client, content):
    response = client.get("/compare/", {"symptom": "x" * 5000})
    assert response.status_code == 414
    assert "Address too long" in response.text


def test_a_header_too_large_gets_the_sites_own_431_page(client, content):
    response = client.get("/", headers={"Cookie": "x=" + "y" * 9000})
    assert response.status_code == 431
    assert "Request too large" in response.text


def test_a_database_outage_gets_the_sites_own_503_page(client, content, monkeypatch):
    from django.db import OperationalError

    def down():
        raise OperationalError("could not connect to server at db.internal")

    monkeypatch.setattr(selectors, "published_nutrients", down)
    client.raise_request_exception = False
    response = client.get("/nutrients/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Back soon" in response.text
    assert "db.internal" not in response.text
