"""The Clinical reviewers group: view every content model, approve or send back
changes, handle readers' reports. Takes the app registry so the data migration
can run it on historical models."""

from django.apps import apps as global_apps

from .models import CLINICAL_REVIEWERS_GROUP

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
