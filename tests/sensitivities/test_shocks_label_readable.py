"""An unlabelled process's yearly shocks read like every other input in the sensitivity
displays: its name made readable ("Copper price (shocks)"), not "copper_price (shocks)"."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

MINER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.fixture(scope="module")
def ranks():
    return model.sensitivity(MINER, method="rank", n_paths=500, seed=1)


def test_the_rank_repr_and_chart_name_the_shocks_readably(ranks):
    # The table makes every unlabelled input's name readable ("Copper long run"): the shocks'
    # too, with their kind.
    table = ranks.to_frame().set_index("input")
    assert table.loc["copper_long_run", "label"] == "Copper long run"
    assert table.loc["copper_price", "label"] == "Copper price (shocks)"
    assert "Copper price (shocks)" in repr(ranks)
    assert "copper_price (shocks)" not in repr(ranks)
    fig = charts.rank_correlation_bars(ranks)
    try:
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert "Copper price (shocks)" in ticks  # beside "Copper long run", not raw
        assert not any("copper_price" in t for t in ticks)
    finally:
        plt.close(fig)
