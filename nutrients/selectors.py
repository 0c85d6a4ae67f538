"""Read queries for the reader pages. Each runs a fixed number of SQL queries,
however much content there is."""

from collections.abc import Collection, Iterable, Sequence

from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404

from legwell.cache import PAGE_TIMEOUT, content_version, shared

from . import search, units
from .models import (
    Food,
    FoodSource,
    IntakeReference,
    Nutrient,
    RelatedNutrient,
    ReliefStrategy,
    RiskFactor,
    RiskFactorLink,
    Source,
    Symptom,
    SymptomLink,
    WarningSign,
)


def published_nutrients():
    return Nutrient.objects.published()


def published_symptoms():
    return Symptom.objects.published()


def published_foods():
    return Food.objects.published()


def pages(model, *, drafts: bool = False):
    """A reader model's pages: the published ones, or drafts too for an editor's preview."""
    return model.objects.all() if drafts else model.objects.published()


def food_amounts():
    """Food amounts with their nutrient's label Daily Value, for computing % DV."""
    label_dv = IntakeReference.objects.filter(nutrient=OuterRef("nutrient"), kind=IntakeReference.Kind.DV)
    return FoodSource.objects.select_related("nutrient", "food", "source").annotate(
        daily_value=Subquery(label_dv.values("amount")[:1])
    )


def with_percent_dv(amounts):
    """Attach percent_dv and percent_dv_high (for a range): as printed, else calculated.

    A food the sources name without an amount gets neither.
    """
    amounts = list(amounts)
    for row in amounts:
        row.percent_dv_calculated = row.printed_percent_dv is None
        row.percent_dv = row.printed_percent_dv
        row.percent_dv_high = None
        if row.percent_dv_calculated and row.amount is not None:
            row.percent_dv = units.percent_daily_value(row.amount, row.unit, row.nutrient, row.daily_value)
            if row.amount_high is not None:
                row.percent_dv_high = units.percent_daily_value(
                    row.amount_high, row.unit, row.nutrient, row.daily_value
                )
    return amounts


def nutrient_detail(slug: str, *, drafts: bool = False) -> Nutrient:
    nutrient = get_object_or_404(
        pages(Nutrient, drafts=drafts).prefetch_related(
            Prefetch(
                "symptom_links",
                SymptomLink.objects.filter(symptom__in=published_symptoms()).select_related("symptom"),
            ),
            Prefetch(
                "intakes",
                IntakeReference.objects.select_related("source").order_by("kind", "group"),
            ),
            Prefetch(
                "related_links",
                RelatedNutrient.objects.filter(related__in=published_nutrients()).select_related("related"),
            ),
            "risk_links__risk_factor",
            "sources",
        ),
        slug=slug,
    )
    nutrient.foods = with_percent_dv(
        food_amounts().filter(nutrient=nutrient, food__in=published_foods()).order_by("-amount", "food__name")
    )
    return nutrient


def symptom_detail(slug: str, *, drafts: bool = False) -> Symptom:
    symptom = get_object_or_404(
        pages(Symptom, drafts=drafts).prefetch_related(
            Prefetch(
                "nutrient_links",
                SymptomLink.objects.filter(nutrient__in=published_nutrients()).select_related("nutrient"),
            ),
            "relief_strategies",
            "warning_signs",
        ),
        slug=slug,
    )
    symptom.related = same_category(published_symptoms(), symptom)
    return symptom


def food_detail(slug: str, *, drafts: bool = False) -> Food:
    food = get_object_or_404(pages(Food, drafts=drafts), slug=slug)
    food.amounts = with_percent_dv(
        food_amounts().filter(food=food, nutrient__in=published_nutrients()).order_by("nutrient__name")
    )
    food.related = same_category(published_foods(), food)
    return food


def same_category(published, page):
    """The other published pages in the page's category, for its "related" links."""
    return list(published.filter(category=page.category).exclude(pk=page.pk).only("name", "slug"))


def relief_strategies():
    return ReliefStrategy.objects.prefetch_related(Prefetch("symptoms", published_symptoms()), "sources")


def all_sources():
    return Source.objects.all()


