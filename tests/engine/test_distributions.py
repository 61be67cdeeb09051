"""Distribution families: conversions, moments, truncation, validation, fast inverses.

Statistical checks use fixed seeds and tolerances from the Monte Carlo standard error:
|estimate - truth| < 4.5 standard errors.
"""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from scipy import special, stats

from model.engine import ModelSpec, Variable, from_params, run
from model.engine.draws._fastppf import TabulatedInverse
from model.engine.draws.distributions import families
from model.errors import ParameterError

N = 200_000
K = 4.5


def uniforms(n: int = N, seed: int = 20240501) -> np.ndarray:
    return np.random.default_rng(seed).random(n)


CASES = [
    ("normal", {"mean": 1.5, "sd": 2.0}, stats.norm(1.5, 2.0)),
    ("normal", {"ci90": [1.0, 3.0]}, stats.norm(2.0, 1.0 / special.ndtri(0.95))),
    ("lognormal", {"median": 2.0, "sigma": 0.4}, stats.lognorm(0.4, scale=2.0)),
    (
        "triangular",
        {"min": 0.08, "mode": 0.15, "max": 0.22},
        stats.triang(0.5, loc=0.08, scale=0.14),
    ),
    (
        "triangular",
        {"min": 18, "mode": 23.5, "max": 32.1},
        stats.triang(5.5 / 14.1, loc=18, scale=14.1),
    ),
    ("pert", {"min": 0.0, "mode": 1.0, "max": 4.0}, stats.beta(2.0, 4.0, loc=0, scale=4)),
    (
        "pert",
        {"min": 0.0, "mode": 1.0, "max": 4.0, "lambda": 2},
        stats.beta(1.5, 2.5, loc=0, scale=4),
    ),
    ("uniform", {"min": 0.6, "max": 0.85}, stats.uniform(0.6, 0.25)),
    ("beta", {"a": 2.0, "b": 5.0}, stats.beta(2.0, 5.0)),
    ("beta", {"a": 0.5, "b": 0.7, "min": -1, "max": 3}, stats.beta(0.5, 0.7, loc=-1, scale=4)),
    ("truncnormal", {"mean": 0.0, "sd": 1.0, "min": -0.5, "max": 2.0}, stats.truncnorm(-0.5, 2.0)),
    ("truncnormal", {"mean": 0.0, "sd": 1.0, "min": 3.0, "max": 4.0}, stats.truncnorm(3.0, 4.0)),
]

TRUNCATED = [
    ("normal", {"mean": 0.0, "sd": 1.0, "bounds": [0.0, None]}, stats.truncnorm(0, np.inf)),
    (
        "normal",
        {"mean": 1.0, "sd": 2.0, "bounds": [-1.0, 2.0]},
        stats.truncnorm(-1.0, 0.5, loc=1.0, scale=2.0),
    ),
    ("lognormal", {"median": 1.0, "sigma": 0.5, "bounds": [0.5, 2.0]}, None),
    ("beta", {"a": 2.0, "b": 3.0, "bounds": [0.1, 0.5]}, None),
    ("triangular", {"min": 0.0, "mode": 1.0, "max": 3.0, "bounds": [0.5, 2.5]}, None),
    ("pert", {"min": 0.0, "mode": 1.0, "max": 3.0, "bounds": [None, 1.5]}, None),
    ("uniform", {"min": 0.0, "max": 1.0, "bounds": [0.25, 0.5]}, stats.uniform(0.25, 0.25)),
]


def _check_sample(x: np.ndarray, mean: float, sd: float) -> None:
    n = x.size
    assert abs(x.mean() - mean) < K * sd / math.sqrt(n)
    # Standard error of the sample variance from the sample's fourth central moment.
    m4 = np.mean((x - x.mean()) ** 4)
    se_var = math.sqrt(max(m4 - sd**4, 0.0) / n)
    assert abs(x.var() - sd * sd) < K * se_var + 1e-15


