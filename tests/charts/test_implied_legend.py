"""The implied-value chart's legend sits above the plot: the thesis' density fills the axes
from side to side, so a legend in a corner inside covers it."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from model.charts import implied_value, review_chart
from model.valuation.finance.implied import implied

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def result():
    return implied(THESIS, "margin_target")


@pytest.mark.parametrize("show_target", [True, False])
def test_the_legend_covers_neither_the_density_nor_the_lines(result, show_target):
    fig = implied_value(result, show_target=show_target)
    assert review_chart(fig) == []


def test_on_the_callers_axes_the_title_clears_the_legend(result):
    fig, ax = plt.subplots(figsize=(10, 6), layout="constrained")
    implied_value(result, ax=ax)
    assert review_chart(fig) == []
    plt.close(fig)
