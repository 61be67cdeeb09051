"""A segment with a long name of its own: its fan and market-share charts keep the y label
(the segment's name and unit, along the plot's height) on the figure and off the headline and
the footnote, wrapped to the plot's height, on a chart's own figure and on a caller's."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest
import yaml

import model
from model import charts
from model.cli.authoring import init_thesis

LONG = "Industrial automation services for semiconductor and automotive plants in Asia"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    path = init_thesis("Long Names Robotics", folder, "segments")
    thesis = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    thesis["model"]["blocks"]["services"]["label"] = LONG
    Path(path).write_text(yaml.safe_dump(thesis, sort_keys=False), encoding="utf-8")
    return model.simulate(path, n_paths=300, seed=5)


@pytest.mark.parametrize("chart", ["fan_market_services", "fan_revenue_services", "share"])
def test_a_long_segment_name_stays_on_the_figure(result, chart):
    draw = {
        "fan_market_services": lambda ax=None: charts.fan_chart(result, "market_services", ax),
        "fan_revenue_services": lambda ax=None: charts.fan_chart(result, "revenue_services", ax),
        "share": lambda ax=None: charts.share_paths(result, "services", ax),
    }[chart]
    own = draw()
    fig, ax = plt.subplots(figsize=(8, 5), layout="constrained")
    try:
        draw(ax)
        for figure in (own, fig):
            label = figure.axes[0].yaxis.label.get_text()
            assert LONG.split()[-1] in label.replace("\n", " ")  # kept whole, wrapped
            problems = [str(p) for p in charts.review_chart(figure)]
            assert [p for p in problems if "y label" in p] == []
        # Nothing off the figure or on other text.
        off = [p for p in charts.review_chart(own) if p.kind.value in ("outside", "overlap")]
        assert [str(p) for p in off] == []
    finally:
        plt.close(fig)
