"""A price or a dividend written in the wrong unit (pence as pounds, a scale word off) shows as
a hundred-fold gap on the central path: validate warns at the line, it does not stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dividends_leave_cash import THESIS

from model.cli.main import main

PRICE = "price: {value: 1200, unit: JPY/share"
PAID = "cash[t-1] + earnings - dividends"


def _validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[Path, str]:
    path = tmp_path / "holding.yaml"
    path.write_text(text.replace("CASH", PAID), encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    return path, capsys.readouterr().err


def test_a_price_a_hundred_times_off_is_warned_at_the_price(tmp_path, capsys) -> None:
    # The central value is 793 JPY a share (8 x 200bn less 450bn of net debt, over 1,450m).
    path, err = _validate(
        tmp_path, capsys, THESIS.replace(PRICE, "price: {value: 120000, unit: JPY/share")
    )
    line = 1 + THESIS.splitlines().index(next(s for s in THESIS.splitlines() if PRICE in s))
    assert f"warning: {path}:{line}: thesis.price.value: the central path values the share" in err
    assert "times below the price of 1.2e+05" in err


def test_a_dividend_above_the_price_is_warned_at_the_dividends_line(tmp_path, capsys) -> None:
    # A dividend of 48 JPY a share, written as if it were a payout of 100 times the earnings.
    path, err = _validate(
        tmp_path,
        capsys,
        THESIS.replace("value: payout * earnings", "value: 100 * payout * earnings"),
    )
    assert f"warning: {path}:" in err and "model.lines.dividends: " in err, err
    assert "a yield over 100%" in err, err


def test_a_consistent_thesis_is_not_warned(tmp_path, capsys) -> None:
    _, err = _validate(tmp_path, capsys, THESIS)
    assert "times below" not in err and "yield over" not in err, err


def test_a_central_value_of_zero_is_warned_at_the_price(tmp_path, capsys) -> None:
    # Net debt of 450bn written as 450,000 (millions under a unit of JPY bn): the debt swamps
    # 8 x 200bn of profit, nothing is left for the shareholders, and with no dividend the
    # central path values the share at 0, the furthest of all from the price.
    text = THESIS.replace("value: 450,", "value: 450000,").replace("value: 0.35,", "value: 0,")
    path, err = _validate(tmp_path, capsys, text)
    line = 1 + THESIS.splitlines().index(next(s for s in THESIS.splitlines() if PRICE in s))
    assert f"warning: {path}:{line}: thesis.price.value: the central path values the share" in err
    assert "at 0 JPY/share, nothing left for the shareholders" in err, err
    assert "times the price of 1200 below zero" in err and "a scale word" in err, err


def test_a_share_worth_nothing_in_a_bleak_case_is_not_warned(tmp_path, capsys) -> None:
    # Net debt of 2,000bn against 8 x 200bn of profit: the equity is 400bn below zero, about a
    # quarter of the price a share, a company worth nothing rather than a unit slip.
    text = THESIS.replace("value: 450,", "value: 2000,").replace("value: 0.35,", "value: 0,")
    _, err = _validate(tmp_path, capsys, text)
    assert "nothing left" not in err and "times below" not in err, err


MINER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


def test_a_distressed_company_whose_price_collapsed_is_not_warned(tmp_path, capsys) -> None:
    # The copper miner with net debt of 9,000m against a mine worth a few thousand: nothing is
    # left for the shareholders, and the market agrees (2 cents a share). The deficit is about
    # ninety times that price, but only a few times the mine's value before the debt: a
    # company worth nothing, not a debt in the wrong scale.
    text = MINER.read_text(encoding="utf-8")
    for old, new in (
        ("    value: 4.20\n", "    value: 0.02\n"),
        ("value: -650\n", "value: -9000\n"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "miner.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == 0
    err = capsys.readouterr().err
    assert "nothing left" not in err and "below zero" not in err, err
