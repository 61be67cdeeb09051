"""A long horizon's year axis stays legible on a caller's subplot."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def fifteen_years(tmp_path_factory):
    text = SAAS.read_text(encoding="utf-8").replace("last: 2031}", "last: 2040}")
    path = tmp_path_factory.mktemp("long") / "saas-long.yaml"
    path.write_text(text, encoding="utf-8")
    return model.simulate(model.load_thesis(path), n_paths=500, seed=3)


@pytest.mark.parametrize("chart", ["fan", "shares"])
def test_fifteen_year_ticks_do_not_run_into_each_other_on_a_subplot(fifteen_years, chart):
    assert len(fifteen_years.years) == 15
    fig, axes = plt.subplots(2, 2, figsize=(12, 8))
    try:
        if chart == "fan":
            charts.fan_chart(fifteen_years, ax=axes[0, 0])
        else:
            charts.share_paths(fifteen_years, "platform", ax=axes[0, 0])
        fig.tight_layout()
        # Fifteen labels of four digits do not fit a half-width axis: every year labelled
        # wrote each one over its neighbour.
        overlaps = [p for p in charts.review_chart(fig) if "x tick" in p.message]
        assert overlaps == []
        fig.canvas.draw()
        labels = [t.get_text() for t in axes[0, 0].get_xticklabels() if t.get_text()]
        assert labels[0] == "2026"  # the first model year is always labelled
        assert all(int(y) in fifteen_years.years for y in labels)
    finally:
        plt.close(fig)
