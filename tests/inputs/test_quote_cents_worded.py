"""Cents priced per a quantity named in words state the price in the unit that names it: "5
cents per kilowatt-hour" is 50 EUR/MWh, "30 Cent je Kilowattstunde" 300 EUR/MWh."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Power costs 5 cents per kilowatt-hour", 50, "EUR/MWh"),
        ("Power costs 5 cents a kilowatt hour", 0.05, "EUR/kWh"),
        ("Strom kostet 30 Cent je Kilowattstunde", 300, "EUR/MWh"),
        ("Strom kostet 30 Cent pro Kilowattstunde", 0.3, "EUR/kWh"),
        ("Wholesale power fell 2 cents per megawatt-hour", 0.02, "EUR/MWh"),
        ("Copper rose 5 cents a pound", 0.05, "USD/lb"),
        ("Coal traded at 50 cents per metric ton", 0.5, "USD/t"),
        ("L'électricité coûte 15 centimes le kilowattheure", 150, "EUR/MWh"),
    ],
)
def test_a_quantity_named_in_words_is_priced(quote: str, value: float, unit: str) -> None:
    # The words named no unit the reader knew, so the quote supported no price at all.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Power costs 5 cents per kilowatt-hour", 0.05, "EUR/MWh"),
        ("Power costs 5 cents per kilowatt-hour", 5, "EUR/MWh"),
        # A pound is no fixed power of ten of a tonne, nor is a ton (short or long) one tonne.
        ("Copper rose 5 cents a pound", 110.23, "USD/t"),
        ("Copper rose 5 cents a pound", 0.05, "USD/t"),
        ("Coal traded at 50 cents a ton", 0.5, "USD/t"),
    ],
)
def test_other_prices_stay_refused(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None
