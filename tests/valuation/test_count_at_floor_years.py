"""On a path whose share count reaches its floor, the later count has no meaning: each year's
value is then the leg's equity value over that year's own count, as before the years shared
the later value among the later shares."""

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
      name: Share retirer
      company: Share retirer
      as_of: 2025-12-31
      currency: EUR
      horizon: {first: 2026, last: 2030}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative price for the test"}}
    assumptions:
      fcf_each_year: {unit: EUR m, value: 100, source: {estimate: "Free cash flow every year"}}
      wacc: {unit: "%", value: 0.10, source: {estimate: "A cost of capital in euro"}}
      g: {unit: "%", value: 0.02, source: {estimate: "Growth for ever after the horizon"}}
      spend: {unit: EUR m, value: 300, source: {estimate: "Buybacks a year from the cash"}}
      cash_now: {unit: EUR m, value: 50, source: {estimate: "Net cash at the last year end"}}
      shares_now: {unit: shares m, value: 100, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_now, buyback_spend: spend}
        cash: {type: net_cash, start: cash_now, inflow: fcf, buybacks: buyback_spend, rate: wacc}
      lines:
        fcf: {value: fcf_each_year, role: fcff}
      valuation:
        legs:
          dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}
    """
)


def test_a_count_at_its_floor_leaves_each_year_its_own_value(tmp_path: Path) -> None:
    path = tmp_path / "retire.yaml"
    path.write_text(THESIS, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        out = model.central(model.load_thesis(path))
    shares = np.asarray(out["shares"], dtype=float).reshape(-1)
    assert shares[:4] == pytest.approx([100.0, 70.0, 40.0, 10.0])  # 10 a year at 10 a share
    assert shares[4] == pytest.approx(1e-4)  # the floor
    kept = [50.0]
    for _ in range(4):
        kept.append(kept[-1] * 1.1 + 100.0 - 300.0)
    later = [100.0 * sum(1.1 ** (t - k) for k in range(t + 1, 5)) for t in range(5)]
    tv = [100.0 * 1.02 / 0.08 / 1.1 ** (4 - t) for t in range(5)]
    equity = np.array(later) + np.array(tv) + np.array(kept)
    assert np.asarray(out["value_dcf"], dtype=float).reshape(-1) == pytest.approx(equity, rel=1e-10)
    vps = np.asarray(out["value_per_share"], dtype=float).reshape(-1)
    assert vps[:4] == pytest.approx(equity[:4] / shares[:4], rel=1e-10)
