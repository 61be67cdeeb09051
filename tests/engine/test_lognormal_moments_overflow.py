"""A lognormal with a very large sigma has an infinite mean and sd as floats, not an error.

``exp(sigma^2 / 2)`` passes the largest float near sigma = 37.7; ``mean()`` and ``sd()`` raised
OverflowError there, for a distribution the loader accepts. Smaller sigmas keep the closed
forms ``median exp(sigma^2 / 2)`` and ``mean sqrt(exp(sigma^2) - 1)``; between, the mean is
finite and the variance, past the float range first, infinite.
"""

from __future__ import annotations

import math

import pytest

from model.engine import from_params


def test_moments_past_the_float_range_are_infinite():
    d = from_params("lognormal", {"median": 0.05, "sigma": 40})
    assert d.mean() == math.inf
    assert d.sd() == math.inf


def test_a_finite_mean_beside_an_infinite_variance():
    d = from_params("lognormal", {"median": 2.0, "sigma": 30})
    assert d.mean() == pytest.approx(2.0 * math.exp(450), rel=1e-12)
    assert d.sd() == math.inf


@pytest.mark.parametrize("sigma", [0.1, 1.0, 5.0, 15.0])
def test_moments_keep_the_closed_form(sigma):
    d = from_params("lognormal", {"median": 2.0, "sigma": sigma})
    mean = 2.0 * math.exp(sigma**2 / 2)
    assert d.mean() == pytest.approx(mean, rel=1e-12)
    assert d.sd() == pytest.approx(mean * math.sqrt(math.expm1(sigma**2)), rel=1e-12)
