"""The watch list's low and high cases when values pile up at a cut.

A launch's revenue is 0 on every path where the product is not yet approved. With 65% of the
paths at 0, the 20th, 40th and 60th percentiles are all 0; counting the paths at a cut with the
fifth above it put every 0 in the p60-p80 group, so "if revenue comes in below 0 (its 20th
percentile)" had no paths and its median read "n/a". The paths at the 20th percentile are now
the low case, said "at or below"; the paths at the 80th are the high case, said "at or above".
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import model
from model.learning.watchlist import _outcomes

THESIS = """\
format: 1
thesis:
  name: "A launch awaiting approval"
  company: Launchco Inc
  as_of: 2025-01-01
  currency: USD
  horizon: {first: 2025, last: 2028}
  price:
    value: 8.0
    unit: USD/share
    date: 2025-01-01
    source: {estimate: "An illustrative share price"}
assumptions:
  approval_prob: {unit: "%", value: 0.35, source: {estimate: "A yearly chance of approval"}}
  approved: {unit: "1", value: 0, source: {estimate: "Not approved today"}}
  peak_sales:
    unit: USD m
    dist: lognormal
    ci90: [300, 1200]
    source: {estimate: "Peak sales of the product, illustrative"}
  margin: {unit: "%", value: 0.40, source: {estimate: "Margin at peak, illustrative"}}
  shares0: {unit: shares m, value: 100, source: {estimate: "Shares outstanding, illustrative"}}
  ev_sales: {unit: x, value: 4.0, source: {estimate: "An exit multiple, illustrative"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity, illustrative"}}
events:
  approval:
    label: "The product is approved"
    annual_prob: approval_prob
    repeatable: false
    effects:
      - {target: approved, op: add, by: 1}
    source: {estimate: "A decision is due each year until approval"}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    on_market: {value: cumsum(approved), unit: years}
    revenue: {value: "peak_sales * min(on_market / 3, 1)", role: revenue}
    earnings: {value: revenue * margin, role: earnings}
  valuation:
    cost_of_equity: ke
    legs:
      ev_sales: {weight: 1, multiple: ev_sales}
"""


def test_a_mass_at_the_low_cut_is_the_low_case() -> None:
    rng = np.random.default_rng(3)
    x = np.concatenate([np.zeros(650), rng.lognormal(5.0, 0.5, 350)])
    parts, names, (low, _) = _outcomes(x, False)
    assert low == 0.0
    assert names[0] == "at or below p20" and names[-1] == "above p80"
    assert parts[0].sum() == 650 and not parts[0][650:].any()
    assert parts[1].sum() == 0 and parts[2].sum() == 0
    assert sum(int(p.sum()) for p in parts) == x.size


def test_a_mass_at_the_high_cut_is_the_high_case() -> None:
    rng = np.random.default_rng(4)
    x = np.concatenate([rng.uniform(0.0, 1.0, 700), np.ones(300)])
    parts, names, (_, high) = _outcomes(x, False)
    assert high == 1.0
    assert names[0] == "below p20" and names[-1] == "at or above p80"
    assert parts[-1].sum() == 300 and not parts[-1][:700].any()


def test_continuous_values_keep_their_fifths_and_names() -> None:
    x = np.random.default_rng(5).normal(size=1000)
    parts, names, _ = _outcomes(x, False)
    assert names == ("below p20", "p20-p40", "p40-p60", "p60-p80", "above p80")
    assert [int(p.sum()) for p in parts] == [200] * 5


def test_the_watch_list_reads_a_launch_revenue_at_zero(tmp_path: Path) -> None:
    path = tmp_path / "launch.yaml"
    path.write_text(THESIS, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=4000, seed=5, progress=False)
    revenue = result.paths("revenue")[2026].to_numpy()
    value = result.paths("value_today").iloc[:, -1].to_numpy()
    assert (revenue == 0).mean() > 0.4  # the 20th percentile is 0: a pile of values at the cut
    watched = model.watch(result, ["revenue[2026]"])
    item = watched.items[0]
    assert item.outcomes[0] == "at or below p20"
    # The low case is every path without the product on the market, by hand.
    assert item.medians[0] == np.median(value[revenue <= 0])
    assert item.counts[0] == int((revenue == 0).sum())
    text = watched.sentences()[0]
    assert "comes in at or below 0 USD m (its 20th percentile)" in text, text
    assert "n/a" not in text, text
