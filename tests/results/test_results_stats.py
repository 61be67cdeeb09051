"""Summary statistics and their standard errors against closed forms.

Tolerances come from the Monte Carlo error itself: estimates must lie within about 4-5
standard errors of the truth, and estimated standard errors within 4-5 times their own relative
error (derived next to each check) of the closed-form ones.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as st

from model.engine.spec import Method
from model.errors import EmptySampleError
from model.results import summary as s

N = 20_000
LEVELS = dict(s.QUANTILES)
#: Standard errors of slack allowed in each check.
K = 4.5


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
        assert f"{name}_se" in s.COLUMNS


def test_mean_and_sd_of_normal(normal_sample):
    d = s.describe(normal_sample)
    assert d["n"] == N
    assert abs(d["mean"]) < 4 / math.sqrt(N)
    assert d["mean_se"] == pytest.approx(d["sd"] / math.sqrt(N), rel=1e-12)
    # sd of a normal sample: se = sigma / sqrt(2n)
    assert abs(d["sd"] - 1.0) < K / math.sqrt(2 * N)
    # The estimate sqrt((m4 - s**4) / n) / (2 s) has, by the delta method on normal data,
    # var(log estimate) = E[(x**4 - 4 x**2 + 1)**2] / (16 n) = 2 / n.
    assert d["sd_se"] == pytest.approx(1 / math.sqrt(2 * N), rel=K * math.sqrt(2 / N))


@pytest.mark.parametrize("name", [n for n, _ in s.QUANTILES])
def test_quantile_and_its_se_match_normal_closed_form(normal_sample, name):
    q = LEVELS[name]
    d = s.describe(normal_sample)
    z = st.norm.ppf(q)
    se_true = math.sqrt(q * (1 - q) / N) / st.norm.pdf(z)
    assert d[f"{name}_se"] == pytest.approx(se_true, rel=se_tolerance(q, N))
    assert abs(d[name] - z) < K * se_true


def test_quantile_se_matches_exponential_closed_form():
    # Exp(1): x_q = -log(1-q), f(x_q) = 1-q, so se = sqrt(q / ((1-q) n)); a skewed check.
    x = np.random.default_rng(7).exponential(size=N)
    d = s.describe(x)
    for name, q in s.QUANTILES:
        se_true = math.sqrt(q / ((1 - q) * N))
        assert d[f"{name}_se"] == pytest.approx(se_true, rel=se_tolerance(q, N)), name
        assert abs(d[name] + math.log1p(-q)) < K * se_true, name


def test_estimated_se_matches_spread_over_replications():
    # The se is a claim about repeated runs: check it against the spread of 300 repeats.
    rng = np.random.default_rng(11)
    sigma, n, reps, n_est = 0.5, 1_000, 300, 40
    draws = rng.lognormal(0.0, sigma, size=(reps, n))
    medians = np.median(draws, axis=1)
    means = draws.mean(axis=1)
    estimated = [s.describe(row) for row in draws[:n_est]]
    se_median = np.mean([e["p50_se"] for e in estimated])
    se_mean = np.mean([e["mean_se"] for e in estimated])
    # The sd of `reps` nearly normal replicates has relative error 1 / sqrt(2 (reps - 1)).
    rel_replicates = 1 / math.sqrt(2 * (reps - 1))
    # One spacing estimate of the median's se has relative error about 1 / sqrt(2 n h)
    # (see se_tolerance); one sd / sqrt(n) has sqrt((kurtosis - 1) / (4 n)), kurtosis of the
    # lognormal in closed form. Each is averaged over n_est samples.
    h = float(s.hall_sheather_bandwidth(np.array([0.5]), n)[0])
    rel_median = 1 / math.sqrt(2 * n * h)
    w = math.exp(sigma**2)
    kurtosis = w**4 + 2 * w**3 + 3 * w**2 - 3
    rel_mean = math.sqrt((kurtosis - 1) / (4 * n))
    tol_median = K * math.hypot(rel_replicates, rel_median / math.sqrt(n_est))
    tol_mean = K * math.hypot(rel_replicates, rel_mean / math.sqrt(n_est))
    assert se_median == pytest.approx(medians.std(ddof=1), rel=tol_median)
    assert se_mean == pytest.approx(means.std(ddof=1), rel=tol_mean)


def test_constant_sample_has_zero_errors():
    d = s.describe(np.full(500, 3.5))
    assert d["mean"] == 3.5 and d["sd"] == 0.0 and d["p95"] == 3.5
    assert all(d[f"{name}_se"] == 0.0 for name in s.STATISTICS)


def test_non_finite_values_are_left_out_and_counted():
    x = np.array([1.0, 2.0, np.nan, 3.0, np.inf])
    d = s.describe(x)
    assert d["n"] == 3
    assert d["mean"] == pytest.approx(2.0)


def test_tiny_samples_are_marked_not_hidden():
    # describe() reports n, so an empty or one-path sample shows as such (NaN statistics).
    empty = s.describe(np.array([]))
    assert empty["n"] == 0 and math.isnan(empty["mean"])
    one = s.describe(np.array([4.0]))
    assert one["mean"] == 4.0 and math.isnan(one["sd"]) and math.isnan(one["p50_se"])
    # A probability of no path is not 0: it is an error.
    with pytest.raises(EmptySampleError):
        s.probability(np.array([], dtype=bool))


def test_probability_se_is_binomial():
    mask = np.random.default_rng(3).random(N) < 0.3
    p, se, n = s.probability(mask)
    assert n == N
    assert abs(p - 0.3) < K * math.sqrt(0.3 * 0.7 / N)
    assert se == pytest.approx(math.sqrt(p * (1 - p) / N))


def test_describe_columns_is_columnwise():
    rng = np.random.default_rng(5)
    m = np.column_stack([rng.normal(0, 1, 2000), rng.normal(10, 2, 2000)])
    frame = s.describe_columns(m)
    assert list(frame.columns) == list(s.COLUMNS)
    assert frame["n"].dtype == np.int64
    assert abs(frame.loc[1, "mean"] - 10) < K * frame.loc[1, "mean_se"]
    assert abs(frame.loc[1, "sd"] - 2) < K * frame.loc[1, "sd_se"]


def test_batch_means_match_the_engine():
    # The report layer's standard error of a mean is the engine's, measured the same way, for
    # every design: batch means over 8 blocks for LHS and Sobol', sd / sqrt(n) for MC.
    from model.engine import BLOCK_SIZE, ModelSpec, Variable, from_params, run

    spec = ModelSpec(
        variables=(Variable("x", from_params("lognormal", {"median": 1.0, "sigma": 0.5})),),
        years=(2025,),
    )
    for method in (Method.MC, Method.LHS, Method.SOBOL):
        done = run(spec, None, 8 * BLOCK_SIZE, seed=3, method=method)
        x = np.asarray(done.outputs["x"])
        engine_se = float(np.asarray(done.summaries["x"].se))
        assert s.mean_se(x, method)[0] == pytest.approx(engine_se, rel=1e-9), method
        assert s.describe(x, method)["mean_se"] == pytest.approx(engine_se, rel=1e-9)
    # LHS stratifies the one input: its mean is far more precise than sd / sqrt(n) says.
    assert s.mean_se(x, Method.LHS)[0] < 0.5 * s.mean_se(x, Method.MC)[0]
    # With fewer than 8 complete blocks the designs fall back to sd / sqrt(n).
    short = x[: 7 * BLOCK_SIZE]
    assert s.mean_se(short, "lhs")[0] == pytest.approx(s.mean_se(short, "mc")[0])


def test_probability_of_a_stratified_run_uses_batch_means():
    from model.engine import BLOCK_SIZE

    # Block b of a perfectly stratified design holds the same share of successes: its batch
    # means do not vary, so the error is 0 where the binomial formula would say otherwise.
    mask = np.tile(np.arange(BLOCK_SIZE) < BLOCK_SIZE // 4, 8)
    p, se, n = s.probability(mask, "lhs")
    assert p == 0.25 and se == 0.0 and n == 8 * BLOCK_SIZE
    assert s.probability(mask, "mc")[1] == pytest.approx(math.sqrt(0.25 * 0.75 / n))


def test_point_mass_pins_the_quantile():
    # A value floored at zero on a fifth of the paths: p5 and p10 are exactly 0 with no error.
    x = np.concatenate([np.zeros(4_000), np.random.default_rng(2).lognormal(size=16_000)])
    d = s.describe(x)
    assert d["p5"] == 0.0 and d["p5_se"] == 0.0
    assert d["p50_se"] > 0.0


@pytest.mark.parametrize("n", [2, 3, 17, 1000, 20_001])
def test_one_pass_quantiles_equal_separate_calls_bit_for_bit(n):
    """The summary's single selection gives exactly np.quantile's values and quantile_se's."""
    rng = np.random.default_rng(n)
    x = np.column_stack(
        [
            rng.lognormal(size=n),
            np.round(rng.normal(size=n), 1),  # many ties
            np.full(n, 3.25),  # a point mass
        ]
    )
    levels = [q for _, q in s.QUANTILES]
    values, ses = s.quantiles_with_se(x, levels)
    assert np.array_equal(values, np.quantile(np.sort(x, axis=0), levels, axis=0))
    assert np.array_equal(ses, s.quantile_se(x, levels))


