"""``thesis compare --json``: the paired differences are on the headline's basis, and say so.

The headline is today's value of holding to the exit year (``value_today_by_year``, discounted
to the valuation date at the cost of equity); the differences between scenarios are of that
value, named by ``differences_basis``. On common random numbers the mean of the paired
differences is the difference of the scenarios' means, which the summary gives, so the check
needs no tolerance beyond rounding. The undiscounted year-end differences (those of
``differences.csv``) stay, under ``year_end_differences``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")


def _mean(doc: dict, scenario: str, output: str) -> float:
    year = doc["exit_year"]
    rows = [r for r in doc["summary"] if (r["scenario"], r["output"]) == (scenario, output)]
    return next(r["mean"] for r in rows if r["year"] in (year, None))


def test_differences_are_on_the_headline_basis_and_name_it(capsys):
    assert main(["compare", BANK, "--paths", "400", "--seed", "3", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # The key changed meaning (it was the year-end difference under format 1).
    assert doc["format"] >= 2
    assert doc["returns_basis"] == doc["differences_basis"] == "value_today"
    diffs = doc["differences"]
    assert {d["a"] for d in diffs} == {"bull", "bear", "stress"}
    for d in diffs:
        assert d["b"] == "base" and d["output"] == "value_today_by_year"
        assert d["year"] == doc["exit_year"] and d["mean_se"] > 0
        expected = _mean(doc, d["a"], d["output"]) - _mean(doc, "base", d["output"])
        assert d["mean"] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    year_end = doc["year_end_differences"]
    assert [d["a"] for d in year_end] == [d["a"] for d in diffs]
    for d in year_end:
        assert d["output"] == "value_per_share"
        expected = _mean(doc, d["a"], "value_per_share") - _mean(doc, "base", "value_per_share")
        assert d["mean"] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    # Two quantities: today's value holds the dividends on the way and is discounted.
    bull = next(d for d in diffs if d["a"] == "bull")
    bull_end = next(d for d in year_end if d["a"] == "bull")
    assert bull["mean"] != pytest.approx(bull_end["mean"], rel=1e-3)
