"""Charts drawn on the caller's own axes (a notebook's grid of subplots) pass the chart review."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
MINER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.fixture(scope="module")
def base():
    return model.simulate(model.load_thesis(MINER), n_paths=2_000, seed=5)


@pytest.fixture(scope="module")
def comparison():
    thesis = model.load_thesis(MINER)
    return model.compare(thesis, ["base", "bull", "bear"], n_paths=2_000, seed=5)


@pytest.mark.parametrize("shape", [(1, 1), (2, 2)])
def test_the_box_chart_title_clears_the_price_label_on_a_subplot(comparison, shape):
    fig, axes = plt.subplots(*shape, figsize=(14, 9))
    ax = axes if shape == (1, 1) else axes[0, 1]
    charts.scenario_comparison(comparison, "value_per_share", ax=ax)
    fig.tight_layout()
    try:
        # The title wraps to two lines on a narrow subplot; the price's label sits above the
        # plot: neither may be drawn on the other.
        assert charts.review_chart(fig) == []
        assert "Price" in " ".join(t.get_text() for t in ax.texts)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("kind", ["hist", "cdf"])
@pytest.mark.parametrize("shape", [(1, 1), (2, 2)])
def test_the_value_histogram_legend_leaves_the_marks_visible_on_a_subplot(base, kind, shape):
    fig, axes = plt.subplots(*shape, figsize=(14, 9))
    ax = axes if shape == (1, 1) else axes[0, 0]
    charts.value_distribution(base, ax=ax, kind=kind)
    if shape == (2, 2):
        charts.fan_chart(base, ax=axes[0, 1])
    fig.tight_layout()
    try:
        # The 5th, 50th and 95th percentile lines run the full height of the plot: a legend
        # inside it covered one of them.
        assert charts.review_chart(fig) == []
    finally:
        plt.close(fig)
