"""The report's sensitivity measures the headline's value: today's, when the thesis states it.

Alibaba states a cost of equity, so every value table of the report is today's value of holding
to 2030 (base median about 145 HKD against a price of 129.5), but its tornado swung the
undiscounted 2030 value per share around a central case of 254.5 HKD: a crackdown's swing of
-99 HKD read against values of 145. The tornado is one deterministic run per input, so its
central case is the model's central path, to rounding; the year-end tornado stays beside it as
``year_end_tornado.csv`` (and the rank correlations as ``year_end_rank_correlation.csv``), each
table naming its output and basis.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sens") / "out"
    args = ["--paths", "400", "--seed", "5", "--no-progress", "--no-charts", "--xlsx", "-q"]
    assert main(["report", str(THESIS), "--out", str(out), *args]) == 0
    return out


@pytest.fixture(scope="module")
def central() -> dict[str, float]:
    path = model.central(model.load_thesis(THESIS), scenario="base")
    return {k: float(np.asarray(path[k])[-1]) for k in ("value_today_by_year", "value_per_share")}


def test_the_tornado_swings_todays_value(folder, central):
    table = pd.read_csv(folder / "sensitivity" / "tornado.csv")
    assert set(table["output"]) == {"value_today_by_year"}
    assert set(table["basis"]) == {"value_today"}
    assert table["central_value"].iloc[0] == pytest.approx(central["value_today_by_year"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sensitivity"]["output"] == "value_today_by_year"
    ranks = pd.read_csv(folder / "sensitivity" / "rank_correlation.csv")
    assert set(ranks["basis"]) == {"value_today"} and ranks["rho"].between(-1, 1).all()


def test_the_year_end_tornado_is_kept_under_its_name(folder, central):
    table = pd.read_csv(folder / "sensitivity" / "year_end_tornado.csv")
    assert set(table["output"]) == {"value_per_share"} and set(table["basis"]) == {"year_end"}
    assert table["central_value"].iloc[0] == pytest.approx(central["value_per_share"])
    ranks = pd.read_csv(folder / "sensitivity" / "year_end_rank_correlation.csv")
    assert set(ranks["basis"]) == {"year_end"}


def test_the_page_and_summary_name_todays_basis(folder):
    summary = (folder / "summary.txt").read_text(encoding="utf-8")
    line = next(x for x in summary.splitlines() if "central case (deterministic)" in x)
    assert line.endswith("(value today, at the cost of equity)"), line
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "Tornado of value today (2025-11-27) of holding to 2030-12-31" in page


def test_the_workbook_keeps_both_bases_named_by_output(folder, central):
    sheet = pd.read_excel(folder / "report.xlsx", sheet_name="sensitivity")
    for method in ("tornado", "rank"):
        rows = sheet[sheet["method"] == method]
        assert set(rows["output"]) == {"value_today_by_year", "value_per_share"}, method
    tornado = sheet[sheet["method"] == "tornado"].groupby("output")["central_value"].first()
    assert tornado.to_dict() == pytest.approx(central)
