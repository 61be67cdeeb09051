"""The watch chart writes its value axis as every other chart does: thousands separated
("2,500 JPY per share", not "2500"), so a value in yen or won reads at a glance."""

from __future__ import annotations

import matplotlib.pyplot as plt

from model.charts.learning import watch_chart
from model.learning.watchlist import WatchItem, WatchList


def _item(name: str, low: float, high: float) -> WatchItem:
    return WatchItem(
        quantity=f"{name}[2027]",
        label=name.capitalize(),
        unit="JPY bn",
        binary=False,
        outcomes=("low", "mid", "high"),
        probs=(0.2, 0.6, 0.2),
        medians=(low, 2_270.0, high),
        counts=(800, 2400, 800),
        spread=(high - low) / 2,
    )


def test_values_in_thousands_have_separators() -> None:
    watch = WatchList(
        "value_today", 2031, "JPY/share", 2_270.0,
        (_item("revenue", 850.0, 3_340.0), _item("margin", 2_150.0, 2_410.0)), 4000,
    )  # fmt: skip
    fig = watch_chart(watch)
    try:
        fig.canvas.draw()
        ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
        big = [t for t in ticks if len(t.replace(",", "").lstrip("−-")) >= 4]
        assert big, ticks
        assert all("," in t for t in big), ticks
    finally:
        plt.close(fig)
