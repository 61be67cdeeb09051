"""A blend reweighted by evidence has the stratified importance-sampling standard errors.

Each scenario of a blend has a fixed number of paths, so the delta-method terms
``w_i (x_i - m)`` of a weighted mean vary by chance only within each scenario: the error is
``sqrt(sum_s sum_{i in s} (t_i - mean_s t)**2)``, not ``sqrt(sum t_i**2)``, which counts the gap
between the scenarios as sampling noise.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.results.condition import ConditionedResult
from model.results.results import SimulationResult
from model.results.summary import weighted_describe

N, REPS = 400, 1000


def _posterior(rng: np.random.Generator) -> ConditionedResult:
    # Earnings shared by both cases; the base case values them at 10x, the bull case at 20x,
    # half the paths each. The evidence (earnings measured at 11 +- 1) reweights the paths.
    earnings = rng.normal(10.0, 1.0, N)
    labels = rng.permutation(np.repeat(np.array(["base", "bull"]), N // 2))
    value = np.where(labels == "bull", 20.0, 10.0) * earnings
    prior = SimulationResult(
        None, "blend", "blend", (2030,), {"value": value[:, None]}, n_paths=N,  # type: ignore[arg-type]
        path_scenarios=labels,
    )  # fmt: skip
    w = np.exp(-0.5 * (earnings - 11.0) ** 2)
    return ConditionedResult(prior, (), w / w.sum())


def test_the_weighted_errors_are_the_spread_over_many_seeds() -> None:
    rng = np.random.default_rng(5)
    stats = ("mean", "sd", "p25", "p75")
    got: dict[str, list[float]] = {k: [] for k in (*stats, *(f"{k}_se" for k in stats), "naive")}
    for _ in range(REPS):
        post = _posterior(rng)
        row = post.summary("value").iloc[0]
        for k in stats:
            got[k].append(float(row[k]))
            got[f"{k}_se"].append(float(row[f"{k}_se"]))
        values = post.prior.array("value")[:, 0]
        got["naive"].append(weighted_describe(values, post.weights)["mean_se"])
    # The sd of a sample sd over REPS seeds is off by about 1 / sqrt(2 REPS) = 2.2%: 4 of those,
    # and the delta method's own error at this effective size (about 2%).
    tol = 4.0 / math.sqrt(2.0 * REPS) + 0.02
    for k in stats:
        spread = float(np.std(got[k], ddof=1))
        # A quantile's error maps the ECDF's through the quantile function's slope: 15%.
        rel = tol if k in ("mean", "sd") else 0.15
        assert float(np.mean(got[f"{k}_se"])) == pytest.approx(spread, rel=rel), k
    spread = float(np.std(got["mean"], ddof=1))
    # Without the scenarios, the gap between 10x and 20x counts as noise: well above the spread.
    assert float(np.mean(got["naive"])) > 1.5 * spread
