"""The convergence chart's axis of path counts reads as plain numbers whatever the run's size."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "assumptions" / "examples" / "regional-bank.yaml"


@pytest.mark.parametrize("n_paths", [500, 5_000, 40_000])
def test_path_counts_are_written_as_numbers(n_paths):
    result = model.simulate(model.load_thesis(BANK), n_paths=n_paths, seed=1)
    fig = charts.convergence(result, "value_per_share")
    try:
        fig.canvas.draw()
        ax = fig.axes[0]
        shown = [
            t.get_text()
            for t in [*ax.xaxis.get_majorticklabels(), *ax.xaxis.get_minorticklabels()]
            if t.get_text() and t.get_visible()
        ]
        # Under a decade of paths the in-between ticks were labelled 2x10^2, 3x10^2 ...
        assert shown, "the axis has labels"
        assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", s) for s in shown), shown
    finally:
        plt.close(fig)
