"""A label with an acronym keeps its capitals inside a chart's sentence: "What moves group
EBIT", not "group ebit"; a year named FY2030 stays FY2030."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts
from model.charts.style import title_of

ROOT = Path(__file__).resolve().parents[2]
JAPAN = ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml"


@pytest.fixture(scope="module")
def march():
    thesis = model.load_thesis(JAPAN)
    return thesis, model.simulate(thesis, n_paths=400, seed=4, keep_inputs=True)


def _title(fig) -> str:
    return " ".join(title_of(fig).split())


@pytest.mark.parametrize("method", ["tornado", "rank"])
def test_sensitivity_titles_keep_acronyms(march, method):
    thesis, result = march
    sized = {"n_paths": 400} if method == "rank" else {}  # the tornado draws no paths
    found = model.sensitivity(thesis, method=method, output="ebit", seed=4, **sized)
    draw = charts.tornado_chart if method == "tornado" else charts.rank_correlation_bars
    for fig in (draw(found, result=result), draw(found)):
        try:
            title = _title(fig)
            assert "EBIT" in title, title
            assert "ebit" not in title
            assert "fy" not in title
        finally:
            plt.close(fig)


def test_a_plain_label_still_reads_in_lower_case(march):
    thesis, result = march
    fig = charts.tornado_chart(model.sensitivity(thesis, method="tornado"), result=result)
    try:
        assert "What moves value per share" in _title(fig)
    finally:
        plt.close(fig)