@pytest.mark.parametrize(("family", "params", "ref"), CASES)
def test_moments_match_closed_form_and_sample(family, params, ref):
    d = from_params(family, params)
    assert d.mean() == pytest.approx(ref.mean(), rel=1e-10, abs=1e-12)
    assert d.sd() == pytest.approx(ref.std(), rel=1e-10)
    assert d.median() == pytest.approx(ref.median(), rel=1e-9, abs=1e-12)
    q = np.array([0.01, 0.2, 0.7, 0.99])
    np.testing.assert_allclose(d.quantile(q), ref.ppf(q), rtol=1e-9, atol=1e-12)
    _check_sample(d.ppf(uniforms()), ref.mean(), ref.std())


@pytest.mark.parametrize(("family", "params", "ref"), TRUNCATED)
def test_truncated_moments_and_bounds(family, params, ref):
    d = from_params(family, params)
    x = d.ppf(uniforms())
    lo, hi = d.support()
    assert x.min() >= lo and x.max() <= hi
    np.testing.assert_allclose(d.cdf([lo, hi]), [0.0, 1.0], atol=1e-12)
    if ref is not None:
        assert d.mean() == pytest.approx(ref.mean(), rel=1e-8)
        assert d.sd() == pytest.approx(ref.std(), rel=1e-8)
    _check_sample(x, d.mean(), d.sd())
    # ppf restricted to [F(lo), F(hi)]: the truncated cdf inverts the truncated ppf.
    u = np.array([0.1, 0.5, 0.9])
    np.testing.assert_allclose(d.cdf(d.ppf(u)), u, atol=1e-9)


@pytest.mark.parametrize("family", ["normal", "lognormal", "uniform"])
def test_ci90_is_exactly_the_5_and_95_percent_quantiles(family):
    d = from_params(family, {"ci90": [6.5, 8.2]})
    np.testing.assert_allclose(d.cdf([6.5, 8.2]), [0.05, 0.95], rtol=0, atol=1e-13)
    assert d.quantile(0.05) == pytest.approx(6.5, rel=1e-13)
    assert d.quantile(0.95) == pytest.approx(8.2, rel=1e-13)


def test_lognormal_from_mean_and_sd_is_exact():
    d = from_params("lognormal", {"mean": 7.3, "sd": 0.55})
    assert d.mean() == pytest.approx(7.3, rel=1e-13)
    assert d.sd() == pytest.approx(0.55, rel=1e-12)
    ref = stats.lognorm(d.params["sigma"], scale=d.params["median"])
    assert ref.mean() == pytest.approx(7.3, rel=1e-12)
    assert ref.std() == pytest.approx(0.55, rel=1e-12)


@pytest.mark.parametrize(
    ("mean", "sd", "lo", "hi"),
    [(0.358, 0.02, 0.0, 1.0), (0.05, 0.04, 0.0, 1.0), (30.0, 4.0, 10, 60)],
)
def test_beta_from_mean_and_sd_by_moments(mean, sd, lo, hi):
    d = from_params("beta", {"mean": mean, "sd": sd, "min": lo, "max": hi})
    assert d.mean() == pytest.approx(mean, rel=1e-12)
    assert d.sd() == pytest.approx(sd, rel=1e-12)
    _check_sample(d.ppf(uniforms()), mean, sd)


def test_beta_sd_too_large_is_a_clear_error():
    with pytest.raises(ParameterError) as err:
        from_params("beta", {"mean": 0.3, "sd": 0.5})
    assert err.value.field == "sd"
    assert "0.458" in str(err.value)


