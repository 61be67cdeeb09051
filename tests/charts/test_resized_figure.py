"""A chart resized by its caller (``fig.set_size_inches``, the usual way to export at another
size) fits its headline and footnote to the new width instead of cutting them at the edge."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=400, seed=2)


@pytest.mark.parametrize("chart", ["fan", "histogram", "scorecard"])
@pytest.mark.parametrize("size", [(6.0, 4.0), (7.0, 5.0)])
def test_text_of_a_narrower_figure_stays_on_it(result, chart, size):
    draw = {
        "fan": lambda: charts.fan_chart(result, "ebit"),
        "histogram": lambda: charts.value_distribution(result),
        "scorecard": lambda: charts.scorecard_chart(result),
    }[chart]
    fig = draw()
    try:
        fig.set_size_inches(*size)
        problems = charts.review_chart(fig)
        # The headline and the footnote are the figure's own text.
        off = [
            p.message for p in problems if p.kind.value == "outside" and "figure text" in p.message
        ]
        assert off == []
    finally:
        plt.close(fig)


def test_a_figure_kept_at_its_size_draws_the_same_bytes(result):
    first = charts.fan_chart(result, "ebit")
    second = charts.fan_chart(result, "ebit")
    second.set_size_inches(*second.get_size_inches())  # the same size again: nothing to refit
    from model.charts.style import render_png

    assert render_png(first) == render_png(second)
