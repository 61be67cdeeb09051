"""The sd's standard error of a run of 2 or 3 paths is missing (NaN), not 0: its estimate
``m4 - s**4`` is below zero for any values that vary, and a zero called the sd exact."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import model
from model.results.summary import MIN_SD_SE_PATHS, describe_arrays

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.mark.parametrize("n", [2, 3])
def test_a_few_varying_paths_have_no_sd_error(n):
    rng = np.random.default_rng(n)
    out = describe_arrays(rng.normal(size=(n, 5)))
    assert np.all(out["sd"] > 0)
    assert np.all(np.isnan(out["sd_se"]))
    assert np.all(np.isfinite(out["mean_se"]))


def test_enough_paths_keep_the_sd_error():
    rng = np.random.default_rng(7)
    out = describe_arrays(rng.normal(size=(MIN_SD_SE_PATHS * 16, 5)))
    assert np.all(out["sd_se"] > 0)


@pytest.mark.parametrize("n_paths", [2, 3])
def test_a_comparison_of_a_few_paths(n_paths):
    table = model.compare(THESIS, n_paths=n_paths, seed=1).summary()
    varying = table["sd"] > 0
    assert varying.any()
    assert table.loc[varying, "sd_se"].isna().all()
    # an output that does not vary keeps an error of zero
    assert (table.loc[table["sd"] == 0, "sd_se"] == 0).all()
    assert not math.isnan(float(table["mean_se"].iloc[0]))


def test_the_workbook_notes_say_why_the_cell_is_blank():
    from model.results.formats.excel import notes_table

    few = model.simulate(THESIS, n_paths=3, seed=1)
    many = model.simulate(THESIS, n_paths=MIN_SD_SE_PATHS, seed=1)
    notes = notes_table({"base": few})
    assert notes is not None
    assert any("standard deviation needs 4 paths" in n for n in notes["note"])
    others = notes_table({"base": many})
    assert others is None or not any("needs 4 paths" in n for n in others["note"])


@pytest.mark.parametrize("n", [2, 3])
def test_a_conditioned_run_of_a_few_paths_has_no_sd_error_either(n):
    # weighted, equal or not: the same rule as the plain summary (its error was 1e-15 with 2)
    from model.results.weighting.weighted import weighted_describe

    rng = np.random.default_rng(n)
    x = rng.normal(size=n)
    for w in (np.full(n, 1.0 / n), rng.uniform(0.2, 1.0, size=n)):
        out = weighted_describe(x, w)
        assert out["sd"] > 0
        assert math.isnan(out["sd_se"])
        assert math.isfinite(out["mean_se"])
    wide = weighted_describe(rng.normal(size=MIN_SD_SE_PATHS), np.full(MIN_SD_SE_PATHS, 0.25))
    assert math.isfinite(wide["sd_se"]) and wide["sd_se"] > 0
    flat = weighted_describe(np.full(n, 2.5), np.full(n, 1.0 / n))
    assert flat["sd"] == 0 and flat["sd_se"] == 0  # an output that does not vary keeps 0