def test_lognormal_product_of_independent_lognormals():
    # X Y is lognormal with median m1 m2 and sigma sqrt(s1^2 + s2^2); E[XY] = E[X] E[Y].
    a = from_params("lognormal", {"ci90": [6.5, 8.2]})
    b = from_params("lognormal", {"mean": 2.0, "sd": 0.6})
    spec = ModelSpec((Variable("a", a), Variable("b", b)))
    n = 300_000
    res = run(spec, lambda x: {"ab": x["a"] * x["b"]}, n, seed=7)
    ab = res.outputs["ab"]
    mean = a.mean() * b.mean()
    assert abs(ab.mean() - mean) < K * ab.std() / math.sqrt(n)
    median = a.median() * b.median()
    sigma = math.hypot(a.params["sigma"], b.params["sigma"])
    density = 1.0 / (median * sigma * math.sqrt(2 * math.pi))
    se_median = math.sqrt(0.25 / n) / density
    assert abs(np.median(ab) - median) < K * se_median


def test_discrete_and_bernoulli_frequencies():
    d = from_params("discrete", {"values": [3, 1, 2, 1], "probs": [0.2, 0.3, 0.3, 0.2]})
    assert d.params == {"values": [1.0, 2.0, 3.0], "probs": [0.5, 0.3, 0.2]}
    x = d.ppf(uniforms())
    for v, p in zip([1.0, 2.0, 3.0], [0.5, 0.3, 0.2], strict=True):
        assert abs(np.mean(x == v) - p) < K * math.sqrt(p * (1 - p) / N)
    assert d.central() == 1.0
    assert d.mean() == pytest.approx(1.7)
    b = from_params("bernoulli", {"p": 0.3})
    y = b.ppf(uniforms())
    assert set(np.unique(y)) == {0.0, 1.0}
    assert abs(y.mean() - 0.3) < K * math.sqrt(0.21 / N)
    assert b.central() == 0.3
    assert np.all(np.diff(b.ppf(np.linspace(0, 0.999, 50))) >= 0)  # monotone
    assert from_params("bernoulli", {"p": 0.0}).ppf(np.array([0.999999])).item() == 0.0


def test_central_values_per_family():
    assert from_params("normal", {"mean": 2, "sd": 1}).central() == 2
    assert from_params("lognormal", {"median": 3, "sigma": 1}).central() == 3
    assert from_params("triangular", {"min": 0, "mode": 1, "max": 5}).central() == 1
    assert from_params("pert", {"min": 0, "mode": 1, "max": 5}).central() == 1
    assert from_params("uniform", {"min": 0, "max": 5}).central() == 2.5
    assert from_params("beta", {"mean": 0.358, "sd": 0.02}).central() == pytest.approx(0.358)
    assert from_params("truncnormal", {"mean": 0, "sd": 1, "min": 0.5, "max": 2}).central() == 0.5
    assert from_params("normal", {"mean": 2, "sd": 1, "bounds": [3, 4]}).central() == 3
    assert from_params("fixed", {"value": 4.5}).central() == 4.5


