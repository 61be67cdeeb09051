"""The scenarios' CDF on a caller's subplot keeps its legend off the curves."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt

import model
from model import charts

MINER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


def test_the_legend_sits_beside_the_curves():
    comparison = model.compare(MINER, ["base", "bull", "bear", "stress"], n_paths=1_000, seed=1)
    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    try:
        charts.scenario_comparison(comparison, "value_today", kind="cdf", ax=axes[0, 0])
        fig.tight_layout()
        # Four curves rising across the plot and the price line leave no free corner: the
        # legend placed at the "best" spot inside sat on the price line.
        assert [p.message for p in charts.review_chart(fig) if "legend" in p.message] == []
    finally:
        plt.close(fig)
