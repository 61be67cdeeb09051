"""A bare number in German text groups thousands with its dot: "12.500 Mitarbeiter" is 12,500
employees, not 12.5."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Die Gruppe beschäftigt 12.500 Mitarbeiter", 12500, "count"),
        ("Der Konzern hat 1.250 Kunden", 1250, "count"),
        ("Der Index stieg auf 12.500 Punkte", 12500, "1"),
        ("Zum Jahresende betrug die Zahl der Filialen 1.125", 1125, "count"),
    ],
)
def test_the_dot_groups_thousands(quote: str, value: float, unit: str) -> None:
    # The German count was read as 12.5 and 12,500 refused.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # German text writes a decimal point too: the thousands reading is an extra one.
        ("Laut Konzern ist die Book-to-Bill-Rate bei 1.125.", 1.125, "x"),
        ("Version 2.125 der Software ist seit Mai verfügbar.", 2.125, "x"),
        ("Die Aktie schloss bei 182.125 Dollar.", 182.125, "USD"),
        ("Der Euro notierte bei 1.085 Dollar.", 1.085, "USD"),
        ("Die Dividende beträgt 1.250 Franken.", 1.25, "CHF/share"),
    ],
)
def test_german_text_keeps_its_decimal_point(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("the ratio was 1.125", 1.125),
        ("die ratio was 1.125", 1.125),
        ("EPS was 2.125", 2.125),
        # One German-looking word is a name or a place, not German text.
        ("Chief executive Tarun Das said the ratio was 1.125.", 1.125),
        ("Van der Berg said the ratio was 1.125.", 1.125),
        ("The company, based in Fra, reported a ratio of 1.125.", 1.125),
    ],
)
def test_english_keeps_its_decimal_point(quote: str, value: float) -> None:
    assert number_problem([value], parse_unit("1"), quote) is None


def test_a_dollar_price_beside_a_german_name_keeps_its_decimal_point() -> None:
    quote = "Shares of Das Holdings closed at $1.125."
    assert number_problem([1.125], parse_unit("USD"), quote) is None
