"""A bare number with a decimal comma ("ein KGV von 18,5") is one number, not two."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

X = parse_unit("x")


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("ein KGV von 18,5 auf Basis der Gewinne", 18.5, "x"),
        ("a receita cresceu para 3,25 vezes", 3.25, "x"),
        ("das Verhältnis liegt bei 0,85", 0.85, "1"),
    ],
)
def test_a_bare_decimal_comma(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(value)
    assert number_problem([value], parse_unit(unit), quote) is None


def test_the_digits_after_the_comma_are_not_a_number_of_their_own() -> None:
    # Read in English, "18,5" was a bare 18 and a bare 5, either of which matched.
    quote = "ein KGV von 18,5 auf Basis der Gewinne"
    assert not any(matches(q, v, X) for q in numbers_in(quote) for v in (18.0, 5.0))


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        ("revenue of 1,250 in the year", [1250.0]),
        ("the numbers 1,2,3", [1.0, 2.0, 3.0]),
        ("Rs 1,23,456 crore", [1.23456e12]),
    ],
)
def test_english_and_indian_groups_keep_their_reading(quote: str, values: list[float]) -> None:
    assert [q.value for q in numbers_in(quote)] == pytest.approx(values)
