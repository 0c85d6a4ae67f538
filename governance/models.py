"""Clinical governance: who may approve a medical change, the changes waiting
for that approval (and those approved, which readers see as the page's
"Changes"), and readers' reports of a problem with a page.

These rows point to user accounts and to django-reversion's revisions, so
they live outside the content app: `export_content` never writes them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from reversion.models import Revision

CLINICAL_REVIEWERS_GROUP = "Clinical reviewers"


class ClinicalReviewer(models.Model):
    """The public face of a reviewer's account: readers see the name and qualification, never the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="clinical_reviewer",
        help_text="Their staff account; it must be in the Clinical reviewers group to approve.",
    )
    name = models.CharField(max_length=100, help_text="As readers see it, for example 'Dr Amina Shah'.")
    qualification = models.CharField(max_length=120, help_text="For example 'Registered dietitian' or 'GP'.")
    registration = models.CharField(
        max_length=200, help_text="The register and number, for example 'HCPC DT012345', so anyone can check it."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") & ~Q(qualification="") & ~Q(registration=""),
                name="clinical_reviewer_is_named_qualified_registered",
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.qualification}"


class PendingRevision(models.Model):
    """A change to medical meaning, saved as a django-reversion revision that readers
    do not see until a clinical reviewer who is not its author approves it."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved and published"
        SENT_BACK = "sent_back", "Sent back"

    revision = models.OneToOneField(
        Revision, on_delete=models.PROTECT, related_name="pending", help_text="The change as the editor saved it."
    )
    base = models.ForeignKey(
        Revision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="What readers saw when the change was made (empty for something new).",
    )
    published_revision = models.OneToOneField(
        Revision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval",
        help_text="The revision that published it, saved by the reviewer.",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    page_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    page_id = models.PositiveIntegerField(null=True, blank=True)
    page_name = models.CharField(max_length=200, blank=True, help_text="The reader page it changes, as named there.")
    page = GenericForeignKey("page_type", "page_id")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(
        max_length=200,
        blank=True,
        help_text="What changed, in one sentence readers will see on the page and in the feed.",
    )
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    deletes = models.BooleanField(
        default=False, help_text="It deletes the row, which readers see until it is approved."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewer = models.ForeignKey(ClinicalReviewer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="The reviewer's reason for sending it back.")
    report = models.ForeignKey(
        "ProblemReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The reader's report this change corrects, if any.",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = "medical change"
        verbose_name_plural = "medical changes (waiting, approved, sent back)"
        permissions = [("approve_pendingrevision", "Can approve or send back a medical change")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state="pending"),
                name="one_pending_revision_per_object",
                violation_error_message="A change to this is already waiting for review.",
            ),
            models.CheckConstraint(
                condition=Q(state="pending") | (Q(reviewer__isnull=False) & Q(reviewed_at__isnull=False)),
                name="reviewed_revision_has_reviewer",
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | (~Q(summary="") & Q(published_revision__isnull=False)),
                name="approved_revision_has_summary",
            ),
            models.CheckConstraint(condition=~Q(state="sent_back") | ~Q(comment=""), name="sent_back_has_comment"),
        ]

    def __str__(self):
        return f"{self.object_repr}: {self.summary or 'a change'}"

    @property
    def subject(self) -> str:
        """What it changes, as the work lists name it: a deletion says so."""
        return f"Deleting “{self.object_repr}”" if self.deletes else self.object_repr

    def clean(self):
        if self.state == self.State.APPROVED and not self.summary:
            raise ValidationError({"summary": "Say in one sentence what changed: readers see it."})
        if self.state == self.State.SENT_BACK and not self.comment:
            raise ValidationError({"comment": "Say what the editor should change."})


class ShownOn(models.Model):
    """A reader page that shows a row an approved change touched (a warning sign on a symptom
    page, a link on both of its pages), so the change is listed under that page's Changes too."""

    change = models.ForeignKey(PendingRevision, on_delete=models.CASCADE, related_name="shown_on")
    page_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    page_id = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["change", "page_type", "page_id"], name="change_shown_on_a_page_once")
        ]

    def __str__(self):
        return f"{self.change} (shown on {self.page_type.model} {self.page_id})"


class ProblemReport(models.Model):
    """A reader's report of a problem with a page. No account, no address kept."""

    class State(models.TextChoices):
        NEW = "new", "New"
        CORRECTED = "corrected", "Corrected"
        NO_CHANGE = "no_change", "Checked: no change needed"

    page = models.CharField(max_length=200, help_text="The address of the page the reader reported.")
    message = models.TextField(max_length=2000, help_text="What the reader says is wrong.")
    contact = models.EmailField(blank=True, help_text="Only if the reader wants an answer.")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State, default=State.NEW)
    note = models.TextField(blank=True, help_text="Editors' note: what was done about it.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(page__startswith="/"), name="problem_report_page_is_a_path"),
            models.CheckConstraint(condition=~Q(message=""), name="problem_report_has_message"),
        ]

    def __str__(self):
        return f"{self.page}: {self.message[:60]}"
