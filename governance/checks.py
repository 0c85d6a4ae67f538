"""A deploy check: every published page names a clinical reviewer."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database, deploy=True)
def published_pages_have_a_clinical_reviewer(app_configs=None, **kwargs):
    from .selectors import pages_without_clinical_reviewer

    try:
        pages = pages_without_clinical_reviewer()
    except DatabaseError:  # no tables yet: nothing is published
        return []
    if not pages:
        return []
    named = ", ".join(str(page) for page in pages[:5])
    more = f" and {len(pages) - 5} more" if len(pages) > 5 else ""
    return [
        Warning(
            f"{len(pages)} published page(s) name no clinical reviewer: {named}{more}.",
            hint="A clinical reviewer approves a change or records a review (admin: Clinical governance).",
            id="governance.W001",
        )
    ]
