"""A net cash line of the thesis' own that credits interest at a rate fixed at exactly 0
(``cash[t-1] * (1 + deposit_rate) + fcf`` with ``deposit_rate`` an assumption of 0, where a rate
given elsewhere was meant) keeps cash that earns nothing, as surely as a bare ``cash[t-1]``:
``validate`` says so at the line, naming the rate, as it does at a ``net_cash`` block's rate of
0. A rate that credits interest, one spread about 0, or one an event changes is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from tests.valuation.test_custom_cash_line_idle import _write

RATE = '  deposit_rate: {unit: "%", RATE, source: {estimate: "What the cash earns in a year"}}'
EVENT = """events:
  rates_rise:
    label: "Deposit rates rise"
    annual_prob: 0.2
    effects:
      - {target: deposit_rate, op: add, by: 0.02}
    source: {estimate: "Central banks raise rates again"}
"""


def _said(tmp_path: Path, capsys, cash: str, rate: str = "value: 0", event: bool = False):
    path = _write(tmp_path, cash)
    text = path.read_text("utf-8").replace("  wacc:", RATE.replace("RATE", rate) + "\n  wacc:")
    if event:
        text = text.replace("model:\n", EVENT + "model:\n")
    path.write_text(text, "utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    said = [w for w in capsys.readouterr().err.splitlines() if "earns nothing" in w]
    return said, path


@pytest.mark.parametrize(
    ("cash", "named"),
    [
        ("cash[t-1] * (1 + deposit_rate) + fcf", "'deposit_rate'"),
        ("(1 + deposit_rate * (1 - 0.25)) * cash[t-1] + fcf", "'deposit_rate * (1 - 0.25)'"),
        ("cash[t-1] + cash[t-1] * deposit_rate + fcf", "'cash[t-1] * deposit_rate'"),
        ("cash[t-1] * (1 + 0) + fcf", "'0'"),
    ],
)
def test_interest_at_a_rate_of_zero_is_warned_at_the_line(
    tmp_path: Path, capsys, cash: str, named: str
) -> None:
    (said,), path = _said(tmp_path, capsys, cash)
    line = 1 + next(
        n for n, s in enumerate(path.read_text("utf-8").splitlines()) if "    cash:" in s
    )
    assert said.startswith(
        f"warning: {path}:{line}: model.lines.cash.value: the balance 'cash' keeps cash (from "
        "0 EUR m to 800 EUR m by 2034 on the central path) but carries 'cash[t-1]' at a rate "
        f"of 0 on every path ({named}: "
    ), said
    assert "today's value falls as the horizon lengthens" in said


@pytest.mark.parametrize(
    ("cash", "rate", "event"),
    [
        ("cash[t-1] * (1 + deposit_rate) + fcf", "value: 0.02", False),
        # Spread about 0: interest on every path but the central one.
        ("cash[t-1] * (1 + deposit_rate) + fcf", "dist: normal, ci90: [-0.02, 0.02]", False),
        # An event may raise it.
        ("cash[t-1] * (1 + deposit_rate) + fcf", "value: 0", True),
        # A rate of 0 beside interest credited at another rate.
        ("cash[t-1] * (1 + deposit_rate) + 0.02 * cash[t-1] + fcf", "value: 0", False),
    ],
)
def test_a_rate_that_can_credit_interest_is_not_warned(
    tmp_path: Path, capsys, cash: str, rate: str, event: bool
) -> None:
    said, _ = _said(tmp_path, capsys, cash, rate, event)
    assert said == []
