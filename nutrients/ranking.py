"""The questionnaire's rules: which nutrients a visitor's answers point to, how
strongly, and why, in words.

Plain functions with keyword arguments, testable without HTTP. They read the
links they are given and never query: the view loads the links (with their
nutrient, symptom and risk factor) through selectors.py and passes them in.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from .comparison import best_foods
from .models import (
    FoodSource,
    IntakeReference,
    MedicineNutrientLink,
    Nutrient,
    RiskFactor,
    RiskFactorLink,
    SymptomLink,
)

# A circumstance weighs as much as a "possible" symptom link: it reorders the
# nutrients the symptoms point to, and cannot bring in one they do not.
RISK_FACTOR_WEIGHT = 1
# A health condition that lowers a nutrient (heavy drinking and thiamine, weight-loss
# surgery and B12) weighs as much as a "strong" symptom link; a medicine that lowers
# one weighs the strength of its link. They too only reorder.
CONDITION_WEIGHT = 3
# The top of the ranking is shown in full (and printed); the rest by name only.
SHOWN_IN_FULL = 5


@dataclass(frozen=True)
class Answers:
    """What the ranking needs from the answers: symptom and risk factor slugs.

    A vegan or vegetarian diet and an age band arrive as the risk factors of
    the same slug, so editors link them to nutrients like any circumstance.
    """

    symptoms: Collection[str] = frozenset()
    risk_factors: Collection[str] = frozenset()
    medicines: Collection[str] = frozenset()
    sex: str = ""  # "female", "male", or "" when not said: a link meant for one sex fits only it


@dataclass(frozen=True)
class Reason:
    """One answer that points to a nutrient."""

    answer: str  # the symptom's or circumstance's name
    why: str
    strength: str = ""  # "Strong", "Moderate" or "Possible" for a symptom; empty for a circumstance


@dataclass
class Suggestion:
    nutrient: Nutrient
    score: int
    symptom_links: list[SymptomLink] = field(default_factory=list)
    risk_links: list[RiskFactorLink] = field(default_factory=list)
    medicine_links: list[MedicineNutrientLink] = field(default_factory=list)
    foods: list[FoodSource] = field(default_factory=list)
    upper_limits: list[IntakeReference] = field(default_factory=list)
    place: int = 0  # its place in the ranking: suggestions with the same score share one
    tied: bool = False

    @property
    def strongest(self) -> int:
        """The strength of its strongest chosen symptom link: no circumstance adds more than that."""
        return max((link.strength for link in self.symptom_links), default=0)

    @property
    def reasons(self) -> list[Reason]:
        return [
            *(
                Reason(answer=link.symptom.name, why=link.why, strength=link.get_strength_display())
                for link in self.symptom_links
            ),
            *(Reason(answer=link.risk_factor.name, why=link.why) for link in self.risk_links),
            *(Reason(answer=f"You take {link.medicine.name.lower()}", why=link.why) for link in self.medicine_links),
        ]

    @property
    def sentence(self) -> str:
        return because(
            nutrient=self.nutrient.name,
            symptoms=[link.symptom.name for link in self.symptom_links],
            risk_factors=[link.risk_factor for link in self.risk_links],
            medicines=[link.medicine.name for link in self.medicine_links],
        )


def weight(factor: RiskFactor) -> int:
    return CONDITION_WEIGHT if factor.kind == RiskFactor.Kind.HEALTH else RISK_FACTOR_WEIGHT


def fits(link: RiskFactorLink, *, sex: str) -> bool:
    """Whether a circumstance's link fits the visitor: one meant for women fits only a woman."""
    return not link.sex or link.sex == sex


def cautions(*, answers: Answers, risk_links: Iterable[RiskFactorLink]) -> list[RiskFactorLink]:
    """The chosen circumstances' cautions: nutrients never to suggest (kidney disease and potassium), with why."""
    return [
        link
        for link in risk_links
        if link.effect == RiskFactorLink.Effect.CAUTION and link.risk_factor.slug in answers.risk_factors
    ]