def test_result_summary_table_matches_a_frame_per_output():
    """The summary table built in one go equals describe_columns output by output."""
    import pandas as pd

    from model.results.results import SimulationResult

    rng = np.random.default_rng(5)
    years = (2025, 2026, 2027)
    a = rng.normal(size=(500, 3))
    a[7, 1] = np.nan  # a non-finite path is left out of that column only
    result = SimulationResult(
        thesis=None,  # type: ignore[arg-type]
        scenario="base",
        scenario_label="base",
        years=years,
        outputs={"a": a, "b": rng.lognormal(size=500)},
        units={"a": "USD bn", "b": "x"},
    )
    table = result.summary()
    pieces = []
    for name, matrix, ys in (("a", a, years), ("b", result.outputs["b"], (2027,))):
        frame = s.describe_columns(matrix)
        frame.insert(0, "unit", result.units[name])
        frame.index = pd.MultiIndex.from_product([[name], list(ys)], names=["output", "year"])
        pieces.append(frame)
    pd.testing.assert_frame_equal(table, pd.concat(pieces), check_exact=True)
    assert table.loc[("a", 2026), "n"] == 499
    pd.testing.assert_frame_equal(result.summary(), table, check_exact=True)  # cached
    pd.testing.assert_frame_equal(result.summary("b"), pieces[1], check_exact=True)


def test_result_quantiles_equal_a_call_per_year_bit_for_bit():
    """Quantiles of every year at once (all finite) equal np.quantile year by year, exactly."""
    from model.results.results import SimulationResult

    rng = np.random.default_rng(11)
    years = (2025, 2026, 2027, 2028)
    finite = np.column_stack(
        [rng.lognormal(size=4_001), np.round(rng.normal(size=4_001), 1),
         np.full(4_001, 2.5), rng.standard_t(3, size=4_001)]
    )  # fmt: skip
    holed = finite.copy()
    holed[::5, 2] = np.inf  # a year with non-finite paths takes the year-by-year way
    levels = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99)
    result = SimulationResult(
        thesis=None,  # type: ignore[arg-type]
        scenario="base",
        scenario_label="base",
        years=years,
        outputs={"finite": finite, "holed": holed},
        units={},
    )
    for name, matrix in (("finite", finite), ("holed", holed)):
        table = result.quantiles(name, levels)
        assert list(table.index) == list(years)
        assert list(table.columns) == [s.quantile_name(q) for q in levels]
        for j in range(len(years)):
            col = matrix[:, j][np.isfinite(matrix[:, j])]
            assert np.array_equal(table.to_numpy()[j], np.quantile(col, levels))
