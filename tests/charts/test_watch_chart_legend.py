"""The watch chart's legend never sits on the lowest fact's line."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from model import charts
from model.charts.learning import watch_chart
from model.learning.watchlist import WatchItem, WatchList


def _item(name: str, low: float, high: float) -> WatchItem:
    return WatchItem(
        quantity=f"{name}[2027]",
        label=name.capitalize(),
        unit="GBP m",
        binary=False,
        outcomes=("low", "mid", "high"),
        probs=(0.2, 0.6, 0.2),
        medians=(low, 15.45, high),
        counts=(800, 2400, 800),
        spread=(high - low) / 2,
    )


def _watch(*items: WatchItem) -> WatchList:
    return WatchList("value_today", 2031, "GBP/share", 15.45, items, 4000)


@pytest.mark.parametrize("on_own_figure", [True, False])
def test_two_wide_facts_keep_the_legend_off_their_lines(on_own_figure: bool) -> None:
    # Two facts, each swinging the value across the whole axis: the legend in the lower right
    # corner covered the lowest line and its marker.
    watch = _watch(_item("revenue", 13.9, 17.2), _item("earnings", 14.0, 17.15))
    if on_own_figure:
        fig = watch_chart(watch)
    else:
        fig, ax = plt.subplots(figsize=(10, 4), layout="constrained")
        watch_chart(watch, ax=ax)
    try:
        assert charts.review_chart(fig) == []
    finally:
        plt.close(fig)


def test_a_short_lowest_line_keeps_the_legend_in_its_corner() -> None:
    watch = _watch(_item("revenue", 13.0, 18.0), _item("margin", 15.3, 15.6))
    fig = watch_chart(watch)
    try:
        legend = fig.axes[0].get_legend()
        assert legend is not None and legend._loc == 4  # "lower right"
        assert charts.review_chart(fig) == []
    finally:
        plt.close(fig)


def test_the_axis_names_the_measure_in_words_not_by_its_output_name() -> None:
    # Today's value has no year of its own; the sentences say "the median value today".
    fig = watch_chart(_watch(_item("revenue", 13.0, 18.0)))
    try:
        assert fig.axes[0].get_xlabel() == "Median value today (GBP per share)"
    finally:
        plt.close(fig)
    other = WatchList("eps", 2031, "GBP/share", 1.5, (_item("revenue", 1.0, 2.0),), 4000)
    fig = watch_chart(other)
    try:
        assert fig.axes[0].get_xlabel() == "Median eps in 2031 (GBP per share)"
    finally:
        plt.close(fig)
