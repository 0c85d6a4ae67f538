from dataclasses import dataclass
from decimal import Decimal

from django import template

from nutrients.models import URGENCY_ORDER, WarningSign
from nutrients.questionnaire import lower_name

register = template.Library()


@dataclass(frozen=True)
class Tier:
    """One urgency's warning signs, as a page shows them: a heading that says what to do."""

    urgency: str
    heading: str
    signs: list


TIER_HEADINGS = {
    WarningSign.Urgency.EMERGENCY: "Call your local emergency number now if you have",
    WarningSign.Urgency.TODAY: "See a doctor today if you have",
    WarningSign.Urgency.SOON: "See a doctor soon if you have",
}


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
