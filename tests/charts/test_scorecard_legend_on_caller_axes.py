"""The scorecard chart of several scenarios on a caller's subplot keeps its legend off the bars."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
EVENT = ROOT / "assumptions" / "templates" / "binary-event.yaml"


@pytest.fixture(scope="module")
def comparison():
    return model.compare(EVENT, ["base", "bull", "bear"], n_paths=500, seed=3)


@pytest.mark.parametrize("kind", ["bars", "dots"])
def test_the_legend_sits_off_the_claims(comparison, kind):
    fig, axes = plt.subplots(3, 2, figsize=(14, 13))
    ax = axes[2, 1]
    try:
        charts.scorecard_chart(comparison, ax=ax, kind=kind)
        fig.tight_layout()
        fig.canvas.draw()
        assert charts.review_chart(fig) == []
        legend = ax.get_legend()
        assert legend is not None and len(legend.get_texts()) == 3
        box = legend.get_window_extent()
        # Bars span the plot from 0% to 100%: a legend at the "best" spot inside the plot
        # sat on the bars of the first claim.
        for patch in ax.patches:
            if str(patch.get_gid() or "").startswith("claims_"):
                assert not box.overlaps(patch.get_window_extent()), patch.get_gid()
        for line in ax.lines:
            if str(line.get_gid() or "").startswith("claims_"):
                points = ax.transData.transform(np.column_stack(line.get_data()))
                assert not any(box.contains(x, y) for x, y in points), line.get_gid()
        for text in ax.texts:
            assert not box.overlaps(text.get_window_extent()), text.get_text()
    finally:
        plt.close(fig)
