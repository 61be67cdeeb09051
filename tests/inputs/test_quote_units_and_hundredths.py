"""Rappen abbreviated ("50 Rp.") and whole units joined to their hundredths ("RM4 and 50 sen",
"4 Franken 50 Rappen") are read as the amounts they write."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.sources.quotesense import senses
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("a dividend of 50 Rp. per share", 0.5, "CHF/share"),
        ("eine Dividende von 50 Rp. je Aktie", 0.5, "CHF/share"),
        ("die Gebühr beträgt 8 Rp. pro kWh", 80, "CHF/MWh"),
        ("a dividend of RM4 and 50 sen a share", 4.5, "MYR/share"),
        ("a dividend of RM4.50 a share", 4.5, "MYR/share"),
        ("revenue of RM4.5 billion", 4.5, "MYR bn"),
        ("eine Dividende von 4 Franken 50 Rappen", 4.5, "CHF/share"),
        ("un dividende de 5 euros et 50 centimes", 5.5, "EUR/share"),
    ],
)
def test_the_amount_is_read(quote: str, value: float, unit: str) -> None:
    # "50 Rp." was the bare number 50 and "RM4" no amount at all: neither supported its value.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("a dividend of 50 Rp. per share", 50, "CHF/share"),
        ("a dividend of 50 Rp. per share", 0.5, "EUR/share"),
    ],
)
def test_a_part_or_the_hundredths_as_units_are_refused(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None


def test_rm_needs_its_digits_and_rp_its_place() -> None:
    # "Rm 5" is a room, "Rp 5.000" the rupiah before its digits.
    assert number_problem([5], parse_unit("count"), "the meeting was held in Rm 5") is None
    assert not any(n.cents for n in numbers_in("the index closed at 2024 Rp. 5.000"))


def test_a_comma_parts_the_units_from_the_hundredths() -> None:
    # "$2, 10 cents above estimates": the 10 cents are the beat, the EPS is 2.
    quote = "EPS came in at $2, 10 cents above estimates"
    assert number_problem([2], parse_unit("USD/share"), quote) is None
    assert number_problem([2.1], parse_unit("USD/share"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "wrong"),
    [
        ("revenue of RM4.5bil", 4.5, "MYR bn", "MYR m"),
        ("profit of RM450mil", 450, "MYR m", "MYR bn"),
        ("profit of RM450 mil", 0.45, "MYR bn", "MYR m"),
    ],
)
def test_the_ringgits_scales(quote: str, value: float, unit: str, wrong: str) -> None:
    # The Malaysian press's "bil" and "mil" after the ringgit scale its amount.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value], parse_unit(wrong), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        (
            "Class A and class B shares pay dividends of $1 and 50 cents, respectively.",
            1,
            "USD/share",
        ),
        (
            "Class A and class B shares pay dividends of $1 and 50 cents, respectively.",
            0.5,
            "USD/share",
        ),
        ("Prices are EUR 5 and 50 cents for the two models.", 5, "EUR"),
        ("Prices are EUR 5 and 50 cents for the two models.", 0.5, "EUR"),
    ],
)
def test_the_joined_amount_keeps_its_parts(quote: str, value: float, unit: str) -> None:
    # A pair may list two amounts: reading it only as one ($1.50, EUR 5.50) refused both.
    assert number_problem([value], parse_unit(unit), quote) is None


def test_a_list_word_after_the_pair_keeps_it_apart() -> None:
    quote = "Class A and class B shares pay dividends of $1 and 50 cents, respectively."
    assert number_problem([1.5], parse_unit("USD/share"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        (
            "The dividend amounts to 150 Rp. per share, the Jakarta-listed bank said.",
            150,
            "IDR/share",
        ),
        ("Indonesia's Bank Rakyat paid 150 Rp. a share in dividends.", 150, "IDR/share"),
        ("a dividend of 7 Rp. per share", 7, "IDR/share"),
        ("a dividend of 7 Rp. per share", 0.07, "CHF/share"),
        ("a dividend of 50 Rp. per share", 0.5, "CHF/share"),
    ],
)
def test_rp_after_its_digits_is_rappen_or_rupiah_by_the_unit(
    quote: str, value: float, unit: str
) -> None:
    # The Indonesian press writes the rupiah "150 Rp." too: the unit's currency decides.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("value", "unit"), [(1.5, "IDR/share"), (150, "CHF/share"), (1.5, "EUR/share")]
)
def test_rp_is_neither_reading_in_the_other_currency(value: float, unit: str) -> None:
    quote = "Indonesia's Bank Rakyat paid 150 Rp. a share in dividends."
    assert number_problem([value], parse_unit(unit), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # The rupiah's reading is priced per the quantity the quote names, as the Rappen's is.
        ("die Gebühr beträgt 8 Rp. pro kWh", 8000, "IDR/MWh"),
        ("a dividend of 150 Rp. per share", 0.15, "IDR k/share"),
    ],
)
def test_rp_as_rupiah_is_read_at_the_units_scale_and_quantity(
    quote: str, value: float, unit: str
) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("die Gebühr beträgt 8 Rp. pro kWh", 8, "IDR/MWh"),
        ("a dividend of 150 Rp. per share", 150, "IDR k/share"),
    ],
)
def test_rp_as_rupiah_is_no_bare_number_in_the_units_scale(
    quote: str, value: float, unit: str
) -> None:
    # 8 rupiah a kWh is 8,000 a MWh; 150 rupiah a share is 0.15 thousand.
    assert number_problem([value], parse_unit(unit), quote) is not None


def test_rp_is_one_reading_whose_unit_picks_rappen_or_rupiah() -> None:
    (n,) = numbers_in("a dividend of 150 Rp. per share")
    assert n.show(parse_unit("IDR/share")) == "150 Rp. (= 150 IDR/share)"
    assert "no hundredth nor whole units of EUR" in n.show(parse_unit("EUR/share"))


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("a dividend of RM 4.50 a share", 4.5, "MYR/share"),
        ("revenue of RM 4.5 bil", 4.5, "MYR bn"),
        ("revenue of RM 4.5 bil", 4_500, "MYR m"),
        ("revenue of RM 450 mil", 0.45, "MYR bn"),
        ("Maybank declared a dividend of RM 0.32 per share.", 0.32, "MYR/share"),
    ],
)
def test_rm_in_capitals_spaced_from_its_digits_is_the_ringgit(
    quote: str, value: float, unit: str
) -> None:
    # The sign was read against its digits only: "RM 4.50" was a bare 4.50 and "bil" no scale.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("a dividend of RM 4.50 a share", 4.5, "EUR/share"),
        ("revenue of RM 4.5 bil", 4.5, "USD bn"),
    ],
)
def test_the_spaced_ringgit_is_no_other_currency(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None


@pytest.mark.parametrize(
    "quote",
    [
        "Dividend of RM 0.32 a share was approved at a meeting in Rm 5.",
        "The meeting in Rm 5 approved a dividend of RM 0.32.",
    ],
)
def test_the_ringgit_in_capitals_reads_only_its_own_number(quote: str) -> None:
    # One "RM 0.32" made every spaced "rm" the ringgit: the room "Rm 5" was 5 MYR, and a count
    # of 5 was refused.
    assert number_problem([5], parse_unit("count"), quote) is None
    assert [n.currency for n in numbers_in(quote) if n.value == 5] == [None]
    # Nor is the room's "Rm" a subject that would set the two numbers apart.
    assert all(s.subject != "Rm" for s in senses(quote, numbers_in(quote)))
    assert number_problem([0.32], parse_unit("MYR/share"), quote) is None
