"""Editors: the group that may curate content and nothing else, their accounts,
and the review policy."""

from base64 import b32encode
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model, password_validation
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

EDITORS_GROUP = "Editors"
# Delete is safe to give: django-reversion keeps every deleted item recoverable.
ACTIONS = ("add", "change", "view", "delete")
# Editors see the changes waiting for clinical review (and may link one to a
# report) and handle readers' problem reports; only reviewers approve.
GOVERNANCE = ("view_pendingrevision", "change_pendingrevision", "view_problemreport", "change_problemreport")
REVIEW_INTERVAL = timedelta(days=365)
RECOVERY_CODES = 10


def editor_permissions(*, apps=global_apps):
    """Every action on every content model (link rows included), the governance rows
    above, and nothing else: no users, groups, permissions, sessions or sign-in records."""
    permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in apps.get_app_config("nutrients").get_models()
        for action in ACTIONS
    ]
    return permission.objects.filter(content_type__app_label="nutrients", codename__in=codenames) | (
        permission.objects.filter(content_type__app_label="governance", codename__in=GOVERNANCE)
    )


def sync_editors_group(*, apps=global_apps):
    """Create the Editors group, or bring its permissions up to date with the models.

    Takes the app registry so the data migration can run it on historical models.
    """
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions(apps=apps))
    return group


def create_editor(*, username: str, password: str, email: str = ""):
    """A staff account (never a superuser) in the Editors group.

    Raises ValueError if the user name is taken, and Django's ValidationError if
    the password fails the site's password validators.
    """
    user = new_staff_account(username=username, password=password, email=email)
    with transaction.atomic():
        user.save()
        user.groups.add(sync_editors_group())
    return user


def new_staff_account(*, username: str, password: str, email: str = ""):
    """An unsaved staff account (never a superuser) with a checked password: the part of
    making an editor or a clinical reviewer that is the same."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValueError(f"There is already an account called {username!r}.")
    user = user_model(username=username, email=email, is_staff=True, is_superuser=False)
    password_validation.validate_password(password, user)
    user.set_password(password)
    return user


@dataclass(frozen=True)
class SecondFactor:
    setup_url: str  # otpauth://..., what an authenticator app reads from a QR code
    key: str  # the same secret in base32, for typing into the app by hand
    recovery_codes: list[str]  # each signs in once, for a lost phone

    def instructions(self) -> str:
        """What the command line shows the new editor, once: nothing stores the key or codes readably."""
        return "\n".join(
            [
                "Add Legwell to an authenticator app (Google Authenticator, Authy, 1Password...):",
                f"  open or scan as a QR code: {self.setup_url}",
                f"  or type in the key: {self.key}",
                "Signing in asks for the app's 6-digit code. If the phone is lost, each of these",
                "recovery codes signs in once; keep them somewhere safe:",
                *(f"  {code}" for code in self.recovery_codes),
            ]
        )


def enrol_second_factor(user) -> SecondFactor:
    """A new authenticator-app key (TOTP) and recovery codes for user, replacing any they had."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        app = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return SecondFactor(setup_url=app.config_url, key=b32encode(app.bin_key).decode(), recovery_codes=codes)


def review_overdue_before(*, today: date) -> date:
    """Content last reviewed before this date is due for another review."""
    return today - REVIEW_INTERVAL
