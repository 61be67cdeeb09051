"""A scale written apart from its number ("1.2 bn euros", "EUR 1.2 bn") states a scaled amount."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

EUR_BN = parse_unit("EUR bn")


@pytest.mark.parametrize(
    "quote",
    [
        "sales reached 1.2 bn euros last year",
        "sales reached 1.2 billion euros last year",
        "sales reached EUR 1.2 bn last year",
        "sales reached €1.2bn last year",
        "sales reached € 1.2 bn last year",
        "sales reached EUR 1.2 bln last year",
        "sales reached 1.2 bn EUR last year",
    ],
)
def test_a_spaced_scale_supports_an_amount_in_eur(quote: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == "EUR" and found.value == pytest.approx(1.2e9)
    assert matches(found, 1.2, EUR_BN) and matches(found, 1200.0, parse_unit("EUR m"))
    assert number_problem([1.2], EUR_BN, quote) is None
    # The currency read is the quote's own: it does not support an amount in another one.
    assert not matches(found, 1.2, parse_unit("USD bn"))


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("cash of 1.2 bn Swiss francs", 1.2, "CHF bn"),
        ("cash of 480 m yen", 480.0, "JPY m"),
        ("a net loss of CHF 38.4 mn", 38.4, "CHF m"),
    ],
)
def test_other_currencies_with_a_spaced_scale(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.scaled and matches(found, value, parse_unit(unit))


def test_a_spaced_t_is_not_read_as_trillions() -> None:
    # "3 t" in an article is far more often tonnes than trillions.
    (found,) = numbers_in("shipped 3 t of copper")
    assert not found.scaled and found.value == 3.0
