"""A backtest needs a distribution: a run of one path is refused, as the command line does.

``model.backtest(old, realised=..., n_paths=1)`` placed each realised value against one path
and reported 0%, 50% or 100% with p5 = p50 = p95, as if it were a finding.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import model
from model.errors import SettingsError

REALISED = {"sales[2024]": 12.0}


def test_a_run_of_one_path_is_refused(vintage_pair):
    old, _ = vintage_pair
    with pytest.raises(SettingsError, match=r"at least 2 paths \(got 1\)"):
        model.backtest(old, realised=REALISED, n_paths=1, seed=1)


def test_two_paths_or_more_place_the_value_by_mid_rank(vintage_pair):
    old, _ = vintage_pair
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run = model.simulate(model.load_thesis(old), n_paths=2000, seed=4)
    found = model.backtest(run, REALISED)
    x = run.final("sales", 2024)
    expected = (np.count_nonzero(x < 12.0) + 0.5 * np.count_nonzero(x == 12.0)) / x.size
    assert found.table["percentile"].iloc[0] == pytest.approx(expected)
