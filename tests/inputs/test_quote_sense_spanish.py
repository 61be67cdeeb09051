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


@pytest.mark.parametrize(
    "quote",
    [
        "Las ventas fueron un 5% menos que el año anterior.",
        "Las ventas fueron un 5 % inferiores al año anterior.",
        "El beneficio fue un 5 % inferior al de 2024.",
        "El beneficio fue un 5% menor.",
        "Las ventas fueron un 5% más bajas.",
    ],
)
def test_a_spanish_comparative_after_the_number_is_a_minus(quote: str) -> None:
    # The word after the number was unread: "un 5% menos" supported a rise of 5 %.
    sense = senses(quote, numbers_in(quote))[0]
    assert sense.number.text.startswith("5") and sense.negative


@pytest.mark.parametrize(
    "quote",
    [
        "Las ventas fueron un 5% más o menos estables.",
        "Las ventas fueron al menos un 5% mayores.",
        "El precio es inferior a 5 euros.",
    ],
)
def test_no_comparative_after_the_number_leaves_it_positive(quote: str) -> None:
    (sense,) = senses(quote, numbers_in(quote))
    assert not sense.negative


def test_a_comparative_after_a_range_signs_its_high_end_only() -> None:
    # As "5-6 billion lower than expected": a comparison, not a range of falls.
    quote = "Las ventas crecieron un 5-6% menos de lo previsto."
    assert [s.negative for s in senses(quote, numbers_in(quote))] == [False, True]


@pytest.mark.parametrize(
    ("quote", "first_negative"),
    [
        ("El margen operativo bajó del 15 % al 12 %.", False),
        ("El margen bruto descendió del 42,1 % al 40,3 % por la presión de costes.", False),
        ("La tasa de morosidad bajó del 4 % al 3,5 % en 2025.", False),
        ("La cuota de mercado bajó de un 20 % a un 18 %.", False),
        ("El apalancamiento se redujo de 3,5 veces a 2,8 veces.", False),
        ("La tasa de paro bajó del 12 % por primera vez desde 2008.", False),
        ("Una caída del 3,4 % de las ventas.", True),
        ("Una reducción del 20 % de la plantilla.", True),
        ("El beneficio bajó en un 5 %.", True),
    ],
)
def test_de_after_a_verb_is_from_after_a_noun_of(quote: str, first_negative: bool) -> None:
    # "bajó del 15 % al 12 %" is fell from 15 % to 12 %: both are levels. The verbs took "del"
    # as "of", as the nouns rightly do ("una caída del 3,4 %"), and refused the 15 % as a level.
    found = senses(quote, numbers_in(quote))
    assert found[0].negative is first_negative
    assert not any(s.negative for s in found[1:])
