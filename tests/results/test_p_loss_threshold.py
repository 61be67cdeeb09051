"""``returns().p_loss(threshold)`` takes a loss as a fraction of the price in (0, 1]; a whole
percentage (30), a gain (-0.3), zero or a non-number is refused, naming what was expected."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import model
from model.errors import SettingsError


@pytest.fixture(scope="module")
def returns():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis("assumptions/examples/saas-subscription.yaml")
        return model.simulate(thesis, n_paths=2000, seed=3, progress=False).returns()


@pytest.mark.parametrize(
    ("threshold", "words"),
    [(30, "got 30; did you mean 0.3?"), (-0.3, "got -0.3"), (0, "got 0"), (1.5, "got 1.5"),
     ("0.3", "must be a number"), (True, "must be a number")],
)  # fmt: skip
def test_a_threshold_outside_0_1_is_refused(returns, threshold, words):
    with pytest.raises(SettingsError, match="threshold") as info:
        returns.p_loss(threshold)
    assert words in str(info.value)


@pytest.mark.parametrize("threshold", [0.3, 1.0, np.float64(0.5), np.float32(0.3), np.int64(1)])
def test_a_fraction_of_the_price_is_taken(returns, threshold):
    p = returns.p_loss(threshold)
    assert 0.0 <= p.p <= 1.0
    # A larger loss is rarer.
    assert returns.p_loss(min(1.0, threshold + 0.2)).p <= p.p
