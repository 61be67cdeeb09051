"""The word "francs" written alone with an amount states it in Swiss francs (or another franc)."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

CHF_BN = parse_unit("CHF bn")


@pytest.mark.parametrize(
    "quote",
    ["sales of 4.2 bn francs", "sales of 4.2 billion francs", "sales of 4.2bn francs"],
)
def test_francs_alone_support_an_amount_in_chf(quote: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency == "CHF" and found.value == pytest.approx(4.2e9)
    assert matches(found, 4.2, CHF_BN) and matches(found, 4200.0, parse_unit("CHF m"))
    assert number_problem([4.2], CHF_BN, quote) is None


def test_a_single_franc_per_share() -> None:
    (found,) = numbers_in("a dividend of 1 franc per share")
    assert found.currency == "CHF" and matches(found, 1.0, parse_unit("CHF/share"))


def test_francs_may_be_another_franc_but_never_euros() -> None:
    (found,) = numbers_in("sales of 4.2 bn francs")
    # West and central Africa's CFA francs are francs too; euros and dollars are not.
    assert matches(found, 4.2, parse_unit("XOF bn"))
    assert not matches(found, 4.2, parse_unit("EUR bn"))
    problem = number_problem([4.2], parse_unit("EUR bn"), "sales of 4.2 bn francs")
    assert problem is not None and "in CHF, the unit is EUR bn" in problem
