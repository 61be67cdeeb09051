"""The mean basis for an assumption the thesis correlates with others: the others are drawn
given its value under the Gaussian copula, against closed forms (two normals, whose conditional
mean is linear) and quadrature (a lognormal held, a beta partner).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import integrate, optimize, stats

import model
from model.engine import sample
from model.valuation.finance.implied import ImpliedError, implied

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "binary-event.yaml"
NORMAL_X = "dist: normal\n    mean: 10\n    sd: 2"
NORMAL_Y = "dist: normal\n    mean: 20\n    sd: 5"


def _thesis(tmp_path: Path, rho: float, x: str = NORMAL_X, y: str = NORMAL_Y) -> Path:
    """The binary-event template with two more assumptions, ``x_a`` and ``y_b``, correlated."""

    def one(name: str, dist: str) -> str:
        return (
            f"  {name}:\n    unit: JPY bn\n    {dist}\n"
            f'    source: {{estimate: "An illustrative value of {name} for the test"}}\n'
        )

    text = TEMPLATE.read_text().replace(
        "assumptions:\n", "assumptions:\n" + one("x_a", x) + one("y_b", y), 1
    )
    text += (
        f"correlations:\n  - between: [x_a, y_b]\n    rho: {rho}\n"
        '    source: {estimate: "The two illustrative values move together"}\n'
    )
    path = tmp_path / "correlated.yaml"
    path.write_text(text)
    return path


class Sum:
    """``value_today = x_a + y_b``: its mean given ``x_a = x`` is ``x + E[y_b | x]``."""

    output_names = ("value_today",)

    def __call__(self, inputs: Any) -> dict[str, np.ndarray]:
        return {"value_today": np.asarray(inputs["x_a"]) + np.asarray(inputs["y_b"])}


def _solve(path: Path, n: int, seed: int, equals: float = 40.0) -> Any:
    return implied(
        model.load_thesis(path), "x_a", equals=equals, basis="mean", n_paths=n, seed=seed,
        model=lambda th: Sum(),
    )  # fmt: skip


def _pearson(rho: float) -> float:
    """The copula's normal-score correlation for a Spearman ``rho``."""
    return 2.0 * math.sin(math.pi * rho / 6.0)


def test_two_correlated_normals_solve_the_conditional_mean(tmp_path: Path) -> None:
    n, rho = 4_000, 0.6
    r = _solve(_thesis(tmp_path, rho), n, seed=1)
    # Given x_a = x, y_b is normal with mean 20 + p 5 (x - 10) / 2 and sd 5 sqrt(1 - p^2), so
    # x + 20 + k (x - 10) = 40 with k = 2.5 p: x* = (20 + 10 k) / (1 + k) = 13.93 (14.8 if the
    # dependence were dropped, 20 on the central path's y_b).
    p = _pearson(rho)
    k = 2.5 * p
    exact = (20.0 + 10.0 * k) / (1.0 + k)
    assert r.se is not None
    se_mean, se_x = r.se
    se_exact = 5.0 * math.sqrt(1.0 - p**2) / math.sqrt(n)
    assert se_mean == pytest.approx(se_exact, rel=0.1)
    assert se_x == pytest.approx(se_exact / (1.0 + k), rel=0.1)
    assert abs(r.value - exact) < 4 * se_x, (r.value, exact, se_x)


def test_the_standard_error_matches_the_spread_over_seeds(tmp_path: Path) -> None:
    path = _thesis(tmp_path, 0.3)
    results = [_solve(path, 400, seed) for seed in range(30)]
    values = np.array([r.value for r in results])
    reported = float(np.mean([r.se[1] for r in results]))
    # 30 seeds estimate the spread to about 13% (chi-square, 29 degrees of freedom).
    assert np.std(values, ddof=1) == pytest.approx(reported, rel=0.4)
    p = _pearson(0.3)
    k = 2.5 * p
    exact = (20.0 + 10.0 * k) / (1.0 + k)
    assert abs(np.mean(values) - exact) < 4 * reported / math.sqrt(len(values))


def test_a_lognormal_held_and_a_beta_partner_match_quadrature(tmp_path: Path) -> None:
    n, rho = 4_000, 0.7
    x_dist = "dist: lognormal\n    median: 10\n    sigma: 0.3"
    y_dist = "dist: beta\n    a: 2\n    b: 5\n    min: 0\n    max: 50"
    r = _solve(_thesis(tmp_path, rho, x_dist, y_dist), n, seed=3, equals=28.0)
    p = _pearson(rho)
    beta = stats.beta(2, 5, loc=0, scale=50)

    def conditional_mean(x: float) -> float:
        a = math.log(x / 10.0) / 0.3  # the held score: ndtri(F(x)) of the lognormal
        s = math.sqrt(1.0 - p**2)
        return float(
            integrate.quad(
                lambda e: beta.ppf(stats.norm.cdf(p * a + s * e)) * stats.norm.pdf(e), -9, 9
            )[0]
        )

    exact = optimize.brentq(lambda x: x + conditional_mean(x) - 28.0, 1.0, 30.0, xtol=1e-10)
    assert r.se is not None
    assert abs(r.value - exact) < 4 * r.se[1], (r.value, exact, r.se)
    # Dropping the dependence would put the root well away: at E[y_b] = 50 * 2/7 = 14.29.
    assert abs((28.0 - 50 * 2 / 7) - exact) > 10 * r.se[1]


def test_a_bernoulli_partner_moves_with_the_held_score(tmp_path: Path) -> None:
    # y_b is 1 on half the paths, those whose score is above 0: given x_a = x (score
    # a = (x - 10) / 2), P(y_b = 1) = Phi(p a / sqrt(1 - p^2)). The mean is a staircase of
    # 1/n steps; the root still lies within its error of the smooth curve's.
    n = 4_000
    r = _solve(_thesis(tmp_path, 0.6, y="dist: bernoulli\n    p: 0.5"), n, seed=4, equals=12.0)
    p = _pearson(0.6)

    def mean(x: float) -> float:
        return x + float(stats.norm.cdf(p * (x - 10.0) / 2.0 / math.sqrt(1.0 - p**2)))

    exact = optimize.brentq(lambda x: mean(x) - 12.0, 10.0, 12.0, xtol=1e-12)
    assert r.se is not None
    assert abs(r.value - exact) < 4 * r.se[1], (r.value, exact, r.se)
    assert abs(r.value - 11.5) > 10 * r.se[1]  # where the dependence dropped would put it


def test_a_zero_correlation_draws_the_others_as_a_run_does(tmp_path: Path) -> None:
    path = _thesis(tmp_path, 0.0)
    r = _solve(path, 1_000, seed=5, equals=32.0)
    drawn = sample(model.load_thesis(path).to_spec(), 1_000, seed=5)["y_b"]
    xs, ys = r.grid
    for i in (0, 17, 40):
        assert ys[i] == np.mean(np.full(1_000, xs[i]) + drawn)
    assert abs(r.value - 12.0) < 4 * r.se[1]


def test_a_discrete_correlated_assumption_is_refused(tmp_path: Path) -> None:
    discrete = "dist: discrete\n    values: [5, 10, 15]\n    probs: [0.25, 0.5, 0.25]"
    with pytest.raises(ImpliedError, match="cannot hold 'x_a': 'x_a' is discrete and correlated"):
        _solve(_thesis(tmp_path, 0.5, x=discrete), 500, seed=1)
