"""A ``net_cash`` block given a rate that is 0 on the central path (an assumption of 0) keeps
cash that earns nothing as surely as a block with no rate, while today's value discounts it:
``validate`` says so at the block's ``rate:`` line, and not when the rate credits interest in
some year, nor when no leg reads the balance."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main
from tests.valuation.test_idle_cash_warned import _write

ZERO = '  zero: {unit: "%", value: RATE, source: {estimate: "The cash sits in a current account"}}'


def _validate(tmp_path: Path, capsys, rate: str = "0", old: str = "", new: str = "") -> list[str]:
    path = _write(tmp_path, 2029, rate="zero")
    text = path.read_text("utf-8").replace("  wacc:", ZERO.replace("RATE", rate) + "\n  wacc:")
    path.write_text(text.replace(old, new) if old else text, "utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    return [w for w in capsys.readouterr().err.splitlines() if "earns nothing" in w]


def test_a_rate_of_zero_is_warned_at_its_line(tmp_path: Path, capsys) -> None:
    (said,) = _validate(tmp_path, capsys)
    lines = (tmp_path / "keeper2029.yaml").read_text("utf-8").splitlines()
    line = 1 + lines.index("      rate: zero")
    assert said.startswith(
        f"warning: {tmp_path / 'keeper2029.yaml'}:{line}: model.blocks.cash.rate: the balance "
        "'net_cash' keeps cash (from 0 EUR m to 300 EUR m by 2029 on the central path) but its "
        "rate 'zero' credits no interest in any year, so the cash earns nothing"
    ), said
    assert "has no rate" not in said


def test_a_rate_that_credits_interest_or_an_unread_balance_is_not_warned(
    tmp_path: Path, capsys
) -> None:
    assert _validate(tmp_path, capsys, rate="0.02") == []
    leg = "dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}"
    ddm = "ddm: {weight: 1, dividends: fcf, discount_rate: wacc, terminal_growth: g}"
    assert _validate(tmp_path, capsys, old=leg, new=ddm) == []


def test_a_rate_that_is_not_zero_itself_is_not_warned(tmp_path: Path, capsys) -> None:
    # 3% on cash that only arrives in the last year credits nothing on the central path, yet
    # the rate is right: no cash waits.
    last = '"fcf if year == 2029 else 0"'
    assert _validate(tmp_path, capsys, rate="0.03", old="inflow: fcf", new=f"inflow: {last}") == []
    # A rate spread about 0 credits interest on every path but the central one.
    spread = (
        '{unit: "%", dist: normal, ci90: [-0.02, 0.02], '
        'source: {estimate: "A deposit rate about zero either way"}}'
    )
    zero = ZERO.split("zero: ")[1].replace("RATE", "0")
    assert _validate(tmp_path, capsys, old=zero, new=spread) == []


def test_a_rate_that_is_zero_itself_is_warned_however_written(tmp_path: Path, capsys) -> None:
    assert len(_validate(tmp_path, capsys, old="rate: zero", new="rate: 0")) == 1
    assert len(_validate(tmp_path, capsys, old="rate: zero", new='rate: "zero * 2"')) == 1
    assert len(_validate(tmp_path, capsys, old="rate: zero", new='interest: "0 * fcf"')) == 1
