"""The Brazilian press abbreviates its scales after the real's sign: "R$ 3,2 bi", "R$ 450 mi"."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("lucro de R$ 3,2 bi no ano", 3.2, "BRL bn"),
        ("lucro de R$ 450 mi no trimestre", 450.0, "BRL m"),
        ("dívida de R$ 1,1 tri", 1.1, "BRL tn"),
        ("lucro de R$ 1.250 mi", 1250.0, "BRL m"),
    ],
)
def test_abbreviated_scales_after_the_real(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.scaled and found.currency == "BRL"
    assert number_problem([value], parse_unit(unit), quote) is None
    # Read as a bare 3.2 reais, the amount matched a thesis in any scale: 3.2 BRL m as well.
    wrong = parse_unit("BRL k")
    assert not matches(found, value, wrong)


def test_english_miles_are_not_millions() -> None:
    (found,) = numbers_in("a pipeline of 450 mi")
    assert not found.scaled and found.value == 450.0
