from decimal import Decimal

from django import template

register = template.Library()


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


@register.filter
def split_names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]
