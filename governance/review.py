"""The rules of clinical review, as plain functions the admin and the command call.

A change is saved as a django-reversion revision like any other. When it
touches medical meaning (a field in the model's MEDICAL_FIELDS, or a row of
a medical link added or removed) on something readers can see, the change
is held: the revision is kept, a PendingRevision points to it, and the
database goes back to what readers saw (the `base` revision, kept just
before the edit). Approving reverts the database to the held revision in a
new revision saved by the reviewer, so history shows both, and records the
reader pages that show the rows it changed, whose Changes then list it.

Deleting such a row is held too: the revision keeps the row as it is (flagged
`deletes`), the row stays, and approving deletes it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from reversion import add_to_revision, create_revision, set_comment, set_user
from reversion.models import Revision, Version
from reversion.utils import mute_signals

from legwell.cache import refuse_previous_pages
from nutrients import history
from nutrients.models import Citation, Nutrient, Reviewed, Status, WarningSign

from .models import ClinicalReviewer, PendingRevision, ShownOn

DELETION = "Deletion, waiting for clinical review."


def page_of(obj: models.Model) -> Reviewed | None:
    """The reader page a row shows on: itself for a page, the page a link belongs to, or None."""
    if isinstance(obj, Reviewed):
        return obj
    field = getattr(obj, "PAGE_FIELD", "")
    return getattr(obj, field, None) if field else None


def pages_showing(obj: models.Model) -> list[Reviewed]:
    """Every reader page that shows the row: a page itself; both ends of a link; the pages a
    warning sign or a relief strategy is listed on (and, for a sign, the nutrient pages that
    list the signs of their symptoms); for a citation, those of the claim it supports."""
    if isinstance(obj, Reviewed):
        return [obj]
    if isinstance(obj, Citation):
        return pages_showing(obj.claim)
    pages = [
        getattr(obj, field.name)
        for field in obj._meta.concrete_fields
        if field.many_to_one and issubclass(field.related_model, Reviewed)
    ]
    for relation in obj._meta.related_objects:
        if relation.many_to_many and issubclass(relation.related_model, Reviewed):
            pages.extend(getattr(obj, relation.get_accessor_name()).all())
    if isinstance(obj, WarningSign):
        pages.extend(Nutrient.objects.filter(symptom_links__symptom__warning_signs=obj).distinct())
    return [page for page in pages if page is not None]


def pages_showing_rows(rows: set[tuple[int, str]]) -> set[tuple[int, int]]:
    """(content type id, id) of each page showing any of these rows that exist now."""
    shown = set()
    for content_type_id, object_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for obj in model._base_manager.filter(pk=object_id):
            shown.update((ContentType.objects.get_for_model(page).pk, page.pk) for page in pages_showing(obj))
    return shown


def snapshot(obj: models.Model, *, user, first: bool = False) -> Revision:
    """Save what readers see now (the object and the rows it follows) as a revision."""
    with create_revision():
        add_to_revision(obj)
        if not first:
            set_user(user)
        set_comment(history.FIRST_VERSION if first else history.SNAPSHOT)
    return newest_revision(obj)


def newest_revision(obj: models.Model) -> Revision | None:
    """The last revision saved with obj in it, snapshots included: what a held change is
    compared with and published as (history.latest_revision, for editors, leaves them out)."""
    version = Version.objects.get_for_object(obj).order_by("-pk").first()
    return version.revision if version else None


def medical_changes(*, base: Revision | None, revision: Revision) -> list[history.Change]:
    return [change for change in history.revision_changes(older=base, newer=revision) if change.medical]


def readers_see(obj: models.Model, *, was_published: bool) -> bool:
    """A draft page, and a row on one, can change freely: no reader sees it until it is published."""
    page = page_of(obj)
    return page is None or was_published or page.status == Status.PUBLISHED


def open_pending(obj: models.Model) -> PendingRevision | None:
    return open_pending_by_id(type(obj), obj.pk)


def waiting_before(obj: models.Model, *, deleting: bool = False) -> PendingRevision | None:
    """A change waiting that must be reviewed before obj is saved or deleted, so that approving
    one never brings back a row the other removed: obj's own; for a page, a waiting deletion of
    one of its rows; for a row being deleted, a change waiting on its page."""
    if pending := open_pending(obj):
        return pending
    page = page_of(obj)
    if isinstance(obj, Reviewed):
        waiting = PendingRevision.objects.filter(
            state=PendingRevision.State.PENDING,
            deletes=True,
            page_type=ContentType.objects.get_for_model(obj),
            page_id=obj.pk,
        )
        return waiting.select_related("author").first()
    return open_pending(page) if deleting and page is not None else None


def open_pending_by_id(model: type[models.Model], object_id) -> PendingRevision | None:
    return (
        PendingRevision.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(object_id),
            state=PendingRevision.State.PENDING,
        )
        .select_related("author")
        .first()
    )


def new_pending(*, obj, base: Revision | None, revision: Revision, author, summary: str, **fields) -> PendingRevision:
    page = page_of(obj)
    pending = PendingRevision(
        revision=revision,
        base=base,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        page_type=ContentType.objects.get_for_model(page) if page else None,
        page_id=page.pk if page else None,
        page_name=str(page)[:200] if page else "",
        author=author,
        summary=summary,
        **fields,
    )
    pending.full_clean(exclude=["revision", "base"])
    pending.save()
    return pending


def hold_for_review(*, obj, base: Revision | None, revision: Revision, author, summary: str) -> PendingRevision:
    """Keep the saved change as pending and put back what readers saw."""
    pending = new_pending(obj=obj, base=base, revision=revision, author=author, summary=summary)
    if base is None:
        obj.delete()
    else:
        base.revert(delete=True)
    return pending


def deletion_is_held(obj: models.Model) -> bool:
    """Deleting a page takes it down, which shows readers nothing new (as unpublishing):
    never held. Deleting a row that carries medical meaning on something readers see,
    or that takes such rows with it (a risk factor its links), waits for a reviewer."""
    if isinstance(obj, Reviewed) or not readers_see(obj, was_published=False):
        return False
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError):
        return False  # nothing is deleted: admin says what protects it
    deleted = [*collector.data, *(rows.model for rows in collector.fast_deletes)]
    return any(history.is_medical_model(model) for model in deleted)


@transaction.atomic
def hold_deletion(*, obj, author, summary: str = "") -> PendingRevision:
    """Readers keep seeing the row: the revision keeps it (and what it takes with it) as it
    is, and it is deleted only when a reviewer approves."""
    with create_revision():
        add_to_revision(obj)
        set_user(author)
        set_comment(DELETION)
    revision = newest_revision(obj)
    return new_pending(obj=obj, base=revision, revision=revision, author=author, summary=summary, deletes=True)


def pending_changes(pending: PendingRevision) -> list[history.Change]:
    """What the change does, compared with what readers saw: for a deletion, every row it removes."""
    if pending.deletes:
        return history.revision_changes(older=pending.revision, newer=None)
    return history.revision_changes(older=pending.base, newer=pending.revision)


def is_reviewer(user) -> bool:
    return (
        user.is_active
        and user.has_perm("governance.approve_pendingrevision")
        and ClinicalReviewer.objects.filter(user=user).exists()
    )


def check_reviewer(pending: PendingRevision, user) -> ClinicalReviewer:
    if not is_reviewer(user):
        raise PermissionDenied("Only a clinical reviewer can approve or send back a change.")
    if pending.author_id == user.pk:
        raise PermissionDenied("A second pair of eyes: someone other than its author must review this change.")
    if pending.state != PendingRevision.State.PENDING:
        raise ValidationError("This change has already been reviewed.")
    return user.clinical_reviewer


def is_stale(pending: PendingRevision) -> bool:
    """Something in the change was saved differently after it (another page's save that
    includes the same rows unchanged does not count): approving would undo that save."""
    touched = Q()
    for content_type_id, object_id in pending.revision.version_set.values_list("content_type_id", "object_id"):
        touched |= Q(content_type_id=content_type_id, object_id=object_id)
    published = {}
    if pending.base_id:
        published = {
            (version.content_type_id, version.object_id): version.serialized_data
            for version in pending.base.version_set.all()
        }
    later = Version.objects.filter(touched, revision_id__gt=pending.revision_id)
    return any(
        version.serialized_data != published.get((version.content_type_id, version.object_id)) for version in later
    )


@transaction.atomic
def approve(pending: PendingRevision, *, user, summary: str) -> PendingRevision:
    reviewer = check_reviewer(pending, user)
    if is_stale(pending):
        raise ValidationError("The page changed after this was saved. Send it back so the editor can make it again.")
    pending.summary = summary.strip()
    if not pending.summary:
        raise ValidationError({"summary": "Say in one sentence what changed: readers see it."})
    comment = f"Approved by {reviewer}: {pending.summary}"
    rows = {change.row for change in pending_changes(pending) if change.medical}
    shown = pages_showing_rows(rows)  # as readers saw them, and below as they will
    with create_revision():
        if not pending.deletes:
            pending.revision.revert(delete=True)
        obj = pending.content_type.get_object_for_this_type(pk=pending.object_id)
        page = page_of(obj)
        if pending.deletes:
            obj.delete()
        else:
            add_to_revision(obj)
        mark_reviewed(page, reviewer=reviewer, on=timezone.localdate())
        set_user(user)
        set_comment(comment)
    if not pending.deletes:
        pending.published_revision = newest_revision(obj)
    elif page is not None:
        pending.published_revision = newest_revision(page)  # the page without the row
    else:  # a row on no page of its own (a warning sign): nothing is left to keep a version of
        pending.published_revision = Revision.objects.create(date_created=timezone.now(), user=user, comment=comment)
    pending.state = PendingRevision.State.APPROVED
    pending.reviewer, pending.reviewed_at = reviewer, timezone.now()
    pending.full_clean()
    pending.save()
    ShownOn.objects.bulk_create(
        ShownOn(change=pending, page_type_id=page_type_id, page_id=page_id)
        for page_type_id, page_id in shown | pages_showing_rows(rows)
    )
    if pending.report_id:
        pending.report.state = pending.report.State.CORRECTED
        pending.report.save(update_fields=["state"])
    # A medical change reaches every reader at once, the first included: no
    # reader gets a page as it was before it while the page is rendered again.
    transaction.on_commit(refuse_previous_pages)
    return pending


def mark_reviewed(page: Reviewed | None, *, reviewer: ClinicalReviewer, on: date) -> None:
    """The page says who reviewed it and when (plain text, so the content exports without accounts)."""
    if page is None:
        return
    page.reviewed_on, page.reviewer_name, page.reviewer_role = on, reviewer.name, reviewer.qualification
    page.save(update_fields=["reviewed_on", "reviewer_name", "reviewer_role"])
    add_to_revision(page)


@transaction.atomic
def record_review(pages, *, user) -> int:
    """A reviewer checked these pages against their sources and found nothing to change."""
    if not is_reviewer(user):
        raise PermissionDenied("Only a clinical reviewer can record a review.")
    today = timezone.localdate()
    with create_revision():
        for page in pages:
            mark_reviewed(page, reviewer=user.clinical_reviewer, on=today)
        set_user(user)
        set_comment(f"Clinical review by {user.clinical_reviewer}: checked, nothing to change.")
    return len(pages)


@transaction.atomic
def send_back(pending: PendingRevision, *, user, comment: str) -> PendingRevision:
    pending.reviewer = check_reviewer(pending, user)
    pending.comment = comment.strip()
    pending.state, pending.reviewed_at = PendingRevision.State.SENT_BACK, timezone.now()
    pending.full_clean()
    pending.save()
    return pending


class _Discard(Exception):
    pass


def pages_shown_by(pending: PendingRevision) -> set[tuple[int, int]]:
    """The reader pages (content type id, id) that show the rows the change touches, as they are now."""
    return pages_showing_rows({change.row for change in pending_changes(pending)})


def pending_for_page(page: Reviewed) -> list[PendingRevision]:
    """The changes waiting that the page would show: its own, and those to rows it shows
    (a warning sign edited on its own screen, a link saved from its other page)."""
    page_key = (ContentType.objects.get_for_model(page).pk, page.pk)
    waiting = PendingRevision.objects.filter(state=PendingRevision.State.PENDING).select_related("revision")
    return [
        pending
        for pending in waiting.order_by("created_at")
        if (pending.page_type_id, pending.page_id) == page_key or page_key in pages_shown_by(pending)
    ]


@contextmanager
def showing(pendings: list[PendingRevision]) -> Iterator[None]:
    """Inside the block the database holds the pending changes; afterwards nothing is kept.
    Signals are muted, so a preview does not make every cached page stale."""
    if not pendings:
        yield
        return
    try:
        with transaction.atomic(), mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed):
            for pending in pendings:
                if pending.deletes:
                    pending.content_type.get_object_for_this_type(pk=pending.object_id).delete()
                else:
                    pending.revision.revert(delete=True)
            yield
            raise _Discard
    except _Discard:
        pass
