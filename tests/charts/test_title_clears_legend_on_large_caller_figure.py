"""On a large figure of the caller's, a title lifted over a legend above the plot clears it.

The title was lifted by the legend's height alone; the legend sits a hundredth of the plot's
height above the plot, which on a 12 x 8 inch figure put the title's last line on the legend.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "templates" / "binary-event.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


@pytest.mark.parametrize("size", [(12.0, 8.0), (14.0, 9.0)])
def test_the_tornado_title_stays_off_its_legend(thesis, size):
    tornado = model.sensitivity(thesis, method="tornado")
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    try:
        charts.tornado_chart(tornado, ax)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        title = next(t for t in (ax.title, ax._left_title) if t.get_text())
        legend = ax.get_legend().get_window_extent(renderer)
        assert title.get_window_extent(renderer).y0 >= legend.y1
        assert [str(p) for p in charts.review_chart(fig) if "legend" in str(p)] == []
    finally:
        plt.close(fig)


def test_the_convergence_title_stays_off_its_legend(thesis):
    result = model.simulate(thesis, n_paths=400, seed=2)
    fig, ax = plt.subplots(figsize=(12.0, 8.0), layout="constrained")
    try:
        charts.convergence(result, "value_per_share", ax)
        assert [str(p) for p in charts.review_chart(fig) if "legend" in str(p)] == []
    finally:
        plt.close(fig)
