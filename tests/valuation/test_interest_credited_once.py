"""A net-cash block that credits interest itself must not also roll forward a cash flow that
already bears that interest: the balance would pay (or earn) it twice, silently."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from test_dividends_leave_cash import THESIS

import model

BLOCK = (
    "    cash: {type: net_cash, start: -debt_2025, inflow: INFLOW, dividends: dividends, rate: r}\n"
)


def _twice(tmp_path: Path, inflow: str) -> tuple[Path, list[str]]:
    text = THESIS.replace(
        "  ke: {",
        '  r: {unit: "%", value: 0.02, source: {estimate: "Yen borrowing cost"}}\n  ke: {',
    )
    text = text.replace(
        "    count: {type: share_count, shares: shares_2025}\n",
        "    count: {type: share_count, shares: shares_2025}\n" + BLOCK.replace("INFLOW", inflow),
    )
    text = text.replace(
        "    cash:\n      value: CASH\n      prior: -debt_2025\n      role: net_cash\n",
        "    operating: profit\n"
        "    earnings_net: {value: (profit + interest) * 0.7, role: earnings}\n",
    ).replace("    earnings: {value: profit, role: earnings}\n", "")
    text = text.replace("payout * earnings", "payout * max(earnings_net, 0)").replace(
        "parts: {earnings: multiple}", "parts: {operating: multiple}"
    )
    path = tmp_path / "holding.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    return path, [str(w.message) for w in caught if "interest counts twice" in str(w.message)]


def test_an_inflow_after_interest_is_warned_at_the_blocks_inflow(tmp_path: Path) -> None:
    path, messages = _twice(tmp_path, "earnings_net")
    assert len(messages) == 1
    line = 1 + path.read_text(encoding="utf-8").splitlines().index(
        BLOCK.replace("INFLOW", "earnings_net").rstrip("\n")
    )
    assert messages[0].startswith(f"{path}:{line}: model.blocks.cash.inflow: "), messages[0]
    assert "(earnings_net -> interest" in messages[0]


@pytest.mark.parametrize("inflow", ["operating * 0.7", "operating"])
def test_an_inflow_before_interest_is_not_warned(tmp_path: Path, inflow: str) -> None:
    assert _twice(tmp_path, inflow)[1] == []
