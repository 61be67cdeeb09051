"""A probability given evidence is a weighted share: it shows the effective sample size of its
weights beside the paths, not "n=2,000" as if every path counted fully, and a claim counted
at 0 or 1 has the bound of that effective sample."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.results.values import certainty_bound

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def conditioned():
    result = model.simulate(SAAS, n_paths=2_000, seed=1)
    median = float(np.median(result.final("revenue", 2027)))
    return result.condition(model.Observation.normal("revenue[2027]", median, median * 0.05))


def test_a_posterior_probability_shows_its_effective_paths(conditioned):
    ess = conditioned.ess
    assert 100 < ess < 1_900  # the evidence is informative: far fewer effective paths
    found = conditioned.prob("value_per_share[2031] > 30")
    assert found.n == 2_000 and found.ess == pytest.approx(ess)
    assert f"ess={ess:,.0f} of n=2,000" in str(found)
    assert f"ess={ess:.0f}" in repr(found)
    assert f"{ess:,.0f} effective paths of 2,000" in found._repr_html_()


def test_a_posterior_count_of_every_path_is_bounded_by_the_effective_paths(conditioned):
    always = conditioned.prob("revenue[2027] > 0")
    assert always.p == 1.0
    assert always.bound == pytest.approx(1.0 - certainty_bound(conditioned.ess))


def test_an_unweighted_probability_shows_its_paths_only():
    result = model.simulate(SAAS, n_paths=500, seed=2)
    found = result.prob("value_per_share[2031] > 30")
    assert found.ess is None and "ess" not in str(found) and "(n=500)" in str(found)
