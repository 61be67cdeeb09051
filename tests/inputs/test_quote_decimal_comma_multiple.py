"""A multiple written with a decimal comma ("18,5x") is one number, 18.5 times."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

X = parse_unit("x")


@pytest.mark.parametrize(
    ("quote", "value"),
    [("ein KGV von 18,5x", 18.5), ("negocia a 9,5x o lucro", 9.5), ("trades at 18.5x", 18.5)],
)
def test_a_decimal_comma_multiple(quote: str, value: float) -> None:
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(value)
    assert number_problem([value], X, quote) is None


def test_the_digits_after_the_comma_are_not_a_multiple_of_their_own() -> None:
    # Read in English, "18,5x" was a bare 18 and 5x: a multiple of 5 matched it.
    assert not any(matches(q, 5.0, X) for q in numbers_in("ein KGV von 18,5x"))
