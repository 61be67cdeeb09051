"""A tornado chart exported at 6 x 4 inches (``set_size_inches`` before saving) keeps its text
apart and on the figure: its input labels are cut to the lines their rows have room for (with
an ellipsis), and its legend above the plot is wrapped to end on the figure. Back at the size
it was drawn at, the chart has its own words again."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts
from model.charts.style import render_png

ROOT = Path(__file__).resolve().parents[2]
THESES = {
    "event": ROOT / "assumptions" / "templates" / "binary-event.yaml",
    "bank": ROOT / "assumptions" / "examples" / "regional-bank.yaml",
}


@pytest.fixture(scope="module", params=list(THESES))
def tornado(request):
    return model.sensitivity(model.load_thesis(THESES[request.param]), method="tornado")


@pytest.mark.parametrize("size", [(6.0, 4.0), (7.0, 4.5)])
def test_a_small_export_keeps_its_text_apart_and_on_the_figure(tornado, size):
    fig = charts.tornado_chart(tornado)
    try:
        fig.set_size_inches(*size)
        problems = charts.review_chart(fig)
        assert [str(p) for p in problems if p.kind.value in ("outside", "overlap")] == []
        legend = fig.axes[0].get_legend()
        fig.canvas.draw()
        assert legend.get_window_extent().x1 <= fig.bbox.x1
    finally:
        plt.close(fig)


def words(fig) -> list[str]:
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    return [*ticks, *legend, ax.get_xlabel()]


def test_back_at_its_own_size_the_chart_has_its_own_words(tornado):
    fig = charts.tornado_chart(tornado)
    drawn = charts.tornado_chart(tornado)
    render_png(drawn)
    size = tuple(fig.get_size_inches())
    fig.set_size_inches(6.0, 4.0)
    render_png(fig)
    assert words(fig) != words(drawn)  # cut and wrapped for the small size
    fig.set_size_inches(*size)
    render_png(fig)
    assert words(fig) == words(drawn)