def rank(
    *,
    answers: Answers,
    symptom_links: Iterable[SymptomLink],
    risk_links: Iterable[RiskFactorLink],
    medicine_links: Iterable[MedicineNutrientLink] = (),
) -> list[Suggestion]:
    """The nutrients the chosen symptoms are linked to, most strongly pointed to first.

    A nutrient scores the strength of each chosen symptom's link (3, 2 or 1),
    plus the weight of each matching circumstance that fits the visitor, plus
    the strength of each medicine taken that lowers it; a condition or a
    medicine adds no more than the nutrient's strongest chosen symptom link,
    so it lifts a nutrient the symptoms fit well, not one they barely fit.
    Circumstances and
    medicines only reorder: a nutrient no chosen symptom is linked to is not
    suggested, so no symptom means no suggestion; and one that a chosen
    circumstance cautions against is never suggested. Equal scores share a
    place (see mark_places); within a place the order is by name, only so that
    it is stable.
    """
    risk_links, suggestions = list(risk_links), {}
    withheld = {link.nutrient_id for link in cautions(answers=answers, risk_links=risk_links)}
    for link in symptom_links:
        if link.symptom.slug in answers.symptoms and link.nutrient_id not in withheld:
            suggestion = suggestions.setdefault(link.nutrient_id, Suggestion(nutrient=link.nutrient, score=0))
            suggestion.score += link.strength
            suggestion.symptom_links.append(link)
    for link in risk_links:
        suggestion = suggestions.get(link.nutrient_id)
        if suggestion and link.risk_factor.slug in answers.risk_factors and link.effect == RiskFactorLink.Effect.RAISES:
            if fits(link, sex=answers.sex):
                suggestion.score += min(weight(link.risk_factor), suggestion.strongest)
                suggestion.risk_links.append(link)
    for link in medicine_links:
        suggestion = suggestions.get(link.nutrient_id)
        if suggestion and link.medicine.slug in answers.medicines and link.effect == MedicineNutrientLink.Effect.LOWERS:
            suggestion.score += min(link.strength, suggestion.strongest)
            suggestion.medicine_links.append(link)
    for suggestion in suggestions.values():
        suggestion.symptom_links.sort(key=lambda link: (-link.strength, link.symptom.name))
    ranked = sorted(
        suggestions.values(), key=lambda suggestion: (-suggestion.score, suggestion.nutrient.name.casefold())
    )
    return mark_places(ranked)


def mark_places(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Give each suggestion its place; equal scores share a place and are marked as tied."""
    scores = [suggestion.score for suggestion in suggestions]
    for suggestion in suggestions:
        suggestion.place = sorted(set(scores), reverse=True).index(suggestion.score) + 1
        suggestion.tied = scores.count(suggestion.score) > 1
    return suggestions


def because(*, nutrient: str, symptoms: list[str], risk_factors: list[RiskFactor], medicines: list[str] = ()) -> str:
    """'You said you eat a vegan diet and have numbness: both are linked to vitamin B12.'"""
    diets = [factor.name.lower() for factor in risk_factors if factor.kind == RiskFactor.Kind.DIET]
    others = [factor.name.lower() for factor in risk_factors if factor.kind != RiskFactor.Kind.DIET]
    parts = [f"eat a {diet}" for diet in diets]
    if symptoms:
        parts.append(f"have {and_list([name.lower() for name in symptoms])}")
    if medicines:
        parts.append(f"take {and_list([name.lower() for name in medicines])}")
    if others:
        parts.append(f"told us about {and_list(others)}")
    count = len(symptoms) + len(risk_factors) + len(medicines)
    linked = {1: "it is", 2: "both are"}.get(count, "all are")
    return f"You said you {and_list(parts, serial_comma=True)}: {linked} linked to {lower_first(nutrient)}."


def and_list(words: list[str], *, serial_comma: bool = False) -> str:
    """['a', 'b', 'c'] -> 'a, b and c' ('a, b, and c' with the serial comma)."""
    if len(words) < 3:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ("," if serial_comma else "") + " and " + words[-1]


def lower_first(name: str) -> str:
    """'Vitamin B12' -> 'vitamin B12': a nutrient's name inside a sentence."""
    return name[:1].lower() + name[1:]


def foods_for(*, nutrient: Nutrient, sources: Iterable[FoodSource], diet: str) -> list[FoodSource]:
    """The comparison table's best foods for the diet, each with a recorded amount where there is one."""
    sources = list(sources)
    return [
        min((source for source in sources if source.food_id == food.id), key=lambda source: source.amount is None)
        for food in best_foods(nutrient=nutrient, sources=sources, diet=diet)
    ]


def add_details(
    *,
    suggestions: list[Suggestion],
    food_sources: Iterable[FoodSource],
    upper_limits: Iterable[IntakeReference],
    diet: str,
) -> None:
    """Give each suggestion its foods for the diet and its upper limits, from rows loaded for them all."""
    food_sources, upper_limits = list(food_sources), list(upper_limits)
    for suggestion in suggestions:
        nutrient = suggestion.nutrient
        own = [source for source in food_sources if source.nutrient_id == nutrient.id]
        suggestion.foods = foods_for(nutrient=nutrient, sources=own, diet=diet)
        suggestion.upper_limits = [limit for limit in upper_limits if limit.nutrient_id == nutrient.id]
