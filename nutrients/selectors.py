"""Read queries for the reader pages. Each runs a fixed number of SQL queries,
however much content there is."""

from collections.abc import Collection, Iterable, Sequence

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Prefetch, Q, StringAgg, Subquery, Value, prefetch_related_objects
from django.shortcuts import get_object_or_404

from governance.models import PendingRevision
from legwell.cache import PAGE_TIMEOUT, content_version, shared

from . import caveats, units
from .citations import number_sources
from .models import (
    Caveat,
    CaveatCitation,
    Condition,
    ConditionNutrientLink,
    EvidenceCitation,
    Food,
    FoodSource,
    IntakeReference,
    Medicine,
    MedicineNutrientCitation,
    MedicineNutrientLink,
    MedicineSymptomCitation,
    MedicineSymptomLink,
    Nutrient,
    RelatedNutrient,
    ReliefStrategy,
    ReliefStrategyCitation,
    RiskFactor,
    RiskFactorLink,
    RiskFactorLinkCitation,
    Source,
    Status,
    Symptom,
    SymptomLink,
    SymptomLinkCitation,
    Synonym,
    WarningSign,
    WarningSignCitation,
    by_urgency,
)


def published_nutrients():
    return Nutrient.objects.published()


def published_symptoms():
    return Symptom.objects.published()


# Every food on one page today (49); pages only once the list grows far past that.
FOODS_PER_PAGE = 100


def published_foods():
    return Food.objects.published()


def food_list(number: int) -> tuple[Page, list[Caveat]]:
    """One page of the published foods, each with its caveats, what it is best for
    (food.best) and, for a food the sources name without an amount, the nutrients it is
    named for (food.unrecorded); and the page's numbered caveats (five queries). Raises
    EmptyPage for a page past the last."""
    page = Paginator(
        published_foods().order_by("category", "name").prefetch_related(Prefetch("caveats", caveats_with_sources())),
        FOODS_PER_PAGE,
    ).page(number)
    foods = list(page)
    amounts = with_percent_dv(food_amounts().filter(food__in=foods, nutrient__in=published_nutrients()))
    rows_of: dict[int, list[FoodSource]] = {food.pk: [] for food in foods}
    for row in amounts:
        rows_of[row.food_id].append(row)
    for food in foods:
        with_amount, without = split_by_amount(largest_share_first(rows_of[food.pk]))
        food.best, food.unrecorded = best_per_nutrient(with_amount), best_per_nutrient(without)
    page.object_list = foods
    return page, caveats.number_caveats(caveats.of_foods(foods))


def published_medicines():
    return Medicine.objects.published()


def published_conditions():
    return Condition.objects.published()


def cited(lookup: str, citation_model) -> Prefetch:
    """A claim's citations with their sources, in one query for every claim on the page."""
    return Prefetch(lookup, citation_model.objects.select_related("source"))


def signs_with_sources():
    return WarningSign.objects.prefetch_related(cited("citations", WarningSignCitation))


def caveats_with_sources():
    return Caveat.objects.prefetch_related(cited("citations", CaveatCitation))


def with_food_caveats(food_rows):
    """Food rows (FoodSource) with their food's caveats and their sources: two queries for them all."""
    return food_rows.prefetch_related(Prefetch("food__caveats", caveats_with_sources()))


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


def largest_share_first(rows) -> list:
    """Food amounts by the share of the Daily Value a serving gives, largest first; those
    without one (no amount, or no label Daily Value) last; ties by the nutrient's name."""
    return sorted(rows, key=lambda row: (row.percent_dv is None, -(row.percent_dv or 0), row.nutrient.name))


def best_per_nutrient(rows, *, limit: int = 3) -> list:
    """The first row of each nutrient (rows already in order of importance), the first few nutrients."""
    best: dict[int, FoodSource] = {}
    for row in rows:
        best.setdefault(row.nutrient_id, row)
    return list(best.values())[:limit]


def split_by_amount(rows) -> tuple[list, list]:
    """(the rows with an amount, the rows a source names without one): a table shows
    the first, and one line below it names the second."""
    return [row for row in rows if row.amount is not None], [row for row in rows if row.amount is None]


