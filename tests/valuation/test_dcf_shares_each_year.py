"""A DCF leg states at each year end the value of the shares then outstanding: new shares
issued to others later take their part of the later value, buybacks leave the holders more of
it. With the balance earning the leg's rate and paying the dividends and buybacks, holding a
share from one year end to the next earns that rate, as today's value reads it; the last year's
value is the leg's own."""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Cash keeper
      company: Cash keeper
      as_of: 2025-12-31
      currency: EUR
      horizon: {first: 2026, last: 2030}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative price for the test"}}
    assumptions:
      fcf_each_year: {unit: EUR m, value: 100, source: {estimate: "Free cash flow every year"}}
      wacc: {unit: "%", value: 0.10, source: {estimate: "A cost of capital in euro"}}
      g: {unit: "%", value: 0.02, source: {estimate: "Growth for ever after the horizon"}}
      dil: {unit: "%", value: DIL, source: {estimate: "New shares issued a year as pay"}}
      spend: {unit: EUR m, value: BUY, source: {estimate: "Buybacks a year from the cash"}}
      payout: {unit: "%", value: PAY, source: {estimate: "Share of the flow paid out each year"}}
      cash_now: {unit: EUR m, value: 50, source: {estimate: "Net cash at the last year end"}}
      shares_now: {unit: shares m, value: 100, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_now, dilution: dil, buyback_spend: spend}
        cash:
          type: net_cash
          start: cash_now
          inflow: fcf
          dividends: dividends
          buybacks: buyback_spend
          rate: wacc
      lines:
        fcf: {value: fcf_each_year, role: fcff}
        dividends: {value: payout * fcf, role: dividends}
      valuation:
        legs:
          dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}
    """
)


def _central(tmp_path: Path, dil: float, buy: float, pay: float) -> dict[str, np.ndarray]:
    text = THESIS.replace("DIL", repr(dil)).replace("BUY", repr(buy)).replace("PAY", repr(pay))
    path = tmp_path / "dcf.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        out = model.central(model.load_thesis(path))
    return {k: np.asarray(v, dtype=float).reshape(-1) for k, v in out.items()}


def test_with_dilution_a_year_holds_its_part_of_the_last_years_value(tmp_path: Path) -> None:
    out = _central(tmp_path, 0.012, 0.0, 0.0)
    # The last year: the Gordon value of 100 growing 2% at 10%, and the balance of 50 grown at
    # 10% with 100 a year kept from year 1, over the count grown 1.2% a year from year 1.
    kept = 50.0 * 1.1**4 + 100.0 * sum(1.1**j for j in range(4))
    shares = 100.0 * 1.012 ** np.arange(5)
    last = (100.0 * 1.02 / 0.08 + kept) / shares[-1]
    expected = last / 1.1 ** (4 - np.arange(5))
    assert out["value_per_share"] == pytest.approx(expected, rel=1e-10)
    assert out["value_per_share_dcf"] * shares == pytest.approx(expected * shares, rel=1e-10)
    # The firm's equity over the year's own count would be 4.9% higher in the first year.
    firm = 100.0 * sum(1.1**-k for k in range(1, 5)) + 100.0 * 1.02 / 0.08 / 1.1**4 + 50.0
    assert firm / 100.0 / out["value_per_share"][0] - 1.0 == pytest.approx(0.0489, abs=5e-4)


@pytest.mark.parametrize(
    ("dil", "buy", "pay"), [(0.012, 0.0, 0.0), (0.0, 30.0, 0.0), (0.012, 30.0, 0.4)]
)
def test_holding_a_share_a_year_earns_the_rate(
    tmp_path: Path, dil: float, buy: float, pay: float
) -> None:
    out = _central(tmp_path, dil, buy, pay)
    v = out["value_per_share"]
    d = out.get("dividends_per_share", np.zeros_like(v))
    assert (v[1:] + d[1:]) / v[:-1] == pytest.approx(np.full(4, 1.1), rel=1e-10)
    held = out["value_today_by_year"]
    assert held == pytest.approx(np.full(5, held[-1]), rel=1e-3)  # leap days apart


def test_a_constant_count_keeps_the_firms_equity_value(tmp_path: Path) -> None:
    out = _central(tmp_path, 0.0, 0.0, 0.4)
    kept = [50.0]
    for _ in range(4):
        kept.append(kept[-1] * 1.1 + 60.0)
    later = [100.0 * sum(1.1 ** (t - k) for k in range(t + 1, 5)) for t in range(5)]
    tv = [100.0 * 1.02 / 0.08 / 1.1 ** (4 - t) for t in range(5)]
    expected = np.array(later) + np.array(tv) + np.array(kept)
    assert out["value_dcf"] == pytest.approx(expected, rel=1e-10)


def test_a_count_held_flat_by_buybacks_bears_the_buybacks(tmp_path: Path) -> None:
    # 3% new shares a year as pay, 30 a year buying back 3 shares at 10: the count stays at
    # 100, and the value is the equity value less the later buybacks, discounted.
    out = _central(tmp_path, 0.03, 30.0, 0.0)
    assert out["shares"] == pytest.approx(np.full(5, 100.0))
    kept = [50.0]
    for _ in range(4):
        kept.append(kept[-1] * 1.1 + 70.0)
    later = np.array([sum(1.1 ** (t - k) for k in range(t + 1, 5)) for t in range(5)])
    tv = np.array([100.0 * 1.02 / 0.08 / 1.1 ** (4 - t) for t in range(5)])
    equity = 100.0 * later + tv + np.array(kept)
    assert out["value_dcf"] == pytest.approx(equity, rel=1e-10)
    held = out["value_per_share_dcf"] * out["shares"]
    assert held == pytest.approx(equity - 30.0 * later, rel=1e-10)
    assert out["value_per_share"][0] == pytest.approx(11.4273, abs=1e-4)
