"""A box chart of returns a year says its diamond is the mean of the paths' annual returns, not
the expected return a year of the tables (which annualises the mean total return)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import model
from model.charts.scenarios import scenario_comparison

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_the_diamond_of_a_return_a_year_is_not_called_the_expected_return() -> None:
    comparison = model.compare(model.load_thesis(TEMPLATE), n_paths=500, seed=1, progress=False)
    returns = _texts(scenario_comparison(comparison, "return_dated"))
    assert "diamond: mean of the paths' returns a year, not the expected return a year" in returns
    values = _texts(scenario_comparison(comparison, "value_per_share"))
    assert "diamond: mean." in values
