"""``implied`` checks the kind and range of its arguments before reading the thesis: the name to
solve for, the bounds and quantiles (pairs), the paths and the grid (whole numbers, capped)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import model
from model.valuation.finance.implied import ImpliedError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


@pytest.mark.parametrize("name", [3, None, ["growth_early"]])
def test_the_name_must_be_text(thesis, name):
    with pytest.raises(ImpliedError, match="solve_for must be an assumption's name"):
        model.implied(thesis, name)


@pytest.mark.parametrize("bounds", ["0,1", (0.1, 0.2, 0.3), (0.1,), 5, ("a", "b")])
def test_bounds_must_be_a_pair_of_numbers(thesis, bounds):
    with pytest.raises(ImpliedError, match="bounds: expected two numbers"):
        model.implied(thesis, "growth_early", bounds=bounds)


@pytest.mark.parametrize("quantiles", [(0, 1), (0.0, 0.5), (0.5, 1.0), (0.9, 0.1), (math.nan, 1)])
def test_quantiles_lie_strictly_inside_0_1_low_first(thesis, quantiles):
    with pytest.raises(ImpliedError, match="quantiles"):
        model.implied(thesis, "growth_early", quantiles=quantiles)


@pytest.mark.parametrize("n_paths", [-1, 1.5, "100", True])
def test_paths_are_a_whole_number_0_or_more(thesis, n_paths):
    with pytest.raises(ImpliedError, match="n_paths must be a whole number, 0 or more"):
        model.implied(thesis, "growth_early", n_paths=n_paths)


@pytest.mark.parametrize("grid", [2, 10**9, 5.0, "41"])
def test_the_grid_is_capped(thesis, grid):
    with pytest.raises(ImpliedError, match="grid must be a whole number from 3 to 10,001"):
        model.implied(thesis, "growth_early", grid=grid)


def test_good_arguments_still_solve(thesis):
    found = model.implied(thesis, "growth_early", bounds=[-0.5, 2.0], quantiles=(0.01, 0.99))
    assert math.isfinite(found.value)
