"""The rank-correlation chart exported at 6 x 4 inches keeps its legend on the figure: its three
entries abreast, wrapped as far as their words allow, still reached past the right edge, so
the legend is laid out again in fewer columns. Back at the size it was drawn at, the chart has
its own three-column legend again."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def ranks():
    result = model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=4)
    return result, model.sensitivity(result, method="rank")


def legend_box(fig):
    FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    legend = fig.axes[0].get_legend()
    return legend, legend.get_window_extent(fig.canvas.get_renderer())


@pytest.mark.parametrize("size", [(6.0, 4.0), (7.0, 4.5)])
def test_the_legend_of_a_small_export_stays_on_the_figure(ranks, size):
    result, found = ranks
    fig = charts.rank_correlation_bars(found, result=result)
    try:
        fig.set_size_inches(*size)
        legend, box = legend_box(fig)
        assert box.x0 >= -1e-9 and box.x1 <= fig.bbox.x1 + 1e-9
        assert box.y0 >= -1e-9 and box.y1 <= fig.bbox.y1 + 1e-9
        # Every entry still there, in its words.
        words = [" ".join(t.get_text().split()) for t in legend.get_texts()]
        assert words[0] == "Rises with the output"
        assert len(words) == 3
        problems = charts.review_chart(fig)
        assert [str(p) for p in problems if p.kind.value in ("outside", "overlap")] == []
    finally:
        plt.close(fig)


def test_back_at_its_own_size_the_legend_is_the_charts_own(ranks):
    result, found = ranks
    fig = charts.rank_correlation_bars(found, result=result)
    try:
        drawn, box = legend_box(fig)
        texts = [t.get_text() for t in drawn.get_texts()]
        size = tuple(fig.get_size_inches())
        fig.set_size_inches(6.0, 4.0)
        legend_box(fig)
        fig.set_size_inches(*size)
        legend, again = legend_box(fig)
        assert legend is drawn
        assert [t.get_text() for t in legend.get_texts()] == texts
        assert abs(again.width - box.width) < 1e-6 and abs(again.height - box.height) < 1e-6
    finally:
        plt.close(fig)
