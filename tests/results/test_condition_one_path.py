"""A conditioned run of one path (``model.condition(..., n_paths=1)``) gives its path's value
with no sd and no standard errors, as the unweighted run of one path does: the weighted
formulas gave 0, as if the figures were exact."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import model
from model.results.condition import Observation, condition

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"
STATEMENT = "revenue[2027] > 0"


def _conditioned(n_paths: int):
    run = model.simulate(THESIS, n_paths=n_paths, seed=5)
    centre = float(np.median(run.final("revenue", 2027)))
    seen = Observation.normal("revenue[2027]", centre, centre)
    return run, condition(run, seen, min_ess=1)


def test_one_path_has_no_spread_and_no_errors_like_the_run():
    run, conditioned = _conditioned(1)
    posterior = conditioned.summary("revenue", 2027).iloc[0]
    prior = run.summary("revenue", 2027).iloc[0]
    assert posterior["mean"] == prior["mean"] and posterior["p50"] == prior["p50"]
    errors = [c for c in prior.index if c == "sd" or c.endswith("_se")]
    assert errors and all(math.isnan(prior[c]) for c in errors)
    assert all(math.isnan(posterior[c]) for c in errors)
    assert math.isnan(conditioned.compare("revenue", 2027)["posterior_mean_se"].iloc[0])
    probability = conditioned.prob(STATEMENT)
    assert math.isnan(probability.se) and math.isnan(run.prob(STATEMENT).se)
    assert "n/a" in str(probability)


def test_two_paths_keep_their_errors():
    _, conditioned = _conditioned(2)
    row = conditioned.summary("revenue", 2027).iloc[0]
    assert not math.isnan(row["sd"]) and not math.isnan(row["mean_se"])


@pytest.mark.parametrize("spread", [True, False])
def test_the_weighted_figures_of_one_path(spread):
    from model.results.weighting.weighted import weighted_describe

    out = weighted_describe(np.array([np.nan, 3.5]), np.array([0.5, 0.5]), spread=spread)
    assert out["n"] == 1 and out["mean"] == out["p95"] == 3.5
    assert math.isnan(out["mean_se"]) and math.isnan(out["p5_se"])
    assert ("sd" in out) is spread