def comparison_options() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(slug, name) of every published symptom and nutrient: what the comparison form offers."""
    return (
        list(published_symptoms().values_list("slug", "name")),
        list(published_nutrients().values_list("slug", "name")),
    )


def comparison_order(*, symptom: str, kind: str, slugs: Iterable[str]) -> list[Nutrient]:
    """The published nutrients the comparison table shows, with only what sorting them
    needs: name, evidence level and, once a symptom is chosen, the link_strength to it."""
    nutrients = published_nutrients().only("name", "evidence_level")
    if symptom:
        strength = SymptomLink.objects.filter(nutrient=OuterRef("pk"), symptom__slug=symptom).values("strength")
        nutrients = nutrients.filter(symptom_links__symptom__slug=symptom).annotate(
            link_strength=Subquery(strength[:1])
        )
    if kind:
        nutrients = nutrients.filter(kind=kind)
    if slugs:
        nutrients = nutrients.filter(slug__in=slugs)
    return list(nutrients)


def comparison_nutrients(*, pks: Sequence[int]) -> list[Nutrient]:
    """One page of the comparison table, in the order given, in three queries: the
    nutrients, their published symptom links, and their published food sources."""
    nutrients = (
        published_nutrients()
        .filter(pk__in=pks)
        .prefetch_related(
            Prefetch(
                "symptom_links",
                SymptomLink.objects.filter(symptom__in=published_symptoms()).select_related("symptom"),
                to_attr="published_symptom_links",
            ),
            Prefetch(
                "food_sources",
                FoodSource.objects.filter(food__in=published_foods()).select_related("food"),
                to_attr="published_food_sources",
            ),
        )
    )
    by_pk = {nutrient.pk: nutrient for nutrient in nutrients}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def search_sections() -> list[tuple[str, list[search.Entry]]]:
    """Every published nutrient, symptom and food as a search entry, folded, for search.find().

    Folding thousands of entries is most of a search's time and every new query
    needs them, so they are built once per content version and kept in the
    shared cache; any content change starts a new version (see legwell/cache.py).
    """
    version = content_version()
    key = f"search-entries:{version}"
    sections = shared.get(key) if version else None
    if sections is None:
        sections = search_entries()
        for _label, entries in sections:
            for entry in entries:
                entry.fold_all()
        if version:
            shared.set(key, sections, PAGE_TIMEOUT)
    return sections


def search_entries() -> list[tuple[str, list[search.Entry]]]:
    """Every published nutrient, symptom and food as a search entry: three queries, whatever
    is searched for. search.py folds and matches them in Python, the same on every database."""
    nutrients = published_nutrients().only(
        "name", "slug", "kind", "other_names", "summary", "family", "deficiency_name", "key_role"
    )
    symptoms = published_symptoms().only("name", "slug", "category", "other_names", "description")
    foods = published_foods().only("name", "slug", "category", "other_names", "description")
    return [
        (
            "Nutrients",
            [
                search.Entry(
                    name=row.name,
                    url=row.get_absolute_url(),
                    summary=row.summary,
                    other_names=row.other_names,
                    text=f"{row.get_kind_display()} {row.family} {row.deficiency_name} {row.key_role}",
                )
                for row in nutrients
            ],
        ),
        (
            "Symptoms",
            [
                search.Entry(
                    name=row.name,
                    url=row.get_absolute_url(),
                    summary=row.description,
                    other_names=row.other_names,
                    text=row.get_category_display(),
                )
                for row in symptoms
            ],
        ),
        (
            "Foods",
            [
                search.Entry(
                    name=row.name,
                    url=row.get_absolute_url(),
                    summary=row.description or row.get_category_display(),
                    other_names=row.other_names,
                    text=row.get_category_display(),
                )
                for row in foods
            ],
        ),
    ]


# The questionnaire: three queries on every page for what it offers, a few
# more on the result, whatever the answers.


def questionnaire_options() -> dict[str, list]:
    """The warning signs that need a doctor today or an emergency number (emergency first),
    the published symptoms, and the circumstances (every risk factor but a diet, asked apart)."""
    return {
        "signs": list(
            WarningSign.objects.filter(urgency__in=[WarningSign.Urgency.EMERGENCY, WarningSign.Urgency.TODAY]).order_by(
                "urgency", "slug"
            )
        ),
        "symptoms": list(published_symptoms().only("slug", "name", "category", "other_names")),
        "risk_factors": list(RiskFactor.objects.exclude(kind=RiskFactor.Kind.DIET)),
    }


def answer_links(*, symptoms: Collection[str], risk_factors: Collection[str]) -> dict[str, list]:
    """The links from the chosen symptoms and risk factors to published nutrients (two queries)."""
    return {
        "symptom_links": list(
            SymptomLink.objects.filter(
                symptom__in=published_symptoms().filter(slug__in=symptoms), nutrient__in=published_nutrients()
            ).select_related("nutrient", "symptom")
        ),
        "risk_links": list(
            RiskFactorLink.objects.filter(
                risk_factor__slug__in=risk_factors, nutrient__in=published_nutrients()
            ).select_related("risk_factor")
        ),
    }


def foods_and_upper_limits(*, nutrients: Collection[Nutrient]) -> tuple[list[FoodSource], list[IntakeReference]]:
    """The published foods that provide these nutrients, and their upper limits (two queries)."""
    return (
        list(FoodSource.objects.filter(nutrient__in=nutrients, food__in=published_foods()).select_related("food")),
        list(IntakeReference.objects.filter(nutrient__in=nutrients, kind=IntakeReference.Kind.UL).order_by("group")),
    )


def symptom_help(*, symptoms: Collection[str], circulation_sign: str) -> dict[str, list]:
    """For the chosen symptoms: the relief strategies and the "see a doctor soon" warning
    signs; and the sign of poor circulation, asked for by its slug (three queries)."""
    chosen = published_symptoms().filter(slug__in=symptoms)
    return {
        "strategies": list(ReliefStrategy.objects.filter(symptoms__in=chosen).distinct()),
        "soon_signs": list(
            WarningSign.objects.filter(symptoms__in=chosen, urgency=WarningSign.Urgency.SOON)
            .exclude(slug=circulation_sign)
            .distinct()
        ),
        "circulation_signs": list(WarningSign.objects.filter(slug=circulation_sign)),
    }
