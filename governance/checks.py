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
            f"{len(pages)} published page(s) name no clinical reviewer on record: {named}{more}.",
            hint=(
                "Make each reviewer with `manage.py create_reviewer USERNAME --name ... --qualification ... "
                "--registration ...`; then the reviewer signs in to admin, selects the pages in a page list and runs "
                "'Record a clinical review today' (or approves a change to them). A page names a clinical reviewer "
                "when its 'Reviewed by' is the name on a reviewer's profile."
            ),
            id="governance.W001",
        )
    ]
