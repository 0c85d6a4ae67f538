"""Building the search index from the content: one document a published page,
and one a warning sign (for the urgency box).

`rebuild()` writes every document again (the rebuild command, load_content,
generate_content); `refresh(pages)` writes the documents of some pages and of the
pages they link to, whose documents hold their names (the signals call it after
every edit).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from nutrients import models as content
from nutrients.search import Kind, normalise

from . import engine
from .models import Document, Word

MIN_WORD_LENGTH = 3

# A page is (kind, primary key).
Page = tuple[str, int]


@dataclass
class Built:
    """A document to write, and the pages whose documents mention this one."""

    document: Document
    neighbours: set[Page] = field(default_factory=set)


def text(*parts) -> str:
    return normalise(" ".join(str(part) for part in parts if part))


def names(rows: Iterable) -> str:
    return ", ".join(str(row) for row in rows)


def document(*, kind, obj, url, title, summary="", also_called="", aliases="", summary_text="", body="", links=""):
    return Document(
        kind=kind,
        object_id=obj.pk,
        url=url,
        title=title,
        summary=summary,
        also_called=also_called,
        name_text=text(title),
        alias_text=", ".join(normalise(alias) for alias in aliases.split(",") if normalise(alias)),
        summary_text=text(summary_text or summary),
        body_text=text(body),
        link_text=text(links),
    )


def aliases_of(page) -> str:
    return ", ".join(part for part in (page.other_names, page.search_words) if part)


def nutrients(pks=None) -> list[Built]:
    rows = content.Nutrient.objects.published().prefetch_related(
        "symptom_links__symptom",
        "food_sources__food",
        "medicine_links__medicine",
        "risk_links__risk_factor",
        "condition_links__condition",
    )
    built = []
    for row in rows if pks is None else rows.filter(pk__in=pks):
        symptoms = [link.symptom for link in row.symptom_links.all()]
        foods = [link.food for link in row.food_sources.all()]
        medicines = [link.medicine for link in row.medicine_links.all()]
        doc = document(
            kind=Kind.NUTRIENT,
            obj=row,
            url=row.get_absolute_url(),
            title=row.name,
            summary=row.summary,
            also_called=row.other_names,
            aliases=f"{aliases_of(row)}, {row.deficiency_name}",
            summary_text=f"{row.summary} {row.key_role} {row.leg_function}",
            body=" ".join(
                (
                    row.get_kind_display(),
                    row.family,
                    row.role_in_legs,
                    row.how_shortage_shows,
                    row.supplement_notes,
                    row.evidence_note,
                    row.who_might_benefit,
                    row.blood_test,
                    row.signs_of_too_much,
                    row.interactions,
                )
            ),
            links=" ".join(
                (
                    names(symptoms),
                    names(foods),
                    names(medicines),
                    names(link.risk_factor for link in row.risk_links.all()),
                    names(link.condition for link in row.condition_links.all()),
                )
            ),
        )
        neighbours = {(Kind.SYMPTOM, s.pk) for s in symptoms} | {(Kind.FOOD, f.pk) for f in foods}
        neighbours |= {(Kind.CONDITION, link.condition_id) for link in row.condition_links.all()}
        built.append(Built(doc, neighbours | {(Kind.MEDICINE, m.pk) for m in medicines}))
    return built


def symptoms(pks=None) -> list[Built]:
    rows = content.Symptom.objects.published().prefetch_related(
        "nutrient_links__nutrient", "relief_strategies", "conditions", "medicine_links__medicine"
    )
    built = []
    for row in rows if pks is None else rows.filter(pk__in=pks):
        linked = [link.nutrient for link in row.nutrient_links.all()]
        conditions = list(row.conditions.all())
        medicines = [link.medicine for link in row.medicine_links.all()]
        doc = document(
            kind=Kind.SYMPTOM,
            obj=row,
            url=row.get_absolute_url(),
            title=row.name,
            summary=row.description,
            also_called=row.other_names,
            aliases=aliases_of(row),
            body=f"{row.get_category_display()} {names(row.relief_strategies.all())}",
            links=f"{names(linked)} {names(conditions)} {names(medicines)}",
        )
        neighbours = {(Kind.NUTRIENT, n.pk) for n in linked} | {(Kind.CONDITION, c.pk) for c in conditions}
        built.append(Built(doc, neighbours | {(Kind.MEDICINE, m.pk) for m in medicines}))
    return built


def foods(pks=None) -> list[Built]:
    rows = content.Food.objects.published().prefetch_related("nutrient_amounts__nutrient")
    built = []
    for row in rows if pks is None else rows.filter(pk__in=pks):
        linked = [source.nutrient for source in row.nutrient_amounts.all()]
        doc = document(
            kind=Kind.FOOD,
            obj=row,
            url=row.get_absolute_url(),
            title=row.name,
            summary=row.description or row.get_category_display(),
            also_called=row.other_names,
            aliases=aliases_of(row),
            body=row.get_category_display(),
            links=names(linked),
        )
        built.append(Built(doc, {(Kind.NUTRIENT, n.pk) for n in linked}))
    return built


def medicines(pks=None) -> list[Built]:
    rows = content.Medicine.objects.published().prefetch_related("nutrient_links__nutrient", "symptom_links__symptom")
    built = []
    for row in rows if pks is None else rows.filter(pk__in=pks):
        nutrient_links, symptom_links = list(row.nutrient_links.all()), list(row.symptom_links.all())
        doc = document(
            kind=Kind.MEDICINE,
            obj=row,
            url=row.get_absolute_url(),
            title=row.name,
            summary=row.purpose,
            also_called=row.other_names,
            aliases=aliases_of(row),
            body=" ".join(link.why for link in (*nutrient_links, *symptom_links)),
            links=f"{names(link.nutrient for link in nutrient_links)} {names(link.symptom for link in symptom_links)}",
        )
        neighbours = {(Kind.NUTRIENT, link.nutrient_id) for link in nutrient_links}
        built.append(Built(doc, neighbours | {(Kind.SYMPTOM, link.symptom_id) for link in symptom_links}))
    return built


def conditions(pks=None) -> list[Built]:
    rows = content.Condition.objects.published().prefetch_related(
        "symptoms", "medicines", "warning_signs", "nutrient_links__nutrient"
    )
    built = []
    for row in rows if pks is None else rows.filter(pk__in=pks):
        linked_symptoms, signs = list(row.symptoms.all()), list(row.warning_signs.all())
        doc = document(
            kind=Kind.CONDITION,
            obj=row,
            url=row.get_absolute_url(),
            title=row.name,
            summary=row.summary,
            also_called=row.other_names,
            aliases=aliases_of(row),
            body=" ".join(
                (
                    row.description,
                    row.differs_from_shortage,
                    row.who_is_at_risk,
                    row.what_doctor_checks,
                    " ".join(f"{sign.sign} {sign.detail}" for sign in signs),
                )
            ),
            links=" ".join(
                (
                    names(linked_symptoms),
                    names(row.medicines.all()),
                    names(link.nutrient for link in row.nutrient_links.all()),
                )
            ),
        )
        neighbours = {(Kind.SYMPTOM, s.pk) for s in linked_symptoms} | {
            (Kind.MEDICINE, m.pk) for m in row.medicines.all()
        }
        built.append(Built(doc, neighbours | {(Kind.NUTRIENT, link.nutrient_id) for link in row.nutrient_links.all()}))
    return built


def relief(pks=None) -> list[Built]:
    rows = content.ReliefStrategy.objects.prefetch_related("symptoms")
    return [
        Built(
            document(
                kind=Kind.RELIEF,
                obj=row,
                url=row.get_absolute_url(),
                title=row.name,
                summary=row.summary,
                body=f"{row.how_to} {row.caution}",
                links=names(row.symptoms.all()),
            )
        )
        for row in (rows if pks is None else rows.filter(pk__in=pks))
    ]


def warnings(pks=None) -> list[Built]:
    """Warning signs, for the urgency box: each links to the first published condition
    (or symptom) page that shows it."""
    rows = content.WarningSign.objects.prefetch_related("conditions", "symptoms")
    built = []
    for row in rows if pks is None else rows.filter(pk__in=pks):
        pages = [
            page for page in (*row.conditions.all(), *row.symptoms.all()) if page.status == content.Status.PUBLISHED
        ]
        doc = document(
            kind=Kind.WARNING,
            obj=row,
            url=pages[0].get_absolute_url() if pages else "",
            title=row.sign,
            summary=row.what_to_do,
            aliases=row.condition,
            summary_text=row.detail,
            body=row.why_it_matters,
            links=names(row.symptoms.all()),
        )
        doc.urgency, doc.detail = row.urgency, row.condition
        built.append(Built(doc))
    return built


BUILDERS = {
    Kind.NUTRIENT: nutrients,
    Kind.SYMPTOM: symptoms,
    Kind.FOOD: foods,
    Kind.MEDICINE: medicines,
    Kind.CONDITION: conditions,
    Kind.RELIEF: relief,
    Kind.WARNING: warnings,
}


def words_of(documents: Iterable[Document]) -> set[str]:
    found = set()
    for doc in documents:
        for part in (doc.name_text, doc.alias_text, doc.summary_text, doc.body_text, doc.link_text):
            found.update(word for word in part.replace(",", " ").split() if len(word) >= MIN_WORD_LENGTH)
    return {word for word in found if not word.isdigit() and len(word) <= 60}


@transaction.atomic
def rebuild() -> int:
    """Every document and word written again from the content; returns the number of documents."""
    Document.objects.all().delete()
    Word.objects.all().delete()
    documents = [item.document for build in BUILDERS.values() for item in build()]
    Document.objects.bulk_create(documents, batch_size=500)
    Word.objects.bulk_create([Word(word=word) for word in sorted(words_of(documents))], batch_size=500)
    engine.vectorise()
    transaction.on_commit(engine.analyse)
    return len(documents)


@transaction.atomic
def refresh(pages: set[Page]) -> None:
    """Write again the documents of these pages (deleted or unpublished ones are removed)
    and of the pages they link to, whose documents mention their names."""
    built = build(pages)
    neighbours = {page for item in built for page in item.neighbours} - pages
    built += build(neighbours)
    touched = pages | neighbours
    for kind in {kind for kind, _ in touched}:
        Document.objects.filter(kind=kind, object_id__in=[pk for k, pk in touched if k == kind]).delete()
    documents = [item.document for item in built]
    Document.objects.bulk_create(documents, batch_size=500)
    new_words = words_of(documents)
    Word.objects.bulk_create([Word(word=word) for word in sorted(new_words)], batch_size=500, ignore_conflicts=True)
    engine.vectorise(pk__in=[doc.pk for doc in documents])


def build(pages: set[Page]) -> list[Built]:
    built = []
    for kind, builder in BUILDERS.items():
        pks = [pk for page_kind, pk in pages if page_kind == kind]
        if pks:
            built += builder(pks)
    return built
