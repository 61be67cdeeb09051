"""A numeral only continental separators can read is read so, whatever word follows it."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in


@pytest.mark.parametrize(
    ("quote", "value"),
    [("a price of 1.048,20 eur a tonne", 1048.2), ("trades at 1.048,5 x sales", 1048.5)],
)
def test_a_continental_numeral_next_to_an_unread_word(quote: str, value: float) -> None:
    # It was refused as grouped in no convention, though it has one reading.
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(value) and not found.ambiguous
