"""A conditioned result's ``prob`` answers as a simulation's does: a Probability."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import model
from model.results.values import Probability

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def test_posterior_prob_is_a_probability_with_its_statement_and_paths():
    result = model.simulate(SAAS, n_paths=2_000, seed=1)
    median = float(np.median(result.final("revenue", 2027)))
    updated = result.condition(model.Observation.normal("revenue[2027]", median, median * 0.05))
    statement = "value_per_share[2031] > 30"
    found = updated.prob(statement)
    # A bare (p, se) tuple had no repr, no interval and no table, unlike result.prob().
    assert isinstance(found, Probability)
    assert found.statement == statement
    assert found.n == 2_000 and found.n_undefined == 0
    assert 0.0 < found.p < 1.0 and found.se > 0.0
    assert found.to_frame().columns.tolist() == [
        "statement",
        "probability",
        "probability_se",
        "n",
        "n_undefined",
    ]
    assert repr(found).startswith("Probability(p=")
