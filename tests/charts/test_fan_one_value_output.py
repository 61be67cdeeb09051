"""A fan chart of an output with one value a path is refused, pointing at the histogram."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model.charts import ChartOptionError, fan_chart, value_distribution

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=1)


@pytest.mark.parametrize("name", ["value_today", "exit_ev_sales", "tax_rate"])
def test_one_value_output_is_refused_before_drawing(result, name) -> None:
    fig, ax = plt.subplots()
    try:
        with pytest.raises(ChartOptionError, match=rf"'{name}' has one value a path") as info:
            fan_chart(result, name, ax=ax)
        assert f"value_distribution(result, '{name}')" in str(info.value)
        assert not ax.collections and not ax.lines  # nothing half-drawn on the caller's axes
    finally:
        plt.close(fig)


def test_the_histogram_it_points_at_draws_it(result) -> None:
    fig = value_distribution(result, "value_today")
    assert fig.axes and fig.axes[0].patches
