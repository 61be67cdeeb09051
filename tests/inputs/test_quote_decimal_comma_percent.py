"""A percentage written with a decimal comma ("3,4 %", "3,4 Prozent") is one number, 3.4%."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

PCT = parse_unit("%")


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("der Umsatz stieg um 3,4 %", 0.034),
        ("der Umsatz stieg um 3,4%", 0.034),
        ("eine Marge von 12,75 Prozent", 0.1275),
        ("eine Marge von 12 Prozent", 0.12),
        ("a margin of 12,5% in Europe", 0.125),
    ],
)
def test_a_decimal_comma_percentage(quote: str, value: float) -> None:
    (found,) = numbers_in(quote)
    assert found.percent and found.value == pytest.approx(value)
    assert number_problem([value], PCT, quote) is None


def test_the_digits_after_a_decimal_comma_are_not_a_percentage_of_their_own() -> None:
    # Read in English, "3,4 %" was a bare 3 and 4%: a growth of 4% in the thesis matched it.
    quote = "der Umsatz stieg um 3,4 %"
    assert not any(matches(q, 0.04, PCT) for q in numbers_in(quote))
    assert number_problem([0.04], PCT, quote) is not None


def test_english_percentages_keep_their_reading() -> None:
    (grouped,) = numbers_in("shares rose 1,250% in a decade")
    assert grouped.value == pytest.approx(12.5)
    (point,) = numbers_in("a yield of 1.250%")
    assert point.value == pytest.approx(0.0125)


def test_a_german_percentage_that_reads_two_ways_is_refused() -> None:
    (found,) = numbers_in("eine Steigerung um 1,250 Prozent")
    assert found.ambiguous and not matches(found, 0.0125, PCT) and not matches(found, 12.5, PCT)
