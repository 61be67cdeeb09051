"""A first model year that ends after the price date has a return, as any later year does.

A thesis valued on 30 September 2025 whose first model year ends on 31 December 2025 holds the
share for 92 days to it: the summary states that period's return (``return_dated``), but the
returns table refused the year as one with "no holding period". Asked for, the year now has
its row (the period's own return, not annualised); a first year that ends on or before the
price date still has none.
"""

from __future__ import annotations

import pytest

import model
from model.errors import HorizonError


def _run(write_payer, cost: bool, as_of: str) -> model.SimulationResult:
    path = write_payer(cost, dividends=False, pe=11.0, as_of=as_of, first=2025, last=2027)
    return model.simulate(model.load_thesis(path), n_paths=2, seed=1)


@pytest.mark.parametrize("cost", [False, True], ids=["year_end", "cost_of_equity"])
def test_a_first_year_ending_after_the_price_has_its_return(write_payer, cost):
    result = _run(write_payer, cost, "2025-09-30")
    row = result.returns_table(2025).loc[2025]
    assert row["years_ahead"] == pytest.approx(92 / 365, rel=1e-12)
    # Worth 110 at 31 December 2025 against 100 paid on 30 September: 10% over the period.
    assert row["return_p50"] == pytest.approx(0.10, rel=1e-10)
    assert row["expected_return"] == pytest.approx(0.10, rel=1e-10)
    assert list(result.returns_table().index) == [2026, 2027]  # the default rows stay


def test_a_first_year_ending_at_the_price_date_has_none(write_payer):
    result = _run(write_payer, True, "2025-12-31")
    with pytest.raises(HorizonError):
        result.returns_table(2025)
