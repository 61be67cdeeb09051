"""The scenario box chart gives P(> price) only for a value the price is a yardstick of:
today's value, or the year-end value of a run that states no today's value."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def _notes(fig) -> str:
    return " ".join(t.get_text() for t in fig.axes[0].texts if str(t.get_gid()).startswith("note"))


@pytest.fixture(scope="module")
def comparison():
    return model.compare(BANK, ["base", "bull", "bear"], n_paths=500, seed=1)


def test_a_year_end_value_gives_no_upside_against_todays_price(comparison):
    fig = charts.scenario_comparison(comparison, "value_per_share")
    try:
        # The undiscounted 2030 value against today's price gave a "P(> price)" beside the
        # headline's P(value today > price), another number under the same words.
        assert "P(> price)" not in _notes(fig)
        assert "median" in _notes(fig)
        assert any(line.get_gid() == "price" for line in fig.axes[0].lines)  # still marked
    finally:
        plt.close(fig)


def test_todays_value_keeps_its_upside(comparison):
    fig = charts.scenario_comparison(comparison, "value_today")
    try:
        from model.charts.style import format_probability

        up = comparison["base"].returns().p_upside()
        assert f"P(> price) {format_probability(up.p)}" in _notes(fig)
        assert _notes(fig).count("P(> price)") == 3
    finally:
        plt.close(fig)


def test_a_run_without_todays_value_keeps_it_on_the_year_end_value():
    lean = model.compare(
        BANK, ["base", "bear"], n_paths=500, seed=1, keep=["value_per_share", "book"]
    )
    fig = charts.scenario_comparison(lean, "value_per_share")
    try:
        assert "P(> price)" in _notes(fig)
    finally:
        plt.close(fig)
