"""Dutch, Italian and Polish amounts: "mld", "mln", "miliardi", "milioni", "zł", a decimal comma."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("een omzet van 1,2 mld euro", 1.2, "EUR bn"),
        ("een nettowinst van 350 miljoen euro", 350.0, "EUR m"),
        ("een omzet van 1.250 mln euro", 1.25, "EUR bn"),
        ("ricavi per 1,2 miliardi di euro", 1.2, "EUR bn"),
        ("un utile netto di 350,5 milioni di euro", 350.5, "EUR m"),
        ("przychody wyniosły 4,2 mld zł", 4.2, "PLN bn"),
        ("zysk netto wyniósł 3,5 mln zł", 3.5, "PLN m"),
        ("zysk netto wyniósł 1 250 mln zł", 1.25, "PLN bn"),
        ("przychody wyniosły 12,5 miliardów złotych", 12.5, "PLN bn"),
        ("kurs akcji wyniósł 1.250 zł", 1250.0, "PLN/share"),
        ("kurs akcji wyniósł 182,50 zł", 182.5, "PLN/share"),
    ],
)
def test_dutch_italian_polish_amounts(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert not found.ambiguous and matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None
    assert not matches(found, value, parse_unit("USD" + unit[3:]))


def test_a_decimal_comma_before_mld_is_one_number() -> None:
    # "mld" was not read: "4,2 mld zł" was a bare 4.2 of any currency and scale.
    quote = "przychody wyniosły 4,2 mld zł"
    assert number_problem([4.2], parse_unit("PLN m"), quote) is not None
    assert number_problem([4.2], parse_unit("EUR bn"), quote) is not None


def test_a_comma_before_three_digits_and_mln_is_refused_naming_both() -> None:
    problem = number_problem([1250.0], parse_unit("EUR m"), "een omzet van 1,250 mln euro")
    assert problem is not None
    # Dutch, not German: the decimal comma is named as the continental press's.
    assert "1.25 with a continental decimal comma, or 1,250 with an English thousands comma" in (
        problem
    )


def test_polish_bln_is_refused_naming_both_scales() -> None:
    # A Polish "bilion" is a million millions; English wires write "bln" for billions.
    quote = "dług publiczny wyniósł 1,5 bln zł"
    for value, unit in ((1.5, "PLN bn"), (1.5, "PLN tn")):
        problem = number_problem([value], parse_unit(unit), quote)
        assert problem is not None and "1.5 billion in English, or 1.5 trillion" in problem


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        ("w 2024 15 nowych sklepów", [2024.0, 15.0]),
        ("nel 2024 150 negozi", [2024.0, 150.0]),
        ("marża wyniosła 12,5%", [0.125]),
        ("tel. 22 123 45 67", [22.0, 123.0, 45.0, 67.0]),
    ],
)
def test_numbers_that_are_not_amounts(quote: str, values: list[float]) -> None:
    found = numbers_in(quote)
    assert [q.value for q in found] == pytest.approx(values)
    assert not any(q.currency or q.scaled or q.ambiguous for q in found)


@pytest.mark.parametrize(
    "quote",
    [
        "the group earned EUR 1,250 mln in the year",
        "the group earned 1,250 mln euros in the year",
        "the group earned 1,250 mln euro in the year",
    ],
)
def test_english_wire_mln_with_the_euro_keeps_its_english_reading(quote: str) -> None:
    (found,) = numbers_in(quote)
    assert not found.ambiguous
    assert number_problem([1250.0], parse_unit("EUR m"), quote) is None
    assert number_problem([1.25], parse_unit("EUR m"), quote) is not None


@pytest.mark.parametrize(
    "quote",
    [
        "the group earned 1.250 mln euro",
        "EUR 1.250 mln",
        "Bank priced a EUR 1.250 mln bond.",
        "Enel, EBITDA sale a 1.250 mln euro",
        "Ferrari 2024 net profit 1.250 mln euro, up 12%",
    ],
)
def test_a_lone_dot_before_mln_with_the_euro_alone_is_a_decimal_point(quote: str) -> None:
    # The currency alone does not choose the continental reading: wire style writes "mln"
    # with a decimal point, and no word of the sentence says otherwise.
    assert number_problem([1.25], parse_unit("EUR m"), quote) is None
    assert number_problem([1250.0], parse_unit("EUR m"), quote) is not None


def test_a_dutch_sentence_groups_thousands_before_mln() -> None:
    quote = "Nettoresultaat stijgt naar 1.250 mln euro"
    assert number_problem([1250.0], parse_unit("EUR m"), quote) is None
    assert number_problem([1.25], parse_unit("EUR m"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Apple sold $1.250 bln of notes", 1.25, "USD bn"),
        ("USD 1.250 bln", 1.25, "USD bn"),
        ("the bank raised 1.500 bln dollars", 1.5, "USD bn"),
        ("GBP 1.250 mln", 1.25, "GBP m"),
    ],
)
def test_a_lone_dot_before_bln_with_the_dollar_is_a_decimal_point(
    quote: str, value: float, unit: str
) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value * 1000], parse_unit(unit), quote) is not None


def test_a_lone_dot_before_mln_with_no_currency_is_refused_naming_both() -> None:
    quote = "revenue of 1.250 mln"
    (found,) = numbers_in(quote)
    assert found.ambiguous == (
        "1,250 with a continental thousands dot, or 1.25 with an English decimal point"
    )
    for value in (1250.0, 1.25):
        assert number_problem([value], parse_unit("USD m"), quote) is not None


@pytest.mark.parametrize(
    "quote",
    [
        "Del Monte Foods posted sales of EUR 1,250 mln",
        "Van Lanschot posted a profit of EUR 1,250 mln",
        "Di Maio said sales reached EUR 1,250 mln",
    ],
)
def test_a_name_particle_is_no_word_of_a_continental_sentence(quote: str) -> None:
    assert number_problem([1250.0], parse_unit("EUR m"), quote) is None


def test_mln_in_a_continental_sentence_takes_the_continental_reading() -> None:
    for quote in ("een omzet van 1.250 mln euro", "ricavi per 1.250 mln di euro"):
        assert number_problem([1250.0], parse_unit("EUR m"), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Bank raised EUR 1.250 bln in a bond sale.", 1.25, "EUR bn"),
        ("Revenue of €1.250 bln.", 1.25, "EUR bn"),
        ("Revenue was €2.500 bln.", 2.5, "EUR bn"),
        ("Revenue rose 10% to EUR 1.250 bln.", 1.25, "EUR bn"),
        ("EUR 1.250 bln (USD 1.35 bln)", 1.25, "EUR bn"),
        ("Operating loss (EUR 1.250 bln)", 1.25, "EUR bn"),
        ("EUR 12.500 mln net profit", 12.5, "EUR m"),
        ("Revenue was SEK 1.250 bln.", 1.25, "SEK bn"),
        ("PLN 1.250 mln", 1.25, "PLN m"),
    ],
)
def test_a_currency_before_mln_or_bln_does_not_choose_the_continental_reading(
    quote: str, value: float, unit: str
) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value * 1000], parse_unit(unit), quote) is not None
