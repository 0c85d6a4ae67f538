"""The database's own full-text search, behind two functions that behave the same
on SQLite and PostgreSQL:

- `match()`: the documents that meet every need of a query (each need by any of its
  terms), scored with field weights (a name beats a passing mention), the best
  `per_kind` of each kind, each with how many of its kind matched. Two queries:
  the scores of every match, then the best documents.
- `similar_words()`: the indexed words among the query's, and those that look like
  them (trigrams), for correcting misspellings. One query.

SQLite: an FTS5 table over `search_document` with the porter stemmer, ranked by
bm25() with column weights; a trigram FTS5 table over `search_word`.
PostgreSQL: the stored `vector` (setweight A to D, GIN index), SearchRank, and
pg_trgm's similarity over `search_word` (GIN trigram index).
"""

import heapq
from collections import defaultdict
from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import F

from nutrients.search import Need, Term

from .models import Document, Word

# Name, other names, summary, body, links: the same order of weight on both databases.
BM25_WEIGHTS = (10.0, 8.0, 4.0, 1.5, 1.0)
PG_WEIGHTS = [0.1, 0.15, 0.4, 1.0]  # D (links), C (body), B (summary), A (name and other names)
CONFIG = "english"
SIMILAR_WORDS = 12  # candidates per query word
COLUMNS = ("id", "kind", "object_id", "url", "title", "summary", "also_called", "urgency", "detail")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def match(*, needs: Sequence[Need], per_kind: int) -> list[Document]:
    if not needs:
        return []
    scored = _scores_postgres(needs) if is_postgres() else _scores_sqlite(needs)
    # The best of each kind, picked in Python: window functions over thousands of
    # matches cost more than this on both databases.
    by_kind = defaultdict(list)
    for pk, kind, score in scored:
        by_kind[kind].append((score, -pk))
    best = {}
    for rows in by_kind.values():
        for score, negative_pk in heapq.nlargest(per_kind, rows):
            best[-negative_pk] = (score, len(rows))
    documents = list(Document.objects.filter(pk__in=best).only(*COLUMNS, "name_text", "alias_text"))
    for document in documents:
        document.score, document.kind_count = best[document.pk]
    return documents


def similar_words(words: Sequence[str]) -> set[str]:
    words = [word for word in words if len(word) <= 60]
    if not words:
        return set()
    return _similar_postgres(words) if is_postgres() else _similar_sqlite(words)


def analyse() -> None:
    """Fresh planner statistics after a rebuild (PostgreSQL), so the first searches get good plans."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document, search_word")


def vectorise(**filters) -> None:
    """Compute the stored vector of these documents (PostgreSQL; SQLite's FTS5 table follows by triggers)."""
    if is_postgres():
        Document.objects.filter(**filters).update(
            vector=SearchVector("name_text", "alias_text", weight="A", config=CONFIG)
            + SearchVector("summary_text", weight="B", config=CONFIG)
            + SearchVector("body_text", weight="C", config=CONFIG)
            + SearchVector("link_text", weight="D", config=CONFIG)
        )


# SQLite


def fts5_term(term: Term) -> str:
    # Words are folded to letters and digits, so quoting them is all the escaping needed.
    return f'"{term.text}"' + ("*" if term.prefix else "")


def fts5_query(needs: Sequence[Need]) -> str:
    return " AND ".join("(" + " OR ".join(fts5_term(term) for term in need) + ")" for need in needs)


def _scores_sqlite(needs) -> list[tuple[int, str, float]]:
    weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
    sql = f"""
        SELECT d.id, d.kind, -bm25(search_fts, {weights})
        FROM search_fts JOIN search_document AS d ON d.id = search_fts.rowid
        WHERE search_fts MATCH %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts5_query(needs)])
        return cursor.fetchall()


def _similar_sqlite(words):
    exact = ", ".join(["%s"] * len(words))
    parts, params = [f"SELECT word FROM search_word WHERE word IN ({exact})"], list(words)
    for word in words:
        trigrams = [word[i : i + 3] for i in range(len(word) - 2)]
        if trigrams:
            parts.append(
                "SELECT * FROM (SELECT w.word FROM search_word_trigram AS t JOIN search_word AS w ON w.id = t.rowid"
                " WHERE search_word_trigram MATCH %s ORDER BY t.rank LIMIT %s)"
            )
            params += [" OR ".join(f'"{trigram}"' for trigram in trigrams), SIMILAR_WORDS]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)
        return {row[0] for row in cursor.fetchall()}


# PostgreSQL


def pg_term(term: Term) -> SearchQuery:
    if term.prefix:
        return SearchQuery(f"{term.text}:*", search_type="raw", config=CONFIG)
    return SearchQuery(term.text, search_type="phrase", config=CONFIG)


def pg_query(needs: Sequence[Need]) -> SearchQuery:
    query = None
    for need in needs:
        # 'cramps:*' matches 'cramps' too. Asking for both doubles PostgreSQL's guess
        # of the matches, and above a third of the table it reads every row instead
        # of the index.
        prefixed = {term.text for term in need if term.prefix}
        alternatives = None
        for term in (term for term in need if term.prefix or term.text not in prefixed):
            alternatives = pg_term(term) if alternatives is None else alternatives | pg_term(term)
        query = alternatives if query is None else query & alternatives
    return query


def _scores_postgres(needs) -> list[tuple[int, str, float]]:
    query = pg_query(needs)
    rank = SearchRank(F("vector"), query, weights=PG_WEIGHTS)
    return list(Document.objects.filter(vector=query).annotate(score=rank).values_list("id", "kind", "score"))


def _similar_postgres(words):
    exact = Word.objects.filter(word__in=words).values_list("word", flat=True)
    similar = [
        Word.objects.filter(word__trigram_similar=word)
        .annotate(similarity=TrigramSimilarity("word", word))
        .order_by("-similarity")
        .values_list("word", flat=True)[:SIMILAR_WORDS]
        for word in words
        if len(word) >= 3
    ]
    return set(exact.union(*similar)) if similar else set(exact)
