"""Beta and PERT draws stay inside their support, also at its ends.

The tabulated inverse agrees with the exact one to about 1e-12, so next to an end of the
support, where a U-shaped beta piles its draws, it gave values an ulp or a denormal past it:
beta(0.3, 0.3) drew 1 + 2.2e-16 and beta(0.01, 0.01) drew -8.9e-309 (a share above 1, the log
of a negative number), and the scaling to ``[min, max]`` could step past ``max`` by an ulp.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special

from model.engine import from_params

N = 2_000_000  # past the exact-inverse cut-off, so the table serves the draws


@pytest.mark.parametrize(
    "params",
    [
        {"a": 0.01, "b": 0.01},
        {"a": 0.3, "b": 0.3},
        {"a": 0.3, "b": 0.3, "min": 0.1, "max": 0.4},
        {"a": 0.2, "b": 0.5, "min": -3.0, "max": 7.0},
    ],
)
def test_draws_lie_in_the_support(params):
    d = from_params("beta", params)
    u = np.random.default_rng(5).random(N)
    x = d.ppf(u)
    lo, hi = params.get("min", 0.0), params.get("max", 1.0)
    assert x.min() >= lo and x.max() <= hi, (x.min() - lo, x.max() - hi)
    # Still the inverse it was: within the table's 1e-12 of the exact one, on the unit scale.
    exact = lo + (hi - lo) * special.betaincinv(params["a"], params["b"], u)
    assert np.max(np.abs(x - exact)) <= 2e-12 * (hi - lo)


def test_pert_draws_lie_in_the_support():
    d = from_params("pert", {"min": 0.0, "mode": 0.0, "max": 1.0, "lambda": 0.05})
    x = d.ppf(np.random.default_rng(6).random(N))
    assert x.min() >= 0.0 and x.max() <= 1.0
