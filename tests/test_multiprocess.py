"""The site as `make serve` runs it, twice: two separate gunicorn servers on
one SQLite file and one file cache, as several processes or hosts share a
database and Redis. An editor's change on one shows at once on the other."""

import re
import secrets

import pytest

from bench.harness import Editor, Site, fetch

EDITOR, PASSWORD = "editor", secrets.token_urlsafe(16)
# Behind a load balancer every server sees the public host name; pages name
# it in their canonical address.
PUBLIC_HOST = {"Host": "localhost"}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("two-servers")
    shared = {"database": workdir / "site.sqlite3", "cache": workdir / "cache", "secret_key": secrets.token_urlsafe(50)}
    first = Site(workdir / "first", workers=1, **shared)
    second = Site(workdir / "second", workers=1, **shared)
    try:
        first.start()  # migrates and loads the content
        first.manage(
            "createsuperuser",
            "--no-input",
            "--username",
            EDITOR,
            "--email",
            "editor@legwell.example",
            DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        )
        second.start()
        yield first, second
    finally:
        first.stop()
        second.stop()


def page(site: Site, path: str) -> tuple[str, str]:
    status, headers, body = fetch(site.url + path, headers=PUBLIC_HOST)
    assert status == 200
    return body.decode(), headers["ETag"]


def test_an_admin_edit_on_one_server_shows_on_the_other_once_it_is_rendered_again(servers):
    first, second = servers
    for site in servers:  # both have the page cached before the edit
        page(site, "/symptoms/night-cramps/")
        before, etag = page(site, "/symptoms/night-cramps/")
    assert "Edited on the first server." not in before

    editor = Editor(first.url)
    editor.log_in(EDITOR, PASSWORD)
    changelist = editor.fetch("/admin/nutrients/symptom/?q=night+cramps")[2].decode()
    change = re.search(r'href="(/admin/nutrients/symptom/\d+/change/)', changelist).group(1)
    editor.change(change, "symptom_form", description="Edited on the first server.")

    # The first reader gets the previous page at once, and the server renders the
    # new one after sending it; its one worker answers the next reader after that.
    assert page(second, "/symptoms/night-cramps/") == (before, etag)
    after, new_etag = page(second, "/symptoms/night-cramps/")
    assert "Edited on the first server." in after
    assert new_etag != etag
    page(first, "/symptoms/night-cramps/")
    assert "Edited on the first server." in page(first, "/symptoms/night-cramps/")[0]


def test_reader_pages_are_revalidated_with_304_across_servers(servers):
    first, second = servers
    _, etag = page(first, "/symptoms/restless-legs/")
    status, headers, body = fetch(
        second.url + "/symptoms/restless-legs/", headers={**PUBLIC_HOST, "If-None-Match": etag}
    )
    assert status == 304
    assert body == b""


def test_debug_is_off_and_errors_get_the_sites_own_page(servers):
    status, _, body = fetch(servers[0].url + "/nutrients/unobtainium/")
    assert status == 404
    assert b"Page not found" in body
    assert b"Traceback" not in body and b"URLconf" not in body


def test_static_files_are_hashed_compressed_and_cached_for_a_year(servers):
    home, _ = page(servers[0], "/")
    stylesheet = re.search(r'href="(/static/legwell\.[0-9a-f]{12}\.css)"', home).group(1)
    status, headers, _ = fetch(servers[0].url + stylesheet, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"


def test_the_server_log_holds_no_questionnaire_answer_or_query_string(servers):
    first, _ = servers
    marker = secrets.token_hex(8)
    fetch(first.url + "/questionnaire/", data={"symptoms": "restless-legs", "note": f"answer-{marker}"})
    fetch(first.url + f"/search/?q=query-{marker}")
    fetch(first.url + "/healthz")  # the access log is written after each response
    log = first.log.read_text()
    assert '"POST /questionnaire/"' in log
    assert '"GET /search/"' in log
    assert marker not in log


def test_the_server_log_names_no_client_address_for_a_malformed_request(servers):
    first, _ = servers
    status, _, _ = fetch(first.url + "/search/?q=" + "x" * 9000)
    fetch(first.url + "/healthz")
    assert status == 414
    log = first.log.read_text()
    assert "Invalid request from ip=(hidden)" in log
    assert "from ip=127.0.0.1" not in log  # the server's own address, where it listens, may appear
