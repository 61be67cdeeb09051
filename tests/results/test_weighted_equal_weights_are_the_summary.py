"""Weighted statistics with equal weights are the unweighted summary's: the sd with ``ddof=1``
(the reliability-weights correction) and numpy's default interpolated percentiles, so that
evidence which carries no information leaves a run's figures as they were; a conditioned run's
prior columns are the run's own summary."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.results.summary import QUANTILES, describe
from model.results.weighting.weighted import (
    quantile_positions,
    weighted_describe,
    weighted_quantile,
)

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"
EPS = np.finfo(float).eps
PERCENTILES = [name for name, _ in QUANTILES]
DISTRIBUTIONS = ("normal", "lognormal", "uniform", "ties", "offset")


def _sample(dist: str, n: int, rng: np.random.Generator) -> np.ndarray:
    return {
        "normal": lambda: rng.normal(size=n),
        "lognormal": lambda: rng.lognormal(size=n),
        "uniform": lambda: rng.uniform(size=n),
        "ties": lambda: np.round(rng.normal(size=n), 1),
        "offset": lambda: 1e6 + rng.normal(size=n),  # a large mean over a small spread
    }[dist]()


def _rounding(n: int, x: np.ndarray) -> float:
    # A pairwise sum of n terms is within about log2(n) roundings of each term's size, and the
    # weights 1/n are each one rounding off: 4 (log2 n + 1) ulps of the largest magnitude.
    return 4.0 * (math.log2(n) + 1.0) * EPS * float(np.max(np.abs(x)))


@pytest.mark.parametrize("dist", DISTRIBUTIONS)
@pytest.mark.parametrize("n", [4, 5, 17, 1000])
def test_equal_weights_give_the_unweighted_summary(n: int, dist: str) -> None:
    rng = np.random.default_rng(n)
    for _ in range(5):
        x = _sample(dist, n, rng)
        plain = describe(x)
        for w in (np.ones(n), np.full(n, 0.3)):
            got = weighted_describe(x, w)
            tol = _rounding(n, x)
            assert got["mean"] == pytest.approx(plain["mean"], abs=tol, rel=0)
            assert got["sd"] == pytest.approx(plain["sd"], abs=tol, rel=0)
            assert got["sd"] == pytest.approx(np.std(x, ddof=1), abs=tol, rel=0)
            # numpy's own interpolation at numpy's own positions: the same bits
            for name in PERCENTILES:
                assert got[name] == plain[name], (name, got[name], plain[name])


def test_the_weighted_sd_is_numpy_s_reliability_weighted_one() -> None:
    rng = np.random.default_rng(3)
    for n in (2, 5, 50, 5000):
        x = rng.lognormal(size=n)
        w = rng.uniform(0.01, 1.0, size=n)
        expected = math.sqrt(float(np.cov(x, aweights=w, ddof=1)))
        assert weighted_describe(x, w)["sd"] == pytest.approx(expected, rel=1e-12)


def test_a_small_weighted_quantile_by_hand() -> None:
    # midpoints of the cumulative weights 0.25, 0.625, 0.875, stretched to 0, 0.6, 1
    x, w = np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.25, 0.25])
    positions = quantile_positions(w, x)
    assert positions / 2.0 == pytest.approx([0.0, 0.6, 1.0], abs=1e-15)
    assert weighted_quantile(x, positions, 0.3) == pytest.approx(1.5, abs=1e-15)
    assert weighted_quantile(x, positions, 0.8) == pytest.approx(2.5, abs=1e-15)
    assert weighted_quantile(x, positions, 0.0) == 1.0
    assert weighted_quantile(x, positions, 1.0) == 3.0


@pytest.mark.parametrize("dist", ["normal", "lognormal", "ties"])
def test_weighted_quantiles_are_symmetric(dist: str) -> None:
    rng = np.random.default_rng(11)
    n = 3001
    x = _sample(dist, n, rng)
    w = rng.uniform(0.0, 1.0, size=n) ** 3
    up = weighted_describe(x, w)
    down = weighted_describe(-x, w, [(f"q{i}", 1.0 - p) for i, (_, p) in enumerate(QUANTILES)])
    # positions are sums of n weights: a few ulps of n times the largest value
    tol = 16.0 * n * EPS * float(np.max(np.abs(x)))
    for i, name in enumerate(PERCENTILES):
        assert up[name] == pytest.approx(-down[f"q{i}"], abs=tol), name


def test_paths_of_zero_weight_have_no_influence() -> None:
    rng = np.random.default_rng(5)
    n = 400
    x = rng.normal(size=n)
    w = rng.uniform(0.1, 1.0, size=n)
    extra = np.concatenate([x, [-1e9, 1e9, 0.0]])
    extra_w = np.concatenate([w, [0.0, 0.0, 0.0]])
    assert weighted_describe(extra, extra_w) == weighted_describe(x, w)


def _quiet_simulate(**kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(THESIS)
        return thesis, model.simulate(thesis, **kw)


def _condition(result, observation):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return result.condition(observation)


def _close(a, b, n: int, scale) -> None:
    tol = 4.0 * (math.log2(n) + 1.0) * EPS * np.maximum(np.abs(scale), 1.0)
    assert np.all(np.abs(np.asarray(a) - np.asarray(b)) <= tol)


@pytest.mark.parametrize("n", [5, 17, 2000])
def test_uninformative_evidence_leaves_the_sd_and_percentiles(n: int) -> None:
    _, run = _quiet_simulate(n_paths=n, seed=3)
    prior = run.summary()
    for obs in (
        model.Observation.normal("loan_growth", 0.04, 1e6),
        model.Observation.between("loan_growth", low=-1e9),
    ):
        post = _condition(run, obs).summary()
        varying = prior["sd"] > 0
        for column in ("mean", "sd", *PERCENTILES):
            _close(post[column], prior[column], n, prior[column].abs().max())
        assert (post.loc[varying, "sd"] > 0).all()


def test_a_blend_of_one_scenario_is_that_scenario() -> None:
    thesis, run = _quiet_simulate(n_paths=1500, seed=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        blended = model.blend(thesis, {"base": 1.0}, n_paths=1500, seed=4)
    plain = run.summary("value_per_share")
    mixed = blended.summary("value_per_share")
    for column in ("mean", "sd", *PERCENTILES):
        assert np.array_equal(mixed[column], plain[column]), column
    posterior = _condition(blended, model.Observation.normal("loan_growth", 0.04, 1e6))
    table = posterior.summary("value_per_share")
    for column in ("mean", "sd", *PERCENTILES):
        _close(table[column], plain[column], 1500, plain[column].abs().max())


def test_a_conditioned_run_s_prior_columns_are_its_own_summary() -> None:
    _, run = _quiet_simulate(n_paths=2000, seed=3)
    cond = _condition(run, model.Observation.normal("value_per_share[2030]", 47.0, 3.0))
    own = run.summary(year=2030)
    table = cond.compare(year=2030)
    for name, row in table.iterrows():
        assert row["prior_p50"] == own.loc[(name, 2030), "p50"], name
        assert row["prior_mean"] == own.loc[(name, 2030), "mean"], name
    evidence = cond.evidence_table().loc["value_per_share[2030]"]
    assert evidence["prior_p50"] == own.loc[("value_per_share", 2030), "p50"]
    assert evidence["prior_sd"] == pytest.approx(
        own.loc[("value_per_share", 2030), "sd"], rel=4 * math.log2(2000) * EPS
    )
