"""A rank correlation's interval holds the correlation itself, also at +-1.

When the output is a monotone function of one input, Spearman's rho is exactly 1; the Fisher
interval, computed at 1 - 1e-15 to keep arctanh finite, then ended just below 1 (a "90 %
interval" that excludes the estimate), and the report's rank chart failed with an internal
error on the negative error bar.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.charts import rank_correlation_bars

THESIS = """\
format: 1
thesis:
  name: "One uncertain multiple"
  company: Monoco plc
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
  pe:
    unit: x
    dist: lognormal
    median: 10
    sigma: 0.3
    source: {estimate: "An exit multiple, illustrative"}
  ke: {unit: "%", value: 0.1, source: {estimate: "Cost of equity, illustrative"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: e0, role: earnings}
    net_cash: {value: cash0, role: net_cash}
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: 1, multiple: pe}
"""


@pytest.fixture(scope="module")
def ranks(tmp_path_factory: pytest.TempPathFactory):
    path = Path(tmp_path_factory.mktemp("mono")) / "mono.yaml"
    path.write_text(THESIS, encoding="utf-8")
    return model.sensitivity(model.load_thesis(path), method="rank", n_paths=2_000, seed=1)


def test_interval_of_a_perfect_correlation_is_the_point(ranks) -> None:
    row = ranks.to_frame().set_index("input").loc["pe"]
    # Value per share is 10 pe + 20: strictly increasing in pe, so rho is 1.
    assert row["rho"] == pytest.approx(1.0, abs=1e-12)
    assert row["rho_low"] <= row["rho"] <= row["rho_high"] <= 1.0


def test_rank_chart_draws_a_perfect_correlation(ranks) -> None:
    import matplotlib.pyplot as plt

    fig = rank_correlation_bars(ranks)
    assert fig.axes
    plt.close(fig)
