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


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("O lucro foi de R$ 5 mil no trimestre.", 5_000, "BRL"),
        ("O lucro foi de R$5 mil no trimestre.", 5, "BRL k"),
        ("A receita foi de R$ 1,5 mil por cliente.", 1_500, "BRL"),
        ("um bônus de R$ 12.500 mil", 12.5, "BRL m"),
    ],
)
def test_mil_after_the_real_is_a_thousand(quote: str, value: float, unit: str) -> None:
    # "mil" was no scale: R$ 5 mil supported 5 reais, and 5,000 was refused.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value * 1_000], parse_unit(unit), quote) is not None
    if unit == "BRL":
        assert number_problem([value / 1_000], parse_unit(unit), quote) is not None


def test_mil_before_millions_is_no_thousand() -> None:
    # "mil milhões" (a thousand millions) is no "R$ 5 mil" of 5,000 reais.
    assert all(n.value != 5_000 for n in numbers_in("R$ 5 mil milhões"))


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("O banco teve um lucro de 5 mil milhões de euros.", 5, "EUR bn"),
        ("O banco teve um lucro de 2,5 mil milhões de euros.", 2_500, "EUR m"),
        ("O lucro foi de R$ 5 mil milhões.", 5, "BRL bn"),
    ],
)
def test_mil_milhoes_is_a_thousand_millions(quote: str, value: float, unit: str) -> None:
    # "mil milhões" was no scale: the bare 5 supported 5 EUR m as well as 5 EUR bn.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value], parse_unit(unit.replace("bn", "k").replace(" m", " k")), quote)
