"""A one-path run (a deterministic check) exports its folder as a workbook exports it: the
returns table holds the one path's values, every standard error is blank (NaN) with a note in
the manifest saying why, and the tables read back."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

import model
from model.results.export import has_parquet

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


@pytest.fixture(scope="module")
def one():
    return model.simulate(model.load_thesis(BANK), n_paths=1, seed=1)


@pytest.fixture(scope="module")
def folder(one, tmp_path_factory) -> Path:
    return one.export(tmp_path_factory.mktemp("export") / "one", charts=False)


def test_the_returns_table_holds_the_one_path_and_blank_errors(one, folder) -> None:
    table = pd.read_csv(folder / "returns.csv", index_col="year")
    assert list(table.index) == list(one.years[1:])
    assert (table["n"] == 1).all()
    expected = one.returns().table(least=1).loc[one.exit_year]
    row = table.loc[one.exit_year]
    assert row["value_p50"] == pytest.approx(expected["value_p50"])
    assert row["value_mean"] == pytest.approx(row["value_p50"])
    errors = [c for c in table.columns if c.endswith("_se")]
    assert errors and table[errors].isna().all().all()
    assert table.drop(columns=errors).notna().all().all()
    pd.testing.assert_frame_equal(
        table, one.returns().table(least=1), check_dtype=False, check_names=False
    )


def test_every_table_is_written_and_reads_back(folder) -> None:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["n_paths"] == 1 and "1 path" in manifest["note"]
    for stem in ("summary", "quantiles", "returns", "ledger"):
        table = pd.read_csv(folder / f"{stem}.csv")
        assert len(table), stem
        if has_parquet():
            again = pd.read_parquet(folder / f"{stem}.parquet")
            assert list(again.columns) == list(table.columns) and len(again) == len(table), stem
    summary = pd.read_csv(folder / "summary.csv")
    assert (summary["n"] == 1).all() and summary["sd"].isna().all()
    assert not math.isnan(float(summary["mean"].iloc[0]))


def test_a_one_path_comparison_exports_its_differences_path_by_path(tmp_path) -> None:
    # Each scenario's one path is a deterministic check; bull - base is then one number, with
    # no spread and no standard error, as a spreadsheet's two columns would give it.
    comparison = model.compare(model.load_thesis(BANK), n_paths=1, seed=1)
    folder = comparison.export(tmp_path / "cmp", charts=False)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["n_paths"] == 1 and "1 path" in manifest["note"]
    # Today's value (the headline's basis) in differences.csv, the year-end value beside it.
    differences = pd.concat(
        [pd.read_csv(folder / f"{stem}.csv") for stem in ("differences", "year_end_differences")]
    )
    assert set(differences["output"]) == {"value_today_by_year", "value_per_share"}
    ref = "base" if "base" in comparison.scenarios else comparison.scenarios[0]
    for _, row in differences.iterrows():
        a = comparison[row["a"]].final(row["output"])[0]
        b = comparison[ref].final(row["output"])[0]
        assert row["b"] == ref and row["n"] == 1
        assert row["mean"] == pytest.approx(a - b)
        assert math.isnan(row["sd"]) and math.isnan(row["mean_se"])
    returns = pd.read_csv(folder / "returns.csv")
    assert set(returns["scenario"]) == set(comparison.scenarios) and (returns["n"] == 1).all()
