"""Shared test fixtures.

Code tests read the test content, tests/fixtures/content.json: a small frozen
set of the rows they name (tests/fixtures/README.md says what it holds and how
to change it), so an editor's change to fixtures/content.json never breaks a
code test. It is loaded once per test database; each test runs in a
transaction that is rolled back. The content-integrity tests (test_content,
with its crawl of every page, test_export, test_load_content) check the
editors' own fixtures/content.json instead, through the editors_content fixture.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases

from nutrients.content import CONTENT_FIXTURE

TEST_CONTENT = Path(__file__).parent / "fixtures" / "content.json"


@pytest.fixture(scope="session", autouse=True)
def test_settings():
    """Settings that make the suite fast without changing what it checks: a
    quick password hasher (Django's own runs 1.5 million rounds a password),
    and no STATIC_ROOT, as tests never collect static files, so WhiteNoise has
    nothing to index (the test servers serve them from the finders)."""
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STATIC_ROOT=None,
    ):
        yield


def content_by_id(tmp_path_factory) -> Path:
    return tmp_path_factory.getbasetemp() / "test-content-by-id.json"


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_modify_db_settings, django_db_blocker, tmp_path_factory):
    """The test database, with the content loaded once.

    pytest-django's own fixture makes a database only when a collected test
    asks for `db`; the read-only browser tests use one without asking (their
    server is shared across the session), so this makes it always.
    """
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        call_command("loaddata", TEST_CONTENT, verbosity=0)
        call_command("dumpdata", "nutrients", output=str(content_by_id(tmp_path_factory)), verbosity=0)
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            # A live server's request threads can leave a connection open, and
            # PostgreSQL refuses to drop a database anyone is still using.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        teardown_databases(databases, verbosity=0)


@pytest.fixture
def content(db):
    """The test content, tests/fixtures/content.json (a readable name for `db`)."""


@pytest.fixture(scope="session")
def test_content_by_id(django_db_setup, tmp_path_factory) -> Path:
    """The test content as first loaded, written out again with database ids, for
    a test that loads it again after a test emptied the database: no row is then
    looked up by its natural key, which makes loading about four times faster."""
    return content_by_id(tmp_path_factory)


def replace_content(fixture: Path) -> None:
    """Empty every content table and load this fixture instead."""
    tables = [model._meta.db_table for model in apps.get_app_config("nutrients").get_models(include_auto_created=True)]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))
    call_command("loaddata", fixture, verbosity=0)


@pytest.fixture(scope="module")
def editors_content_in_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        replace_content(CONTENT_FIXTURE)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def editors_content(editors_content_in_module, db):
    """The editors' content, fixtures/content.json, in place of the test content
    for a module's tests (loaded once a module, rolled back after it)."""


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
    from .second_factor import force_verified_login

    force_verified_login(client, editor)
    return client


def make_reviewer(username="reviewer", password="a-long-test-password"):
    """A clinical reviewer: staff, in the Clinical reviewers group, with a public profile."""
    from django.contrib.auth import get_user_model

    from governance.groups import sync_reviewers_group
    from governance.models import ClinicalReviewer

    user = get_user_model().objects.create_user(username, password=password, is_staff=True)
    user.groups.add(sync_reviewers_group())
    ClinicalReviewer.objects.create(
        user=user, name="Dr Amina Shah", qualification="Registered dietitian", registration="HCPC DT012345"
    )
    return user


@pytest.fixture
def reviewer(db):
    return make_reviewer()


def approve_waiting(reviewer, summary="A change approved in a test."):
    """Approve every change waiting for clinical review, as the reviewer."""
    from governance import review
    from governance.models import PendingRevision

    waiting = list(PendingRevision.objects.filter(state=PendingRevision.State.PENDING))
    for pending in waiting:
        review.approve(pending, user=reviewer, summary=pending.summary or summary)
    return waiting
