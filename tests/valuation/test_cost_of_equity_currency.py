"""Today's value of a lira model priced in dollars, discounted at the lira WACC.

The leg's rate discounts lira flows; today's value discounts dollar values per share. With the
lira falling 30% a year and no ``cost_of_equity``, the run took the lira WACC (55%) for the
dollar cost of equity and stated today's value at under half of what a dollar rate gives, with
no word. ``validate`` now warns where the leg's rate is the cost of equity (by default, or named
again) while the exchange rate drifts; a dollar cost of equity, or a steady rate, is not warned.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main

THESIS = """\
format: 1
thesis:
  name: "A lira company priced in dollars"
  company: Lira AS
  as_of: 2025-12-31
  currency: USD
  horizon: {first: 2025, last: 2028}
  price:
    value: 2
    unit: USD/share
    date: 2025-12-31
    source: {estimate: "An illustrative price for the check"}
assumptions:
  fcf_0: {unit: TRY m, value: 1000, source: {estimate: "Free cash flow in the first year"}}
  infl: {unit: "%", value: 0.40, source: {estimate: "Lira inflation carried into the flows"}}
  usd_per_try: {unit: USD/TRY, value: 0.025, source: {estimate: "The rate on the valuation date"}}
  try_fall: {unit: "%", value: FALL, source: {estimate: "The lira's yearly fall in dollars"}}
  shares_0: {unit: shares m, value: 100, source: {estimate: "Shares outstanding, no change"}}
  payout: {unit: "%", value: 0.5, source: {estimate: "Half the free cash flow is paid out"}}
  ke_usd: {unit: "%", value: 0.12, source: {estimate: "Cost of equity in dollars"}}
  wacc_try: {unit: "%", value: 0.55, source: {estimate: "Cost of capital in lira"}}
  g: {unit: "%", value: 0.30, source: {estimate: "Long-run growth in lira, mostly inflation"}}
  cash_0: {unit: TRY m, value: -2000, source: {estimate: "Net debt at the first year end"}}
  r_debt: {unit: "%", value: 0.35, source: {estimate: "After-tax rate on the lira debt"}}
model:
  kind: lines
  currency: TRY m
  fx_to_price: "usd_per_try * (1 - try_fall) ** t"
  blocks:
    count: {type: share_count, shares: shares_0}
    cash: {type: net_cash, start: cash_0, inflow: fcff, dividends: dividends, rate: r_debt}
  lines:
    fcff: {value: "fcf_0 * (1 + infl) ** t", role: fcff}
    dividends: {value: payout * fcff, role: dividends}
  valuation:
COST    legs:
      dcf: {weight: 1, discount_rate: wacc_try, terminal_growth: g}
"""


def _write(tmp_path: Path, cost: str, fall: str = "0.30") -> Path:
    path = tmp_path / "lira.yaml"
    text = THESIS.replace("COST", cost).replace("FALL", fall)
    path.write_text(text, encoding="utf-8")
    return path


def _said(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["validate", str(path)]) == 0
    return [x for x in capsys.readouterr().err.splitlines() if "price currency" in x]


def test_the_lira_wacc_by_default_is_warned_at_the_valuation(tmp_path, capsys):
    path = _write(tmp_path, "")
    said = _said(path, capsys)
    line = 1 + path.read_text().splitlines().index("  valuation:")
    assert len(said) == 1 and f"lira.yaml:{line}: model.valuation: " in said[0], said
    assert "'wacc_try' (by default)" in said[0] and "-30% a year" in said[0]


def test_the_lira_wacc_named_as_the_cost_of_equity_is_warned_there(tmp_path, capsys):
    said = _said(_write(tmp_path, "    cost_of_equity: wacc_try\n"), capsys)
    assert len(said) == 1 and "model.valuation.cost_of_equity: " in said[0], said


@pytest.mark.parametrize(
    ("cost", "fall"), [("    cost_of_equity: ke_usd\n", "0.30"), ("", "0.0"), ("", "0.005")]
)
def test_a_dollar_rate_or_a_steady_exchange_rate_is_not_warned(tmp_path, capsys, cost, fall):
    assert _said(_write(tmp_path, cost, fall), capsys) == []


@pytest.mark.parametrize("fall", ["0.01", "-0.01"])
def test_a_drift_of_exactly_one_percent_a_year_is_not_warned(tmp_path, capsys, fall):
    # The README warns of a drift of more than 1% a year; 1% itself, either way, is not.
    assert _said(_write(tmp_path, "", fall), capsys) == []


@pytest.mark.parametrize("fall", ["0.0101", "-0.0101"])
def test_a_drift_just_over_one_percent_a_year_is_warned(tmp_path, capsys, fall):
    said = _said(_write(tmp_path, "", fall), capsys)
    assert len(said) == 1 and "1.01% a year" in said[0], said


def test_todays_value_at_the_dollar_rate_is_the_dollar_flows_discounted(tmp_path):
    # The figures the warning points to, by hand: dividends and the last value in dollars,
    # discounted at 12% over ACT/365F years from the valuation date.
    thesis = model.load_thesis(_write(tmp_path, "    cost_of_equity: ke_usd\n"))
    result = model.simulate(thesis, n_paths=4, seed=1)
    fx = 0.025 * 0.7 ** np.arange(4)
    fcf = 1000 * 1.4 ** np.arange(4)
    cash = [-2000.0]
    for t in range(1, 4):
        cash.append(cash[-1] * 1.35 + fcf[t] - 0.5 * fcf[t])
    value_t = fcf[3] * 1.3 / (0.55 - 0.30) + cash[3]
    tau = [(date(2025 + t, 12, 31) - date(2025, 12, 31)).days / 365 for t in range(4)]
    want = sum(0.5 * fcf[t] * fx[t] / 100 / 1.12 ** tau[t] for t in (1, 2, 3))
    want += value_t * fx[3] / 100 / 1.12 ** tau[3]
    got = np.asarray(result.paths("value_today_by_year"))[:, -1]
    np.testing.assert_allclose(got, want, rtol=1e-9)
