"""Arguments of the wrong kind to the Python API raise the project's errors, named plainly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import (
    ExpressionError,
    HorizonError,
    SettingsError,
    UnknownOutputError,
    UnknownScenarioError,
)

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


@pytest.fixture(scope="module")
def result(thesis):
    return model.simulate(thesis, n_paths=2000, seed=1)


@pytest.mark.parametrize("bad", [None, 5, b"thesis.yaml", {"format": 1}])
def test_load_thesis_names_a_path_of_the_wrong_kind(bad) -> None:
    with pytest.raises(SettingsError, match="path of a thesis file") as info:
        model.load_thesis(bad)
    assert type(bad).__name__ in str(info.value)


def test_load_thesis_given_yaml_text_says_so() -> None:
    with pytest.raises(SettingsError, match=r"text of \d+ lines"):
        model.load_thesis(THESIS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("bad", [3, ["base"]])
def test_scenario_that_is_not_a_string(thesis, bad) -> None:
    with pytest.raises(UnknownScenarioError, match="a scenario name must be a string"):
        model.simulate(thesis, scenario=bad, n_paths=1000, seed=1)


def test_keep_that_is_not_a_list(thesis) -> None:
    with pytest.raises(SettingsError, match="keep must be an output name or a list"):
        model.simulate(thesis, n_paths=1000, seed=1, keep=5)


def test_compare_scenarios_that_are_not_a_list(thesis) -> None:
    with pytest.raises(SettingsError, match="scenarios must be a list of names, got int"):
        model.compare(thesis, 5, n_paths=1000, seed=1)


def test_output_name_that_is_not_a_string(result) -> None:
    with pytest.raises(UnknownOutputError, match="an output name must be a string, got int 3"):
        result.paths(3)


def test_statement_that_is_not_text(result) -> None:
    with pytest.raises(ExpressionError, match="an expression is text"):
        result.prob(5)


@pytest.mark.parametrize("bad", ["20x", 2030.5, None.__class__])
def test_year_of_the_wrong_kind_is_not_called_outside_the_horizon(thesis, bad) -> None:
    with pytest.raises(HorizonError) as info:
        model.sensitivity(thesis, method="tornado", year=bad)
    assert "whole number" in str(info.value)
    assert "outside" not in str(info.value)


@pytest.mark.parametrize("call", ["export", "to_excel"])
@pytest.mark.parametrize("bad", [None, 5])
def test_an_output_path_of_the_wrong_kind(result, call, bad) -> None:
    with pytest.raises(SettingsError, match=r"must be a str or pathlib\.Path, got"):
        getattr(result, call)(bad)


def test_summary_of_an_output_that_is_not_a_name(result) -> None:
    with pytest.raises(UnknownOutputError, match="an output name must be a string, got int 5"):
        result.summary(5)


def test_quantile_levels_that_are_not_numbers(result) -> None:
    with pytest.raises(SettingsError, match="quantile levels must be numbers"):
        result.quantiles("sales", "x")


def test_blend_weights_that_are_not_a_mapping(thesis) -> None:
    from model.errors import WeightsError

    with pytest.raises(WeightsError, match="scenario weights are a mapping"):
        model.blend(thesis, n_paths=1000, seed=1, weights="base")


@pytest.mark.parametrize("bad", [None, 5])
def test_condition_on_evidence_of_the_wrong_kind(result, bad) -> None:
    from model.errors import ParameterError

    with pytest.raises(ParameterError, match="evidence must be Observation objects or a mapping"):
        result.condition(bad)


def test_observation_values_of_the_wrong_kind() -> None:
    from model.errors import ParameterError

    with pytest.raises(ParameterError, match=r"sales\[2025\]\.value: expected a number, got str"):
        model.Observation.normal("sales[2025]", "a", 0.02)
    with pytest.raises(ParameterError, match="needs a quantity"):
        model.Observation.normal(None, 1.0, 0.02)


def test_sensitivity_inputs_that_are_not_names(thesis) -> None:
    with pytest.raises(SettingsError, match="inputs must be a name or a list of names, got int"):
        model.sensitivity(thesis, method="tornado", inputs=5)


def test_blend_weights_as_a_pandas_series_are_the_same_as_a_dict(thesis) -> None:
    import pandas as pd

    weights = {"base": 0.5, "bull": 0.25, "bear": 0.25}
    as_dict = model.blend(thesis, n_paths=1000, seed=1, weights=weights)
    as_series = model.blend(thesis, n_paths=1000, seed=1, weights=pd.Series(weights))
    assert np.array_equal(as_dict.array("value_per_share"), as_series.array("value_per_share"))


@pytest.mark.parametrize(
    ("year", "words"),
    [
        (2040.0, "outside the thesis horizon"),
        ("2040", "outside the thesis horizon"),
        (np.float32(2030.5), "a year must be a whole number"),
        (2030.5, "a year must be a whole number"),
    ],
)
def test_a_whole_year_off_the_horizon_is_outside_it_and_a_fraction_is_no_year(
    result, year, words
) -> None:
    with pytest.raises(HorizonError, match=words):
        result.year_index(year)


@pytest.mark.parametrize("year", [2030, 2030.0, np.float64(2030), np.int64(2030), "2030"])
def test_a_whole_year_in_any_form_is_read_as_that_year(result, year) -> None:
    assert result.year_index(year) == result.years.index(2030)


@pytest.mark.parametrize("year", ["2030", 2030.0, np.int64(2030)])
def test_sensitivity_reads_a_whole_year_in_any_form(thesis, year) -> None:
    asked = model.sensitivity(thesis, method="tornado", year=year)
    plain = model.sensitivity(thesis, method="tornado", year=2030)
    assert asked.to_frame().equals(plain.to_frame())