def with_changes(page):
    """The published medical changes to the page and to the rows it shows (a warning sign
    edited on its own screen, a link edited from its other page), newest first, each with
    who reviewed it: one query."""
    kind = {"app_label": page._meta.app_label, "model": page._meta.model_name}
    on_page = Q(page_id=page.pk, **{f"page_type__{name}": value for name, value in kind.items()})
    shown = Q(shown_on__page_id=page.pk, **{f"shown_on__page_type__{name}": value for name, value in kind.items()})
    page.changes = list(
        PendingRevision.objects.filter(on_page | shown, state=PendingRevision.State.APPROVED)
        .select_related("reviewer")
        .distinct()
        .order_by("-reviewed_at")
    )
    return page


def published_changes(*, limit: int = 100) -> list[PendingRevision]:
    """The site's published medical changes, newest first, with the reader page each changed
    (one query for the changes, one for each kind of page among them)."""
    changes = list(
        PendingRevision.objects.filter(state=PendingRevision.State.APPROVED)
        .select_related("reviewer", "page_type")
        .prefetch_related("page")
        .order_by("-reviewed_at")[:limit]
    )
    for change in changes:
        page = change.page
        change.page_url = page.get_absolute_url() if page and page.status == Status.PUBLISHED else ""
    return changes


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
            cited("symptom_links__citations", SymptomLinkCitation),
            Prefetch("risk_links", RiskFactorLink.objects.select_related("risk_factor")),
            cited("risk_links__citations", RiskFactorLinkCitation),
            "sources",
            Prefetch(
                "medicine_links",
                MedicineNutrientLink.objects.filter(medicine__in=published_medicines())
                .select_related("medicine")
                .order_by("medicine__name"),
            ),
            cited("medicine_links__citations", MedicineNutrientCitation),
            cited("evidence_citations", EvidenceCitation),
            Prefetch("caveats", caveats_with_sources()),
            Prefetch(
                "condition_links",
                ConditionNutrientLink.objects.filter(condition__in=published_conditions())
                .select_related("condition", "source")
                .order_by("condition__name"),
            ),
        ),
        slug=slug,
    )
    nutrient.foods, nutrient.foods_without_amount = split_by_amount(
        with_percent_dv(
            with_food_caveats(food_amounts().filter(nutrient=nutrient, food__in=published_foods())).order_by(
                "-amount", "food__name"
            )
        )
    )
    # The nutrient's own caveats (about its supplements) come first, then its foods'.
    nutrient.caveat_list = caveats.number_caveats(
        [(nutrient, nutrient.caveats.all()), *caveats.of_foods([*nutrient.foods, *nutrient.foods_without_amount])]
    )
    nutrient.top_foods = list({row.food.pk: row.food for row in nutrient.foods}.values())[:3]
    # A caution (kidney disease and potassium, B6 already taken) is not a reason to run short.
    nutrient.risks = [link for link in nutrient.risk_links.all() if link.effect == RiskFactorLink.Effect.RAISES]
    nutrient.cautions = [link for link in nutrient.risk_links.all() if link.effect == RiskFactorLink.Effect.CAUTION]
    nutrient.intake_notes = number_notes(nutrient.intakes.all())
    nutrient.warning_signs = warning_signs_for(symptoms=published_symptoms().filter(nutrient_links__nutrient=nutrient))
    nutrient.source_list = number_sources(
        [
            nutrient,
            *nutrient.caveat_list,
            *nutrient.symptom_links.all(),
            *nutrient.risk_links.all(),
            *nutrient.medicine_links.all(),
            *nutrient.condition_links.all(),
        ],
        also=nutrient.sources.all(),
    )
    return with_changes(nutrient)


def number_notes(rows) -> list[str]:
    """Give each intake row with a note the number of its footnote (row.note_number), the
    same number for the same note, so a note repeated on many rows is printed once below
    the table. Returns the notes in the order of their numbers. A supplements-only upper
    limit's note says what the limit counts, so the page prints it beside the amount instead."""
    numbers: dict[str, int] = {}
    for row in rows:
        footnote = row.note and not row.supplements_only
        row.note_number = numbers.setdefault(row.note, len(numbers) + 1) if footnote else None
    return list(numbers)


def warning_signs_for(*, symptoms) -> list[WarningSign]:
    """The warning signs of these symptoms, each once (one query): a nutrient page shows
    those of the symptoms a shortage can cause, from the same rows as the symptom pages."""
    return by_urgency(signs_with_sources().filter(symptoms__in=symptoms).distinct())


