"""A ``net_cash`` block without a rate keeps cash that earns nothing while today's value
discounts it, so today's value falls as the horizon lengthens: ``validate`` says so at the
block's line (the default stays, so no thesis' numbers move), and not once the block has a
rate, nor when the balance keeps no cash."""

from __future__ import annotations

import textwrap
import warnings
from datetime import date
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Cash keeper
      company: Cash keeper
      as_of: 2025-12-31
      currency: EUR
      horizon: {first: 2026, last: LAST}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative price for the test"}}
    assumptions:
      fcf_each_year: {unit: EUR m, value: FLOW, source: {estimate: "Free cash flow every year"}}
      wacc: {unit: "%", value: 0.10, source: {estimate: "A cost of capital in euro"}}
      g: {unit: "%", value: 0.0, source: {estimate: "No growth for ever after the horizon"}}
      shares_now: {unit: shares m, value: 100, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_now}
        cash:
          type: net_cash
          start: 0
          inflow: fcfRATE
      lines:
        fcf: {value: fcf_each_year, role: fcff}
      valuation:
        legs:
          dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}
    """
)


def _write(tmp_path: Path, last: int = 2034, rate: str = "", flow: float = 100.0) -> Path:
    text = THESIS.replace("LAST", str(last)).replace("FLOW", repr(flow))
    path = tmp_path / f"keeper{last}.yaml"
    path.write_text(text.replace("RATE", f"\n      rate: {rate}" if rate else ""), "utf-8")
    return path


def _today(path: Path) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        return float(model.central(model.load_thesis(path))["value_today"])


@pytest.mark.parametrize("last", [2029, 2034])
def test_idle_cash_makes_todays_value_fall_with_the_horizon(tmp_path: Path, last: int) -> None:
    # The last year holds the perpetuity of 100 at 10% and the 100 a year kept since year 0,
    # without interest, per share of 100m, discounted on real dates (ACT/365F).
    tau = (date(last, 12, 31) - date(2025, 12, 31)).days / 365.0
    held = (100.0 / 0.10 + 100.0 * (last - 2026)) / 100.0
    assert _today(_write(tmp_path, last)) == pytest.approx(held / 1.1**tau, rel=1e-10)


def test_idle_cash_is_warned_at_the_block(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path)
    assert main(["validate", "-q", str(path)]) == 0
    err = capsys.readouterr().err
    line = 1 + path.read_text("utf-8").splitlines().index("    cash:")
    (said,) = [w for w in err.splitlines() if "has no rate" in w]
    assert said.startswith(
        f"warning: {path}:{line}: model.blocks.cash: the balance 'net_cash' keeps cash (from "
        "0 EUR m to 800 EUR m by 2034 on the central path) but has no rate"
    ), said
    assert "today's value falls as the horizon lengthens; give the block 'rate:'" in said


@pytest.mark.parametrize(("rate", "flow"), [("wacc", 100.0), ("", -10.0), ("", 0.0)])
def test_cash_that_earns_a_rate_or_is_not_kept_is_not_warned(
    tmp_path: Path, capsys, rate: str, flow: float
) -> None:
    assert main(["validate", "-q", str(_write(tmp_path, rate=rate, flow=flow))]) == 0
    assert "has no rate" not in capsys.readouterr().err


def test_cash_that_earns_the_discount_rate_keeps_todays_value(tmp_path: Path) -> None:
    short = _today(_write(tmp_path, 2029, "wacc"))
    long = _today(_write(tmp_path, 2034, "wacc"))
    assert long == pytest.approx(short, rel=1e-3)  # leap days apart


def _validate(tmp_path: Path, capsys, old: str, new: str) -> list[str]:
    path = _write(tmp_path, 2029)
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    return [w for w in capsys.readouterr().err.splitlines() if "has no rate" in w]


def test_a_balance_no_leg_reads_is_not_warned(tmp_path: Path, capsys) -> None:
    # A dividend discount adds no net cash: the balance enters no value.
    leg = "dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}"
    ddm = "ddm: {weight: 1, dividends: fcf, discount_rate: wacc, terminal_growth: g}"
    assert _validate(tmp_path, capsys, leg, ddm) == []


def test_cash_whose_interest_the_inflow_credits_is_not_warned(tmp_path: Path, capsys) -> None:
    line = "fcf: {value: fcf_each_year, role: fcff}"
    paid = 'fcf: {value: "fcf_each_year + 0.1 * net_cash[t-1]", role: fcff, start: fcf_each_year}'
    assert _validate(tmp_path, capsys, line, paid) == []


def test_a_net_debt_paid_down_without_a_rate_is_warned(tmp_path: Path, capsys) -> None:
    debt = '  debt_now: {unit: EUR m, value: -500, source: {estimate: "Net debt today"}}'
    path = _write(tmp_path, 2029)
    text = path.read_text("utf-8").replace("start: 0", "start: debt_now")
    path.write_text(text.replace("  shares_now:", f"{debt}\n  shares_now:"), "utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    (said,) = [w for w in capsys.readouterr().err.splitlines() if "has no rate" in w]
    assert "keeps cash (from -500 EUR m to -200 EUR m by 2029 on the central path)" in said, said
