"""Dollars with a country's letters ("A$", "C$", "NT$") are that country's, never US dollars."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "currency"),
    [
        ("revenue of A$3.2 billion", "AUD"),
        ("revenue of AU$ 3.2 billion", "AUD"),
        ("revenue of C$3.2 billion", "CAD"),
        ("revenue of CA$3.2 billion", "CAD"),
        ("revenue of NZ$3.2 billion", "NZD"),
        ("revenue of S$3.2 billion", "SGD"),
        ("revenue of NT$3.2 billion", "TWD"),
        ("revenue of MX$3.2 billion", "MXN"),
    ],
)
def test_a_countrys_dollar_sign(quote: str, currency: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == currency
    assert matches(found, 3.2, parse_unit(f"{currency} bn"))
    assert number_problem([3.2], parse_unit(f"{currency} bn"), quote) is None
    # Read as a bare 3.2 billion, the quote supported US dollars as well.
    assert not matches(found, 3.2, parse_unit("USD bn"))
