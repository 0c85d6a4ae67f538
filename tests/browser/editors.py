"""Signing an editor in through the admin's own form, code included."""

from nutrients.editors import create_editor, enrol_second_factor
from tests.second_factor import code_now

PASSWORD = "a-long-test-password"


def sign_in_new_editor(page, site: str, username: str) -> None:
    """Create an editor as `create_editor` does, with an authenticator app, and
    sign in with the password and the code the app shows now."""
    app = enrol_second_factor(create_editor(username=username, password=PASSWORD))
    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code").fill(code_now(app))
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Content").wait_for()
