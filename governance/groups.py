"""The Clinical reviewers group: view every content model, approve or send back
changes, handle readers' reports (sync_reviewers_group takes the app registry so
the data migration can run it on historical models); and reviewers' accounts."""

from django.apps import apps as global_apps
from django.db import transaction

from nutrients.editors import new_staff_account

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
    user = new_staff_account(username=username, password=password, email=email)
    profile = ClinicalReviewer(name=name, qualification=qualification, registration=registration)
    profile.full_clean(exclude=["user"])
    with transaction.atomic():
        user.save()
        user.groups.add(sync_reviewers_group())
        profile.user = user
        profile.save()
    return user
