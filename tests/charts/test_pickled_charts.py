"""A chart is a plain matplotlib figure: it can be pickled (to cache it, or to hand it to another
process) and the copy renders the same image."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import model
from model.charts.style import render_png

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


@pytest.fixture(scope="module")
def comparison():
    return model.compare(EXAMPLES / "saas-subscription.yaml", n_paths=400, seed=5)


@pytest.mark.parametrize(
    "draw",
    [
        lambda c: model.charts.value_distribution(c["base"]),  # a money axis
        lambda c: model.charts.fan_chart(c["base"], "revenue"),  # years on the axis
        lambda c: model.charts.convergence(c["base"]),  # path counts on the axis
        lambda c: model.charts.fan_chart(c["base"], "margin"),  # a percentage axis
    ],
)
def test_a_chart_pickles_and_its_copy_renders_the_same_image(comparison, draw):
    fig = draw(comparison)
    copy = pickle.loads(pickle.dumps(fig))
    assert render_png(copy, dpi=40) == render_png(fig, dpi=40)


def test_every_standard_chart_of_a_run_and_a_comparison_pickles(comparison):
    for source in (comparison, comparison["base"]):
        figures = model.charts.standard_charts(source)
        assert figures
        for name, fig in figures.items():
            assert pickle.loads(pickle.dumps(fig)).axes, name
