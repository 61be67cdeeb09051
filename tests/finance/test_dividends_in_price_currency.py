"""Today's value adds the dividends a share receives in the price's currency.

A London-listed miner reports in dollars (model in USD m, price in GBP). Its
``dividends_per_share`` line written in USD/share was added to the GBP value as if it were
pounds: 0.20 a year instead of 0.16. It is now refused at its line; written in GBP/share
(times the fx) today's value is the hand calculation below.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisError

MINER = """\
format: 1
thesis:
  name: "A London-listed miner reporting in dollars"
  company: Example Resources plc
  as_of: 2025-12-31
  currency: GBP
  horizon: {first: 2026, last: 2028}
  price: {value: 10, unit: GBP/share, date: 2025-12-31, source: {estimate: "An illustrative price"}}
assumptions:
  ebitda_0: {unit: USD m, value: 1000, source: {estimate: "EBITDA flat at this level"}}
  fcf_0: {unit: USD m, value: 400, source: {estimate: "Free cash flow flat at this level"}}
  div_0: {unit: USD m, value: 200, source: {estimate: "Dividends paid each year"}}
  cash_0: {unit: USD m, value: 300, source: {estimate: "Net cash at the FY2026 year end"}}
  shares_0: {unit: shares m, value: 1000, source: {estimate: "Shares outstanding at year end"}}
  evx: {unit: x, value: 5, source: {estimate: "Where diversified miners trade"}}
  fx: {unit: GBP/USD, value: 0.8, source: {estimate: "Sterling per dollar, held flat"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity for a miner"}}
model:
  kind: lines
  currency: USD m
  fx_to_price: fx
  blocks:
    count: {type: share_count, shares: shares_0}
    cash: {type: net_cash, start: cash_0, inflow: fcf, dividends: dividends}
  lines:
    ebitda: {value: ebitda_0, role: ebitda}
    fcf: {value: fcf_0, role: fcff}
    earnings: {value: fcf_0, role: earnings}
    dividends: {value: div_0, role: dividends}
    DPS
  valuation:
    cost_of_equity: ke
    legs:
      ev_ebitda: {weight: 1, multiple: evx}
"""


def _thesis(tmp_path: Path, dps: str):
    path = tmp_path / "miner.yaml"
    path.write_text(MINER.replace("DPS", dps), encoding="utf-8")
    return path


def test_dividends_in_the_price_currency_are_counted_once(tmp_path: Path):
    path = _thesis(
        tmp_path, "dividends_per_share: {value: dividends * fx / shares, unit: GBP/share}"
    )
    result = model.simulate(model.load_thesis(path), n_paths=4, seed=1)
    # Net cash 300, 500, 700 (the 200 of dividends leave it); value 5 x 1000 + cash, x 0.8 / 1000.
    assert result.outputs["net_cash"][0] == pytest.approx([300, 500, 700])
    v = np.array([4.24, 4.40, 4.56])
    d = 200 * 0.8 / 1000  # 0.16 GBP a share, credited once in today's value
    tau = np.array([365, 730, 1096]) / 365  # to 31 Dec 2026, 2027, 2028 (a leap day)
    df = 1.10**-tau
    by_hand = np.cumsum(d * df) + v * df
    assert result.outputs["value_today_by_year"][0] == pytest.approx(by_hand, rel=1e-12)


def test_dividends_in_another_currency_are_refused_at_their_line(tmp_path: Path):
    path = _thesis(tmp_path, "dividends_per_share: {value: dividends / shares, unit: USD/share}")
    with pytest.raises(ThesisError) as caught:
        model.simulate(model.load_thesis(path), n_paths=4, seed=1)
    message = str(caught.value)
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index("    dividends_per_share: {value: dividends / shares, unit: USD/share}")
    )
    assert message.startswith(f"{path}:{line + 1}: "), message
    assert "USD/share" in message and "GBP/share" in message
