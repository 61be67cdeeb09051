"""A count of one reads in the singular: "1 path", "1 observable", "1 scenario", not "1 paths"."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.learning.watchlist import watch

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


def test_a_run_of_one_path_says_one_path(thesis):
    result = model.simulate(thesis, n_paths=1, seed=1)
    text = repr(result)
    assert "1 path," in text and "1 paths" not in text
    assert "1 paths" not in result._repr_html_()


def test_a_comparison_of_one_scenario_and_one_path(thesis):
    comparison = model.compare(thesis, ["base"], n_paths=1, seed=1)
    text = repr(comparison)
    assert "1 scenario:" in text and "1 path each" in text, text
    assert "1 scenarios" not in text and "1 paths" not in text


def test_a_watch_list_of_one_observable(thesis):
    result = model.simulate(thesis, n_paths=200, seed=1)
    wl = watch(result, [result.input_names[0]])
    text = repr(wl)
    assert "1 observable;" in text and "1 observables" not in text, text


def test_many_stay_plural(thesis):
    result = model.simulate(thesis, n_paths=2, seed=1)
    assert "2 paths," in repr(result)
