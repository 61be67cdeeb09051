"""The convergence chart on a caller's subplot keeps its legend off the running estimates."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import model
from model import charts

MINER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


def test_the_legend_sits_off_the_lines():
    result = model.simulate(MINER, n_paths=3_000, seed=1)
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    ax = axes[1]
    try:
        implied = model.implied(MINER, solve_for="copper_long_run", n_paths=500, seed=1)
        charts.implied_value(implied, ax=axes[0])
        charts.convergence(result, "value_today", ax=ax)
        fig.tight_layout()
        fig.canvas.draw()
        # Five lines and their bands fill the plot: the "best" spot inside sat on the 95th
        # percentile's line.
        assert [p for p in charts.review_chart(fig) if "95th" in p.message] == []
        box = ax.get_legend().get_window_extent()
        for line in ax.lines:
            if str(line.get_gid() or "").startswith("running_"):
                points = ax.transData.transform(np.column_stack(line.get_data()))
                assert not any(box.contains(x, y) for x, y in points), line.get_gid()
    finally:
        plt.close(fig)
