"""Make the content N times larger, for checking that pages stay fast as it grows.

Copies every nutrient, symptom, food, medicine and condition, with their links
to each other and to the shared sources, risk factors, relief strategies,
warning signs and caveats.
Copy k of magnesium is "Magnesium (copy k)" at magnesium-copy-k, linked to
copy k of the symptoms and foods, so every list and page grows N times.
"""

from django.db import transaction

from legwell.cache import bump_content_version
from search.index import rebuild

from .models import (
    Caveat,
    Condition,
    ConditionNutrientLink,
    EvidenceCitation,
    Food,
    FoodSource,
    IntakeReference,
    Medicine,
    MedicineNutrientLink,
    MedicineSymptomLink,
    Nutrient,
    RelatedNutrient,
    RiskFactorLink,
    Symptom,
    SymptomLink,
)

# In order: a model's many-to-many links are copied with it, so what they point to is copied first.
COPIED = (Nutrient, Symptom, Food, Medicine, Condition)
LINKS = (
    SymptomLink,
    FoodSource,
    IntakeReference,
    RiskFactorLink,
    RelatedNutrient,
    MedicineNutrientLink,
    MedicineSymptomLink,
    ConditionNutrientLink,
    EvidenceCitation,
    # The copies need the same cautions as their originals (declared on Caveat).
    Caveat.foods.through,
    Caveat.nutrients.through,
    Caveat.medicines.through,
)
COPY_SLUG = "-copy-"


def copy_of(obj, ids: dict, copy: int, **changes):
    """A new unsaved instance with obj's fields, its links to copied models
    pointing at their copy number `copy`."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation and field.related_model in COPIED:
            value = ids[field.related_model][value, copy]
        values[field.attname] = value
    return type(obj)(**{**values, **changes})


def copy_links(through, ids: dict, copies: range):
    originals = list(through.objects.all())
    through.objects.bulk_create([copy_of(link, ids, copy) for copy in copies for link in originals], batch_size=1000)


@transaction.atomic
def multiply_content(*, times: int) -> None:
    if times < 2:
        raise ValueError("Give --times 2 or more: 1 would leave the content as it is.")
    if any(model.objects.filter(slug__contains=COPY_SLUG).exists() for model in COPIED):
        raise ValueError("This database already holds generated copies; generate into a fresh one.")
    copies = range(2, times + 1)
    ids = {}
    for model in COPIED:
        originals = list(model.objects.all())
        pairs = [(obj, copy) for copy in copies for obj in originals]
        # A role belongs to one row only: the copies get none.
        roleless = {"role": ""} if any(field.name == "role" for field in model._meta.concrete_fields) else {}
        made = model.objects.bulk_create(
            [
                copy_of(
                    obj, ids, copy, name=f"{obj.name} (copy {copy})", slug=f"{obj.slug}{COPY_SLUG}{copy}", **roleless
                )
                for obj, copy in pairs
            ],
            batch_size=1000,
        )
        ids[model] = {(obj.pk, copy): new.pk for (obj, copy), new in zip(pairs, made, strict=True)}
        for field in model._meta.many_to_many:
            copy_links(field.remote_field.through, ids, copies)
    for model in LINKS:
        copy_links(model, ids, copies)
    # bulk_create sends no signals, so say once that the content changed, and index it.
    rebuild()
    bump_content_version()
