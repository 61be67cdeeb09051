"""The returns table leaves out the year ends that lie before the valuation date.

A thesis valued late in its horizon has year ends already past: nothing can be held to them,
so the summary gives them no value today and no dated return (``n`` 0). The returns table
(and with it the console, the JSON, returns.csv and the workbook) must agree, not show a 0 %
return, a 100 % chance of upside and a value compounded back to a past date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import EmptySampleError

THESIS = """\
format: 1
thesis:
  name: "A June year end valued late in the horizon"
  company: Lateco Inc
  as_of: 2028-03-31
  currency: USD
  fiscal_year_end: "06-30"
  horizon: {first: 2025, last: 2028}
  price:
    value: 50.0
    unit: USD/share
    date: 2028-03-31
    source: {estimate: "An illustrative share price"}
assumptions:
  earn0: {unit: USD m, value: 100, source: {estimate: "Earnings in the first year, illustrative"}}
  g: {unit: "%", value: 0.10, source: {estimate: "Earnings growth, illustrative"}}
  payout: {unit: "%", value: 0.5, source: {estimate: "Half of the earnings are paid out"}}
  cash0: {unit: USD m, value: 200, source: {estimate: "Net cash at the first year end"}}
  shares0: {unit: shares m, value: 20, source: {estimate: "Shares outstanding, illustrative"}}
  pe: {unit: x, value: 10, source: {estimate: "An exit multiple, illustrative"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity, illustrative"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: earn0 * compound(g), role: earnings}
    dividends: {value: payout * earnings, role: dividends}
    net_cash:
      value: net_cash[t-1] + earnings - dividends
      start: cash0
      role: net_cash
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: 1, multiple: pe}
"""


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> model.SimulationResult:
    path = Path(tmp_path_factory.mktemp("late")) / "late.yaml"
    path.write_text(THESIS, encoding="utf-8")
    thesis = model.load_thesis(path)
    return model.simulate(thesis, n_paths=50, seed=1)


def test_past_year_ends_have_no_returns(result: model.SimulationResult) -> None:
    table = result.returns_table()
    # FY2026 and FY2027 ended before 31 March 2028: nothing is held to them.
    for year in (2026, 2027):
        row = table.loc[year]
        assert row["n"] == 0
        for column in ("value_p50", "value_mean", "return_p50", "expected_return", "p_upside"):
            assert np.isnan(row[column]), (year, column, row[column])
    # The summary says the same.
    summary = result.summary().reset_index()
    past = summary[(summary.output == "value_today_by_year") & summary.year.isin([2026, 2027])]
    assert (past["n"] == 0).all()


def test_the_year_held_is_valued_by_hand(result: model.SimulationResult) -> None:
    row = result.returns_table().loc[2028]
    # FY2028 by hand: earnings 133.1, net cash 200 + 3 years of half of 110, 121, 133.1.
    earnings = 100 * 1.1**3
    cash = 200 + 0.5 * (110 + 121 + earnings)
    value = (10 * earnings + cash) / 20
    dividend = 0.5 * earnings / 20
    days = (date(2028, 6, 30) - date(2028, 3, 31)).days
    assert row["n"] == 50
    assert row["years_ahead"] == pytest.approx(days / 365, abs=1e-12)
    assert row["value_p50"] == pytest.approx((value + dividend) / 1.1 ** (days / 365), rel=1e-12)
    # Under a year: the holding-period return, not annualised.
    assert row["return_p50"] == pytest.approx((value + dividend) / 50 - 1, rel=1e-12)


def test_a_past_year_end_is_refused_by_name(result: model.SimulationResult) -> None:
    with pytest.raises(EmptySampleError, match="2027"):
        result.returns().p_upside(2027)
