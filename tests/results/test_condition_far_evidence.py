"""Evidence that no simulated path comes near is refused, or warned about, never ignored.

Weights are normalised by the largest, so a normal observation equally far from every path (a
quantity the thesis holds fixed, observed at another value; a number in the wrong unit) used to
leave every weight equal: the posterior was the prior, the effective sample size full, and
nothing was said.
"""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from model.errors import ThesisModelError
from model.results.condition import LowEffectiveSampleWarning, Observation, condition
from model.results.results import SimulationResult

N = 5_000


def _result() -> SimulationResult:
    rng = np.random.default_rng(3)
    x = 10.0 + 2.0 * rng.standard_normal(N)
    fixed = np.full(N, 820.0)  # an output the thesis holds fixed
    return SimulationResult(
        thesis=SimpleNamespace(
            name="t",
            path="t.yaml",
            file_hash="0",
            scorecard={},
            weights={},
            ledger=lambda: pd.DataFrame(),
        ),
        scenario="base",
        scenario_label="Base",
        years=(2025, 2026),
        outputs={"fixed": np.column_stack([fixed, fixed]), "x": x},
        inputs={},
        units={"fixed": "EUR m", "x": "EUR m"},
        seed_entropy=3,
    )


@pytest.mark.parametrize(
    ("quantity", "value", "sd"),
    [("fixed[2025]", 1000.0, 1.0), ("fixed[2026]", 820.0e3, 5.0), ("x", 500.0, 1.0)],
)
def test_an_observation_no_path_comes_near_is_refused(quantity, value, sd):
    with pytest.raises(ThesisModelError, match="incompatible with every simulated path") as info:
        condition(_result(), Observation.normal(quantity, value, sd))
    text = str(info.value)
    assert text.startswith(f"evidence.{quantity}: ") and "measurement sds away" in text
    assert "\n" not in text


def test_a_far_observation_is_warned_about_and_a_near_one_is_not():
    result = _result()
    far = 820.0 + 10.0  # ten measurement sds from every path
    with pytest.warns(LowEffectiveSampleWarning, match="10.0 measurement sds away"):
        out = condition(result, Observation.normal("fixed[2025]", far, 1.0))
    assert out.ess == pytest.approx(N)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        near = condition(result, Observation.normal("fixed[2025]", 822.0, 1.0))
    assert near.ess == pytest.approx(N)


def test_the_limits_are_where_the_likelihood_underflows():
    from model.results.condition import Z_FAR, Z_ZERO

    assert np.exp(-0.5 * (Z_ZERO * 1.001) ** 2) < np.finfo(float).tiny
    assert np.exp(-0.5 * (Z_ZERO * 0.99) ** 2) > 0.0
    assert 3.0 < Z_FAR < Z_ZERO