BAD = [
    ("normal", {"mean": 1, "sd": 0}, "sd"),
    ("normal", {"mean": 1, "sd": -1}, "sd"),
    ("normal", {"mean": 1}, "sd"),
    ("normal", {"mean": 1, "sd": 1, "ci90": [0, 1]}, "ci90"),
    ("normal", {"mean": 1, "sdd": 1}, "sdd"),
    ("normal", {"mean": "1", "sd": 1}, "mean"),
    ("normal", {"mean": True, "sd": 1}, "mean"),
    ("normal", {"mean": float("nan"), "sd": 1}, "mean"),
    ("normal", {"ci90": [3, 1]}, "ci90"),
    ("lognormal", {"ci90": [0.0, 2.0]}, "ci90"),
    ("lognormal", {"ci90": [-1.0, 2.0]}, "ci90"),
    ("lognormal", {"mean": -1, "sd": 1}, "mean"),
    ("lognormal", {"median": 1, "sigma": 0}, "sigma"),
    ("triangular", {"min": 2, "mode": 2, "max": 1}, "max"),
    ("triangular", {"min": 2, "mode": 2, "max": 2}, "max"),
    ("triangular", {"min": 0, "mode": 4, "max": 3}, "mode"),
    ("pert", {"min": 0, "mode": -1, "max": 3}, "mode"),
    ("pert", {"min": 0, "mode": 1, "max": 3, "lambda": 0}, "lambda"),
    ("uniform", {"min": 1, "max": 1}, "max"),
    ("beta", {"a": 0, "b": 1}, "a"),
    ("beta", {"mean": 1.2, "sd": 0.1}, "mean"),
    ("beta", {"mean": 0.5, "sd": 0.1, "min": 1, "max": 0}, "max"),
    ("truncnormal", {"mean": 0, "sd": 1, "min": 1, "max": 0}, "max"),
    ("truncnormal", {"mean": 0, "sd": 1, "min": 60, "max": 70}, "min"),
    ("discrete", {"values": [1, 2], "probs": [0.5, 0.6]}, "probs"),
    ("discrete", {"values": [1, 2], "probs": [1.5, -0.5]}, "probs"),
    ("discrete", {"values": [1, 2], "probs": [1.0]}, "probs"),
    ("discrete", {"values": [], "probs": []}, "values"),
    ("bernoulli", {"p": 1.2}, "p"),
    ("bernoulli", {"p": -0.1}, "p"),
    ("normal", {"mean": 0, "sd": 1, "bounds": [2, 1]}, "bounds"),
    ("lognormal", {"median": 1, "sigma": 1, "bounds": [-2, -1]}, "bounds"),
    ("bernoulli", {"p": 0.5, "bounds": [0, 1]}, "bounds"),
    ("gamma", {"k": 1}, "dist"),
]


@pytest.mark.parametrize(("family", "params", "field"), BAD)
def test_bad_parameters_name_the_field(family, params, field):
    with pytest.raises(ParameterError) as err:
        from_params(family, params)
    assert err.value.field == field
    assert field in str(err.value)


def test_bounds_keyword_and_describe():
    d = from_params("normal", {"mean": 0.268, "sd": 0.05}, bounds=(0.0, None))
    assert d.support() == (0.0, math.inf)
    assert d.describe() == "normal(mean 0.268, sd 0.05, bounds [0, inf])"
    assert (
        from_params("beta", {"mean": 0.358, "sd": 0.02}).describe() == "beta(mean 0.358, sd 0.02)"
    )
    assert from_params("pert", {"min": 1, "mode": 2, "max": 4}).params["lambda"] == 4.0
    assert set(families()) >= {
        "normal",
        "lognormal",
        "triangular",
        "pert",
        "uniform",
        "beta",
        "truncnormal",
        "discrete",
        "bernoulli",
    }


def test_distributions_are_values():
    a = from_params("beta", {"a": 2.0, "b": 3.0})
    a.ppf(np.array([0.3]))  # builds and caches the inverse table
    b = pickle.loads(pickle.dumps(a))
    assert a == b and hash(a) == hash(b)
    np.testing.assert_array_equal(a.ppf(uniforms(1000)), b.ppf(uniforms(1000)))
    assert from_params("normal", {"mean": 1, "sd": 2}) != from_params(
        "normal", {"mean": 1, "sd": 3}
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (2.0, 5.0),
        (0.5, 0.5),
        (1.0, 3.0),
        (0.3, 4.0),
        (5.3, 1.2),
        (200.0, 300.0),
        (102.4, 183.6),
        (1.0, 1.0),
    ],
)
def test_fast_beta_inverse_matches_betaincinv(a, b):
    inv = TabulatedInverse.for_beta(a, b)
    u = np.concatenate(
        [uniforms(300_000, seed=3), np.linspace(0, 1, 10_001), [1e-12, 1 - 1e-12, 2.0**-60]]
    )
    exact = special.betaincinv(a, b, u)
    got = inv(u)
    assert np.max(np.abs(got - exact)) < 1e-11
    small = exact > 0
    assert np.max(np.abs(got[small] - exact[small]) / exact[small]) < 1e-8


