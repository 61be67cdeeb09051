"""Buybacks that retire every share on the central path are named by ``validate`` at the
share count's block, with the year, not left to read as a unit slip: the count held at its
floor makes value and dividends per share absurd, which the scale checks would blame on the
units of the price."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dividends_leave_cash import THESIS

from model.cli.main import main

BLOCK = "count: {type: share_count, shares: shares_2025}"
PAID = "cash[t-1] + earnings - dividends - buyback_spend"


def _validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], spend: str) -> tuple[str, str]:
    text = THESIS.replace("CASH", PAID).replace(
        BLOCK, f"count: {{type: share_count, shares: shares_2025, buyback_spend: {spend}}}"
    )
    path = tmp_path / "holding.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    line = 1 + text.splitlines().index(next(s for s in text.splitlines() if "buyback_spend:" in s))
    return f"{path}:{line}: ", capsys.readouterr().err


def test_buybacks_retiring_every_share_are_named_at_the_block(tmp_path, capsys) -> None:
    # 1,000 JPY bn a year at the price of 1,200 JPY retires 833m of the 1,450m shares a year
    # from FY2027: 617m are left, and FY2028's buyback asks for more than that.
    where, err = _validate(tmp_path, capsys, "5 * profit")
    assert (
        f"warning: {where}model.blocks.count.buyback_spend: on the central path the buybacks "
        "retire every share by FY2028 (2028-03-31): they buy more shares" in err
    ), err
    # The per-share amounts are absurd because of the floor, not of a unit: not said so.
    assert "check the units" not in err and "yield over 100%" not in err, err


def test_a_buyback_the_company_can_afford_is_not_warned(tmp_path, capsys) -> None:
    _, err = _validate(tmp_path, capsys, "0.15 * profit")
    assert "retire every share" not in err, err
