"""Charts drawn on a caller's grid of subplots keep their text inside their own cell once a
layout engine (``layout="tight"``, ``layout="constrained"``, a later ``fig.tight_layout()``)
has placed them: titles, x labels, legends and input labels neither run off the figure nor
into the next subplot, and a tornado's input labels do not run into its values."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

import model
from model import charts
from model.sensitivities import sensitivity

matplotlib.use("Agg")

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"
COPPER = EXAMPLES / "copper-miner.yaml"
BANK = EXAMPLES / "regional-bank.yaml"


@pytest.fixture(scope="module")
def runs():
    thesis = model.load_thesis(COPPER)
    result = model.simulate(thesis, n_paths=300, seed=1)
    comparison = model.compare(thesis, n_paths=300, seed=1)
    return result, comparison, sensitivity(thesis)


def _grid(runs, layout: str | None) -> Figure:
    result, comparison, tornado = runs
    fig, axs = plt.subplots(2, 2, figsize=(10, 7), layout=layout if layout != "after" else None)
    charts.fan_chart(result, ax=axs[0, 0])
    charts.value_distribution(comparison, ax=axs[0, 1])
    charts.scenario_comparison(comparison, ax=axs[1, 0])
    charts.tornado_chart(tornado, ax=axs[1, 1], result=result)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a layout engine that gives up says so in a warning
        if layout == "after":
            fig.tight_layout()
        fig.draw_without_rendering()
    return fig


def _texts(ax) -> list[tuple[str, Bbox]]:
    renderer = ax.figure.canvas.get_renderer()
    parts = [ax.title, ax._left_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
    for axis in (ax.xaxis, ax.yaxis):  # the ticks drawn: those in the view
        low, high = sorted(axis.get_view_interval())
        ticks = zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=True)
        parts += [label for at, label in ticks if low <= at <= high and label.get_visible()]
    out = [(p.get_text(), p.get_window_extent(renderer)) for p in parts if p.get_text()]
    if ax.get_legend() is not None:
        out.append(("legend", ax.get_legend().get_window_extent(renderer)))
    return out


@pytest.mark.parametrize("layout", ["tight", "constrained", "after"])
def test_text_stays_in_its_own_cell(runs, layout):
    fig = _grid(runs, layout)
    width, height = fig.get_size_inches() * fig.dpi
    for ax in fig.axes:
        others = [o.get_window_extent() for o in fig.axes if o is not ax]
        for text, box in _texts(ax):
            where = f"{text[:40]!r} {box.bounds}"
            assert box.x0 >= -1 and box.y0 >= -1, where
            assert box.x1 <= width + 1 and box.y1 <= height + 1, where
            assert not any(box.overlaps(other) for other in others), where
    plt.close(fig)


@pytest.fixture(scope="module")
def bank_runs():
    thesis = model.load_thesis(BANK)
    # (400 paths: the value histogram's legend then notes a cut tail, one line more above it)
    result = model.simulate(thesis, n_paths=400, seed=1)
    comparison = model.compare(thesis, n_paths=400, seed=1)
    return result, comparison, sensitivity(thesis)


@pytest.mark.parametrize("layout", ["tight", "constrained", "after"])
def test_no_label_runs_into_a_title_a_legend_or_another_label(runs, layout):
    fig = _grid(runs, layout)
    problems = charts.review_chart(fig)
    plt.close(fig)
    bad = [
        p.message
        for p in problems
        if p.kind.value in ("outside", "overlap") and not p.message.startswith("note ")
    ]
    assert bad == []


def test_a_chart_on_its_own_figure_is_unchanged(runs):
    # Only a caller's subplot is fitted: the chart's own figure keeps its long labels.
    _, _, tornado = runs
    fig = charts.tornado_chart(tornado, result=runs[0])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any("(event; not in the central case)" in label.replace("\n", " ") for label in labels)


@pytest.mark.parametrize("layout", ["tight", "constrained", "after"])
def test_a_small_cell_sets_its_input_labels_to_their_rows(bank_runs, layout):
    # Six inputs in a tornado whose cell leaves each row little height: each label keeps to
    # its row (one line, smaller), rather than running into the next.
    fig = _grid(bank_runs, layout)
    problems = [p.message for p in charts.review_chart(fig) if p.kind.value == "overlap"]
    plt.close(fig)
    assert [m for m in problems if m.startswith("y tick")] == []
