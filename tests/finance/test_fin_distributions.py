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


def fiscal(tmp_path: Path, as_of: str, year_end: str | None, payout: float = 0.4) -> Path:
    text = TEXT.replace("PAYOUT", repr(payout)).replace("CASH", "10.0").replace("RATE", "0.0")
    text = text.replace("  as_of: 2024-12-31", f"  as_of: {as_of}")
    text = text.replace("    date: 2024-12-31", f"    date: {as_of}")
    if year_end is not None:
        text = text.replace(
            "  currency: USD\n", f'  currency: USD\n  fiscal_year_end: "{year_end}"\n'
        )
    path = tmp_path / f"fiscal_{as_of}_{year_end}.yaml"
    path.write_text(text)
    return path


def test_the_fiscal_year_end_dates_every_model_year(tmp_path):
    from model.valuation.finance.dates import ValuationDates

    thesis = model.load_thesis(fiscal(tmp_path, "2024-06-30", "06-30"))
    assert thesis.fiscal_year_end == "06-30"
    ends = ValuationDates.from_thesis(thesis).year_ends
    assert [d.isoformat() for d in ends] == ["2025-06-30", "2026-06-30", "2027-06-30"]
    # A year later than the calendar year end would be: the same closed form, a year apart.
    out = dict(build_model(thesis)(deterministic_inputs(thesis.to_spec(), None, n_paths=1)))
    df = (1 + KE) ** -np.arange(1.0, 4.0)
    d, v = out["dividends_per_share"][0], out["value_per_share"][0]
    assert out["value_today"][0] == pytest.approx(d @ df + v[-1] * df[-1], rel=1e-12)


def test_distributions_before_the_valuation_date_are_not_credited(tmp_path):
    # Fiscal 2025 ended on 30 June 2025, before the valuation date: its dividend went to the
    # holders of then.
    thesis = model.load_thesis(fiscal(tmp_path, "2025-09-30", "06-30"))
    out = dict(build_model(thesis)(deterministic_inputs(thesis.to_spec(), None, n_paths=1)))
    from model.valuation.finance.dates import ValuationDates

    t = ValuationDates.from_thesis(thesis).t_value
    assert t[0] < 0 < t[1]
    df = (1 + KE) ** -t
    d, v = out["dividends_per_share"][0], out["value_per_share"][0]
    assert out["value_today"][0] == pytest.approx(d[1:] @ df[1:] + v[-1] * df[-1], rel=1e-12)


def test_a_fiscal_year_end_that_is_not_a_day_is_refused_at_its_line(tmp_path):
    path = fiscal(tmp_path, "2024-06-30", "06-31")
    line = 1 + path.read_text().splitlines().index('  fiscal_year_end: "06-31"')
    with pytest.raises(model.ThesisError, match=rf":{line}: thesis.fiscal_year_end: expected"):
        model.load_thesis(path)
