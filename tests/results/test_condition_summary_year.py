"""``ConditionedResult.summary(outputs, year)`` takes the year as ``SimulationResult.summary``
does: the rows of that horizon year only, with the same refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import HorizonError, SettingsError
from model.results.condition import Observation, condition

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def conditioned():
    run = model.simulate(model.load_thesis(THESIS), n_paths=256, seed=3)
    centre = run.summary("revenue", run.years[1])["p50"].iloc[0]
    seen = Observation.normal(f"revenue[{run.years[1]}]", centre, centre / 10)
    return condition(run, seen, min_ess=1)


def test_one_year_gives_that_year_rows_of_the_full_table(conditioned):
    year = conditioned.years[2]
    full = conditioned.summary(["revenue", "value_per_share"])
    one = conditioned.summary(["revenue", "value_per_share"], year)
    assert set(one.index.get_level_values("year")) == {year}
    assert one.index.get_level_values("output").tolist() == ["revenue", "value_per_share"]
    expected = full[full.index.get_level_values("year") == year]
    assert one.equals(expected)


def test_every_output_of_one_year_matches_the_runs_rows(conditioned):
    year = conditioned.years[0]
    assert (
        conditioned.summary(year=year).index.tolist()
        == conditioned.prior.summary(year=year).index.tolist()
    )


def test_a_year_off_the_horizon_is_refused(conditioned):
    with pytest.raises(HorizonError):
        conditioned.summary("revenue", conditioned.years[-1] + 1)


def test_an_output_of_one_value_a_path_takes_no_other_year(conditioned):
    one_value = [n for n in conditioned.prior.outputs if conditioned.prior.array(n).ndim == 1]
    assert one_value
    with pytest.raises(SettingsError, match="one value a path"):
        conditioned.summary(one_value[0], conditioned.years[0])
    assert len(conditioned.summary(one_value[0], conditioned.prior.exit_year)) == 1
