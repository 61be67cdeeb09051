"""The charts on real runs of the Alibaba thesis: the contract between results and charts holds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.report import plot_style as st
from model.report import plots

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"

pytestmark = pytest.mark.skipif(not THESIS.is_file(), reason="the Alibaba thesis is not present")


@pytest.fixture(scope="module")
def comparison():
    from model.scenarios import compare

    return compare(THESIS, ["base", "bull", "bear"], n_paths=300, seed=11)


def test_standard_charts_of_a_real_run(comparison):
    result = comparison["base"]
    charts = plots.standard_charts(result)
    assert {"fan_revenue_cloud_total", "fan_market_ai_cloud", "fan_market_cloud",
            "value_histogram", "value_cdf", "share_paths_ai_cloud", "share_paths_cloud",
            "scorecard", "convergence"} <= set(charts)
    for fig in charts.values():
        assert "Thesis: assumptions/alibaba.yaml" in fig.texts[-1].get_text()
        assert "seed 11" in fig.texts[-1].get_text()
    # Segment labels come from the thesis' model section.
    assert "AI cloud" in charts["fan_market_ai_cloud"].axes[0].get_ylabel()


def test_sourced_marks_land_on_their_charts(comparison):
    result = comparison["base"]
    for mark in result.marks:
        if mark.output.startswith(("market_", "revenue_")):
            ax = plots.fan_chart(result, mark.output).axes[0]
            drawn = [(line.get_xdata()[0], line.get_ydata()[0]) for line in ax.lines
                     if (line.get_gid() or "").startswith("mark_")]
            assert (mark.year, mark.value) in drawn


def test_price_and_medians_of_a_real_comparison(comparison):
    ax = plots.value_distribution(comparison).axes[0]
    price = next(line for line in ax.lines if line.get_gid() == "price")
    assert price.get_xdata()[0] == pytest.approx(comparison.price)
    bull = next(line for line in ax.lines if line.get_gid() == "mark_Bull median")
    assert bull.get_xdata()[0] == pytest.approx(np.median(comparison["bull"].final(
        "value_per_share")))
    card = plots.scorecard_chart(comparison)
    assert st.title_of(card).startswith("Scorecard")


def test_real_charts_save_identically(comparison, tmp_path):
    first = plots.save_png(plots.scenario_comparison(comparison), tmp_path / "a.png")
    again = plots.save_png(plots.scenario_comparison(comparison), tmp_path / "b.png")
    assert first.read_bytes() == again.read_bytes()
