"""A scale joined to its number by a hyphen ("a Rs 500-crore order") scales it."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("won a Rs 500-crore order from a bank", 5.0, "INR bn"),
        ("won a ₹1,200-crore contract", 12.0, "INR bn"),
        ("a Rs 2-lakh scholarship", 200.0, "INR k"),
        ("signed a $500-million deal", 0.5, "USD bn"),
    ],
)
def test_a_hyphenated_scale(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.scaled
    assert number_problem([value], parse_unit(unit), quote) is None


def test_the_bare_number_no_longer_matches_another_scale() -> None:
    # Read as a bare Rs 500, the quote supported 500 in any scale: 500 INR m as well.
    (found,) = numbers_in("won a Rs 500-crore order from a bank")
    assert not matches(found, 500.0, parse_unit("INR m"))
