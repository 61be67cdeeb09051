"""Odd questions to a sensitivity analysis are bad input, the same way in every method: an
output that no input moves (tornado included), and a fixed input asked for by name."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from model.engine.draws.distributions import from_params
from model.engine.spec import ModelSpec, Variable
from model.errors import FlatOutputError, SettingsError
from model.sensitivities import rank_correlation, sobol_indices, tornado

YEARS = (2025, 2026, 2027)


def spec():
    return ModelSpec(
        variables=(
            Variable("a", from_params("normal", {"mean": 1.0, "sd": 1.0})),
            Variable("k", from_params("fixed", {"value": 2.0})),
        ),
        years=YEARS,
    )


def model(inputs):
    a = np.asarray(inputs["a"], dtype=float)
    y = np.repeat((3.0 * a * inputs["k"])[:, None], len(inputs.years), axis=1)
    return {"y": y, "flat": np.zeros_like(y), "once": np.zeros_like(a)}


def test_the_tornado_refuses_an_output_no_input_moves():
    with pytest.raises(FlatOutputError, match="'flat' does not vary in 2027") as info:
        tornado(spec(), model, "flat")
    assert "every input's low and high setting" in str(info.value)


def test_a_one_value_output_is_not_told_to_choose_another_year():
    with pytest.raises(FlatOutputError) as info:
        tornado(spec(), model, "once")
    assert str(info.value).endswith("choose another output")


@pytest.mark.parametrize("method", ["tornado", "sobol"])
def test_a_fixed_input_by_name_is_refused(method):
    with pytest.raises(SettingsError, match="input 'k' is fixed at 2: it has no spread to vary"):
        if method == "tornado":
            tornado(spec(), model, "y", inputs=["k"])
        else:
            sobol_indices(spec(), model, "y", inputs=["k"], n_base=16, seed=1)


def test_rank_with_only_fixed_inputs_listed_is_bad_input():
    n = 100
    a = np.random.default_rng(1).normal(size=n)
    run = SimpleNamespace(
        inputs={"a": a, "k": np.full(n, 2.0)},
        outputs={"y": np.repeat((6.0 * a)[:, None], len(YEARS), axis=1)},
        years=YEARS,
    )
    with pytest.raises(SettingsError, match=r"no input listed varies across the run \(k\)"):
        rank_correlation(run, "y", inputs=["k"])
    assert rank_correlation(run, "y", inputs=["a", "k"]).dropped == ("k",)
