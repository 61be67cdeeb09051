"""Accounting parentheses around an amount whose currency or scale is written outside them
(``$(1.2) billion``, ``(1,234) million yuan``, ``USD (450) million``) are a minus sign, as
they are around the whole amount (``($1.2 billion)``), and the currency and scale are the
number's: it supports the negative value in its own currency and scale only, and a value
copied from it with the sign, the scale or the currency lost is refused at its quote."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis
from model.inputs.sources.quotes import numbers_in
from tests.inputs.conftest import ThesisCopy, assert_at, fail_load, line_of
from tests.inputs.quote_signs import assert_states_with_its_sign, states


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Operating income was $(1.2) billion in the quarter", -1.2, "USD bn"),
        ("Operating income was (1,234) million yuan in the quarter", -1234, "RMB m"),
        ("Free cash flow of USD (450) million was reported", -450, "USD m"),
        ("a loss per share of $(0.15) for the year", -0.15, "USD/share"),
        ("Operating income was €(1.2)bn in the quarter", -1.2, "EUR bn"),
    ],
)
def test_currency_or_scale_outside_the_parentheses_is_a_minus(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # The scale and the currency outside the parentheses are the number's.
        ("Capex was $(241) million in the quarter", -241, "USD bn"),
        ("Capex was $(241) million in the quarter", -241, "EUR m"),
        ("Operating income was (1,234) million yuan", -1234, "RMB bn"),
    ],
)
def test_the_scale_and_currency_outside_are_not_lost(quote: str, value: float, unit: str) -> None:
    assert not states(quote, value, unit)


def test_numbers_are_placed_where_the_quote_writes_them() -> None:
    quote = "Capex was $(241) million (2024) against $19B (2023)"
    found = numbers_in(quote)
    assert [(q.value, q.year) for q in found] == [
        (241e6, False),
        (2024.0, True),
        (19e9, False),
        (2023.0, True),
    ]
    assert [quote.lower()[q.start : q.end] for q in found] == [
        "$(241) million",
        "2024",
        "$19b",
        "2023",
    ]


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # Prose parentheses around a plain number or a percentage sign nothing.
        ("the three plants (2) were sold", 2, "count"),
        ("margins rose (5%) in the year", 0.05, "%"),
    ],
)
def test_prose_parentheses_stay_positive(quote: str, value: float, unit: str) -> None:
    assert states(quote, value, unit)


def test_a_positive_value_from_parenthesised_millions_is_refused(thesis_copy: ThesisCopy) -> None:
    article = thesis_copy.root / "seeds" / "article.txt"
    article.write_text(
        article.read_text(encoding="utf-8")
        + "\nThe company bought back shares worth $(241) million in Q3 2025, net of issuance.\n",
        encoding="utf-8",
    )
    quote = "bought back shares worth $(241) million in Q3 2025"
    text = thesis_copy.edit(
        'quote: "after repurchasing $241 million in Q3 2025"', f'quote: "{quote}"'
    )
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, quote),
        "assumptions.buyback_q3.source.quote",
        "negative",
        "accounting parentheses",
    )
    # Written as the outflow it states, the value stands.
    thesis_copy.edit("value: 0.241", "value: -0.241")
    assert load_thesis(thesis_copy.path).central_values()["buyback_q3"] == pytest.approx(-0.241)


@pytest.mark.parametrize(
    ("quote", "joined"),
    [
        # Opened, the parentheses would join digits apart into one number.
        ("users grew 12 (345) million", 12_345e6),
        ("SEK 12 (500) m in the year", 12_500e6),
        ("marks: (1) 930 million consumers and (2) 26.5 billion yuan", 1_930e6),
    ],
)
def test_parentheses_next_to_other_digits_join_no_numbers(quote: str, joined: float) -> None:
    assert all(q.value != pytest.approx(joined) for q in numbers_in(quote))


def test_a_numbered_point_before_an_amount_is_no_part_of_it() -> None:
    quote = "two marks: (1) 930 million consumers and (2) 26.5 billion yuan"
    assert_states_with_its_sign(quote, 930, "m")
    assert_states_with_its_sign(quote, 26.5, "RMB bn")
