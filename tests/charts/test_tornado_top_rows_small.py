"""A tornado of many inputs exported at 6 x 4 inches shows the top inputs that fit one line each
at a readable size, and says how many of how many are shown and how far the others move the
output, instead of crowding every label into rows too small to read. Back at the size it was
drawn at, the chart shows every input again."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def tornado():
    return model.sensitivity(model.load_thesis(THESIS), method="tornado")


def shown_rows(fig):
    """The y tick labels in view, with their extents, after a draw at the figure's size."""
    FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    lo, hi = sorted(ax.get_ylim())
    labels = [
        t
        for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)
        if lo - 1e-9 <= y <= hi + 1e-9
    ]
    return ax, labels, [t.get_window_extent(renderer) for t in labels]


def test_a_small_export_shows_the_top_inputs_legibly_and_says_so(tornado):
    fig = charts.tornado_chart(tornado)
    try:
        assert len(fig.axes[0].get_yticks()) == 12
        fig.set_size_inches(6.0, 4.0)
        problems = charts.review_chart(fig)
        assert [str(p) for p in problems] == []
        ax, labels, boxes = shown_rows(fig)
        assert 1 <= len(labels) < 12
        assert all(t.get_fontsize() >= 8.0 - 1e-9 for t in labels)
        assert all("\n" not in t.get_text() for t in labels)
        for a, b in itertools.pairwise(boxes):  # apart, top to bottom
            assert a.y0 >= b.y1 - 1e-9
        for box in boxes:
            assert fig.bbox.x0 - 1e-9 <= box.x0 and box.x1 <= fig.bbox.x1 + 1e-9
        note = ax.get_xlabel().split("\n")[-1]
        found = re.fullmatch(r"Top (\d+) of (\d+) inputs; the others swing it \u2264 .+ HKD", note)
        assert found, note
        assert int(found.group(1)) == len(labels)
        assert int(found.group(2)) == len(tornado.to_frame())
        # The values written at the ends of the bars left out are not drawn either.
        lo, _ = sorted(ax.get_ylim())
        for text in ax.texts:
            assert text.get_visible() == (text.xy[1] >= lo)
    finally:
        plt.close(fig)


def test_back_at_its_own_size_every_input_is_shown(tornado):
    fig = charts.tornado_chart(tornado)
    try:
        size = tuple(fig.get_size_inches())
        label = fig.axes[0].get_xlabel()
        fig.set_size_inches(6.0, 4.0)
        shown_rows(fig)
        fig.set_size_inches(*size)
        ax, labels, _ = shown_rows(fig)
        assert len(labels) == 12
        assert ax.get_xlabel() == label
        assert all(text.get_visible() for text in ax.texts)
    finally:
        plt.close(fig)
