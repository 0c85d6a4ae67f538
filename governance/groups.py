"""The Clinical reviewers group: view every content model, approve or send back
changes, handle readers' reports (sync_reviewers_group takes the app registry so
the data migration can run it on historical models); and reviewers' accounts."""

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model, password_validation
from django.db import transaction

from .models import CLINICAL_REVIEWERS_GROUP, ClinicalReviewer

GOVERNANCE = (
    "approve_pendingrevision",
    "view_pendingrevision",
    "view_problemreport",
    "change_problemreport",
    "view_clinicalreviewer",
)


def sync_reviewers_group(*, apps=global_apps):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=CLINICAL_REVIEWERS_GROUP)
    permission = apps.get_model("auth", "Permission")
    views = [f"view_{model._meta.model_name}" for model in apps.get_app_config("nutrients").get_models()]
    group.permissions.set(
        permission.objects.filter(content_type__app_label="nutrients", codename__in=views)
        | permission.objects.filter(content_type__app_label="governance", codename__in=GOVERNANCE)
    )
    return group


def create_reviewer(*, username: str, password: str, email: str = "", name: str, qualification: str, registration: str):
    """A staff account (never a superuser) in the Clinical reviewers group, with the public profile
    pages name them by. Raises as create_editor does, and ValidationError for an empty profile field."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValueError(f"There is already an account called {username!r}.")
    user = user_model(username=username, email=email, is_staff=True, is_superuser=False)
    password_validation.validate_password(password, user)
    user.set_password(password)
    profile = ClinicalReviewer(name=name, qualification=qualification, registration=registration)
    profile.full_clean(exclude=["user"])
    with transaction.atomic():
        user.save()
        user.groups.add(sync_reviewers_group())
        profile.user = user
        profile.save()
    return user
