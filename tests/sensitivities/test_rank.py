"""The rank correlation's own ranks: scipy's average ranks, value for value."""

from __future__ import annotations

import numpy as np
from scipy import stats as scipy_stats

from model.sensitivities.rank import _rankdata, _spearman


def test_ranks_match_scipy_exactly_with_ties():
    rng = np.random.default_rng(11)
    for x in (rng.normal(size=1001), np.round(rng.normal(size=1000)), np.ones(7), np.array([3.0])):
        assert np.array_equal(_rankdata(x), scipy_stats.rankdata(x))


def test_spearman_matches_scipy():
    rng = np.random.default_rng(12)
    x = rng.normal(size=500)
    y = np.round(x + rng.normal(size=500), 1)
    assert abs(_spearman(x, y) - scipy_stats.spearmanr(x, y).statistic) < 1e-12
