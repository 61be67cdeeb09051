"""The one-line repr of what the price implies writes the assumption and the target in their
units, as the notebook view and the console do."""

from __future__ import annotations

from pathlib import Path

import model

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


def test_a_growth_rate_reads_as_a_percentage_and_the_price_in_its_unit():
    thesis = model.load_thesis(EXAMPLES / "japan-conglomerate.yaml")
    found = model.implied(thesis, solve_for="trading_growth", n_paths=0)
    text = repr(found)
    # A fraction printed as 0.0109 beside the notebook's "1.09%".
    assert f"trading_growth={found.fmt(found.value)}" in text
    assert found.fmt(found.value).endswith("%")
    assert f"central {found.fmt(found.central)}" in text
    assert "= 1,250 JPY/share" in text


def test_an_amount_carries_its_unit():
    thesis = model.load_thesis(EXAMPLES / "copper-miner.yaml")
    found = model.implied(thesis, solve_for="copper_long_run", n_paths=0)
    assert " USD/t for value_today = 4.2 AUD/share;" in repr(found)
