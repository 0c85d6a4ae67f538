"""What the review work lists read: the admin dashboard, the command and the check
run these, each a fixed number of queries however much content there is."""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from nutrients.editors import review_overdue_before
from nutrients.models import Condition, Food, Medicine, Nutrient, Reviewed, Symptom

from .models import ClinicalReviewer, PendingRevision, ProblemReport

PAGE_MODELS = (Nutrient, Symptom, Food, Medicine, Condition)


def overdue_pages(*, today: date | None = None) -> list[Reviewed]:
    """Published pages past their next-review date (or never reviewed), oldest first: one query a page type."""
    before = review_overdue_before(today=today or timezone.localdate())
    late = Q(reviewed_on__lt=before) | Q(reviewed_on__isnull=True)
    pages = [page for model in PAGE_MODELS for page in model.objects.published().filter(late)]
    return sorted(pages, key=lambda page: (page.reviewed_on or date.min, str(page)))


def pending_by_age() -> list[PendingRevision]:
    """Changes waiting for a clinical reviewer, the longest waiting first."""
    return list(
        PendingRevision.objects.filter(state=PendingRevision.State.PENDING)
        .select_related("author")
        .order_by("created_at")
    )


def sent_back() -> list[PendingRevision]:
    return list(
        PendingRevision.objects.filter(state=PendingRevision.State.SENT_BACK)
        .select_related("author", "reviewer")
        .order_by("-reviewed_at")[:20]
    )


def new_reports() -> list[ProblemReport]:
    return list(ProblemReport.objects.filter(state=ProblemReport.State.NEW).order_by("created_at"))


def pages_without_clinical_reviewer() -> list[Reviewed]:
    """Published pages whose reviewer is not a clinical reviewer on record."""
    names = ClinicalReviewer.objects.values("name")
    return [
        page
        for model in PAGE_MODELS
        for page in model.objects.published().exclude(reviewer_name__in=names).order_by("slug")
    ]
