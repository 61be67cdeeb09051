"""Words of decline in German and Portuguese quotes make their numbers negative, as in English."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses


def _signs(quote: str) -> list[tuple[bool, str | None]]:
    return [(s.negative, s.why) for s in senses(quote, numbers_in(quote))]


@pytest.mark.parametrize(
    ("quote", "word"),
    [
        ("ein Verlust von 250 Mio. Euro", "verlust"),
        ("der Umsatz sank um 3,4 %", "sank"),
        ("der Umsatz ging um 3,4 % zurück, ein Rückgang von 3,4 %", "rückgang"),
        ("der Gewinn fiel um 12 Prozent", "fiel"),
        ("prejuízo de R$ 3,2 bilhões no ano", "prejuízo"),
        ("uma queda de 5% na receita", "queda"),
        ("a receita caiu 5% no trimestre", "caiu"),
        ("o lucro recuou 12%", "recuou"),
    ],
)
def test_a_word_of_decline_makes_the_number_negative(quote: str, word: str) -> None:
    negative, why = _signs(quote)[-1]
    assert negative and why == word


@pytest.mark.parametrize(
    "quote",
    [
        "der Umsatz sank auf 3,4 Mrd. Euro",
        "a receita caiu para R$ 3,2 bilhões",
        "ein Gewinn von 250 Mio. Euro",
    ],
)
def test_a_level_reached_or_a_gain_stays_positive(quote: str) -> None:
    assert _signs(quote) == [(False, None)]
