"""Units of nutrient amounts, and the % Daily Value computed from them."""

from decimal import ROUND_HALF_UP, Decimal

# Natural food folate is measured in mcg, and 1 mcg of it is 1 mcg DFE (NIH ODS).
SAME_AS = {"mcg DFE": "mcg"}


def compatible_units(nutrient) -> list[str]:
    """The units an intake or food amount for this nutrient may use."""
    allowed = [nutrient.unit]
    if nutrient.unit in SAME_AS:
        allowed.append(SAME_AS[nutrient.unit])
    if nutrient.iu_per_unit:
        allowed.append("IU")
    return allowed


def in_nutrient_unit(amount: Decimal, unit: str, nutrient) -> Decimal:
    """Convert an amount to the nutrient's own unit (only IU needs converting)."""
    if unit == "IU" and nutrient.iu_per_unit:
        return amount / nutrient.iu_per_unit
    return amount


def percent_daily_value(amount: Decimal, unit: str, nutrient, daily_value: Decimal | None) -> int | None:
    """Whole-number % DV of an amount against the label Daily Value, or None without one."""
    if not daily_value:
        return None
    percent = in_nutrient_unit(amount, unit, nutrient) * 100 / daily_value
    return int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))
