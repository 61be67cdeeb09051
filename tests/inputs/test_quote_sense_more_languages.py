"""French, Nordic, Dutch, Italian and Polish words of decline make their numbers negative."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses


def _signs(quote: str) -> list[tuple[bool, str | None]]:
    return [(s.negative, s.why) for s in senses(quote, numbers_in(quote))]


@pytest.mark.parametrize(
    ("quote", "word"),
    [
        ("le chiffre d'affaires est en baisse de 5 %", "baisse"),
        ("une perte de 3,2 milliards d'euros", "perte"),
        ("nettoomsättningen minskade med 5 %", "minskade"),
        ("en förlust på 1,2 mdkr", "förlust"),
        ("omsetningen falt med 4,5 %", "falt"),
        ("omsætningen faldt med cirka 3 %", "faldt"),
        ("een daling van 5% in de omzet", "daling"),
        ("een verlies van 1,2 mld euro", "verlies"),
        ("un calo del 5% dei ricavi", "calo"),
        ("una perdita di 350 milioni di euro", "perdita"),
        ("spadek o 5% r/r", "spadek"),
        ("strata 3,5 mln zł", "strata"),
    ],
)
def test_a_word_of_decline_makes_the_number_negative(quote: str, word: str) -> None:
    negative, why = _signs(quote)[0]
    assert negative and why == word


@pytest.mark.parametrize(
    "quote",
    [
        "le chiffre d'affaires a baissé à 20 %",
        "marginalen sjönk till 5 %",
        "marginen faldt til 5 %",
        "de marge daalde naar 5%",
        "il margine è in calo al 5%",
        "marża spadła do 5%",
        "nettoomsättningen ökade med 5 %",
    ],
)
def test_a_level_or_a_rise_stays_positive(quote: str) -> None:
    assert not any(negative for negative, _ in _signs(quote))
