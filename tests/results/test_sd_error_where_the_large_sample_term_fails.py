"""The sd's standard error is never a zero for an output that varies: where the large-sample
term ``m4 - s**4`` is zero or below (4 or 5 paths, or two values about equally often at any
``n``) the exact finite-sample variance of the sample variance,
``(m4 - m2**2 (n - 3) / (n - 1)) / n`` with the sample's own moments, takes its place."""

from __future__ import annotations

import itertools
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.results.summary import describe, describe_arrays
from model.results.weighting.weighted import _sd_se_exact, weighted_describe

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def _plug_in(x: np.ndarray) -> float:
    """The exact formula with the sample's moments, written out from numpy's."""
    n = x.size
    s2 = float(np.var(x, ddof=1))
    m2 = float(np.var(x))
    m4 = float(np.mean((x - x.mean()) ** 4))
    return math.sqrt((m4 - m2 * m2 * (n - 3) / (n - 1)) / n) / (2.0 * math.sqrt(s2))


def test_the_formula_is_the_exact_variance_of_a_sample_variance() -> None:
    # Every sample of 6 fair coin flips, equally likely: Var(s**2) by enumeration against
    # (mu4 - sigma**4 (n - 3) / (n - 1)) / n with the coin's moments (mu4 = sigma**4 = 1/16).
    n = 6
    s2 = np.array([np.var(bits, ddof=1) for bits in itertools.product((0.0, 1.0), repeat=n)])
    exact_se = math.sqrt(float(s2.var())) / (2.0 * 0.5)
    assert _sd_se_exact(1.0 / 16.0, 0.25, 0.25, n) == pytest.approx(exact_se, rel=1e-12)


@pytest.mark.parametrize("n", [4, 5])
def test_four_or_five_varying_paths_have_a_positive_error(n: int) -> None:
    rng = np.random.default_rng(n)
    x = rng.normal(size=(n, 400))
    out = describe_arrays(x)
    assert np.all(out["sd"] > 0)
    assert np.all(np.isfinite(out["sd_se"])) and np.all(out["sd_se"] > 0)
    for j in range(0, 400, 37):
        column = x[:, j]
        term = np.mean((column - column.mean()) ** 4) - np.var(column, ddof=1) ** 2
        if term <= 0:  # the exact formula's cases
            assert out["sd_se"][j] == pytest.approx(_plug_in(column), rel=1e-12)
        weighted = weighted_describe(column, np.ones(n))
        assert math.isfinite(weighted["sd_se"]) and weighted["sd_se"] > 0


@pytest.mark.parametrize("n_paths", [4, 5])
def test_a_run_of_four_or_five_paths(n_paths: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = model.simulate(model.load_thesis(THESIS), n_paths=n_paths, seed=3).summary()
    varying = table["sd"] > 0
    assert varying.any()
    assert (table.loc[varying, "sd_se"] > 0).all()
    assert (table.loc[~varying, "sd_se"] == 0).all()


@pytest.mark.parametrize("n", [1000, 1001])
def test_two_values_about_equally_often(n: int) -> None:
    # 0 and 1, half of each (one more 1 for an odd n): m4 - s**4 is below zero however many paths.
    x = np.r_[np.zeros(n // 2), np.ones(n - n // 2)]
    p = x.mean()
    m2 = p * (1.0 - p)
    s2 = m2 * n / (n - 1)
    m4 = p * (1.0 - p) * (1.0 - 3.0 * p * (1.0 - p))  # a two-point law's fourth central moment
    assert m4 - s2 * s2 < 0
    closed = math.sqrt((m4 - m2 * m2 * (n - 3) / (n - 1)) / n) / (2.0 * math.sqrt(s2))
    plain = describe(x)
    assert plain["sd_se"] > 0
    assert plain["sd_se"] == pytest.approx(closed, rel=1e-9)
    # The sampling error of the sd of n fair coin flips (mu4 = sigma**4 = 1/16): Var(s**2) =
    # sigma**4 * 2 / (n (n - 1)), and sd(s) = sd(s**2) / (2 sigma) to first order.
    coin = math.sqrt(2.0 / (16.0 * n * (n - 1))) / (2.0 * 0.5)
    assert plain["sd_se"] == pytest.approx(coin, rel=2e-3)
    for w in (np.ones(n), np.full(n, 0.2)):
        weighted = weighted_describe(x, w)
        assert weighted["sd_se"] == pytest.approx(closed, rel=1e-9)
    # with unequal weights the same rule, with Kish's effective size for n
    w = np.where(np.arange(n) % 2 == 0, 1.0, 3.0)
    assert weighted_describe(x, w)["sd_se"] > 0


def test_the_large_sample_formula_is_kept_where_its_term_is_positive() -> None:
    rng = np.random.default_rng(9)
    x = rng.lognormal(size=5000)
    n = x.size
    s2 = float(np.var(x, ddof=1))
    m4 = float(np.mean((x - x.mean()) ** 4))
    expected = math.sqrt((m4 - s2 * s2) / n) / (2.0 * math.sqrt(s2))
    assert describe(x)["sd_se"] == pytest.approx(expected, rel=1e-12)


def test_an_output_that_does_not_vary_keeps_zero() -> None:
    for n in (4, 5, 1000):
        flat = np.full(n, 2.5)
        assert describe(flat)["sd"] == 0 and describe(flat)["sd_se"] == 0
        weighted = weighted_describe(flat, np.ones(n))
        assert weighted["sd"] == 0 and weighted["sd_se"] == 0
    # One value repeated down the columns of a wide table: the rounding of its mean leaves an
    # sd of about 1e-12, not a spread, and its error stays 0 (as a flat output's always was).
    out = describe_arrays(np.full((20_000, 3), 52.0 / 3.0))
    assert np.all(out["sd"] > 0) and np.all(out["sd"] < 1e-10)
    assert np.all(out["sd_se"] == 0)
