"""Messages show a quote's numbers as the article writes them: currency codes keep their case."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit


def test_wrong_currency_names_the_code_as_written() -> None:
    quote = "revenue for 2025 is expected to reach EUR 480 million"
    problem = number_problem([480.0], parse_unit("USD m"), quote)
    assert problem is not None
    assert "the quote has 2025 (a year), EUR 480 million (= 480 EUR m)" in problem
    assert "the quote's EUR 480 million is in EUR, the unit is USD m" in problem
    assert "eur 480" not in problem


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("sales of USD 3.2bn", "USD 3.2bn"),
        ("a dividend of 150 Rp. per share", "150 Rp."),
        ("sales of EUR ５ Mio.", "EUR 5 Mio."),  # width folded, case kept
        ("Sales Of 12 Billion", "12 Billion"),
    ],
)
def test_numbers_keep_the_quotes_case_and_the_normalised_reading(quote: str, shown: str) -> None:
    (n,) = numbers_in(quote)
    assert n.as_written == shown
    assert n.text == shown.lower()  # matching still reads the folded text
