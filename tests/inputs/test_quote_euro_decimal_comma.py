"""Euro amounts written with a decimal comma ("48,20 Euro", "€ 1,35") are one number."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

PER_SHARE = parse_unit("EUR/share")


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Die Aktie schloss bei 48,20 Euro", 48.2),
        ("Die Aktie schloss bei 48,20 €", 48.2),
        ("Die Aktie schloss bei 48,20 EUR", 48.2),
        ("eine Dividende von 1,35 Euro je Aktie", 1.35),
        ("la acción cerró a € 48,20", 48.2),
        ("Die Aktie schloss bei EUR 48,20", 48.2),
        ("Die Aktie schloss bei 1.048,20 Euro", 1048.2),
        ("Die Aktie schloss bei 1.048 Euro", 1048.0),
    ],
)
def test_a_decimal_comma_before_or_after_the_euro(quote: str, value: float) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == "EUR" and found.value == pytest.approx(value)
    assert number_problem([value], PER_SHARE, quote) is None


def test_the_cents_are_not_an_amount_of_their_own() -> None:
    # Read in English, "48,20 Euro" was a bare 48 and 20 euros: a price of 20 EUR matched it.
    quote = "Die Aktie schloss bei 48,20 Euro"
    assert not any(matches(q, 20.0, PER_SHARE) for q in numbers_in(quote))


@pytest.mark.parametrize(
    ("quote", "value"),
    [("a price of €1,350 a tonne", 1350.0), ("tickets at 1,350 euros each", 1350.0)],
)
def test_english_euro_amounts_keep_their_reading(quote: str, value: float) -> None:
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(value) and not found.ambiguous


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("a price of 3,800 EUR a tonne", 3800.0),
        ("tickets at 1,350 euro each", 1350.0),
        ("Die Aktie schloss bei 1.350 Euro", 1350.0),
    ],
)
def test_a_lone_separator_before_three_digits_of_euros_groups_thousands(
    quote: str, value: float
) -> None:
    # An amount of euros has cents, never a third decimal: "3,800 EUR" was refused as
    # ambiguous between 3,800 and 3.8.
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(value) and not found.ambiguous
