"""Box and violin charts of many scenarios stop growing at a page's height: a grid of 90
scenarios drew a figure 58 inches tall (0.62 inch a row). The rows now share a figure of at
most ten inches, their labels and notes one line each at 7 points or more, every second row
labelled when a label each would be smaller, as the footnote says."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from model import charts

GRID = 90


@pytest.fixture(scope="module")
def comparison(exit_multiple_grid):
    return exit_multiple_grid(GRID, 60)


@pytest.mark.parametrize("kind", ["box", "violin"])
@pytest.mark.parametrize("output", [None, "value_today"])
def test_many_scenarios_share_a_page_with_legible_rows(comparison, kind, output):
    fig = charts.scenario_comparison(comparison, output, kind=kind)
    try:
        assert fig.get_figheight() <= 10.0 + 1e-9
        assert [str(p) for p in charts.review_chart(fig)] == []
        FigureCanvasAgg(fig)
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        labels = [t for t in ax.get_yticklabels() if t.get_text()]
        notes = [t for t in ax.texts if t.get_visible() and t.get_gid().startswith("note_")]
        assert GRID // 3 <= len(labels) < GRID + 1
        assert len(notes) == len(labels)
        for text in [*labels, *notes]:
            assert text.get_fontsize() >= 7.0 - 1e-9
            assert "\n" not in text.get_text()
        for group in (labels, notes):
            boxes = sorted((t.get_window_extent(renderer) for t in group), key=lambda b: -b.y0)
            for upper, lower in itertools.pairwise(boxes):
                assert upper.y0 >= lower.y1 - 1e-9
        assert "every 2 rows one is labelled" in fig.texts[-1].get_text()
    finally:
        plt.close(fig)


def test_a_few_scenarios_keep_their_size(comparison):
    names = list(comparison.results)[:9]
    fig = charts.scenario_comparison(comparison, scenarios=names)
    try:
        assert fig.get_figheight() == pytest.approx(1.6 + 0.62 * 9, abs=1e-9)
    finally:
        plt.close(fig)
