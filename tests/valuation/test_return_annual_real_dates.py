"""The annual return runs over the real time from the price date, not over whole model years.

Priced on 30 June 2026 with a first year ending 31 December 2026, a share worth twice the price
at every year end returned 100 % over the first half year, which the annual return showed as 0 %
(year 0, "no holding period"), and 2 ** (1 / 1) - 1 = 100 % a year to December 2027, 1.5 years
after the price.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import model

THESIS = """\
format: 1
thesis:
  name: "Priced mid-year"
  company: Midyear plc
  as_of: 2026-06-30
  currency: EUR
  horizon: {first: 2026, last: 2028}
  price:
    value: 10.0
    unit: EUR/share
    date: 2026-06-30
    source: {estimate: "An illustrative share price"}
assumptions:
  earn0: {unit: EUR m, value: 100, source: {estimate: "Earnings each year, flat, illustrative"}}
  shares0: {unit: shares m, value: 60, source: {estimate: "Shares outstanding, illustrative"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity, illustrative"}}
model:
  kind: lines
  currency: EUR m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: earn0, role: earnings}
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: 1, multiple: 12}
"""


def test_the_annual_return_is_over_the_days_held(tmp_path: Path) -> None:
    path = tmp_path / "midyear.yaml"
    path.write_text(THESIS, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=8, seed=1, progress=False)
    # 12 x 100 / 60 = 20 a share at every year end, twice the price of 10.
    np.testing.assert_allclose(result.array("value_per_share"), 20.0)
    annual = result.array("return_annual")
    # 184 days to Dec 2026: the period's return, not annualised; then 549 and 915 days.
    expected = [1.0, 2.0 ** (365 / 549) - 1.0, 2.0 ** (365 / 915) - 1.0]
    np.testing.assert_allclose(annual, np.broadcast_to(expected, annual.shape), rtol=1e-12)
    # The same figures as the dated return, which has no dividends to add here.
    np.testing.assert_allclose(annual, result.array("return_dated"), rtol=1e-9)


def test_a_year_ending_before_the_price_has_no_annual_return(tmp_path: Path) -> None:
    path = tmp_path / "midyear.yaml"
    path.write_text(THESIS.replace("first: 2026", "first: 2025"), encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=8, seed=1, progress=False)
    # December 2025 is before the price of 30 June 2026: nothing is held to it, not a 0 % return.
    table = result.summary("return_annual").xs("return_annual")
    row = table.loc[2025]
    assert row["n"] == 0 and np.isnan(row["mean"])
    assert table.loc[2026, "mean"] == 1.0
