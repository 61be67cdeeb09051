"""A holding period under a year is not called an annual return.

Returns to a year end less than a year after the price's date are reported unannualised (the
holding-period return, as GIPS asks), so "Annual return ...: median 78.0%" over three months
read as 78 % a year. The console names it a return over the period, not annualised.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from model.cli.main import main

THESIS = """\
format: 1
thesis:
  name: "Three months to the last year end"
  company: Shortco Inc
  as_of: 2027-03-31
  currency: USD
  fiscal_year_end: "06-30"
  horizon: {first: 2026, last: 2027}
  price:
    value: 50.0
    unit: USD/share
    date: 2027-03-31
    source: {estimate: "An illustrative share price"}
assumptions:
  earn0: {unit: USD m, value: 100, source: {estimate: "Earnings in the first year, illustrative"}}
  shares0: {unit: shares m, value: 20, source: {estimate: "Shares outstanding, illustrative"}}
  pe: {unit: x, value: 12, source: {estimate: "An exit multiple, illustrative"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity, illustrative"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: earn0, role: earnings}
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: 1, multiple: pe}
"""


@pytest.fixture()
def thesis(tmp_path: Path) -> Path:
    path = tmp_path / "short.yaml"
    path.write_text(THESIS, encoding="utf-8")
    return path


def test_run_names_a_return_under_a_year_unannualised(thesis: Path, capsys) -> None:
    args = ["--paths", "2000", "--seed", "1", "--no-progress"]
    assert main(["run", str(thesis), *args]) == 0
    out = capsys.readouterr().out
    # By hand: 12 x 100 / 20 = 60 a share against 50, over 91 days: 20% for the period
    # (annualised it would be 1.2 ** (365 / 91) - 1 = 108%).
    assert (date(2027, 6, 30) - date(2027, 3, 31)).days == 91
    assert "Annual return" not in out, out
    assert (
        "Return from 2027-03-31 to 2027-06-30 (under a year, not annualised): median 20.0%" in out
    )
    # Under a year the mean is the expected total return itself, not an annualised one.
    assert "(the mean total return)" in out, out
    assert "mean total return, annualised" not in out, out


def test_compare_footnote_names_a_return_under_a_year_unannualised(thesis: Path, capsys) -> None:
    args = ["--paths", "2000", "--seed", "1", "--no-progress"]
    assert main(["compare", str(thesis), "--scenarios", "base", *args]) == 0
    out = capsys.readouterr().out
    assert "annual return" not in out, out
    assert "r/yr" not in out, out
    assert "return from 2027-03-31 to 2027-06-30 (under a year, not annualised)" in out, out
    assert "mean the mean total return\n" in out, out
    assert "mean total return annualised" not in out, out


def test_a_whole_year_return_keeps_its_annualised_mean(thesis: Path, capsys) -> None:
    later = thesis.read_text(encoding="utf-8").replace("last: 2027}", "last: 2029}")
    thesis.write_text(later, encoding="utf-8")
    args = ["--paths", "2000", "--seed", "1", "--no-progress"]
    assert main(["run", str(thesis), *args]) == 0
    assert "(the mean total return, annualised)" in capsys.readouterr().out
    assert main(["compare", str(thesis), "--scenarios", "base", *args]) == 0
    assert "mean the mean total return annualised" in capsys.readouterr().out
