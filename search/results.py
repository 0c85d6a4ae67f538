"""A search, from the reader's words to what the page shows: a fixed handful of
queries whatever the content's size (the synonyms, from the cache after the first
search; the words like the query's; the match, and once more with any word when
every word together finds nothing; and the answer for the best hit, at most two)."""

from dataclasses import dataclass, field

from nutrients import search as rules
from nutrients import selectors
from nutrients.search import Kind

from . import engine

PER_KIND = 30  # the best documents of each kind the engine returns
SHOWN = 30  # hits listed on the page
SUGGESTED = 6  # hits in the header's suggestion list


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)  # listed pages, best first (of the chosen kind, if any)
    counts: dict[str, int] = field(default_factory=dict)  # pages of each kind that matched
    kind: str = ""
    urgent: list = field(default_factory=list)  # the warning signs to show first
    corrected: dict[str, str] = field(default_factory=dict)
    did_you_mean: str | None = None
    loose: bool = False  # no page had every word: these have some
    answer: dict | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shown(self) -> int:
        return self.counts.get(self.kind, 0) if self.kind else self.total

    @property
    def filters(self) -> list[tuple[str, str, int]]:
        return [(kind, Kind.PLURALS[kind], count) for kind, count in self.counts.items()]


def find(*, q: str, kind: str = "") -> Results:
    nutrient_named = rules.food_request(q)
    words = rules.query_words(nutrient_named or q)
    if not words:
        return Results(query=q, kind=kind)
    vocabulary = engine.similar_words(words)
    plan = rules.plan(
        words=words, synonyms=rules.synonym_groups(selectors.synonyms()), vocabulary=vocabulary, as_you_type=True
    )
    documents, loose = engine.match(needs=plan.needs, per_kind=PER_KIND), False
    if not documents and len(plan.needs) > 1:
        documents, loose = engine.match(needs=[tuple(t for need in plan.needs for t in need)], per_kind=PER_KIND), True
    ranked = rules.ranked(hits=documents, needs=plan.needs)
    pages = [doc for doc in ranked if doc.kind in Kind.LISTED]
    warnings = [doc for doc in ranked if doc.kind == Kind.WARNING]
    return Results(
        query=q,
        hits=[doc for doc in pages if not kind or doc.kind == kind][:SHOWN],
        counts=rules.kind_counts(hits=pages),
        kind=kind,
        urgent=rules.urgent_signs(hits=pages, warnings=warnings, needs=plan.needs),
        corrected=plan.corrected,
        did_you_mean=None if pages else rules.did_you_mean(words=words, vocabulary=vocabulary, tried=plan.corrected),
        loose=loose,
        answer=answer(pages=pages, foods=nutrient_named is not None),
    )


def answer(*, pages: list, foods: bool) -> dict | None:
    """What the best hit brings with it: for 'foods high in X', X's food table; for a
    symptom, its nutrients and the conditions to rule out; for a medicine, the nutrients
    it affects."""
    about = rules.answer_for(hits=pages, foods=foods)
    if about is None:
        return None
    if about.kind == Kind.NUTRIENT:
        return {"kind": "foods", "about": about, **selectors.food_answer(nutrient_id=about.object_id)}
    if about.kind == Kind.SYMPTOM:
        return {"kind": "symptom", "about": about, **selectors.symptom_answer(symptom_id=about.object_id)}
    return {"kind": "medicine", "about": about, **selectors.medicine_answer(medicine_id=about.object_id)}


def suggest(*, q: str) -> list:
    """The few best pages for the header's suggestion list, as one types."""
    return find(q=q).hits[:SUGGESTED]
