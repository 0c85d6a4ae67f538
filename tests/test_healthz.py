"""/healthz: what load balancers probe, by IP address and over plain HTTP."""

import pytest
from django.db import OperationalError

PRODUCTION_HOSTS = ["legwell.example"]


@pytest.fixture
def production(settings):
    settings.ALLOWED_HOSTS = PRODUCTION_HOSTS
    settings.SECURE_SSL_REDIRECT = True


def test_healthz_answers_ok_after_one_database_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = client.get("/healthz")
    assert page.status_code == 200
    assert page.content == b"ok"
    assert page["Content-Type"] == "text/plain"
    assert not page.cookies


def test_a_probe_by_ip_address_over_plain_http_is_answered(client, db, production):
    page = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert page.status_code == 200
    assert page.content == b"ok"


def test_the_rest_of_the_site_still_checks_the_host_and_redirects_to_https(client, db, production):
    assert client.get("/", HTTP_HOST="10.0.3.7:8000").status_code == 400
    redirect = client.get("/", HTTP_HOST="legwell.example")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://legwell.example/"


class DownDatabase:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_healthz_says_so_when_the_database_is_down(client, db, monkeypatch):
    monkeypatch.setattr("legwell.health.connection", DownDatabase())
    page = client.get("/healthz")
    assert page.status_code == 503
    assert page.content == b"database unavailable"
