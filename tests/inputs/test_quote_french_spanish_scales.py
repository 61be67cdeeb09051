"""French and Spanish scale words ("4,2 milliards d'euros", "3.200 millones de euros")."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("un chiffre d'affaires de 4,2 milliards d'euros", 4.2, "EUR bn"),
        ("un bénéfice de 350 millions d'euros", 350.0, "EUR m"),
        ("un bénéfice de 3,5 millions de dollars", 3.5, "USD m"),
        ("unas ventas de 3.200 millones de euros", 3.2, "EUR bn"),
        ("un beneficio de 12,5 millones de dólares", 12.5, "USD m"),
    ],
)
def test_french_and_spanish_scales(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.scaled and not found.ambiguous
    assert number_problem([value], parse_unit(unit), quote) is None
    # Read bare, the number matched a unit in any scale and any currency.
    assert not matches(found, value, parse_unit(unit.replace("bn", "k").replace(" m", " k")))
    assert not matches(found, value, parse_unit("GBP" + unit[3:]))
