"""The admin side of holding a medical change for review: every content screen
(ContentAdmin) saves as usual, then hands the saved revision to these rules."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from reversion.models import Version

from nutrients import history
from nutrients.models import Status

from . import review

SUMMARY = "change_summary"


class SummaryForm(forms.Form):
    change_summary = forms.CharField(
        label="What changed, for readers",
        required=False,
        max_length=200,
        help_text=(
            "Only for a change to a number, unit, strength, urgency, warning sign, interaction, caveat or "
            "evidence: one sentence readers will see under the page's Changes, for example "
            "'The adult upper limit for supplements is now 350 mg, as the NIH fact sheet says.' "
            "Such a change waits for a clinical reviewer; readers see it once approved."
        ),
    )


def unpublishes(change) -> bool:
    """Taking a page down shows readers nothing new, so it is never held: publishing is."""
    return change.field == "status" and change.after == Status.DRAFT.label


class HeldForReviewMixin:
    """For a ModelAdmin with django-reversion: a save that changes medical meaning on
    something readers see is kept as a pending revision, and readers keep seeing
    what they saw. A restore or a recovery is always held; so is deleting a row
    that carries medical meaning (a warning sign, a link, an intake, a citation)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        kwargs["form"] = type(base.__name__, (base, SummaryForm), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if SUMMARY in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, ("Clinical review", {"fields": [SUMMARY]})]

    def save_model(self, request, obj, form, change):
        request.change_summary = form.cleaned_data.get(SUMMARY, "")
        request.saved_object = obj
        super().save_model(request, obj, form, change)

    def refuse_while_pending(self, request, obj, *, deleting=False):
        pending = review.waiting_before(obj, deleting=deleting)
        if pending is None:
            return None
        review_url = reverse("admin:governance_pendingrevision_change", args=[pending.pk])
        messages.error(
            request,
            format_html(
                "Not saved: a change by {} to “{}” is <a href='{}'>waiting for clinical review</a>. "
                "It must be approved or sent back before this can change again.",
                pending.author.get_username(),
                pending.object_repr,
                review_url,
            ),
        )
        return redirect(request.path)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.method == "POST" else None
        if obj is None:
            self.say_if_pending(request, object_id)
            return super().change_view(request, object_id, form_url, extra_context)
        if refused := self.refuse_while_pending(request, obj):
            return refused
        with transaction.atomic():
            had_versions = Version.objects.get_for_object(obj).exists()
            base = review.snapshot(obj, user=request.user, first=not had_versions)
            response = super().change_view(request, object_id, form_url, extra_context)
            held = self.hold_if_medical(request, obj, base=base, response=response)
            if not held and had_versions:
                base.delete()  # what readers saw is already the latest version
        return response

    def add_view(self, request, form_url="", extra_context=None):
        if request.method != "POST":
            return super().add_view(request, form_url, extra_context)
        with transaction.atomic():
            response = super().add_view(request, form_url, extra_context)
            obj = getattr(request, "saved_object", None)
            if obj is not None:
                self.hold_if_medical(request, obj, base=None, response=response)
        return response

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.method == "POST" else None
        if obj is None:
            return super().revision_view(request, object_id, version_id, extra_context)
        if refused := self.refuse_while_pending(request, obj):
            return refused
        with transaction.atomic():
            base = review.snapshot(obj, user=request.user)
            response = super().revision_view(request, object_id, version_id, extra_context)
            self.hold_if_medical(request, obj, base=base, response=response, restoring=True)
        return response

    def recover_view(self, request, version_id, extra_context=None):
        if request.method != "POST":
            return super().recover_view(request, version_id, extra_context)
        with transaction.atomic():
            response = super().recover_view(request, version_id, extra_context)
            obj = getattr(request, "saved_object", None)
            if obj is not None:
                self.hold_if_medical(request, obj, base=None, response=response, restoring=True)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.POST.get("post") else None
        if obj is None or not self.has_delete_permission(request, obj) or not review.deletion_is_held(obj):
            return super().delete_view(request, object_id, extra_context)
        if refused := self.refuse_while_pending(request, obj, deleting=True):
            return refused
        self.hold_deletion(request, obj)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

    def changelist_view(self, request, extra_context=None):
        """Django's "Delete selected", once confirmed, holds the rows that carry medical meaning and deletes
        the rest. This runs before django-reversion opens the list's revision: a held deletion needs its own."""
        post = request.POST
        if post.get("action") == "delete_selected" and post.get("post") and self.has_delete_permission(request):
            selected = self.get_changelist_instance(request).get_queryset(request)
            if post.get("select_across") != "1":
                selected = selected.filter(pk__in=post.getlist(helpers.ACTION_CHECKBOX_NAME))
            held = [obj for obj in selected if review.deletion_is_held(obj)]
            for obj in held:
                if not self.refuse_while_pending(request, obj, deleting=True):
                    self.hold_deletion(request, obj)
            rest = [str(pk) for pk in selected.exclude(pk__in=[obj.pk for obj in held]).values_list("pk", flat=True)]
            if held and not rest:
                return redirect(request.get_full_path())
            request.POST = post.copy()
            request.POST.setlist(helpers.ACTION_CHECKBOX_NAME, rest)
            request.POST["select_across"] = "0"
        return super().changelist_view(request, extra_context)

    def hold_deletion(self, request, obj):
        pending = review.hold_deletion(obj=obj, author=request.user, summary="")
        messages.warning(
            request,
            format_html(
                "Deleting “{}” <a href='{}'>waits for a clinical reviewer</a>; readers see it until it is approved. "
                "Say there, in one sentence, what changes for readers.",
                obj,
                reverse("admin:governance_pendingrevision_change", args=[pending.pk]),
            ),
        )

    def hold_if_medical(self, request, obj, *, base, response, restoring=False):
        """After a successful save: hold it for review if it changes medical meaning readers can see."""
        if response.status_code != 302:
            return False
        saved = type(obj)._default_manager.filter(pk=obj.pk).first()
        revision = review.newest_revision(saved) if saved else None
        if revision is None or revision == base:
            return False
        was_published = getattr(review.page_of(obj), "status", "") == Status.PUBLISHED and base is not None
        changes = history.revision_changes(older=base, newer=revision)
        medical = changes if restoring else [change for change in changes if change.medical and not unpublishes(change)]
        if not medical or not review.readers_see(saved, was_published=was_published):
            return False
        pending = review.hold_for_review(
            obj=saved, base=base, revision=revision, author=request.user, summary=request.change_summary
        )
        messages.warning(
            request,
            format_html(
                "This change to medical content is <a href='{}'>waiting for a clinical reviewer</a>. "
                "Readers keep seeing the published version until it is approved.",
                reverse("admin:governance_pendingrevision_change", args=[pending.pk]),
            ),
        )
        return True

    def say_if_pending(self, request, object_id):
        if request.method != "GET":
            return
        if pending := review.open_pending_by_id(self.model, unquote(object_id)):
            messages.info(
                request,
                format_html(
                    "A change by {} is <a href='{}'>waiting for clinical review</a>; this form shows what "
                    "readers see now.",
                    pending.author.get_username(),
                    reverse("admin:governance_pendingrevision_change", args=[pending.pk]),
                ),
            )
