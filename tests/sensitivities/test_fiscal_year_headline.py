"""A sensitivity of a thesis whose years end on another day than 31 December names the year
analysed as a fiscal year, as the simulation's own views do."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
JAPAN = ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml"
AMAZON = ROOT / "assumptions" / "amazon.yaml"


@pytest.fixture(scope="module")
def march():
    return model.load_thesis(JAPAN)


@pytest.mark.parametrize("method", ["tornado", "rank"])
def test_repr_and_view_say_fy(march, method):
    sized = {"n_paths": 300} if method == "rank" else {}  # the tornado draws no paths
    found = model.sensitivity(march, method=method, seed=2, **sized)
    last = found.year
    assert last is not None
    for text in (repr(found), found._repr_html_()):
        assert f"FY{last}" in text
        assert f"in {last}" not in text


def test_tornado_chart_without_a_run_says_fy(march):
    found = model.sensitivity(march, method="tornado")
    fig = charts.tornado_chart(found)
    try:
        fig.canvas.draw()
        text = " ".join(" ".join(t.get_text() for t in fig.findobj(plt.Text)).split())
        assert f"FY{found.year}" in text
    finally:
        plt.close(fig)


def test_december_theses_keep_the_plain_year():
    found = model.sensitivity(model.load_thesis(AMAZON), method="tornado")
    assert f"in {found.year}" in repr(found)
    assert "FY" not in repr(found)
