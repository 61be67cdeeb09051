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


def _stable_ranks(x: np.ndarray) -> np.ndarray:
    """The average ranks from a stable sort: the plain formula the ranks must equal."""
    order = np.argsort(x, kind="mergesort")
    ordered = x[order]
    new = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    group = np.cumsum(new)
    edges = np.concatenate((np.flatnonzero(new), [x.size]))
    ranks = np.empty(x.size, dtype=float)
    ranks[order] = 0.5 * (edges[group] + edges[group - 1] + 1)
    return ranks


def test_ranks_bit_for_bit_as_a_stable_sort_gives_them():
    rng = np.random.default_rng(13)
    zeros = np.where(rng.random(2001) < 0.5, -0.0, 0.0)
    signed = np.where(rng.random(2001) < 0.3, zeros, np.round(rng.normal(size=2001), 1))
    with_inf = signed.copy()
    with_inf[::97] = np.inf
    with_inf[1::89] = -np.inf
    with_nan = with_inf.copy()
    with_nan[5::31] = np.nan
    cases = [signed, with_inf, with_nan, np.full(9, np.nan), rng.normal(size=1),
             np.array([0.0, -0.0]), np.array([-0.0, 0.0, -0.0]), rng.integers(0, 3, 1001) * 1.0,
             rng.normal(size=20_000), np.array([], dtype=float)]  # fmt: skip
    for x in cases:
        assert _rankdata(x).tobytes() == _stable_ranks(x).tobytes()
