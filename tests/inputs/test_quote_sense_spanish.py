"""Spanish words of decline sign the number after them: "las ventas cayeron un 3,4 %" is a fall
of 3.4 %, "pérdidas de 200 millones de euros" a loss; "cayó a 5 %" (fell to) is a level."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses


@pytest.mark.parametrize(
    "quote",
    [
        "Las ventas cayeron un 3,4 %.",
        "Las ventas cayeron un 3,4 por ciento.",
        "Una caída del 3,4 % de las ventas.",
        "El beneficio bajó un 5 %.",
        "Pérdidas de 200 millones de euros.",
        "La facturación disminuyó un 4 %.",
        "El beneficio se desplomó un 20 %.",
    ],
)
def test_a_spanish_decline_is_a_minus(quote: str) -> None:
    # The words were unread: the fall supported a rise of 3.4 %, and -0.034 was refused.
    (sense,) = senses(quote, numbers_in(quote))
    assert sense.negative


@pytest.mark.parametrize(
    "quote",
    ["La tasa cayó a 5 %.", "El paro bajó hasta el 12 %.", "Las ventas crecieron un 5 %."],
)
def test_a_level_or_a_rise_stays_positive(quote: str) -> None:
    (sense,) = senses(quote, numbers_in(quote))
    assert not sense.negative
