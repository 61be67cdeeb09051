"""A one-path run (a deterministic check, like a spreadsheet's base case) exports its workbook:
its one value per output and year is written, and every statistic that needs two paths or more
(standard deviation, standard errors) is blank, with a note saying why."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import model

openpyxl = pytest.importorskip("openpyxl")

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def _rows(ws):
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r, strict=True)) for r in values[1:]]


@pytest.fixture(scope="module")
def one():
    return model.simulate(model.load_thesis(BANK), n_paths=1, seed=1)


@pytest.fixture(scope="module")
def book(one, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "one.xlsx"
    one.to_excel(path)
    return openpyxl.load_workbook(path)


def test_the_summary_holds_the_one_value_and_leaves_the_spread_blank(one, book):
    rows = _rows(book["summary"])
    assert rows and all(r["n"] == 1 for r in rows)
    value = next(r for r in rows if r["output"] == "value_per_share" and r["year"] == one.exit_year)
    assert value["mean"] == pytest.approx(float(one.final("value_per_share")[0]))
    assert value["p50"] == value["mean"]
    assert all(r["sd"] is None and r["mean_se"] is None for r in rows)


def test_the_returns_are_the_one_paths_and_their_errors_blank(one, book):
    (row,) = _rows(book["scenarios"])
    assert row["n_paths"] == 1
    assert row["value_p5"] == row["value_p95"] == row["value_p50"] == row["value_mean"]
    assert math.isfinite(row["value_p50"]) and math.isfinite(row["expected_return"])
    for name in ("value_mean_se", "expected_return_se", "p_upside_se", "p_loss_30_se"):
        assert row[name] is None, name
    assert row["p_upside"] in (0, 1)


def test_the_scorecard_probabilities_are_0_or_1_without_an_error(book):
    rows = _rows(book["scorecard"])
    assert rows
    assert all(r["probability"] in (0, 1) for r in rows)
    assert all(r["probability_se"] is None for r in rows)


def test_a_note_says_why_the_errors_are_blank(book):
    notes = [r["note"] for r in _rows(book["notes"])]
    assert any("1 path" in n and "standard error" in n for n in notes), notes


def test_the_paths_sheet_holds_the_path(book):
    ws = book["paths"]
    assert ws.max_row >= 2
    assert not any(
        isinstance(v, float) and math.isnan(v) for r in ws.iter_rows(values_only=True) for v in r
    )
