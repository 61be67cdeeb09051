"""Quotes state amounts in any currency: the currency written must match the assumption's unit."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import model
from model.errors import ThesisError
from model.inputs.sources.quotes import matches, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "currency"),
    [
        ("Revenue was EUR 18.5 billion", "EUR"),
        ("revenue of €18.5 billion", "EUR"),
        ("sales of 18.5 billion euros", "EUR"),
        ("EUR18.5bn of sales", "EUR"),
        ("a loss of CHF 3.2 million", "CHF"),
        ("GBP 1.2bn of revenue", "GBP"),
        ("orders of £40 million", "GBP"),
        ("SEK 40 billion of revenue", "SEK"),
        ("a price of 129.5 HKD", "HKD"),
        ("CNY 236.5 billion", "RMB"),
    ],
)
def test_currency_codes_and_symbols_are_read(quote: str, currency: str) -> None:
    (found,) = [n for n in numbers_in(quote) if not n.year]
    assert found.currency == currency


@pytest.mark.parametrize("quote", ["the top 3 providers", "all 5 of them", "try 2 times"])
def test_english_words_that_are_codes_are_not_currencies(quote: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency is None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "ok"),
    [
        ("Revenue was EUR 18.5 billion", 18.5, "EUR bn", True),
        ("Revenue was EUR 18.5 billion", 18.5, "USD bn", False),
        ("revenue of €18.5 billion", 18.5, "GBP bn", False),
        ("a dividend of EUR 1.10 per share", 1.10, "EUR/share", True),
        ("a dividend of EUR 1.10 per share", 1.10, "CHF/share", False),
        ("a loss of CHF 3.2 million", 3.2, "CHF m", True),
        ("a loss of CHF 3.2 million", 3.2, "EUR m", False),
    ],
)
def test_quoted_currency_must_be_the_units(quote: str, value: float, unit: str, ok: bool) -> None:
    u = parse_unit(unit)
    assert any(matches(q, value, u) for q in numbers_in(quote)) is ok


def test_a_quote_in_euros_does_not_support_dollars(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "results.txt").write_text(
        "The utility reported revenue of EUR 18.5 billion for 2024.\n", encoding="utf-8"
    )
    body = textwrap.dedent(
        """\
        format: 1
        thesis:
          name: Utility
          company: Utility AG
          as_of: 2025-02-27
          currency: EUR
          horizon: {first: 2024, last: 2026}
          price: {value: 20, unit: EUR/share, source: {estimate: "An illustrative price"}}
        assumptions:
          revenue_2024:
            unit: UNIT
            value: 18.5
            source: {doc: results.txt, quote: "revenue of EUR 18.5 billion for 2024"}
        """
    )
    good = tmp_path / "good.yaml"
    good.write_text(body.replace("UNIT", "EUR bn"), encoding="utf-8")
    model.load_thesis(good)
    bad = tmp_path / "bad.yaml"
    bad.write_text(body.replace("UNIT", "USD bn"), encoding="utf-8")
    with pytest.raises(ThesisError) as info:
        model.load_thesis(bad)
    message = str(info.value)
    assert "bad.yaml:13" in message
    assert "revenue_2024.source.quote" in message
    assert "in EUR, the unit is USD bn" in message
