"""A net cash line of the thesis' own that carries its previous year at no rate
(``cash[t-1] + fcf``) keeps cash that earns nothing while today's value discounts it, as a
``net_cash`` block without ``rate:`` does: ``validate`` says so at the line, and not once the
line credits interest (a rate, or an interest line reading the balance), nor when no cash is
kept or no leg reads the balance."""

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
      lines:
        fcf: {value: fcf_each_year, role: fcff}
        cash: {value: "CASH", start: 0, unit: EUR m, role: net_cash}
      valuation:
        legs:
          dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}
    """
)


def _write(
    tmp_path: Path, cash: str = "cash[t-1] + fcf", last: int = 2034, flow: float = 100.0
) -> Path:
    text = THESIS.replace("LAST", str(last)).replace("FLOW", repr(flow)).replace("CASH", cash)
    path = tmp_path / f"keeper{last}.yaml"
    path.write_text(text, "utf-8")
    return path


def _said(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert main(["validate", "-q", str(path)]) == 0
    return [w for w in capsys.readouterr().err.splitlines() if "at no rate" in w]


def test_idle_cash_in_a_line_makes_todays_value_fall_with_the_horizon(tmp_path: Path) -> None:
    # What the warning says: the last year holds the perpetuity of 100 at 10% and the 100 a
    # year kept since year 0 without interest, per share of 100m, discounted on real dates.
    for last in (2029, 2034):
        tau = (date(last, 12, 31) - date(2025, 12, 31)).days / 365.0
        held = (100.0 / 0.10 + 100.0 * (last - 2026)) / 100.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ThesisModelWarning)
            today = model.central(model.load_thesis(_write(tmp_path, last=last)))["value_today"]
        assert float(today) == pytest.approx(held / 1.1**tau, rel=1e-10)


def test_idle_cash_in_a_line_is_warned_at_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path)
    (said,) = _said(capsys, path)
    line = 1 + next(
        n for n, s in enumerate(path.read_text("utf-8").splitlines()) if "    cash:" in s
    )
    assert said.startswith(
        f"warning: {path}:{line}: model.lines.cash.value: the balance 'cash' keeps cash (from "
        "0 EUR m to 800 EUR m by 2034 on the central path) but carries 'cash[t-1]' at no rate"
    ), said
    assert "today's value falls as the horizon lengthens" in said
    assert "'cash[t-1] * (1 + cash_yield) + ...'" in said and "block with 'rate:'" in said


@pytest.mark.parametrize(
    ("cash", "flow", "extra"),
    [
        ("cash[t-1] * (1 + wacc) + fcf", 100.0, ""),
        ("(1 + wacc) * cash[t-1] + fcf", 100.0, ""),
        # Interest the thesis writes itself, in a line that reads the balance.
        (
            "cash[t-1] + fcf + interest",
            100.0,
            'interest: {value: "0.1 * cash[t-1]", start: 0, unit: EUR m}',
        ),
        ("cash[t-1] + fcf", -10.0, ""),  # no cash kept
        ("cash[t-1] + fcf", 0.0, ""),
    ],
)
def test_a_line_crediting_interest_or_keeping_no_cash_is_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cash: str, flow: float, extra: str
) -> None:
    path = _write(tmp_path, cash, flow=flow)
    if extra:
        text = path.read_text("utf-8").replace("\n  valuation:\n", f"\n    {extra}\n  valuation:\n")
        path.write_text(text, "utf-8")
    assert _said(capsys, path) == []


def test_a_balance_no_leg_reads_is_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A dividend discount adds no net cash unless given: the balance enters no value.
    path = _write(tmp_path)
    text = path.read_text("utf-8").replace(
        "dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}",
        "ddm: {weight: 1, dividends: fcf, discount_rate: wacc, terminal_growth: g}",
    )
    path.write_text(text, "utf-8")
    assert _said(capsys, path) == []


@pytest.mark.parametrize(("flow", "warned"), [(100.0, True), (-10.0, False)])
def test_a_net_debt_read_with_its_sign_turned_is_judged_by_the_cash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flow: float, warned: bool
) -> None:
    # 'debt' falls as the flow pays it down: the leg's net cash, '-debt', rises.
    path = _write(tmp_path, "debt[t-1] - fcf", flow=flow)
    text = path.read_text("utf-8").replace(
        'cash: {value: "debt[t-1] - fcf", start: 0, unit: EUR m, role: net_cash}',
        'debt: {value: "debt[t-1] - fcf", start: 0, unit: EUR m}',
    )
    text = text.replace("terminal_growth: g}", 'terminal_growth: g, net_cash: "-debt"}')
    path.write_text(text, "utf-8")
    said = _said(capsys, path)
    assert len(said) == int(warned), said
    if warned:
        assert (
            "the balance 'debt' is paid down (from 0 EUR m to -800 EUR m by 2034 on the "
            in (said[0])
        )
        assert (
            "read as net cash with its sign turned) but carries 'debt[t-1]' at no rate" in (said[0])
        )
