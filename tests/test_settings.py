"""Settings from environment variables: safe development defaults, a strict
production mode that refuses to start half-configured, and the engines a
growing site moves to."""

import os
import runpy
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import ConnectionHandler

BASE_DIR = django_settings.BASE_DIR
SETTINGS_FILE = BASE_DIR / "legwell" / "settings.py"
OURS = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CACHE_URL")
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "legwell.example",
}


def clean_environment(**variables) -> dict:
    """This process's environment without any Legwell setting, plus `variables`."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith(OURS)}
    return {**environment, **variables}


def run(*args, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean_environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_with(monkeypatch, **variables) -> dict:
    """The settings module as it reads with exactly these environment variables."""
    for name in os.environ:
        # The browser tests' Playwright loop may still run in this thread.
        if name.startswith(OURS) and name != "DJANGO_ALLOW_ASYNC_UNSAFE":
            monkeypatch.delenv(name)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_the_wsgi_server_refuses_to_start_without_a_secret_key_and_allowed_hosts(missing):
    variables = {name: value for name, value in PRODUCTION.items() if name not in (missing, "DJANGO_DEBUG")}
    result = run("-c", "import legwell.wsgi", **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "needs DJANGO_SECRET_KEY (a long random string) and DJANGO_ALLOWED_HOSTS" in result.stderr


def test_the_wsgi_server_starts_in_production_mode_when_both_are_set():
    result = run(
        "-c",
        "import legwell.wsgi; from django.conf import settings; print(settings.DEBUG)",
        **{name: value for name, value in PRODUCTION.items() if name != "DJANGO_DEBUG"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_manage_py_defaults_to_development():
    result = run(
        "manage.py", "shell", "--verbosity", "0", "-c", "from django.conf import settings; print(settings.DEBUG)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_check_deploy_finds_no_issue_with_production_variables():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert result.stderr == ""


def test_production_is_secure_by_default(monkeypatch):
    production = settings_with(monkeypatch, **PRODUCTION)
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SESSION_COOKIE_SECURE"] is production["CSRF_COOKIE_SECURE"] is True
    assert "SECURE_PROXY_SSL_HEADER" not in production
    assert production["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_make_serve_over_plain_http_turns_off_the_redirect_and_https_only_cookies(monkeypatch):
    local = settings_with(monkeypatch, **PRODUCTION, DJANGO_SECURE_SSL_REDIRECT="false")
    assert local["DEBUG"] is False
    assert local["SECURE_SSL_REDIRECT"] is False
    assert local["SESSION_COOKIE_SECURE"] is local["CSRF_COOKIE_SECURE"] is False


def test_behind_a_tls_proxy_the_forwarded_scheme_is_trusted(monkeypatch):
    proxied = settings_with(monkeypatch, **PRODUCTION, DJANGO_BEHIND_TLS_PROXY="true")
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_production_settings_need_both_variables(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        settings_with(monkeypatch, DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="legwell.example")


def test_development_caches_nothing_so_template_edits_show_at_once(monkeypatch):
    development = settings_with(monkeypatch)
    assert development["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"


def test_production_shares_a_file_cache_between_processes(monkeypatch, tmp_path):
    production = settings_with(monkeypatch, **PRODUCTION, DJANGO_CACHE_DIR=str(tmp_path))
    cache = production["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == str(tmp_path)


@pytest.mark.parametrize("variable", ["REDIS_URL", "CACHE_URL"])
def test_redis_is_shared_between_hosts_when_its_address_is_set(monkeypatch, variable):
    production = settings_with(monkeypatch, **PRODUCTION, **{variable: "redis://cache.internal:6379/0"})
    cache = production["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/0"


def test_postgresql_keeps_connections_and_checks_them_before_use(monkeypatch):
    production = settings_with(monkeypatch, **PRODUCTION, DATABASE_URL="postgres://legwell:pw@db.internal:5432/legwell")
    database = production["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    # So that search reads its full-text index for a common word (legwell/settings.py).
    assert database["OPTIONS"]["options"] == "-c random_page_cost=1.1"


def test_sqlite_is_safe_under_several_workers(monkeypatch, tmp_path, django_db_blocker):
    """WAL lets readers run beside a writer, IMMEDIATE takes the write lock up
    front, and the busy timeout waits for it instead of failing."""
    production = settings_with(monkeypatch, **PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}")
    connection = ConnectionHandler({"default": production["DATABASES"]["default"]})["default"]
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20000,)
    connection.close()
    assert connection.transaction_mode == "IMMEDIATE"
    assert production["DATABASES"]["default"]["CONN_MAX_AGE"] == 60  # each worker keeps its connection
