"""Editors: the group that may curate content and nothing else, their accounts,
and the review policy."""

from datetime import date, timedelta

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model, password_validation
from django.db import transaction

EDITORS_GROUP = "Editors"
# Delete is safe to give: django-reversion keeps every deleted item recoverable.
ACTIONS = ("add", "change", "view", "delete")
# Editors see the changes waiting for clinical review (and may link one to a
# report) and handle readers' problem reports; only reviewers approve.
GOVERNANCE = ("view_pendingrevision", "change_pendingrevision", "view_problemreport", "change_problemreport")
REVIEW_INTERVAL = timedelta(days=365)


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
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValueError(f"There is already an account called {username!r}.")
    user = user_model(username=username, email=email, is_staff=True, is_superuser=False)
    password_validation.validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.save()
        user.groups.add(sync_editors_group())
    return user


def review_overdue_before(*, today: date) -> date:
    """Content last reviewed before this date is due for another review."""
    return today - REVIEW_INTERVAL
