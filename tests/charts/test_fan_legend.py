"""A fan chart's legend takes a corner the bands leave free: a series the zero line holds near
the top (a share count growing 1% a year) keeps the bottom left free, not the top left."""

from __future__ import annotations

import numpy as np
import pytest
from test_plots import YEARS, make_result

from model import charts as plots


def _legend_covers(name: str, series: np.ndarray) -> list[str]:
    result = make_result(extra={name: series})
    fig = plots.fan_chart(result, name)
    return [p.message for p in plots.review_chart(fig) if "legend sits on" in p.message]


@pytest.mark.parametrize("slope", [0.01, -0.01, 0.0])
def test_a_series_near_the_top_leaves_the_legend_the_bottom(slope: float) -> None:
    t = np.arange(len(YEARS))
    rng = np.random.default_rng(1)
    series = 700.0 * (1.0 + slope) ** t * (1.0 + rng.normal(0.0, 0.002, (400, 1)))
    assert _legend_covers("shares_line", series) == []


def test_a_series_rising_from_low_keeps_the_legend_top_left() -> None:
    t = np.arange(len(YEARS))
    series = 10.0 * 1.5**t * np.ones((400, 1))
    result = make_result(extra={"rising": series})
    fig = plots.fan_chart(result, "rising")
    assert fig.axes[0].get_legend()._loc == 2  # upper left
    assert _legend_covers("rising", series) == []


def test_losses_narrowing_toward_zero_keep_the_legend_off_the_zero_line() -> None:
    # Earnings per share from a deep loss toward break-even, the top band just above zero: the
    # zero line crosses the top quarter, so a top-left legend would sit on it.
    t = np.arange(len(YEARS))
    rng = np.random.default_rng(2)
    centre = -0.7 + 0.6 * t / (len(YEARS) - 1)
    series = centre + rng.normal(0.0, 0.025, (400, 1)) * t
    assert _legend_covers("eps_line", series) == []
