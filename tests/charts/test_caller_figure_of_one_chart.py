"""A chart alone on the caller's own wide figure keeps its legend beside the plot and its
legend entries whole: only a subplot with too little room for both moves the legend above."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from matplotlib.figure import Figure

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"
ALIBABA = ROOT / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def runs():
    thesis = model.load_thesis(SAAS)
    return model.simulate(thesis, n_paths=300, seed=1), model.compare(thesis, n_paths=300, seed=1)


@pytest.mark.parametrize("chart", ["value", "share"])
def test_a_wide_figure_of_one_chart_lays_out_with_its_legend_beside(runs, chart):
    result, comparison = runs
    fig = Figure(figsize=(10, 4), layout="constrained")
    ax = fig.add_subplot()
    if chart == "value":
        charts.value_distribution(comparison, ax=ax)
    else:
        charts.share_paths(result, charts.lines.share_segments(result)[0], ax=ax)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "axes sizes collapsed to zero" when the plot had none
        fig.draw_without_rendering()
    legend = ax.get_legend()
    anchor = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
    # Still beside the plot: at its right edge (1.0 in axes fractions, up to rounding) or past it.
    assert anchor.x0 >= 1.0 - 1e-9, anchor
    texts = [t.get_text() for t in legend.get_texts()]
    assert not any("\n" in t for t in texts[:3]), texts  # the entries were not narrowed
    assert ax.get_window_extent().height > 0.5 * fig.bbox.height


def test_two_panels_of_share_paths_keep_their_legends_beside():
    # The scenarios notebook's two panels: a legend anchored at the plot's right edge (1.0 in
    # axes fractions, computed as 0.9999...) is beside the plot, and left as the chart drew it.
    thesis = model.load_thesis(ALIBABA)
    comparison = model.compare(thesis, ["base", "crackdown_redux"], n_paths=400, seed=2025)
    with charts.house_style():
        fig = Figure(figsize=(15, 6), layout="constrained")
        left, right = fig.subplots(1, 2, sharey=True)
    charts.share_paths(comparison["base"], "cloud", ax=left)
    charts.share_paths(comparison["crackdown_redux"], "cloud", ax=right)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.draw_without_rendering()
    for ax in (left, right):
        assert not any("\n" in t.get_text() for t in ax.get_legend().get_texts())
    assert not [p for p in charts.review_chart(fig) if p.kind.value == "outside"]
