"""A blend's xarray dataset says which scenario each path came from, as its long table does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model

pytest.importorskip("xarray")

MINER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


def test_each_path_carries_its_scenario():
    blend = model.blend(MINER, n_paths=400, seed=1)
    ds = blend.to_xarray()
    assert ds["path_scenario"].dims == ("path",)
    np.testing.assert_array_equal(ds["path_scenario"].to_numpy(), blend.path_scenarios)
    # Path 0 of the long table and of the dataset come from the same scenario.
    frame = blend.to_frame("value_per_share")
    first = frame[frame["path"] == 0]["scenario"].iloc[0]
    assert ds["path_scenario"].sel(path=0).item() == first
    # Grouping by it gives each scenario's paths, in the blend's proportions.
    counts = ds["path_scenario"].to_series().value_counts()
    assert counts["base"] == 200 and counts["stress"] == 40


def test_a_single_run_has_no_path_scenario():
    assert "path_scenario" not in model.simulate(MINER, n_paths=50, seed=1).to_xarray().coords
