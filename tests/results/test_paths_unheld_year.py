"""Per-path and central values of a dated output in a year nothing is held to are missing.

With a June year end priced in November, model year 2025 ended before the price date: the
summary, the quantiles and the statements leave it out, yet ``result.paths("return_dated")``
and ``model.central(thesis)`` gave a 0% return and a finite value today for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import model

README = Path(__file__).resolve().parents[2] / "README.md"
DATED = ["return_dated", "total_return_dated", "value_today_by_year"]


def _thesis(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    june = 'as_of: 2025-11-14\n  fiscal_year_end: "06-30"'
    path = tmp_path / "thesis.yaml"
    path.write_text(found.group(1).replace("as_of: 2025-06-30", june), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def thesis(tmp_path_factory):
    return model.load_thesis(_thesis(tmp_path_factory.mktemp("unheld")))


@pytest.mark.parametrize("name", DATED)
def test_paths_leave_a_year_nothing_is_held_to_missing(thesis, name):
    result = model.simulate(thesis, n_paths=200, seed=1)
    table = result.paths(name)
    assert table.columns[0] == 2025
    assert table[2025].isna().all()
    assert np.isfinite(table.drop(columns=2025).to_numpy()).all()
    # the same years as the summary shows missing
    summary = result.summary(name)
    assert summary.loc[(name, 2025), "n"] == 0


@pytest.mark.parametrize("name", DATED)
def test_central_leaves_a_year_nothing_is_held_to_missing(thesis, name):
    values = model.central(thesis)[name]
    assert np.isnan(values[0])
    assert np.isfinite(values[1:]).all()


def test_other_outputs_keep_every_year(thesis):
    result = model.simulate(thesis, n_paths=200, seed=1)
    assert np.isfinite(result.paths("ebit").to_numpy()).all()
    assert np.isfinite(model.central(thesis)["ebit"]).all()


@pytest.mark.parametrize("name", DATED)
def test_the_long_table_and_the_dataset_leave_it_missing_too(thesis, name):
    result = model.simulate(thesis, n_paths=200, seed=1)
    long = result.to_frame(name)
    assert long.loc[long["year"] == 2025, "value"].isna().all()
    assert np.isfinite(long.loc[long["year"] > 2025, "value"]).all()
    assert long.shape[0] == 200 * len(result.years)
    # the engine's own array is left as it was
    assert np.isfinite(result.array(name)).all()
    pytest.importorskip("xarray")
    ds = result.to_xarray()
    assert np.isnan(ds[name].sel(year=2025).values).all()
    assert np.isfinite(ds[name].sel(year=2026).values).all()
    both = model.compare(thesis, ["base", "bear"], n_paths=200, seed=1).to_xarray()
    assert np.isnan(both[name].sel(year=2025).values).all()
