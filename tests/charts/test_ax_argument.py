"""A chart given something other than matplotlib Axes as ``ax`` says so (bad input), every chart
alike: ``fan_chart(result, "sales", ax=5)`` used to fail with "'int' object has no attribute
'figure'"."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

import model
from model import charts
from model.charts.style import new_axes
from model.errors import SettingsError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(TEMPLATE), n_paths=1000, seed=1)


@pytest.mark.parametrize("ax", [5, "left", Figure(), [None]])
def test_new_axes_refuses_what_is_not_axes(ax):
    with pytest.raises(SettingsError, match="ax must be matplotlib Axes") as info:
        new_axes(ax)
    assert isinstance(info.value, TypeError)


@pytest.mark.parametrize(
    "draw",
    [
        lambda r, ax: charts.fan_chart(r, "sales", ax=ax),
        lambda r, ax: charts.value_distribution(r, ax=ax),
        lambda r, ax: charts.scorecard_chart(r, ax=ax),
        lambda r, ax: charts.convergence(r, "value_per_share", ax=ax),
    ],
)
def test_charts_refuse_an_ax_of_the_wrong_kind(result, draw):
    with pytest.raises(SettingsError, match="ax must be matplotlib Axes"):
        draw(result, 5)
    fig = Figure()
    assert draw(result, fig.add_subplot()) is fig  # real axes still work
