"""Money the balance a DCF leg reads takes in from outside (its ``other``) is in the last
year's value already: an issue of shares at the value per share leaves every year's value per
share as it was, and with the balance earning the leg's rate holding a share a year earns the
rate whatever enters or leaves the balance."""

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
      name: Cash raiser
      company: Cash raiser
      as_of: 2025-12-31
      currency: EUR
      horizon: {first: 2026, last: 2030}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative price for the test"}}
    assumptions:
      fcf_each_year: {unit: EUR m, value: 100, source: {estimate: "Free cash flow every year"}}
      wacc: {unit: "%", value: 0.10, source: {estimate: "A cost of capital in euro"}}
      g: {unit: "%", value: 0.02, source: {estimate: "Growth for ever after the horizon"}}
      cash_now: {unit: EUR m, value: 50, source: {estimate: "Net cash at the last year end"}}
      shares_now: {unit: shares m, value: 100, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_now, dilution: "ISSUE if year == 2028 else 0.0"}
        cash: {type: net_cash, start: cash_now, inflow: fcf, other: outside, rate: wacc}
      lines:
        outside: {value: "(MONEY if year == 2028 else 0.0) * fcf_each_year"}
        fcf: {value: fcf_each_year, role: fcff}
      valuation:
        legs:
          dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}
    """
)


def _per_share(tmp_path: Path, issue: float, money: float) -> np.ndarray:
    text = THESIS.replace("ISSUE", repr(issue)).replace("MONEY", repr(float(money) / 100.0))
    path = tmp_path / "raise.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        out = model.central(model.load_thesis(path))
    return np.asarray(out["value_per_share"], dtype=float).reshape(-1)


def test_an_issue_at_the_value_per_share_changes_no_years_value(tmp_path: Path) -> None:
    plain = _per_share(tmp_path, 0.0, 0.0)
    # Ten new shares for each hundred in 2028 at that year's value per share.
    raised = _per_share(tmp_path, 0.1, 10.0 * float(plain[2]))
    assert raised == pytest.approx(plain, rel=1e-10)
    # By hand: the last year's value per share discounted at the rate.
    kept = 50.0 * 1.1**4 + 100.0 * sum(1.1**j for j in range(4))
    last = (100.0 * 1.02 / 0.08 + kept) / 100.0
    assert plain == pytest.approx(last / 1.1 ** (4 - np.arange(5)), rel=1e-10)


def test_money_leaving_the_balance_is_borne_by_every_earlier_year(tmp_path: Path) -> None:
    # 40 paid out of the balance in 2028 (an acquisition valued nowhere), the count constant.
    v = _per_share(tmp_path, 0.0, -40.0)
    kept = 50.0 * 1.1**4 + 100.0 * sum(1.1**j for j in range(4)) - 40.0 * 1.1**2
    last = (100.0 * 1.02 / 0.08 + kept) / 100.0
    assert v == pytest.approx(last / 1.1 ** (4 - np.arange(5)), rel=1e-10)


def _reading(tmp_path: Path, reads: str, money: float, line: str = "") -> np.ndarray:
    """Values per share with the leg's net cash written as ``reads`` (and one more line)."""
    text = THESIS.replace("ISSUE", "0.0").replace("MONEY", repr(float(money) / 100.0))
    text = text.replace("terminal_growth: g}", f"terminal_growth: g, net_cash: {reads!r}}}")
    if line:
        text = text.replace("\n  valuation:\n", f"\n    {line}\n  valuation:\n")
    path = tmp_path / "reads.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        out = model.central(model.load_thesis(path))
    return np.asarray(out["value_per_share"], dtype=float).reshape(-1)


def test_the_balance_read_through_a_line_counts_the_money_from_outside(tmp_path: Path) -> None:
    direct = _reading(tmp_path, "net_cash", -40.0)
    through = _reading(tmp_path, "kept", -40.0, 'kept: {value: "net_cash + 0.0 * fcf"}')
    assert through == pytest.approx(direct, rel=1e-12)
    assert direct == pytest.approx(_per_share(tmp_path, 0.0, -40.0), rel=1e-12)


def test_a_scaled_balance_counts_its_share_of_the_money_from_outside(tmp_path: Path) -> None:
    # With the count constant every year's value is linear in the money: reading half the
    # balance moves each year by half what reading the whole of it does.
    whole = _reading(tmp_path, "net_cash", -40.0) - _reading(tmp_path, "net_cash", 0.0)
    half = _reading(tmp_path, "0.5 * net_cash", -40.0) - _reading(tmp_path, "0.5 * net_cash", 0.0)
    assert np.all(whole[:2] < 0.0)
    assert half == pytest.approx(0.5 * whole, rel=1e-9, abs=1e-12)
