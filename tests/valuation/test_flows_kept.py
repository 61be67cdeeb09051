"""A balance held flat while the company's cash goes nowhere is warned about.

Today's value of holding to a year counts the dividends paid on the way and the balance at its
end. With a net cash line that reads neither the earnings nor the free cash flow, and no
dividends paying them, every year's cash before the exit year vanishes: by hand, earnings of
100 a year on 10 shares at a flat net cash of 200 are worth (10 x 100 + 200) / 10 = 120 at
each year end, the 10 a share earned in each year held counted nowhere, so today's value
falls with the horizon for no reason.
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

import model
from model.errors import ThesisModelWarning

THESIS = """\
format: 1
thesis:
  name: "Cash that goes nowhere"
  company: Leakco plc
  as_of: 2025-01-01
  currency: USD
  horizon: {first: 2025, last: 2027}
  price:
    value: 100.0
    unit: USD/share
    date: 2025-01-01
    source: {estimate: "An illustrative share price"}
assumptions:
  e0: {unit: USD m, value: 100, source: {estimate: "Earnings this year, illustrative"}}
  cash0: {unit: USD m, value: 200, source: {estimate: "Net cash this year, illustrative"}}
  shares0: {unit: shares m, value: 10, source: {estimate: "Shares outstanding, illustrative"}}
  pe: {unit: x, value: 10, source: {estimate: "An exit multiple, illustrative"}}
  ke: {unit: "%", value: 0.1, source: {estimate: "Cost of equity, illustrative"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: e0, role: earnings}
    net_cash: NET_CASH
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: 1, multiple: pe}
"""

FLAT = "{value: cash0, role: net_cash}"
ROLLED = '{value: "net_cash[t-1] + earnings", start: cash0, role: net_cash}'


def _load(tmp_path: Path, net_cash: str) -> list[str]:
    path = tmp_path / "leak.yaml"
    path.write_text(THESIS.replace("NET_CASH", net_cash), encoding="utf-8")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        model.simulate(model.load_thesis(path), n_paths=2, seed=1)
    return [str(w.message) for w in seen if issubclass(w.category, ThesisModelWarning)]


def test_a_flat_balance_with_cash_going_nowhere_is_warned(tmp_path: Path) -> None:
    said = [m for m in _load(tmp_path, FLAT) if "net_cash" in m and "earnings" in m]
    assert said, "no warning"
    assert "leak.yaml:" in said[0] and "legs.pe.net_cash" in said[0], said[0]
    # By hand: the flat balance drops a year's 10 a share of earnings each year held.
    result = model.simulate(model.load_thesis(tmp_path / "leak.yaml"), n_paths=2, seed=1)
    today = result.summary().loc[("value_today_by_year", 2026), "mean"]
    days = (date(2026, 12, 31) - date(2025, 1, 1)).days
    assert today == pytest.approx(120 / 1.1 ** (days / 365), rel=1e-9)


def test_a_balance_that_keeps_the_earnings_is_not(tmp_path: Path) -> None:
    assert not [m for m in _load(tmp_path, ROLLED) if "never keeps" in m]
