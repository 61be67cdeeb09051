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


@pytest.mark.parametrize(("median", "sigma"), [(1e-3, 37.75), (1e-200, 27.0), (1e-200, 45.0)])
def test_a_small_median_keeps_a_finite_mean_past_exp_range(median, sigma):
    # exp(sigma^2 / 2) alone passes the largest float, but the median brings the mean and sd
    # back inside it; they were given as infinite. Checked against 40-digit decimal arithmetic.
    from decimal import Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = 40
        s2 = Decimal(sigma) ** 2
        mean = Decimal(median) * (s2 / 2).exp()
        var = mean * mean * (s2.exp() - 1)
        mean_f, sd_f = float(mean), float(var.sqrt())
    d = from_params("lognormal", {"median": median, "sigma": sigma})
    assert d.mean() == pytest.approx(mean_f, rel=1e-11)
    if math.isfinite(sd_f):
        assert d.sd() == pytest.approx(sd_f, rel=1e-11)
    else:
        assert d.sd() == math.inf
