"""A chart asked for another scenario than the one run it is given says so, instead of drawing
the run's own scenario under the name asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model import charts
from model.errors import UnknownScenarioError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


def test_another_scenario_of_one_run_is_refused():
    result = model.simulate(model.load_thesis(THESIS), n_paths=500, seed=1, progress=False)
    with pytest.raises(UnknownScenarioError, match="unknown scenario 'bull'; known: base"):
        charts.value_distribution(result, scenario="bull")
    assert charts.value_distribution(result, scenario="base").axes
