"""German verbs of decline in the plural and with "sich" sign their number: "Die Kosten sanken
um 120 Mio. Euro" is a fall of 120 EUR m, as "Der Gewinn sank um 5 %" is one of 5 %."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses


def _signs(quote: str) -> list[bool]:
    return [s.negative for s in senses(quote, numbers_in(quote))]


@pytest.mark.parametrize(
    "quote",
    [
        "Die Kosten sanken um 120 Mio. Euro.",
        "Die Umsätze fielen um 5 %.",
        "Die Erträge schrumpften um 3 %.",
        "Die Kosten verringerten sich um 120 Mio. Euro.",
        "Die Kosten verringerte sich um 120 Mio. Euro.",
        "Die Kosten reduzierten sich um 120 Mio. Euro.",
    ],
)
def test_a_plural_or_reflexive_fall_is_negative(quote: str) -> None:
    # The plural was read as no word of decline: a change of +120 validated, -120 was refused.
    assert _signs(quote) == [True]


@pytest.mark.parametrize(
    "quote",
    ["Die Umsätze sanken auf 5 Mrd. Euro.", "Die Kosten reduzierten sich auf 120 Mio. Euro."],
)
def test_a_level_reached_stays_positive(quote: str) -> None:
    assert _signs(quote) == [False]
