"""A thesis valued on multiples alone has no cost of equity for today's value.

``thesis implied`` solves for today's value by default, so such a thesis is refused; the
refusal told a command-line user to "pass cost_of_equity=", a Python argument, instead of the
command's own ways out: ``--cost-of-equity``, or ``--target value_per_share`` for the
year-end value, which the run of such a thesis reports.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from model.cli.main import main

THESIS = """\
format: 1
thesis:
  name: "Multiples alone"
  company: Multico plc
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
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: e0, role: earnings}
    net_cash: {value: cash0, role: net_cash}
  valuation:
    legs:
      pe: {weight: 1, multiple: pe}
"""


@pytest.fixture()
def thesis(tmp_path: Path) -> Path:
    path = tmp_path / "multiples.yaml"
    path.write_text(THESIS, encoding="utf-8")
    return path


def test_refusal_names_the_command_options(thesis: Path, capsys) -> None:
    assert main(["implied", str(thesis), "--solve-for", "pe"]) == 2
    err = capsys.readouterr().err
    assert "cost_of_equity=" not in err, err
    assert "--cost-of-equity" in err and "--target value_per_share" in err, err


def test_the_options_named_work(thesis: Path, capsys) -> None:
    # Year-end value: (10 pe + 20) = 100 at pe = 8, which lies at Phi(ln 0.8 / 0.3) = 23%.
    assert main(["implied", str(thesis), "--solve-for", "pe", "--target", "value_per_share"]) == 0
    out = capsys.readouterr().out
    assert "when pe = 8 x" in out, out
    assert f"{round(100 * 0.5 * math.erfc(-math.log(0.8) / 0.3 / math.sqrt(2)))}%" in out, out
    # Today's value at 10 % over 1,094 days: (10 pe + 20) / 1.1 ** (1094 / 365) = 100.
    assert main(["implied", str(thesis), "--solve-for", "pe", "--cost-of-equity", "0.1"]) == 0
    out = capsys.readouterr().out
    pe = (100 * 1.1 ** (1094 / 365) - 20) / 10
    assert f"when pe = {pe:.4g} x" in out, out
