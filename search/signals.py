"""Keep the index current: every saved or deleted page, link or warning sign marks
the pages it changes, and once the transaction commits their documents are
written again (search.index.refresh). A raw save (loaddata, a restore from
history) rebuilds the whole index on commit, since related rows may not exist
yet while it runs. Code that writes with bulk_create() or update(), which send
no signals, calls search.index.rebuild() itself (generate_content does)."""

import logging
import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from legwell.cache import bump_content_version
from nutrients import models as content
from nutrients.search import Kind

from . import index

logger = logging.getLogger(__name__)

KINDS = {
    content.Nutrient: Kind.NUTRIENT,
    content.Symptom: Kind.SYMPTOM,
    content.Food: Kind.FOOD,
    content.Medicine: Kind.MEDICINE,
    content.Condition: Kind.CONDITION,
    content.ReliefStrategy: Kind.RELIEF,
    content.WarningSign: Kind.WARNING,
}
REBUILD = ("*", 0)

# The pages changed in this thread since the last refresh.
pending = threading.local()


def pages_of(instance) -> set[index.Page]:
    """The pages whose documents a saved or deleted row changes: itself, if it is a
    page, and the pages a link row joins."""
    pages = set()
    if (kind := KINDS.get(type(instance))) is not None:
        pages.add((kind, instance.pk))
    for field in instance._meta.concrete_fields:
        if field.is_relation and (kind := KINDS.get(field.related_model)) is not None:
            if (pk := getattr(instance, field.attname)) is not None:
                pages.add((kind, pk))
    return pages


def mark(pages: set[index.Page], using: str) -> None:
    if not pages:
        return
    if not hasattr(pending, "pages"):
        pending.pages = set()
    pending.pages |= pages
    transaction.on_commit(flush, using=using)


def flush() -> None:
    pages, pending.pages = getattr(pending, "pages", set()), set()
    if not pages:
        return
    try:
        if REBUILD in pages:
            index.rebuild()
        else:
            index.refresh(pages)
    except Exception:
        # The edit itself is saved; the index catches up at the next edit or rebuild.
        logger.exception("Could not update the search index; run manage.py rebuild_search_index")
        return
    bump_content_version()  # pages rendered before the index caught up are not kept


def saved(sender, instance, raw=False, using="default", **kwargs):
    mark({REBUILD} if raw else pages_of(instance), using)


def deleted(sender, instance, using="default", **kwargs):
    mark(pages_of(instance), using)


def links_changed(sender, instance, action, model, pk_set, using="default", **kwargs):
    """A many-to-many set changed: the page on each side (after a clear, this side, and
    its neighbours follow)."""
    if action.startswith("post_"):
        kind = KINDS.get(model)
        mark(pages_of(instance) | ({(kind, pk) for pk in pk_set or ()} if kind else set()), using)


def connect() -> None:
    for model in apps.get_app_config("nutrients").get_models():
        if model is content.Synonym:
            continue  # synonyms are read at query time
        post_save.connect(saved, sender=model, dispatch_uid=f"search-saved-{model._meta.label}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"search-deleted-{model._meta.label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"search-links-{field}")
