"""A word of decline before or after a range joined by a dash or "between ... and" ("fell
3-5%", "a $2-3 billion loss") signs both of its ends; ends joined by a word ("fell by 3 to 5%")
may be a fall to a level, which keeps its sign, as released."""

from __future__ import annotations

import pytest

from tests.inputs.quote_signs import assert_states_with_its_sign
from tests.inputs.quote_signs import signs as _signs
from tests.inputs.quote_signs import states as _states


@pytest.mark.parametrize(
    ("quote", "low", "high", "unit"),
    [
        ("revenue fell 3-5% in the year", -0.03, -0.05, "%"),
        ("profit sank between $2 and $3 billion", -2.0, -3.0, "USD bn"),
        ("le chiffre d'affaires est en baisse de 3-5 %", -0.03, -0.05, "%"),
        ("un calo del 3-5%", -0.03, -0.05, "%"),
        ("przychody: spadek o 3-5%", -0.03, -0.05, "%"),
        # A word of decline after the range: its high end was negative, now its low end too.
        ("a 3-5% drop in sales", -0.03, -0.05, "%"),
        ("a $2-3 billion loss", -2.0, -3.0, "USD bn"),
    ],
)
def test_a_word_of_decline_signs_both_ends_of_a_range(
    quote: str, low: float, high: float, unit: str
) -> None:
    for value in (low, high):
        assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    "quote",
    [
        "revenue rose 3-5% in the year",
        "revenue fell to 3-5%",  # a level reached
        "revenue fell from 12 to 10 billion",  # a change from one level to another
        "sales between 2 and 3 billion fell",
    ],
)
def test_a_range_without_a_word_of_decline_on_it_stays_positive(quote: str) -> None:
    assert not any(negative for _, negative in _signs(quote))


def test_a_level_after_a_fall_is_no_range_end() -> None:
    # "fell 3% to 5 billion": a fall of 3% to a level of 5 billion, not a range.
    assert _signs("revenue fell 3% to 5 billion") == [("3%", True), ("5 billion", False)]
    assert _signs("the margin fell 3 points to 5%")[-1] == ("5%", False)


@pytest.mark.parametrize(
    "quote",
    [
        "the unemployment rate fell 0.2 to 3.5%",
        "inflation fell 0.5 to 2.4 per cent",
        "le taux de chômage a baissé de 0,2 à 7,3 %",
        "revenue fell 1 to 5 billion",
    ],
)
def test_a_fall_to_a_level_far_above_it_is_no_range_of_falls(quote: str) -> None:
    # A fall of 0.2 points to a level of 3.5%: the level stays positive.
    assert _signs(quote)[-1][1] is False


def test_a_minus_sign_on_the_low_end_is_its_own() -> None:
    # "-3 to 5%" runs from a fall to a rise: only the minus' number is negative.
    assert _signs("a change of -3 to 5%") == [("3", True), ("5%", False)]


def test_between_signs_the_low_end_of_a_range_only() -> None:
    # "fell between 2019 and 2021": years make no range, and take no sign.
    assert not any(neg for _, neg in _signs("sales fell between 2019 and 2021 by 5"))


@pytest.mark.parametrize(
    ("quote", "level", "unit"),
    [
        # A change then a price, each with its own currency.
        ("the stock fell $1.20 to $2", 2.0, "USD"),
        ("oil fell $3 to $5 a barrel", 5.0, "USD"),
        ("l'action a chuté de 1,20 € à 2 €", 2.0, "EUR"),
        ("a ação caiu R$ 1,20 a R$ 2", 2.0, "BRL"),
        # No word of change before the low end: a fall of points to a rate may be meant.
        ("Eurozone inflation fell 1.2 to 2.4%", 0.024, "%"),
        ("the margin fell 2.5 to 4%", 0.04, "%"),
        ("revenue was down 10 to 12 per cent", 0.12, "%"),
        ("revenue fell 3 to 5 billion", 5.0, "USD bn"),
        # "van 5 tot 3": from one level down to another.
        ("de marge daalde van 5 tot 3%", 0.03, "%"),
        # Ends joined by a word never share a fall: the high end may be the level reached.
        ("The stock fell by 1.5 to 2 dollars", 2.0, "USD"),
        ("Shares fell by 12 to 18 euros", 18.0, "EUR"),
        ("Brent fell by 40 to 75 dollars", 75.0, "USD"),
        ("Inflation fell by 1.5 to 2.4% in May", 0.024, "%"),
        ("Stopa spadła o 0,25 do 0,5%", 0.005, "%"),
        ("Le taux a baissé de 0,25 à 0,5 %", 0.005, "%"),
        ("revenue was down by 10 to 12 per cent", 0.12, "%"),
        ("a loss of 2 to 3 billion dollars", 3.0, "USD bn"),
        ("le chiffre d'affaires est en baisse de 3 à 5 %", 0.05, "%"),
        ("Der Umsatz sank um 3 bis 5 %", 0.05, "%"),
        ("omsättningen minskade med 3 till 5 %", 0.05, "%"),
        ("een daling van 3 tot 5%", 0.05, "%"),
        ("a receita caiu de 3 a 5%", 0.05, "%"),
        ("przychody: spadek o 3 do 5%", 0.05, "%"),
    ],
)
def test_a_level_after_a_worded_fall_keeps_its_sign(quote: str, level: float, unit: str) -> None:
    assert _states(quote, level, unit)
    assert not _states(quote, -level, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("revenue of 5-6 billion lower than the 8 billion expected", 5.0, "USD bn"),
        ("margins of 2-3% lower than peers", 0.02, "%"),
    ],
)
def test_a_comparison_after_a_range_signs_no_low_end(quote: str, value: float, unit: str) -> None:
    assert _states(quote, value, unit)
