"""The histogram of several scenarios says when it draws year-end values undiscounted against
today's price, as the one-scenario histogram does: "medians 82, 90 against a price of 42.5"
read as upside that the thesis' own cost of equity takes away."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt

import model
from model import charts
from model.charts.style import title_of

ROOT = Path(__file__).resolve().parents[2]


def _title(comparison, output=None) -> str:
    fig = charts.value_distribution(comparison, output)
    try:
        return " ".join(title_of(fig).split())
    finally:
        plt.close(fig)


def test_year_end_values_of_a_thesis_with_a_cost_of_equity_say_undiscounted():
    thesis = model.load_thesis(ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml")
    comparison = model.compare(thesis, ["base", "bear"], n_paths=300, seed=1)
    title = _title(comparison)
    assert "undiscounted" in title
    assert "against a price" not in title


def test_todays_value_is_still_set_against_the_price():
    thesis = model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    comparison = model.compare(thesis, ["base", "bear"], n_paths=300, seed=1)
    assert "undiscounted" in _title(comparison)
    title = _title(comparison, "value_today")
    assert "against a price of" in title
    assert "undiscounted" not in title
