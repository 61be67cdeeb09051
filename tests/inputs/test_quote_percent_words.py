"""The word for "percent" in languages that write a decimal comma: "steeg met 2,5 procent",
"økte med 2,5 prosent", "naik 2,5 persen", "2,5 por cento", "2,5 por ciento", "2,5 pour
cent", "2,5 per cento" are 0.025."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit

PERCENT = parse_unit("%")


@pytest.mark.parametrize(
    "quote",
    [
        "De omzet steeg met 2,5 procent.",
        "Försäljningen ökade med 2,5 procent.",
        "Omsetningen økte med 2,5 prosent.",
        "Przychody wzrosły o 2,5 procent.",
        "Pendapatan naik 2,5 persen.",
        "A receita aumentou 2,5 por cento.",
        "Las ventas aumentaron un 2,5 por ciento.",
        "Le chiffre d'affaires a progressé de 2,5 pour cent.",
        "Il fatturato è cresciuto del 2,5 per cento.",
    ],
)
def test_the_word_makes_a_percentage(quote: str) -> None:
    # The word was unread: 2,5 was a bare 2.5, and the fraction 0.025 refused.
    assert number_problem([0.025], PERCENT, quote) is None
    problem = number_problem([2.5], PERCENT, quote)
    assert problem is not None and "write 0.025" in problem


def test_a_comma_before_three_digits_is_in_doubt() -> None:
    problem = number_problem([0.0125], PERCENT, "De rente steeg met 1,250 procent.")
    assert problem is not None and "continental decimal comma" in problem


def test_the_english_per_cent_is_not_taken_for_per_cento() -> None:
    assert number_problem([0.025], PERCENT, "Sales rose 2.5 per cent.") is None
