"""The notebook view's histogram shows the value its headline measures against the price."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import model
from model.results.display import svg_histogram

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


def test_a_thesis_with_a_cost_of_equity_draws_todays_value_against_the_price():
    result = model.simulate(EXAMPLES / "copper-miner.yaml", n_paths=1_000, seed=1)
    html = result._repr_html_()
    assert "P(value &gt; price 4.2)" in html  # the headline: today's value against the price
    # The histogram drew the year-end 2031 value, undiscounted, against today's price: far
    # more of it above the line than the headline's P(value > price).
    assert "value today (held to FY2031) (AUD/share)" in html
    today = result.final("value_today_by_year")
    expected = svg_histogram(today, marker=4.2, marker_label="price 4.2", unit="AUD/share")
    assert expected in html
    assert not np.allclose(today, result.final("value_per_share"))


def test_a_thesis_without_one_draws_value_per_share():
    result = model.simulate(
        EXAMPLES / "regional-bank.yaml", n_paths=1_000, seed=1, keep=["value_per_share"]
    )
    assert "value_per_share in 2030 (USD/share)" in result._repr_html_()
