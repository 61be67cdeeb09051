"""A comparison's ``differences`` table is on the headline's basis, and names it.

The regional bank states a cost of equity, so its headline is today's value of holding to the
exit year (``value_today_by_year``). ``differences.csv`` held the undiscounted year-end value
per share all the same, so a difference did not read against the values beside it. On common
random numbers the mean of the paired differences is the difference of the scenarios' means,
and under plain Monte Carlo its standard error is the sample sd of the per-path differences
over the root of the paths: both are checked to rounding. The year-end differences stay, as
``year_end_differences.csv``.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "assumptions" / "examples" / "regional-bank.yaml"
TODAY, VALUE = "value_today_by_year", "value_per_share"


@pytest.fixture(scope="module")
def comparison() -> model.ComparisonResult:
    thesis = model.load_thesis(BANK)
    return model.compare(thesis, ["base", "bull", "bear"], n_paths=400, seed=3, method="mc")


def _check(table: pd.DataFrame, comparison: model.ComparisonResult, output: str) -> None:
    assert list(table["a"]) == ["bull", "bear"] and set(table["b"]) == {"base"}
    assert set(table["output"]) == {output}
    for row in table.itertuples():
        diff = comparison[row.a].final(output) - comparison["base"].final(output)
        assert np.isfinite(diff).all() and row.n == diff.size
        means = comparison[row.a].final(output).mean() - comparison["base"].final(output).mean()
        assert row.mean == pytest.approx(means, rel=1e-9, abs=1e-9)
        # Paired: the error of the per-path differences, not of the two means apart.
        paired = float(np.std(diff, ddof=1)) / math.sqrt(diff.size)
        assert row.mean_se == pytest.approx(paired, rel=1e-9)
        assert 0 < row.mean_se < row.mean_se_unpaired


def test_differences_are_of_todays_value_and_say_so(comparison, tmp_path):
    out = comparison.export(tmp_path / "out", charts=False)
    table = pd.read_csv(out / "differences.csv")
    assert set(table["basis"]) == {"value_today"}
    _check(table, comparison, TODAY)
    year_end = pd.read_csv(out / "year_end_differences.csv")
    assert set(year_end["basis"]) == {"year_end"}
    _check(year_end, comparison, VALUE)
    # Two quantities: today's value holds the dividends on the way and is discounted.
    assert not np.allclose(table["mean"], year_end["mean"], rtol=1e-3)


def test_a_year_end_headline_keeps_one_table_named_year_end(comparison, tmp_path):
    # Without today's value the headline is the year-end value: one table, on that basis.
    results = {}
    for name, result in comparison.results.items():
        outputs = {k: v for k, v in result.outputs.items() if k != TODAY}
        results[name] = dataclasses.replace(result, outputs=outputs)
    plain = model.ComparisonResult(results, thesis=comparison.thesis)
    out = plain.export(tmp_path / "out", charts=False)
    table = pd.read_csv(out / "differences.csv")
    assert set(table["basis"]) == {"year_end"}
    _check(table, plain, VALUE)
    assert not (out / "year_end_differences.csv").exists()
