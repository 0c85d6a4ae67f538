"""Editors: the group and its permissions, create_editor, drafts and previews,
and admin sign-in throttling."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse

from legwell import proxy
from nutrients.editors import GOVERNANCE, SecondFactor, enrol_second_factor
from nutrients.models import Food, FoodSource, Nutrient, Status, Symptom, SymptomLink

from .second_factor import code_now

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


def sign_in(client, username: str, password: str, code: str = "", **headers):
    form = {"username": username, "password": password, "code": code}
    return client.post("/admin/login/?next=/admin/", form, **headers)


@pytest.fixture
def app(editor) -> SecondFactor:
    """The editor's authenticator app, enrolled as create_editor does."""
    return enrol_second_factor(editor)


def test_an_editor_signs_in_with_the_right_password_and_the_code_their_app_shows(client, app):
    assert sign_in(client, "editor", PASSWORD, code_now(app))["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "unsafe", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_an_unsafe_next_address_after_sign_in_leads_to_the_admin_not_off_the_site(client, app, unsafe):
    form = {"username": "editor", "password": PASSWORD, "code": code_now(app)}
    assert client.post("/admin/login/", {**form, "next": unsafe})["Location"] == "/admin/"


def test_the_right_password_alone_does_not_sign_an_editor_in(client, app):
    page = sign_in(client, "editor", PASSWORD)
    assert page.status_code == 200
    assert "Enter the code your authenticator app shows now" in page.text
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_does_not_sign_an_editor_in(client, app):
    wrong = f"{(int(code_now(app)) + 1) % 1_000_000:06d}"
    assert sign_in(client, "editor", PASSWORD, wrong).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_signs_in_once(client, app):
    code = app.recovery_codes[0]
    assert sign_in(client, "editor", PASSWORD, code).status_code == 302
    client.logout()
    assert sign_in(client, "editor", PASSWORD, code).status_code == 200


def test_an_editor_signed_in_by_password_alone_cannot_use_the_admin(client, editor):
    client.force_login(editor)  # a session from before second factors, say
    assert client.get("/admin/nutrients/nutrient/")["Location"].startswith("/admin/login/")


def test_an_administrator_without_a_second_factor_signs_in_with_the_password(client, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.com", PASSWORD)
    assert sign_in(client, "admin", PASSWORD).status_code == 302


def test_create_editor_enrols_an_authenticator_app_whose_codes_sign_in(client, db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    output = io.StringIO()
    call_command("create_editor", "kim", "--password-from-env", "EDITOR_PASSWORD", stdout=output)
    printed = output.getvalue()
    setup_url = re.search(r"otpauth://totp/\S+", printed).group()
    assert "issuer=Legwell%20editors" in setup_url
    key = re.search(r"type in the key: ([A-Z2-7]+)", printed).group(1)
    codes = re.findall(r"^  ([0-9a-z]{8})$", printed, re.MULTILINE)
    assert len(codes) == 10
    code = code_now(SecondFactor(setup_url=setup_url, key=key, recovery_codes=codes))
    assert sign_in(client, "kim", PASSWORD, code).status_code == 302


def test_after_five_failed_attempts_sign_in_is_paused_with_a_clear_message(client, editor):
    for _ in range(4):
        assert sign_in(client, "editor", "wrong password").status_code == 200
    page = sign_in(client, "editor", "wrong password")
    assert page.status_code == 429
    assert "Sign-in paused" in page.text
    assert (
        "After 5 failed attempts from one address, or 20 from anywhere, signing in as “editor” is paused" in page.text
    )
    assert "Wait 15 minutes" in page.text
    assert "Legwell editors" in page.text
    assert "Django administration" not in page.text
    assert sign_in(client, "editor", PASSWORD).status_code == 429  # even with the right password


def test_a_pause_from_one_address_does_not_lock_the_editor_out_elsewhere(client, app, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD, is_staff=True)
    for _ in range(5):
        sign_in(client, "editor", "wrong password")
    assert sign_in(client, "other", PASSWORD).status_code == 302
    assert sign_in(client, "editor", PASSWORD, code_now(app), REMOTE_ADDR="192.0.2.9").status_code == 302


def test_twenty_failures_from_many_addresses_pause_the_user_name_everywhere(client, editor):
    for number in range(19):
        assert sign_in(client, "editor", "wrong password", REMOTE_ADDR=f"198.51.100.{number}").status_code == 200
    assert sign_in(client, "editor", "wrong password", REMOTE_ADDR="198.51.100.99").status_code == 429
    assert sign_in(client, "editor", PASSWORD, REMOTE_ADDR="203.0.113.77").status_code == 429


def test_a_new_forwarded_address_each_try_does_not_give_unlimited_guesses(client, editor, settings):
    settings.TRUSTED_PROXIES = 1
    for number in range(20):
        sign_in(client, "editor", "wrong password", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    assert sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.1.1").status_code == 429


def test_behind_the_tls_proxy_each_client_address_is_throttled_apart(client, app, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        sign_in(client, "editor", "wrong password", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert sign_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert sign_in(client, "editor", PASSWORD, code_now(app), HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.5", "127.0.0.1"),  # a client's own header is ignored without a proxy
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # what a client wrote before the proxy's entry is ignored
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),  # the outer proxy's entry, behind two
        (2, "203.0.113.5", "127.0.0.1"),  # fewer entries than proxies: not through them
        (1, "", "127.0.0.1"),
    ],
)
def test_the_sign_in_address_uses_x_forwarded_for_only_as_far_as_the_proxies_wrote_it(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
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
    # The reader page's own queries, plus the session, the user, their second factor and their permissions.
    # a nutrient: the citations of each kind of claim, its warning signs, the caveats of the nutrient and its foods
    # with their sources; the page and its changes waiting for review
    with django_assert_max_num_queries(27):
        assert editor_client.get(url).status_code == 200


def test_a_new_second_factor_replaces_the_old_one_for_a_lost_phone(client, app):
    output = io.StringIO()
    call_command("new_second_factor", "editor", stdout=output)
    assert "type in the key" in output.getvalue()
    assert sign_in(client, "editor", PASSWORD, app.recovery_codes[0]).status_code == 200  # the old codes stop working
    with pytest.raises(CommandError, match="There is no account called 'nobody'"):
        call_command("new_second_factor", "nobody")
