"""The Swiss press's sign for the franc, "SFr" (or "SFr."), states an amount in CHF."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

CHF_M = parse_unit("CHF m")


@pytest.mark.parametrize(
    "quote", ["ended September with cash of SFr 210 million", "cash of SFr210m", "SFr. 210m"]
)
def test_sfr_supports_an_amount_in_chf(quote: str) -> None:
    # Read as a bare 210 million of no currency, which a CHF amount could not cite as its own.
    (found,) = numbers_in(quote)
    assert found.currency == "CHF" and found.value == pytest.approx(210e6)
    assert matches(found, 210.0, CHF_M)
    assert number_problem([210.0], CHF_M, quote) is None


def test_sfr_is_not_another_currency() -> None:
    (found,) = numbers_in("cash of SFr 210 million")
    assert not matches(found, 210.0, parse_unit("EUR m"))
    assert number_problem([210.0], parse_unit("EUR m"), "cash of SFr 210 million") is not None
