"""Tornado and rank-correlation charts on a caller's narrow subplot keep their values clear of
the input labels."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
THESES = [
    ROOT / "assumptions" / "templates" / "binary-event.yaml",
    ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml",
]


@pytest.mark.parametrize("path", THESES, ids=lambda p: p.stem)
def test_values_do_not_run_over_the_input_labels(path):
    thesis = model.load_thesis(path)
    tornado = model.sensitivity(thesis, method="tornado")
    ranks = model.sensitivity(thesis, method="rank", n_paths=1_000, seed=3)
    names = list(dict.fromkeys(["base", *thesis.scenarios]))[:3]
    comparison = model.compare(thesis, names, n_paths=1_000, seed=3)
    fig, axes = plt.subplots(3, 2, figsize=(14, 13))
    try:
        # A notebook's dashboard: the neighbours' labels narrow the sensitivity subplots.
        charts.fan_chart(comparison["base"], ax=axes[0, 0])
        charts.value_distribution(comparison, ax=axes[0, 1])
        charts.tornado_chart(tornado, ax=axes[1, 0])
        charts.scenario_comparison(comparison, "value_per_share", ax=axes[1, 1])
        charts.rank_correlation_bars(ranks, ax=axes[2, 0])
        charts.scorecard_chart(comparison, ax=axes[2, 1])
        fig.tight_layout()
        # The room left for the values was a fixed share of the data range: on a subplot a
        # third of the chart's own width, "+0.85 (81%)" ran over "Peak sales".
        found = [p.message for p in charts.review_chart(fig)]
        assert [m for m in found if m.startswith("y tick") and "note" in m] == []
    finally:
        plt.close(fig)


def test_a_subplot_too_narrow_for_the_values_keeps_the_bars_readable():
    # Long input labels leave the tornado a narrow plot: widening it for every value squeezed
    # the bars into a sliver of an axis running to ±160,000.
    thesis = model.load_thesis(THESES[0])
    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    try:
        charts.tornado_chart(model.sensitivity(thesis, method="tornado"), ax=axes[0, 1])
        fig.tight_layout()
        ax = axes[0, 1]
        ends = [x for p in ax.patches if p.get_gid() in ("low", "high")
                for x in (p.get_x(), p.get_x() + p.get_width())]  # fmt: skip
        lo, hi = ax.get_xlim()
        assert (max(ends) - min(ends)) / (hi - lo) >= 0.5
    finally:
        plt.close(fig)
