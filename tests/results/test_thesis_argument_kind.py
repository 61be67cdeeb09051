"""A run handed something other than a thesis says what it got by name, in one line, and for a
result (the likeliest slip in a notebook) says to pass the thesis it was run from."""

from __future__ import annotations

import pytest

import model
from model.errors import SettingsError, WrongKindError


@pytest.fixture(scope="module")
def result():
    return model.simulate("assumptions/alibaba.yaml", n_paths=200, seed=1)


@pytest.mark.parametrize("run", [model.simulate, model.compare, model.blend])
def test_a_result_where_the_thesis_belongs_names_the_way_back(result, run):
    with pytest.raises(WrongKindError) as caught:
        run(result, n_paths=200, seed=1)
    text = str(caught.value)
    assert "got SimulationResult" in text and "model.load_thesis" in text
    assert "<class" not in text and "\n" not in text
    assert isinstance(caught.value, SettingsError) and isinstance(caught.value, TypeError)


def test_anything_else_is_named_by_its_type():
    with pytest.raises(WrongKindError, match=r"got int$"):
        model.simulate(42, n_paths=200, seed=1)
