"""A year that ends on or before the purchase holds nothing: its total return is missing, as
its annual and dated returns are.

Bought on 1 December 2025 with a September year end, the 2025 year (ended 30 September) went
to the holders of then. The summary showed its ``total_return`` as the upside to that year's
value (+10% here, on every path) while ``return_annual`` had no value there, though the README
defines ``total_return`` as ``(1 + return_annual)^t - 1``. The engine's array keeps that upside;
every table and statement leaves the year out.
"""

from __future__ import annotations

import numpy as np
import pytest

import model
from model.errors import StatementError
from model.valuation.finance.dates import ValuationDates


@pytest.fixture(params=[False, True], ids=["year_end", "cost_of_equity"])
def result(request, write_payer) -> model.SimulationResult:
    path = write_payer(
        request.param, as_of="2025-12-01", fiscal_year_end="09-30", first=2025, last=2027
    )
    return model.simulate(model.load_thesis(path), n_paths=4, seed=1)


def test_the_summary_leaves_the_year_before_the_purchase_out(result):
    summary = result.summary().xs("total_return", level="output")
    assert summary.loc[2025, "n"] == 0 and np.isnan(summary.loc[2025, "mean"])
    annual = result.summary().xs("return_annual", level="output")
    assert annual.loc[2025, "n"] == 0
    # The years held keep their total return: the annual one compounded over the time held.
    tau = ValuationDates.from_thesis(result.thesis).t_price[2]
    total, rate = result.outputs["total_return"][:, 2], result.outputs["return_annual"][:, 2]
    np.testing.assert_allclose(total, (1 + rate) ** tau - 1, rtol=1e-10)
    assert summary.loc[2027, "n"] == 4 and summary.loc[2027, "mean"] == pytest.approx(total.mean())


def test_the_paths_and_statements_leave_it_out_too(result):
    assert result.paths("total_return")[2025].isna().all()
    assert result.paths("total_return")[2026].notna().all()
    with pytest.raises(StatementError, match="nothing is held to 2025"):
        result.prob("total_return[2025] > 0")
