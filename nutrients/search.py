"""Search rules: how readers' words become a query, and how the hits are ordered.

The database does the matching (SQLite FTS5 or PostgreSQL full-text search, see
search/engine.py); these plain functions decide everything around it, so both
databases behave the same: text and queries are folded the same way in Python
(case, accents, British spellings), synonyms and misspellings become
alternatives, and the hits are put in order by rules that do not depend on
either database's score alone.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

# Words that carry no meaning on their own, left out of a query ("cramps at night"):
# PostgreSQL's English stop words (which its full-text search drops anyway), so that
# SQLite, which keeps every word, asks for the same words.
STOP_WORDS = frozenset(
    "a about above after again against all am an and any are as at be because been before being below between "
    "both but by can could did do does doing don down during each few for from further get had has have having he "
    "her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not "
    "now of off on once only or other our ours ourselves out over own s same she should so some such t than that the "
    "their theirs them themselves then there these they this those through to too under until up very was we were "
    "what when where which while who whom why will with would you your yours yourself yourselves".split()
)
APOSTROPHES = str.maketrans("", "", "'\u2019")
NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")
# British spellings, by the start of a word, and the US spelling the site uses:
# the index and the query are both written the US way, so either finds both.
BRITISH_STARTS = (
    ("anaem", "anem"),
    ("haem", "hem"),
    ("oedem", "edem"),
    ("oesoph", "esoph"),
    ("oestr", "estr"),
    ("foet", "fet"),
    ("paed", "ped"),
    ("leukaem", "leukem"),
    ("hypokalaem", "hypokalem"),
    ("hyperkalaem", "hyperkalem"),
    ("hypocalcaem", "hypocalcem"),
    ("hypomagnesaem", "hypomagnesem"),
    ("ischaem", "ischem"),
    ("diarrhoe", "diarrhe"),
    ("coeliac", "celiac"),
    ("sulph", "sulf"),
    ("yoghurt", "yogurt"),
    ("fibre", "fiber"),
    ("litre", "liter"),
    ("centre", "center"),
    ("colour", "color"),
    ("tumour", "tumor"),
    ("behaviour", "behavior"),
    ("flavour", "flavor"),
    ("aluminium", "aluminum"),
    ("programme", "program"),
    ("manoeuv", "maneuv"),
)
# -ise, -ised, -ising, -isation: the US -ize forms (only in longer words, so 'rise' stays).
BRITISH_ISE = re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$")
MIN_CORRECTED_LENGTH = 5  # shorter words are never corrected, only suggested
MAX_EDIT_DISTANCE = 2
MAX_WORDS = 8  # a query's first words that are looked up and matched; the rest are ignored


class Kind:
    """The kinds of document in the index, and how a hit shows its kind."""

    NUTRIENT, SYMPTOM, FOOD, MEDICINE, CONDITION, RELIEF, WARNING = (
        "nutrient",
        "symptom",
        "food",
        "medicine",
        "condition",
        "relief",
        "warning",
    )
    LABELS = {
        NUTRIENT: "Nutrient",
        SYMPTOM: "Symptom",
        FOOD: "Food",
        MEDICINE: "Medicine",
        CONDITION: "Condition",
        RELIEF: "Relief",
    }
    PLURALS = {
        NUTRIENT: "Nutrients",
        SYMPTOM: "Symptoms",
        FOOD: "Foods",
        MEDICINE: "Medicines",
        CONDITION: "Conditions",
        RELIEF: "Relief",
    }
    # Warning signs are matched for the urgency box only; they have no page of their own.
    LISTED = tuple(LABELS)
    URGENT = ("emergency", "today")


class Tier(IntEnum):
    """How a hit matched, best first; the engine's score orders hits within a tier."""

    EXACT_NAME = 0  # the name or another name is the query
    NAME_HAS_ALL = 1  # every word of the query is in the name or its other names
    TEXT = 2  # the words are somewhere in the page


