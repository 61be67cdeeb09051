"""The views table's gap to the base case is on the basis of the values beside it.

Alibaba states a cost of equity, so the views table's value columns hold today's value of
holding to the exit year (its ``value_basis`` says so: base mean about 145 HKD against a price
of 129.5). Its ``value_mean_vs_base`` was the undiscounted year-end difference all the same: a
stress case at -143 HKD from a base whose value today is 145 read as a value near zero, where
the value column beside it gave 52. On common random numbers the mean of the paired differences
is the difference of the means, so the gap equals the difference of the ``value_mean`` column
to rounding; under plain Monte Carlo its error is the sd of the per-path differences over the
root of the paths. The year-end gap stays, as ``year_end_value_mean_vs_base``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from model.export import job
from model.inputs.assembly.thesis import load_thesis

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"
TODAY, VALUE = "value_today_by_year", "value_per_share"


@pytest.fixture(scope="module")
def report() -> job.Report:
    settings = job.ReportSettings(run=job.RunSettings(n_paths=400, seed=5, method="mc"),
                                  scenarios=("bull", "bear"), learning=False)  # fmt: skip
    return job.build_report(load_thesis(THESIS), settings)


def test_the_gap_reads_against_the_value_columns(report):
    table = report.views_table()
    assert {"base", "bull", "bear"} <= set(table.index)
    assert table["value_basis"].str.startswith("value today").all()
    base = table.loc["base", "value_mean"]
    for name, row in table.iterrows():
        assert row["value_mean_vs_base"] == pytest.approx(row["value_mean"] - base, abs=1e-9)
        diff = report.comparison[name].final(TODAY) - report.comparison["base"].final(TODAY)
        assert np.isfinite(diff).all()
        # Paired: the error of the per-path differences (zero for the base case itself).
        paired = float(np.std(diff, ddof=1)) / math.sqrt(diff.size)
        assert row["value_mean_vs_base_se"] == pytest.approx(paired, rel=1e-9, abs=1e-12)


def test_the_year_end_gap_is_kept_under_its_name(report):
    table = report.views_table()
    for name, row in table.iterrows():
        diff = report.comparison[name].final(VALUE) - report.comparison["base"].final(VALUE)
        assert row["year_end_value_mean_vs_base"] == pytest.approx(diff.mean(), rel=1e-9)
        paired = float(np.std(diff, ddof=1)) / math.sqrt(diff.size)
        assert row["year_end_value_mean_vs_base_se"] == pytest.approx(paired, rel=1e-9, abs=1e-12)
    bull = table.loc["bull"]
    assert bull["value_mean_vs_base"] != pytest.approx(bull["year_end_value_mean_vs_base"])