def test_pert_uses_the_fast_inverse_accurately():
    d = from_params("pert", {"min": 18, "mode": 23.5, "max": 32.1})
    u = uniforms(100_000)
    ref = 18 + 14.1 * special.betaincinv(d.a, d.b, u)
    np.testing.assert_allclose(d.ppf(u), ref, rtol=0, atol=1e-9)


def test_quantile_rejects_bad_probabilities():
    d = from_params("normal", {"mean": 0, "sd": 1})
    with pytest.raises(ParameterError):
        d.quantile(1.5)
    with pytest.raises(ParameterError):
        d.quantile_value(float("nan"))
    with pytest.raises(ParameterError):
        d.quantile_value([0.5])  # type: ignore[arg-type]


def test_quantile_always_returns_an_array_shaped_like_q():
    d = from_params("normal", {"mean": 0, "sd": 1})
    one = d.quantile(0.5)
    assert isinstance(one, np.ndarray) and one.shape == () and float(one) == 0.0
    assert d.quantile([0.5]).shape == (1,)
    assert d.quantile(np.full((2, 3), 0.5)).shape == (2, 3)
    value = d.quantile_value(0.975)
    assert type(value) is float and value == pytest.approx(1.959963984540054, rel=1e-12)
    assert type(d.median()) is float


@pytest.mark.parametrize(
    "a, c, b", [(18.0, 23.5, 32.1), (0.08, 0.15, 0.22), (0.0, 0.0, 5.0), (0.0, 5.0, 5.0)]
)
def test_triangular_inverse_equals_the_closed_form_bit_for_bit(a, c, b):
    """The in-place inverse gives exactly the two-branch closed form, at the mode too."""
    w = b - a
    fc = (c - a) / w
    edges = [0.0, 2.0**-60, fc, np.nextafter(fc, 0.0), np.nextafter(fc, 1.0), 0.5]
    edges += [1.0 - 2.0**-53, 1.0]
    u = np.concatenate([np.clip(edges, 0.0, 1.0), uniforms(1000)])
    closed = np.where(u < fc, a + np.sqrt(u * w * (c - a)), b - np.sqrt((1.0 - u) * w * (b - c)))
    dist = from_params("triangular", {"min": a, "mode": c, "max": b})
    got = dist.ppf(u)
    np.testing.assert_array_equal(got, closed)
    assert got[0] == a and got[-1 - 1000] == b
    # Any shape, a scalar included.
    np.testing.assert_array_equal(dist.ppf(u.reshape(2, -1)), closed.reshape(2, -1))
    assert dist.ppf(u[2]).shape == () and dist.ppf(u[2]) == closed[2]


@pytest.mark.parametrize(
    "family, params",
    [
        ("uniform", {"min": 0.6, "max": 0.85}),
        ("uniform", {"min": -3.0, "max": 7.5}),
        ("beta", {"a": 2.5, "b": 4.0, "min": 1.0, "max": 4.0}),
        ("pert", {"min": 1.0, "mode": 2.0, "max": 6.0}),
    ],
)
def test_scaled_inverses_equal_the_closed_form_bit_for_bit(family, params):
    """Uniform and beta scale their values in place: exactly ``min + (max - min) * x``."""
    dist = from_params(family, params)
    lo, hi = dist.min_, dist.max_
    u = np.concatenate([[0.0, 2.0**-60, 0.5, 1.0 - 2.0**-53, 1.0], uniforms(1001)])
    before = u.copy()
    x = u if family == "uniform" else dist._inverse(u)
    closed = lo + (hi - lo) * x if family != "uniform" else lo + u * (hi - lo)
    np.testing.assert_array_equal(dist.ppf(u), closed)
    np.testing.assert_array_equal(u, before)  # the uniforms are not written to
    np.testing.assert_array_equal(dist.ppf(u.reshape(2, -1)), closed.reshape(2, -1))
    scalar = dist.ppf(u[3])
    assert scalar.shape == () and scalar == closed[3]