@dataclass(frozen=True)
class Term:
    """One way to satisfy a word of the query: a word or a phrase, and whether
    it may be the start of a longer word (the last word, as one types)."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


# A query is a list of needs, all of which a page must meet; each need is met by any of its terms.
Need = tuple[Term, ...]


@dataclass(frozen=True)
class Plan:
    """What to ask the engine for, and what the page says about it."""

    needs: list[Need]
    corrected: dict[str, str]  # a misspelt word and the word searched for it ("magnesum" -> "magnesium")


# Folding


def fold(text: str) -> str:
    """Lower case without accents, punctuation or repeated spaces: 'Café-Crème' -> 'cafe creme'.

    Letters of every script are kept; apostrophes vanish ("cow's" -> 'cows')
    and other symbols become spaces.
    """
    if text.isascii():
        # Most text is plain ASCII, with no accents to strip: the same result as
        # fold_unicode(), ten times faster.
        return " ".join(NOT_ASCII_ALNUM.sub(" ", text.lower().translate(APOSTROPHES)).split())
    return fold_unicode(text)


def fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    # Accents and invisible format characters (a zero-width space or soft hyphen
    # pasted inside a word) vanish rather than split the word.
    letters = "".join(char for char in decomposed if not unicodedata.combining(char) and not is_format(char))
    letters = letters.translate(APOSTROPHES)
    return " ".join("".join(char if char.isalnum() else " " for char in letters).split())


def is_format(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def us_spelling(word: str) -> str:
    """A folded word as US English spells it: 'anaemia' -> 'anemia', 'fibre' -> 'fiber'."""
    for british, american in BRITISH_STARTS:
        if word.startswith(british):
            return american + word[len(british) :]
    if len(word) >= 7:
        return BRITISH_ISE.sub(lambda match: "iz" + match.group(1), word)
    return word


def normalise(text: str) -> str:
    """Text as the index holds it and queries are written: folded, US spelling."""
    return " ".join(us_spelling(word) for word in fold(text).split())


def query_words(query: str) -> list[str]:
    """The words of a query that carry meaning, normalised; at most MAX_WORDS."""
    return [word for word in normalise(query).split() if word not in STOP_WORDS][:MAX_WORDS]


# Readers' words: synonyms and misspellings


def synonym_groups(rows: Iterable[str]) -> list[tuple[tuple[str, ...], ...]]:
    """Editors' synonym rows ('numb, numbness') as groups of normalised phrases (stop words
    kept, so 'pins and needles' is searched as that phrase)."""
    groups = []
    for row in rows:
        phrases = tuple(dict.fromkeys(tuple(normalise(term).split()) for term in row.split(",")))
        phrases = tuple(phrase for phrase in phrases if phrase)
        if len(phrases) >= 2:
            groups.append(phrases)
    return groups


def edit_distance(first: str, second: str) -> int:
    """Letters to add, remove, change or swap with a neighbour to turn one word into the other."""
    previous_row, row = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def closest(
    *,
    word: str,
    vocabulary: Iterable[str],
    min_length: int = MIN_CORRECTED_LENGTH,
    max_distance: int = MAX_EDIT_DISTANCE,
) -> str | None:
    """The indexed word within max_distance letters of a word the index does not hold, or
    None: for words of min_length letters or more. Ties go to the longer shared start."""
    if len(word) < min_length:
        return None
    scored = [
        (distance, -len(_shared_start(word, candidate)), candidate)
        for candidate in vocabulary
        if candidate != word and abs(len(candidate) - len(word)) <= max_distance
        if (distance := edit_distance(word, candidate)) <= max_distance
    ]
    return min(scored)[2] if scored else None


def _shared_start(first: str, second: str) -> str:
    index = 0
    while index < min(len(first), len(second)) and first[index] == second[index]:
        index += 1
    return first[:index]


def plan(
    *, words: Sequence[str], synonyms: Sequence[tuple[tuple[str, ...], ...]], vocabulary: set[str], as_you_type: bool
) -> Plan:
    """The needs for a query's words: a phrase that is in a synonym group may be met by
    any phrase of the group (longest phrase first); a word the index does not hold,
    of five letters or more, also by the closest indexed word; the last word, as one
    types, also by longer words it starts."""
    needs: list[Need] = []
    corrected: dict[str, str] = {}
    position = 0
    while position < len(words):
        length, group = _synonym_at(words, position, synonyms)
        if group:
            needs.append(tuple(Term(phrase) for phrase in group))
            position += length
            continue
        word = words[position]
        terms = [Term((word,))]
        if word not in vocabulary and (correction := closest(word=word, vocabulary=vocabulary)):
            corrected[word] = correction
            terms.append(Term((correction,)))
        if as_you_type and position == len(words) - 1 and len(word) >= 3:
            terms.append(Term((word,), prefix=True))
        needs.append(tuple(terms))
        position += 1
    return Plan(needs=needs, corrected=corrected)


def _synonym_at(words, position, synonyms) -> tuple[int, tuple]:
    """The longest synonym phrase that starts at words[position], and its group."""
    best = (0, ())
    for group in synonyms:
        for phrase in group:
            key = tuple(word for word in phrase if word not in STOP_WORDS)  # as query_words() leaves it
            if key and len(key) > best[0] and tuple(words[position : position + len(key)]) == key:
                best = (len(key), group)
    return best


def did_you_mean(*, words: Sequence[str], vocabulary: Iterable[str], tried: Iterable[str] = ()) -> str | None:
    """For a query that found nothing: the query with each word the index does not hold
    replaced by the closest one it does, a little further off than search corrects by
    itself (four letters or more, within three letters), or None. Words already `tried`
    (corrected without success) are left as typed."""
    vocabulary = set(vocabulary)
    tried = set(tried)
    replaced = [
        word
        if word in vocabulary or word in tried
        else (closest(word=word, vocabulary=vocabulary, min_length=4, max_distance=MAX_EDIT_DISTANCE + 1) or word)
        for word in words
    ]
    return " ".join(replaced) if list(replaced) != list(words) else None


FOOD_REQUEST = re.compile(
    r"^(?:(?:best |good |top )?(?:foods?|sources?|food sources?) (?:high |rich )?(?:in|with|of|for) (?P<a>.+)"
    r"|(?P<b>.+?) (?:rich |high )?(?:foods?|sources?))$"
)


def food_request(query: str) -> str | None:
    """The nutrient in 'foods high in magnesium', 'sources of iron' or 'potassium rich foods', or None."""
    match = FOOD_REQUEST.match(fold(query))
    if not match:
        return None
    named = (match.group("a") or match.group("b") or "").strip()
    return named if named and named not in ("high", "rich", "good", "best") else None


# Ordering


@cache
def _word_forms(word: str) -> tuple[str, ...]:
    """A word and its forms without a common ending, for comparing names ('cramping' -> 'cramp')."""
    forms = [word]
    for ending in ("ing", "ness", "ed", "es", "s", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.append(word[: -len(ending)])
    return tuple(forms)


def _has_word(text_words: Sequence[str], word: str) -> bool:
    forms = _word_forms(word)
    return any(candidate.startswith(form) for candidate in text_words for form in forms)


def singular(phrase: str) -> str:
    """A phrase without a final plural s, for comparing names: 'statins' -> 'statin'."""
    return phrase[:-1] if phrase.endswith("s") and not phrase.endswith("ss") and len(phrase) > 3 else phrase


def phrasings(needs: Sequence[Need], limit: int = 64) -> set[str]:
    """The ways of saying the whole query that its needs allow (at most `limit`)."""
    phrases = [""]
    for need in needs:
        phrases = [f"{start} {term.text}".strip() for start in phrases for term in need if not term.prefix][:limit]
    return set(phrases)


def tier(*, name: str, aliases: str, needs: Sequence[Need]) -> Tier:
    """How well a hit's normalised name and other names match the query's needs."""
    names = {singular(each.strip()) for each in (name, *aliases.split(","))}
    if {singular(phrase) for phrase in phrasings(needs)} & names:
        return Tier.EXACT_NAME
    name_words = f"{name} {aliases}".replace(",", " ").split()
    if needs and all(any(all(_has_word(name_words, w) for w in term.words) for term in need) for need in needs):
        return Tier.NAME_HAS_ALL
    return Tier.TEXT


def ranked(*, hits: Iterable, needs: Sequence[Need]) -> list:
    """Hits (with name_text, alias_text, score and title) best first: by tier, then the engine's score, then name."""
    for hit in hits:
        hit.tier = tier(name=hit.name_text, aliases=hit.alias_text, needs=needs)
    return sorted(hits, key=lambda hit: (hit.tier, -hit.score, hit.title))


