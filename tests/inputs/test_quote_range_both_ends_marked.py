"""A range whose ends each carry their own percent sign, scale or currency ("3%-5%", "$2bn-$3bn",
"10%–12%") is a range like "3-5%": its dash is no minus sign, and a word of decline signs both
ends. A minus sign that is one stays its number's own ("a margin of -3%", "from 2% to -1%")."""

from __future__ import annotations

import pytest

from tests.inputs.quote_signs import assert_states_with_its_sign
from tests.inputs.quote_signs import signs as _signs
from tests.inputs.quote_signs import states as _states


@pytest.mark.parametrize(
    ("quote", "low", "high", "unit"),
    [
        ("revenue rose 3%-5% in the year", 0.03, 0.05, "%"),
        ("revenue rose 3% - 5% in the year", 0.03, 0.05, "%"),
        ("growth of 10%\u201312% a year", 0.10, 0.12, "%"),
        ("growth of 10 % \u2013 12 % a year", 0.10, 0.12, "%"),
        ("a target margin of 18%-21%", 0.18, 0.21, "%"),
        ("capex of $2bn-$3bn", 2.0, 3.0, "USD bn"),
        ("capex of $2bn - $3bn", 2.0, 3.0, "USD bn"),
        ("spreads of 25bp-50bp", 0.0025, 0.005, "%"),
        ("营收增长3%-5%", 0.03, 0.05, "%"),
    ],
)
def test_a_dash_between_two_marked_ends_is_no_minus(
    quote: str, low: float, high: float, unit: str
) -> None:
    for value in (low, high):
        assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "low", "high", "unit"),
    [
        ("revenue fell 3%-5% in the year", -0.03, -0.05, "%"),
        ("revenue fell 3% - 5% in the year", -0.03, -0.05, "%"),
        ("sales were down 10%\u201312%", -0.10, -0.12, "%"),
        ("a 3%-5% drop in sales", -0.03, -0.05, "%"),
        ("profit sank $2bn-$3bn", -2.0, -3.0, "USD bn"),
        ("a $2bn-$3bn loss", -2.0, -3.0, "USD bn"),
        ("revenue fell between 3% and 5%", -0.03, -0.05, "%"),
        ("营收下降3%-5%", -0.03, -0.05, "%"),
    ],
)
def test_a_word_of_decline_signs_both_marked_ends(
    quote: str, low: float, high: float, unit: str
) -> None:
    for value in (low, high):
        assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("an operating margin of -3%", [("3%", True)]),
        ("the margin went from 2% to -1%", [("2%", False), ("1%", True)]),
        ("EPS -0.5 against 0.3", [("0.5", True), ("0.3", False)]),
        ("changes: 2%, -5%", [("2%", False), ("5%", True)]),
        ("quarterly changes: 3% -5% 2%", [("3%", False), ("5%", True), ("2%", False)]),
        ("$2bn -$3bn", [("$2bn", False), ("$3bn", True)]),
        # Not a range: the high end is below the low one, and the minus stays a minus.
        ("a gain of 5%-3% of it taxed", [("5%", False), ("3%", True)]),
        # An em dash sets off a clause, and a percentage and an amount make no range.
        ("No. 1 \u2014 35.8%", [("1", False), ("35.8%", False)]),
        ("$2bn - 15% above consensus", [("$2bn", False), ("15%", False)]),
    ],
)
def test_a_real_minus_sign_stays(quote: str, expected: list[tuple[str, bool]]) -> None:
    assert _signs(quote) == expected


def test_a_range_may_start_at_nought() -> None:
    assert _signs("growth of 0%-5%") == [("0%", False), ("5%", False)]
    assert _signs("sales fell 0%-5%") == [("0%", True), ("5%", True)]


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Cash flow $5 -$8bn", -8.0, "USD bn"),
        ("Ergebnis 5 -8 Mrd. Euro", -8.0, "EUR bn"),
        ("Cash flow 5 -8 mld zł", -8.0, "PLN bn"),
        ("Net income 2023/2024: 10 -12 billion", -12.0, "USD bn"),
        ("Cash flow 5 \u20138 bn", -8.0, "USD bn"),
        ("Revenue of EUR 10 -12 billion expected", -12.0, "EUR bn"),
    ],
)
def test_a_minus_against_the_number_after_a_bare_one_is_in_doubt(
    quote: str, value: float, unit: str
) -> None:
    # A space before the dash and none after it: the high end's minus, or a range typed
    # loosely ("EUR 10 -12 billion"). Read as a minus, the high end lost the low end's
    # currency and supported -12 billion of any currency; neither reading is taken.
    for v in (value, -value):
        assert not _states(quote, v, unit)
    assert not _states(quote, value, unit.replace("EUR", "USD"))


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Cash flow $5 - $8bn", 8.0, "USD bn"),
        ("Cash flow 5 - 8 bn", 8.0, "USD bn"),
        ("Cash flow 5 \u2013 8 bn", 8.0, "USD bn"),
        ("Cash flow 5-8 bn", 8.0, "USD bn"),
    ],
)
def test_a_dash_spaced_both_sides_or_neither_joins_a_bare_low_end(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)
