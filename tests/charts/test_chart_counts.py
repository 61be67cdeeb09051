"""Counts a chart takes (bins, checkpoints, top, dpi) are checked before numpy or matplotlib
see them: a bad one is the project's ChartOptionError, a huge one never runs for minutes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import model
from model import charts
from model.charts.style import ChartOptionError, render_png

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
BAD = [0, -5, 1.5, "3", True, None]


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


@pytest.fixture(scope="module")
def result(thesis):
    return model.simulate(thesis, n_paths=200, seed=1)


@pytest.mark.parametrize("bins", [*BAD, 10**7])
def test_histogram_bins(result, bins):
    start = time.perf_counter()
    with pytest.raises(ChartOptionError, match="bins must be a whole number from 1 to 1,000"):
        charts.value_distribution(result, bins=bins)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("checkpoints", [*BAD, 1, 10**8])
def test_convergence_checkpoints(result, checkpoints):
    with pytest.raises(ChartOptionError, match="checkpoints must be a whole number from 2"):
        charts.convergence(result, checkpoints=checkpoints)


@pytest.mark.parametrize("top", [0, -1, 1.5, "3", True])
def test_top_rows_of_a_sensitivity_chart(thesis, top):
    tornado = model.sensitivity(thesis, method="tornado")
    with pytest.raises(ChartOptionError, match="top must be a whole number of at least 1"):
        charts.tornado_chart(tornado, top=top)


@pytest.mark.parametrize("dpi", [0, -1, 19, 601, 100_000, 150.0, None])
def test_dpi_of_a_saved_chart(result, tmp_path, dpi):
    fig = charts.fan_chart(result, "value_per_share")
    with pytest.raises(ChartOptionError, match="dpi must be a whole number from 20 to 600"):
        charts.save_png(fig, tmp_path / "fan.png", dpi=dpi)
    with pytest.raises(ChartOptionError, match="dpi must be a whole number"):
        render_png(fig, dpi=dpi)
    assert not (tmp_path / "fan.png").exists()


def test_counts_in_range_still_draw(thesis, result, tmp_path):
    charts.value_distribution(result, bins=1)
    charts.value_distribution(result, bins=1_000)
    charts.convergence(result, checkpoints=2)
    charts.tornado_chart(model.sensitivity(thesis, method="tornado"), top=10**6)
    assert charts.save_png(charts.fan_chart(result, "value_per_share"), tmp_path / "a.png", dpi=20)
