"""On the caller's own axes, a chart whose legend sits in a band above the plot (tornado, rank
correlation, Sobol', implied value) lifts its axes title over that legend instead of drawing
the two on each other."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(SAAS)


@pytest.mark.parametrize(
    ("method", "draw", "options"),
    [
        ("tornado", charts.tornado_chart, {}),
        ("rank", charts.rank_correlation_bars, {"n_paths": 2_000, "seed": 1}),
        ("sobol", charts.sobol_bars, {"seed": 1}),  # sized by n_base (default)
    ],
)
def test_the_title_clears_the_legend_above_the_plot(thesis, method, draw, options):
    found = model.sensitivity(thesis, method=method, **options)
    fig, axes = plt.subplots(1, 2, figsize=(14, 5), layout="constrained")
    try:
        draw(found, ax=axes[0])
        overlaps = [p.message for p in charts.review_chart(fig) if "overlaps legend" in p.message]
        assert overlaps == []
    finally:
        plt.close(fig)


def test_the_rank_legend_stays_within_its_subplot(thesis):
    # Three entries abreast run past a subplot's right edge onto its neighbour's tick labels.
    found = model.sensitivity(thesis, method="rank", n_paths=2_000, seed=1)
    fig, axes = plt.subplots(1, 2, figsize=(14, 5), layout="constrained")
    try:
        charts.rank_correlation_bars(found, ax=axes[0])
        assert charts.review_chart(fig) == []
    finally:
        plt.close(fig)
