"""The tornado's quantile levels read as given in its printout, chart legend and footnote, as
its repr words them: 2.5% / 97.5%, not rounded to whole percents (2% / 98%)."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pytest

import model
from model.charts.base.input_words import legend_texts
from model.export.console import print_tornado

LEVELS = [(0.025, 0.975, "2.5%", "97.5%"), (0.0001, 0.9999, "0.01%", "99.99%"),
          (0.1, 0.9, "10%", "90%")]  # fmt: skip


@pytest.mark.parametrize(("low", "high", "low_text", "high_text"), LEVELS)
def test_the_printout_names_the_levels_used(linear_thesis, low, high, low_text, high_text):
    found = model.sensitivity(linear_thesis, output="sales", low=low, high=high)
    out = io.StringIO()
    print_tornado(found, out)
    said = " ".join(out.getvalue().split())
    assert f"a variable from its {low_text} to its {high_text} quantile" in said, said


@pytest.mark.parametrize(("low", "high", "low_text", "high_text"), LEVELS)
def test_the_chart_names_the_levels_used(linear_thesis, low, high, low_text, high_text):
    found = model.sensitivity(linear_thesis, output="sales", low=low, high=high)
    fig = model.charts.tornado_chart(found)
    try:
        entries = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        foot = " ".join(fig.texts[-1].get_text().split())
    finally:
        plt.close(fig)
    assert f"Input at its {low_text} quantile" in entries, entries
    assert f"Input at its {high_text} quantile" in entries, entries
    assert f"variables at their {low_text} / {high_text} quantiles" in foot, foot


def test_the_legend_beside_events_names_the_levels_used():
    low, high = legend_texts(0.025, 0.975, variables=True, events=True)
    assert low.startswith("Variable at its 2.5% quantile;"), low
    assert high.startswith("Variable at its 97.5% quantile;"), high
