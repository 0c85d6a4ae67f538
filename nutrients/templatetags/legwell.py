import re
from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils.text import capfirst

from nutrients.models import URGENCY_ORDER, MedicineNutrientLink, WarningSign
from nutrients.questionnaire import lower_name

register = template.Library()


@dataclass(frozen=True)
class Tier:
    """One urgency's warning signs, as a page shows them: a heading that says what to do."""

    urgency: str
    heading: str
    signs: list

    @property
    def counted_heading(self) -> str:
        """The heading of a folded tier, which says how many signs are inside it:
        'See a doctor today if you have one of these 7 signs'."""
        if len(self.signs) == 1:
            return f"{self.heading} this sign"
        return f"{self.heading} one of these {len(self.signs)} signs"


# What to do for each urgency, and which signs it covers: the tiers' headings and a
# page's key points say it in these words.
TIER_ACTIONS = {
    WarningSign.Urgency.EMERGENCY: ("call your local emergency number now", "for an emergency sign"),
    WarningSign.Urgency.TODAY: ("see a doctor today", "for a same-day sign"),
    WarningSign.Urgency.SOON: ("see a doctor soon", "for the others"),
}
TIER_HEADINGS = {urgency: f"{capfirst(action)} if you have" for urgency, (action, _) in TIER_ACTIONS.items()}


def plain_number(value: Decimal) -> str:
    """1200.00 -> '1,200'; 2.40 -> '2.4'."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


@register.filter
def amount(row) -> str:
    """An amount or range with its unit: '83 mg', '128–141 mcg'."""
    if row.amount is None:  # a food the sources name without an amount
        return "no amount recorded"
    text = plain_number(row.amount)
    if row.amount_high is not None:
        text += f"–{plain_number(row.amount_high)}"
    return f"{text} {row.unit}"


# A name inside a sentence: "Vitamin B6 supplements" -> "vitamin B6 supplements" (|lower would say "b6").
register.filter("in_sentence", lower_name)


@register.filter
def split_names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


@register.filter
def urgency_tiers(signs) -> list[Tier]:
    """Warning signs grouped by urgency, emergency first, each sign once; empty tiers left out."""
    by_urgency = {urgency: [] for urgency in URGENCY_ORDER}
    seen = set()
    for sign in signs:
        if sign.pk not in seen:
            seen.add(sign.pk)
            by_urgency[sign.urgency].append(sign)
    return [Tier(urgency, TIER_HEADINGS[urgency], found) for urgency, found in by_urgency.items() if found]


@register.filter
def when_to_get_help(signs) -> str:
    """What to do for these warning signs, most urgent first, in one line: 'call your local
    emergency number now for an emergency sign; see a doctor today for a same-day sign', or,
    with one tier, 'see a doctor soon if you have one'."""
    tiers = urgency_tiers(signs)
    if len(tiers) == 1:
        return f"{TIER_ACTIONS[tiers[0].urgency][0]} if you have one"
    return "; ".join(" ".join(TIER_ACTIONS[tier.urgency]) for tier in tiers)


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@register.filter
def first_sentence(text: str) -> str:
    """The first sentence of a text written by editors, for a key point that leads to the full text."""
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0]


@register.filter
def in_key_point(text: str) -> str:
    """An editor's text inside a key point's sentence: its first sentence, with no capital
    (unless a name's) and no full stop: 'Ferritin and transferrin saturation, with a blood
    count. For restless legs, a US guideline...' -> 'ferritin and transferrin saturation,
    with a blood count'; 'Blood test for vitamin D' keeps its 'D'."""
    return lower_name(first_sentence(text)).rstrip(".")


@register.filter
def by_effect(links) -> list[tuple[str, list]]:
    """A medicine's nutrient links grouped by effect, in the order lowers, raises, interacts with:
    [('lowers', [links]), ...], empty effects left out."""
    grouped = {effect: [] for effect in MedicineNutrientLink.Effect}
    for link in links:
        grouped[link.effect].append(link)
    return [(effect.label.lower(), found) for effect, found in grouped.items() if found]
