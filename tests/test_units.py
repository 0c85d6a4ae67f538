from decimal import Decimal

from nutrients.models import Nutrient
from nutrients.units import compatible_units, percent_daily_value


def test_vitamin_d_accepts_iu_and_converts_it_for_percent_daily_value():
    vitamin_d = Nutrient(unit="mcg", iu_per_unit=Decimal(40))
    assert compatible_units(vitamin_d) == ["mcg", "IU"]
    # 400 IU is 10 mcg, half of a 20 mcg Daily Value.
    assert percent_daily_value(Decimal(400), "IU", vitamin_d, Decimal(20)) == 50


def test_folate_in_mcg_dfe_accepts_food_amounts_in_mcg():
    folate = Nutrient(unit="mcg DFE")
    assert compatible_units(folate) == ["mcg DFE", "mcg"]


def test_a_mineral_accepts_only_its_own_unit():
    assert compatible_units(Nutrient(unit="mg")) == ["mg"]


def test_percent_daily_value_rounds_half_up_and_needs_a_daily_value():
    magnesium = Nutrient(unit="mg")
    assert percent_daily_value(Decimal(83), "mg", magnesium, Decimal(420)) == 20
    assert percent_daily_value(Decimal(21), "mg", magnesium, Decimal(420)) == 5
    assert percent_daily_value(Decimal(83), "mg", magnesium, None) is None
