"""Charts of hundreds of scenarios keep a legend that fits: a few named, the rest counted.

A grid of scenarios (one per assumed margin, say) gave the CDF and scorecard legends one entry
per scenario: hundreds of entries ran off the figure. The charts now name a few scenarios (the
base case and those with the lowest and highest medians first), draw the others in grey and
count them in one last entry, the same way on every call.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from model import charts

GRID = 150


@pytest.fixture(scope="module")
def comparison(exit_multiple_grid):
    return exit_multiple_grid(GRID, 100)


def legend_texts(fig) -> list[str]:
    legend = fig.axes[0].get_legend()
    return [t.get_text() for t in legend.get_texts()]


@pytest.mark.parametrize(
    "draw",
    [
        lambda c: charts.scenario_comparison(c, kind="cdf"),
        lambda c: charts.scorecard_chart(c),
    ],
    ids=["cdf", "scorecard"],
)
def test_a_grid_of_scenarios_keeps_a_legend_on_the_figure(comparison, draw):
    fig = draw(comparison)
    again = draw(comparison)
    try:
        texts = legend_texts(fig)
        entries = [t for t in texts if not t.startswith("Price")]
        named = len(entries) - 1
        assert entries[-1] == f"and {GRID + 1 - named} more scenarios"
        assert 3 <= named < 12
        assert texts == legend_texts(again)  # the same scenarios named every time
        assert [str(p) for p in charts.review_chart(fig)] == []
        # A readable size: not a figure hundreds of scenarios tall.
        assert fig.get_figheight() < 12
    finally:
        plt.close(fig)
        plt.close(again)


def test_the_cdf_names_the_base_and_the_extremes(comparison):
    fig = charts.scenario_comparison(comparison, kind="cdf")
    try:
        entries = " ".join(legend_texts(fig))
        for text in ("Base case", "3.00x", f"{3 + 0.05 * (GRID - 1):.2f}x"):
            assert text in entries
        assert "Exit EV/sales of 5.00x" not in entries  # one of the grey crowd
    finally:
        plt.close(fig)
