"""Any change to the content bumps the content version, so cached pages are
missed at once by every process (see legwell/cache.py)."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from legwell.cache import bump_content_version


def content_changed(sender, using="default", **kwargs):
    # Bump now, so the rest of this transaction (and tests) see the change,
    # and again on commit: a page another process renders between the two
    # from the not yet committed data is stored under the first version only.
    # This also covers loaddata and django-reversion's restore, which save
    # with raw=True.
    bump_content_version()
    transaction.on_commit(bump_content_version, using=using)


def links_changed(sender, action, using="default", **kwargs):
    if action.startswith("post_"):
        content_changed(sender, using=using)


def deployed(sender, **kwargs):
    """Deploys run migrate, so new templates show at once too."""
    bump_content_version()


def connect() -> None:
    for model in apps.get_app_config("nutrients").get_models():
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-saved-{model._meta.label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-deleted-{model._meta.label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(links_changed, sender=field.remote_field.through, dispatch_uid=f"links-{field}")
    post_migrate.connect(deployed, sender=apps.get_app_config("nutrients"), dispatch_uid="content-deployed")
