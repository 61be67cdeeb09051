"""The charts on real runs of the Alibaba thesis: the contract between results and charts holds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model import charts as plots
from model.charts import style as st

ROOT = Path(__file__).resolve().parents[2]
# Part of the repository: if it is missing these tests must fail, not skip.
THESIS = ROOT / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def comparison():
    import model

    assert THESIS.is_file(), f"{THESIS} is missing"
    return model.compare(THESIS, ["base", "bull", "bear"], n_paths=300, seed=11)


def test_standard_charts_of_a_real_run(comparison):
    result = comparison["base"]
    charts = plots.standard_charts(result)
    assert {
        "fan_revenue_cloud_total",
        "fan_market_ai_cloud",
        "fan_market_cloud",
        "value_histogram",
        "value_cdf",
        "share_paths_ai_cloud",
        "share_paths_cloud",
        "scorecard",
        "convergence",
    } <= set(charts)
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
            drawn = [
                (line.get_xdata()[0], line.get_ydata()[0])
                for line in ax.lines
                if (line.get_gid() or "").startswith("mark_")
            ]
            assert (mark.year, mark.value) in drawn


def test_price_and_medians_of_a_real_comparison(comparison):
    ax = plots.value_distribution(comparison).axes[0]
    price = next(line for line in ax.lines if line.get_gid() == "price")
    assert price.get_xdata()[0] == pytest.approx(comparison.price)
    bull = next(line for line in ax.lines if line.get_gid() == "mark_Bull median")
    assert bull.get_xdata()[0] == pytest.approx(
        np.median(comparison["bull"].final("value_per_share"))
    )
    card = plots.scorecard_chart(comparison)
    assert st.title_of(card).startswith("Scorecard")


def test_real_charts_save_identically(comparison, tmp_path):
    first = plots.save_png(plots.scenario_comparison(comparison), tmp_path / "a.png")
    again = plots.save_png(plots.scenario_comparison(comparison), tmp_path / "b.png")
    assert first.read_bytes() == again.read_bytes()


def test_views_of_the_real_thesis_are_grouped_and_keep_their_colours(comparison):
    import model

    views = model.views(THESIS, n_paths=200, seed=11)
    ax = plots.scenario_comparison(views).axes[0]
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert {"2022 view", "2025 view"} <= set(ticks)
    assert not any(comparison.thesis.name in t for t in ticks)  # "Base case", not "...: name"
    colours = {
        p.get_gid(): p.get_facecolor()
        for p in ax.patches
        if (p.get_gid() or "").startswith("body_")
    }
    other = plots.scenario_comparison(comparison).axes[0]
    for p in other.patches:
        if p.get_gid() in colours:
            assert p.get_facecolor() == colours[p.get_gid()]


def test_tornado_of_the_real_thesis_reads_in_analysts_units(comparison):
    import re

    import model

    found = model.sensitivity(THESIS, method="tornado")
    fig = plots.tornado_chart(found, result=comparison["base"], top=None)
    texts = [t.get_text() for t in fig.axes[0].texts]
    frame = found.to_frame()
    by_input = {}
    for t in fig.axes[0].texts:
        by_input.setdefault(t.get_gid(), []).append(t.get_text())
    for row in frame.itertuples():
        shown = by_input[f"value_{row.input}"]
        if row.unit in ("%", "share") and getattr(row, "kind", "variable") == "variable":
            assert all(s.endswith("%") for s in shown), (row.input, shown)
    if "rerating_happens" in set(frame["input"]):
        assert by_input["value_rerating_happens"] == ["no", "yes"]
    assert not [t for t in texts if re.search(r"\d\.\d\d years|\d\.\d{3,}", t)]
    assert "central case" in st.title_of(fig)
