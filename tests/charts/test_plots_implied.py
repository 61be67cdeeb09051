"""The implied-value chart: the thesis' distribution, the implied value and the target curve."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure

from model.charts import implied_value
from model.valuation.finance.implied import implied

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def result():
    return implied(THESIS, "wacc", bounds=(0.05, 0.3))


def test_chart_marks_the_implied_and_central_values(result):
    fig = implied_value(result)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    xs = sorted(float(line.get_xdata()[0]) for line in ax.lines if len(line.get_xdata()) == 2)
    assert np.allclose(xs, sorted([result.central, result.value]))
    assert "What the price implies for wacc" in fig._suptitle.get_text()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(f"implied by the price: {result.value:.2%}" in t for t in labels)
    # The target curve crosses the price line at the implied value.
    tw = fig.axes[1]
    curve = tw.lines[0]
    y_at = np.interp(result.value, curve.get_xdata(), curve.get_ydata())
    assert y_at == pytest.approx(result.equals, rel=5e-3)


def test_chart_draws_into_the_callers_axes(result):
    fig = Figure()
    ax = fig.add_subplot()
    assert implied_value(result, ax, show_target=False) is fig
    assert len(fig.axes) == 1 and ax.get_title(loc="left").startswith("What the price implies")
    assert mpl.get_backend()  # nothing shown, nothing registered with pyplot
