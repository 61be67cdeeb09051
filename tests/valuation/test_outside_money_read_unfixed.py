"""A discounting leg whose ``net_cash:`` reads a balance taking money from outside through a
lag, the year or a product reads no fixed share of that money, which the earlier years' values
cannot count: ``validate`` says so at the leg's ``net_cash`` line rather than let a number be
wrong unsaid; a fixed multiple of the balance in its own year, or no money, is not warned."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from tests.valuation.test_money_from_outside import THESIS


def _said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reads: str, money: float
) -> list[str]:
    text = THESIS.replace("ISSUE", "0.0").replace("MONEY", repr(money / 100.0))
    text = text.replace("terminal_growth: g}", f"terminal_growth: g, net_cash: {reads!r}}}")
    # The balance a year before, the first year's being the opening one.
    lagged = '    lagged: {value: "net_cash[t-1]", start: cash_now}\n'
    text = text.replace("\n  valuation:\n", f"\n{lagged}  valuation:\n")
    path = tmp_path / "reads.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    return [w for w in capsys.readouterr().err.splitlines() if "in no fixed share" in w]


@pytest.mark.parametrize("reads", ["lagged", "net_cash * (0.5 if year > 2027 else 1.0)"])
def test_a_balance_read_in_no_fixed_share_is_warned_at_the_leg(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reads: str
) -> None:
    (said,) = _said(tmp_path, capsys, reads, -40.0)
    path = tmp_path / "reads.yaml"
    line = 1 + next(
        n for n, s in enumerate(path.read_text("utf-8").splitlines()) if s.startswith("      dcf:")
    )
    assert said.startswith(
        f"warning: {path}:{line}: model.valuation.legs.dcf.net_cash: {reads!r} reads the "
        "balance 'net_cash', which takes money from outside ('other' of block 'cash')"
    ), said
    assert "read the balance in its own year as a fixed multiple" in said


@pytest.mark.parametrize(("reads", "money"), [("0.5 * net_cash", -40.0), ("lagged", 0.0)])
def test_a_fixed_share_or_no_money_is_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reads: str, money: float
) -> None:
    assert _said(tmp_path, capsys, reads, money) == []


@pytest.mark.parametrize(
    ("stake", "words"),
    [
        ("stake", "puts cash into a stake the leg counts"),
        ("0.0 * stake", "puts cash into stakes the leg does not count, money leaving the holders"),
    ],
)
def test_cash_put_into_a_counted_stake_through_a_lag_is_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stake: str, words: str
) -> None:
    # Cash put into a stake is no money from outside, whether or not the leg counts the stake.
    spent = '"(1.0 if year == 2028 else 0.0) * fcf_each_year"'
    path = tmp_path / "stake.yaml"
    text = THESIS.replace("ISSUE", "0.0").replace("MONEY", "0.0")
    text = text.replace("other: outside,", f"other: outside, invested: {spent},")
    lines = '    lagged: {value: "net_cash[t-1]", start: cash_now}\n'
    lines += '    stake: {value: "(1.0 if year >= 2028 else 0.0) * fcf_each_year"}\n'
    text = text.replace("\n  valuation:\n", f"\n{lines}  valuation:\n")
    leg = f"terminal_growth: g, net_cash: lagged, investments: {stake}}}"
    path.write_text(text.replace("terminal_growth: g}", leg), encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    said = [w for w in capsys.readouterr().err.splitlines() if "in no fixed share" in w]
    assert len(said) == 1 and f"which {words} ('invested' of block 'cash')," in said[0], said
    assert "outside" not in said[0], said
