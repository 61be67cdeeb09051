"""German names of currencies after an amount: "US-Dollar", "Schweizer Franken", "Pfund"."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "currency"),
    [
        ("ein Umsatz von 3,4 Mrd. US-Dollar", "USD"),
        ("ein Umsatz von 3,4 Mrd. Dollar", "USD"),
        ("ein Umsatz von 3,4 Mrd. Schweizer Franken", "CHF"),
        ("ein Umsatz von 3,4 Mrd. Pfund", "GBP"),
    ],
)
def test_german_currency_names(quote: str, currency: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == currency
    assert matches(found, 3.4, parse_unit(f"{currency} bn"))
    # With no currency read, the amount supported a thesis in euros.
    assert not matches(found, 3.4, parse_unit("EUR bn"))
