"""/healthz and /readyz: what load balancers probe, by IP address and over plain HTTP."""

import pytest
from django.db import OperationalError, connection

from nutrients.models import Nutrient

from .test_settings import PRODUCTION, run

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

    @property
    def introspection(self):
        return self  # its table_names() needs a cursor too

    def table_names(self):
        return self.cursor()


def test_healthz_says_so_when_the_database_is_down(client, db, monkeypatch):
    monkeypatch.setattr("legwell.health.connection", DownDatabase())
    page = client.get("/healthz")
    assert page.status_code == 503
    assert page.content == b"database unavailable"


def test_readyz_answers_ready_when_the_content_cache_and_static_files_are_there(client, content):
    page = client.get("/readyz", HTTP_HOST="10.0.3.7:8000")
    assert page.status_code == 200
    assert page.content == b"ready"


def test_readyz_says_not_ready_when_the_database_has_no_published_content(client, db):
    Nutrient.objects.update(status="draft")
    page = client.get("/readyz")
    assert page.status_code == 503
    assert page.content == b"database empty"


def test_readyz_says_not_ready_when_the_database_is_a_new_empty_file(client, db, monkeypatch):
    monkeypatch.setattr(connection.introspection, "table_names", lambda: [])
    page = client.get("/readyz")
    assert page.status_code == 503
    assert page.content == b"database unmigrated"


def test_readyz_names_each_failed_check_in_one_word_and_leaks_no_detail(client, db, monkeypatch, settings, tmp_path):
    monkeypatch.setattr("legwell.health.connection", DownDatabase())
    settings.CACHES = {"default": {"BACKEND": "tests.broken_cache.BrokenCache"}}
    settings.STATIC_ROOT = tmp_path  # collectstatic never ran there: no manifest
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    page = client.get("/readyz")
    assert page.status_code == 503
    assert page.content.decode().splitlines() == ["database unavailable", "cache unavailable", "static missing"]


def test_the_web_server_never_creates_a_missing_sqlite_database(tmp_path):
    missing = tmp_path / "moved-away.sqlite3"
    result = run(
        "-c",
        "import legwell.wsgi; from django.db import connection; connection.ensure_connection()",
        **{name: value for name, value in PRODUCTION.items() if name != "DJANGO_DEBUG"},
        DATABASE_URL=f"sqlite:///{missing}",
    )
    assert result.returncode != 0
    assert "unable to open database file" in result.stderr
    assert not missing.exists()


def test_migrate_creates_the_sqlite_database_in_production_mode(tmp_path):
    database = tmp_path / "new.sqlite3"
    result = run("manage.py", "migrate", "--no-input", **PRODUCTION, DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr
    assert database.exists()
