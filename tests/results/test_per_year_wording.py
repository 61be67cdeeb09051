"""A statement or an observation without a year says it has one value per year, in the
thesis' words, not a numpy shape."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import StatementError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(TEMPLATE), n_paths=64, seed=1, keep_inputs=True)


def _years(result) -> str:
    return f"({result.years[0]}..{result.years[-1]})"


def test_a_statement_without_a_year(result):
    with pytest.raises(StatementError) as info:
        result.prob("earnings > 1")
    text = str(info.value)
    assert f"gives one value per year {_years(result)} on each path" in text
    assert "shape" not in text and f"name[{result.exit_year}]" in text


def test_an_observation_without_a_year(result):
    with pytest.raises(StatementError) as info:
        result.condition(model.Observation.normal("earnings", 1.0, 0.1))
    text = str(info.value)
    assert f"gives one value per year {_years(result)} on each path" in text
    assert "shape" not in text
