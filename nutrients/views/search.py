from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from legwell.cache import cached_page

from .. import search, selectors
from ..forms.search import SearchForm


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@cached_page(form=SearchForm)
def search_page(request):
    """Results for ?q=, grouped by type; htmx asks for the results region only, as one types.

    A search that finds nothing is never stored: it is the kind anyone can
    make endlessly, and it can say the most about the person who typed it."""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = search.find(query=query, sections=selectors.search_sections()) if query else None
    template = "nutrients/search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = TemplateResponse(
        request, template, {"form": form, "query": query, "results": results}, status=200 if form.is_valid() else 400
    )
    if results is not None and not results.total:
        add_never_cache_headers(response)
    return response
