"""Holding a static variable the Gaussian copula correlates with others: the others are drawn
given its value (its normal score held at ndtri(F(x)), each other score moved by its
correlation with it), against the conditional normal's closed forms.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from scipy import stats

from model.engine import Correlation, ModelSpec, Variable, from_params, sample
from model.engine.execution.runner import sample_holding
from model.errors import EngineError


def _pearson(rho: float) -> float:
    """The copula's normal-score correlation for a Spearman ``rho``."""
    return 2.0 * math.sin(math.pi * rho / 6.0)


def _spec(matrix: np.ndarray, **kw: Any) -> ModelSpec:
    def v(name: str) -> Variable:
        return Variable(name, from_params("normal", {"mean": 1.0, "sd": 0.2}))

    names = ("a", "b", "c", "d")
    return ModelSpec(
        variables=tuple(v(n) for n in names), correlation=Correlation(names[:3], matrix, **kw)
    )


CHAIN = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]])


def test_holding_moves_only_the_variables_its_score_is_correlated_with() -> None:
    spec = _spec(CHAIN)
    n = 20_000
    held = sample_holding(spec, n, "a", seed=9)(1.3)
    drawn = sample(spec, n, seed=9)
    # c is correlated with b only: independent of a, so its draws stay those of a run.
    for name in ("c", "d"):
        assert np.array_equal(np.asarray(held[name]), drawn[name]), name
    # b given a at score 1.5: mean 1 + 0.2 p 1.5, sd 0.2 sqrt(1 - p^2).
    p = _pearson(0.5)
    b = np.asarray(held["b"])
    se = 0.2 * math.sqrt(1.0 - p**2) / math.sqrt(n)
    assert abs(np.mean(b) - (1.0 + 0.2 * p * 1.5)) < 4 * se
    assert np.std(b) == pytest.approx(0.2 * math.sqrt(1.0 - p**2), rel=0.03)
    # The same draws at every value: b moves by exactly its share of the score's move.
    again = np.asarray(sample_holding(spec, n, "a", seed=9)(1.1)["b"])
    assert np.mean(again) == pytest.approx(np.mean(b) - 0.2 * p * 1.0, abs=1e-9)


def test_a_repaired_matrix_conditions_on_the_correlation_the_engine_applies() -> None:
    # Not a correlation matrix: the engine repairs it, so b's score correlates with a's by
    # less than 2 sin(pi 0.9 / 6) = 0.89. The draw given a must follow what a run applies.
    matrix = np.array([[1.0, 0.9, 0.9], [0.9, 1.0, -0.9], [0.9, -0.9, 1.0]])
    spec = ModelSpec(
        variables=tuple(
            Variable(n, from_params("normal", {"mean": 0.0, "sd": 1.0})) for n in "abc"
        ),
        correlation=Correlation(("a", "b", "c"), matrix, repair=True),
    )
    drawn = sample(spec, 200_000, seed=1)
    applied = float(np.corrcoef(drawn["a"], drawn["b"])[0, 1])
    assert applied < 0.8
    n = 20_000
    b = np.asarray(sample_holding(spec, n, "a", seed=2)(1.5)["b"])
    se = math.sqrt(1.0 - applied**2) / math.sqrt(n) + 1.5 / math.sqrt(200_000)
    assert abs(np.mean(b) - applied * 1.5) < 4 * se, (np.mean(b), applied * 1.5, se)


def test_a_value_outside_the_support_is_refused_and_its_ends_are_clamped() -> None:
    spec = ModelSpec(
        variables=(
            Variable("a", from_params("uniform", {"min": 0.0, "max": 1.0})),
            Variable("b", from_params("normal", {"mean": 0.0, "sd": 1.0})),
        ),
        correlation=Correlation(("a", "b"), np.array([[1.0, 0.5], [0.5, 1.0]])),
    )
    at = sample_holding(spec, 4_000, "a", seed=2)
    with pytest.raises(EngineError, match=r"'a' cannot be held at 1\.5: .* 0 \.\. 1 only"):
        at(1.5)
    # At its top the score is the copula's own clamp, ndtri(1 - 2**-53) = 8.1, not infinite.
    b = np.asarray(at(1.0)["b"])
    p = _pearson(0.5)
    assert np.all(np.isfinite(b))
    top = stats.norm.ppf(1.0 - 2.0**-53)
    assert abs(np.mean(b) - p * top) < 4 * math.sqrt(1.0 - p**2) / math.sqrt(4_000)


def test_an_iman_conover_correlation_cannot_be_held() -> None:
    spec = _spec(CHAIN, method="iman-conover")
    with pytest.raises(EngineError, match="iman-conover method, which rearranges whole blocks"):
        sample_holding(spec, 1_000, "a", seed=1)
    # Not correlated, it may be held: the others are drawn as a run draws them.
    held = sample_holding(spec, 1_000, "d", seed=1)(1.0)
    assert np.array_equal(np.asarray(held["a"]), sample(spec, 1_000, seed=1)["a"])
