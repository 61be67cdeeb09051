"""A currency sign after an amount ("250 Mio. €", "3,4 Mrd. $") is its currency, unless the
sign begins the next amount ("up 5% €3bn")."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in


@pytest.mark.parametrize(
    ("quote", "currency"),
    [("ein Gewinn von 250 Mio. €", "EUR"), ("ein Umsatz von 3,4 Mrd. $", "USD")],
)
def test_a_sign_after_the_amount(quote: str, currency: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == currency


@pytest.mark.parametrize(
    "quote", ["up 5% €3bn of sales", "margins of 5% € 3bn", "up 5% $3bn of sales"]
)
def test_a_sign_before_the_next_amount_is_that_amounts(quote: str) -> None:
    # The sign was taken by the 5% before it, leaving 3bn with no currency.
    pct, amount = numbers_in(quote)
    assert pct.currency is None and amount.currency is not None and amount.value == 3e9
