"""The database's own full-text index over search_document, and a trigram index
over search_word for misspellings.

SQLite: FTS5 tables with external content, kept in step by triggers (the pattern
in SQLite's FTS5 documentation): the porter stemmer over unicode61 with accents
removed for documents, the trigram tokenizer for words.
PostgreSQL: a GIN index on the stored vector, the pg_trgm extension and a GIN
trigram index on the words.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        name_text, alias_text, summary_text, body_text, link_text,
        content='search_document', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, name_text, alias_text, summary_text, body_text, link_text)
        VALUES (new.id, new.name_text, new.alias_text, new.summary_text, new.body_text, new.link_text);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, name_text, alias_text, summary_text, body_text, link_text)
        VALUES ('delete', old.id, old.name_text, old.alias_text, old.summary_text, old.body_text, old.link_text);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, name_text, alias_text, summary_text, body_text, link_text)
        VALUES ('delete', old.id, old.name_text, old.alias_text, old.summary_text, old.body_text, old.link_text);
        INSERT INTO search_fts(rowid, name_text, alias_text, summary_text, body_text, link_text)
        VALUES (new.id, new.name_text, new.alias_text, new.summary_text, new.body_text, new.link_text);
    END""",
    """CREATE VIRTUAL TABLE search_word_trigram USING fts5(
        word, content='search_word', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_word_ai AFTER INSERT ON search_word BEGIN
        INSERT INTO search_word_trigram(rowid, word) VALUES (new.id, new.word);
    END""",
    """CREATE TRIGGER search_word_ad AFTER DELETE ON search_word BEGIN
        INSERT INTO search_word_trigram(search_word_trigram, rowid, word) VALUES ('delete', old.id, old.word);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_word_ad",
    "DROP TRIGGER search_word_ai",
    "DROP TABLE search_word_trigram",
    "DROP TRIGGER search_document_au",
    "DROP TRIGGER search_document_ad",
    "DROP TRIGGER search_document_ai",
    "DROP TABLE search_fts",
]
POSTGRES = [
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
    "CREATE INDEX search_word_trigram ON search_word USING gin (word gin_trgm_ops)",
]
POSTGRES_REVERSE = ["DROP INDEX search_word_trigram", "DROP INDEX search_document_vector"]


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),  # does nothing on other databases
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
