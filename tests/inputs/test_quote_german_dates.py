"""A German date written without a report's words states no figure: "am 31.03.", "Stand:
31.03.2025", "zum 31.3.25"."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("am 31.03.2025", "31.03"),
        ("zum 31.03.2025", "31.03"),
        ("Stand: 31.03.2025", "31.03"),
        ("(31.03.2025) Umsatz 1,2 Mrd. Euro", "31.03"),
        ("Die Nettoverschuldung betrug am 31.03. 1,2 Mrd. Euro", "31.03"),
        ("Die Nettoverschuldung betrug zum 31.3. 1,2 Mrd. Euro", "31.3"),
        ("bis 31.03.25 gilt das Angebot", "31.03"),
        ("Stichtag 30.06. war der Bestand 1.200 Stück", "30.06"),
        ("zum 31. März 2025", "31"),
        ("am 31. 3. 2025 lag die Quote bei 5 %", "31"),
        ("am 31. 3. 2025 lag die Quote bei 5 %", "3"),
    ],
)
def test_a_german_date_is_no_figure(quote: str, figure: str) -> None:
    # The day and month after a colon, or with no four-digit year, were read as a number:
    # "am 31.03." supported net debt of 31.03.
    (n,) = [n for n in numbers_in(quote) if n.text == figure]
    assert n.date


def test_a_german_date_supports_no_amount_but_the_amount_stays() -> None:
    quote = "Die Nettoverschuldung betrug am 31.03. 1,2 Mrd. Euro"
    problem = number_problem([31.03], parse_unit("EUR bn"), quote)
    assert problem is not None and "part of a date" in problem
    assert number_problem([1.2], parse_unit("EUR bn"), quote) is None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Umsatz ab 1.5 Mrd. Euro", 1.5),
        ("sales rose 5.3% to 12.5. Margins were flat", 12.5),
        ("the stake rose to 31.03 per cent", 0.3103),
    ],
)
def test_numbers_that_are_no_dates_stay(quote: str, value: float) -> None:
    unit = parse_unit("%" if "cent" in quote else ("EUR bn" if "Mrd" in quote else "1"))
    assert number_problem([value], unit, quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # A full stop, then a year opening the next sentence, is no spaced date.
        ("Net debt to EBITDA fell to 1.5. 2025 will be a year of investment.", 1.5, "x"),
        ("Book-to-bill was 1.05. 2025 orders rose 5%.", 1.05, "x"),
        # A day and month before a capital end a sentence on a number.
        ("Die Marge stieg bis 12.5. Die Aktie legte zu.", 12.5, "1"),
    ],
)
def test_a_sentence_end_is_no_date(quote: str, value: float, unit: str) -> None:
    # These were read as the day and month of a date, and the right figure refused.
    assert number_problem([value], parse_unit(unit), quote) is None
