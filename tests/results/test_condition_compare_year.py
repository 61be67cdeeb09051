"""``Conditioned.compare(year=...)``: the table's year column holds the model year itself, an
integer, whether the year was given as 2027, 2027.0 or "2027"."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import HorizonError
from model.results.condition import Observation, condition

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def conditioned():
    run = model.simulate(model.load_thesis(THESIS), n_paths=64, seed=1)
    return condition(run, Observation.normal("revenue_growth_cloud[2025]", 0.34, 0.05))


@pytest.mark.parametrize("year", [2027, 2027.0, "2027"])
def test_the_year_column_is_the_model_year(conditioned, year):
    years = conditioned.compare(["value_per_share"], year=year)["year"]
    assert years.tolist() == [2027] and years.dtype.kind == "i"


def test_a_year_that_is_no_model_year_is_refused(conditioned):
    with pytest.raises(HorizonError, match=r"2027\.5"):
        conditioned.compare(year=2027.5)
