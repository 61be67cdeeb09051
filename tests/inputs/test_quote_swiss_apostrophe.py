"""The Swiss group thousands with an apostrophe ("CHF 1'250 Mio."): one number, not two."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

CHF_M = parse_unit("CHF m")


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("ein Umsatz von CHF 1'250 Mio.", 1250.0, "CHF m"),
        ("ein Umsatz von CHF 1\u2019250 Mio.", 1250.0, "CHF m"),
        ("ein Umsatz von 12'345'678 Franken", 12.345678, "CHF m"),
        ("the shares closed at CHF 1'234.50", 1234.5, "CHF/share"),
        ("sales of SFr. 2'400 million", 2.4, "CHF bn"),
    ],
)
def test_apostrophe_thousands(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


def test_the_digits_after_the_apostrophe_are_not_a_number_of_their_own() -> None:
    # Read as "1" and "250 Mio.", the quote supported 250 CHF m, a fifth of the amount.
    quote = "ein Umsatz von CHF 1'250 Mio."
    assert not any(matches(q, 250.0, CHF_M) for q in numbers_in(quote))
    assert number_problem([250.0], CHF_M, quote) is not None
