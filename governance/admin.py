"""Clinical governance in admin: reviewers' profiles, the review screen of a
held change (the difference, then approve or send back), readers' reports,
and the dashboard's work lists."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from . import review
from .models import ClinicalReviewer, PendingRevision, ProblemReport

admin.site.index_template = "admin/governance/index.html"


@admin.register(ClinicalReviewer)
class ClinicalReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "qualification", "registration", "user"]
    search_fields = ["name", "qualification", "registration"]
    autocomplete_fields = ["user"]


class ReviewForm(forms.Form):
    summary = forms.CharField(
        label="What changed, for readers",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="One sentence, shown on the page's Changes and in the site's changes feed once approved.",
    )
    comment = forms.CharField(
        label="Comment for the editor",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to send it back: what should change.",
    )
    report = forms.ModelChoiceField(
        ProblemReport.objects.all(),
        required=False,
        label="Corrects a reader's report",
        help_text="Choose the report this change corrects, if any; approving marks it corrected.",
    )


@admin.register(PendingRevision)
class PendingRevisionAdmin(admin.ModelAdmin):
    list_display = ["object_repr", "page_name", "summary", "deletes", "author", "created_at", "state"]
    list_filter = ["state", "deletes"]
    list_select_related = ["author"]
    search_fields = ["object_repr", "page_name", "summary"]
    ordering = ["state", "created_at"]

    def has_add_permission(self, request):
        return False  # made by saving a change to medical content

    def has_delete_permission(self, request, obj=None):
        return False  # part of the public record

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pending = self.get_object(request, unquote(object_id))
        if pending is None:
            raise Http404("No such change.")
        if not self.has_view_or_change_permission(request, pending):
            raise PermissionDenied
        initial = {"summary": pending.summary, "report": pending.report_id}
        form = ReviewForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                done = self.decide(request, pending, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, done)
                return redirect("admin:governance_pendingrevision_changelist")
        return TemplateResponse(
            request,
            "admin/governance/review.html",
            self.review_context(request, pending, form),
            status=400 if form.errors else 200,
        )

    def decide(self, request, pending, data):
        decision = request.POST.get("decision")
        may_link = self.has_change_permission(request, pending) or review.is_reviewer(request.user)
        if pending.report_id != getattr(data["report"], "pk", None) and may_link:
            pending.report = data["report"]
            pending.save(update_fields=["report"])
        if decision == "approve":
            review.approve(pending, user=request.user, summary=data["summary"])
            return f"Approved and published: {pending.summary}"
        if decision == "send_back":
            review.send_back(pending, user=request.user, comment=data["comment"])
            return f"Sent back to {pending.author.get_username()}."
        if decision == "save" and request.user.pk == pending.author_id and pending.state == pending.State.PENDING:
            pending.summary = data["summary"]
            pending.save(update_fields=["summary"])
            return "Saved the summary."
        raise ValidationError("Choose Approve, Send back or Save.")

    def review_context(self, request, pending, form):
        is_author = request.user.pk == pending.author_id
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review: {pending.object_repr}",
            "pending": pending,
            "form": form,
            "changes": review.pending_changes(pending),
            "is_author": is_author,
            "can_review": pending.state == pending.State.PENDING and not is_author and review.is_reviewer(request.user),
            "preview_url": preview_url(pending),
        }


def preview_url(pending):
    """The preview of the page the change is on, or else of a page that shows its rows (a warning
    sign's symptom page), with the held change; None when no reader page shows it."""
    if pending.state != PendingRevision.State.PENDING:
        return None
    page = pending.page
    if page is None:
        shown = sorted(review.pages_shown_by(pending))
        if not shown:
            return None
        page_type_id, page_id = shown[0]
        page = ContentType.objects.get_for_id(page_type_id).get_object_for_this_type(pk=page_id)
    return reverse(f"nutrients:preview_{page._meta.model_name}", args=[page.slug])


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page", "message", "state"]
    list_filter = ["state"]
    search_fields = ["page", "message"]
    readonly_fields = ["page_link", "message", "contact", "created_at", "corrections"]
    fields = ["page_link", "created_at", "message", "contact", "state", "note", "corrections"]

    def has_add_permission(self, request):
        return False  # readers make them

    @admin.display(description="Page")
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.page, obj.page)

    @admin.display(description="Corrections")
    def corrections(self, obj):
        rows = obj.corrections.all()
        if not rows:
            return "None linked. On the review screen of the change that corrects it, choose this report."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (reverse("admin:governance_pendingrevision_change", args=[row.pk]), row, row.get_state_display())
                for row in rows
            ),
        )
