"""Hundredths other than cents state their currency's amount, and serve only their own
currencies: "50 centimes" is 0.50 EUR or CHF, "50 Rappen" 0.50 CHF, "50 sen" and "50銭" 0.50 JPY."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("a dividend of 50 centimes per share", 0.5, "CHF/share"),
        ("un dividende de 50 centimes par action", 0.5, "EUR/share"),
        ("eine Dividende von 50 Rappen je Aktie", 0.5, "CHF/share"),
        ("a dividend of 20 sen per share", 0.2, "JPY/share"),
        ("1株当たり配当金は50銭", 0.5, "JPY/share"),
        ("配当は12.5銭", 0.125, "JPY/share"),
        ("1株当たり配当金は12円50銭", 12.5, "JPY/share"),
        ("a dividend of 12.5p a share", 0.125, "GBP/share"),
        ("a dividend of 12.5 pence per share", 0.125, "GBP/share"),
    ],
)
def test_a_hundredth_states_the_currency_amount(quote: str, value: float, unit: str) -> None:
    # Only cents were read as hundredths: "50 centimes" was a bare 50, so a dividend of 0.50
    # CHF a share was refused and one of 50 CHF accepted.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value * 100], parse_unit(unit), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("a dividend of 50 centimes per share", 0.5, "USD/share"),
        ("eine Dividende von 50 Rappen je Aktie", 0.5, "EUR/share"),
        ("a dividend of 20 sen per share", 0.2, "USD/share"),
        ("1株当たり配当金は50銭", 0.5, "USD/share"),
        ("a dividend of 12.5 pence per share", 0.125, "EUR/share"),
        ("a dividend of 20 cents per share", 0.2, "GBP/share"),
        ("a dividend of 20 cents per share", 0.2, "JPY/share"),
        ("1株当たり配当金は12円50銭", 0.5, "JPY/share"),
    ],
)
def test_a_hundredth_serves_its_own_currencies_only(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None


def test_the_slip_names_the_hundredth() -> None:
    problem = number_problem([50], parse_unit("CHF/share"), "a dividend of 50 Rappen je Aktie")
    assert problem is not None and "is in Rappen: write 0.5" in problem


@pytest.mark.parametrize(
    ("quote", "unit", "other"),
    [
        ("un dividendo de 55 céntimos por acción", "EUR/share", "USD/share"),
        ("un dividendo di 55 centesimi per azione", "EUR/share", "CHF/share"),
        ("um dividendo de 55 centavos por ação", "BRL/share", "EUR/share"),
    ],
)
def test_spanish_italian_and_portuguese_hundredths(quote: str, unit: str, other: str) -> None:
    # "55 céntimos" was a bare 55: a dividend of 55 EUR a share validated.
    assert number_problem([0.55], parse_unit(unit), quote) is None
    assert number_problem([55], parse_unit(unit), quote) is not None
    assert number_problem([0.55], parse_unit(other), quote) is not None


def test_the_reader_reads_every_word_for_a_hundredth_from_one_list() -> None:
    # The reader's words and hundredth()'s were two lists: a word added to the first alone
    # made hundredth() raise KeyError.
    from model.inputs.sources import cents
    from model.inputs.sources.quotes import numbers_in

    # 銭 and 仙 are written against their digits, read apart.
    for word in (w for w in cents._WORDS if w not in ("銭", "仙")):
        (n,) = numbers_in(f"a dividend of 50 {word} per share")
        assert n.cents and n.hundredth == cents.hundredth(word)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("un prix de 5 centimes par kWh", 50, "EUR/MWh"),
        ("un prix de 5 centimes le kWh", 50, "EUR/MWh"),
        ("un precio de 5 céntimos por kWh", 50, "EUR/MWh"),
        ("un precio de 5 céntimos el kWh", 50, "EUR/MWh"),
        ("un prezzo di 5 centesimi al kWh", 50, "EUR/MWh"),
        ("ein Preis von 5 Cent pro kWh", 50, "EUR/MWh"),
        ("un prix de 5 centimes par kilowattheure", 50, "EUR/MWh"),
        ("un precio de 5 céntimos por kilowatt-hour", 50, "EUR/MWh"),
    ],
)
def test_every_language_prices_a_quantity(quote: str, value: float, unit: str) -> None:
    # "par kWh" and "por kWh" were read as no denominator: the price matched no EUR/MWh.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([0.05], parse_unit("EUR/share"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "other"),
    [
        ("El dividendo será de 10 centavos de dólar por acción.", 0.1, "USD/share", "MXN/share"),
        ("um dividendo de 10 cêntimos por ação", 0.1, "EUR/share", "BRL/share"),
    ],
)
def test_centavos_de_dolar_and_centimos(quote: str, value: float, unit: str, other: str) -> None:
    # "centavos de dólar" were read as centavos of a peso, "cêntimos" as a bare 10.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value], parse_unit(other), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "cause"),
    [
        ("The fee is 5 sen per transaction.", 0.05, "MYR", "sen per a quantity the quote names"),
        ("3 cents per cubic metre", 30, "EUR/MWh", "not the one EUR/MWh prices"),
        ("5 cents per kWh", 50, "EUR/t", "not the one EUR/t prices"),
        ("5 cents", 50, "EUR/MWh", "per no quantity the quote names"),
        ("a dividend of 20 cents per share", 0.2, "GBP/share", "no hundredth of GBP"),
    ],
)
def test_the_refusal_names_the_cause(quote: str, value: float, unit: str, cause: str) -> None:
    # Each said "sen, which state no MYR", blaming the currency for the quantity priced.
    problem = number_problem([value], parse_unit(unit), quote)
    assert problem is not None and cause in problem and "which state no" not in problem
