"""Brazilian amounts: the real's sign "R$", Portuguese scale words and their separators."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("lucro líquido de R$ 3,2 bilhões no ano", 3.2, "BRL bn"),
        ("receita de R$ 1.250 milhões", 1.25, "BRL bn"),
        ("receita de R$ 12.345,6 milhões", 12345.6, "BRL m"),
        ("investimentos de R$ 1 bilhão", 1.0, "BRL bn"),
        ("uma dívida de 2,5 trilhões de reais", 2.5, "BRL tn"),
        ("net income of R$3.2 billion in 2024", 3.2, "BRL bn"),
        ("the shares closed at R$ 42,15", 42.15, "BRL/share"),
    ],
)
def test_brazilian_amounts(quote: str, value: float, unit: str) -> None:
    (found,) = [q for q in numbers_in(quote) if not q.year]
    assert found.currency == "BRL" and not found.ambiguous
    assert matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


def test_the_real_sign_is_not_the_dollar() -> None:
    # "R$ 3.2 billion" was read with no currency, so a USD amount could cite it.
    (found,) = [q for q in numbers_in("net income of R$3.2 billion in 2024") if not q.year]
    assert not matches(found, 3.2, parse_unit("USD bn"))


def test_a_decimal_comma_before_bilhoes_is_one_number() -> None:
    # Read in English, "3,2 bilhões" was a bare 3 and a bare 2.
    found = numbers_in("lucro de R$ 3,2 bilhões")
    assert [q.value for q in found] == [pytest.approx(3.2e9)]


@pytest.mark.parametrize(
    ("quote", "reading"),
    [
        ("the shares closed at R$ 1,250", "1.25 with a Brazilian decimal comma"),
        ("the shares closed at R$ 1.250", "1,250 with a Brazilian thousands dot"),
    ],
)
def test_an_amount_in_reais_that_reads_two_ways_is_refused(quote: str, reading: str) -> None:
    (found,) = numbers_in(quote)
    assert found.ambiguous and not matches(found, 1250.0, parse_unit("BRL/share"))
    problem = number_problem([1250.0], parse_unit("BRL/share"), quote)
    assert problem is not None and reading in problem
