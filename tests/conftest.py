"""Shared test fixtures. The site's content is loaded once per test database,
so tests read the real fixtures; each test runs in a transaction that is
rolled back."""

import pytest
from django.core.management import call_command

from nutrients.content import CONTENT_FIXTURE


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("loaddata", CONTENT_FIXTURE, verbosity=0)


@pytest.fixture
def content(db):
    """The site's content, loaded from fixtures/ (a readable name for `db`)."""


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def isolated_cache(settings, request):
    """Each test gets its own empty cache, so cached pages never leak between tests."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }


@pytest.fixture
def editor(db):
    """An editor as create_editor makes one: staff, not a superuser, in the Editors group."""
    from nutrients.editors import create_editor

    return create_editor(username="editor", password="a-long-test-password")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
