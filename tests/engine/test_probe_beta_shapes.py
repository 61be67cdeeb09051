"""A beta with extreme shape parameters has finite moments instead of a division by zero."""

from __future__ import annotations

import pytest
from scipy import stats

from model.engine.draws.dist_families import Beta


@pytest.mark.parametrize(("a", "b"), [(0.5, 0.5), (2.0, 5.0), (30.0, 70.0)])
def test_beta_moments_match_scipy(a: float, b: float) -> None:
    mean, var = Beta(a=a, b=b, min_=1.0, max_=3.0)._moments0()
    ref = stats.beta(a, b, loc=1.0, scale=2.0)
    assert mean == pytest.approx(ref.mean(), rel=1e-12)
    assert var == pytest.approx(ref.var(), rel=1e-12)


def test_tiny_shapes_tend_to_a_coin_between_the_ends() -> None:
    # a = b -> 0: half the mass at each end, so mean 1/2 and variance 1/4.
    mean, var = Beta(a=1e-300, b=1e-300)._moments0()
    assert mean == 0.5
    assert var == pytest.approx(0.25, rel=1e-12)


def test_huge_shapes_have_a_tiny_finite_variance() -> None:
    mean, var = Beta(a=1e300, b=3e300)._moments0()
    assert mean == pytest.approx(0.25, rel=1e-12)
    assert 0.0 <= var < 1e-300
