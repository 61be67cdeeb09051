"""``final`` of an output with one value a path in another year than the exit year is refused.

``result.final("value_today", 2027)`` quietly returned today's value of holding to the exit
year, while ``result.prob("value_today[2027] > 900")`` and the charts refuse that year.
"""

from __future__ import annotations

import numpy as np
import pytest

import model
from model.errors import HorizonError, ThesisModelError
from model.results.condition import Observation, condition

THESIS = "assumptions/alibaba.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(THESIS, n_paths=200, seed=3)


def test_another_year_is_refused_naming_the_per_year_output(result):
    assert result.outputs["value_today"].ndim == 1
    with pytest.raises(ThesisModelError, match="value_today_by_year") as info:
        result.final("value_today", result.years[-2])
    assert isinstance(info.value, ValueError)
    assert f"one value a path (held to {result.exit_year})" in str(info.value)


def test_the_exit_year_or_none_still_gives_the_values(result):
    values = result.outputs["value_today"]
    assert np.array_equal(result.final("value_today"), values)
    assert np.array_equal(result.final("value_today", result.exit_year), values)
    assert np.array_equal(result.final("value_today", float(result.exit_year)), values)


def test_an_off_horizon_year_is_still_a_horizon_error(result):
    with pytest.raises(HorizonError):
        result.final("value_today", result.exit_year + 1)


def test_a_kept_input_has_no_other_year_either(result):
    kept = [n for n in result.inputs if result.inputs[n].ndim == 1]
    assert kept
    with pytest.raises(ThesisModelError, match="one value a path") as info:
        result.final(kept[0], result.years[0])
    # an input is held to no year: only today's value is "held to" the exit year
    assert "held to" not in str(info.value)


def test_a_per_year_output_still_takes_any_year(result):
    year = result.years[-2]
    assert np.array_equal(
        result.final("value_today_by_year", year), result.paths("value_today_by_year")[year]
    )


@pytest.mark.filterwarnings("ignore:the evidence leaves")
def test_posterior_compare_in_another_year_keeps_one_value_outputs(result):
    year = result.years[-2]
    post = condition(result, Observation.normal("revenue_growth_cloud[2025]", 0.34, 0.5))
    table = post.compare(["value_today", "value_today_by_year"], year=year)
    assert table.loc["value_today_by_year", "year"] == year
    assert np.isfinite(table.loc["value_today", "prior_mean"])


def test_a_statement_with_a_year_names_the_per_year_output(result):
    # A statement cannot index today's value by a year; the error says what to write instead.
    year = result.exit_year
    with pytest.raises(ThesisModelError, match=f"value_today_by_year\\[{year}\\]") as info:
        result.prob(f"value_today[{year}] > 100")
    assert f"drop '[{year}]'" in str(info.value)
    kept = result.prob(f"value_today_by_year[{year}] > 100")
    assert kept.p == pytest.approx(float(np.mean(result.outputs["value_today"] > 100)))
