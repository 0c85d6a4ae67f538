"""A cache fault is a cache miss: with the cache's server down, or its disk
full, readers still get every page from the database and editors still sign
in and save; the fault is logged, but not once a request."""

import logging
import os
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.management import call_command

import legwell.cache
from nutrients.editors import enrol_second_factor
from nutrients.models import Nutrient

from . import rendered_again
from .admin_pages import change_form_data
from .second_factor import code_now

BROKEN = {"default": {"BACKEND": "tests.broken_cache.BrokenCache"}}
READER_PAGES = [
    "/",
    "/nutrients/",
    "/nutrients/magnesium/",
    "/symptoms/restless-legs/",
    "/foods/spinach/",
    "/compare/?kind=mineral",
    "/search/?q=iron",
    "/questionnaire/",
]


@pytest.fixture
def broken_cache(settings):
    settings.CACHES = BROKEN


@pytest.mark.parametrize("url", READER_PAGES)
def test_reader_pages_are_rendered_from_the_database_when_the_cache_is_down(client, content, broken_cache, url):
    page = client.get(url)
    assert page.status_code == 200
    assert "Legwell" in page.text


def test_a_missing_page_is_still_the_sites_404_when_the_cache_is_down(client, content, broken_cache):
    assert client.get("/nutrients/no-such-nutrient/").status_code == 404


def test_an_editor_signs_in_and_saves_when_the_cache_is_down(client, editor, content, broken_cache):
    app = enrol_second_factor(editor)
    assert client.get("/admin/login/").status_code == 200
    form = {"username": "editor", "password": "a-long-test-password", "code": code_now(app)}
    signed_in = client.post("/admin/login/", form)
    assert signed_in.status_code == 302
    magnesium = Nutrient.objects.get(slug="magnesium")
    url = f"/admin/nutrients/nutrient/{magnesium.pk}/change/"
    data = change_form_data(client.get(url)) | {"summary": "Saved while the cache was down."}
    assert client.post(url, data).status_code == 302
    magnesium.refresh_from_db()
    assert magnesium.summary == "Saved while the cache was down."


def test_an_edit_made_while_the_cache_was_down_shows_once_it_is_back(client, content, settings):
    client.get("/nutrients/magnesium/")  # cached
    working = settings.CACHES
    settings.CACHES = BROKEN
    magnesium = Nutrient.objects.get(slug="magnesium")
    magnesium.summary = "Changed while the cache was down."
    magnesium.save()  # the cache refuses the version bump
    settings.CACHES = working  # back, with the old page still in it
    assert "Changed while the cache was down." in rendered_again.get(client, "/nutrients/magnesium/").text


def test_migrate_works_when_the_cache_is_down(content, broken_cache):
    call_command("migrate", verbosity=0)


def test_a_cache_fault_is_logged_once_a_minute_not_once_a_request(client, content, broken_cache, caplog, monkeypatch):
    monkeypatch.setattr(legwell.cache, "shared", legwell.cache.SharedCache())
    with caplog.at_level(logging.ERROR, logger="legwell.cache"):
        for _ in range(3):
            client.get("/nutrients/")
    assert len(caplog.records) == 1
    assert "Connection refused" in caplog.records[0].getMessage()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis(settings, tmp_path):
    """A Redis of this test's own, which it can stop, as the site's cache."""
    port = free_port()
    command = ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            redis.Redis(port=port).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield server
    server.kill()
    server.wait()


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or not shutil.which("redis-server"),
    reason="set REDIS_URL (and install redis-server) to test against a real Redis",
)
def test_pages_and_sign_in_keep_working_when_redis_stops_mid_run(client, editor, content, own_redis):
    assert client.get("/nutrients/iron/").status_code == 200  # now cached
    own_redis.kill()
    own_redis.wait()
    for url in ["/nutrients/iron/", "/nutrients/", "/search/?q=iron"]:
        assert client.get(url).status_code == 200
    assert client.get("/nutrients/nope/").status_code == 404
    assert client.get("/admin/login/").status_code == 200
    form = {"username": "editor", "password": "a-long-test-password", "code": code_now(enrol_second_factor(editor))}
    assert client.post("/admin/login/", form).status_code == 302
