"""Currency signs of other markets ("₩3.2 trillion", "₽ 45 bn", "120 ₺") name their currency."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "currency"),
    [
        ("operating profit of ₩3.2 billion", "KRW"),
        ("revenue of ₽ 3.2 billion", "RUB"),
        ("revenue of 3.2 billion ₺", "TRY"),
        ("revenue of ₱3.2 billion", "PHP"),
        ("revenue of ₪3.2 billion", "ILS"),
        ("revenue of ₫3.2 billion", "VND"),
        ("revenue of ฿3.2 billion", "THB"),
        ("revenue of ₦3.2 billion", "NGN"),
    ],
)
def test_a_markets_sign(quote: str, currency: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == currency and matches(found, 3.2, parse_unit(f"{currency} bn"))
    # Read with no currency, the amount supported a unit in US dollars too.
    assert not matches(found, 3.2, parse_unit("USD bn"))
