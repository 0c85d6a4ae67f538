"""Whole-page caching: reader pages come from the cache, browsers revalidate
them, any content change shows on the very next request, and nothing
personal, broken or junk is ever stored."""

import gzip
import json
import logging
import os
import tempfile
import threading
import uuid

import pytest
import redis
from django import forms
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.test.utils import CaptureQueriesContext

from legwell.cache import MAX_QUERY_LENGTH, PageCacheMiddleware, Stored, cached_page, content_version, page_key
from nutrients.models import Food, Nutrient, Source, Status, Symptom, SymptomLink
from tests import factories, rendered_again

CONTENT_MODELS = list(apps.get_app_config("nutrients").get_models())


def served(view, form=None):
    """A view as the site serves it: marked with @cached_page, rendered, behind the page cache."""
    marked = cached_page(view, form=form)

    def rendered(request):
        response = marked(request)
        return response.render() if hasattr(response, "render") else response

    return PageCacheMiddleware(rendered)


def served_from_cache(client, url, **headers) -> bool:
    """Whether a second request for url runs no SQL and renders no template."""
    first = client.get(url, headers=headers)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url, headers=headers)
    assert second.status_code == first.status_code
    return len(queries) == 0 and not second.templates


def test_a_reader_page_is_served_whole_from_the_cache_the_second_time(client, content, django_assert_num_queries):
    first = client.get("/nutrients/magnesium/")
    with django_assert_num_queries(0):
        second = client.get("/nutrients/magnesium/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_browsers_revalidate_reader_pages_and_get_304_when_unchanged(client, content):
    page = client.get("/symptoms/restless-legs/")
    assert page["Cache-Control"] == "no-cache"
    assert page["ETag"].startswith('"')
    unchanged = client.get("/symptoms/restless-legs/", headers={"If-None-Match": page["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    stale = client.get("/symptoms/restless-legs/", headers={"If-None-Match": '"an-old-version"'})
    assert stale.status_code == 200


def test_browsers_get_the_page_gzipped_once_and_revalidate_it_too(client, content):
    plain = client.get("/nutrients/")
    zipped = client.get("/nutrients/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    again = client.get("/nutrients/", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped["ETag"]})
    assert again.status_code == 304


def test_an_edit_changes_the_etag_so_browsers_fetch_the_new_page(client, content):
    before = client.get("/nutrients/iron/")
    iron = Nutrient.objects.get(slug="iron")
    iron.summary = "Iron carries oxygen to working leg muscles."
    iron.save()
    after = rendered_again.get(client, "/nutrients/iron/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert "Iron carries oxygen to working leg muscles." in after.text
    assert after["ETag"] != before["ETag"]


def edit_summary():
    magnesium = Nutrient.objects.get(slug="magnesium")
    magnesium.summary = "Edited in admin a moment ago."
    magnesium.save()
    return "/nutrients/magnesium/", "Edited in admin a moment ago.", True


def delete_a_food():
    Food.objects.get(slug="spinach").delete()
    return "/foods/", "/foods/spinach/", False


def link_a_source():
    source = Source.objects.create(
        slug="new-review", title="A new review", publisher="A university", url="https://example.org/new-review"
    )
    Nutrient.objects.get(slug="magnesium").sources.add(source)
    return "/nutrients/magnesium/", 'href="https://example.org/new-review"', True


def unlink_a_symptom():
    link = SymptomLink.objects.filter(symptom__slug="restless-legs").first()
    link.delete()
    return "/symptoms/restless-legs/", link.nutrient.get_absolute_url(), False


def load_a_fixture():
    magnesium = Nutrient.objects.get(slug="magnesium")
    data = json.loads(serializers.serialize("json", [magnesium], use_natural_primary_keys=True))
    data[0]["fields"]["summary"] = "Loaded from a fixture."
    with tempfile.NamedTemporaryFile("w", suffix=".json") as fixture:
        json.dump(data, fixture)
        fixture.flush()
        call_command("loaddata", fixture.name, verbosity=0)
    return "/nutrients/magnesium/", "Loaded from a fixture.", True


def restore_an_earlier_version():
    import reversion
    from reversion.models import Version

    magnesium = Nutrient.objects.get(slug="magnesium")
    original = magnesium.summary
    with reversion.create_revision():
        magnesium.save()
    Nutrient.objects.filter(pk=magnesium.pk).update(summary="A mistake, made without telling anyone.")
    Version.objects.get_for_object(magnesium).first().revision.revert()
    return "/nutrients/magnesium/", original, True


CHANGES = [edit_summary, delete_a_food, link_a_source, unlink_a_symptom, load_a_fixture, restore_an_earlier_version]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_any_content_change_shows_once_the_page_is_rendered_again(client, content, change):
    # Cache every page first, then change the content behind them.
    for url in ("/nutrients/magnesium/", "/foods/", "/symptoms/restless-legs/"):
        client.get(url)
    url, text, shown = change()
    assert (text in rendered_again.get(client, url).text) is shown


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=[model.__name__ for model in CONTENT_MODELS])
def test_saving_any_content_model_bumps_the_content_version(content, model):
    factories.caveat()  # the small test content has none
    before = content_version()
    model.objects.first().save()
    assert content_version() != before
    assert post_delete.has_listeners(model)


def test_every_link_between_content_listens_for_changes():
    for model in CONTENT_MODELS:
        for field in model._meta.many_to_many:
            assert m2m_changed.has_listeners(field.remote_field.through), field


def test_a_change_is_bumped_again_when_it_commits(content, django_capture_on_commit_callbacks):
    # A page another process renders from the old data between the save and
    # the commit must not outlive the commit.
    with django_capture_on_commit_callbacks(execute=True):
        Nutrient.objects.get(slug="iron").save()
        during = content_version()
    assert content_version() != during


def test_a_deploy_migration_bumps_the_content_version(content):
    before = content_version()
    call_command("migrate", verbosity=0)
    assert content_version() != before


def test_a_change_leaves_everything_else_in_a_shared_cache_alone(content):
    cache.set("another-apps-key", "kept")
    Source.objects.first().save()
    assert cache.get("another-apps-key") == "kept"


def test_a_404_page_is_never_cached(client, content):
    # Queryset updates send no signal, so only an uncached 404 can turn into the page.
    Nutrient.objects.filter(slug="vitamin-k").update(status="draft")
    assert client.get("/nutrients/vitamin-k/").status_code == 404
    Nutrient.objects.filter(slug="vitamin-k").update(status="published")
    assert client.get("/nutrients/vitamin-k/").status_code == 200


def test_admin_pages_are_never_cached(staff_client, content):
    page = staff_client.get("/admin/nutrients/nutrient/")
    assert "no-store" in page["Cache-Control"]
    assert not served_from_cache(staff_client, "/admin/nutrients/nutrient/")


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/nutrients/?utm_source=spam", "/nutrients/"),
        ("/nutrients/?page=2&x=%FF%FE", "/nutrients/"),
        ("/nutrients/?" + "a=1&" * 200, "/nutrients/"),
        ("/compare/?kind=vitamin&utm_source=spam", "/compare/?kind=vitamin"),
        ("/search/?q=magnesium&page=2", "/search/?q=magnesium"),
        ("/compare/?symptom=numbness&symptom=restless-legs", "/compare/?symptom=restless-legs"),
        ("/search/?q=iron&q=magnesium", "/search/?q=magnesium"),
    ],
)
def test_a_parameter_the_page_does_not_read_or_a_repeated_single_value_redirects_to_the_canonical_address(
    client, content, url, canonical
):
    # Cheap, and the page itself is stored once, not once for every junk value.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == canonical
    assert len(queries) == 0


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("/compare/?kind=vitamin&symptom=restless-legs", True),
        ("/compare/?kind=plutonium", False),
        ("/search/", True),
        ("/search/?q=magnesium", False),  # a reader's search is never kept (search is fast enough without)
    ],
)
def test_comparisons_are_stored_only_when_valid_and_searches_never(client, content, url, stored):
    assert served_from_cache(client, url) is stored


def test_a_search_that_finds_nothing_is_not_kept_by_the_browser_either(client, content):
    assert "no-store" in client.get("/search/?q=unobtainium")["Cache-Control"]


def test_pages_with_a_query_string_are_kept_in_memory_never_in_the_shared_cache(client, content, rf):
    assert served_from_cache(client, "/compare/?kind=vitamin")
    assert cache.get(page_key(rf.get("/compare/?kind=vitamin"))) is None
    assert cache.get(page_key(rf.get("/nutrients/"))) is None
    client.get("/nutrients/")
    assert cache.get(page_key(rf.get("/nutrients/"))) is not None


def test_head_is_answered_from_the_cache_with_the_pages_headers_and_no_body(client, content):
    page = client.get("/compare/")
    with CaptureQueriesContext(connection) as queries:
        head = client.head("/compare/")
    assert len(queries) == 0
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == page["ETag"]
    assert int(head["Content-Length"]) == len(page.content)


def test_after_an_edit_readers_get_the_previous_pages_while_another_process_renders_one_new_page(client, content):
    before = {url: client.get(url).text for url in ("/nutrients/magnesium/", "/foods/")}
    edit_summary()
    # Another worker has just started rendering one of the new pages: any of them.
    lock = "refreshing"
    cache.set(lock, True)
    for url, text in before.items():
        with CaptureQueriesContext(connection) as queries:
            meanwhile = client.get(url)
        assert meanwhile.text == text
        assert len(queries) == 0
    cache.delete(lock)  # it finished, or failed
    assert "Edited in admin a moment ago." in rendered_again.get(client, "/nutrients/magnesium/").text


def test_the_reader_who_finds_a_page_out_of_date_gets_it_at_once_and_the_next_gets_the_new_one(client, content):
    before = client.get("/nutrients/magnesium/")
    edit_summary()
    first = client.get("/nutrients/magnesium/")
    assert first.content == before.content
    assert first["ETag"] == before["ETag"]
    # The test client closes each response once it has it, as a WSGI server does
    # once it has sent it: the page was rendered again then.
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/nutrients/magnesium/")
    assert len(queries) == 0
    assert "Edited in admin a moment ago." in second.text
    assert cache.get("refreshing") is None


def delete_spinach():
    Food.objects.get(slug="spinach").delete()
    return "/foods/spinach/"


def unpublish_restless_legs():
    symptom = Symptom.objects.get(slug="restless-legs")
    symptom.status = Status.DRAFT
    symptom.save()
    return "/symptoms/restless-legs/"


@pytest.mark.parametrize("withdraw", [delete_spinach, unpublish_restless_legs], ids=["deleted", "unpublished"])
def test_a_page_withdrawn_after_it_was_cached_is_gone_for_every_reader_after_the_first(client, content, withdraw):
    for url in ("/foods/spinach/", "/symptoms/restless-legs/"):
        assert client.get(url).status_code == 200
    url = withdraw()
    # The first reader gets the previous page while the site renders it again.
    assert [client.get(url).status_code for _ in range(3)] == [200, 404, 404]


def test_a_page_that_fails_to_render_again_is_logged_and_readers_keep_the_previous_one(
    client, content, monkeypatch, caplog
):
    before = client.get("/nutrients/magnesium/").text
    edit_summary()

    def broken(slug):
        raise RuntimeError("a bug in the new version")

    monkeypatch.setattr("nutrients.selectors.nutrient_detail", broken)
    client.raise_request_exception = False  # as in production: logged, not raised
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert client.get("/nutrients/magnesium/").text == before
    assert "a bug in the new version" in caplog.text
    assert cache.get("refreshing") is None
    assert client.get("/nutrients/magnesium/").text == before


def test_after_an_edit_an_editor_gets_the_new_page_while_another_process_renders_another(client, content):
    client.get("/nutrients/magnesium/")
    edit_summary()
    cache.set("refreshing", True)
    client.cookies[settings.SESSION_COOKIE_NAME] = "an editor's session"
    assert "Edited in admin a moment ago." in client.get("/nutrients/magnesium/").text


class QueryForm(forms.Form):
    q = forms.CharField()


def test_a_query_string_too_long_for_any_page_skips_the_cache_entirely(rf):
    calls = []
    view = served(lambda request: calls.append(1) or HttpResponse("page"), form=QueryForm)
    url = "/page/?q=" + "x" * MAX_QUERY_LENGTH
    view(rf.get(url))
    view(rf.get(url))
    assert len(calls) == 2


class PaintForm(forms.Form):
    colour = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")])
    finish = forms.ChoiceField(choices=[("matt", "Matt"), ("gloss", "Gloss")], required=False)


def paint_view(calls):
    """A page that validates its query string with a form, as compare and search do."""

    def view(request):
        calls.append(request.get_full_path())
        form = PaintForm(request.GET)
        status = 200 if form.is_valid() else 400
        return TemplateResponse(request, "error.html", {"title": "t", "message": "m", "form": form}, status=status)

    return served(view, form=PaintForm)


@pytest.mark.parametrize(
    ("first", "second", "stored"),
    [
        ("?colour=red", "?colour=red", True),
        ("?colour=red&finish=matt", "?finish=matt&colour=red", True),  # the same page, however ordered
        ("?colour=green", "?colour=green", False),  # a 400 page
    ],
)
def test_only_query_strings_the_pages_form_validates_are_stored(rf, first, second, stored):
    calls = []
    view = paint_view(calls)
    view(rf.get("/paint/" + first))
    view(rf.get("/paint/" + second))
    assert len(calls) == (1 if stored else 2)


def test_htmx_fragments_and_full_pages_are_cached_apart(rf):
    view = served(lambda request: HttpResponse("fragment" if request.headers.get("HX-Request") else "page"))
    assert view(rf.get("/p/")).content == b"page"
    assert view(rf.get("/p/", headers={"HX-Request": "true"})).content == b"fragment"
    assert (
        view(rf.get("/p/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})).content == b"fragment"
    )
    assert view(rf.get("/p/")).content == b"page"


def test_each_host_name_gets_its_own_pages(rf, settings):
    # Pages carry their canonical address, which names the host.
    settings.ALLOWED_HOSTS = ["legwell.example", "www.legwell.example"]
    view = served(lambda request: HttpResponse(request.get_host()))
    assert view(rf.get("/p/", HTTP_HOST="legwell.example")).content == b"legwell.example"
    assert view(rf.get("/p/", HTTP_HOST="www.legwell.example")).content == b"www.legwell.example"


def test_responses_that_set_a_cookie_are_never_stored(rf):
    calls = []

    def personal(request):
        calls.append(1)
        response = HttpResponse("hello")
        response.set_cookie("seen", "yes")
        return response

    view = served(personal)
    view(rf.get("/p/"))
    view(rf.get("/p/"))
    assert len(calls) == 2


def test_a_page_that_reads_the_session_is_never_stored(rf):
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    calls = []

    def reads_session(request):
        calls.append(request.session.get("name"))
        return HttpResponse("hello")

    view = served(reads_session)
    for _ in range(2):
        request = rf.get("/p/")
        request.session = SessionStore()
        view(request)
    assert len(calls) == 2


def test_pages_not_marked_for_the_cache_are_never_stored(rf):
    calls = []
    view = PageCacheMiddleware(lambda request: calls.append(1) or HttpResponse("a questionnaire page"))
    view(rf.get("/questionnaire/"))
    view(rf.get("/questionnaire/"))
    assert len(calls) == 2


def another_process_renders(rf, path: str) -> tuple[str, str, str]:
    """Mark path's page as being rendered by another worker: its key, lock and version."""
    key, version = page_key(rf.get(path)), content_version()
    lock = f"{key}:{version}:rendering"
    cache.set(lock, True)
    return key, lock, version


def test_a_page_nobody_has_stored_yet_that_another_process_is_rendering_is_waited_for(rf):
    calls = []
    view = served(lambda request: calls.append(1) or HttpResponse("page"))
    key, _lock, version = another_process_renders(rf, "/slow/")
    theirs = Stored(version, gzip.compress(b"theirs"), {"ETag": '"x"'})
    threading.Timer(0.2, lambda: cache.set(key, theirs)).start()
    assert view(rf.get("/slow/")).content == b"theirs"
    assert calls == []


def test_when_the_other_process_stores_nothing_the_page_is_rendered_here(rf):
    calls = []
    view = served(lambda request: calls.append(1) or HttpResponse("page"))
    _key, lock, _version = another_process_renders(rf, "/slow/")
    threading.Timer(0.2, lambda: cache.delete(lock)).start()  # it got a 404, say
    assert view(rf.get("/slow/")).content == b"page"
    assert calls == [1]
    assert cache.get(lock) is None


def test_posts_always_reach_the_view(rf):
    calls = []
    view = served(lambda request: calls.append(1) or HttpResponse("answered"))
    view(rf.post("/questionnaire/", {"symptom": "cramps"}))
    view(rf.post("/questionnaire/", {"symptom": "cramps"}))
    assert len(calls) == 2


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="set REDIS_URL to test against a real Redis")
def test_redis_shares_the_content_version_and_pages(client, content, settings, django_assert_num_queries):
    prefix = f"legwell-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
        }
    }
    try:
        client.get("/nutrients/magnesium/")
        with django_assert_num_queries(0):
            client.get("/nutrients/magnesium/")
        edit_summary()
        assert "Edited in admin a moment ago." in rendered_again.get(client, "/nutrients/magnesium/").text
    finally:
        server = redis.Redis.from_url(os.environ["REDIS_URL"])
        server.delete(*server.scan_iter(f"{prefix}:*"))