def urgent_signs(*, hits: Sequence, warnings: Sequence, needs: Sequence[Need], limit: int = 3) -> list:
    """The warning signs to show before any result: the best-matching signs that need a
    doctor today or an emergency number and whose sign or condition holds every word of
    the query (at most `limit`, emergency first), unless the
    query names a nutrient, food or medicine (its page leads, and shows its own warnings)."""
    if hits and hits[0].tier == Tier.EXACT_NAME and hits[0].kind in (Kind.NUTRIENT, Kind.FOOD, Kind.MEDICINE):
        return []
    urgent = [sign for sign in warnings if sign.urgency in Kind.URGENT and sign.tier <= Tier.NAME_HAS_ALL]
    # A sign is one sentence with its main feature first: the sooner it says every word, the better it fits.
    closest_first = sorted(urgent, key=lambda sign: reach(text=sign.name_text, needs=needs))[:limit]
    return sorted(closest_first, key=lambda sign: Kind.URGENT.index(sign.urgency))


def reach(*, text: str, needs: Sequence[Need]) -> int:
    """How many words into `text` every need is met (a large number when one is not)."""
    words = text.split()
    positions = []
    for need in needs:
        starts = [term.words[0] for term in need]
        found = [i for i, word in enumerate(words) if any(_has_word([word], start) for start in starts)]
        positions.append(found[0] if found else len(words) + 100)
    return max(positions, default=0)


def kind_counts(*, hits: Iterable) -> dict[str, int]:
    """How many pages of each kind matched, in the order kinds are listed (warning signs left out)."""
    counts = {hit.kind: hit.kind_count for hit in hits}
    return {kind: counts[kind] for kind in Kind.LISTED if kind in counts}


def answer_for(*, hits: Sequence, foods: bool):
    """The hit whose related facts lead the results, or None: for a request for foods,
    the best nutrient; otherwise the best hit, when it is a symptom or medicine whose
    name holds every word of the query."""
    if foods:
        return next((hit for hit in hits if hit.kind == Kind.NUTRIENT), None)
    if hits and hits[0].tier <= Tier.NAME_HAS_ALL and hits[0].kind in (Kind.SYMPTOM, Kind.MEDICINE):
        return hits[0]
    return None
