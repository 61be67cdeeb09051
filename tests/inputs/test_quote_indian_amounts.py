"""Indian amounts: crore and lakh, the rupee's signs, and digits grouped in twos ("1,23,456")."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("consolidated revenue of Rs 1,23,456 crore", 1234.56, "INR bn"),
        ("Net profit rose to ₹ 24,500 crore", 245.0, "INR bn"),
        ("Net profit rose to ₹24,500 cr", 245.0, "INR bn"),
        ("Net profit rose to Rs. 24,500 crores", 245000.0, "INR m"),
        ("a market capitalisation of about Rs 12.5 lakh crore", 12.5, "INR tn"),
        ("an average annual salary of Rs 6.5 lakh for freshers", 650.0, "INR k"),
        ("revenue of INR 4,500 crore", 45.0, "INR bn"),
        ("revenue of 4,500 crore rupees", 45.0, "INR bn"),
        ("the shares closed at ₹3,450.50 on the NSE", 3450.5, "INR/share"),
        ("a final dividend of Rs 30 per share", 30.0, "INR/share"),
    ],
)
def test_indian_amounts_in_rupees(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == "INR"
    assert matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None
    assert not matches(found, value, parse_unit(unit.replace("INR", "USD")))


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("The company's shares outstanding number 361.8 crore", 3618.0, "shares m"),
        ("Total headcount stood at 6,07,354 employees", 607354.0, "employees"),
        ("a book of 12,34,56,789 policies", 123456789.0, "count"),
    ],
)
def test_crore_and_indian_grouping_outside_money(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(value * parse_unit(unit).scale)
    assert number_problem([value], parse_unit(unit), quote) is None


def test_indian_grouping_is_one_number_not_two() -> None:
    # Read in English, "1,23,456" was a bare 1 and a bare 23,456, either of which could match.
    found = numbers_in("revenue of 1,23,456 this year")
    assert [q.value for q in found] == [123456.0]


def test_rupees_may_be_another_countrys_but_the_rupee_sign_is_indian() -> None:
    (rs,) = numbers_in("revenue of Rs 4,500 crore")
    assert matches(rs, 45.0, parse_unit("PKR bn")) and matches(rs, 45.0, parse_unit("LKR bn"))
    (sign,) = numbers_in("revenue of ₹4,500 crore")
    assert not matches(sign, 45.0, parse_unit("PKR bn"))


def test_thousand_crore_is_one_compound_scale() -> None:
    # "thousand" was read alone: "Rs 45 thousand crore" stated 45,000 rupees.
    (found,) = numbers_in("orders worth Rs 45 thousand crore")
    assert found.value == pytest.approx(45e10)
    assert (
        number_problem([450.0], parse_unit("INR bn"), "orders worth Rs 45 thousand crore") is None
    )
    assert number_problem([45.0], parse_unit("INR k"), "orders worth Rs 45 thousand crore")


@pytest.mark.parametrize("quote", ["orders of Rs 45 thousand cr", "a cap of ₹1.2 lakh cr"])
def test_compounds_with_the_short_crore(quote: str) -> None:
    # "thousand" and "lakh" were read alone, and the "cr" after them dropped.
    (found,) = numbers_in(quote)
    assert found.value == pytest.approx(45e10 if "45" in quote else 1.2e12)
