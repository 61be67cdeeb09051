"""Spanish and Portuguese write a thousand "mil" ("La empresa tiene 12 mil empleados" is 12,000)
and a billion "mil millones", "mil milhões"; the Nordic "mil" (ten kilometres) and English text
read no thousand."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("La empresa tiene 12 mil empleados.", 12_000, "count"),
        ("A empresa tem 5 mil funcionários.", 5_000, "count"),
        ("A empresa tem 2,5 mil funcionários.", 2_500, "count"),
        ("Las ventas fueron de 1,5 mil millones de euros, según la empresa.", 1.5, "EUR bn"),
    ],
)
def test_mil_is_a_thousand(quote: str, value: float, unit: str) -> None:
    # "mil" was unread: 12 supported twelve employees, and 12,000 was refused.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("La empresa tiene 12 mil empleados.", 12, "count"),
        ("Las ventas fueron de 1,5 mil millones de euros, según la empresa.", 1.5, "EUR m"),
    ],
)
def test_the_bare_number_is_no_longer_read(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None


@pytest.mark.parametrize("quote", ["Koncernen har 5 mil till Oslo.", "The wire is 5 mil thick."])
def test_other_languages_read_no_thousand(quote: str) -> None:
    assert number_problem([5], parse_unit("count"), quote) is None
