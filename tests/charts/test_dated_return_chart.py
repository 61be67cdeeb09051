"""The report's return chart shows the return the tables give: over real dates, from the price."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
MINER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.fixture(scope="module")
def comparison():
    thesis = model.load_thesis(MINER)
    return model.compare(thesis, ["base", "bull", "bear"], n_paths=2_000, seed=9)


def test_the_scenario_return_chart_is_the_dated_return_of_the_tables(comparison):
    fig = charts.standard_charts(comparison)["scenarios_return"]
    ax = fig.axes[0]
    # Price of 30 September 2025; FY2031 ends on 30 June 2031 (a June year end).
    assert ax.get_xlabel() == "Annualised return, 30 Sep 2025 to 30 Jun 2031 (% a year)"
    notes = " ".join(t.get_text() for t in ax.texts)
    for name in ("base", "bull", "bear"):
        result = comparison[name]
        dated = np.median(result.final("return_dated"))
        table = result.returns_table().loc[result.exit_year, "return_p50"]
        assert dated == pytest.approx(table, rel=1e-12)
        assert f"median {100 * dated:.1f}%" in notes
    assert charts.review_chart(fig) == []
