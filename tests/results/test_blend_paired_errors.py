"""A paired difference with a blend on one side has the stratified standard error.

A blend gives each scenario a fixed number of paths. Against the base case, its difference is
0 on the base paths and ``bull - base`` on the bull paths; ``sd / sqrt(n)`` of those differences
counts the gap between 0 and ``bull - base`` as sampling noise, which it is not (the number of
bull paths is fixed), and overstated the error several times over.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.results.comparison import ComparisonResult
from model.results.results import SimulationResult

N, REPS = 200, 1000


def _run(rng: np.random.Generator) -> ComparisonResult:
    # One draw of earnings per path, shared by both cases (common random numbers): the base
    # case values them at 10x, the bull case at 12x; the blend takes half its paths from each.
    earnings = rng.normal(10.0, 2.0, N)
    labels = rng.permutation(np.repeat(np.array(["base", "bull"]), N // 2))
    base = 10.0 * earnings
    mixed = np.where(labels == "bull", 12.0 * earnings, base)

    def result(name: str, values: np.ndarray, scenarios: np.ndarray | None) -> SimulationResult:
        return SimulationResult(
            None, name, name, (2030,), {"value": values[:, None]}, n_paths=N,  # type: ignore[arg-type]
            path_scenarios=scenarios,
        )  # fmt: skip

    return ComparisonResult(
        {"base": result("base", base, None), "blend": result("blend", mixed, labels)}
    )


def test_the_difference_error_is_the_spread_over_many_seeds() -> None:
    rng = np.random.default_rng(11)
    means, ses, naive = [], [], []
    for _ in range(REPS):
        diff = _run(rng).difference("blend", "base", "value")
        means.append(diff.mean)
        ses.append(diff.se)
        naive.append(float(np.std(diff.values, ddof=1)) / math.sqrt(N))
    # Closed form: 2 x earnings on N/2 paths, 0 on the others, so the mean difference is
    # (1/2) x the mean of 2 x earnings over N/2 paths: sd (1/2) x 4 / sqrt(N/2) = 0.2.
    exact = 0.5 * 4.0 / math.sqrt(N / 2)
    spread = float(np.std(means, ddof=1))
    # The sd of a sample sd over REPS seeds is off by about 1 / sqrt(2 REPS) = 2.2%: 4 of those.
    tol = 4.0 / math.sqrt(2.0 * REPS)
    assert spread == pytest.approx(exact, rel=tol)
    assert float(np.mean(ses)) == pytest.approx(spread, rel=tol)
    # The unstratified sd / sqrt(n) adds the gap between the cases: the differences' variance
    # is 16 / 2 within plus 20**2 / 4 between, against 16 / 2 within alone.
    assert float(np.mean(naive)) / exact == pytest.approx(math.sqrt(108.0 / 8.0), rel=0.05)
