"""load_content fills an empty database and never overwrites an editor's work."""

import io
import os
import secrets
import subprocess
import sys
from urllib.parse import urlsplit

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from nutrients.content import row_counts
from nutrients.models import Nutrient, Source

from .test_settings import clean_environment


def run_load_content():
    output = io.StringIO()
    call_command("load_content", stdout=output)
    return output.getvalue()


def test_load_content_skips_a_database_with_content_and_keeps_edits(editors_content):
    nutrient = Nutrient.objects.get(slug="magnesium")
    nutrient.summary = "Edited by an editor."
    nutrient.save()
    counts = row_counts()

    message = run_load_content()

    assert "skipped" in message
    assert Nutrient.objects.get(slug="magnesium").summary == "Edited by an editor."
    assert row_counts() == counts


def test_load_content_fills_an_empty_database(editors_content):
    counts = row_counts()
    # Links first: sources are protected while anything cites them.
    for model in reversed(list(apps.get_app_config("nutrients").get_models())):
        model.objects.all().delete()
    assert not Source.objects.exists()

    message = run_load_content()

    assert "Loaded" in message
    assert row_counts() == counts


def manage(database: str, *args: str) -> subprocess.Popen:
    """manage.py in a process of its own, on database."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean_environment(DATABASE_URL=database),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def empty_database(tmp_path):
    """A migrated database of its own with no content: a SQLite file, or a new
    PostgreSQL database when DATABASE_URL names a PostgreSQL server."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        database = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        assert manage(database, "migrate", "--no-input").wait() == 0
        yield database
        return
    name = f"legwell_load_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    try:
        database = urlsplit(server)._replace(path=f"/{name}").geturl()
        assert manage(database, "migrate", "--no-input").wait() == 0
        yield database
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


def test_two_load_content_runs_at_once_load_the_content_once_and_both_succeed(empty_database):
    runs = [manage(empty_database, "load_content") for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    said = [stdout for stdout, _ in outputs]
    assert sum("Loaded the content" in words for words in said) == 1
    assert sum("skipped" in words for words in said) == 1
