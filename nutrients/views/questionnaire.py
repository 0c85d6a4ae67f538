"""The guided questionnaire at /questionnaire/, one question a page in the GOV.UK style.

GET shows the introduction and the first question. Every later page answers
a POST whose form carries all the answers so far as hidden fields: no
session, cookie, database row, cache entry, log line or URL ever holds one.
The rules (which page comes next, what the answers mean) live in
nutrients/questionnaire.py; the form only checks and carries the answers.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from legwell.cache import cached_page

from .. import caveats, ranking, selectors
from .. import questionnaire as rules
from ..forms.questionnaire import QuestionnaireForm, Tampered

TEMPLATE = "nutrients/questionnaire.html"
UNREADABLE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError, Tampered)


# The questionnaire changes nothing on the server: it stores no answer and acts
# for no account, so a forged post could do no harm. Exempt from CSRF, it posts
# without a token and so needs no CSRF cookie, like every reader page.
@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire(request):
    return answer(request) if request.method == "POST" else start(request)


@cached_page
def start(request):
    """The introduction and the first question: a reader page like any other, indexed and cached."""
    form = QuestionnaireForm(**selectors.questionnaire_options())
    question = form.question(page="emergency")
    return TemplateResponse(request, TEMPLATE, {"form": form, "page": "emergency", "question": question, "first": True})


@vary_on_headers("HX-Request")
def answer(request):
    """Check every answer the form carries, then show the page the pressed button asks for."""
    try:
        form = QuestionnaireForm(request.POST, **selectors.questionnaire_options())
        route = form.route()
    except UNREADABLE:
        return private_page(request, {"page": "problem"}, status=400)
    context = {"form": form, "page": route.page, "carried": form.carried(page=route.page, checking=route.checking)}
    if route.page in rules.QUESTIONS:
        context["question"] = form.question(page=route.page, error=route.error)
    if route.page in ("urgent", "result"):
        context["visitor"] = form.visitor()
        context["urgency"] = rules.most_urgent(context["visitor"].signs)
    if route.page == "urgent":
        context |= urgent(context["visitor"])
    if route.page == "result":
        context |= result(form, visitor=context["visitor"])
    return private_page(request, context)


def private_page(request, context: dict, status: int = 200) -> TemplateResponse:
    """A page that shows answers: only the question region for htmx, never stored, never indexed."""
    template = f"{TEMPLATE}#step" if request.htmx else TEMPLATE
    response = TemplateResponse(request, template, context | {"noindex": True}, status=status)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def urgent(visitor: rules.Visitor) -> dict:
    """What to tell the doctor about each sign, and the conditions a medicine the visitor takes
    and a sign point to together (a statin and dark urine: muscle breakdown from the statin)."""
    told = rules.told(visitor)
    taken = {medicine for row in told for medicine in row.taken}
    return {"told": told, "medicine_conditions": selectors.medicine_conditions(signs=visitor.signs, medicines=taken)}


def result(form: QuestionnaireForm, *, visitor: rules.Visitor) -> dict:
    """The advice, the likelier causes, then the nutrients still worth checking with their
    foods and safety notes, and only the self-care no warning sign rules out."""
    answers = form.for_ranking(visitor)
    links = selectors.answer_links(
        symptoms=answers.symptoms, risk_factors=answers.risk_factors, medicines=answers.medicines
    )
    suggestions = ranking.rank(answers=answers, **links)
    shown = suggestions[: ranking.SHOWN_IN_FULL]
    food_sources, upper_limits = selectors.foods_and_upper_limits(nutrients=[row.nutrient for row in shown])
    ranking.add_details(suggestions=shown, food_sources=food_sources, upper_limits=upper_limits, diet=visitor.diet)
    selectors.with_caveats([row.nutrient for row in shown])
    help_ = selectors.symptom_help(symptoms=answers.symptoms)
    causes = rules.likelier_causes(visitor=visitor, conditions=selectors.cause_conditions(), signs=help_["soon_signs"])
    signs = [*visitor.signs, *(cause.sign for cause in causes if cause.sign)]
    strategies = rules.safe_relief(strategies=help_["strategies"], signs=signs)
    # Each suggestion's own caveats (about its supplements), those of the foods it lists, then the strategies'.
    page_caveats = caveats.number_caveats(
        [(row, row.nutrient.caveats.all()) for row in shown]
        + caveats.of_foods(food for row in shown for food in row.foods)
        + [(strategy, strategy.caveats.all()) for strategy in strategies]
    )
    return {
        "advice": rules.advice(
            visitor=visitor, causes=causes, nutrients=[row.nutrient.name for row in suggestions if row.place == 1]
        ),
        "causes": causes,
        "suggestions": shown,
        "also_linked": suggestions[ranking.SHOWN_IN_FULL :],
        "cautions": ranking.cautions(answers=answers, risk_links=links["risk_links"]),
        "soon_signs": [sign for sign in help_["soon_signs"] if sign not in signs],
        "strategies": strategies,
        "supplements_taken": rules.supplement_words(visitor.supplements),
        "caveats": page_caveats,
    }
