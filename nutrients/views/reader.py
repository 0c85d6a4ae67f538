from django.core.paginator import EmptyPage
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from legwell.cache import cached_page
from legwell.views import error_page

from .. import selectors
from ..forms.lists import ListPageForm

FIRST_PAGE = " The list of foods starts at /foods/."


@require_safe
@cached_page
def home(request):
    return TemplateResponse(request, "nutrients/home.html")


@require_safe
@cached_page
def nutrient_list(request):
    return TemplateResponse(request, "nutrients/nutrient_list.html", {"nutrients": selectors.published_nutrients()})


@require_safe
@cached_page
def nutrient_detail(request, slug):
    return TemplateResponse(request, "nutrients/nutrient_detail.html", {"nutrient": selectors.nutrient_detail(slug)})


@require_safe
@cached_page
def symptom_list(request):
    return TemplateResponse(request, "nutrients/symptom_list.html", {"symptoms": selectors.published_symptoms()})


@require_safe
@cached_page
def symptom_detail(request, slug):
    return TemplateResponse(request, "nutrients/symptom_detail.html", {"symptom": selectors.symptom_detail(slug)})


@require_safe
@cached_page(form=ListPageForm)
def food_list(request):
    form = ListPageForm(request.GET)
    if not form.is_valid():
        return error_page(request, 400, "No such page of foods", form.errors["page"][0] + FIRST_PAGE)
    try:
        page, caveats = selectors.food_list(form.number())
    except EmptyPage:
        return error_page(
            request, 404, "No such page of foods", f"The list of foods has no page {form.number()}." + FIRST_PAGE
        )
    return TemplateResponse(request, "nutrients/food_list.html", {"page": page, "caveats": caveats})


@require_safe
@cached_page
def food_detail(request, slug):
    return TemplateResponse(request, "nutrients/food_detail.html", {"food": selectors.food_detail(slug)})


@require_safe
@cached_page
def medicine_list(request):
    return TemplateResponse(request, "nutrients/medicine_list.html", {"medicines": selectors.published_medicines()})


@require_safe
@cached_page
def medicine_detail(request, slug):
    return TemplateResponse(request, "nutrients/medicine_detail.html", {"medicine": selectors.medicine_detail(slug)})


@require_safe
@cached_page
def condition_list(request):
    conditions = selectors.published_conditions()
    return TemplateResponse(request, "nutrients/condition_list.html", {"conditions": conditions})


@require_safe
@cached_page
def condition_detail(request, slug):
    condition = selectors.condition_detail(slug)
    return TemplateResponse(request, "nutrients/condition_detail.html", {"condition": condition})


@require_safe
@cached_page
def relief(request):
    strategies, source_list = selectors.relief_strategies()
    return TemplateResponse(request, "nutrients/relief.html", {"strategies": strategies, "source_list": source_list})


@require_safe
@cached_page
def about(request):
    return TemplateResponse(request, "nutrients/about.html", {"sources": selectors.all_sources()})