def symptom_detail(slug: str, *, drafts: bool = False) -> Symptom:
    symptom = get_object_or_404(
        pages(Symptom, drafts=drafts).prefetch_related(
            Prefetch(
                "nutrient_links",
                SymptomLink.objects.filter(nutrient__in=published_nutrients()).select_related("nutrient"),
            ),
            cited("nutrient_links__citations", SymptomLinkCitation),
            Prefetch(
                "relief_strategies",
                ReliefStrategy.objects.prefetch_related(Prefetch("caveats", caveats_with_sources())),
            ),
            Prefetch("warning_signs", signs_with_sources()),
            Prefetch(
                "medicine_links",
                MedicineSymptomLink.objects.filter(medicine__in=published_medicines())
                .select_related("medicine")
                .order_by("medicine__name"),
            ),
            cited("medicine_links__citations", MedicineSymptomCitation),
            Prefetch("conditions", published_conditions().only("name", "slug", "summary")),
        ),
        slug=slug,
    )
    symptom.signs = by_urgency(symptom.warning_signs.all())
    symptom.related = same_category(published_symptoms(), symptom)
    symptom.caveat_list = caveats.number_caveats(
        (strategy, strategy.caveats.all()) for strategy in symptom.relief_strategies.all()
    )
    symptom.source_list = number_sources(
        [*symptom.signs, *symptom.nutrient_links.all(), *symptom.medicine_links.all(), *symptom.caveat_list]
    )
    return with_changes(symptom)


def food_detail(slug: str, *, drafts: bool = False) -> Food:
    food = get_object_or_404(pages(Food, drafts=drafts), slug=slug)
    # What the food gives most of comes first.
    amounts = largest_share_first(with_percent_dv(food_amounts().filter(food=food, nutrient__in=published_nutrients())))
    food.amounts, food.amounts_unrecorded = split_by_amount(amounts)
    food.best = best_per_nutrient(food.amounts)  # each nutrient once, in its best serving
    food.related = same_category(published_foods(), food)
    food.caveat_list = caveats.number_caveats([(food, caveats_with_sources().filter(foods=food))])
    return with_changes(food)


def medicine_detail(slug: str, *, drafts: bool = False) -> Medicine:
    """A medicine with its nutrient and symptom links, warning signs and conditions (six queries)."""
    medicine = get_object_or_404(
        pages(Medicine, drafts=drafts).prefetch_related(
            Prefetch(
                "nutrient_links",
                MedicineNutrientLink.objects.filter(nutrient__in=published_nutrients())
                .select_related("nutrient")
                .order_by("nutrient__name"),
            ),
            cited("nutrient_links__citations", MedicineNutrientCitation),
            Prefetch(
                "symptom_links",
                MedicineSymptomLink.objects.filter(symptom__in=published_symptoms())
                .select_related("symptom")
                .order_by("-strength", "symptom__name"),
            ),
            cited("symptom_links__citations", MedicineSymptomCitation),
            Prefetch("warning_signs", signs_with_sources()),
            Prefetch("conditions", published_conditions().only("name", "slug", "summary")),
            Prefetch("caveats", caveats_with_sources()),
        ),
        slug=slug,
    )
    medicine.signs = by_urgency(medicine.warning_signs.all())
    medicine.caveat_list = caveats.number_caveats([(medicine, medicine.caveats.all())])
    medicine.source_list = number_sources(
        [*medicine.signs, *medicine.caveat_list, *medicine.symptom_links.all(), *medicine.nutrient_links.all()]
    )
    return with_changes(medicine)


def condition_detail(slug: str, *, drafts: bool = False) -> Condition:
    """A condition with its warning signs (emergency first), symptoms, nutrients,
    medicines and sources (seven queries)."""
    condition = get_object_or_404(
        pages(Condition, drafts=drafts).prefetch_related(
            Prefetch("warning_signs", signs_with_sources()),
            Prefetch("symptoms", published_symptoms().only("name", "slug")),
            Prefetch(
                "nutrient_links",
                ConditionNutrientLink.objects.filter(nutrient__in=published_nutrients())
                .select_related("nutrient", "source")
                .order_by("nutrient__name"),
            ),
            Prefetch("medicines", published_medicines().only("name", "slug", "purpose")),
            "sources",
        ),
        slug=slug,
    )
    condition.signs = by_urgency(condition.warning_signs.all())
    condition.related = list(published_conditions().exclude(pk=condition.pk).only("name", "slug"))
    condition.source_list = number_sources(
        [*condition.signs, *condition.nutrient_links.all()], also=condition.sources.all()
    )
    return with_changes(condition)


