"""A numeral starting "0." or "0," has a decimal separator there: no group of thousands is 0."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("the shares closed at 0.380 EUR", 0.38),
        ("die Aktie schloss bei 0,380 Euro", 0.38),
        ("ein Verlust von 0,250 Mio. Euro", 250_000.0),
        ("a loss of 0.250 Mio. EUR", 250_000.0),
    ],
)
def test_a_leading_zero_is_never_thousands(quote: str, value: float) -> None:
    # "0.380 EUR" was read as 380 (a thousands dot), "0,380 Euro" refused as ambiguous.
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(value) and not found.ambiguous
