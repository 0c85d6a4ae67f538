"""Editors' previews of nutrient, symptom, food, medicine and condition pages, drafts included: the
reader's page under a "not published" banner, for staff allowed to view that
kind of content, never cached and never indexed. A page with changes waiting
for clinical review is shown with them, which nothing else shows."""

from django.apps import apps
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from governance import review

from .. import selectors

PAGES = {
    "nutrient": selectors.nutrient_detail,
    "symptom": selectors.symptom_detail,
    "food": selectors.food_detail,
    "medicine": selectors.medicine_detail,
    "condition": selectors.condition_detail,
}


@require_safe
@never_cache
@staff_member_required
def page(request, kind, slug):
    if not request.user.has_perm(f"nutrients.view_{kind}"):
        raise PermissionDenied
    pending = review.pending_for_page(get_object_or_404(apps.get_model("nutrients", kind), slug=slug))
    with review.showing(pending):
        shown = PAGES[kind](slug, drafts=True)
        context = {
            kind: shown,
            "shown": shown,
            "pending": pending,
            "detail_template": f"nutrients/{kind}_detail.html",
            "edit_url": reverse(f"admin:nutrients_{kind}_change", args=[shown.pk]),
        }
        response = TemplateResponse(request, "nutrients/preview.html", context).render()
    response["X-Robots-Tag"] = "noindex"
    return response
