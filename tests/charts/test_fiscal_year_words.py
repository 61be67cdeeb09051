"""Charts of a thesis whose years do not end in December name them as fiscal years.

The notebook view and the console say "FY2030" for a year ending 31 March 2030; a chart of
the same run that says "in 2030" reads as the calendar year.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
JAPAN = ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml"


@pytest.fixture(scope="module")
def march():
    thesis = model.load_thesis(JAPAN)
    return thesis, model.simulate(thesis, n_paths=400, seed=5)


def _texts(fig) -> str:
    fig.canvas.draw()
    found = [t.get_text() for t in fig.findobj(plt.Text)]
    return " ".join(" ".join(found).split())


@pytest.mark.parametrize("chart", ["fan", "histogram", "convergence", "tornado"])
def test_march_year_end_charts_say_fy(march, chart):
    thesis, result = march
    last = result.years[-1]
    if chart == "fan":
        fig = charts.fan_chart(result, "ebit")
    elif chart == "histogram":
        fig = charts.value_distribution(result)
    elif chart == "convergence":
        fig = charts.convergence(result, "value_per_share")
    else:
        fig = charts.tornado_chart(model.sensitivity(thesis, method="tornado"), result=result)
    try:
        text = _texts(fig)
        assert f"FY{last}" in text
        assert f"in {last}" not in text
    finally:
        plt.close(fig)


def test_december_year_end_charts_keep_plain_years(tmp_path):
    thesis = model.load_thesis(ROOT / "assumptions" / "amazon.yaml")
    result = model.simulate(thesis, n_paths=300, seed=5)
    fig = charts.value_distribution(result)
    try:
        text = _texts(fig)
        assert f"in {result.years[-1]}" in text
        assert "FY" not in text
    finally:
        plt.close(fig)
