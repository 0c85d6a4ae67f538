"""The comparison table at /compare/: one URL for the page and its htmx fragment,
and a CSV download of exactly the same view. All state is in the query string."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from legwell.cache import cached_page

from .. import caveats, comparison, selectors
from ..forms.compare import CompareForm

TEMPLATE = "nutrients/compare.html"


def read_table(request) -> tuple[CompareForm, comparison.Comparison | None]:
    """The form read from the query string, and the page of the table it asks for
    (None when the form is invalid or the page does not exist)."""
    symptoms, nutrients = selectors.comparison_options()
    form = CompareForm(request.GET, symptoms=symptoms, nutrients=nutrients)
    if not form.is_valid():
        return form, None
    filters = form.filters()
    chosen = selectors.comparison_order(symptom=filters.symptom, kind=filters.kind, slugs=filters.nutrients)
    pages = Paginator(comparison.sort_nutrients(nutrients=chosen, sort=filters.sort), comparison.ROWS_PER_PAGE)
    if filters.page > pages.num_pages:
        form.add_missing_page_error(pages=pages.num_pages)
        return form, None
    page = pages.page(filters.page)
    rows = selectors.comparison_nutrients(pks=[nutrient.pk for nutrient in page])
    table = comparison.build(nutrients=rows, filters=filters, symptom_name=form.symptom_name(), page=page)
    if "foods" in filters.columns:
        table.caveats = caveats.number_caveats(caveats.of_foods(food for row in table.rows for food in row.foods))
    return form, table


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@cached_page(form=CompareForm)
def compare(request):
    form, table = read_table(request)
    context, status = {"form": form, "table": table}, 400 if table is None else 200
    if not request.htmx or request.htmx.history_restore_request:
        return TemplateResponse(request, TEMPLATE, context, status=status)
    response = TemplateResponse(request, TEMPLATE + "#table", context, status=status)
    if table:
        # Push the short address (defaults left out) rather than every field the form sent.
        push_url(response, table.href)
    return response


@require_safe
def compare_csv(request):
    form, table = read_table(request)
    if table is None:
        return TemplateResponse(request, TEMPLATE, {"form": form, "table": None}, status=400)
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="legwell-comparison.csv"'},
    )
    csv.writer(response).writerows(table.as_csv_rows())
    return response
