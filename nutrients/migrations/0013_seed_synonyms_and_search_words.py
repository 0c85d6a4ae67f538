"""Seed the synonyms readers use, give editors the synonym permissions, and move the
words that were only ever for search out of the "also called" names of existing
databases (a fresh database gets all of this from fixtures/content.json too)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nutrients.editors import sync_editors_group

SYNONYMS = [
    "numb, numbness",
    "tingly, tingling, pins and needles",
    "swollen, swelling",
    "dvt, blood clot, deep vein thrombosis",
    "b-12, b12, cobalamin",
    "water pills, water tablets, diuretics, diuretic",
    "charley horse, leg cramp, calf cramp",
    "foot, feet",
]
# (model, slug, words moved from other_names to search_words)
SEARCH_ONLY = [
    ("Nutrient", "iron", ["ferritin", "hemoglobin", "haemoglobin", "anaemia"]),
    ("Nutrient", "potassium", ["electrolyte"]),
    ("Nutrient", "phosphorus", ["phosphorous"]),
    ("Food", "chicken", ["poultry", "turkey"]),
    ("Food", "oranges", ["citrus"]),
    ("Food", "soy-milk", ["plant milk"]),
    ("Food", "almond-milk", ["plant milk"]),
    ("Food", "chickpeas", ["hummus"]),
    ("Food", "beef", ["red meat"]),
    ("Food", "beef-liver", ["organ meat"]),
]


def seed(apps, schema_editor):
    synonym = apps.get_model("nutrients", "Synonym")
    for words in SYNONYMS:
        synonym.objects.get_or_create(words=words)
    for model_name, slug, words in SEARCH_ONLY:
        page = apps.get_model("nutrients", model_name).objects.filter(slug=slug).first()
        if page is None:
            continue
        names = [name.strip() for name in page.other_names.split(",") if name.strip()]
        moved = [name for name in names if name.lower() in words]
        if moved:
            page.other_names = ", ".join(name for name in names if name not in moved)
            page.search_words = ", ".join(filter(None, [page.search_words, *moved]))
            page.save(update_fields=["other_names", "search_words"])
    app_config = apps.get_app_config("nutrients")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    sync_editors_group(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("nutrients", "0012_search_words_and_synonyms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
