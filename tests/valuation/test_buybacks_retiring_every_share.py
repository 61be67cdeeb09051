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


def _count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], block: str, key: str, *args: str
) -> tuple[str, str]:
    """Validate the thesis with ``block``'s keys on its share count: the start expected of the
    warning at ``key`` (the block's line), and what was said."""
    text = THESIS.replace("CASH", PAID if "buyback" in block else "cash[t-1] + earnings")
    text = text.replace(BLOCK, f"count: {{type: share_count, shares: shares_2025, {block}}}")
    text = text.replace("  ke:", f"{SPEND}\n  ke:")
    text += SCENARIOS
    path = tmp_path / "holding.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "-q", str(path), *args]) == 0
    line = 1 + text.splitlines().index(next(s for s in text.splitlines() if "share_count" in s))
    return f"warning: {path}:{line}: model.blocks.count.{key}: ", capsys.readouterr().err


SPEND = '  spend: {unit: x, value: 0.15, source: {estimate: "Buybacks of 15% of profit a year"}}'
SCENARIOS = """\
scenarios:
  bull:
    label: Bull
    rationale: {estimate: "Cash returned in bulk"}
    overrides:
      spend: {unit: x, value: 5, source: {estimate: "Five years of profit a year"}}
weights:
  base: {value: 0.5, source: {estimate: \"Two cases held equally likely\"}}
  bull: {value: 0.5, source: {estimate: \"Two cases held equally likely\"}}
"""


def test_a_dilution_below_zero_is_named_not_buybacks_there_are_none(tmp_path, capsys) -> None:
    where, err = _count(tmp_path, capsys, "dilution: -0.995", "dilution")
    # 1,450m shares x 0.005^3 is 181 shares by FY2029: below a millionth of 1,450m.
    assert (
        f"{where}on the central path the dilution '-0.995' is below zero (down to -99.5% a year) "
        "and shrinks the count to nothing by FY2029 (2029-03-31), with no buybacks" in err
    ), err
    assert "buybacks retire" not in err and "make it less negative" in err, err


def test_buybacks_and_a_dilution_below_zero_are_named_together(tmp_path, capsys) -> None:
    # 400 JPY bn a year retires 333m shares a year: alone, 450m of 1,450m are left by FY2029;
    # halving the count each year alone leaves 181m; together none are left by FY2028.
    where, err = _count(
        tmp_path, capsys, "buyback_spend: 2 * profit, dilution: -0.5", "buyback_spend"
    )
    assert (
        f"{where}on the central path the buybacks and the dilution (down to -50% a year) "
        "together retire every share by FY2028 (2028-03-31)" in err
    ), err


def test_buybacks_that_alone_retire_every_share_are_named_alone(tmp_path, capsys) -> None:
    # 1,000 JPY bn a year retires every share with no dilution: a 10% fall a year adds nothing.
    where, err = _count(
        tmp_path, capsys, "buyback_spend: 5 * profit, dilution: -0.1", "buyback_spend"
    )
    assert f"{where}on the central path the buybacks retire every share by FY2028" in err, err
    assert "dilution (down to" not in err, err


def test_a_dilution_that_alone_shrinks_the_count_is_named_alone(tmp_path, capsys) -> None:
    # 0.002 JPY bn a year retires 1,700 shares a year, far from all; -99.8% a year leaves 2.9m,
    # then 5,800, then 12 of 1,450m by FY2029 (below a millionth), with the buybacks or not.
    where, err = _count(
        tmp_path, capsys, "buyback_spend: 0.00001 * profit, dilution: -0.998", "dilution"
    )
    assert (
        f"{where}on the central path the dilution '-0.998' is below zero (down to -99.8% a year) "
        "and shrinks the count to nothing by FY2029 (2029-03-31) on its own (the buybacks alone "
        "would not)" in err
    ), err
    assert "buybacks and the dilution" not in err, err


def test_buybacks_and_a_dilution_each_enough_alone_are_named_each(tmp_path, capsys) -> None:
    where, err = _count(
        tmp_path, capsys, "buyback_spend: 10 * profit, dilution: -0.9999995", "buyback_spend"
    )
    # Each alone leaves no share by FY2027, the year the two together do.
    assert (
        f"{where}on the central path the buybacks and the dilution (down to -100% a year) "
        "each on its own retire every share by FY2027" in err
    ), err


def test_a_scenario_whose_buybacks_retire_every_share_is_named(tmp_path, capsys) -> None:
    where, err = _count(
        tmp_path, capsys, "buyback_spend: spend * profit", "buyback_spend", "--all-scenarios"
    )
    assert err.count("retire every share") == 1, err
    assert (
        f"{where}in scenario 'bull': on the central path the buybacks retire every share" in err
    ), err


def test_buybacks_that_would_retire_every_share_only_later_are_not_named_alone(
    tmp_path, capsys
) -> None:
    # 600 JPY bn a year retires 500m shares a year, all 1,450m by FY2029; with 30% fewer
    # shares a year as well 515m and then none are left by FY2028, the year named.
    where, err = _count(
        tmp_path, capsys, "buyback_spend: 3 * profit, dilution: -0.3", "buyback_spend"
    )
    assert (
        f"{where}on the central path the buybacks and the dilution (down to -30% a year) "
        "together retire every share by FY2028 (2028-03-31)" in err
    ), err


def test_a_dilution_that_would_shrink_the_count_only_later_is_not_named_alone(
    tmp_path, capsys
) -> None:
    # -99.5% a year alone leaves 181 shares only by FY2029; with 25m shares bought a year as
    # well none are left by FY2027, the year named.
    where, err = _count(
        tmp_path, capsys, "buyback_spend: 0.15 * profit, dilution: -0.995", "buyback_spend"
    )
    assert (
        f"{where}on the central path the buybacks and the dilution (down to -99.5% a year) "
        "together retire every share by FY2027 (2027-03-31)" in err
    ), err
