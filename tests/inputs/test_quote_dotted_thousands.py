"""A numeral with two or more thousands dots ("1.125.000.000") is one number in any language."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("tem 1.125.000.000 de ações em circulação", 1125.0, "shares m"),
        ("die Gesellschaft hat 12.345.678 Aktien ausgegeben", 12.345678, "shares m"),
        ("ein Umsatz von 12.345.678,50 Euro", 12345678.5, "EUR"),
    ],
)
def test_dotted_thousands(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


def test_the_first_group_is_not_a_decimal_number() -> None:
    # Read in English, "12.345.678" was 12.345 and .678: 12.345 shares m matched it.
    quote = "die Gesellschaft hat 12.345.678 Aktien ausgegeben"
    assert [q.value for q in numbers_in(quote)] == [12345678.0]
    assert number_problem([12.345], parse_unit("shares m"), quote) is not None
