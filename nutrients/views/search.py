from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from legwell.cache import cached_page
from search.results import find

from ..forms.search import SearchForm

SUGGESTIONS_TARGET = "header-suggestions"


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request", "HX-Target")
@cached_page(form=SearchForm)
def search_page(request):
    """Results for ?q=, best first; htmx asks for the results region as one types on this
    page, or for the suggestion list under the header's box on any other.

    What a reader searched for can say something about their health: a search is
    never kept in a shared cache, and one that finds nothing is not kept at all."""
    form = SearchForm(request.GET)
    valid = form.is_valid()
    results = find(**form.cleaned_data) if valid and form.cleaned_data["q"].strip() else None
    template = "nutrients/search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#suggestions" if request.htmx.target == SUGGESTIONS_TARGET else "#results"
    response = TemplateResponse(request, template, {"form": form, "results": results}, status=200 if valid else 400)
    if results is not None and not results.total:
        add_never_cache_headers(response)
    elif request.GET or request.htmx:
        patch_cache_control(response, private=True)
    return response
