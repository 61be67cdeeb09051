"""German puts the subject between the verb of decline and its number, and "zurück" after it."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses


def _signs(quote: str) -> list[tuple[bool, str | None]]:
    return [(s.negative, s.why) for s in senses(quote, numbers_in(quote))]


@pytest.mark.parametrize(
    ("quote", "word"),
    [
        ("Im vierten Quartal fiel der Gewinn um 3,1 %", "fiel"),
        ("Im Jahr 2024 sank die Marge um 1,5 Prozentpunkte", "sank"),
        ("Der Umsatz ging um 3,4 % zurück", "zurück"),
    ],
)
def test_the_decline_is_read_across_the_subject(quote: str, word: str) -> None:
    assert _signs(quote)[-1] == (True, word)


@pytest.mark.parametrize(
    "quote",
    ["Im vierten Quartal fiel der Gewinn auf 3,1 Mrd. Euro", "Der Umsatz stieg um 3,4 %"],
)
def test_a_level_or_a_rise_stays_positive(quote: str) -> None:
    assert _signs(quote)[-1] == (False, None)
