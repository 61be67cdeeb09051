"""Bounds far in a distribution's tail, and the exact / tabulated beta inverses.

A window ``[low, high]`` above the median is sampled through the survival function, whose
values keep their relative precision where the CDF rounds to 1. The checks compare the sampled
conditional distribution with the closed form ``P(X > x | X > low) = S(x) / S(low)``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special

from model.engine import ModelSpec, Variable, from_params, run
from model.engine.draws._fastppf import EXACT_MAX_PATHS, beta_table

U = np.random.default_rng(7).random(1_000_000)


def _ks(x: np.ndarray, cdf: np.ndarray) -> float:
    """Kolmogorov-Smirnov distance of a sample to its claimed CDF values at the sorted sample."""
    n = x.size
    i = np.arange(1, n + 1)
    return float(max(np.max(i / n - cdf), np.max(cdf - (i - 1) / n)))


# (family, params, survival function of the untruncated family)
UPPER_TAIL = [
    (
        "lognormal",
        {"median": 1.0, "sigma": 0.1, "bounds": [2.0, None]},
        lambda x: special.ndtr(-np.log(x) / 0.1),
    ),
    (
        "lognormal",
        {"median": 1.0, "sigma": 0.1, "bounds": [2.0, 10.0]},
        lambda x: special.ndtr(-np.log(x) / 0.1),
    ),
    (
        "normal",
        {"mean": 0.0, "sd": 1.0, "bounds": [9.0, None]},
        lambda x: special.ndtr(-x),
    ),
    (
        "beta",
        {"a": 2.0, "b": 60.0, "bounds": [0.5, 1.0]},
        lambda x: special.betaincc(2.0, 60.0, x),
    ),
    (
        "triangular",
        {"min": 0.0, "mode": 0.1, "max": 1.0, "bounds": [1.0 - 1e-7, 1.0]},
        lambda x: (1.0 - x) ** 2 / 0.9,
    ),
    (
        "uniform",
        {"min": 0.0, "max": 1.0, "bounds": [0.75, 0.8]},
        lambda x: 1.0 - x,
    ),
]


@pytest.mark.parametrize(("family", "params", "sf"), UPPER_TAIL)
def test_a_window_far_in_the_upper_tail_is_sampled_finitely_and_correctly(family, params, sf):
    d = from_params(family, params)
    x = d.ppf(U)
    lo, hi = d.bounds
    assert np.all(np.isfinite(x))
    assert x.min() >= lo and x.max() <= hi
    s_lo, s_hi = float(sf(np.float64(lo))), float(sf(np.float64(hi)))
    xs = np.sort(x)
    cond = (s_lo - sf(xs)) / (s_lo - s_hi)  # the conditional CDF at the sample
    # KS critical value at the 0.1% level is 1.95 / sqrt(n).
    assert _ks(xs, cond) < 1.95 / math.sqrt(x.size)
    # The CDF of the truncated distribution is consistent with the sample.
    np.testing.assert_allclose(d.cdf(xs[::10_000]), cond[::10_000], atol=1e-9)


def test_lognormal_bounded_far_above_its_median_runs_at_a_million_paths():
    dist = from_params("lognormal", {"median": 1, "sigma": 0.1, "bounds": [2, None]})
    spec = ModelSpec(variables=(Variable("x", dist),), years=(2025,))
    res = run(spec, lambda x: {"y": x["x"]}, n_paths=1_000_000, seed=3, keep=False)
    s = res.summaries["y"]
    # E[X | X > 2] for log X ~ N(0, 0.1**2): closed form through the normal hazard.
    z = math.log(2) / 0.1
    mean = math.exp(0.005) * special.ndtr(0.1 - z) / special.ndtr(-z)
    assert abs(float(s.mean) - mean) < 4.5 * float(s.se)


def test_lower_tail_windows_keep_using_the_cdf_branch():
    d = from_params("lognormal", {"median": 1.0, "sigma": 0.1, "bounds": [0.0, 0.5]})
    assert d._scut is None
    x = d.ppf(U[:10_000])
    assert np.all(np.isfinite(x)) and x.max() <= 0.5


def test_beta_tables_are_built_once_per_shape():
    beta_table.cache_clear()
    a = from_params("beta", {"mean": 0.358, "sd": 0.02})
    b = from_params("beta", {"mean": 0.358, "sd": 0.02})
    assert a is not b
    a.ppf(U[:10])
    b.ppf(U[:10])
    info = beta_table.cache_info()
    assert info.misses == 1 and info.hits == 1


def test_small_runs_use_the_exact_beta_inverse_and_large_runs_the_table():
    def spec(dist):
        return ModelSpec(variables=(Variable("s", dist),), years=(2025,))

    beta = spec(from_params("beta", {"a": 3.0, "b": 7.0}))
    # Streams are keyed by name: a uniform of the same name shows the uniforms used.
    u = run(spec(from_params("uniform", {"min": 0, "max": 1})), None, EXACT_MAX_PATHS, seed=5)
    small = run(beta, None, EXACT_MAX_PATHS, seed=5).outputs["s"]
    large = run(beta, None, EXACT_MAX_PATHS + 1, seed=5).outputs["s"]
    np.testing.assert_array_equal(small, special.betaincinv(3.0, 7.0, u.outputs["s"]))
    np.testing.assert_allclose(large[:EXACT_MAX_PATHS], small, rtol=0, atol=1e-11)
    assert not np.array_equal(large[:EXACT_MAX_PATHS], small)  # the table, not the exact one
    # The choice follows the run's size, never its chunks.
    chunked = run(beta, None, EXACT_MAX_PATHS, seed=5, chunk_size=1000).outputs["s"]
    np.testing.assert_array_equal(chunked, small)
