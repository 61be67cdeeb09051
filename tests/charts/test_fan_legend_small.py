"""A fan chart at 6 x 4 inches (exported at that size, or on a caller's figure of that size)
keeps its legend off the median: the legend's corner, free on the chart's own figure, is too
small for it there, so the legend goes to a band above the plot. At the chart's own size it
stays in its corner."""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"
OUTPUTS = ["market_ai_cloud", "market_cloud_gross", "revenue_growth_cloud"]


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=5)


def on_a_line(fig) -> list[str]:
    """The lines of the plot with a point inside the legend (straight runs sampled finely)."""
    FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    box = ax.get_legend().get_window_extent(fig.canvas.get_renderer())
    hits = []
    for line in ax.get_lines():
        xy = line.get_transform().transform(line.get_xydata())
        t = np.linspace(0.0, 1.0, 200)[:, None]
        points = np.concatenate([xy, *(a + t * (b - a) for a, b in itertools.pairwise(xy))])
        inside = (points[:, 0] > box.x0 + 1e-9) & (points[:, 0] < box.x1 - 1e-9)
        inside &= (points[:, 1] > box.y0 + 1e-9) & (points[:, 1] < box.y1 - 1e-9)
        if inside.any():
            hits.append(str(line.get_gid() or line.get_label()))
    return hits


@pytest.mark.parametrize("output", OUTPUTS)
def test_exported_small_the_legend_keeps_off_the_lines(result, output):
    fig = charts.fan_chart(result, output)
    try:
        assert on_a_line(fig) == []
        fig.set_size_inches(6.0, 4.0)
        assert on_a_line(fig) == []
        assert [str(p) for p in charts.review_chart(fig)] == []
    finally:
        plt.close(fig)


@pytest.mark.parametrize("output", OUTPUTS)
def test_on_a_small_caller_figure_the_legend_keeps_off_the_lines(result, output):
    fig = plt.figure(figsize=(6.0, 4.0), layout="constrained")
    try:
        charts.fan_chart(result, output, ax=fig.add_subplot())
        assert on_a_line(fig) == []
        assert [str(p) for p in charts.review_chart(fig)] == []
    finally:
        plt.close(fig)


def test_at_its_own_size_the_legend_stays_in_its_corner(result):
    fig = charts.fan_chart(result, OUTPUTS[0])
    try:
        ax = fig.axes[0]
        fig.set_size_inches(6.0, 4.0)
        on_a_line(fig)
        fig.set_size_inches(10.0, 5.6)
        on_a_line(fig)
        anchor = ax.get_legend().get_bbox_to_anchor().transformed(ax.transAxes.inverted())
        assert abs(anchor.y1 - 1.0) < 1e-9 and abs(anchor.y0) < 1e-9  # the plot's own box
    finally:
        plt.close(fig)
