"""Rank correlation: matrix checks, repair on request, achieved Spearman correlations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from model.engine import Correlation, ModelSpec, Variable, from_params, run
from model.engine.draws.correlation import RepairWarning, nearest_correlation, spearman_to_pearson
from model.errors import EngineError, ParameterError

N = 100_000
K = 4.5


def spearman_se(rho: float, n: int) -> float:
    # Large-sample sd of Spearman's rho under a normal copula is close to (1 - rho^2)/sqrt(n)
    # times a factor that stays below 1.1 for |rho| <= 0.9; 1.1 keeps the bound honest.
    return 1.1 * (1 - rho * rho) / math.sqrt(n)


def three_vars() -> tuple[Variable, ...]:
    return (
        Variable("x", from_params("lognormal", {"ci90": [6.5, 8.2]})),
        Variable("y", from_params("beta", {"mean": 0.358, "sd": 0.02})),
        Variable("z", from_params("triangular", {"min": 18, "mode": 23.5, "max": 32.1})),
    )


TARGET = np.array([[1.0, 0.7, -0.4], [0.7, 1.0, -0.2], [-0.4, -0.2, 1.0]])


@pytest.mark.parametrize(
    ("method", "copula"),
    [
        ("mc", "gaussian"),
        ("lhs", "gaussian"),
        ("mc", "iman-conover"),
        ("lhs", "iman-conover"),
        ("sobol", "gaussian"),
    ],
)
def test_achieved_spearman_matches_target(method, copula):
    spec = ModelSpec(three_vars(), correlation=Correlation(("x", "y", "z"), TARGET, method=copula))
    out = run(spec, None, N, seed=31, method=method).outputs
    names = ["x", "y", "z"]
    got = stats.spearmanr(np.column_stack([out[n] for n in names])).statistic
    for i in range(3):
        for j in range(i + 1, 3):
            assert abs(got[i, j] - TARGET[i, j]) < K * spearman_se(TARGET[i, j], N), (i, j)


def test_uncorrelated_variables_stay_independent_of_correlated_ones():
    extra = (*three_vars(), Variable("w", from_params("normal", {"mean": 0, "sd": 1})))
    spec = ModelSpec(extra, correlation=Correlation(("x", "y", "z"), TARGET))
    out = run(spec, None, N, seed=2).outputs
    rho = stats.spearmanr(out["w"], out["x"]).statistic
    assert abs(rho) < K * spearman_se(0.0, N)


def test_perfect_correlation_is_allowed():
    spec = ModelSpec(three_vars()[:2], correlation=Correlation.from_pairs({("x", "y"): 1.0}))
    out = run(spec, None, 20_000, seed=1).outputs
    assert stats.spearmanr(out["x"], out["y"]).statistic > 0.9999


def test_spearman_to_pearson_identity():
    assert spearman_to_pearson(np.array(1.0)) == pytest.approx(1.0)
    assert spearman_to_pearson(np.array(0.5)) == pytest.approx(2 * math.sin(math.pi / 12))


def test_non_psd_matrix_names_the_conflicting_variables():
    bad = np.array([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
    with pytest.raises(ParameterError) as err:
        Correlation(("a", "b", "c"), bad)
    msg = str(err.value)
    assert "positive semi-definite" in msg and "a, b, c" in msg and "repair=True" in msg
    assert err.value.field == "correlation"


def test_repair_gives_the_nearest_valid_matrix_on_request():
    bad = np.array([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
    c = Correlation(("a", "b", "c"), bad, repair=True)
    fixed = c.effective
    assert np.linalg.eigvalsh(fixed)[0] >= -1e-10
    np.testing.assert_allclose(np.diag(fixed), 1.0)
    np.testing.assert_allclose(fixed, fixed.T)
    np.testing.assert_array_equal(c.matrix, bad)  # what the user gave is kept as given
    # A valid matrix is its own nearest correlation matrix.
    np.testing.assert_allclose(nearest_correlation(TARGET), TARGET, atol=1e-9)


@pytest.mark.parametrize(
    ("matrix", "text"),
    [
        (np.array([[1, 0.5], [0.4, 1]]), "not symmetric"),
        (np.array([[1, 1.5], [1.5, 1]]), "[-1, 1]"),
        (np.array([[0.9, 0.5], [0.5, 1]]), "diagonal"),
        (np.array([[1, np.nan], [np.nan, 1]]), "NaN"),
        (np.eye(3), "shape"),
    ],
)
def test_bad_matrices(matrix, text):
    with pytest.raises(ParameterError) as err:
        Correlation(("a", "b"), matrix)
    assert text in str(err.value)


def test_correlation_naming_an_unknown_variable():
    with pytest.raises(EngineError, match="'nope'"):
        ModelSpec(three_vars(), correlation=Correlation.from_pairs({("x", "nope"): 0.3}))


def test_unknown_copula_method():
    with pytest.raises(EngineError, match="unknown correlation method"):
        Correlation(("x", "y"), np.eye(2), method="clayton")


def test_repair_warns_when_it_does_not_converge():
    bad = np.array([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
    with pytest.warns(RepairWarning, match="no convergence in 3 iterations"):
        fixed = nearest_correlation(bad, max_iter=3)
    # Still a valid correlation matrix, just not the nearest one.
    assert np.linalg.eigvalsh(fixed)[0] >= -1e-10
    np.testing.assert_allclose(np.diag(fixed), 1.0)
