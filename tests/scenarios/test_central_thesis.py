"""``model.central`` takes a thesis (or its file) as well as an engine specification."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.engine import ModelSpec, Variable, from_params
from model.errors import UnknownScenarioError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def test_central_of_a_thesis_applies_its_model():
    thesis = model.load_thesis(EXAMPLE)
    path = model.central(thesis)
    assert path["value_per_share"].shape == (len(thesis.years),)
    assert float(path["value_today"]) > 0
    # The same numbers from the file's path as from the loaded thesis.
    again = model.central(EXAMPLE)
    np.testing.assert_array_equal(again["value_per_share"], path["value_per_share"])


def test_central_of_a_scenario_and_of_a_spec():
    with pytest.raises(UnknownScenarioError):
        model.central(EXAMPLE, scenario="no_such_case")
    spec = ModelSpec(
        variables=(Variable("x", from_params("normal", {"mean": 2.0, "sd": 1.0})),),
        years=(2025,),
    )
    assert float(model.central(spec, lambda i: {"z": i["x"] * 2})["z"]) == 4.0
