"""Editors: the group and its permissions, create_editor, drafts and previews,
and admin sign-in throttling."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse

from legwell import proxy
from nutrients.editors import GOVERNANCE
from nutrients.models import Food, FoodSource, Nutrient, Status, Symptom, SymptomLink

PASSWORD = "a-long-test-password"
CONTENT_MODELS = list(apps.get_app_config("nutrients").get_models())


# The group and what an editor may do.


def test_the_editors_group_may_add_change_view_and_delete_every_content_model_and_nothing_else(db):
    granted = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", "codename"))
    expected = {
        ("nutrients", f"{action}_{model._meta.model_name}")
        for model in CONTENT_MODELS
        for action in ("add", "change", "view", "delete")
    }
    # Governance: see changes waiting for review (never approve them) and handle readers' reports.
    expected |= {("governance", codename) for codename in GOVERNANCE}
    assert granted == expected
    assert ("governance", "approve_pendingrevision") not in granted
    assert ("nutrients", "change_foodsource") in granted  # link rows too


def test_the_group_is_made_with_permission_rows_of_its_own_migration(db):
    # The test database was built by migrate, so the rows exist without post_migrate's help.
    assert Permission.objects.filter(content_type__app_label="nutrients").count() == 4 * len(CONTENT_MODELS)


def test_an_editor_can_edit_a_nutrient(editor_client):
    from tests.admin_pages import change_form_data

    magnesium = Nutrient.objects.get(slug="magnesium")
    url = reverse("admin:nutrients_nutrient_change", args=[magnesium.pk])
    data = change_form_data(editor_client.get(url))
    data["summary"] = "Helps muscles relax after they contract."
    assert editor_client.post(url, data).status_code == 302
    assert Nutrient.objects.get(slug="magnesium").summary == "Helps muscles relax after they contract."


@pytest.mark.parametrize(
    "url",
    ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/", "/admin/axes/accessattempt/"],
)
def test_an_editor_cannot_open_accounts_groups_or_sign_in_records(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_an_editors_admin_home_lists_content_but_not_accounts(editor_client):
    page = editor_client.get("/admin/")
    assert "Nutrients" in page.text and "Food sources" in page.text
    assert "Users" not in page.text and "Groups" not in page.text and "Access attempts" not in page.text


# create_editor


def create_editor_command(*args) -> str:
    out = io.StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def test_create_editor_makes_a_staff_account_in_the_editors_group_that_is_not_a_superuser(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    output = create_editor_command("alex", "--email", "alex@example.com", "--password-from-env", "EDITOR_PASSWORD")
    user = apps.get_model("auth", "User").objects.get(username="alex")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password(PASSWORD)
    assert user.has_perm("nutrients.change_nutrient") and not user.has_perm("auth.view_user")
    assert "Created the editor alex" in output and PASSWORD not in output


def test_create_editor_reads_the_password_from_standard_input(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    create_editor_command("sam", "--password-stdin")
    assert apps.get_model("auth", "User").objects.get(username="sam").check_password(PASSWORD)


def test_create_editor_refuses_a_weak_password_and_says_why(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "12345")
    with pytest.raises(CommandError, match="The password was refused: .*too short"):
        create_editor_command("weak", "--password-from-env", "EDITOR_PASSWORD")
    assert not apps.get_model("auth", "User").objects.filter(username="weak").exists()


def test_create_editor_refuses_a_name_that_is_taken(editor, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="already an account called 'editor'"):
        create_editor_command("editor", "--password-from-env", "EDITOR_PASSWORD")


def test_create_editor_without_a_terminal_or_a_password_option_says_how_to_give_one(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--password-from-env or --password-stdin"):
        create_editor_command("nobody")


# Drafts are invisible to readers; editors preview them.

DRAFTS = {
    "nutrient": (Nutrient, "magnesium", "Magnesium"),
    "symptom": (Symptom, "leg-cramps", "Leg cramps"),
    "food": (Food, "spinach", "Spinach"),
}


@pytest.fixture
def drafts(content):
    for model, slug, _name in DRAFTS.values():
        model.objects.filter(slug=slug).update(status=Status.DRAFT)


@pytest.mark.parametrize("url", ["/nutrients/magnesium/", "/symptoms/leg-cramps/", "/foods/spinach/"])
def test_a_draft_is_not_found_by_readers(client, drafts, url):
    page = client.get(url)
    assert page.status_code == 404
    assert "Page not found" in page.text


@pytest.mark.parametrize(
    "url, name",
    [("/nutrients/", "Magnesium"), ("/symptoms/", "Leg cramps"), ("/foods/", "Spinach"), ("/compare/", "Magnesium")],
)
def test_a_draft_is_not_listed(client, drafts, url, name):
    page = client.get(url)
    assert page.status_code == 200
    assert f">{name}<" not in page.text


def test_a_draft_is_not_linked_from_published_pages_or_the_sitemap(client, drafts):
    assert SymptomLink.objects.filter(nutrient__slug="magnesium", symptom__slug="night-cramps").exists()
    assert "/nutrients/magnesium/" not in client.get("/symptoms/night-cramps/").text
    assert FoodSource.objects.filter(nutrient__slug="iron", food__slug="spinach").exists()
    assert "/foods/spinach/" not in client.get("/nutrients/iron/").text
    sitemap = client.get("/sitemap.xml").text
    for path in ("/nutrients/magnesium/", "/symptoms/leg-cramps/", "/foods/spinach/"):
        assert path not in sitemap


@pytest.mark.parametrize("kind", DRAFTS)
def test_an_editor_previews_a_draft_under_a_not_published_banner(editor_client, drafts, kind):
    _model, slug, name = DRAFTS[kind]
    page = editor_client.get(reverse(f"nutrients:preview_{kind}", args=[slug]))
    assert page.status_code == 200
    assert "Preview: not published." in page.text
    assert f"<h1>{name}</h1>" in page.text
    assert page.templates[1].name == f"nutrients/{kind}_detail.html"  # the reader's own template


def test_a_preview_is_never_cached_and_never_indexed(editor_client, drafts):
    page = editor_client.get("/preview/foods/spinach/")
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in page.text


def test_a_preview_of_a_published_page_says_it_is_published(editor_client):
    page = editor_client.get("/preview/foods/spinach/")
    assert "Preview: published." in page.text and 'href="/foods/spinach/"' in page.text


def test_readers_are_sent_to_sign_in_before_a_preview(client, drafts):
    page = client.get("/preview/nutrients/magnesium/")
    assert page.status_code == 302
    assert page["Location"].startswith("/admin/login/")


def test_staff_without_permission_to_view_content_cannot_preview(client, drafts, django_user_model):
    client.force_login(django_user_model.objects.create_user("helper", password=PASSWORD, is_staff=True))
    assert client.get("/preview/nutrients/magnesium/").status_code == 403


def test_a_preview_of_an_unknown_page_is_not_found(editor_client):
    assert editor_client.get("/preview/nutrients/unobtainium/").status_code == 404


# Sign-in throttling.


def sign_in(client, username: str, password: str, **headers):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, **headers)


def test_an_editor_signs_in_with_the_right_password(client, editor):
    assert sign_in(client, "editor", PASSWORD)["Location"] == "/admin/"


def test_after_five_failed_attempts_sign_in_is_paused_with_a_clear_message(client, editor):
    for _ in range(4):
        assert sign_in(client, "editor", "wrong password").status_code == 200
    page = sign_in(client, "editor", "wrong password")
    assert page.status_code == 429
    assert "Sign-in paused" in page.text
    assert "There were 5 failed attempts to sign in as “editor” from your address" in page.text
    assert "Wait 15 minutes" in page.text
    assert sign_in(client, "editor", PASSWORD).status_code == 429  # even with the right password


def test_the_pause_is_for_that_user_name_from_that_address_only(client, editor, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD, is_staff=True)
    for _ in range(5):
        sign_in(client, "editor", "wrong password")
    assert sign_in(client, "other", PASSWORD).status_code == 302
    assert sign_in(client, "editor", PASSWORD, REMOTE_ADDR="192.0.2.9").status_code == 302


def test_behind_the_tls_proxy_each_client_address_is_throttled_apart(client, editor, settings):
    settings.BEHIND_TLS_PROXY = True
    for _ in range(5):
        sign_in(client, "editor", "wrong password", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


@pytest.mark.parametrize(
    "behind_proxy, forwarded, expected",
    [
        (False, "203.0.113.5", "127.0.0.1"),  # a client's own header is ignored without a proxy
        (True, "203.0.113.5", "203.0.113.5"),
        (True, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # what a client wrote before the proxy's entry is ignored
        (True, "", "127.0.0.1"),
    ],
)
def test_the_sign_in_address_uses_x_forwarded_for_only_behind_the_proxy(settings, behind_proxy, forwarded, expected):
    settings.BEHIND_TLS_PROXY = behind_proxy
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert proxy.client_address(request) == expected


def test_admin_sessions_expire_and_passwords_are_validated(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert len(settings.AUTH_PASSWORD_VALIDATORS) >= 3


@pytest.mark.parametrize(
    "url", ["/preview/nutrients/magnesium/", "/preview/symptoms/leg-cramps/", "/preview/foods/spinach/"]
)
def test_a_preview_runs_a_fixed_handful_of_queries(editor_client, drafts, django_assert_max_num_queries, url):
    # The reader page's own queries, plus the session, the user and their permissions.
    # a nutrient: the citations of each kind of claim, its warning signs; the page and its changes waiting for review
    with django_assert_max_num_queries(22):
        assert editor_client.get(url).status_code == 200
