from django import template
from django.urls import reverse
from django.utils import timezone

from nutrients.editors import REVIEW_INTERVAL

from .. import selectors

register = template.Library()
SHOWN = 20


@register.simple_tag
def review_work():
    """The dashboard's lists: pending changes by age, overdue pages, sent back, new reports."""
    today = timezone.localdate()
    overdue = selectors.overdue_pages(today=today)
    return {
        "pending": selectors.pending_by_age(),
        "overdue": [
            {
                "page": page,
                "kind": page._meta.verbose_name,
                "due": page.reviewed_on + REVIEW_INTERVAL if page.reviewed_on else None,
                "url": reverse(f"admin:nutrients_{page._meta.model_name}_change", args=[page.pk]),
            }
            for page in overdue[:SHOWN]
        ],
        "overdue_more": max(len(overdue) - SHOWN, 0),
        "sent_back": selectors.sent_back(),
        "reports": selectors.new_reports(),
    }
