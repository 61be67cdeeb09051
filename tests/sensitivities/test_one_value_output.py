"""An output with one value per path (today's value) has no year in a sensitivity analysis."""

from __future__ import annotations

import io
from types import SimpleNamespace

import numpy as np
import pytest

from model.engine.draws.distributions import from_params
from model.engine.spec import ModelSpec, Variable
from model.errors import SettingsError
from model.export.console import print_ranks, print_sobol, print_tornado
from model.sensitivities import rank_correlation, sobol_indices, tornado

YEARS = (2025, 2026, 2027)


def spec():
    return ModelSpec(
        variables=(
            Variable("a", from_params("normal", {"mean": 1.0, "sd": 1.0})),
            Variable("b", from_params("normal", {"mean": 0.0, "sd": 2.0})),
        ),
        years=YEARS,
    )


def model(inputs):
    y = 3.0 * inputs["a"] - inputs["b"]
    return {"per_year": np.repeat(np.asarray(y)[:, None], len(inputs.years), axis=1), "once": y}


def run(n=200):
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=n), rng.normal(size=n)
    y = 3.0 * a - b
    outputs = {"once": y, "per_year": np.repeat(y[:, None], len(YEARS), axis=1)}
    return SimpleNamespace(inputs={"a": a, "b": b}, outputs=outputs, years=YEARS)


def test_a_year_for_a_one_value_output_is_refused():
    with pytest.raises(SettingsError, match="'once' has one value per path; it takes no year"):
        tornado(spec(), model, "once", year=2026)
    with pytest.raises(SettingsError, match="'once' has one value per path; it takes no year"):
        sobol_indices(spec(), model, "once", year=2026, n_base=16, seed=1)
    with pytest.raises(SettingsError, match="'once' has one value per path; it takes no year"):
        rank_correlation(run(), "once", year=2026)


def test_a_one_value_output_is_labelled_without_a_year():
    out = io.StringIO()
    found = tornado(spec(), model, "once")
    assert found.year is None
    print_tornado(found, out)
    ranks = rank_correlation(run(), "once")
    assert ranks.year is None
    print_ranks(ranks, out)
    sobol = sobol_indices(spec(), model, "once", n_base=16, seed=1)
    assert sobol.year is None
    print_sobol(sobol, out)
    text = out.getvalue()
    assert "drivers of once:" in text
    assert "Rank correlation with once," in text
    assert "Sobol' indices of once," in text
    assert " in 20" not in text


def test_a_per_year_output_keeps_its_year():
    assert tornado(spec(), model, "per_year", year=2026).year == 2026
    assert rank_correlation(run(), "per_year").year == 2027
    assert sobol_indices(spec(), model, "per_year", n_base=16, seed=1).year == 2027
