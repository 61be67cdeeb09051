"""The returns table measures holding periods to the thesis' own fiscal year ends."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import model
from model.valuation.finance.dates import ValuationDates

ROOT = Path(__file__).resolve().parents[2]
MINER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


def test_years_ahead_follow_a_june_year_end():
    thesis = model.load_thesis(MINER)
    assert thesis.fiscal_year_end == "06-30"
    result = model.simulate(thesis, scenario="base", n_paths=2_000, seed=3)
    table = result.returns_table()
    # FY2027 ends on 30 June 2027: 1.75 years after the price of 30 September 2025, not 2.25.
    expected = ValuationDates.from_thesis(thesis).t_price[1:]
    np.testing.assert_allclose(table["years_ahead"].to_numpy(), expected, rtol=0, atol=1e-12)
    assert table.loc[2027, "years_ahead"] == (273 + 365) / 365
