"""Portuguese writes the currency after its amount with "de": "3,2 bilhões de euros"."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "currency"),
    [
        ("receita de 3,2 bilhões de euros", "EUR"),
        ("receita de 3,2 bilhões de dólares", "USD"),
        ("receita de 3,2 bilhões de reais", "BRL"),
    ],
)
def test_de_and_the_currency(quote: str, currency: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == currency and matches(found, 3.2, parse_unit(f"{currency} bn"))
    # Read with no currency, the amount supported a unit in any.
    other = "GBP bn"
    assert not matches(found, 3.2, parse_unit(other))
