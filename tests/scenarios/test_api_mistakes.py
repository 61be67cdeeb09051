"""Slips of a notebook user at the Python API get the library's errors, saying what to write:
a misspelt role of a custom model (was enum's "is not a valid Role"), a statement on an
assumption a run did not keep (was "unknown output"), a scenario given to ``central`` where
its model function goes (was "fn must be callable"), and a year given to a result's
``summary`` as to a comparison's (was a TypeError)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import model
from model.errors import HorizonError, ParameterError, SettingsError
from model.results.summary import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(SAAS)


def _flat(inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """A custom model: one value a path, the same on every path."""
    n = len(np.atleast_1d(next(iter(inputs.values()))))
    return {"value_per_share": np.full(n, 10.0)}


# ---------------------------------------------------------------------- (b) roles


def test_misspelt_role_names_the_close_role(thesis):
    with pytest.raises(ParameterError, match="did you mean 'value_per_share'") as info:
        model.simulate(thesis, model=_flat, roles={"value_per_share": "value_per_shar"})
    text = str(info.value)
    assert "roles: value_per_share: unknown role 'value_per_shar'" in text
    assert "revenue, segment_revenue" in text  # the valid roles are listed


def test_role_far_from_any_lists_the_roles_without_a_guess(thesis):
    with pytest.raises(ParameterError, match="unknown role 'zzz' \\(expected one of: ") as info:
        model.compare(thesis, ["base"], model=_flat, roles={"value_per_share": "zzz"})
    assert "did you mean" not in str(info.value)


def test_role_read_from_the_function_is_checked_too(thesis):
    def fn(inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
        return _flat(inputs)

    fn.roles = {"value_per_share": "value_per_shares"}  # type: ignore[attr-defined]
    with pytest.raises(ParameterError, match="did you mean 'value_per_share'"):
        model.simulate(thesis, model=fn)


# ---------------------------------------------------------------------- (d) unkept assumption


def test_statement_on_an_unkept_assumption_says_to_keep_inputs(thesis):
    assert "ev_sales_exit" in thesis.assumptions
    r = model.simulate(thesis, n_paths=500, seed=2, keep_inputs=False)
    with pytest.raises(SettingsError, match="keep_inputs=True") as info:
        r.prob("ev_sales_exit > 6")
    assert "'ev_sales_exit' is an assumption of the thesis" in str(info.value)
    assert "kept no inputs" in str(info.value)
    # kept, the same statement reads the paths: the share of draws above 6
    kept = model.simulate(thesis, n_paths=500, seed=2)
    assert kept.prob("ev_sales_exit > 6").p == pytest.approx(
        float(np.mean(kept.inputs["ev_sales_exit"] > 6))
    )


@pytest.mark.parametrize("read", ["array", "final"])
def test_reading_an_unkept_assumption_says_to_keep_inputs(thesis, read):
    r = model.simulate(thesis, n_paths=500, seed=2, keep_inputs=False)
    with pytest.raises(SettingsError, match="keep_inputs=True") as info:
        getattr(r, read)("ev_sales_exit")
    assert "'ev_sales_exit' is an assumption of the thesis" in str(info.value)
    with pytest.raises(model.errors.UnknownOutputError):
        r.array("ev_sales_exitt")


def test_a_name_that_is_nothing_is_still_unknown(thesis):
    r = model.simulate(thesis, n_paths=500, seed=2, keep_inputs=False)
    with pytest.raises(model.errors.UnknownOutputError, match="unknown output 'ev_sales_exitt'"):
        r.prob("ev_sales_exitt > 6")


# ---------------------------------------------------------------------- (e) central


def test_central_with_a_scenario_in_place_of_fn_points_to_the_keyword(thesis):
    with pytest.raises(SettingsError, match="central\\(thesis, scenario='bull'\\)"):
        model.central(thesis, "bull")  # type: ignore[arg-type]
    bull = model.central(thesis, scenario="bull")
    assert bull["value_per_share"].shape == model.central(thesis)["value_per_share"].shape


# ---------------------------------------------------------------------- (f) summary's year


@pytest.fixture(scope="module")
def comparison(thesis):
    return model.compare(thesis, ["base", "bull"], n_paths=400, seed=3)


def test_result_summary_of_a_year_agrees_with_the_comparison(comparison):
    base = comparison["base"]
    year = base.years[2]
    one = base.summary("revenue", year)
    assert list(one.index) == [("revenue", year)]
    row = comparison.summary("revenue", year).loc["base"]
    for column in COLUMNS:
        assert one.loc[("revenue", year), column] == pytest.approx(row[column])
    # and both are the year's own statistics of the paths
    paths = base.outputs["revenue"][:, base.years.index(year)]
    assert one.loc[("revenue", year), "mean"] == pytest.approx(float(np.mean(paths)))
    assert one.loc[("revenue", year), "p50"] == pytest.approx(float(np.median(paths)))


def test_result_summary_of_a_year_keeps_every_output_with_that_year(comparison):
    base = comparison["base"]
    year = base.years[1]
    table = base.summary(year=year)
    assert set(table.index.get_level_values("year")) == {year}
    per_year = {n for n, a in base.outputs.items() if np.ndim(a) == 2}
    assert set(table.index.get_level_values("output")) == per_year


def test_result_summary_year_mistakes_as_the_comparisons(comparison):
    base = comparison["base"]
    with pytest.raises(HorizonError):
        base.summary("revenue", 1999)
    year = base.years[1]
    with pytest.raises(SettingsError, match="one value a path") as one:
        base.summary("value_today", year)
    with pytest.raises(SettingsError, match="one value a path") as both:
        comparison.summary("value_today", year)
    assert str(one.value) == str(both.value)
    exit_row = base.summary("value_today", base.exit_year)
    assert list(exit_row.index) == [("value_today", base.exit_year)]
