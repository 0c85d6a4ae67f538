"""Search rules: how a query is folded, what it matches and in which order.

Matching happens in Python on folded text rather than in SQL, so it is the
same on SQLite and PostgreSQL (neither folds accents with a portable lookup)
and the number of queries stays fixed: the content is a few hundred rows.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property

# Words that carry no meaning on their own, left out when a query's words are
# matched one by one ("cramps at night").
STOP_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "my", "of", "on", "or", "the", "to", "with"})
APOSTROPHES = str.maketrans("", "", "'\u2019")
NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")


class Tier(IntEnum):
    """How a page matched, best first."""

    EXACT_NAME = 0
    NAME_PREFIX = 1
    NAME_WORD = 2
    OTHER_NAME = 3
    DESCRIPTION = 4
    ALL_WORDS = 5


@dataclass(frozen=True)
class Entry:
    """What search reads of one page."""

    name: str
    url: str
    summary: str
    other_names: str = ""  # comma-separated, as editors type them
    text: str = ""  # everything else worth matching: description, category...

    # Folded once per entry, however many query variants are tried.
    @cached_property
    def folded_name(self) -> str:
        return fold(self.name)

    @cached_property
    def folded_other_names(self) -> list[str]:
        return [fold(other) for other in self.other_names.split(",")]

    @cached_property
    def folded_description(self) -> str:
        return fold(f"{self.summary} {self.text}")

    @cached_property
    def folded_everything(self) -> str:
        return " ".join((self.folded_name, *self.folded_other_names, self.folded_description))

    def fold_all(self) -> None:
        """Fold every field now, so a stored entry keeps them (they are pickled with it)."""
        self.folded_everything  # noqa: B018 (reading it folds the others too)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    tier: Tier


@dataclass(frozen=True)
class Group:
    label: str
    hits: list[Hit]

    @property
    def slug(self) -> str:
        return fold(self.label).replace(" ", "-")


@dataclass(frozen=True)
class Results:
    query: str
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def fold(text: str) -> str:
    """Lower case without accents, punctuation or repeated spaces: 'Café-Crème' -> 'cafe creme'.

    Letters of every script are kept; apostrophes vanish ("cow's" -> 'cows')
    and other symbols become spaces.
    """
    if text.isascii():
        # Most text is plain ASCII, with no accents to strip: the same result as
        # fold_unicode(), ten times faster (search folds every page's text).
        return " ".join(NOT_ASCII_ALNUM.sub(" ", text.lower().translate(APOSTROPHES)).split())
    return fold_unicode(text)


def fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char)).translate(APOSTROPHES)
    return " ".join("".join(char if char.isalnum() else " " for char in letters).split())


def variants(term: str) -> list[str]:
    """The folded term, then its singular forms as fallbacks: 'bananas' -> ['bananas', 'banana']."""
    forms = [term]
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
        stem = term.removesuffix(suffix)
        if stem != term and len(stem) >= 3:
            forms.append(stem + replacement)
    return forms


def starts_a_word(text: str, term: str) -> bool:
    """Whether a word of folded `text` starts with `term` ('leg cramps', 'cramp')."""
    return f" {term}" in f" {text}"


def phrase_tier(entry: Entry, term: str) -> Tier | None:
    """How well the whole folded phrase `term` matches one field of the entry."""
    name = entry.folded_name
    if name == term:
        return Tier.EXACT_NAME
    if name.startswith(term):
        return Tier.NAME_PREFIX
    if starts_a_word(name, term):
        return Tier.NAME_WORD
    if any(starts_a_word(other, term) for other in entry.folded_other_names):
        return Tier.OTHER_NAME
    if starts_a_word(entry.folded_description, term):
        return Tier.DESCRIPTION
    return None


def word_forms(query: str) -> list[list[str]]:
    """Each meaningful word of the folded query, with its singular forms."""
    return [variants(word) for word in query.split() if word not in STOP_WORDS]


def every_word_matches(entry: Entry, words: list[list[str]]) -> bool:
    """Whether each word (in one of its forms) starts a word somewhere in the entry."""
    return bool(words) and all(any(starts_a_word(entry.folded_everything, form) for form in forms) for forms in words)


def match(*, entry: Entry, phrases: list[str], words: list[list[str]] | None = None) -> Tier | None:
    """The best tier at which one of the query's phrase forms matches the entry, or None.
    Given the query's words (loose matching), it asks only that every word appears somewhere."""
    if words is not None:
        return Tier.ALL_WORDS if every_word_matches(entry, words) else None
    return min((tier for term in phrases if (tier := phrase_tier(entry, term)) is not None), default=None)


def rank(*, query: str, entries: Iterable[Entry], loose: bool = False) -> list[Hit]:
    """Entries that match, best tier first, then by name. A query with no letters or digits matches nothing."""
    folded = fold(query)
    if not folded:
        return []
    # The query's forms are worked out once, not once an entry: there can be thousands.
    phrases, words = variants(folded), word_forms(folded) if loose else None
    tiers = ((entry, match(entry=entry, phrases=phrases, words=words)) for entry in entries)
    hits = [Hit(entry, tier) for entry, tier in tiers if tier is not None]
    return sorted(hits, key=lambda hit: (hit.tier, hit.entry.folded_name))


def find(*, query: str, sections: Sequence[tuple[str, Sequence[Entry]]]) -> Results:
    """Ranked hits grouped by section ('Nutrients', 'Symptoms', 'Foods'); the section
    with the best hit comes first, ties keep the order given; empty sections are left out.
    Only when the phrase matches nothing anywhere are the query's words matched one by one
    ('cramps at night'), so loose matches never crowd out good ones."""
    for loose in (False, True):
        ranked = ((label, rank(query=query, entries=entries, loose=loose)) for label, entries in sections)
        groups = [Group(label, hits) for label, hits in ranked if hits]
        if groups:
            break
    groups.sort(key=lambda group: group.hits[0].tier)
    return Results(query=query, groups=groups)
