"""London quotes in pence: "1,050p" and "32.5 pence" state pounds divided by 100."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

PER_SHARE = parse_unit("GBP/share")


@pytest.mark.parametrize(
    ("quote", "pounds"),
    [
        ("Shares closed at 1,050p on the London Stock Exchange", 10.5),
        ("a final dividend of 32.5p per share", 0.325),
        ("a total dividend of 50.0 pence for the year", 0.5),
    ],
)
def test_pence_support_the_amount_in_pounds(quote: str, pounds: float) -> None:
    # A thesis writes GBP prices in pounds (README); the quote's pence used to be read as
    # a bare 1,050 that no price in pounds could match.
    (found,) = numbers_in(quote)
    assert found.currency == "GBP" and found.value == pytest.approx(pounds)
    assert matches(found, pounds, PER_SHARE)
    assert number_problem([pounds], PER_SHARE, quote) is None


def test_pence_kept_as_pounds_is_named() -> None:
    problem = number_problem([1050.0], PER_SHARE, "Shares closed at 1,050p on the LSE")
    assert problem is not None and problem.endswith("1,050p is in pence: write 10.5")


def test_pence_are_not_dollars_or_a_time() -> None:
    (found,) = numbers_in("Shares closed at 1,050p")
    assert not matches(found, 10.5, parse_unit("USD/share"))
    assert [n.currency for n in numbers_in("the call at 3pm, or 3 p.m.")] == [None, None]


def test_a_same_currency_number_is_not_called_an_amount_of_money() -> None:
    problem = number_problem([10.6], PER_SHARE, "Shares closed at £10.50")
    assert problem is not None and "amount of money" not in problem
