"""A chart handed a near miss says what to pass instead: one scenario of a comparison, the
result rather than its table, and the sensitivity call the README shows."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model import charts
from model.errors import WrongKindError

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml"


@pytest.fixture(scope="module")
def runs():
    thesis = model.load_thesis(THESIS)
    return thesis, model.compare(thesis, ["base", "bear"], n_paths=300, seed=1)


def test_a_comparison_where_one_run_is_drawn_names_a_scenario(runs):
    _, comparison = runs
    with pytest.raises(WrongKindError) as caught:
        charts.fan_chart(comparison, "ebit")
    assert "comparison['base']" in str(caught.value)


def test_a_results_table_names_the_result(runs):
    _, comparison = runs
    with pytest.raises(WrongKindError) as caught:
        charts.scorecard_chart(comparison.scorecard())
    assert "DataFrame" in str(caught.value)
    assert "not its table" in str(caught.value)


@pytest.mark.parametrize(
    "draw, method",
    [
        (charts.tornado_chart, "tornado"),
        (charts.rank_correlation_bars, "rank"),
        (charts.sobol_bars, "sobol"),
    ],
)
def test_sensitivity_charts_name_the_public_call(runs, draw, method):
    _, comparison = runs
    with pytest.raises(WrongKindError) as caught:
        draw(comparison["base"])
    assert f'model.sensitivity(thesis, method="{method}")' in str(caught.value)
