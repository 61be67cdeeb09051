"""Summary statistics and their standard errors against closed forms.

Tolerances come from the Monte Carlo error itself: estimates must lie within a few standard
errors of the truth, and estimated standard errors within a modest relative band of the
closed-form ones (the band is wide enough for the error of the error).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as st

from model.report import summary as s

N = 20_000
LEVELS = dict(s.QUANTILES)


def se_tolerance(q: float, n: int) -> float:
    """Relative tolerance for an estimated quantile se: 4 times its own relative error.

    The spacing estimate uses about ``2 n h`` order statistics, so its relative error is about
    ``1 / sqrt(2 n h)`` with ``h`` the Hall-Sheather bandwidth.
    """
    h = float(s.hall_sheather_bandwidth(np.array([q]), n)[0])
    return 4.0 / math.sqrt(2.0 * n * h)


@pytest.fixture(scope="module")
def normal_sample() -> np.ndarray:
    return np.random.default_rng(20251127).standard_normal(N)


def test_columns_pair_every_statistic_with_its_se():
    assert s.COLUMNS[0] == "n"
    for name in s.STATISTICS:
        assert f"se_{name}" in s.COLUMNS


def test_mean_and_sd_of_normal(normal_sample):
    d = s.describe(normal_sample)
    assert d["n"] == N
    assert abs(d["mean"]) < 4 / math.sqrt(N)
    assert d["se_mean"] == pytest.approx(d["sd"] / math.sqrt(N), rel=1e-12)
    # sd of a normal sample: se = sigma / sqrt(2n)
    assert abs(d["sd"] - 1.0) < 4 / math.sqrt(2 * N)
    assert d["se_sd"] == pytest.approx(1 / math.sqrt(2 * N), rel=0.08)


@pytest.mark.parametrize("name", [n for n, _ in s.QUANTILES])
def test_quantile_and_its_se_match_normal_closed_form(normal_sample, name):
    q = LEVELS[name]
    d = s.describe(normal_sample)
    z = st.norm.ppf(q)
    se_true = math.sqrt(q * (1 - q) / N) / st.norm.pdf(z)
    assert d[f"se_{name}"] == pytest.approx(se_true, rel=se_tolerance(q, N))
    assert abs(d[name] - z) < 4.5 * se_true


def test_quantile_se_matches_exponential_closed_form():
    # Exp(1): x_q = -log(1-q), f(x_q) = 1-q, so se = sqrt(q / ((1-q) n)); a skewed check.
    x = np.random.default_rng(7).exponential(size=N)
    d = s.describe(x)
    for name, q in s.QUANTILES:
        se_true = math.sqrt(q / ((1 - q) * N))
        assert d[f"se_{name}"] == pytest.approx(se_true, rel=se_tolerance(q, N)), name
        assert abs(d[name] + math.log1p(-q)) < 4.5 * se_true, name


def test_estimated_se_matches_spread_over_replications():
    # The se is a claim about repeated runs: check it against the spread of 300 repeats.
    rng = np.random.default_rng(11)
    n, reps = 1_000, 300
    draws = rng.lognormal(0.0, 0.5, size=(reps, n))
    medians = np.median(draws, axis=1)
    means = draws.mean(axis=1)
    estimated = [s.describe(row) for row in draws[:40]]
    se_median = np.mean([e["se_p50"] for e in estimated])
    se_mean = np.mean([e["se_mean"] for e in estimated])
    # The sd of 300 replicates is itself uncertain by about 1/sqrt(2*300) ~ 4 %.
    assert se_median == pytest.approx(medians.std(ddof=1), rel=0.2)
    assert se_mean == pytest.approx(means.std(ddof=1), rel=0.15)


def test_constant_sample_has_zero_errors():
    d = s.describe(np.full(500, 3.5))
    assert d["mean"] == 3.5 and d["sd"] == 0.0 and d["p95"] == 3.5
    assert all(d[f"se_{name}"] == 0.0 for name in s.STATISTICS)


def test_non_finite_values_are_left_out_and_counted():
    x = np.array([1.0, 2.0, np.nan, 3.0, np.inf])
    d = s.describe(x)
    assert d["n"] == 3
    assert d["mean"] == pytest.approx(2.0)


def test_tiny_samples_do_not_crash():
    assert math.isnan(s.describe(np.array([]))["mean"])
    one = s.describe(np.array([4.0]))
    assert one["mean"] == 4.0 and math.isnan(one["sd"]) and math.isnan(one["se_p50"])


def test_probability_se_is_binomial():
    mask = np.random.default_rng(3).random(N) < 0.3
    p, se, n = s.probability(mask)
    assert n == N
    assert abs(p - 0.3) < 4 * math.sqrt(0.3 * 0.7 / N)
    assert se == pytest.approx(math.sqrt(p * (1 - p) / N))


def test_expected_shortfall_of_uniform_grid():
    x = np.arange(1, 101, dtype=float)  # worst 5 % = 1..5
    assert s.expected_shortfall(x, 0.05) == pytest.approx(3.0)


def test_describe_columns_is_columnwise():
    rng = np.random.default_rng(5)
    m = np.column_stack([rng.normal(0, 1, 2000), rng.normal(10, 2, 2000)])
    frame = s.describe_columns(m)
    assert list(frame.columns) == list(s.COLUMNS)
    assert frame["n"].dtype == np.int64
    assert frame.loc[1, "mean"] == pytest.approx(10, abs=0.2)
    assert frame.loc[1, "sd"] == pytest.approx(2, rel=0.1)


def test_point_mass_pins_the_quantile():
    # A value floored at zero on a fifth of the paths: p5 and p10 are exactly 0 with no error.
    x = np.concatenate([np.zeros(4_000), np.random.default_rng(2).lognormal(size=16_000)])
    d = s.describe(x)
    assert d["p5"] == 0.0 and d["se_p5"] == 0.0
    assert d["se_p50"] > 0.0
