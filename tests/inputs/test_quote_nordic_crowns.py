"""The Nordic crowns: "kr", "SEK", "NOK", "DKK", fused scales ("mdkr", "MSEK") and scale words."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("nettoomsättningen uppgick till 12,5 mdkr", 12.5, "SEK bn"),
        ("nettoomsättningen uppgick till 12,5 miljarder kronor", 12.5, "SEK bn"),
        ("rörelseresultatet blev 3 400 Mkr", 3.4, "SEK bn"),
        ("rörelseresultatet blev 1\u00a0234 MSEK", 1234.0, "SEK m"),
        ("rörelseresultatet blev 450 miljoner kronor", 450.0, "SEK m"),
        ("lönekostnader om 45 tkr per anställd", 45.0, "SEK k"),
        ("net sales of SEK 12 500 m", 12.5, "SEK bn"),
        ("driftsresultatet ble 350 MNOK", 350.0, "NOK m"),
        ("omsetningen var 3 400 millioner kroner", 3.4, "NOK bn"),
        ("omsetningen var 4,2 milliarder kroner", 4.2, "NOK bn"),
        ("resultatet ble 1 250 mill. kr", 1250.0, "NOK m"),
        ("omsætningen var 4,2 mia. kr.", 4.2, "DKK bn"),
        ("omsætningen var 1.250 mio. kr.", 1250.0, "DKK m"),
        ("aktien lukkede i 1.250 kr.", 1250.0, "DKK/share"),
        ("aktien stängde på 182,50 kr", 182.5, "SEK/share"),
        ("kursen var kr. 1.250", 1250.0, "DKK/share"),
    ],
)
def test_nordic_amounts(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert not found.ambiguous and matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "unit", "ok"),
    [
        # "kr" is each Nordic crown's sign: the thesis' currency says which.
        ("omsætningen var 4,2 mia. kr.", "NOK bn", True),
        ("omsætningen var 4,2 mia. kr.", "ISK bn", True),
        ("omsætningen var 4,2 mia. kr.", "EUR bn", False),
        # Sweden's press's "mdkr" is the Swedish crown's; "MNOK" Norway's.
        ("nettoomsättningen uppgick till 4,2 mdkr", "SEK bn", True),
        ("nettoomsättningen uppgick till 4,2 mdkr", "NOK bn", False),
        ("driftsresultatet ble 4 200 MNOK", "SEK bn", False),
    ],
)
def test_which_crown(quote: str, unit: str, ok: bool) -> None:
    assert (number_problem([4.2], parse_unit(unit), quote) is None) is ok


def test_a_decimal_comma_before_a_scale_is_not_two_numbers() -> None:
    # Read in English, "12,5 mdkr" was a bare 12 and 5, or 12.5 of nothing.
    quote = "nettoomsättningen uppgick till 12,5 mdkr"
    assert [q.value for q in numbers_in(quote)] == [pytest.approx(12.5e9)]
    assert number_problem([12.5], parse_unit("SEK m"), quote) is not None


def test_a_crown_price_has_no_third_decimal() -> None:
    # Read in English, "1.250 kr." was 1.25 crowns, a thousandth of the price.
    quote = "aktien lukkede i 1.250 kr."
    assert number_problem([1.25], parse_unit("DKK/share"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        ("i 2024 15 nya butiker", [2024.0, 15.0]),
        ("ring 08 123 456 78 för frågor", [8.0, 123.0, 456.0, 78.0]),
        ("rörelsemarginalen var 12,5 % under 2024", [0.125, 2024.0]),
    ],
)
def test_nordic_numbers_that_are_not_amounts(quote: str, values: list[float]) -> None:
    found = numbers_in(quote)
    assert [q.value for q in found] == pytest.approx(values)
    assert not any(q.currency or q.scaled or q.ambiguous for q in found)


def test_a_comma_before_three_digits_and_a_german_scale_is_still_refused() -> None:
    # "1,250 mio. kr." is 1.25 million with a decimal comma, or 1,250 million in English: a
    # Danish or Norwegian quote, whose decimal comma is the continental one, not German.
    problem = number_problem([1250.0], parse_unit("DKK m"), "omsætningen var 1,250 mio. kr.")
    assert problem is not None and "German" not in problem
    assert (
        "1.25 with a continental decimal comma, or 1,250 with an English thousands comma" in problem
    )
