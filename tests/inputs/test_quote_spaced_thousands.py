"""Thousands grouped with spaces ("3 400 millions d'euros", "SEK 12 500 m", "1 250 Mio. €")."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("un chiffre d'affaires de 3 400 millions d'euros", 3.4, "EUR bn"),
        ("ein Umsatz von 1 250 Mio. €", 1250.0, "EUR m"),
        ("ein Umsatz von 1\u00a0250 Mio. €", 1250.0, "EUR m"),
        ("ein Umsatz von 1\u202f250,5 Mio. €", 1250.5, "EUR m"),
        ("net sales of SEK 12 500 m", 12.5, "SEK bn"),
        ("un résultat de 12 345 678 euros", 12.345678, "EUR m"),
        # A currency right before the digits: "$12" then "500 million" is no way to write two.
        ("revenue of US$ 12 500 million", 12.5, "USD bn"),
        ("revenue of USD 12 500 m", 12.5, "USD bn"),
    ],
)
def test_spaced_thousands_are_one_number(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert not found.ambiguous and matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
def test_a_no_break_space_groups_thousands_in_any_language(space: str) -> None:
    # Typesetters put a no-break space between digit groups, never between two numbers.
    quote = f"the group runs 1{space}250 stores"
    (found,) = numbers_in(quote)
    assert found.value == 1250.0 and not found.ambiguous
    assert number_problem([1250.0], parse_unit("stores"), quote) is None


def test_the_groups_are_not_numbers_of_their_own() -> None:
    # Read as "1" and "250 Mio. €", the quote supported 250 EUR m, a fifth of the amount.
    quote = "ein Umsatz von 1 250 Mio. €"
    assert number_problem([250.0], parse_unit("EUR m"), quote) is not None
    assert number_problem([1.0], parse_unit("EUR m"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        # A year then a number: no group has four digits.
        ("in 2024 15 stores opened", [2024.0, 15.0]),
        ("in 2024 150 stores opened", [2024.0, 150.0]),
        # A telephone number: its last group has two digits, so none of it is grouped.
        ("call +46 8 123 456 78 today", [46.0, 8.0, 123.0, 456.0, 78.0]),
        # A year before a grouped amount keeps to itself.
        ("im Jahr 2024 1 250 Mio. €", [2024.0, 1.25e9]),
        # A percentage, spaced from its sign as French writes it.
        ("une marge de 12,5 % en 2024", [0.125, 2024.0]),
    ],
)
def test_spaced_numbers_that_are_not_one(quote: str, values: list[float]) -> None:
    found = numbers_in(quote)
    assert [q.value for q in found] == pytest.approx(values)
    assert not any(q.ambiguous for q in found)


def test_a_year_and_a_count_do_not_support_their_concatenation() -> None:
    quote = "in 2024 150 stores opened"
    assert number_problem([2024150.0], parse_unit("stores"), quote) is not None
    assert number_problem([150.0], parse_unit("stores"), quote) is None


def test_plain_spaces_without_a_convention_refuse_the_joined_number_naming_both() -> None:
    quote = "deliveries rose 12 500 times over the decade"
    joined = next(q for q in numbers_in(quote) if q.ambiguous)
    assert joined.text == "12 500" and not matches(joined, 12500.0, None)
    problem = number_problem([12500.0], None, quote)
    assert problem is not None
    assert "12,500 with thousands spaces, or 12 and 500 as separate numbers" in problem
    # Nor does either group stand alone: the groups may be thousands.
    for value in (12.0, 500.0):
        assert number_problem([value], None, quote) is not None


def test_an_english_scale_alone_does_not_say_the_spaces_group_thousands() -> None:
    quote = "the count reached 3 400 million"
    (joined,) = numbers_in(quote)
    assert joined.ambiguous == "3,400 with thousands spaces, or 3 and 400 as separate numbers"
    assert number_problem([3400.0], parse_unit("count m"), quote) is not None
    assert number_problem([400.0], parse_unit("count m"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("revenue of 12 500 million", 500.0, "USD m"),
        ("revenue of 1 250 mln", 250.0, "USD m"),
        ("the bank has 3 400 branches", 400.0, "count"),
        ("the company employs 2 500 people", 500.0, "count"),
        ("production of 12 500 tonnes", 500.0, "t"),
        ("a loss of 2 100 people", 100.0, "count"),
        ("top 3 200 firms", 200.0, "count"),
        ("Sales by year were 100 120 150 in the three years", 150.0, "USD m"),
        # Nor the joined number: the spaces may part two numbers.
        ("the bank has 3 400 branches", 3400.0, "count"),
        ("the company employs 2 500 people", 2500.0, "count"),
    ],
)
def test_groups_that_may_be_thousands_support_no_reading(
    quote: str, value: float, unit: str
) -> None:
    problem = number_problem([value], parse_unit(unit), quote)
    assert problem is not None
    assert "with thousands spaces, or" in problem and "as separate numbers" in problem


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("It runs 5 100-megawatt plants in the region", 100.0, "MW"),
        ("It runs 5 100-megawatt plants in the region", 5.0, "count"),
        # A fourth digit: "1000" is no thousands group, so 5 and 1000 stand.
        ("It runs 5 1000-tonne presses", 1000.0, "count"),
        ("It runs 5 1000-tonne presses", 5.0, "count"),
    ],
)
def test_numbers_written_side_by_side_are_read_each_alone(
    quote: str, value: float, unit: str
) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None


def test_a_compound_still_refuses_the_joined_number() -> None:
    quote = "It runs 5 100-megawatt plants in the region"
    assert number_problem([5100.0], parse_unit("count"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("The company employs 1 000 people", 1000.0),
        ("the service has 1 000 000 users", 1e6),
        ("a fleet of 12 050 trucks", 12050.0),
    ],
)
def test_a_group_starting_with_zero_proves_the_grouping(quote: str, value: float) -> None:
    # "000" is no number of its own: the spaces group thousands.
    (found,) = numbers_in(quote)
    assert found.value == value and not found.ambiguous
    assert number_problem([value], parse_unit("count"), quote) is None
    assert number_problem([1.0], parse_unit("count"), quote) is not None


def test_a_day_after_a_month_starts_no_thousands_group() -> None:
    quote = "On March 5 120 workers were laid off."
    assert number_problem([120.0], parse_unit("count"), quote) is None
    assert number_problem([5120.0], parse_unit("count"), quote) is not None


@pytest.mark.parametrize(
    "quote", ["It ordered a 2 500-tonne vessel.", "It employs a 12 500-strong workforce."]
)
def test_a_last_group_of_three_before_a_hyphened_word_is_in_doubt(quote: str) -> None:
    problem = number_problem([500.0], parse_unit("count"), quote)
    assert problem is not None and "500 on its own, or" in problem
