"""The distribution charts draw a kept input as the result's tables do, and refuse a year for an
output that has one value a path instead of drawing the exit year's values under it."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import model
from model import charts
from model.charts import ChartOptionError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=1, progress=False)


def test_an_input_is_drawn_like_an_output(result):
    fig = charts.value_distribution(result, "growth_early")
    counts = sum(p.get_height() for p in fig.axes[0].patches)
    assert counts == pytest.approx(np.isfinite(result.final("growth_early")).sum(), abs=10)
    assert charts.convergence(result, "growth_early").axes
    plt.close("all")


@pytest.mark.parametrize("chart", [charts.value_distribution, charts.convergence])
def test_a_year_for_a_one_value_output_is_refused(result, chart):
    with pytest.raises(ChartOptionError, match=r"'value_today' has one value a path") as info:
        chart(result, "value_today", year=result.years[2])
    assert "value_today_by_year" in str(info.value)
    # The exit year, or no year, is that one value.
    assert chart(result, "value_today", year=result.exit_year).axes
    plt.close("all")


def test_an_input_is_not_said_to_be_held_to_a_year(result):
    with pytest.raises(ChartOptionError, match=r"'growth_early' has one value a path, not") as info:
        charts.value_distribution(result, "growth_early", year=result.years[2])
    assert "held to" not in str(info.value)
    with pytest.raises(ChartOptionError, match=r"value a path \(held to \d{4}\)"):
        charts.value_distribution(result, "value_today", year=result.years[2])
