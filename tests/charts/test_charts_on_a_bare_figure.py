"""Charts drawn into the axes of a bare :class:`~matplotlib.figure.Figure` (made without pyplot,
as the package's own charts are): its canvas has no renderer of its own to measure text with,
which made the input charts fail with an AttributeError."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

import model
from model import charts
from model.sensitivities import sensitivity

COPPER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.fixture(scope="module")
def run():
    thesis = model.load_thesis(COPPER)
    return thesis, model.simulate(thesis, n_paths=300, seed=2)


def test_a_tornado_draws_on_a_bare_figure(run):
    thesis, result = run
    fig = Figure(figsize=(6, 4), layout="constrained")
    ax = fig.add_subplot()
    assert charts.tornado_chart(sensitivity(thesis), ax=ax, result=result) is fig
    assert ax.get_yticklabels()


def test_rank_bars_draw_on_a_bare_figure(run):
    _, result = run
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    rank = sensitivity(result, method="rank")
    assert charts.rank_correlation_bars(rank, ax=ax, result=result) is fig


def test_a_tornado_draws_on_a_subfigure(run):
    thesis, result = run
    fig = Figure(figsize=(10, 4), layout="constrained")
    left, _ = fig.subfigures(1, 2)
    ax = left.add_subplot()
    charts.tornado_chart(sensitivity(thesis), ax=ax, result=result)
    assert ax.get_yticklabels()
