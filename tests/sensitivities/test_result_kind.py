"""``result=`` takes a run: a conditioned result, or anything else, is refused by its kind.

A conditioned result has weighted paths that no sensitivity method reads; given as
``result=``, rank correlation said "the run kept no inputs" (it had kept them) and the tornado
went on as if no result had been given. Both now name what came and what to pass instead.
"""

from __future__ import annotations

import numpy as np
import pytest

import model
from model.errors import WrongKindError


@pytest.fixture()
def conditioned(linear_thesis):
    run = model.simulate(linear_thesis, n_paths=500, seed=1)
    return run.condition(model.Observation.normal("a", 11.0, 1.0), min_ess=1)


@pytest.mark.parametrize("method", ["rank", "tornado", "sobol"])
def test_a_conditioned_result_is_refused_by_its_kind(linear_thesis, conditioned, method):
    with pytest.raises(WrongKindError, match="got a ConditionedResult") as caught:
        model.sensitivity(linear_thesis, method=method, output="sales", result=conditioned)
    assert "kept no inputs" not in str(caught.value)
    assert ".resample(seed=...)" in str(caught.value)


def test_its_resampled_posterior_is_ranked(linear_thesis, conditioned):
    posterior = conditioned.resample(seed=2)
    found = model.sensitivity(linear_thesis, method="rank", output="sales", result=posterior)
    assert found.ranking[0] == "b"


def test_an_array_is_refused_as_not_a_run(linear_thesis):
    with pytest.raises(WrongKindError, match="result must be a simulation result"):
        model.sensitivity(linear_thesis, method="rank", output="sales", result=np.zeros(3))
