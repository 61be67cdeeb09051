"""A probability counted at 0% or 100% has an interval, not a point.

With no path disagreeing, the standard error is 0 and ``p -+ z se`` collapses to the point;
the exact (Clopper-Pearson) interval at ``level`` is ``[0, u]`` with ``(1 - u) ** n`` equal to
``(1 - level) / 2`` (its mirror at 1).
"""

from __future__ import annotations

import math

import pytest

from model.results.values import Probability


@pytest.mark.parametrize("n", [20, 2_000, 20_000])
@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_zero_and_one_have_the_exact_interval(n: int, level: float) -> None:
    low, high = Probability("x > 1", 0.0, 0.0, n).interval(level)
    assert low == 0.0 and 0.0 < high < 1.0
    # The chance that n paths all miss when the truth is the upper end is the tail's share.
    assert (1.0 - high) ** n == pytest.approx((1.0 - level) / 2.0, rel=1e-9)
    low1, high1 = Probability("x > 0", 1.0, 0.0, n).interval(level)
    assert high1 == 1.0 and low1 == pytest.approx(1.0 - high, rel=1e-12)


def test_a_weighted_estimate_uses_its_effective_paths() -> None:
    _, high = Probability("x > 1", 0.0, 0.0, 20_000, ess=1_000.0).interval()
    assert (1.0 - high) ** 1_000 == pytest.approx(0.025, rel=1e-9)
    assert high == pytest.approx(1.0 - 0.025 ** (1 / 1_000), rel=1e-12)
    assert high > 3.0 / 20_000  # far wider than the paths counted would say


def test_other_probabilities_keep_the_normal_interval() -> None:
    low, high = Probability("x > 1", 0.3, 0.01, 2_000).interval(0.95)
    z = 1.959963984540054
    assert low == pytest.approx(0.3 - z * 0.01) and high == pytest.approx(0.3 + z * 0.01)
    assert math.isclose(Probability("x", 0.0, 0.0, 1).interval()[1], 0.0)  # one path: no bound
