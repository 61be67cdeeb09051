"""A tornado whose inputs have long labels (events, wrapped to two and three lines) is drawn
tall enough that no label touches the next one.

Two events side by side, "A price war in chemicals (event; not in the central case)" on two
lines and "The European Commission fines the chemicals division (event; in the central case
from 2028)" on three, overlapped at the size the chart chose, in the report itself.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from model import charts
from model.sensitivities.results import TornadoBar, TornadoResult


def _tornado() -> TornadoResult:
    variables = [
        TornadoBar(f"input_{i}", f"Input number {i}", "%", 0.01, 0.02, 70.0 - i, 72.0 + i / 2)
        for i in range(7)
    ]
    events = [
        TornadoBar("price_war", "A price war in chemicals", "share", 0.0, 1.0, 71.1, 68.8,
                   kind="event", event_year=2028),
        TornadoBar("eu_fine", "The European Commission fines the chemicals division", "share",
                   0.0, 1.0, 73.0, 71.1, kind="event", event_year=2027, central_event_year=2028),
        TornadoBar("rival_entry", "A large rival enters the medical devices market in Europe",
                   "share", 0.0, 1.0, 71.1, 69.5, kind="event", event_year=2027),
    ]  # fmt: skip
    tail = [TornadoBar("chem_growth", "Chem growth", "%", -0.05, 0.03, 70.4, 71.9)]
    return TornadoResult("value_per_share", 2030, 71.1, tuple(variables + events + tail))


def test_long_labels_do_not_touch() -> None:
    fig = charts.tornado_chart(_tornado(), unit="EUR/share")
    try:
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert max(t.count("\n") for t in ticks) >= 2  # labels of three lines are drawn
        assert [str(p) for p in charts.review_chart(fig)] == []
    finally:
        plt.close(fig)


@pytest.mark.parametrize("size", [(6.0, 4.0), (10.0, 5.0)])
def test_a_smaller_export_still_refits(size) -> None:
    fig = charts.tornado_chart(_tornado(), unit="EUR/share")
    try:
        fig.set_size_inches(*size)
        problems = charts.review_chart(fig)
        assert [str(p) for p in problems if p.kind.value in ("outside", "overlap")] == []
    finally:
        plt.close(fig)


def test_short_labels_keep_the_size_they_had() -> None:
    bars = tuple(
        TornadoBar(f"input_{i}", f"Input {i}", "%", 0.01, 0.02, 70.0 - i, 72.0 + i)
        for i in range(5)
    )
    fig = charts.tornado_chart(TornadoResult("value_per_share", 2030, 71.0, bars))
    try:
        assert tuple(fig.get_size_inches()) == (10.0, 4.0)
    finally:
        plt.close(fig)