def same_category(published, page):
    """The other published pages in the page's category, for its "related" links."""
    return list(published.filter(category=page.category).exclude(pk=page.pk).only("name", "slug"))


def relief_strategies() -> tuple[list[ReliefStrategy], list]:
    """The relief strategies with their symptoms, caveats and the warning signs they must not be
    used with (most urgent first), and the page's numbered sources."""
    strategies = list(
        ReliefStrategy.objects.prefetch_related(
            Prefetch("symptoms", published_symptoms()),
            cited("citations", ReliefStrategyCitation),
            Prefetch("unsafe_with", WarningSign.objects.only("slug", "sign", "urgency")),
            Prefetch("caveats", caveats_with_sources()),
        )
    )
    for strategy in strategies:
        strategy.unsafe_signs = by_urgency(strategy.unsafe_with.all())
    return strategies, number_sources([*strategies, *(c for strategy in strategies for c in strategy.caveats.all())])


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
    nutrients (with the names of the published medicines that lower each), their
    published symptom links, and their published food sources."""
    lowering = (
        MedicineNutrientLink.objects.filter(
            nutrient=OuterRef("pk"), effect=MedicineNutrientLink.Effect.LOWERS, medicine__in=published_medicines()
        )
        .values("nutrient")
        .annotate(names=StringAgg("medicine__name", delimiter=Value("|")))
        .values("names")
    )
    nutrients = (
        published_nutrients()
        .filter(pk__in=pks)
        .annotate(lowering_medicines=Subquery(lowering))
        .prefetch_related(
            Prefetch(
                "symptom_links",
                SymptomLink.objects.filter(symptom__in=published_symptoms()).select_related("symptom"),
                to_attr="published_symptom_links",
            ),
            Prefetch(
                "food_sources",
                with_food_caveats(FoodSource.objects.filter(food__in=published_foods()).select_related("food")),
                to_attr="published_food_sources",
            ),
        )
    )
    by_pk = {nutrient.pk: nutrient for nutrient in nutrients}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def synonyms() -> list[str]:
    """Every synonym row editors keep, as typed: read by every search, so kept in the
    cache under the content version (a new version when any row changes)."""
    key = f"search-synonyms:{content_version()}"
    rows = shared.get(key)
    if rows is None:
        rows = list(Synonym.objects.values_list("words", flat=True))
        shared.set(key, rows, PAGE_TIMEOUT)
    return rows


def symptom_answer(*, symptom_id: int) -> dict[str, list]:
    """For a search that names a symptom: its published nutrients by link strength,
    and the published conditions to rule out (two queries)."""
    return {
        "links": list(
            SymptomLink.objects.filter(symptom_id=symptom_id, nutrient__in=published_nutrients())
            .select_related("nutrient")
            .order_by("-strength", "nutrient__name")
        ),
        "conditions": list(published_conditions().filter(symptoms__id=symptom_id).only("name", "slug", "summary")),
    }


def medicine_answer(*, medicine_id: int) -> dict[str, list]:
    """For a search that names a medicine: the published nutrients it affects (one query)."""
    return {
        "links": list(
            MedicineNutrientLink.objects.filter(medicine_id=medicine_id, nutrient__in=published_nutrients())
            .select_related("nutrient")
            .order_by("-strength", "nutrient__name")
        )
    }


def food_answer(*, nutrient_id: int, limit: int = 10) -> dict[str, list]:
    """For 'foods high in X': the published foods richest in the nutrient per serving, with their
    numbered caveats (three queries)."""
    sources = FoodSource.objects.filter(nutrient_id=nutrient_id, food__status=Status.PUBLISHED).select_related(
        "food", "nutrient", "source"
    )
    richest = list(with_food_caveats(sources).order_by(F("amount").desc(nulls_last=True), "food__name")[:limit])
    return {"sources": richest, "caveats": caveats.number_caveats(caveats.of_foods(richest))}


# The questionnaire: ten queries on every page for what it offers, a few
# more on the result, whatever the answers.


def questionnaire_options() -> dict[str, list]:
    """The warning signs the questionnaire asks about (emergency, then the same day, each with
    the self-care it rules out), the published symptoms and medicines, and every risk factor."""
    signs = WarningSign.objects.filter(urgency__in=[WarningSign.Urgency.EMERGENCY, WarningSign.Urgency.TODAY])
    return {
        "signs": by_urgency(
            signs.prefetch_related(
                cited("citations", WarningSignCitation),
                "unsafe_relief",
                Prefetch("medicines", published_medicines().only("name", "slug")),
            )
        ),
        "symptoms": list(published_symptoms().only("slug", "name", "category", "other_names")),
        "risk_factors": list(RiskFactor.objects.all()),
        "medicines": list(
            published_medicines()
            .only("slug", "name", "other_names", "role")
            .prefetch_related(Prefetch("warning_signs", signs_with_sources().prefetch_related("unsafe_relief")))
        ),
    }


def answer_links(*, symptoms: Collection[str], risk_factors: Collection[str], medicines: Collection[str] = ()) -> dict:
    """The links from the chosen symptoms, risk factors and medicines to published nutrients (three queries)."""
    return {
        "symptom_links": list(
            SymptomLink.objects.filter(
                symptom__in=published_symptoms().filter(slug__in=symptoms), nutrient__in=published_nutrients()
            ).select_related("nutrient", "symptom")
        ),
        "risk_links": list(
            RiskFactorLink.objects.filter(
                risk_factor__slug__in=risk_factors, nutrient__in=published_nutrients()
            ).select_related("risk_factor", "nutrient")
        ),
        "medicine_links": list(
            MedicineNutrientLink.objects.filter(
                medicine__slug__in=medicines, nutrient__in=published_nutrients()
            ).select_related("medicine")
        ),
    }


def cause_conditions() -> list[Condition]:
    """The published conditions the questionnaire can put before a shortage (those with a role),
    with their symptoms, warning signs and sources (four queries)."""
    return list(
        published_conditions()
        .exclude(role="")
        .only("name", "slug", "role")
        .prefetch_related(
            Prefetch("symptoms", Symptom.objects.only("slug")),
            Prefetch("warning_signs", signs_with_sources().prefetch_related("unsafe_relief")),
            "sources",
        )
    )


def medicine_conditions(*, signs: Collection[WarningSign], medicines: Collection[Medicine]) -> list[Condition]:
    """The published conditions that both list one of these warning signs and are caused by one of
    these medicines: statins and dark urine point to statin muscle damage (one query)."""
    if not medicines:
        return []
    return list(
        published_conditions()
        .filter(warning_signs__in=signs, medicines__in=medicines)
        .distinct()
        .only("name", "slug", "summary")
    )


def foods_and_upper_limits(*, nutrients: Collection[Nutrient]) -> tuple[list[FoodSource], list[IntakeReference]]:
    """The published foods that provide these nutrients, with their caveats, and the nutrients'
    upper limits (four queries)."""
    foods = FoodSource.objects.filter(nutrient__in=nutrients, food__in=published_foods()).select_related("food")
    return (
        list(with_food_caveats(foods)),
        list(IntakeReference.objects.filter(nutrient__in=nutrients, kind=IntakeReference.Kind.UL).order_by("group")),
    )


def symptom_help(*, symptoms: Collection[str]) -> dict[str, list]:
    """For the chosen symptoms: the relief strategies with their caveats, and the "see a doctor soon"
    warning signs, with their sources and symptoms (six queries)."""
    chosen = published_symptoms().filter(slug__in=symptoms)
    soon_signs = signs_with_sources().filter(symptoms__in=chosen, urgency=WarningSign.Urgency.SOON)
    soon_signs = soon_signs.prefetch_related(Prefetch("symptoms", Symptom.objects.only("slug")))
    strategies = ReliefStrategy.objects.filter(symptoms__in=chosen).distinct()
    return {
        "strategies": list(strategies.prefetch_related(Prefetch("caveats", caveats_with_sources()))),
        "soon_signs": list(soon_signs.distinct()),
    }


def with_caveats(nutrients: Sequence[Nutrient]) -> None:
    """Load the caveats of these nutrients, with their sources (two queries)."""
    prefetch_related_objects(list(nutrients), Prefetch("caveats", caveats_with_sources()))
