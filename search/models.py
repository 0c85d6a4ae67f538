"""The search index: one row a page (and a warning sign), and the words it holds.

These are derived data, rebuilt from the content at any time (`manage.py
rebuild_search_index`), so they live apart from the content app: they are never
exported, versioned or edited. The full-text index itself is the database's own:
an FTS5 table over `search_document` on SQLite, the stored `vector` column with
a GIN index on PostgreSQL (see the migration and search/engine.py).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from nutrients.search import Kind


class Document(models.Model):
    kind = models.CharField(max_length=12, help_text="nutrient, symptom, food, medicine, condition, relief or warning.")
    object_id = models.PositiveBigIntegerField(help_text="The page's primary key in its own table.")
    url = models.CharField(max_length=300, blank=True, help_text="Where the hit links to.")
    title = models.CharField(max_length=300, help_text="The page's name as readers see it.")
    summary = models.TextField(blank=True, help_text="The line shown under the hit.")
    also_called = models.CharField(max_length=300, blank=True, help_text="The page's other names, as shown on it.")
    urgency = models.CharField(max_length=10, blank=True, help_text="A warning sign's urgency.")
    detail = models.TextField(blank=True, help_text="A warning sign's condition: what it may point to.")
    # Normalised text (search.normalise), weighted from name (most) to links (least).
    name_text = models.TextField(help_text="The name.")
    alias_text = models.TextField(blank=True, help_text="Other names and search-only words, comma-separated.")
    summary_text = models.TextField(blank=True, help_text="The summary or description.")
    body_text = models.TextField(blank=True, help_text="The rest of the page's text.")
    link_text = models.TextField(blank=True, help_text="The names of the pages it links to.")
    # PostgreSQL only: setweight(to_tsvector(...)) of the five texts; always NULL on SQLite.
    vector = SearchVectorField(null=True, editable=False, help_text="The weighted full-text vector (PostgreSQL).")

    class Meta:
        db_table = "search_document"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_page")]

    def __str__(self):
        return f"{self.kind}: {self.title}"

    def get_kind_label(self) -> str:
        return Kind.LABELS.get(self.kind, "")


class Word(models.Model):
    """Every word the index holds, for correcting misspellings by trigram similarity."""

    word = models.CharField(max_length=60, unique=True, help_text="A normalised word.")

    class Meta:
        db_table = "search_word"

    def __str__(self):
        return self.word
