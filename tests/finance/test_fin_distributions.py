"""Distributions count exactly once in a line model: paid out of net cash, credited to holders.

A line with role ``dividends`` that a ``net_cash`` block pays out leaves the exit value (after
the distributions) and enters today's value and the dated returns as ``dividends_per_share``.
Closed form: paying out everything, or keeping it at a return equal to the cost of equity,
leaves today's value unchanged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.engine.execution.deterministic import deterministic_inputs
from model.valuation import build_model

KE = 0.08
TEXT = """\
format: 1
thesis:
  name: "Payout test company"
  company: Payout Test Inc.
  as_of: 2024-12-31
  currency: USD
  horizon: {first: 2025, last: 2027}
  price:
    value: 100.0
    unit: USD/share
    date: 2024-12-31
    source: {estimate: "An illustrative share price for the payout tests"}
assumptions:
  earnings_2025:
    unit: USD bn
    value: 5
    source: {estimate: "Earnings in the first year, an illustrative round number"}
  growth:
    unit: "%"
    value: 0.06
    source: {estimate: "Earnings growth a year, an illustrative round number"}
  payout:
    unit: "%"
    value: PAYOUT
    source: {estimate: "The share of earnings paid out as dividends in the test"}
  cash_start:
    unit: USD bn
    value: CASH
    source: {estimate: "Net cash at the end of the first year in the test"}
  cash_rate:
    unit: "%"
    value: RATE
    source: {estimate: "What the company earns on the cash it keeps in the test"}
  ke:
    unit: "%"
    value: 0.08
    source: {estimate: "The cost of equity of the test, an illustrative round number"}
  pe_exit:
    unit: x
    value: 15
    source: {estimate: "An exit multiple for the test, an illustrative round number"}
  shares_2025:
    unit: shares bn
    value: 1
    source: {estimate: "Shares outstanding in the test, an illustrative round number"}
model:
  kind: lines
  currency: USD bn
  blocks:
    count: {type: share_count, shares: shares_2025}
    cash:
      type: net_cash
      start: cash_start
      inflow: earnings
      dividends: dividends
      rate: cash_rate
  lines:
    earnings:
      value: earnings[t-1] * (1 + growth)
      start: earnings_2025
      role: earnings
    dividends:
      value: payout * earnings
      role: dividends
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: 1, multiple: pe_exit}
"""


def central(tmp_path: Path, payout: float, cash: float = 10.0, rate: float = KE) -> dict:
    text = TEXT.replace("PAYOUT", repr(payout)).replace("CASH", repr(cash))
    path = tmp_path / f"payout_{payout}_{cash}_{rate}.yaml"
    path.write_text(text.replace("RATE", repr(rate)))
    thesis = model.load_thesis(path)
    fn = build_model(thesis)
    return dict(fn(deterministic_inputs(thesis.to_spec(), None, n_paths=1)))


def test_paying_out_or_keeping_at_the_cost_of_equity_leaves_value_today_unchanged(tmp_path):
    paid = central(tmp_path, 1.0)
    # The net-cash start is the first year's closing position: kept, year 0's earnings are in it.
    kept = central(tmp_path, 0.0, cash=10.0 + 5.0)
    assert paid["value_today"][0] == pytest.approx(kept["value_today"][0], rel=1e-12)
    # ... while the exit value differs by the cash paid out (the exit value is after it).
    assert kept["value_per_share"][0, -1] > paid["value_per_share"][0, -1] + 10
    # Closed form of the all-payout case: the dividends at year ends 1, 2, 3 years away, the
    # cash growing at the cost of equity, and 15 x the last year's earnings.
    e = 5.0 * 1.06 ** np.arange(3)
    df = (1 + KE) ** -np.arange(1.0, 4.0)
    expected = e @ df + (15 * e[-1] + 10.0 * (1 + KE) ** 2) * df[-1]
    assert paid["value_today"][0] == pytest.approx(expected, rel=1e-12)


def test_dividends_per_share_are_credited_once(tmp_path):
    out = central(tmp_path, 0.4, rate=0.0)
    d = out["dividends_per_share"][0]
    np.testing.assert_allclose(d, 0.4 * 5.0 * 1.06 ** np.arange(3), rtol=1e-12)
    df = (1 + KE) ** -np.arange(1.0, 4.0)
    v = out["value_per_share"][0]
    np.testing.assert_allclose(out["value_today_by_year"][0], np.cumsum(d * df) + v * df)
    # Net cash paid them: 10 at the end of year 0, then the earnings kept from year 1 on.
    kept = 0.6 * 5.0 * 1.06 ** np.arange(1, 3)
    np.testing.assert_allclose(out["net_cash"][0, 1:], 10 + np.cumsum(kept), rtol=1e-12)


def test_raising_the_payout_with_idle_cash_raises_value_today(tmp_path):
    # Cash kept earns nothing while holders discount at 8%: paying it out is worth more.
    low, high = central(tmp_path, 0.2, rate=0.0), central(tmp_path, 0.9, rate=0.0)
    assert high["value_today"][0] > low["value_today"][0]
    assert high["value_per_share"][0, -1] < low["value_per_share"][0, -1]
    assert high["return_dated"][0, -1] > low["return_dated"][0, -1]
