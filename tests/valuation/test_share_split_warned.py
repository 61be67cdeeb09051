"""A share count that moves tenfold in a year on the central path (a stock split written as a
larger count) is taken as shares issued for nothing: ``validate`` and each run warn at the
count, naming the years and saying how to write a split; a modest issue is not warned."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

THESIS = """\
format: 1
thesis:
  name: "A company splitting its shares"
  company: Split Corp
  as_of: 2025-12-31
  currency: USD
  horizon: {first: 2025, last: 2029}
  price:
    value: 100
    unit: USD/share
    date: 2025-12-31
    source: {estimate: "An illustrative price for the check"}
assumptions:
  fcf_0: {unit: USD m, value: 120, source: {estimate: "Free cash flow, flat for the check"}}
  cash_0: {unit: USD m, value: 100, source: {estimate: "Net cash at the first year end"}}
  shares_0: {unit: shares m, value: 10, source: {estimate: "Shares before the corporate action"}}
  rate: {unit: "%", value: 0.04, source: {estimate: "After-tax yield on the cash held"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity and discount rate"}}
  g: {unit: "%", value: 0.02, source: {estimate: "Long-run growth of the free cash flow"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count:
      type: share_count
      shares: COUNT
    cash: {type: net_cash, start: cash_0, inflow: fcff, rate: rate}
  lines:
    fcff: {value: fcf_0, role: fcff}
  valuation:
    cost_of_equity: ke
    legs:
      dcf: {weight: 1, discount_rate: ke, terminal_growth: g}
"""


def _said(tmp_path: Path, capsys: pytest.CaptureFixture[str], count: str) -> tuple[Path, list[str]]:
    path = tmp_path / "split.yaml"
    path.write_text(THESIS.replace("COUNT", count), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    return path, [x for x in err if "stock split" in x]


def test_a_tenfold_split_is_warned_at_the_count(tmp_path, capsys):
    count = '"shares_0 * (10 if year >= 2027 else 1)"'
    path, said = _said(tmp_path, capsys, count)
    assert len(said) == 1, said
    line = 1 + path.read_text().splitlines().index(f"      shares: {count}")
    assert f"split.yaml:{line}: model.blocks.count.shares: the share count 'shares'" in said[0]
    assert "from 10 shares m in 2026 to 100 shares m in 2027" in said[0]
    assert "10 times in a year" in said[0] and "split-adjusted" in said[0]


def test_a_tenfold_consolidation_is_warned(tmp_path, capsys):
    _, said = _said(tmp_path, capsys, '"shares_0 * (0.1 if year >= 2028 else 1)"')
    assert len(said) == 1 and "to 1/10 in a year" in said[0] and "in 2028" in said[0], said


@pytest.mark.parametrize(
    "count", ["shares_0", '"shares_0 * (1.5 if year >= 2027 else 1)"', '"shares_0 * 1.05 ** t"']
)
def test_a_steady_count_or_a_modest_issue_is_not_warned(tmp_path, capsys, count):
    assert _said(tmp_path, capsys, count)[1] == []
